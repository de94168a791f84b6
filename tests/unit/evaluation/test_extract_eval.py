"""Matching functions of `marsad eval extract` and validity of the dev gold file."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.evaluation import extract_eval as ev
from marsad.evaluation.baseline import extract_events as baseline
from marsad.evaluation.textnorm import fold, place_key

ROOT = Path(__file__).resolve().parents[3]
GOLD = ROOT / "gold" / "dev" / "events.jsonl"
CORPUS = ROOT.parent / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not (CORPUS / "saudinewsnet-neardup.jsonl").exists(), reason="corpus not available")


def loc(text, country=None, name=None):
    return {"text": text, "country": country, "name": name}


def event(type_, locs=(), date=None, cas=(), actors=()):
    return {"type": type_, "locations": list(locs), "date": date,
            "casualties": [{"kind": k, "count": n, "group": g, "at_least": False} for k, n, g in cas],
            "actors": [{"text": t, "role": r} for t, r in actors]}


GOLD_EVENTS = [
    event("airstrike", [loc("الغوطة الشرقية", "SY"), loc("زملكا", "SY")], "2018-03-22",
          [("killed", 38, "civilians"), ("killed", 25, "civilians")], [("روسيا", "initiator")]),
    event("evacuation", [loc("حرستا", "SY"), loc("ادلب", "SY")], "2018-03-22"),
    event("negotiation", [loc(None, "SY")]),
]


# ---------------------------------------------------------------- folding

def test_fold_and_place_key():
    assert fold("إدلب") == fold("ادلب") == "ادلب"
    assert fold("الغوطةُ") == "الغوطه"
    assert fold("مستشفـى") == "مستشفي"
    assert place_key("بلدة زملكا") == place_key("زملكا")
    assert place_key("جنوب الغوطة الشرقية") == place_key("الغوطة الشرقية")
    assert place_key("كفر الشيخ") == place_key("كفرالشيخ")
    assert place_key("محافظة إب") == place_key("إب")
    assert place_key("دمشق") != place_key("حرستا")


# ---------------------------------------------------------------- perfect / partial / empty

def test_perfect_prediction_scores_one():
    counts = ev.article_counts(GOLD_EVENTS, GOLD_EVENTS)
    for field, (tp, fp, fn) in counts.items():
        assert fp == 0 and fn == 0, field
        assert tp > 0, field


def test_empty_prediction_is_all_false_negatives():
    counts = ev.article_counts(GOLD_EVENTS, [])
    assert counts["types"] == (0, 0, 3)
    assert counts["locations"] == (0, 0, 4)  # the null-text location is not a place name
    assert counts["countries"] == (0, 0, 1)
    assert counts["casualties"] == (0, 0, 2)
    assert counts["dates"] == (0, 0, 2)


def test_no_event_article_penalises_only_false_positives():
    counts = ev.article_counts([], [event("protest", [loc("بغداد", "IQ")], "2015-08-07")])
    assert counts["types"] == (0, 1, 0)
    assert counts["locations"] == (0, 1, 0)
    assert counts["dates"] == (0, 0, 0)  # no dated gold event of that type: not scored


def test_partial_prediction():
    pred = [
        {"type": "airstrike", "trigger": "غارات", "date": "2018-03-22",
         "locations": [{"text": "بلدة زملكا", "name": "Zamalka", "country": "SY"},
                       {"text": "دمشق", "name": "Damascus", "country": "SY"}],
         "casualties": [{"kind": "killed", "count": 38, "group": "people", "at_least": True}],
         "actors": [{"text": "روسيا", "role": "target"}]},
        {"type": "shelling", "date": "2018-03-21", "locations": [], "casualties": [], "actors": []},
    ]
    c = ev.article_counts(GOLD_EVENTS, pred)
    assert c["types"] == (1, 1, 2)
    assert c["locations"] == (1, 1, 3)  # زملكا matched (generic word dropped), دمشق spurious
    assert c["countries"] == (1, 0, 0)
    assert c["casualties"] == (1, 0, 1)
    assert c["casualties_strict"] == (0, 1, 2)  # group differs
    assert c["dates"] == (1, 0, 1)  # shelling date ignored: no dated shelling in gold
    assert c["actors"] == (1, 0, 0)
    assert c["actors_strict"] == (0, 1, 1)  # role differs


def test_location_matches_name_field_and_article():
    gold = [event("arrest", [loc("الرقة", "KW")])]
    assert ev.match_locations(gold, [event("arrest", [loc("رقة", "KW")])]) == (1, 0, 0)
    assert ev.match_locations(gold, [event("arrest", [loc("x", "KW", name="الرقة")])]) == (1, 0, 0)
    assert ev.match_locations(gold, [event("arrest", [loc("الرقة"), loc("رقة")])])[0] == 1


def test_actor_containment():
    gold = [event("ceasefire", actors=[("فيلق الرحمن", "initiator")])]
    assert ev.match_actors(gold, [event("ceasefire", actors=[("فصيل فيلق الرحمن", "initiator")])]) == (1, 0, 0)
    assert ev.match_actors(gold, [event("ceasefire", actors=[("فيلق", "initiator")])]) == (1, 0, 0)
    assert ev.match_actors(gold, [event("ceasefire", actors=[("روسيا", "initiator")])]) == (0, 1, 1)


def test_prf():
    assert ev.prf(0, 0, 0)["f1"] == 0.0
    m = ev.prf(2, 1, 1)
    assert m["p"] == m["r"] == m["f1"] == pytest.approx(0.6667, abs=1e-4)


def test_baseline_finds_trigger_types():
    types = {e["type"] for e in baseline({"title": "", "text": "وقُتل 38 مدنيا في غارات على زملكا وهدنة"})}
    assert {"airstrike", "ceasefire"} <= types


# ---------------------------------------------------------------- the gold file

def _gold():
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_gold_schema():
    records = _gold()
    ids = [r["article_id"] for r in records]
    assert len(ids) == len(set(ids))
    assert "seed-ghouta" in ids
    assert sum(1 for r in records if r["source_file"] == "saudinewsnet-neardup.jsonl") >= 60
    for r in records:
        assert r["source_file"] in {"saudinewsnet-neardup.jsonl", "seed-ghouta.txt"}
        assert isinstance(r["events"], list) and "notes" in r
        for e in r["events"]:
            assert e["type"] in ev.TAXONOMY
            assert e["trigger"] and len(e["trigger"].split()) <= 6  # a trigger, not a sentence
            assert e["date"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", e["date"])
            for lc in e["locations"]:
                assert lc["text"] is None or len(lc["text"].split()) <= 4
                assert re.fullmatch(r"[A-Z]{2}", lc["country"])
            for c in e["casualties"]:
                assert c["kind"] in {"killed", "injured"} and isinstance(c["count"], int) and c["count"] > 0
                assert c["group"] in {"civilians", "children", "fighters", "soldiers", "people", None}
                assert isinstance(c["at_least"], bool)
            for a in e["actors"]:
                assert a["role"] in {"initiator", "target"}
    # variety: most taxonomy types are present, and there are articles without events
    types = Counter(e["type"] for r in records for e in r["events"])
    assert len(types) >= 10
    assert sum(1 for r in records if not r["events"]) >= 5


def test_seed_annotation():
    seed = next(r for r in _gold() if r["article_id"] == "seed-ghouta")
    assert seed["published"] == "2018-03-22T20:00:00+00:00"
    types = {e["type"] for e in seed["events"]}
    assert {"ceasefire", "negotiation", "airstrike", "evacuation", "armed_clash"} <= types
    cas = ev.casualty_set(seed["events"], strict=True)
    assert {("killed", 38, "civilians"), ("killed", 25, "civilians"),
            ("killed", 1560, "civilians"), ("killed", 316, "children")} <= cas


@needs_corpus
def test_gold_ids_in_corpus_not_in_5k_one_per_group():
    records = [r for r in _gold() if r["source_file"] == "saudinewsnet-neardup.jsonl"]
    wanted = {r["article_id"] for r in records}
    groups, published = {}, {}
    with (CORPUS / "saudinewsnet-neardup.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            a = json.loads(line)
            if a["id"] in wanted:
                groups[a["id"]] = a["group_id"]
                published[a["id"]] = a["published"]
    assert set(groups) == wanted, "every gold id exists in the near-dup file"
    assert len(set(groups.values())) == len(groups), "one article per group"
    assert all(published[r["article_id"]] == r["published"] for r in records)
    with (CORPUS / "saudinewsnet-5k.jsonl").open(encoding="utf-8") as fh:
        ids5k = {json.loads(line)["id"] for line in fh}
    assert not wanted & ids5k, "no gold article is in the 5k file"
    # and no group of the gold set has a member in the 5k file
    with (CORPUS / "saudinewsnet-neardup.jsonl").open(encoding="utf-8") as fh:
        gold_groups = set(groups.values())
        assert not any(json.loads(l)["group_id"] in gold_groups and json.loads(l)["id"] in ids5k for l in fh)


def gold_echo(article):
    """Test extractor: returns the gold events of the article (so the eval must score 1.0)."""
    for r in _gold():
        if r["article_id"] == article["article_id"]:
            return r["events"]
    return []


@needs_corpus
def test_cli_gold_echo_scores_one_and_baseline_runs():
    res = CliRunner().invoke(ev.eval_extract, [str(GOLD), "--corpus", str(CORPUS), "--baseline",
                                               "--extractor", f"{__name__}:gold_echo"])
    assert res.exit_code == 0, res.output
    summary = json.loads(res.output.strip().splitlines()[-1])
    for field, m in summary["extractor"]["fields"].items():
        assert m["f1"] == 1.0, field
    assert 0 < summary["baseline"]["fields"]["types"]["f1"] < 1


def test_cli_missing_extractor_is_a_clear_error(tmp_path):
    gold = tmp_path / "g.jsonl"
    gold.write_text("", encoding="utf-8")
    res = CliRunner().invoke(ev.eval_extract, [str(gold), "--corpus", str(tmp_path), "--extractor", "no_such_module_xyz:f"])
    assert res.exit_code != 0
    assert "cannot import the extractor" in res.output
