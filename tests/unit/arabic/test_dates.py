import datetime as dt
from pathlib import Path

import pytest

from arabic.dates import DateMatch, find_dates, resolve_weekday

SEED = Path("/work/shared/corpus/seed-ghouta.txt")
PUB = dt.datetime.fromisoformat("2018-03-22T20:00:00+00:00")  # a Thursday


def _one(text, pub=PUB):
    got = find_dates(text, pub)
    assert len(got) == 1, got
    assert text[got[0].start:got[0].end] == got[0].text
    return got[0]


def test_weekday_same_day_as_publication():
    m = _one("غارات جوية استهدفت الخميس مناطق عدة")
    assert (m.text, m.date, m.kind) == ("الخميس", dt.date(2018, 3, 22), "weekday")


def test_night_spanning_two_days_resolves_to_first_day():
    m = _one("يسري اعتبارا من منتصف ليل الخميس الجمعة للسماح")
    assert m.text == "منتصف ليل الخميس الجمعة"
    assert m.date == dt.date(2018, 3, 22)


def test_month_pair_without_year():
    m = _one("وتشن قوات النظام منذ 18 شباط/فبراير هجوما عنيفا")
    assert m.date == dt.date(2018, 2, 18)
    assert m.kind == "since"
    assert m.text == "منذ 18 شباط/فبراير"


def test_counts_are_not_dates():
    text = "واسفر القصف عن مقتل أكثر من 1560 مدنياً بينهم 316 طفلاً"
    assert find_dates(text, PUB) == []


@pytest.mark.parametrize(
    "text,date,kind",
    [
        ("في 18 فبراير 2018", dt.date(2018, 2, 18), "absolute"),
        ("في 18 شباط", dt.date(2018, 2, 18), "absolute"),
        ("في 2018-02-18", dt.date(2018, 2, 18), "absolute"),
        ("في 5 أيار", dt.date(2017, 5, 5), "absolute"),  # most recent past occurrence
        ("في 5 نيسان", dt.date(2018, 4, 5), "absolute"),  # up to 31 days ahead: upcoming
        ("في 25 كانون الأول", dt.date(2017, 12, 25), "absolute"),
        ("في الـ18 من تشرين الأول", dt.date(2017, 10, 18), "absolute"),
        ("في 3 آذار (مارس)", dt.date(2018, 3, 3), "absolute"),
        ("قتل أمس", dt.date(2018, 3, 21), "relative"),
        ("قتل امس", dt.date(2018, 3, 21), "relative"),
        ("قتل أول أمس", dt.date(2018, 3, 20), "relative"),
        ("قتل اليوم", dt.date(2018, 3, 22), "relative"),
        ("قتل يوم الخميس", dt.date(2018, 3, 22), "weekday"),
        ("قتل مساء الخميس", dt.date(2018, 3, 22), "weekday"),
        ("قتل صباح الثلاثاء", dt.date(2018, 3, 20), "weekday"),
        ("قتل الخميس الماضي", dt.date(2018, 3, 15), "weekday"),
        ("قتل الجمعة", dt.date(2018, 3, 16), "weekday"),
        ("الاسبوع الماضي", None, "relative"),
        ("منذ 2012", None, "year"),
        ("في عام 2016", None, "year"),
    ],
)
def test_kinds(text, date, kind):
    m = _one(text)
    assert (m.date, m.kind) == (date, kind)


def test_seed_article():
    text = SEED.read_text(encoding="utf-8")
    got = find_dates(text, PUB)
    assert all(isinstance(m, DateMatch) and text[m.start:m.end] == m.text for m in got)
    weekdays = [m for m in got if m.kind == "weekday"]
    assert weekdays and all(m.date == dt.date(2018, 3, 22) for m in weekdays)
    assert any(m.date == dt.date(2018, 2, 18) for m in got)
    assert not any("1560" in m.text or "316" in m.text for m in got)


def test_upcoming_date_across_new_year():
    m = _one("في 5 كانون الثاني", dt.datetime(2017, 12, 20, 10))
    assert m.date == dt.date(2018, 1, 5)


def test_month_kinds():
    m = _one("في شباط الماضي")
    assert (m.kind, m.date) == ("month", dt.date(2018, 2, 1))
    m = _one("في آذار 2017")
    assert (m.kind, m.date) == ("month", dt.date(2017, 3, 1))


def test_resolve_weekday():
    assert resolve_weekday("الخميس", PUB) == dt.date(2018, 3, 22)
    assert resolve_weekday("الجمعة", PUB) == dt.date(2018, 3, 16)
    assert resolve_weekday("الجمعه", PUB) == dt.date(2018, 3, 16)
    assert resolve_weekday("الأحد", PUB) == dt.date(2018, 3, 18)
    assert resolve_weekday("خميس", PUB) == dt.date(2018, 3, 22)
    assert resolve_weekday("شباط", PUB) is None


# --- day ordinals in words (real sentences of the near-dup corpus) ----------------------------

@pytest.mark.parametrize("text, pub, date", [
    # Syrian Observatory on a Latakia killing, article of 10 August 2015
    ("بمدينة اللاذقية ليل السادس من أغسطس آب بإطلاق النار عليه", dt.date(2015, 8, 10), dt.date(2015, 8, 6)),
    ("ووقعت في الثاني من آب/ اغسطس 2014 معارك عنيفة", dt.date(2015, 7, 20), dt.date(2014, 8, 2)),
    ("بتهم الرشوة وتبييض الأموال في السابع والعشرين من مايو الماضي", dt.date(2015, 7, 21), dt.date(2015, 5, 27)),
    ("الموقعة بتاريخ الأول من يوليو (تموز) والتي تداولها", dt.date(2015, 7, 25), dt.date(2015, 7, 1)),
    ("يوم السادس والعشرين من فبراير 2016 موعدا", dt.date(2015, 7, 21), dt.date(2016, 2, 26)),
    ("في الثاني عشر من شباط/فبراير", dt.date(2015, 3, 1), dt.date(2015, 2, 12)),
])
def test_day_ordinal_in_words(text, pub, date):
    got = [d for d in find_dates(text, pub) if d.kind == "absolute"]
    assert [d.date for d in got] == [date]


def test_day_ordinal_needs_min_and_a_month():
    pub = dt.date(2015, 8, 10)
    # a period part, the second half of a month name, an ordinal without "من"
    for text in ("في الأسبوع الأول من أغسطس", "في النصف الثاني من يوليو", "في المركز الثاني من",
                 "الاجتماع الأول لمجلس الأمن", "تشرين الثاني من كل عام"):
        assert [d for d in find_dates(text, pub) if d.kind == "absolute"] == [], text


def test_day_ordinal_after_since_is_a_start():
    got = find_dates("منذ الحادي عشر من شهر يوليو", dt.date(2015, 8, 10))
    assert [(d.kind, d.date) for d in got] == [("since", dt.date(2015, 7, 11))]
