"""Tests of :mod:`arabic.language` and of the language fields of normalized articles."""

from __future__ import annotations

import pytest

from arabic.language import arabic_ratio, detect_language
from arabic.normalize import normalize_article


def test_arabic_article():
    # seed opening sentence
    lang, ratio = detect_language("بيروت - اعلن فصيل فيلق الرحمن الذي يسيطر على جنوب الغوطة الشرقية")
    assert lang == "ar" and ratio == 1.0


def test_arabic_with_latin_names_is_arabic():
    # snn-2015-07-21-00583 (aawsat) film review
    text = "العبارة التي استخدمت أكثر من مرة في الأجزاء الأربعة الأولى من «ترميناتور» هي «سأعود» (I'll be back)"
    lang, ratio = detect_language(text)
    assert lang == "ar" and 0.8 < ratio < 1.0


@pytest.mark.parametrize(
    "text,expected",
    [
        ("At least 38 civilians were killed on Thursday in air strikes on the Eastern Ghouta, "
         "according to the Syrian Observatory for Human Rights.", "en"),
        ("Au moins 38 civils ont été tués jeudi dans des frappes aériennes sur la Ghouta "
         "orientale, selon l'Observatoire syrien des droits de l'homme.", "fr"),
        ("Terminator Genisys", "other"),
        ("По меньшей мере 38 мирных жителей погибли", "other"),
        ("在东古塔的空袭中至少有38名平民死亡", "other"),
    ],
)
def test_non_arabic_text(text: str, expected: str):
    lang, ratio = detect_language(text)
    assert lang == expected
    assert ratio == 0.0


def test_persian_in_arabic_script_is_not_arabic():
    text = "دست کم ۳۸ غیرنظامی در حملات هوایی به غوطه شرقی کشته شدند و این گزارش را دیدبان سوریه داد"
    lang, ratio = detect_language(text)
    assert lang == "fa" and ratio > 0.9


def test_arabic_with_a_few_persian_letters_stays_arabic():
    # corpus Arabic uses U+06CC / U+06A9 now and then (123 Farsi yeh in 5k articles)
    assert detect_language("قال المستشار الألمانی إن الحکومة ستدرس المقترح")[0] == "ar"


@pytest.mark.parametrize("text", ["", "   ", "123 456", "!!! ... ***", "\u200b\u200f"])
def test_unknown_without_letters(text: str):
    assert detect_language(text) == ("unknown", 0.0)
    assert arabic_ratio(text) == 0.0


def test_normalized_article_marks_english_as_other_language():
    a = normalize_article(
        "Ceasefire in Eastern Ghouta",
        "BEIRUT (AFP) - Faylaq al-Rahman announced a ceasefire in its zone of the Eastern "
        "Ghouta on Thursday, to allow negotiations with Russia.",
    )
    assert a.language == "en" and a.arabic_ratio == 0.0
    assert a.dateline == "BEIRUT"
    assert a.normalized_text.startswith("ceasefire in eastern ghouta beirut afp faylaq al rahman")


def test_mixed_half_and_half():
    ratio = arabic_ratio("abcd عربي")
    assert ratio == pytest.approx(4 / 8)
    assert detect_language("abcd عربي")[0] == "ar"  # threshold is inclusive
    assert detect_language("abcde عربي")[0] != "ar"


def test_non_str_does_not_raise():
    assert detect_language(None) == ("unknown", 0.0)  # type: ignore[arg-type]
