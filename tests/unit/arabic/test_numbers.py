import pytest

from arabic.numbers import NumberMatch, find_numbers, parse_number


@pytest.mark.parametrize(
    "text,value",
    [
        ("38", 38), ("٣٨", 38), ("٣١٦", 316), ("1560", 1560), ("1,560", 1560),
        ("ثمانين", 80), ("ثلاثمئة وستة عشر", 316), ("ثلاثمائة وستة عشر", 316),
        ("ثلاثة آلاف", 3000), ("ثلاثة الاف", 3000), ("الف", 1000), ("ألف", 1000),
        ("ألفين", 2000), ("الفين", 2000), ("عشرة", 10), ("خمسة وعشرين", 25),
        ("ثلاثة عشر", 13), ("أحد عشر", 11), ("مئة", 100), ("مائتين", 200),
        ("ثلاث مئة وعشرين", 320), ("ألف وخمسمئة وستة عشر", 1516), ("خمسة وعشرين ألفا", 25000),
        ("3 آلاف", 3000), ("1.5 مليون", 1_500_000), ("مليونين", 2_000_000),
        ("ثَلاثَةُ", 3),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["عشرات", "مئات", "آلاف", "الاف", "ملايين", "مدنيا", "", "2.5", "ثلاثة مدنيين", "ثلاثة وخمسة"])
def test_parse_number_vague_or_not_a_number(text):
    assert parse_number(text) is None


def test_find_numbers_seed_sentence_spans_into_original():
    text = "واسفر القصف عن مقتل أكثر من 1560 مدنياً بينهم 316 طفلاً على الأقل في أكثر من شهر"
    got = find_numbers(text)
    assert [(m.value, m.text) for m in got] == [(1560, "1560"), (316, "316")]
    for m in got:
        assert text[m.start:m.end] == m.text


def test_find_numbers_words_and_clitics():
    text = "وقتل ثلاثة وأصيب خمسة وعشرون آخرون وبثمانين و3 آلاف و٣١٦ وعشرات الجرحى"
    got = find_numbers(text)
    assert [m.value for m in got] == [3, 25, 80, 3000, 316]
    assert got[2].text == "ثمانين"  # clitic "وب" excluded from the span
    assert all(isinstance(m, NumberMatch) and text[m.start:m.end] == m.text for m in got)


def test_find_numbers_does_not_merge_separate_counts():
    got = find_numbers("قتل ثلاثة وخمسة جرحى")
    assert [m.value for m in got] == [3, 5]


def test_find_numbers_skips_one_of_and_model_names():
    assert find_numbers("قتل أحد المدنيين بطائرة F16") == []


def test_find_numbers_keeps_years_for_the_caller():
    assert [m.value for m in find_numbers("منذ 18 شباط/فبراير 2018")] == [18, 2018]
