# Two commands (see README):  `make demo`  and  `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup demo test clean-cache

$(VENV)/.installed: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	# camel-tools without its heavy dependency set (torch, transformers): only the
	# light text utilities are used, and they need regex, six and emoji (in pyproject).
	$(BIN)/pip install -q --no-deps camel-tools==1.6.0
	touch $@

## setup: virtualenv in .venv with the `marsad` command, plus the Kafka jars (Maven)
setup: $(VENV)/.installed
	$(BIN)/marsad broker install

## demo: set everything up, run the pipeline on the 5,000 corpus articles into SQLite
demo: setup
	$(BIN)/marsad demo

## test: the whole test suite (unit + integration on a real broker and PostgreSQL)
test: setup
	$(BIN)/python -m pytest -p no:cacheprovider
