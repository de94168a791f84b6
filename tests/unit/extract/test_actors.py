"""Actor list and roles."""

from __future__ import annotations

from arabic.extract import extract_events
from arabic.extract.actors import KINDS, find_actors, load_actors
from arabic.extract.sentences import fold


def names(text: str) -> list[str]:
    return [m.actor.name for m in find_actors(fold(text))]


def test_table_loads_and_is_consistent():
    table = load_actors()
    assert len({a.name for a in table.values()}) >= 40
    assert all(a.kind in KINDS for a in table.values())


def test_aliases_and_clitics():
    assert names("وقال فيلق الرحمن") == ["فيلق الرحمن"]
    assert names("مواقع لتنظيم الدولة الإسلامية") == ["داعش"]
    assert names("هاجمت ميليشيات الحوثي") == ["الحوثيون"]
    assert names("بحسب حصيلة للمرصد السوري لحقوق الإنسان") == ["المرصد السوري لحقوق الانسان"]
    assert names("وهيئة أحرار الشام") == ["احرار الشام"]


def test_roles_initiator_and_target():
    evs = extract_events({"id": "t", "title": "", "published": "2015-07-23 12:00:00",
                          "text": "شنت طائرات التحالف غارات جوية على مواقع الحوثيين في صعدة امس."})
    roles = {(a["name"], a["role"]) for e in evs for a in e["actors"]}
    assert ("التحالف العربي", "initiator") in roles
    assert ("الحوثيون", "target") in roles


def test_state_after_preposition_is_a_place_not_an_actor():
    evs = extract_events({"id": "t", "title": "", "published": "2015-07-23 12:00:00",
                          "text": "اندلعت اشتباكات بين الجيش التركي وحزب العمال الكردستاني في تركيا امس."})
    assert any(loc["country"] == "TR" for e in evs for loc in e["locations"])
