"""Rules added in extract-0.3.0, on real sentences of the saudinewsnet 5k corpus / dev pool."""

from __future__ import annotations

import pytest

from arabic.extract import extract_events
from arabic.extract.assemble import _cut_tags

PUB = "2015-07-23 12:00:00"


def events(text: str, title: str = "", pub: str = PUB) -> list[dict]:
    return extract_events({"id": "t", "title": title, "text": text, "published": pub})


def types(text: str, title: str = "") -> list[str]:
    return [e["type"] for e in events(text, title)]


@pytest.mark.parametrize(
    "text, etype",
    [
        # purpose / intention
        ("وبدأت عملية تحقيق بهدف القبض على منفذي الهجوم.", "arrest"),
        ("ينتمون إلى مجموعات مسلحة مهمتهم مراقبة بعض الشخصيات تمهيدا لتنفيذ عمليات اغتيال وتفجيرات في الداخل اللبناني.", "killing"),
        ("نرحب بالامر الذي اصدره نتانياهو لقوات الامن باللجوء الى كل السبل لاعتقال القتلة.", "arrest"),
        # relative clause
        ("بعد أن يعود السوريون الذين هجروا من قرى في منطقة القلمون الى بيوتهم.", "displacement"),
        # explicit past year in the clause
        ("وهي لبنانية من عرسال أوقفت في شباط/ فبراير 2014 بينما كانت تقود سيارة مفخخة.", "bombing"),
        ("ووقعت في الثاني من آب/ اغسطس 2014 معارك عنيفة بين الجيش اللبناني ومسلحين في بلدة عرسال.", "armed_clash"),
        # "last year"
        ("مستندة الى شهادات عدة اطفال احتجزوا العام الماضي في القدس الشرقية.", "arrest"),
        # future / soon
        ("تركيا: إنطلاق معركة شاملة ضد تنظيم داعش قريبا", "armed_clash"),
        # "any": generic
        ("روسيا: اي غارات أمريكية على نظام الأسد ستضر جهود مكافحة الارهاب", "airstrike"),
        # weapons destroyed / carried
        ("وأبان المصدر أن العملية أسفرت كذلك عن تدمير ست عجلات وسيارة مفخخة ومنصة لإطلاق الصواريخ.", "bombing"),
        # idiom
        ("وبعد الخسائر التي تكبدتها قوات الأسد على أرض المعركة، ظهرت دلائل على حوار.", "armed_clash"),
        # characterisation of another act
        ("واشنطن تصف مقتل طفل فلسطيني حرقا في الضفة الغربية بانه \"هجوم إرهابي وحشي\"", "armed_clash"),
        # place of custody
        ("عبروا الحدود الى مكان احتجاز العسكريين في جبال القلمون.", "arrest"),
        # a projectile that exploded is a bombing, not a launch
        ("استشهاد أربعة فلسطينيين وإصابة 30 بانفجار صاروخ من مخلفات الاحتلال", "shelling"),
    ],
)
def test_rule_rejects(text, etype):
    assert etype not in types(text)


