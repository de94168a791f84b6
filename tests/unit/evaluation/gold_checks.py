"""Checks every gold file must pass (shared by the dev2, test and check5k gold tests)."""

from __future__ import annotations


def assert_labels_in_text(records: list[dict], texts: dict[str, str], *, actors: bool = True) -> None:
    """Triggers, place names (and actor names) of ``records`` are spans of their article's
    ``texts[article_id]`` (title + text)."""
    for r in records:
        full = texts[r["article_id"]]
        for e in r["events"]:
            assert e["trigger"] in full, (r["article_id"], e["trigger"])
            for loc in e["locations"]:
                assert loc["text"] is None or loc["text"] in full, (r["article_id"], loc["text"])
            if actors:
                for a in e["actors"]:
                    assert a["text"] in full, (r["article_id"], a["text"])


KINDS = {"killed", "injured"}
GROUPS = {"civilians", "children", "fighters", "soldiers", "people"}
ROLES = {"initiator", "target"}
RECORD_KEYS = {"article_id", "source_file", "published", "group_id", "events", "notes"}
EVENT_KEYS = {"type", "trigger", "locations", "date", "date_text", "casualties", "actors", "reported_by"}


def assert_record_format(r: dict, *, source_file: str, types: set[str]) -> None:
    """One gold record has the gold format (gold/GUIDELINES.md section 3): its keys, an event
    type of ``types``, a short trigger, located events (ISO2 countries), ISO dates, casualty
    entries (kind, positive count, group, at_least) and actors with a role."""
    import datetime as dt
    import re

    aid = r["article_id"]
    assert set(r) == RECORD_KEYS, aid
    assert r["source_file"] == source_file, aid
    assert isinstance(r["notes"], str) and r["notes"].strip(), aid
    for e in r["events"]:
        assert set(e) == EVENT_KEYS, aid
        assert e["type"] in types, (aid, e["type"])
        assert e["trigger"] and len(e["trigger"].split()) <= 6, (aid, e["trigger"])
        assert e["locations"], f"{aid}: every event has at least a country"
        for loc in e["locations"]:
            assert set(loc) == {"text", "country"}, (aid, loc)
            assert re.fullmatch(r"[A-Z]{2}", loc["country"]), (aid, loc)
        if e["date"] is not None:
            dt.date.fromisoformat(e["date"])
        for c in e["casualties"]:
            assert set(c) == {"kind", "count", "group", "at_least"}, (aid, c)
            assert c["kind"] in KINDS and c["group"] in GROUPS, (aid, c)
            assert isinstance(c["count"], int) and c["count"] > 0, (aid, c)
            assert isinstance(c["at_least"], bool), (aid, c)
        for a in e["actors"]:
            assert set(a) == {"text", "role"} and a["role"] in ROLES and a["text"], (aid, a)


def load_jsonl(path) -> list[dict]:
    """The JSON objects of the non-blank lines of ``path`` (a gold or corpus file)."""
    import json

    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_selection_script(name: str):
    """The module ``gold/<name>.py`` (a selection script; gold/ is not a package)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[3] / "gold" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod
