"""Validity of the second development gold file (gold/dev2/events.jsonl, gold/select_dev2.py)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from marsad.evaluation.extract_eval import TAXONOMY

from .gold_checks import assert_labels_in_text, load_jsonl, load_selection_script

ROOT = Path(__file__).resolve().parents[3]
DEV2_GOLD = ROOT / "gold" / "dev2" / "events.jsonl"
DEV_GOLD = ROOT / "gold" / "dev" / "events.jsonl"
TEST_GOLD = ROOT / "gold" / "test" / "events.jsonl"
CORPUS = ROOT.parent / "shared" / "corpus"
NEARDUP = CORPUS / "saudinewsnet-neardup.jsonl"
needs_corpus = pytest.mark.skipif(not NEARDUP.exists(), reason="corpus not available")

RECORD_KEYS = {"article_id", "source_file", "published", "group_id", "events", "notes"}
EVENT_KEYS = {"type", "trigger", "locations", "date", "date_text", "casualties", "actors", "reported_by"}
_MARKS = re.compile("[\u064B-\u0652\u0640]")


_load = load_jsonl


def _select():
    return load_selection_script("select_dev2")


def test_dev2_format():
    records = _load(DEV2_GOLD)
    assert len(records) >= 25
    assert len({r["article_id"] for r in records}) == len(records)
    for r in records:
        assert set(r) == RECORD_KEYS and r["source_file"] == "saudinewsnet-neardup.jsonl"
        assert r["notes"].strip()
        for e in r["events"]:
            assert set(e) == EVENT_KEYS and e["type"] in TAXONOMY
            assert e["trigger"] and len(e["trigger"].split()) <= 6
            assert e["locations"] and all(re.fullmatch(r"[A-Z]{2}", x["country"]) for x in e["locations"])
            if e["date"] is not None:
                dt.date.fromisoformat(e["date"])
            for c in e["casualties"]:
                assert c["kind"] in {"killed", "injured"} and isinstance(c["count"], int) and c["count"] > 0
                assert c["group"] in {"civilians", "children", "fighters", "soldiers", "people"}


def test_no_overlap_with_dev_or_test():
    dev2 = _load(DEV2_GOLD)
    for other in (_load(DEV_GOLD), _load(TEST_GOLD)):
        assert not {r["group_id"] for r in dev2} & {r.get("group_id") for r in other}
        assert not {r["article_id"] for r in dev2} & {r["article_id"] for r in other}
    mod = _select()
    assert set(mod.CHOSEN) == {r["group_id"] for r in dev2}
    assert not set(mod.CHOSEN) & mod.used_groups()


@needs_corpus
def test_labels_are_written_in_the_article_and_the_script_reproduces_the_file():
    records = _load(DEV2_GOLD)
    wanted = {r["article_id"] for r in records}
    texts = {a["id"]: _MARKS.sub("", a["title"] + "\n" + a["text"]) for a in _load(NEARDUP) if a["id"] in wanted}
    assert set(texts) == wanted
    assert_labels_in_text(records, texts, actors=False)  # dev2 does not annotate actors
    assert sorted(_select().chosen_ids(CORPUS)) == sorted(wanted)