@pytest.mark.parametrize(
    "text, etype",
    [
        ("وتشن بريطانيا ضربات ضد متشددي تنظيم داعش المتطرف في العراق.", "airstrike"),
        ("مشيرا إلى أن ضربات التحالف الجوية دعمت الأكراد في هذه العملية.", "airstrike"),
        ("وأفاد بيان لوزارة الداخلية أنه تم الاحتفاظ على 12 شخصا تم اعتقالهم خلال الحملة.", "arrest"),
        ("أعلنت وزارة الداخلية المصرية عن ضبط 44 عنصرا من تنظيم الاخوان والمتطرفين.", "arrest"),
        ("ضبطت الأجهزة الأمنية الكويتية شبكة إرهابية تنتمي إلى تنظيم داعش.", "arrest"),
        ("استشهاد رجل أمن بعد تعرض دوريته لإطلاق نار بالقطيف", "armed_clash"),
        ("حررت وحدات حماية الشعب الكردية بلدة صرين في شمال سوريا من تنظيم داعش.", "armed_clash"),
        ("أعلنت الأمم المتحدة أنها ستعقد جولة جديدة من محادثات سلام ليبيا يوم الاثنين في جنيف.", "negotiation"),
        ("واشنطن تصف مقتل طفل فلسطيني حرقا في الضفة الغربية بانه هجوم إرهابي وحشي", "killing"),
        ("لقي 22 مسلحا من تنظيم داعش مصرعهم في عملية أمنية نفذتها قوات عراقية مشتركة.", "armed_clash"),
        # undergoing an attack: "ل" is not a purpose here
        ("كما تعرضت قرى سهرة والحيمة القريبة من المدينة لقصف مدفعي عشوائي من قبل الميليشيات.", "shelling"),
        # the relative clause ends at the comma: the main verb governs the trigger
        ("ويشن طيران الائتلاف الدولي الذي تقوده واشنطن، ضربات جوية في المحافظة العراقية.", "airstrike"),
    ],
)
def test_new_triggers_and_exceptions(text, etype):
    assert etype in types(text)


def test_shooting_without_security_side_is_killing():
    ts = types("مقتل 2 وإصابة 7 في إطلاق نار داخل سينما في لويزيانا")
    assert "killing" in ts and "armed_clash" not in ts


def test_ceasefire_with_adjective_is_not_a_shooting():
    ts = types("أعرب المبعوث عن أمله في أن يتحقق السلام في اليمن بعد وقف دائم لإطلاق النار.")
    assert "armed_clash" not in ts and "killing" not in ts


def test_definite_generic_attack_refers_to_the_specific_act():
    ts = types("وقالت القوة إن الولايات المتحدة وحلفاءها نفذوا 41 ضربة جوية في سوريا ضد تنظيم الدولة أمس وإن الهجمات ركزت على مدينة دير الزور.")
    assert ts == ["airstrike"]


def test_casualty_only_article_is_an_armed_clash():
    evs = events("قُتل 12 مسلحاً في حملة مداهمات شنتها القوات المسلحة المصرية بمدينة الشيخ زويد التابعة لمحافظة شمال سيناء.",
                 title="مقتل 12 مسلحاً وتدمير مخزنين للمواد المتفجرة بسيناء")
    assert [e["type"] for e in evs] == ["armed_clash"]
    assert ("killed", 12) in {(c["kind"], c["count"]) for c in evs[0]["casualties"]}
    assert {loc["text"] for loc in evs[0]["locations"]} & {"سيناء", "الشيخ زويد"}


def test_cumulative_toll_alone_is_not_an_event():
    assert types("قتل 223 حوثيا منذ إبريل في إقليم تهامة.", title="المقاومة في إقليم تهامة اليمني: مقتل 223 حوثيا منذ إبريل") == []


def test_civilian_deaths_alone_create_no_event():
    assert types("لقي 3 مواطنين مصرعهم في حادث مروري على طريق الرياض.") == []


def test_unknown_place_after_generic_word():
    evs = events("حررت وحدات حماية الشعب الكردية بلدة صرين في شمال سوريا من تنظيم داعش الإرهابي.")
    locs = {loc["text"] for e in evs for loc in e["locations"]}
    assert "صرين" in locs


def test_adjective_after_generic_word_is_not_a_place():
    evs = events("قتل 5 جنود في اشتباكات مع مسلحين في المنطقة الحدودية مع سوريا.")
    assert not any(loc["text"] in ("الحدودية", "الحدوديه") for e in evs for loc in e["locations"])


def test_site_tags_are_cut():
    assert _cut_tags("وانفجر صاروخ من مخلفات الاحتلال. سمات اسرائيل صاروخ فلسطين") == "وانفجر صاروخ من مخلفات الاحتلال."
    assert _cut_tags("يحمل سمات بيروت في الماضي.") == "يحمل سمات بيروت في الماضي."
