"""reported_by: cues, sources, short references resolved."""

from __future__ import annotations

from arabic.extract.actors import find_actors
from arabic.extract.attribution import find_attributions
from arabic.extract.sentences import fold, split_sentences


def sources(text: str) -> list[str]:
    f = fold(text)
    actors = find_actors(f)
    known: list[str] = []
    out = []
    for s in split_sentences(text):
        out += [a.text for a in find_attributions(text, f, s.start, s.end, actors, known)]
    return out


def test_observatory_full_then_short():
    text = "قتل 5 بحسب حصيلة جديدة للمرصد السوري لحقوق الانسان. وقتل 3 اخرون، وفق المرصد."
    assert sources(text) == ["المرصد السوري لحقوق الانسان", "المرصد السوري لحقوق الانسان"]


def test_source_noun_phrases():
    assert sources("وقال مصدر عسكري ان الهجوم صد.") == ["مصدر عسكري"]
    assert sources("وافادت وكالة الانباء اليمنية بان الغارات استهدفت صنعاء.") == ["وكالة الانباء اليمنية"]
    assert sources("قتل 3 حسب ناشطين في المدينة.") == ["ناشطين"]


def test_no_source():
    assert sources("شنت طائرات التحالف غارات على صعدة.") == []
