"""Tests of :mod:`arabic.dateline` on the dateline/byline formats of the corpus outlets
(first lines quoted from the articles named in the comments)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from arabic.dateline import find_dateline
from arabic.normalize import normalize_article


@pytest.mark.parametrize(
    "text,expected",
    [
        # seed (AFP style)
        ("بيروت - اعلن فصيل فيلق الرحمن الذي يسيطر على جنوب الغوطة الشرقية", "بيروت"),
        # brief's formats
        ("بيروت (أ ف ب) - قتل 38 مدنيا على الأقل في غارات", "بيروت"),
        ("الرياض: أعلنت قيادة قوات التحالف الالتزام بهدنة إنسانية في اليمن", "الرياض"),
        ("دمشق - وكالات: قصف الطيران المروحي بالبراميل المتفجرة", "دمشق"),
        # Sabq (snn-2015-07-21-02914, sabq ـ used as a dash)
        ("عبدالله البرقاوي- سبق- الرياض: أنهت صحيفة \"سبق\" مساء أمس", "الرياض"),
        ("سبق ـ أبها: حددت الإدارة العامة للتعليم في منطقة عسير", "أبها"),
        ("واس - الرياض : أدانت الأمانة العامة لمجلس التعاون", "الرياض"),
        ("فهد كاملي- سبق- الحد الجنوبي: ردت القوات السعودية", "الحد الجنوبي"),
        ("رويترز- الصخيرات (المغرب): وقع يوم الأحد بعض", "الصخيرات"),
        ("أنقرة- رويترز: قال وزير الخارجية التركي، اليوم", "أنقرة"),
        # Ain Alyoum: byline on its own line (outlet – place, reporter – place)
        ("عين اليوم – عدن\nأدان المجلس التنسيقي للمقاومة الشعبية", "عدن"),
        ("حاتم النجيمي – الخرمة\nتمكنت دوريات القوة الخاصة", "الخرمة"),
        ("مسلم الهواملة – الدلم\nنص", "الدلم"),
        ("عين اليوم – ديار بكر (تركيا)\nنص", "ديار بكر"),
        ("عين اليوم – الرياض (تصوير: صالح العبداللطيف)\nنص", "الرياض"),
        ("أحمد حجازي – جدة متابعات\nنص", "جدة"),
        ("نايف السعدي – الطائف شهدت ساحة جامع الملك فهد", "الطائف"),
        # Al-Riyadh: place – reporter / place – agency
        ("القاهرة - محمد خليل\nيستضيف الهلال الأحمر المصري", "القاهرة"),
        ("صنعاء - خاص ب\"الرياض\"\nأكد رئيس الوزراء اليمني", "صنعاء"),
        ("الرياض - واس\nأصدر مجلس الشورى", "الرياض"),
        # SPA header line (snn-2015-08-10-01569, tatweel already removed)
        ("أبها 25 شوال 1436 ه الموافق 10 أغسطس 2015 م واس\nاختتمت الغرفة", "أبها"),
        ("المدينة المنورة 26 شوال 1436 ه الموافق 11 اغسطس 2015 م واس\nنص", "المدينة المنورة"),
        # Latin
        ("BEIRUT (Reuters) - Syrian government forces", "BEIRUT"),
        ("Beirut (AFP) - At least 38 civilians were killed", "Beirut"),
    ],
)
def test_datelines(text: str, expected: str):
    assert find_dateline(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # bylines without a place
        "عمر إبراهيم – عين اليوم\nنص",
        "عين اليوم – متابعات\nنص",
        "عين اليوم – هيفاء عبدالله قدمت الشركة الاتحادية",
        "سبق- وكالات: أعلنت وزارة الداخلية والأمن الوطني",
        "أيمن حسن– سبق: أقرت المنظمة العالمية للفنادق",
        "عواصم العالم - رويترز\nنص",
        "عين اليوم – الجمعة\nنص",
        "أكابر الأحمدي – تبدت سوق عكاظ في عهدها الجديد",
        # prose that looks like a head (corpus first lines)
        "قالت السفارة الأمريكية بالقاهرة: إن الولايات المتحدة",
        "قال مسؤولون: إن الشرطة اكتشفت مخبأ",
        "الخبر الأول:\nاختفاء العشرات من الشبان",
        "1917 - الحرب العالمية الأولى: الحكم بالإعدام في باريس",
        "بدأت مفاعيل الاتفاق الأميركي - التركي حول استعمال قاعدة إنجرليك",
        "أصدر خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود - حفظه الله - أمرا",
        "وصل - بحفظ الله ورعايته - نائب خادم الحرمين الشريفين",
        "جانب من التدريبات\nنص",
        "However - this is English prose",
        "",
        "   ",
    ],
)
def test_no_dateline(text: str):
    assert find_dateline(text) is None


def test_dateline_through_normalize_article():
    # tatweel, bidi mark and Next/Previous buttons are removed before the dateline is read
    a = normalize_article("", "\u200fأبهــا 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس\n اختتمت")
    assert a.dateline == "أبها"
    b = normalize_article("", "Next Previous عين اليوم – جدة\nنص الخبر")
    assert b.dateline == "جدة"


def test_non_str_does_not_raise():
    assert find_dateline(None) is None  # type: ignore[arg-type]


def test_corpus_dateline_coverage():
    base = os.environ.get("MARSAD_CORPUS_DIR")
    root = Path(base) if base else Path(__file__).resolve().parents[3] / ".." / "shared" / "corpus"
    path = root / "saudinewsnet-5k.jsonl"
    if not path.exists():
        pytest.skip(f"corpus not found at {path}")
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    found: dict[str, int] = {}
    for row in rows:
        a = normalize_article(row["title"], row["text"])
        if a.dateline:
            assert a.dateline in a.clean_text.split("\n", 1)[0]
            found[row["source"]] = found.get(row["source"], 0) + 1
    # SPA dispatches all open with "PLACE date واس"; most Sabq texts with "...- PLACE:"
    assert found.get("was", 0) >= 60
    assert found.get("sabq", 0) >= 150
    assert found.get("3alyoum", 0) >= 200
    # outlets that do not print datelines get (almost) none: no false positives at scale
    for source in ("aawsat", "aljazirah", "alwatan", "okaz", "almadina", "aleqtisadiya"):
        assert found.get(source, 0) <= 2, source
