"""Casualty counts: kinds, groups, at_least, sub-counts, number words, vague plurals."""

from __future__ import annotations

import pytest

from arabic.extract.casualties import find_casualties
from arabic.extract.sentences import fold, strip_marks
from arabic.numbers import find_numbers


def facts(text: str) -> list[tuple]:
    base = strip_marks(text)
    f = fold(base)
    return [(c.kind, c.count, c.group, c.at_least) for c in find_casualties(f, find_numbers(base), 0, len(base))]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ادت الى مقتل 38 مدنيا على الاقل", [("killed", 38, "civilians", True)]),
        ("واسفر القصف عن مقتل أكثر من 1560 مدنياً بينهم 316 طفلاً",
         [("killed", 1560, "civilians", True), ("killed", 316, "children", False)]),
        ("وقُتل الخميس 38 مدنيا", [("killed", 38, "civilians", False)]),
        ("ما ادى الى مقتل ثمانين شخصا", [("killed", 80, "people", False)]),
        ("قتل ٣٨ مدنيا", [("killed", 38, "civilians", False)]),
        ("وإصابة 3 آخرين", [("injured", 3, "people", False)]),
        ("ارتفعت الحصيلة الى 25 قتيلا و40 جريحا", [("killed", 25, None, False), ("injured", 40, None, False)]),
        ("مقتل ما لا يقل عن 12 جنديا", [("killed", 12, "soldiers", True)]),
        ("قتل 5 من عناصر داعش", [("killed", 5, "fighters", False)]),
        ("اصيب ثلاثة آلاف شخص", [("injured", 3000, "people", False)]),
        ("لقي 7 مدنيين مصرعهم", [("killed", 7, "civilians", False)]),
        ("اصيب 4 من رجال الامن", [("injured", 4, "soldiers", False)]),
    ],
)
def test_counts(text, expected):
    assert facts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "مقتل عشرات المدنيين",  # vague
        "تسبب بمقتل الآلاف",  # vague
        "سقط 90 بين قتيل وجريح",  # combined tally
        "قتل 3 اشخاص في هجوم على 4 مواقع",  # 4 is not a casualty
        "بلغ عدد النازحين 3000",
    ],
)
def test_not_counts(text):
    assert [f for f in facts(text) if f[1] in (90, 4, 3000) or f[0] is None] == [] or facts(text) == []
    if "عشرات" in text or "الآلاف" in text or "النازحين" in text:
        assert facts(text) == []
