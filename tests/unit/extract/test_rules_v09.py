"""Rules added in extract-0.9.0 (event LOCATIONS: which recognised places belong to an act), each
on real sentences of the saudinewsnet corpus (dev / dev2 gold articles and the unlabelled 5k
file; no held-out test article). Each rule: a positive and a negative or contrast case."""

from __future__ import annotations

from arabic.extract import EXTRACTOR_VERSION, extract_events

PUB = "2015-08-10 18:55:00"


def events(text: str, title: str = "", pub: str = PUB) -> list[dict]:
    return extract_events({"id": "t", "title": title, "text": text, "published": pub})


def places(text: str, title: str = "", pub: str = PUB, etype: str | None = None) -> set[str]:
    return {loc["text"] for e in events(text, title, pub) if etype is None or e["type"] == etype
            for loc in e["locations"] if loc["text"]}


def test_version():
    assert tuple(int(x) for x in EXTRACTOR_VERSION.split("-")[1].split(".")) >= (0, 9, 0)


# ---- a country stands next to a town of ANOTHER country when في governs it near the trigger
def test_country_of_a_second_front_is_kept():
    text = ("قال بيان للقيادة المشتركة اليوم الجمعة إن الولايات المتحدة وحلفاءها نفذوا 41 ضربة جوية في سوريا والعراق "
            "ضد تنظيم الدولة الإسلامية أمس الخميس وإن الهجمات ركزت على مدينة دير الزور السورية.")
    got = places(text, pub="2015-07-31 19:32:24")
    assert {"العراق", "دير الزور"} <= got
    assert "سوريا" not in got  # a town of Syria is given


def test_country_of_residence_or_topic_is_not_kept():
    text = ("وبدأت القوات الموالية لهادي الموجود في المنفى في السعودية بدعم من طيران التحالف هجوما واسعا الاثنين "
            "لاستعادة قاعدة العند الاستراتيجية في لحج وحماية عدن.")
    assert "السعودية" not in places(text, pub="2015-08-03 20:58:11")
    text = ("نشر موقع “اليمن السعيد”، نقلاً عن عضو في حزب الرئيس اليمني السابق علي عبد الله صالح، قوله: إن ممثلين لصالح "
            "يجرون محادثات مع دبلوماسيين من الولايات المتحدة وبريطانيا والإمارات للمساعدة في إنهاء الحرب المستمرة منذ "
            "أربعة أشهر بالبلاد.\n فيما أكد عادل الشجاع القيادي بحزب المؤتمر الشعبي العام لـ”رويترز”، أن هناك مفاوضات في "
            "القاهرة بين قيادات في المؤتمر ودبلوماسيين من الولايات المتحدة وبريطانيا والامارات بهدف إيجاد حل سلمي للأزمة "
            "في اليمن ورفع الحصار على اعتبار أن استمرار الحرب والحصار يخدمان الجماعات المتطرفة.")
    got = places(text, title="علي عبدالله صالح ينهار ويعلن مبادرة للاستسلام", pub="2015-07-24 15:37:35", etype="negotiation")
    assert "القاهرة" in got and "اليمن" not in got


def test_country_of_a_speaker_far_from_the_act_is_not_kept():
    title = "رئيس الجامعة الإسلامية العالمية في باكستان يدين العمل الإرهابي في عسير"
    text = ("دان رئيس الجامعة الإسلامية العالمية في باكستان الدكتور أحمد بن يوسف الدريويش التفجير الإرهابي الآثم "
            "الذي وقع في مسجد قوات الطوارئ بمنطقة عسير.")
    got = places(text, title=title, pub="2015-08-09 17:48:47")
    assert "باكستان" not in got and any("عسير" in p for p in got)


# ---- the institution of a speaker does not locate the act; an institution that is hit does
def test_speaker_institution_place_is_dropped():
    text = ("أوضح المتحدث الرسمي لمديرية الدفاع المدني بمنطقة جازان بالإنابة الرائد محمد بن حسن آل صمغان، أنه في تمام "
            "الساعة الثالثة من مساء  الخميس، باشرت فرق الدفاع المدني بلاغاً عن سقوط مقذوف في أرض فضاء بقرية المروة "
            "بمحافظة الحرّث من داخل الأراضي اليمنية مما نتج عنه إصابة مواطن بإصابة بسيطة.")
    got = places(text, pub="2015-07-24 15:42:35")
    assert "جازان" not in got and "المروة" in got
    text = ("وأفاد مصدر في قيادة عمليات الأنبار أن 8 أشخاص يحملون أحزمة ناسفة قتلوا أثناء محاولتهم الهجوم على القوات "
            "الأمنية العراقية في محيط حي التأميم جنوبي الرمادي.")
    assert "الأنبار" not in places(text, pub="2015-07-27 18:44:02")


def test_institution_that_is_hit_keeps_its_place():
    text = ("وقتل ثلاثة من المسلحين الحوثيين في اشتباكات، بالإضافة إلى استهداف دورية خاصة للمسلحين الحوثيين أمام "
            "مبنى إدارة الأمن بمديرية الخوخة بقنبلة يدوية.")
    assert "الخوخة" in places(text, pub="2015-07-21 02:50:00")


def test_security_directorate_is_not_an_unknown_place():
    text = ("أحبطت الأجهزة الأمنية المصرية محاولة تسلل 130 شخصًا إلى الجانب الليبي. وأفاد مصدر أمني مصري مسؤول "
            "بمديرية أمن مطروح في تصريح له اليوم بأن المضبوطين من بينهم 128 شخصًا من 12 محافظة مصرية.")
    assert not any("أمن" in p for p in places(text, pub="2015-08-01 15:19:44"))


