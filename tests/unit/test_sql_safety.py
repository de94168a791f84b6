"""Security invariants checked statically.

* SQL goes through SQLAlchemy constructs with bound parameters: no SQL string is built
  by formatting (f-string, ``%``, ``+``, ``.format``) and handed to ``execute``,
  ``text``, ``exec_driver_sql`` or ``executescript`` in the product code. The one
  allowed exception is :func:`schemas.tables.add_missing_columns`, whose ``ALTER TABLE``
  takes table, column and type names from our own :data:`schemas.tables.metadata`
  (never from input); DDL cannot bind identifiers as parameters.
* docker-compose publishes every port on 127.0.0.1 only.
"""

from __future__ import annotations

import ast
import re
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("marsad", "agents", "schemas", "dedup", "producers", "arabic", "bench")
SQL_CALLS = {"execute", "text", "exec_driver_sql", "executescript", "executemany"}
#: (file, function) allowed to build DDL from our own metadata's identifiers
ALLOWED = {("schemas/tables.py", "add_missing_columns")}


def _is_formatted(node: ast.AST) -> bool:
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.FormattedValue) for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mod, ast.Add)):
        return _is_stringy(node.left) or _is_stringy(node.right) or _is_formatted(node.left) or _is_formatted(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("format", "join"):
        return True
    return False


def _is_stringy(node: ast.AST) -> bool:
    return (isinstance(node, ast.Constant) and isinstance(node.value, str)) or isinstance(node, ast.JoinedStr)


def _call_name(call: ast.Call) -> str | None:
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else None


def formatted_sql(path: Path) -> list[tuple[str, int, str]]:
    """(function, line, source) of each SQL call whose statement is a formatted string,
    directly or through a local variable assigned one in the same function."""
    source = path.read_text(encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tree = ast.parse(source)
    found = []

    def visit(scope: ast.AST, name: str) -> None:
        nodes, stack = [], list(ast.iter_child_nodes(scope))
        while stack:  # this scope's nodes, not those of nested functions
            n = stack.pop()
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
                visit(n, n.name)
                continue
            nodes.append(n)
            stack.extend(ast.iter_child_nodes(n))
        formatted_names = {t.id for n in nodes if isinstance(n, ast.Assign) and _is_formatted(n.value)
                           for t in n.targets if isinstance(t, ast.Name)}
        for node in nodes:
            if isinstance(node, ast.Call) and _call_name(node) in SQL_CALLS and node.args:
                arg = node.args[0]
                if isinstance(arg, ast.Call) and _call_name(arg) == "text" and arg.args:
                    arg = arg.args[0]
                if _is_formatted(arg) or (isinstance(arg, ast.Name) and arg.id in formatted_names):
                    found.append((name, node.lineno, ast.get_source_segment(source, node) or ""))

    visit(tree, "<module>")
    first: dict[tuple[str, int], str] = {}
    for name, line, src in sorted(found, key=lambda f: (f[0], f[1], -len(f[2]))):
        first.setdefault((name, line), src)  # one finding per line (the outermost call)
    return [(name, line, src) for (name, line), src in sorted(first.items())]


def test_no_formatted_sql_in_product_code():
    offenders = []
    for pkg in PACKAGES:
        for path in sorted((ROOT / pkg).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            for func, line, src in formatted_sql(path):
                if (rel, func) not in ALLOWED:
                    offenders.append(f"{rel}:{line} in {func}: {src[:120]}")
    assert not offenders, "SQL built by string formatting (use SQLAlchemy constructs and bound parameters):\n" + "\n".join(offenders)


def test_the_checker_catches_formatted_sql(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "def a(conn, x):\n    conn.execute(f\"SELECT * FROM t WHERE id = '{x}'\")\n"
        "def b(conn, x):\n    q = 'SELECT * FROM t WHERE id = %s' % x\n    conn.execute(text(q))\n"
        "def c(conn, x):\n    conn.exec_driver_sql('DELETE FROM t WHERE id = ' + x)\n"
        "def d(conn, x):\n    conn.execute(text('SELECT * FROM t WHERE id = :x'), {'x': x})\n"
    )
    assert [f for f, *_ in formatted_sql(bad)] == ["a", "b", "c"]


def test_allowed_ddl_uses_only_metadata_identifiers():
    """The allowed ALTER TABLE formats only names from our own metadata."""
    src = (ROOT / "schemas" / "tables.py").read_text(encoding="utf-8")
    body = src[src.index("def add_missing_columns"):]
    ddl = re.search(r"ddl = (f'.*')", body).group(1)
    assert set(re.findall(r"\{([^}]*)\}", ddl)) == {"table.name", "col.name", "col.type.compile(dialect=engine.dialect)"}
    assert "for table in metadata.sorted_tables" in body and "for col in table.columns" in body


def _compose_ports(text: str) -> list[str]:
    ports, in_ports = [], False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("ports:"):
            in_ports = True
            continue
        if in_ports:
            if stripped.startswith("- "):
                ports.append(stripped[2:].strip().strip("\"'"))
                continue
            in_ports = False
    return ports


def test_docker_compose_binds_to_localhost():
    compose = ROOT / "docker-compose.yml"
    if not compose.is_file():
        pytest.skip("no docker-compose.yml")
    text = compose.read_text(encoding="utf-8")
    ports = _compose_ports(text)
    assert ports, "no published ports found"
    assert all(p.startswith("127.0.0.1:") for p in ports), ports
    assert "network_mode: host" not in text
