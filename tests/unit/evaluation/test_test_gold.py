"""Validity of the held-out test gold file (gold/test/events.jsonl)."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.evaluation.extract_eval import TAXONOMY

from .gold_checks import assert_labels_in_text, assert_record_format, load_jsonl, load_selection_script

ROOT = Path(__file__).resolve().parents[3]
TEST_GOLD = ROOT / "gold" / "test" / "events.jsonl"
DEV_GOLD = ROOT / "gold" / "dev" / "events.jsonl"
CORPUS = ROOT.parent / "shared" / "corpus"
NEARDUP = CORPUS / "saudinewsnet-neardup.jsonl"
needs_corpus = pytest.mark.skipif(not NEARDUP.exists(), reason="corpus not available")



_load = load_jsonl


def _test() -> list[dict]:
    return _load(TEST_GOLD)


def _neardup() -> list[dict]:
    return _load(NEARDUP)


# ---------------------------------------------------------------- format (no corpus needed)

def test_test_gold_format_and_taxonomy():
    records = _test()
    assert len(records) >= 40
    ids = [r["article_id"] for r in records]
    assert len(ids) == len(set(ids)), "article ids are unique"
    for r in records:
        assert_record_format(r, source_file="saudinewsnet-neardup.jsonl", types=set(TAXONOMY))


def test_test_gold_has_variety_and_negatives():
    records = _test()
    types = {e["type"] for r in records for e in r["events"]}
    assert len(types) >= 8
    negatives = [r for r in records if not r["events"]]
    assert 3 <= len(negatives) <= len(records) // 3


def test_no_group_overlap_with_dev():
    dev = _load(DEV_GOLD)
    dev_groups = {r["group_id"] for r in dev if r.get("group_id")}
    dev_ids = {r["article_id"] for r in dev}
    test = _test()
    assert not {r["group_id"] for r in test} & dev_groups
    assert not {r["article_id"] for r in test} & dev_ids


def test_select_script_excludes_every_dev_group():
    mod = load_selection_script("select_test")
    assert not set(mod.CHOSEN) & mod.dev_groups()
    assert set(mod.CHOSEN) == {r["group_id"] for r in _test()}


# ---------------------------------------------------------------- against the corpus

@needs_corpus
def test_test_ids_in_corpus_not_in_5k_one_per_group():
    records = _test()
    wanted = {r["article_id"]: r for r in records}
    arts = {a["id"]: a for a in _neardup() if a["id"] in wanted}
    assert set(arts) == set(wanted), "every test id exists in the near-dup file"
    for aid, r in wanted.items():
        assert arts[aid]["group_id"] == r["group_id"], aid
        assert arts[aid]["published"] == r["published"], aid
    groups = [r["group_id"] for r in records]
    assert len(set(groups)) == len(groups), "one article per group"
    ids5k = {a["id"] for a in _load(CORPUS / "saudinewsnet-5k.jsonl")}
    assert not set(wanted) & ids5k, "no test article is in the 5k file"
    test_groups = set(groups)
    assert not any(a["group_id"] in test_groups and a["id"] in ids5k for a in _neardup()), \
        "no test group has a member in the 5k file"


@needs_corpus
def test_labels_are_written_in_the_article():
    """Triggers, place names and actor names are spans of the article (title + text)."""
    records = _test()
    wanted = {r["article_id"] for r in records}
    texts = {a["id"]: a["title"] + "\n" + a["text"] for a in _neardup() if a["id"] in wanted}
    assert_labels_in_text(records, texts)


@needs_corpus
def test_select_script_reproduces_the_file():
    mod = load_selection_script("select_test")
    assert sorted(mod.chosen_ids(CORPUS)) == sorted(r["article_id"] for r in _test())
