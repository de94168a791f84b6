"""arabic.dates: the candidate-driven scans give exactly the regex scans."""

import pytest

import arabic.dates as D

TEXTS = [
    "قتل 5 امس وأمس الأول وليلة الخميس الجمعة، منذ عام 2012 وفي 2015 وشباط الماضي والخميس المقبل",
    "وبالأمس اليوم غدا البارحة صباح اليوم الأسبوع الماضي في شباط/فبراير 2018 يوم الاثنين",
    "كتاب آب 2014 واب الماضي، ابو محمد، فيفري 2015 السنة الماضية",
    "xامس 3الخميس امسية الخميسي في2015 العام 2016",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_plain_scans_equal_regex_scans(text):
    assert D._HAS_NOT_PLAIN.search(text) is None
    for scan in (D._MONTH_YEAR_SCAN, D._WD_SCAN, D._REL_SCAN, D._YEAR_SCAN):
        assert [m.span() for m in D._finditer(scan, text, True)] == [m.span() for m in scan[0].finditer(text)]


def test_text_with_marks_is_not_plain():
    assert D._HAS_NOT_PLAIN.search("أمسِ") and D._HAS_NOT_PLAIN.search("ٱليوم")
