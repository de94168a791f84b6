"""Checks every gold file must pass (shared by the dev2 and test gold tests)."""

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
