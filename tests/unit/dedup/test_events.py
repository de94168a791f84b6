"""Event merging (dedup/events.py): hand-made mentions from sentences of the seed article
(../shared/corpus/seed-ghouta.txt), plus the extractor end to end when it is available."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from dedup.events import EventMerger, Mention, actors_compatible, mention_from_event, place_key, places_compatible

SEED = Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "seed-ghouta.txt"

# 2018-03-22 (Thursday) 20:00 UTC, publication of the seed article
T0 = datetime(2018, 3, 22, 20, tzinfo=timezone.utc).timestamp()
H = 3600.0
DAY = 86400.0

# sentences of the seed article, as the extractor sees them (places as written)
S_GHOUTA = "ياتي ذلك بعد غارات جوية استهدفت الخميس مناطق عدة في جنوب الغوطة الشرقية خاضعة لسيطرة فيلق الرحمن"
S_ZAMALKA = "وقتل الخميس 38 مدنيا على الأقل في غارات استهدفت مناطق عدة ... بينها بلدة زملكا حيث قتل 25 مدنياً"

GHOUTA = (place_key("الغوطة الشرقية", "SY"), "SY")
ZAMALKA = (place_key("زملكا", "SY"), "SY")
HARASTA = (place_key("حرستا", "SY"), "SY")
DOUMA = (place_key("دوما", "SY"), "SY")
ALEPPO = (place_key("حلب", "SY"), "SY")
SYRIA = (place_key("سوريا", "SY"), "SY")
DAMASCUS = (place_key("دمشق", "SY"), "SY")
JOBAR = (place_key("جوبر", "SY"), "SY")


def mk(mid, *, type="airstrike", date="2018-03-22", places=(), actors=(), ts=T0, source=None, cluster=None):
    article = mid.split(":")[0]
    return Mention(
        mention_id=mid if ":" in mid else f"{mid}:0",
        article_id=article,
        source=source or article,
        published_ts=ts,
        cluster_id=cluster,
        type=type,
        date=date,
        places=tuple(places),
        actors=tuple(actors),
    )


def test_place_keys_fold_spellings():
    assert place_key("الغوطة الشرقية") == place_key("الغوطه الشرقيه")
    assert place_key("إدلب") == place_key("ادلب")
    assert ZAMALKA != GHOUTA


def test_zamalka_inside_eastern_ghouta_merges():
    # "غارات جوية ... في جنوب الغوطة الشرقية" (AFP) and "غارات ... بلدة زملكا" (another outlet)
    m = EventMerger()
    e1 = m.assign(mk("afp:2", places=[GHOUTA]))
    e2 = m.assign(mk("sana:0", places=[ZAMALKA], ts=T0 + H))
    assert e1 == e2 == "afp:2"
    rec = m.event(e1)
    assert rec["n"] == 2 and [ZAMALKA[0], "SY"] in rec["p"]


def test_two_towns_same_day_stay_apart():
    # two airstrikes the same Thursday on حرستا and دوما (4 km apart): two events
    m = EventMerger()
    e1 = m.assign(mk("a1", places=[HARASTA]))
    e2 = m.assign(mk("a2", places=[DOUMA], ts=T0 + H))
    assert e1 != e2
    # later reports of each attach to the right one
    assert m.assign(mk("a3", places=[DOUMA], ts=T0 + 2 * H)) == e2
    assert m.assign(mk("a4", places=[HARASTA], ts=T0 + 3 * H)) == e1
    assert not places_compatible([HARASTA], [DOUMA])


def test_region_event_does_not_absorb_a_second_town_once_specific():
    # Ghouta-level report, then Zamalka joins it; a Douma strike is another event
    m = EventMerger()
    e1 = m.assign(mk("a1", places=[GHOUTA]))
    assert m.assign(mk("a2", places=[ZAMALKA], ts=T0 + H)) == e1
    assert m.assign(mk("a3", places=[DOUMA], ts=T0 + 2 * H)) != e1


def test_far_places_in_same_country_stay_apart():
    # Aleppo is in Syria but not in Eastern Ghouta (~300 km away)
    assert not places_compatible([GHOUTA], [ALEPPO])
    assert places_compatible([SYRIA], [ALEPPO])
    assert places_compatible([DAMASCUS], [JOBAR])  # a district of the city
    m = EventMerger()
    assert m.assign(mk("a1", places=[GHOUTA])) != m.assign(mk("a2", places=[ALEPPO]))


def test_country_level_and_placeless_mentions():
    m = EventMerger()  # evidence="place"
    e1 = m.assign(mk("a1", places=[ZAMALKA], cluster="a1"))
    # a country-level place containing the town is evidence enough
    assert m.assign(mk("a2", places=[SYRIA], ts=T0 + H)) == e1
    # a mention without a place is compatible but carries no evidence: it merges only
    # within the story cluster
    assert m.assign(mk("a3", places=[], ts=T0 + 2 * H)) != e1
    assert m.assign(mk("a4", places=[], ts=T0 + 2 * H, cluster="a1")) == e1
    # evidence="none": the literal rule (same type, time, compatible) merges it
    m0 = EventMerger(evidence="none")
    f1 = m0.assign(mk("b1", places=[ZAMALKA]))
    assert m0.assign(mk("b2", places=[], ts=T0 + H)) == f1
    # evidence="specific": only the same town, or the story cluster
    ms = EventMerger(evidence="specific")
    g1 = ms.assign(mk("c1", places=[ZAMALKA]))
    assert ms.assign(mk("c2", places=[GHOUTA], ts=T0 + H)) != g1
    assert ms.assign(mk("c3", places=[ZAMALKA], ts=T0 + H)) == g1


def test_different_types_stay_apart():
    m = EventMerger()
    e1 = m.assign(mk("a1", type="airstrike", places=[GHOUTA]))
    e2 = m.assign(mk("a2", type="shelling", places=[GHOUTA]))
    e3 = m.assign(mk("a3", type="ceasefire", places=[GHOUTA]))
    assert len({e1, e2, e3}) == 3


def test_date_window():
    m = EventMerger(date_window_days=1)
    e1 = m.assign(mk("a1", date="2018-03-22", places=[GHOUTA]))
    assert m.assign(mk("a2", date="2018-03-23", places=[GHOUTA], ts=T0 + DAY)) == e1  # within 1 day
    # three days later: another event (against every known date of the event)
    assert m.assign(mk("a3", date="2018-03-25", places=[GHOUTA], ts=T0 + 3 * DAY)) != e1
    # window 0: only the same date
    m0 = EventMerger(date_window_days=0)
    f1 = m0.assign(mk("b1", date="2018-03-22", places=[GHOUTA]))
    assert m0.assign(mk("b2", date="2018-03-23", places=[GHOUTA])) != f1


def test_unknown_date_uses_publication_time():
    m = EventMerger(date_window_days=1)
    e1 = m.assign(mk("a1", date="2018-03-22", places=[GHOUTA]))
    # "واسفر القصف عن ..." without a date, published the next day: same event
    assert m.assign(mk("a2", date=None, places=[GHOUTA], ts=T0 + DAY)) == e1
    # without a date, published 5 days later: too far
    assert m.assign(mk("a3", date=None, places=[GHOUTA], ts=T0 + 5 * DAY)) != e1


def test_same_story_cluster_merges_without_dates():
    m = EventMerger(date_window_days=1)
    e1 = m.assign(mk("a1", date=None, places=[GHOUTA], ts=T0, cluster="a1"))
    # without the cluster, a report 4 days later (outside window + 1) does not merge
    assert m.assign(mk("a4", date=None, places=[GHOUTA], ts=T0 + 4 * DAY)) != e1
    # a republication 4 days later of the same story cluster does
    assert m.assign(mk("a2", date=None, places=[GHOUTA], ts=T0 + 4 * DAY, cluster="a1")) == e1
    # same cluster but incompatible places: apart
    assert m.assign(mk("a3", date=None, places=[ALEPPO], ts=T0 + 4 * DAY, cluster="a1")) != e1
    # same cluster, both dated, dates 3 days apart: apart
    f1 = m.assign(mk("b1", date="2018-03-18", places=[DOUMA], cluster="b1"))
    assert m.assign(mk("b2", date="2018-03-21", places=[DOUMA], cluster="b1")) != f1


def test_actor_conflict_keeps_apart():
    assert actors_compatible(["روسيا"], [])
    assert actors_compatible(["روسيا"], ["روسيا", "الجيش السوري"])
    assert not actors_compatible(["روسيا"], ["التحالف الدولي"])
    m = EventMerger()
    e1 = m.assign(mk("a1", places=[GHOUTA], actors=["روسيا"]))
    assert m.assign(mk("a2", places=[GHOUTA], actors=["التحالف الدولي"])) != e1
    assert m.assign(mk("a3", places=[GHOUTA], actors=[])) == e1


def test_best_candidate_is_the_most_specific():
    m = EventMerger()
    e_harasta = m.assign(mk("a1", places=[HARASTA]))
    e_douma = m.assign(mk("a2", places=[DOUMA]))
    assert e_harasta != e_douma
    # a Douma report with the next-day date: nearest date, same place wins
    assert m.assign(mk("a3", places=[DOUMA], date="2018-03-23", ts=T0 + DAY)) == e_douma
    # a Ghouta-level report: both towns are inside, equally specific: the oldest wins
    assert m.assign(mk("a4", places=[GHOUTA], ts=T0 + H)) == e_harasta


def test_deterministic_and_idempotent():
    stream = [
        mk("a1", places=[GHOUTA]),
        mk("a2", places=[ZAMALKA], ts=T0 + H),
        mk("a3", places=[HARASTA], ts=T0 + 2 * H),
        mk("a4", places=[DOUMA], ts=T0 + 3 * H),
        mk("a5", places=[], date=None, ts=T0 + 4 * H),
    ]
    r1 = [EventMerger().assign(x) for x in stream]  # fresh state each: all new
    assert r1 == [x.mention_id for x in stream]
    m1, m2 = EventMerger(), EventMerger()
    out1 = [m1.assign(x) for x in stream]
    out2 = [m2.assign(x) for x in stream]
    assert out1 == out2
    assert m1.state == m2.state
    # replay: same answers, state unchanged
    before = json.dumps(m1.state, sort_keys=True)
    assert [m1.assign(x) for x in stream] == out1
    assert json.dumps(m1.state, sort_keys=True) == before


def test_state_values_are_json_serialisable():
    m = EventMerger()
    for i in range(20):
        m.assign(mk(f"a{i}", places=[[GHOUTA, HARASTA, DOUMA][i % 3]], actors=["روسيا"] if i % 2 else [],
                    ts=T0 + i * H, cluster=f"c{i % 4}"))
    for key, value in m.state.items():
        assert isinstance(key, str)
        assert json.loads(json.dumps(value)) == value
        assert len(json.dumps(value, ensure_ascii=False)) < 4000
    # a merger over a state copied through JSON behaves the same
    copy = json.loads(json.dumps(m.state))
    m2 = EventMerger(copy)
    nxt = mk("z1", places=[DOUMA], ts=T0 + 21 * H)
    assert m2.assign(nxt) == m.assign(nxt)


def test_horizon_expiry_keeps_state_bounded():
    m = EventMerger(horizon_days=2.0)
    sizes = []
    for day in range(60):
        ts = T0 + day * DAY
        date = datetime.fromtimestamp(ts, tz=timezone.utc).date().isoformat()
        for i, place in enumerate([GHOUTA, HARASTA, DOUMA, ALEPPO]):
            for src in range(3):
                m.assign(mk(f"d{day}s{src}i{i}", date=date, places=[place], ts=ts + src * H))
        sizes.append(len(m.state))
    # 12 mentions/day, 4 events/day: bounded by ~3 days of them, not growing with the stream
    assert max(sizes[10:]) == max(sizes[30:])
    assert max(sizes) < 200
    events = [k for k in m.state if k.startswith("e|")]
    assert 0 < len(events) <= 4 * 4
    # an old event is gone; a new mention of it starts a new event
    assert m.event("d0s0i0:0") is None


def test_late_mention_past_horizon_is_not_stored():
    m = EventMerger(horizon_days=2.0)
    m.assign(mk("a1", places=[GHOUTA], ts=T0 + 10 * DAY, date="2018-04-01"))
    size = len(m.state)
    assert m.assign(mk("old", places=[GHOUTA], ts=T0)) == "old:0"
    assert len(m.state) == size


def test_mention_from_event():
    event = {
        "type": "airstrike", "trigger": "غارات", "sentence": S_ZAMALKA,
        "actors": [{"text": "طائرات روسية", "name": "روسيا", "role": "initiator"},
                   {"text": "فيلق الرحمن", "name": "فيلق الرحمن", "role": "target"}],
        "locations": [{"text": "زملكا", "name": "Zamalka", "country": "SY", "lat": 33.52, "lon": 36.36}],
        "date": "2018-03-22", "date_text": "الخميس",
        "casualties": [{"kind": "killed", "count": 25, "group": "civilians", "at_least": False}],
    }
    m = mention_from_event(event, article_id="seed", source="afp", published_ts=T0, cluster_id=None, index=6)
    assert m.mention_id == "seed:6:airstrike"
    assert m.places == (ZAMALKA,)
    assert m.actors == ("روسيا",)  # initiators only, canonical name
    assert m.date == "2018-03-22" and m.type == "airstrike"


def _extract():
    try:
        from arabic.extract import extract_events
    except Exception:  # pragma: no cover - extractor not there yet
        return None
    return extract_events


@pytest.mark.skipif(not SEED.exists(), reason="seed article missing")
def test_seed_article_republished_merges_with_extractor():
    extract = _extract()
    if extract is None:
        pytest.skip("arabic.extract not importable")
    text = SEED.read_text(encoding="utf-8")
    m = EventMerger()
    ids = {}
    for art, src, ts in (("seed", "afp", T0), ("seed-copy", "alarabiya", T0 + 2 * H)):
        evs = extract({"article_id": art, "title": "", "text": text, "published": "2018-03-22T20:00:00+00:00"})
        for i, e in enumerate(evs):
            mention = mention_from_event(e, article_id=art, source=src, published_ts=ts, cluster_id=None, index=i)
            ids[(art, i)] = (e["type"], m.assign(mention))
    # every event of the copy joins an event of the original, same type
    orig_events = {eid for (a, _), (_, eid) in ids.items() if a == "seed"}
    for (a, _), (_, eid) in ids.items():
        if a == "seed-copy":
            assert eid in orig_events
    # the two airstrike mentions (Ghouta 38, Zamalka 25) are one event
    air = {eid for (_, (t, eid)) in ids.items() if t == "airstrike"}
    assert len(air) == 1


# one sentence as two outlets printed it (the second edited), and another sentence
S_COPY_A = "قال مسؤول محلي ومصادر بالشرطة إن 12 شخصا على الأقل قتلوا أمس عندما هاجم انتحاريان حمام سباحة مزدحما"
S_COPY_B = "قال مسؤول محلي ومصادر في الشرطة إن 12 شخصا على الأقل قتلوا أمس السبت عندما هاجم انتحاريان حمام سباحة"
S_OTHER = "ونفذ متشددو التنظيم في الآونة الأخيرة سلسلة من التفجيرات في بغداد ومحافظات أخرى"


def _with_sentence(mention: Mention, sentence: str) -> Mention:
    from dataclasses import replace

    from dedup.events import sentence_sample

    return replace(mention, sentence=sentence_sample(sentence))


def test_same_sentence_in_a_copy_of_the_story_merges_despite_dates():
    """A republication a day later resolves "أمس" to another day: the same sentence in the
    same story cluster is the same event, whatever the extracted dates."""
    from dedup.events import sentence_similarity, sentence_sample

    assert sentence_similarity(sentence_sample(S_COPY_A), sentence_sample(S_COPY_B)) >= 0.6
    assert sentence_similarity(sentence_sample(S_COPY_A), sentence_sample(S_OTHER)) < 0.2
    m = EventMerger(date_window_days=1)
    e1 = m.assign(_with_sentence(mk("a1", date="2018-03-20", places=[GHOUTA], cluster="c1"), S_COPY_A))
    # dated three days later in a copy of the same story, same sentence: one event
    assert m.assign(_with_sentence(mk("a2", date="2018-03-23", places=[GHOUTA], ts=T0 + DAY, cluster="c1"),
                                   S_COPY_B)) == e1
    # another sentence of that story with that date: apart, as before
    assert m.assign(_with_sentence(mk("a3", date="2018-03-23", places=[GHOUTA], ts=T0 + DAY, cluster="c1"),
                                   S_OTHER)) != e1
    # the same sentence outside the story cluster: dates decide as usual
    assert m.assign(_with_sentence(mk("b1", date="2018-03-23", places=[GHOUTA], ts=T0 + DAY, cluster="c2"),
                                   S_COPY_B)) != e1
    # places must still agree: the same sentence read as another town stays apart
    assert m.assign(_with_sentence(mk("a4", date="2018-03-23", places=[ALEPPO], ts=T0 + DAY, cluster="c1"),
                                   S_COPY_B)) != e1


def test_one_sentence_stating_two_events_keeps_them_apart():
    """One sentence, two same-type events (strikes near two towns): the sentence rule does
    not join them, in the article or in its copies."""
    m = EventMerger()
    e1 = m.assign(_with_sentence(mk("a1:0", places=[HARASTA], cluster="c1"), S_COPY_A))
    e2 = m.assign(_with_sentence(mk("a1:1", places=[DOUMA], cluster="c1"), S_COPY_A))
    assert e1 != e2
    assert m.assign(_with_sentence(mk("a2:0", places=[HARASTA], ts=T0 + H, cluster="c1"), S_COPY_B)) == e1
    assert m.assign(_with_sentence(mk("a2:1", places=[DOUMA], ts=T0 + H, cluster="c1"), S_COPY_B)) == e2
