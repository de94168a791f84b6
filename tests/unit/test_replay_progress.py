"""`wait_for_lag` progress: articles still to do count every stage of the article chain."""

from marsad import replay
from marsad.config import Settings
from schemas.topics import Topics


def _state(t: Topics, raw=0, normalized=0, enriched=0, deduped=0, mentions=0):
    def parts(n):
        return {0: {"end": 100, "committed": 100 - n, "lag": n}}
    return {t.raw: parts(raw), t.replay: parts(0), t.normalized: parts(normalized), t.enriched: parts(enriched),
            t.deduped: parts(deduped), t.mentions: parts(mentions)}


def _probe(states):
    class FakeProbe:
        opened = 0

        def __init__(self, settings, group=None):
            FakeProbe.opened += 1

        def read(self):
            return next(states)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            pass

    return FakeProbe


def test_progress_counts_articles_held_by_any_stage(monkeypatch):
    settings = Settings(topic_prefix="p", app_id="a")
    t = Topics("p", "a")
    states = iter([
        _state(t, raw=100),
        _state(t, raw=0, normalized=10, enriched=60),  # normalization is done; dedup is the bottleneck
        _state(t, enriched=5, deduped=5, mentions=3),
        _state(t),
    ])
    monkeypatch.setattr(replay, "LagProbe", _probe(states))
    seen = []
    assert replay.wait_for_lag(settings, interval=0, on_progress=lambda d, r, rate: seen.append((d, r)))
    assert seen == [(0, 100), (30, 70), (90, 10), (100, 0)]
    assert replay.LagProbe.opened == 1  # one pair of clients for every reading


def test_lag_on_mentions_alone_keeps_waiting(monkeypatch):
    settings = Settings(topic_prefix="p", app_id="a")
    t = Topics("p", "a")
    states = iter([_state(t, mentions=4), _state(t)])
    monkeypatch.setattr(replay, "LagProbe", _probe(states))
    seen = []
    assert replay.wait_for_lag(settings, interval=0, on_progress=lambda d, r, rate: seen.append(r))
    assert seen == [0, 0]  # no article left, but the events were not all in SQL until the second look
