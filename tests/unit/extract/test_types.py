"""Event types, context requirements and modality filters on short made-up sentences."""

from __future__ import annotations

import pytest

from arabic.extract import extract_events

PUB = "2015-07-23 12:00:00"  # a Thursday


def types(text: str, title: str = "") -> list[str]:
    return [e["type"] for e in extract_events({"id": "t", "title": title, "text": text, "published": PUB})]


@pytest.mark.parametrize(
    "text, etype",
    [
        ("شنت طائرات التحالف غارات جوية على مواقع الحوثيين في صعدة امس.", "airstrike"),
        ("سقطت قذائف هاون اطلقتها ميليشيات الحوثي على احياء تعز.", "shelling"),
        ("قتل 5 اشخاص في انفجار سيارة مفخخة في بغداد اليوم.", "bombing"),
        ("اندلعت اشتباكات عنيفة بين قوات النظام ومقاتلي المعارضة في حلب.", "armed_clash"),
        ("اغتال مسلحون مجهولون ضابطا في عدن امس.", "killing"),
        ("دخلت الهدنة حيز التنفيذ في اليمن منتصف الليل.", "ceasefire"),
        ("بدأت في جنيف جولة محادثات بين الحكومة والمعارضة المسلحة لانهاء الحرب.", "negotiation"),
        ("بدأت عملية اجلاء المدنيين من حرستا الى ادلب.", "evacuation"),
        ("تفرض قوات النظام حصارا خانقا على مضايا منذ اشهر وقتل فيها 10 مدنيين.", "siege"),
        ("اعلنت الشرطة اعتقال 3 اشخاص يشتبه بانتمائهم الى داعش.", "arrest"),
        ("خرج الاف المتظاهرين في مسيرة حاشدة في صنعاء رافعين شعارات ضد الحرب.", "protest"),
        ("تسببت المعارك في نزوح الاف العائلات من الرمادي.", "displacement"),
    ],
)
def test_each_type(text, etype):
    assert etype in types(text)


@pytest.mark.parametrize(
    "text",
    [
        "ونفت روسيا قصف الغوطة الشرقية.",  # denial
        "دعا الامين العام الى وقف اطلاق النار في اليمن.",  # call
        "طالبت المنظمة برفع الحصار عن تعز.",  # call
        "اذا استمر القصف فان الوضع سيتدهور.",  # hypothetical
        "من المتوقع ان تبدأ الهدنة الاسبوع المقبل.",  # forecast
        "لم تسجل اي اشتباكات في المدينة امس.",  # negation
        "ندد الوزير بالتفجير.",  # condemnation only
        "تتعرض المنطقة منذ 2012 لقصف جوي منتظم.",  # background
        "سجل المنتخب هدفا في هجوم سريع خلال المباراة.",  # football
        "تتجه الاسهم نحو انفجار في الاسعار مع تداولات قوية في البورصة.",  # markets
        "احتفل اللاعب بمسيرة حافلة مع النادي.",  # career
    ],
)
def test_not_events(text):
    assert types(text) == []


def test_condemned_attack_with_casualties_is_reported():
    assert "bombing" in types("ادان الوزير التفجير الذي اسفر عن مقتل 5 اشخاص في مسجد بالقطيف.")


def test_non_arabic_and_empty_text():
    assert types("") == []
    assert types("Airstrikes killed 38 civilians in Eastern Ghouta on Thursday.") == []


def test_title_is_part_of_the_input():
    evs = extract_events({"id": "t", "title": "مقتل 7 مدنيين في قصف على تعز", "text": "قال مصدر طبي ان القصف استهدف حيا سكنيا.", "published": PUB})
    assert any(c["count"] == 7 for e in evs for c in e["casualties"])


def test_dateline_city_is_not_a_location():
    evs = extract_events({"id": "t", "title": "", "text": "بيروت - شنت طائرات حربية غارات على دوما في ريف دمشق امس.", "published": PUB})
    locs = {loc["text"] for e in evs for loc in e["locations"]}
    assert "دوما" in locs and "بيروت" not in locs


def test_weekday_date_resolved_against_publication():
    evs = extract_events({"id": "t", "title": "", "text": "قتل 3 جنود في هجوم انتحاري في العريش الثلاثاء.", "published": PUB})
    assert evs and evs[0]["date"] == "2015-07-21" and evs[0]["date_text"] == "الثلاثاء"


def test_precomputed_normalized_is_accepted():
    from arabic.normalize import normalize_article

    text = "شنت طائرات التحالف غارات جوية على صعدة امس."
    a = {"id": "t", "title": "", "text": text, "published": PUB}
    b = dict(a, normalized=normalize_article("", text))
    assert extract_events(a) == extract_events(b)
