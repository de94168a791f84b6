"""The reference article (../shared/corpus/seed-ghouta.txt): what the extractor must find."""

from __future__ import annotations

from pathlib import Path

import pytest

from arabic.extract import EXTRACTOR_VERSION, extract_events

SEED = Path(__file__).resolve().parents[4] / "shared" / "corpus" / "seed-ghouta.txt"
PUBLISHED = "2018-03-22T20:00:00+00:00"  # a Thursday evening


@pytest.fixture(scope="module")
def events() -> list[dict]:
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED}")
    return extract_events({"id": "seed-ghouta", "title": "", "text": SEED.read_text(encoding="utf-8"), "published": PUBLISHED})


def _of(events, etype):
    return [e for e in events if e["type"] == etype]


def _locs(e):
    return {loc["text"] for loc in e["locations"]}


def test_contract_fields(events):
    assert events
    for e in events:
        assert set(e) >= {"article_id", "type", "trigger", "sentence", "actors", "locations", "date", "date_text",
                          "casualties", "reported_by", "extractor_version"}
        assert e["article_id"] == "seed-ghouta"
        assert e["extractor_version"] == EXTRACTOR_VERSION
        assert e["trigger"] in e["sentence"]
        for c in e["casualties"]:
            assert set(c) == {"kind", "count", "group", "at_least"}
            assert c["kind"] in ("killed", "injured")


def test_ceasefire_declared_by_faylaq_al_rahman(events):
    cf = _of(events, "ceasefire")
    assert len(cf) == 1
    assert {"text": "فيلق الرحمن", "role": "initiator"}.items() <= next(a for a in cf[0]["actors"] if a["name"] == "فيلق الرحمن").items()
    assert cf[0]["date"] == "2018-03-22"


def test_negotiation_with_russia(events):
    neg = _of(events, "negotiation")
    assert neg
    assert any(a["name"] == "روسيا" for e in neg for a in e["actors"])


def test_airstrikes_ghouta_38_civilians(events):
    hits = [e for e in _of(events, "airstrike") if "الغوطة الشرقية" in _locs(e) and e["date"] == "2018-03-22"]
    assert hits
    e = hits[0]
    assert {"kind": "killed", "count": 38, "group": "civilians", "at_least": True} in e["casualties"]
    assert next(loc for loc in e["locations"] if loc["text"] == "الغوطة الشرقية")["country"] == "SY"
    assert e["reported_by"] == "المرصد السوري لحقوق الانسان"


def test_airstrike_zamalka_25(events):
    hits = [e for e in _of(events, "airstrike") if "زملكا" in _locs(e)]
    assert hits
    assert any(c["count"] == 25 and c["kind"] == "killed" and c["group"] == "civilians" for c in hits[0]["casualties"])
    assert hits[0]["reported_by"] == "المرصد السوري لحقوق الانسان"  # "المرصد" resolved


def test_evacuation_harasta_to_idlib(events):
    ev = _of(events, "evacuation")
    assert ev
    assert {"حرستا", "ادلب"} <= _locs(ev[0])


def test_total_and_subcount_are_two_facts(events):
    facts = [c for e in events for c in e["casualties"]]
    assert {"kind": "killed", "count": 1560, "group": "civilians", "at_least": True} in facts
    assert any(c["count"] == 316 and c["group"] == "children" and c["kind"] == "killed" for c in facts)


def test_ground_offensive_since_18_february(events):
    clash = _of(events, "armed_clash")
    assert any(e["date"] == "2018-02-18" and e["date_text"] == "18 شباط/فبراير" and "الغوطة الشرقية" in _locs(e) for e in clash)


def test_russian_denial_is_not_an_event(events):
    assert not any(e["sentence"].startswith("ونفت روسيا") for e in events)
    for e in events:
        assert not any(a["name"] == "روسيا" and a["role"] == "initiator" for a in e["actors"])


def test_dateline_is_never_a_location(events):
    assert all("بيروت" not in _locs(e) for e in events)


def test_background_and_generic_sentences_give_nothing(events):
    # "منذ 2012 لقصف جوي", "منذ معركة حلب", "وتتمثل تلك الأساليب في حصار ..."
    assert not _of(events, "siege")
    assert not any(e["trigger"] == "قصف جوي" for e in events)
