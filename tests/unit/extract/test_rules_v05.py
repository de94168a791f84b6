"""Rules added in extract-0.5.0 (generalisation pass), on short real sentences of the
saudinewsnet near-duplicate corpus (dev-gold and unlabelled conflict articles)."""

from __future__ import annotations

import pytest

from arabic.extract import EXTRACTOR_VERSION, extract_events
from arabic.extract.casualties import find_casualties
from arabic.extract.sentences import fold, strip_marks
from arabic.numbers import find_numbers

PUB = "2015-08-02 12:00:00"


def events(text: str, title: str = "", pub: str = PUB) -> list[dict]:
    return extract_events({"id": "t", "title": title, "text": text, "published": pub})


def cas(sentence: str) -> set[tuple]:
    s = strip_marks(sentence)
    return {(c.kind, c.count, c.group) for c in find_casualties(fold(s), find_numbers(s), 0, len(s))}


def test_version():
    assert EXTRACTOR_VERSION.startswith("extract-0.")


# ---- casualties
@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a number in parentheses (Saudi press style)
        ("حيث فجرت انتحاريتان نفسيهما، ما أدى إلى مقتل (20) شخصا وإصابة عدد كبير من الأشخاص بجروح.",
         {("killed", 20, "people")}),
        ("كما استشهد (37) مابين رجال أمن ومواطنين",
         {("killed", 37, "people")}),
        # a toll reaching a number
        ("ارتفاع قتلى غرق مركب في النيل إلى 21 على الأقل", {("killed", 21, None)}),
        ("إن حصيلة القتلى منذ بدء المواجهات بين مسلحي الحوثي والمقاومة الشعبية في المدينة بلغت ألفا .",
         {("killed", 1000, None)}),
        # a plural verb agreeing with the counted noun a few words after it
        ("وأفاد مصدر أن 8 أشخاص يحملون أحزمة ناسفة قتلوا أثناء محاولتهم الهجوم على القوات الأمنية",
         {("killed", 8, "people")}),
        ("وأوضحت القيادة أن 7 عناصر من تنظيم / داعش / قتلوا وجرح أربعة منهم في مناطق البوشجل",
         {("killed", 7, "fighters"), ("injured", 4, None)}),
        # more fighter nouns; possessive group nouns; "إضافة إلى" joins a second count
        ("وقتل الجيش الجزائري في نهاية مايو 25 اسلاميا قرب البويرة", {("killed", 25, "fighters")}),
        ("وتابع البيان أن السوداني أحد ثلاثة متطرفين معروفين قتلوا في الغارة.", {("killed", 3, "fighters")}),
        ("اعلنت القيادة العامة للقوات المسلحة الاماراتية عن استشهاد ثلاثة من جنودها المشاركين",
         {("killed", 3, "soldiers")}),
        ("نتج عنه استشهاد عشرة من منسوبي القوات إضافة إلى ثلاثة من العاملين في الموقع",
         {("killed", 10, "soldiers"), ("killed", 3, "people")}),
        # "ألفي" (construct dual of thousand) and an imperfect execution verb
        ('اعدم تنظيم "داعش" الارهابي اكثر من الفي شخص في منطقة الموصل', {("killed", 2000, "people")}),
        ('"داعش" تعدم 2000 شخص في الموصل منذ سيطرته عليها', {("killed", 2000, "people")}),
        # a combined killed-and-injured tally is no count of one kind
        ("مقتل وإصابة أكثر من 70 عنصرًا من قوات التمرد الحوثي", set()),
        ("استشهاد وإصابة 22 في تفجير استهدف مسجداً بعسير", set()),
        # ... but two verbs are two counts
        ("وأضافت المصادر أن سبعة اخرين قتلوا وأصيب 25 في تفجير اخر", {("killed", 7, "people"), ("injured", 25, None)}),
        # arrest counts are not casualties
        ("وصل عدد المعتقلين إلى 30", set()),
    ],
)
def test_casualty_phrasing(sentence, expected):
    assert cas(sentence) == expected


def test_duration_is_not_a_count():
    assert cas("ومر أكثر من عام على إعلان تعاقده مع لامبارد الذي قضى 13 عاما في صفوف تشيلسي.") == set()


# ---- triggers
@pytest.mark.parametrize(
    "text, etype",
    [
        # abduction = arrest (gold/GUIDELINES.md)
        ("وخطفت جبهة النصرة ثمانية عناصر من الفرقة 30 مساء الاربعاء، قرب مدينة اعزاز في ريف حلب الشمالي.", "arrest"),
        ('"داعش ليبيا" يخطف 3 مسيحيين أفارقة أحدهم مصري', "arrest"),
        # "فتح النار": shooting; on people = killing, with an armed side = armed_clash
        ("فتح رجل النار فجر اليوم الاثنين في شارع الاستقلال في مدينة إسطنبول التركية، مما أسفر عن إصابة خمسة أشخاص.", "killing"),
        ("وجاء في بيان ان القوات الهندية فتحت النار السبت على قاطع بونش على خط المراقبة.", "armed_clash"),
    ],
)
def test_new_triggers(text, etype):
    assert etype in [e["type"] for e in events(text)]


def test_figurative_abduction_is_not_an_event():
    assert events("وأضاف: الآن مهرجان جدة خطف انتباهنا وأصبح محطة مهمة في رحلتنا.") == []


# ---- places and dates
def test_event_without_place_takes_the_article_country():
    title = "تركيا تعتقل 251 في حملة أمنية تستهدف داعش والأكراد"
    text = ("قال مكتب رئيس الوزراء التركي إن الشرطة بدأت حملة أمنية تستهدف جماعات متشددة اليوم الجمعة.\n"
            "وذكر المكتب في بيان أن 251 شخصا اعتقلوا حتى الآن خلال المداهمات في تركيا.")
    evs = [e for e in events(text, title, pub="2015-07-24 15:41:52") if e["type"] == "arrest"]
    assert evs and all(loc["text"] == "تركيا" for e in evs for loc in e["locations"])
    assert evs[0]["locations"]


def test_lead_date_carries_to_later_sentences_and_the_title():
    title = "تركيا تعتقل 251 في حملة أمنية تستهدف داعش والأكراد"
    text = ("قال مكتب رئيس الوزراء التركي إن الشرطة بدأت حملة أمنية تستهدف جماعات متشددة اليوم الجمعة.\n"
            "وذكر المكتب في بيان أن 251 شخصا اعتقلوا حتى الآن خلال المداهمات.")
    evs = [e for e in events(text, title, pub="2015-07-24 15:41:52") if e["type"] == "arrest"]
    assert evs and evs[0]["date"] == "2015-07-24"


def test_background_sentence_keeps_no_lead_date():
    text = ("قتل ثلاثة جنود في هجوم مسلح على نقطة تفتيش أمس الخميس.\n"
            "وكانت قوات الأمن قد اعتقلت خمسة مشتبهين في المنطقة.")
    arrests = [e for e in events(text, pub="2015-07-24 15:41:52") if e["type"] == "arrest"]
    assert arrests and arrests[0]["date"] is None
