"""Actor rules added in extract-0.11.0: generic actors with nationality adjectives, agent
by-phrases, verb objects, counted victims, sources that announce their own act; traps (a
reporting source, a state in a place phrase, the adjective "مسلح").

Sentences are real: from the dev gold articles (ids given) or the unlabelled 5k corpus
(../shared/corpus/saudinewsnet-5k.jsonl, ids given).
"""

from __future__ import annotations

from arabic.extract import EXTRACTOR_VERSION, extract_events
from arabic.extract.actors import _DATA, KINDS, find_actors, load_actors, load_nationalities
from arabic.extract.sentences import fold

PUB = "2015-07-23 12:00:00"


def test_version():
    assert EXTRACTOR_VERSION == "extract-0.11.0"


def mentions(text: str) -> list[tuple[str, str, str | None]]:
    """(text as written, canonical name, country) of each actor mention."""
    return [(m.display(text), m.actor.name, m.actor.country) for m in find_actors(fold(text))]


def roles(text: str, title: str = "") -> set[tuple[str, str]]:
    evs = extract_events({"id": "t", "title": title, "published": PUB, "text": text})
    return {(a["text"], a["role"]) for e in evs for a in e["actors"]}


def actor_texts(text: str, title: str = "") -> set[str]:
    return {t for t, _ in roles(text, title)}


