"""Validity of the blind check gold file (gold/check5k/events.jsonl, gold/select_check5k.py).

This test does not import the extractor or its evaluator (the split was annotated blind):
the 12 types are those of ``../shared/events.md``.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from .gold_checks import assert_labels_in_text, assert_record_format, load_jsonl, load_selection_script

ROOT = Path(__file__).resolve().parents[3]
CHECK_GOLD = ROOT / "gold" / "check5k" / "events.jsonl"
OTHER_GOLD = [ROOT / "gold" / d / "events.jsonl" for d in ("dev", "dev2", "test")]
CORPUS = ROOT.parent / "shared" / "corpus"
FILE_5K = CORPUS / "saudinewsnet-5k.jsonl"
needs_corpus = pytest.mark.skipif(not FILE_5K.exists(), reason="corpus not available")

TYPES = {"airstrike", "shelling", "bombing", "armed_clash", "killing", "ceasefire", "negotiation",
         "evacuation", "siege", "arrest", "protest", "displacement"}
_MARKS = re.compile("[\u064B-\u0652\u0640]")


def _fold(s: str) -> str:
    """Harakat/tatweel removed, presentation forms (NFKC) mapped to plain letters."""
    return unicodedata.normalize("NFKC", _MARKS.sub("", s))


_load = load_jsonl


def _select():
    return load_selection_script("select_check5k")


# ---------------------------------------------------------------- format (no corpus needed)

def test_check5k_format_and_taxonomy():
    records = _load(CHECK_GOLD)
    assert len(records) == 40
    ids = [r["article_id"] for r in records]
    assert len(ids) == len(set(ids)), "article ids are unique"
    for r in records:
        assert_record_format(r, source_file="saudinewsnet-5k.jsonl", types=TYPES)


def test_check5k_is_disjoint_from_the_other_gold_files():
    ids = {r["article_id"] for r in _load(CHECK_GOLD)}
    for path in OTHER_GOLD:
        if path.exists():
            assert not ids & {r["article_id"] for r in _load(path)}, path


# ---------------------------------------------------------------- against the corpus

@needs_corpus
def test_check5k_ids_in_the_5k_file_with_their_record_fields():
    records = _load(CHECK_GOLD)
    wanted = {r["article_id"]: r for r in records}
    arts = {a["id"]: a for a in _load(FILE_5K) if a["id"] in wanted}
    assert set(arts) == set(wanted), "every check5k id exists in the 5k file"
    for aid, r in wanted.items():
        assert arts[aid]["published"] == r["published"], aid
        assert arts[aid]["neardup_group"] == r["group_id"], aid
    titles = [arts[aid]["title"].strip() for aid in wanted]
    assert len(set(titles)) == len(titles), "one article per title"


@needs_corpus
def test_select_script_reproduces_the_file():
    mod = _select()
    hits, others = mod.chosen(CORPUS)
    assert len(hits) == 32 and len(others) == 8 and not set(hits) & set(others)
    assert sorted(mod.chosen_ids(CORPUS)) == sorted(r["article_id"] for r in _load(CHECK_GOLD))
    passing, rest = mod.split(CORPUS)
    passing_ids = {a["id"] for a in passing}
    assert set(hits) <= passing_ids and not set(others) & passing_ids


@needs_corpus
def test_labels_are_written_in_the_article():
    """Triggers, place names and actor names are spans of the article (title + text), compared
    without harakat/tatweel and with presentation-form letters mapped to plain letters."""
    records = _load(CHECK_GOLD)
    wanted = {r["article_id"] for r in records}
    texts = {a["id"]: _fold(a["title"] + "\n" + a["text"]) for a in _load(FILE_5K) if a["id"] in wanted}
    folded = [
        {**r, "events": [
            {**e, "trigger": _fold(e["trigger"]),
             "locations": [{**x, "text": x["text"] and _fold(x["text"])} for x in e["locations"]],
             "actors": [{**a, "text": _fold(a["text"])} for a in e["actors"]]}
            for e in r["events"]]}
        for r in records
    ]
    assert_labels_in_text(folded, texts)
