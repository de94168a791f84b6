"""Casualty reconciliation (dedup/reconcile.py): per-source figures, one documented rule,
never a sum of duplicates."""

from __future__ import annotations

from dedup.reconcile import RULE, event_summary, mention_count, reconcile_casualties

T0 = 1521748800.0  # 2018-03-22 20:00 UTC
H = 3600.0


def cas(kind, count, group="civilians", at_least=True):
    return {"kind": kind, "count": count, "group": group, "at_least": at_least}


def test_source_update_is_not_added():
    # AFP first says 38 killed, then updates to 42; Reuters says 38: the event is 42, not 80 or 118
    mentions = [
        {"article_id": "afp-1", "source": "afp", "published_ts": T0, "casualties": [cas("killed", 38)]},
        {"article_id": "reuters-1", "source": "reuters", "published_ts": T0 + H, "casualties": [cas("killed", 38)]},
        {"article_id": "afp-2", "source": "afp", "published_ts": T0 + 3 * H, "casualties": [cas("killed", 42)]},
    ]
    r = reconcile_casualties(mentions)
    assert r["killed"] == 42
    assert r["injured"] is None
    assert r["per_source"]["afp"] == {"killed": 42, "injured": None, "published_ts": T0 + 3 * H}
    assert r["per_source"]["reuters"]["killed"] == 38
    assert r["rule"] == RULE


def test_latest_count_wins_even_if_lower():
    # a source correcting its figure downwards: its latest figure counts
    mentions = [
        {"source": "sana", "published_ts": T0, "casualties": [cas("killed", 50)]},
        {"source": "sana", "published_ts": T0 + H, "casualties": [cas("killed", 44)]},
    ]
    assert reconcile_casualties(mentions)["killed"] == 44


def test_latest_mention_without_count_keeps_the_earlier_figure():
    mentions = [
        {"source": "afp", "published_ts": T0, "casualties": [cas("killed", 38), cas("injured", 100, "people")]},
        {"source": "afp", "published_ts": T0 + H, "casualties": []},
    ]
    r = reconcile_casualties(mentions)
    assert (r["killed"], r["injured"]) == (38, 100)
    assert r["per_source"]["afp"]["published_ts"] == T0 + H


def test_sub_count_is_not_added_to_the_total():
    # "أكثر من 1560 مدنياً بينهم 316 طفلاً": killed 1560, of which 316 children
    facts = [cas("killed", 1560, "civilians"), cas("killed", 316, "children")]
    assert mention_count(facts, "killed") == 1560
    r = reconcile_casualties([{"source": "afp", "published_ts": T0, "casualties": facts}])
    assert r["killed"] == 1560


def test_total_group_preferred_over_larger_sub_group():
    # several totals in one mention (None, civilians): the largest; sub-groups ignored
    facts = [cas("killed", 5, None), cas("killed", 25, "civilians"), cas("killed", 9, "children")]
    assert mention_count(facts, "killed") == 25


def test_only_sub_group_counts_fall_back_to_the_largest():
    facts = [cas("killed", 3, "soldiers"), cas("killed", 2, "fighters")]
    assert mention_count(facts, "killed") == 3
    assert mention_count([], "killed") is None


def test_same_article_two_sentences_max_not_sum():
    # the seed article: 38 killed in Eastern Ghouta, among them 25 in Zamalka (two mentions,
    # one article, same time): 38
    mentions = [
        {"article_id": "seed", "source": "afp", "published_ts": T0, "casualties": [cas("killed", 38)]},
        {"article_id": "seed", "source": "afp", "published_ts": T0,
         "casualties": [cas("killed", 25, "civilians", False)]},
    ]
    assert reconcile_casualties(mentions)["killed"] == 38


def test_event_summary():
    mentions = [
        {"article_id": "a1", "source": "afp", "published_ts": T0, "casualties": [cas("killed", 38)]},
        {"article_id": "a1", "source": "afp", "published_ts": T0, "casualties": []},
        {"article_id": "a2", "source": "alarabiya", "published_ts": T0 + 2 * H, "casualties": [cas("killed", 42)]},
        {"article_id": "a3", "source": "afp", "published_ts": T0 + 5 * H, "casualties": [cas("injured", 7, "people")]},
    ]
    s = event_summary(mentions)
    assert s["num_articles"] == 3
    assert s["num_sources"] == 2
    assert s["first_seen"] == T0 and s["last_seen"] == T0 + 5 * H
    assert s["killed"] == 42 and s["injured"] == 7
    assert set(s["per_source"]) == {"afp", "alarabiya"}


def test_empty():
    r = event_summary([])
    assert r["num_articles"] == 0 and r["killed"] is None and r["per_source"] == {}