# --------------------------------------------------------------------------- lexicon
def test_tables_load_and_generic_rows_are_documented():
    table = load_actors()
    assert all(a.kind in KINDS for a in table.values())
    assert {a.nat for a in table.values()} >= {"", "nat", "nat+"}
    nats = load_nationalities()
    assert nats[fold("تونسي")] == "TN" and nats[fold("أمريكي")] == "US"
    header = [line for line in _DATA.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    assert any("To extend" in line for line in header) and any("nat+" in line for line in header)


def test_named_groups_and_aliases():
    assert [n for _, n, _ in mentions("وهيئة تحرير الشام")] == ["هيئة تحرير الشام"]
    assert [n for _, n, _ in mentions("سقوط قتلى في صفوف عناصر الميليشيا الحوثية")] == ["الحوثيون"]
    assert [n for _, n, _ in mentions("ضبط 44 عنصرا من تنظيم الاخوان")] == ["الإخوان المسلمون"]


# --------------------------------------------------------------------------- generic actors
def test_security_forces_take_the_nationality_adjective():
    # 5k snn-2015-08-06-02040; dev snn-2015-07-21-00925
    assert mentions("شنت قوات الأمن المصرية حملة دهم لأحياء عدة في مدينة العريش") == [
        ("قوات الأمن المصرية", "قوات الأمن (EG)", "EG")]
    assert mentions("شنت قوات الأمن التونسي حملة مداهمات سكنية")[0][2] == "TN"
    # dev snn-2015-07-31-00718
    assert mentions("ضبطت الأجهزة الأمنية الكويتية شبكة إرهابية")[0] == (
        "الأجهزة الأمنية الكويتية", "قوات الأمن (KW)", "KW")


def test_indefinite_head_takes_an_indefinite_adjective_and_a_modifier():
    # dev snn-2015-08-09-00547
    assert mentions("في عملية أمنية نفذتها قوات عراقية مشتركة استهدفت تجمعات التنظيم")[0][:2] == (
        "قوات عراقية مشتركة", "القوات (IQ)")
    # 5k snn-2015-08-11-01629
    assert ("مسلحين مجهولين", "مسلحون", None) in mentions("تم اعدامهم رميا بالرصاص على يد مسلحين مجهولين.")


def test_bare_forces_need_a_nationality():
    # dev snn-2015-08-08-01064
    assert mentions("واستخدمت القوات الأمريكية، يوم الأربعاء، ولأول مرة، قاعدة في تركيا")[0][:2] == (
        "القوات الأمريكية", "القوات (US)")
    assert mentions("وانتشرت القوات في المدينة") == []


def test_armed_attack_adjective_is_not_a_gunman():
    # 5k snn-2015-07-24-00732 (trap)
    text = "تعرض شرطيا مرور في ولاية ديار بكر (جنوب تركيا) لهجوم مسلح، أمس، أسفر عن مقتل أحدهما."
    assert not any(n == "مسلحون" for _, n, _ in mentions(text))


# --------------------------------------------------------------------------- roles
def test_agent_of_a_by_phrase_is_the_initiator():
    # 5k snn-2015-08-08-00156
    r = roles("ولم تؤكد الوزارة عدد القتلى الأفغان، لكنها قالت إنّ جميع المهاجمين الأربعة قتلوا برصاص قوات الأمن، "
              "قبل أن يتمكنوا من دخول القاعدة.")
    assert ("قوات الأمن", "initiator") in r
    # 5k snn-2015-08-09-00062
    r = roles("وأفاد مصدر أمني آخر بمقتل شخص في هجوم شنه عليه مسلحون مجهولون قرب حي واحد حزيران جنوبي مدينة كركوك.")
    assert ("مسلحون مجهولون", "initiator") in r


def test_object_of_the_verb_after_its_subject_is_the_target():
    # dev snn-2015-07-31-00718: verb, subject, object
    r = roles("ضبطت الأجهزة الأمنية الكويتية شبكة إرهابية تنتمي إلى تنظيم (داعش) الإرهابي، وتضم خمسة متهمين.")
    assert ("الأجهزة الأمنية الكويتية", "initiator") in r
    assert ("شبكة إرهابية", "target") in r


def test_counted_victims_are_targets():
    # dev snn-2015-07-25-00018
    r = roles("قتل 12 مسلحا في حملة مداهمات شنتها القوات المسلحة المصرية لاستهداف البؤر الإرهابية بمدينة الشيخ زويد.")
    assert ("القوات المسلحة المصرية", "initiator") in r
    assert ("مسلحا", "target") in r


def test_casualties_among_ranks_are_targets():
    # 5k snn-2015-07-21-00053
    r = roles("وأضافت أن 17 متمردا قتلوا في اشتباكات، مشيرة إلى سقوط أحد عشر قتيلا في صفوف القوات الموالية لهادي.")
    assert ("القوات الموالية لهادي", "initiator") not in r  # (sentence of 5k snn-2015-07-21-00053, "في اشتباكات" added)


def test_source_that_announces_its_own_act_is_the_initiator():
    # dev snn-2015-07-21-01313
    r = roles("أعلنت السلطات المغربية اليوم القبض على خلية إرهابية تتكون من 8 عناصر ينشطون باربع مدن مغربية.")
    assert ("السلطات المغربية", "initiator") in r
    assert ("خلية إرهابية", "target") in r


# --------------------------------------------------------------------------- traps
def test_reporting_source_is_not_an_actor():
    # 5k snn-2015-07-21-00137: the police report the blast, they are not a party to it
    text = "وقالت الشرطة ومنظمة الصليب الأحمر إن «الآلية انفجرت بعد مرورها فوق لغم قبل أن تستهدف بقنابل يدوية»."
    assert "الشرطة" not in actor_texts(text)
    # "أعلنت السلطات ان ..." reports; it is not the act's object
    text = "من جانبها، أعلنت السلطات التركية ان شابا في العشرين من عمره هو منفذ هجوم سوروتش الانتحاري."
    assert "السلطات التركية" not in actor_texts(text)


def test_state_in_a_place_phrase_is_not_an_actor():
    # dev snn-2015-07-31-00222: سوريا and العراق are where the strikes fell
    r = roles("قال بيان للقيادة المشتركة اليوم الجمعة إن الولايات المتحدة وحلفاءها نفذوا 41 ضربة جوية في سوريا والعراق "
              "ضد تنظيم الدولة الإسلامية أمس الخميس.")
    assert ("الولايات المتحدة", "initiator") in r
    assert ("تنظيم الدولة الإسلامية", "target") in r
    assert not {t for t, _ in r} & {"سوريا", "العراق"}


# --------------------------------------------------------------------------- roles (second pass)
def test_subject_of_an_imperfect_verb_in_a_headline_takes_an_object():
    # dev snn-2015-07-31-00718 (title): "الكويت" is no actor, but it is the verb's subject
    r = roles("وتضم الشبكة خمسة متهمين كويتيي الجنسية.", title="الكويت تضبط شبكة إرهابية تنتمي إلى تنظيم (داعش)")
    assert ("شبكة إرهابية", "target") in r


def test_conjunct_takes_the_role_of_its_first_member():
    # dev snn-2015-07-26-00342
    r = roles("ذكر تقرير إخباري اليوم الأحد أن قوات الأمن التركية اعتقلت 851 شخصا مشتبها به، من خلال عملياتها ضد "
              "تنظيمي داعش وحزب العمال الكردستاني في 34 ولاية تركية.")
    assert {("قوات الأمن التركية", "initiator"), ("داعش", "target"), ("حزب العمال الكردستاني", "target")} <= r


def test_side_driven_out_is_the_target():
    # dev snn-2015-07-27-00038
    r = roles("حررت وحدات حماية الشعب الكردية بلدة صرين في شمال سوريا من تنظيم داعش الإرهابي بعد عملية دامت شهرا ضد التنظيم.")
    assert ("وحدات حماية الشعب الكردية", "initiator") in r and ("تنظيم داعش", "target") in r


def test_subject_of_taearrada_is_the_target():
    # dev snn-2015-07-31-00367: "تعرضت ... لإطلاق نار"
    r = roles("وأثناء أداء إحدى دوريات الأمن لمهامها ببلدة الجش بمحافظة القطيف، تعرضت لإطلاق نار من سيارة "
              "مما نتج عنه استشهاد الجندي سامي الحربي.")
    assert ("دوريات الأمن", "target") in r


def test_counted_among_the_wounded_is_the_target():
    # dev snn-2015-08-10-01183: "بينهم خمسة من رجال الشرطة"
    r = roles("أصيب سبعة أشخاص بجروح بينهم خمسة من رجال الشرطة في هجوم مسلح استهدف مركزا للأمن في مدينة إسطنبول التركية .")
    assert ("رجال الشرطة", "target") in r
    assert not any(t == "مسلح" for t, _ in r)  # "هجوم مسلح": adjective


def test_attached_lam_right_after_the_act_is_its_agent():
    # dev snn-2015-07-21-02893: "في كمين للمقاومة" (by the resistance)
    r = roles("واس- صنعاء: أكدت المقاومة الشعبية في اليمن، سقوط قتلى وجرحى في صفوف عناصر الميليشيا الحوثية، "
              "في كمين للمقاومة بمحافظة إب - وسط البلاد.")
    assert ("المقاومة", "initiator") in r and ("الميليشيا الحوثية", "target") in r


def test_aircraft_are_the_instrument_the_coalition_is_the_actor():
    # 5k snn-2015-08-03-00941
    r = roles("كما شن طيران التحالف 6 غارات على تجمع لميليشيات الحوثي وصالح في وادي خبش بمديرية المطمة في محافظة الجوف.")
    assert ("التحالف", "initiator") in r
    assert ("ميليشيات الحوثي وصالح", "target") in r


# --------------------------------------------------------------------------- traps (second pass)
def test_headline_label_before_a_colon_is_not_an_actor():
    # dev snn-2015-07-27-00081 (title)
    r = roles("وأضاف أنه جرى نقلهم للمستشفى، كما نفذت الإجراءات اللازمة وفق الخطط المعتمدة لذلك.",
              title="السعودية: سقوط مقذوف عسكري من جهة اليمن على منطقة نجران وإصابة فتاة وطفلين")
    assert "السعودية" not in {t for t, _ in r}


def test_subject_of_a_condemnation_is_not_the_initiator():
    # dev snn-2015-07-31-00702: the US condemns the attack, it did not commit it
    r = roles("نددت الولايات المتحدة باشد العبارات الجمعة بالهجوم الارهابي الوحشي في الضفة الغربية المحتلة "
              "والذي ادى الى مقتل طفل فلسطيني حرقا.")
    assert "الولايات المتحدة" not in {t for t, _ in r}


def test_speaker_of_the_main_clause_is_not_the_actor_of_the_an_clause():
    # dev snn-2015-07-26-01147: the resistance reports; the separatists arrested
    r = roles("قالت حركة المقاومة الشعبية في اليمن على حسابها الرسمي على تويتر إن القوى الانفصالية الجنوبية "
              "اعتقلت قياديا كبيرا في حركة الحوثي.")
    assert "المقاومة الشعبية" not in {t for t, _ in r}


def test_rights_organisation_is_not_the_initiator_of_an_execution():
    # dev snn-2015-07-23-00925: Amnesty reports the executions
    r = roles("وقال سعيد بوميدوحة، نائب مدير شؤون منطقة الشرق الأوسط في العفو الدولية، في بيان إن الحصيلة المذهلة "
              "لأحكام الإعدام التي تم تنفيذها في إيران في النصف الأول من هذا العام ترسم صورة شريرة.")
    assert "العفو الدولية" not in {t for t, _ in r}


# --------------------------------------------------------------------------- protests, announcements, merging
def test_counted_crowd_initiates_the_protest():
    # dev snn-2015-08-07-00998 and 5k snn-2015-08-03-00164
    assert ("آلاف العراقيين", "initiator") in roles(
        "تظاهر آلاف العراقيين اليوم الجمعة في بغداد وست محافظات جنوب البلاد، احتجاجا على الفساد المالي والإداري "
        "ونقص الخدمات الأساسية خصوصا الكهرباء.")
    r = roles("وتظاهر عشرات الأكراد في محافظة السليمانية في شمال العراق مساء السبت، احتجاجا على الغارات الجوية التركية.")
    assert ("عشرات الأكراد", "initiator") in r


def test_police_dispersing_a_protest_do_not_initiate_it():
    # 5k snn-2015-07-21-00043 (trap)
    r = roles("وفي وقت لاحق أمس، أطلقت الشرطة التركية الغاز المسيل للدموع على عدة آلاف من الأشخاص تجمعوا في "
              "إسطنبول للتظاهر احتجاجا على التفجير الدامي.")
    assert ("الشرطة التركية", "initiator") not in r


def test_announcing_that_it_will_hold_talks_makes_the_announcer_the_initiator():
    # dev snn-2015-08-08-00852
    r = roles("أعلنت الأمم المتحدة، أنها ستعقد جولة جديدة من محادثات سلام ليبيا، يوم الاثنين في \"جنيف\"، "
              "وذلك في مسعى لإقناع الأطراف المتحاربة بالاتفاق على حكومة وحدة.")
    assert ("الأمم المتحدة", "initiator") in r


def test_subject_of_the_first_act_is_not_given_to_a_later_subordinate_one():
    # dev snn-2015-08-11-00279 (title): the authorities arrest; they did not protest
    evs = extract_events({"id": "t", "published": PUB, "title": "السلطات السورية تعتقل أحد اقارب الرئيس الأسد بعد احتجاجات",
                          "text": "وشارك مئات السوريين في احتجاج نادر مساء السبت في مدينة اللاذقية."})
    by_type = {e["type"]: {a["text"] for a in e["actors"]} for e in evs}
    assert "السلطات السورية" in by_type.get("arrest", set())
    assert "السلطات السورية" not in by_type.get("protest", set())


def test_a_year_is_not_a_crowd():
    # 5k snn-2015-07-25-00591 (trap): "في بداية 2012 احتجاجا على"
    r = roles("كانت تونس أول بلد طرد السفير السوري في بداية 2012 احتجاجا على قمع الرئيس السوري بشار الأسد للاحتجاجات.")
    assert not any("2012" in t for t, _ in r)


# --------------------------------------------------------------------------- speed helper
def test_trie_alternation_matches_like_the_longest_first_alternation():
    import re as _re

    from arabic.extract.actors import _alias_rx, _trie_alternation

    table = load_actors()
    longest = sorted(table, key=len, reverse=True)
    aliases = longest + ["ل" + a[2:] for a in longest if a.startswith("ال")]
    grouped = _re.compile(r"(?<!\w)(?:[وف]?[بكل]?)(" + "|".join(_alias_rx(a) for a in aliases) + r")(?!\w)")
    trie = _re.compile(r"(?<!\w)(?:[وف]?[بكل]?)(" + _trie_alternation(aliases) + r")(?!\w)")
    text = fold("شنت طائرات التحالف العربي غارات على مواقع للحوثيين وقوات صالح، وقالت قوات الأمن التركية "
                "إن الجيش  السوري الحر وجبهة النصرة والجيش السوري وقوات النظام السوري اشتبكت مع تنظيم الدولة "
                "الإسلامية وحزب الله اللبناني، وأعلنت الأمم المتحدة ومجلس الأمن الدولي وللمرصد السوري لحقوق الإنسان")
    assert [m.span(1) for m in trie.finditer(text)] == [m.span(1) for m in grouped.finditer(text)]
    assert _trie_alternation(["ab", "abc", "ad"]) == "a(?:b(?:c)?|d)"


def test_state_in_a_border_phrase_is_not_an_actor():
    # dev snn-2015-07-27-00038 (trap): "على الحدود مع تركيا" locates Kobani
    r = roles("وأوضح المرصد السوري لحقوق الإنسان أن البلدة الواقعة قرب نهر الفرات كان نقطة انطلاق يشن منها التنظيم "
              "الإرهابي هجماته على مدينة كوباني التي يسيطر عليها الأكراد وتقع إلى الشمال على الحدود مع تركيا, مشيرا "
              "إلى أن ضربات التحالف الجوية دعمت الأكراد في هذه العملية.")
    assert "تركيا" not in {t for t, _ in r}
    assert ("التحالف", "initiator") in r


def test_addressee_of_a_call_is_not_an_actor():
    # dev snn-2015-07-26-00076 (trap): Hadi calls on the Houthis to respect the truce
    r = roles("طالب الرئيس اليمني عبدربه منصور هادي المليشيات الحوثية وقوات صالح باحترام الهدنة الإنسانية التي جرى "
              "سريانها منتصف الليلة الماضية.")
    assert not {t for t, _ in r} & {"المليشيات الحوثية", "قوات صالح"}


def test_mention_inside_a_relative_clause_before_the_act_is_not_its_actor():
    # dev snn-2015-07-26-00250 (trap): the army and police are what the cells target, not who arrests
    r = roles("وحسب البيان ، أسفرت نتائج الجهود الأمنية لإجهاض مخططات وتحركات أعضاء لجان العمليات النوعية بتنظيم "
              "الإخوان الإرهابى والتى تستهدف قوات الجيش والشرطة والمنشآت الهامة والحيوية عن ضبط ستة من أعضاء تلك "
              "اللجان بمحافظات (المنوفية ، كفرالشيخ ، دمياط ، البحيرة).")
    assert not {(t, "initiator") for t in ("الجيش", "الشرطة")} & r