# ---- the goal of a movement and a border are references, not the act's place
def test_destination_of_a_convoy_is_not_the_ambush_place():
    text = ("أكّدت المقاومة الشعبية في اليمن، سقوط قتلى وجرحى في صفوف عناصر الميليشيا الحوثية، في كمين للمقاومة "
            "بمحافظة إب - وسط البلاد. وأفادت المقاومة، في بيان لها اليوم، بأنها نفّذت في الساعات الأولى من فجر اليوم، "
            "كمائن مُحكمة لتعزيزات للميليشيات المتمردة كانت متجهة إلى محافظة تعز، جنوب غربي اليمن.")
    got = places(text, pub="2015-07-21 12:38:57")
    assert "إب" in got and "تعز" not in got


def test_border_partner_is_not_the_attack_place():
    text = "قتل خمسة أشخاص خلال هجوم شنه مسلحون على مركزًا للشرطة في الهند قرب الحدود غير المستقرة مع باكستان."
    got = places(text, pub="2015-07-27 18:41:05")
    assert "باكستان" not in got and "الهند" in got


# ---- a contrastive clause without a trigger talks about another place
def test_contrast_clause_adds_no_place():
    text = ("وتشن بريطانيا ضربات ضد متشددي تنظيم \"داعش\" المتطرف في العراق، ولكن حتى الآن اقتصرت مشاركتها في سوريا "
            "على تنظيم رحلات استطلاع جوية لجمع معلومات.")
    got = places(text, pub="2015-07-21 02:54:31")
    assert got == {"العراق"}


# ---- the toll sentence names the place of the act the toll is attached to
def test_toll_sentence_places_join_the_act():
    title = "مقتل 22 من داعش في عملية أمنية بالعراق"
    text = ("لقي 22 مسلحاً من تنظيم داعش الإرهابي مصرعهم في عملية أمنية نفذتها قوات عراقية مشتركة استهدفت تجمعات "
            "التنظيم في القاطع الشمالي لمدينة الرمادي مركز محافظة الأنبار غربي العراق اليوم. \n"
            "وأفاد مصدر في قيادة عمليات الأنبار أن قوات أمنية مشتركة نفذت صباح اليوم ، عملية استهدفت تجمعات التنظيم "
            "في منطقة الحامضية وجزيرة الأنبار , شمالي مدينة الرمادي، مما أسفر عن مقتل 22 من عناصره .")
    got = places(text, title=title, pub="2015-08-09 17:09:48")
    assert {"الرمادي", "الحامضية"} <= got


# ---- an unlocated act takes the single main place of the article, not the bare country
def test_unlocated_act_takes_the_main_place():
    title = "السعودية: «استشهاد» رجل أمن بعد تعرض دوريته لإطلاق نار بالقطيف"
    text = ("صرح الناطق الإعلامي لشرطة المنطقة الشرقية في السعودية، أنه \"عند الساعة الحادية عشرة والنصف من مساء يوم "
            "الثلاثاء الموافق 12 / 10 / 1436هـ ، وأثناء أداء إحدى دوريات الأمن لمهامها ببلدة الجش بمحافظة القطيف، تعرضت "
            "لإطلاق نار من سيارة مما نتج عنه استشهاد الجندي سامي معوض عوض الله الحربي\".\n"
            "وأضاف الناطق الإعلامي لشرطة المنطقة الشرقية أنه تم القبض على شخصين للاشتباه بعلاقتهما بالجريمة.")
    got = places(text, title=title, pub="2015-07-31 04:31:41", etype="arrest")
    assert "القطيف" in got and "السعودية" not in got


def test_unlocated_act_keeps_the_country_when_there_are_several_places():
    title = "تركيا تعتقل 851 شخصا بشبهة الانتماء لـ \"منظمات إرهابية\""
    text = ("ذكر تقرير إخباري اليوم الأحد أن قوات الأمن التركية اعتقلت 851 شخصا مشتبها به. وكانت فرق الأمن التركية "
            "ألقت أمس السبت، القبض على \"خالص بايانجوك\" المشتبه بترأس مجموعة تنتمي لـ\"داعش\" في اسطنبول. "
            "وفي أنقرة اعتقلت الشرطة 20 شخصا.")
    assert "اسطنبول" in places(text, title=title, pub="2015-07-26 22:26:11")


# ---- a title whose trigger is no act of its own still names the place of the reported act
def test_title_place_for_an_unlocated_act():
    title = "عام / مجلس الوزراء البحريني يدين التفجير الإرهابي بمسجد الطوارئ بعسير"
    text = ("دان مجلس الوزراء البحريني بشدة التفجير الإرهابي الذي استهدف المصلين بمسجد قوات الطوارئ وأدى إلى "
            "استشهاد عدد من المصلين .")
    got = places(text, title=title, pub="2015-08-10 20:27:45", etype="bombing")
    assert "عسير" in got


def test_title_region_not_added_when_the_body_names_the_town():
    title = "الخارجية الأمريكية تدين التفجير الإرهابي بعسير"
    text = ("أدانت وزارة الخارجية الأمريكية التفجير الإرهابي الذي استهدف مسجد قوات الطوارئ في أبها أمس وأسفر عن "
            "استشهاد وإصابة عدد من قوات الأمن والعاملين.")
    got = places(text, title=title, pub="2015-08-07 06:43:31", etype="bombing")
    assert "أبها" in got
