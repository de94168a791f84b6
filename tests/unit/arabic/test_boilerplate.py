"""Tests of :mod:`arabic.boilerplate`: one test per rule, on lines quoted from the corpus
(article ids in comments), plus corpus-wide checks that the rules fire where the
boilerplate is and nowhere else."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from arabic.boilerplate import remove_boilerplate
from arabic.normalize import normalize_article

OKAZ_BAR = "شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك"


def _corpus_rows() -> list[dict]:
    base = os.environ.get("MARSAD_CORPUS_DIR")
    root = Path(base) if base else Path(__file__).resolve().parents[3] / ".." / "shared" / "corpus"
    path = root / "saudinewsnet-5k.jsonl"
    if not path.exists():
        pytest.skip(f"corpus not found at {path}")
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.fixture(scope="module")
def corpus() -> list[dict]:
    return _corpus_rows()


# --- share bars -------------------------------------------------------------------------


def test_okaz_inline_share_bar_at_start():
    # snn-2015-08-11-01370 (okaz)
    text = (
        f"{OKAZ_BAR} أظهرت دراسة نشرت أمس، أن المانيا التي تبنت خطا متشددا بشأن اليونان، "
        "حققت مكاسب من الأزمة المالية اليونانية بلغت 100 مليار يورو"
    )
    clean, removed = remove_boilerplate(text)
    assert clean.startswith("أظهرت دراسة نشرت أمس")
    assert removed == (OKAZ_BAR,)


def test_share_bar_does_not_eat_content_glue_words():
    # the bar followed by a sentence that starts with a "glue" word ("على")
    clean, removed = remove_boilerplate(f"{OKAZ_BAR} على الرغم من الأزمة المالية")
    assert clean == "على الرغم من الأزمة المالية"
    assert removed == (OKAZ_BAR,)


def test_seed_share_trailer_line():
    clean, removed = remove_boilerplate("ثم عرض ممر آمن للخروج للمسلحين وأسرهم.\nمشاركة :")
    assert clean == "ثم عرض ممر آمن للخروج للمسلحين وأسرهم."
    assert removed == ("مشاركة :",)


def test_share_trailer_glued_to_last_sentence():
    clean, removed = remove_boilerplate("ثم عرض ممر آمن للخروج للمسلحين وأسرهم. مشاركة :")
    assert clean == "ثم عرض ممر آمن للخروج للمسلحين وأسرهم."
    assert removed == ("مشاركة :",)


@pytest.mark.parametrize(
    "line",
    ["تويتر فيسبوك واتساب", "شارك", "مشاركة: فيسبوك | تويتر | واتس اب | طباعة", "Share on Facebook Twitter"],
)
def test_share_button_lines(line: str):
    clean, removed = remove_boilerplate(f"قتل 38 مدنيا في غارات.\n{line}\nوقال المرصد.")
    assert clean == "قتل 38 مدنيا في غارات.\nوقال المرصد."
    assert removed == (line,)


@pytest.mark.parametrize(
    "text",
    [
        # snn-2015-07-21-00312 style app list (aawsat): platforms named in prose
        "2. «فيسبوك ميسنجر» Facebook Messenger",
        # prose starting with a share verb (okaz): "شارك الفريق بحفل المعايدة"
        "وقد شارك الفريق بحفل المعايدة الذي أقامه المركز",
        "شارك عبر تويتر آلاف المغردين في حملة التضامن",
        # ends with a share word but is a sentence (almadina)
        "وقال الفيفا إن كأس القارات 2017 ستقام بمشاركة 8 منتخبات",
        "وأكد أهمية المشاركة",
    ],
)
def test_share_words_in_prose_are_kept(text: str):
    clean, removed = remove_boilerplate(text)
    assert clean == text and removed == ()


# --- read more / copyright ------------------------------------------------------------


def test_aawsat_read_more_trailer():
    # snn-2015-07-21-00005 (aawsat)
    text = (
        "وكشف ياسين لـ«الشرق الأوسط» عن توجه حكومته لمحاسبة عدد من المسؤولين اليمنيين.\n\n"
        " ...المزيد"
    )
    clean, removed = remove_boilerplate(text)
    assert clean == "وكشف ياسين لـ«الشرق الأوسط» عن توجه حكومته لمحاسبة عدد من المسؤولين اليمنيين."
    assert removed == ("...المزيد",)


def test_read_also_lines():
    text = (
        "قتل 38 مدنيا في غارات على الغوطة الشرقية.\n"
        "اقرأ أيضا: روسيا تنفي قصف الغوطة الشرقية\n"
        "اقرأ أيضاً\n"
        "فيلق الرحمن يعلن وقف إطلاق النار\n"
        "وقال المرصد إن الحصيلة مرشحة للارتفاع."
    )
    clean, removed = remove_boilerplate(text)
    assert clean == "قتل 38 مدنيا في غارات على الغوطة الشرقية.\nوقال المرصد إن الحصيلة مرشحة للارتفاع."
    assert len(removed) == 3


def test_more_inside_a_sentence_is_kept():
    text = "المزيد من الغارات استهدفت دوما أمس."
    assert remove_boilerplate(text) == (text, ())


def test_copyright_lines():
    text = "قتل 38 مدنيا.\nجميع الحقوق محفوظة لصحيفة عكاظ 2015\n© 2015 Okaz. All rights reserved."
    clean, removed = remove_boilerplate(text)
    assert clean == "قتل 38 مدنيا."
    assert len(removed) == 2


def test_rights_in_prose_are_kept():
    # snn-2015-08-06-01054 (aljazirah) and snn-2015-08-06-00056 (3alyoum)
    for text in (
        "مع مراعاة احترام جميع الحقوق الإنسانية والحريات الأساسية.",
        "ويعتبر هذا البرنامج هدفا للكثير من الشركات كونه ينتهك قواعد حقوق النشر",
    ):
        assert remove_boilerplate(text) == (text, ())


# --- agency trailers --------------------------------------------------------------------


def test_spa_end_marker_and_time():
    # snn-2015-08-10-01569 (was)
    text = "وخصائص المفاوض الناجح واستراتيجيات التفاوض.\n // انتهى //\n 13:26 ت م"
    clean, removed = remove_boilerplate(text)
    assert clean == "وخصائص المفاوض الناجح واستراتيجيات التفاوض."
    assert removed == ("// انتهى //", "13:26 ت م")


def test_end_marker_glued_to_last_sentence():
    # snn-2015-07-22-01314 (alriyadh)
    text = "ومحافظ أبين ومدير مطار عدن الدولي. // انتهى //"
    assert remove_boilerplate(text) == ("ومحافظ أبين ومدير مطار عدن الدولي.", ("// انتهى //",))


def test_to_be_continued_marker():
    assert remove_boilerplate("النص.\n//يتبع//") == ("النص.", ("//يتبع//",))


# --- contact, link and navigation trailers ---------------------------------------------


def test_almadina_sms_contact_block():
    # Al-Madina columns (e.g. snn-2015-07-21-01289 has it on one line)
    text = (
        "ونحن على موعد مع فعاليات سوق عكاظ المتنوعة.\n"
        "Qadis@hotmail.com\n"
        "للتواصل مع الكاتب ارسل رسالة SMS\n"
        "تبدأ بالرمز (4) ثم مسافة ثم نص الرسالة إلى\n"
        "88591 - Stc\n635031 - Mobily\n737221 - Zain"
    )
    clean, removed = remove_boilerplate(text)
    assert clean == "ونحن على موعد مع فعاليات سوق عكاظ المتنوعة."
    assert len(removed) == 6


def test_okaz_sms_contact_block():
    # okaz columns: the block wraps over two lines
    text = (
        "وأرجو من قضائنا المحترم أن يحكم بالعدل.\n"
        "للتواصل أرسل sms إلى 88548 الاتصالات ,636250 موبايلي, 738303 زين تبدأ بالرمز 123 مسافة\n"
        " ثم الرسالة"
    )
    assert remove_boilerplate(text)[0] == "وأرجو من قضائنا المحترم أن يحكم بالعدل."


def test_contact_words_in_prose_are_kept():
    text = "وأتاحت الوزارة للتواصل معها إرسال رسالة نصية SMS إلى الرقم 920033360 طوال أيام العيد."
    assert remove_boilerplate(text) == (text, ())


def test_contact_lines():
    # aawsat bylines: e-mail and phone lines; aljazirah: twitter handle line
    text = "النص.\nm.althaidy@asharqalawsat.com\nتليفون : 00966112128000\nتويتر: mohsnAlMutlaq@"
    assert remove_boilerplate(text)[0] == "النص."


def test_alweeam_link_trailer():
    # snn-2015-07-21-01532 (alweeam): the trailer is glued to the last paragraph
    text = (
        "وثمنت إدارة النادي للمشيقح هذه المبادرة التي لا تستغرب منه تجاه ناديه. "
        "رابط الخبر بصحيفة الوئام: النصر يبدأ استعداداته للموسم وداسيلفا يؤكد على أهمية مرحلة الاعداد"
    )
    clean, removed = remove_boilerplate(text)
    assert clean == "وثمنت إدارة النادي للمشيقح هذه المبادرة التي لا تستغرب منه تجاه ناديه."
    assert removed[0].startswith("رابط الخبر بصحيفة الوئام: النصر يبدأ")


def test_ain_alyoum_gallery_navigation():
    # snn-2015-07-24-00037 (3alyoum): the byline survives, the buttons go
    text = "Next Previous رغد عشميل – عين اليوم\nغالبا ما تبدأ استعدادات عيد الفطر"
    clean, removed = remove_boilerplate(text)
    assert clean == "رغد عشميل – عين اليوم\nغالبا ما تبدأ استعدادات عيد الفطر"
    assert removed == ("Next Previous",)


def test_separator_lines():
    # snn-2015-07-24-01925 (okaz) ends with "********"; aljazirah uses "***" and "* *"
    text = "في مجتمعنا الغالي..\n********\n***\n* *"
    clean, removed = remove_boilerplate(text)
    assert clean == "في مجتمعنا الغالي.."
    assert removed == ("********", "***", "* *")


def test_empty_and_non_str():
    assert remove_boilerplate("") == ("", ())
    assert remove_boilerplate(None) == ("", ())  # type: ignore[arg-type]


# --- corpus-wide ------------------------------------------------------------------------


def test_all_okaz_share_bars_found_generically(corpus: list[dict]):
    with_bar = [r for r in corpus if r["text"].startswith("شارك من خلال")]
    assert len(with_bar) == 23
    for row in corpus:
        a = normalize_article(row["title"], row["text"])
        assert not a.clean_text.startswith("شارك من خلال")
        assert ("شارك من خلال" in "".join(a.removed_boilerplate)) == (row in with_bar)


def test_corpus_trailers_gone(corpus: list[dict]):
    by_source: dict[str, int] = {}
    for row in corpus:
        a = normalize_article(row["title"], row["text"])
        last = a.clean_text.rsplit("\n", 1)[-1]
        assert "رابط الخبر بصحيفة الوئام" not in last
        assert "انتهى //" not in a.clean_text and not last.endswith("ت م")
        assert last.strip() != "...المزيد" and not last.endswith(" - Zain")
        if a.removed_boilerplate:
            by_source[row["source"]] = by_source.get(row["source"], 0) + 1
    # every Al-Weeam text carries the link trailer, every SPA dispatch the time trailer
    assert by_source["alweeam"] == sum(r["source"] == "alweeam" for r in corpus)
    assert by_source["was"] == sum(r["source"] == "was" for r in corpus)
    # and the rules stay quiet on most outlets (no false positives at scale)
    assert sum(by_source.values()) < 700
