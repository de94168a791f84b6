# Marsad worker image: the `marsad` command (worker, produce, topics, db, ...).
# Built by docker-compose.yml (service `worker`); usable alone:
#   docker build -t marsad .
#   docker run --rm -e MARSAD_BROKER=host:9092 -e MARSAD_DB_URL=postgresql+psycopg2://... marsad
# The local-broker tooling (`marsad broker`, Java + Maven) is not needed in the image:
# Kafka runs in its own container (apache/kafka).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /src
# Only what the package needs (keeps .venv, .git, .marsad and test output out of the image).
COPY pyproject.toml README.md ./
COPY marsad ./marsad
COPY producers ./producers
COPY agents ./agents
COPY schemas ./schemas
COPY arabic ./arabic
COPY dedup ./dedup
COPY bench ./bench

# A regular (non-editable) install, then camel-tools without its heavy dependency set
# (torch, transformers): only its text utilities are used (see pyproject.toml).
RUN pip install . \
 && pip install --no-deps camel-tools==1.6.0 \
 && rm -rf /src \
 && useradd --create-home --uid 10001 --shell /usr/sbin/nologin marsad

USER marsad
# Writable working dir: `marsad produce --feed` keeps its state in ./.marsad/.
WORKDIR /home/marsad

# Settings come from the environment (MARSAD_BROKER, MARSAD_DB_URL, ...); see `marsad --help`.
CMD ["marsad", "worker"]
