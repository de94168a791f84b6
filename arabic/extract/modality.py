"""Is a trigger reported as a real event? Negation, denial, hypothesis, calls, condemnations,
background and generic statements.

:func:`check` looks at the words of the same sentence BEFORE the trigger (a few words for
negation, more for the governing verbs of denial/call/condemnation) and a little after it
(for "في عام 2014"). It returns the reason a trigger is not an event, or None. Rules (see
README.md for examples):

* negated: لم / لن / لا / عدم / دون / بدون / ليس within 3 words before the trigger;
* denied: نفى / نفت / ينفي / نفي / كذبت ... earlier in the sentence;
* hypothetical: اذا / لو / في حال / قد + imperfect / يفترض / من المتوقع / من المقرر /
  يعتزم / يهدد / لمنع / خشية ... within 8 words before (for negotiations "من المقرر" and
  "من المتوقع" are scheduled talks, hence kept);
* call: دعا / طالب / ناشد / حث / ضرورة / يجب / مبادرة / جهود ... within 10 words before,
  plus "وقف/ايقاف/انهاء" directly before an attack trigger ("وقف القصف" is not shelling);
* condemnation: ندد / ادان / استنكر / شجب ... within 10 words before, UNLESS the sentence
  reports the act itself (a casualty count, or a relative clause "الذي اسفر/استهدف/وقع ...");
* background: "منذ" + a year/"عام"/an event noun right before the trigger ("منذ 2012 لقصف",
  "منذ معركة حلب"), or "(في) عام YYYY" / "في YYYY" right after it with a past year,
  or "ذكرى" (anniversary) before it;
* judicial: a death SENTENCE (حكم ... بالاعدام) is not an execution.
"""

from __future__ import annotations

import re

from .sentences import fold_pattern

__all__ = ["check", "ATTACK_TYPES"]

ATTACK_TYPES = frozenset({"airstrike", "shelling", "bombing", "armed_clash", "killing", "siege"})

_P = r"(?<!\w)(?:[وف]?)"


def _rx(words: str) -> re.Pattern:
    return re.compile(_P + "(?:" + fold_pattern(words) + r")(?!\w)")


_NEG = _rx("لم|لن|لا|عدم|بعدم|دون|بدون|ليس|ليست|بلا|تنفي|ينفي")  # بعدم: "طالب ... بعدم التساهل بتنفيذ القصاص" (0.8)
_STILL = _rx("لا تزال|لا يزال|لا زال|لا زالت|لا سيما|ولا سيما")
_DENY = _rx("نفى|نفت|ينفي|تنفي|نفوا|نفي|نفيه|نفيها|كذب|كذبت|تكذيب|انكر|انكرت|ينكر|تنكر|نفيا")
_HYPO = _rx(
    "اذا|إذا|لو|في حال|في حالة|يفترض|من المفترض|ويفترض|من المتوقع|يتوقع|تتوقع|توقع|توقعت|توقعات|متوقع"
    "|من المقرر|من المنتظر|يعتزم|تعتزم|ينوي|تنوي|يخطط|تخطط|خطة|يهدد|تهدد|هدد|هددت|تهديد|تهديدات|تهدید"
    "|لمنع|منع|تفادي|لتفادي|لتجنب|تجنب|خشية|مخاوف|تخوف|يخشى|تخشى|احتمال|احتمالات|امكانية|محتمل|محتملة|ربما|سوف|مخطط|مخططات"
    "|يستعد|تستعد|استعداد|استعدادا|استعدادات|تحسبا|يمكن|ممكن"
    "|المزمع|مزمع|من المزمع|مزمعا"  # "كان من المزمع استخدامها في هجمات" (0.8)
)
_HYPO_GOV = _rx("اذا|إذا|لو|في حال|في حالة|يفترض|من المفترض|ويفترض|من المتوقع|يتوقع|تتوقع|من المقرر|من المنتظر|يعتزم|تعتزم|ينوي|تنوي|يهدد|تهدد|هدد|هددت")
_SCHEDULED = _rx("من المقرر|من المنتظر|من المتوقع|يتوقع|متوقع|يعتزم|تعتزم|استعدادا|يستعد|تستعد")
_QAD = re.compile(r"(?<!\w)[وف]?قد\s+[يتن]\w+")
# "فقد تقرر"، "وقد تم"، "قد تمكنت": perfect verbs after قد (a report, not "may") (0.7)
_QAD_PAST = re.compile(r"(?<!\w)[وف]?قد\s+(?:تم|تمت|تقرر|تمكن|تمكنت|تمكنوا|توصل|توصلت|توصلوا|تعرض|تعرضت|تعرضوا|تسلم|تسلمت)(?!\w)")
# a declared truce scheduled to start is a ceasefire event (seed: dated by its declaration) (0.7)
_SCHEDULED_TRUCE = _rx("من المقرر|من المنتظر|تقرر")
# the operation name "اعادة الامل" (Restoring Hope) is not a wish
_DECLARED = re.compile(r"(?<!\w)[وف]?(?:فقد\s+|وقد\s+|قد\s+)?(?:تقرر|قرر|قررت|اعلن|اعلنت|اعلنوا|اتفق|اتفقت|اتفقوا)(?!\w)")
_RESTORE_HOPE = re.compile(r"(?<!\w)[وفبل]?(?:ال)?اعاده\s+الامل(?!\w)")
_CALL = _rx(
    "دعا|دعت|يدعو|تدعو|دعوا|دعوة|الدعوة|دعوات|داعيا|داعية|طالب|طالبت|يطالب|تطالب|طالبوا|مطالبة|المطالبة|مطالبات|مطالبا|مطالبين"
    "|ناشد|ناشدت|يناشد|تناشد|مناشدة|حث|حثت|يحث|تحث|حض|حضت|ضرورة|بضرورة|يجب|ينبغي|اقترح|اقترحت|مقترح|اقتراح|مبادرة"
    "|جهود|مساع|مساعي|يسعى|تسعى|سعي|السعي|اتفاق على|يريد|تريد|نريد|اريد|يريدون|ندعو|نطالب|نناشد|نحث|ادعو|اطالب|رغبة|يرغب|تأمل|يأمل|أمل|امل|الامل|لضمان|شروط|شرط"
    "|الاولوية|اولوية|الأولوية|أولوية"  # "الأولوية لإعادة النازحين إلى بيوتهم": a goal (0.8)
    "|الضرورة|الضرورة القصوى"  # (0.10) "الضرورة القصوى لاستئناف المفاوضات"
)
_STOP_BEFORE = _rx("وقف|ايقاف|إيقاف|انهاء|إنهاء|لوقف|بوقف|توقف|توقيف|رفع|كسر|فك|لفك|لرفع|لكسر|ضد|مكافحة|لمكافحة|محاربة")
_DEMONSTRATIVE = _rx("هذا|هذه|تلك|ذلك|هذين|هاتين|هؤلاء")
_CONDEMN = _rx(
    "ندد|نددت|يندد|تندد|تنديد|تنديدا|ادان|ادانت|يدين|تدين|ندين|ادانة|ادانته|استنكر|استنكرت|يستنكر|تستنكر|استنكار|استنكارها"
    "|شجب|شجبت|يشجب|تشجب|نستنكر|نشجب|مستنكرا|مدينا|منددا"
)
_ACT_AFTER = re.compile(
    fold_pattern(
        r"(?<!\w)(?:الذي|التي|الذين|و)?\s*(?:استهدف|استهدفت|وقع|وقعت|اسفر|اسفرت|ادى|ادت|شن|شنت|نفذ|نفذت|طال|طالت|راح|خلف|اودى|اودت|تسبب|تسببت)(?!\w)"
    )
)
_JUDICIAL = _rx("محكوما|محكوم|محكومين|المحكوم|حكم|حكمت|الحكم|بالحكم|احكام|عقوبة|قضت|تقضي|يقضي|محكمة"
                "|عقوبات|بعقوبات|بعقوبة|العقوبة|العقوبات|بالعقوبة")  # (0.10) "بعقوبات تصل إلى الإعدام": a penalty in a law
_MUNDH = re.compile(r"(?<!\w)[وف]?منذ(?!\w)")
_SINCE_THEN = re.compile(r"\s*(?:[^\s،,.؛:]+\s+){0,3}?منذ\s+(?:ذلك|تلك|هذا|ذاك)\s+(?:الحين|الوقت|التاريخ|اليوم|الفتره|العام)(?!\w)")
# a conviction lists the acts charged: "وأدين المتهم الأول بقيامه ... وإطلاق النار على بوابة
# مركز شرطة العوامية"، "30 عاما سجنا لإرهابي أطلق النار" -- past acts of the convict, not news (0.8)
_CONVICTED = _rx(
    # not "ادانة/ادانتها": also "condemnation" ("أعربت الكويت عن ادانتها")
    # nor "محاكمة": the trial of a current-year act reports that act ("بدء محاكمة المتهمين بتفجير
    # المسجد"، gold/GUIDELINES.md: a bombing whose trial is reported is an event)
    "ادين المتهم|ادين المتهمون|ادينوا|ادينت|ثبوت ادانة|ثبوت ادانته"
    "|سجنا|بالسجن|بسجن"  # "30 عاما سجنا لإرهابي أطلق النار على مبنى شرطة"
)
# an arrest told as the first step of a completed judicial process ("تمكنت سلطات الامن من القبض
# على الجاني ... وبإحالته إلى المحكمة العامة صدر بحقه صك شرعي"): background of a verdict (0.8)
_VERDICT_AFTER = _rx(
    # a verdict, not a referral ("القبض عليه وإحالته إلى النيابة" is fresh news) nor "الحكم" alone (= rule, regime)
    "صدر بحقه|صدر بحقها|صدر بحقهم|صدر بحقهما|صك شرعي|صك الحكم|الحكم عليه|الحكم عليها|الحكم عليهم|الحكم عليهما"
    "|والحكم بقتله|والحكم بقتلهما|والحكم بسجنه|صدق الحكم|وصدق الحكم|حكمت عليه|حكمت المحكمة|ادين|أدين|ادانته|بادانته"
)
_YEAR = re.compile(r"(?<!\w)(?:عام|العام|سنة|في|منذ)?\s*(1[89]\d\d|20\d\d)(?!\w)")
_BG_NOUN = _rx("عام|سنوات|سنة|اعوام|عقود|عقد|اشهر|شهور|بدء|بداية|اندلاع|انطلاق|معركة|حرب|الحرب|ايام|سقوط|انضمام|تأسيس|احداث")
_ANNIV = _rx("ذكرى|الذكرى|ذكري|الذكري|ذكراها|احياء")
# intention / purpose: "بهدف القبض على"، "تمهيدا لتنفيذ عمليات اغتيال"، "في محاولة لاحتواء الهجمات"
_INTENT = _rx(
    "بهدف|تمهيدا|لتنفيذ|بغية|سعيا|في محاولة|من اجل|السماح|بالسماح|يسمح|تسمح|قرر|قررت|تقرر|لاحتواء|للتصدي|بقصد|لغرض|بغرض|نية|ينوون|نيته"
    "|للتخطيط|التخطيط|بالتخطيط|لعقد|لابرام|لإبرام|للتوصل"
)
# (0.10) ability or capacity (nouns, adjectives, imperfect "can"): "قادرة على ضبط الجناة"، "أن يمكن ... من
# القبض"; the perfect of success ("تمكنت من القبض"، "استطاعت") reports the act and is not listed
_ABILITY = re.compile(r"(?<!\w)[وفبل]?(?:ال)?(?:قدره|قدرات|قادر|قادره|قادرون|قادرين|بامكان|بمقدور|يمكن|يمكنها|يمكنه|يمكنهم|تستطيع|يستطيع|يستطيعون|كفاءه)(?!\w)")
# (0.10) weapons destroyed/defused/found up to 6 words before (a subject may stand between), or
# described as prepared for use ("كانت معدة لاستهداف"): a foiled attack
_DESTROYED = re.compile(r"(?<!\w)[وف]?(?:تدمير|دمر|دمرت|دمروا|تفكيك|فكك|فككت|ابطال|ابطلت|ابطلوا|ضبط|ضبطت|العثور|عثر|عثرت|مصادره|صادرت)(?!\w)")
_PREPARED_AFTER = re.compile(r"(?:\s+\S+){0,2}?\s+(?:كانت\s+|كان\s+)?(?:معده|معد|مجهزه|مجهز|جاهزه)(?:\s+ل|\s+للتفجير)")
# the sound of explosions during strikes ("سماع دوي انفجارات", "أصوات انفجارات") is not a bombing
_SOUND = _rx("دوي|اصوات|أصوات|صوت|سماع|أصداء|اصداء")
# figurative explosions: "انفجارا إقليميا"، "مرحلة الانفجار"، "انفجار الوضع"
_FIG_BEFORE = _rx("مرحلة|حد|درجة|وشك|حافة|برميل")
_FIG_AFTER = re.compile(r"\s*(?:[\u0621-\u064a]*(?:اقليمي|داخلي|سكاني|شعبي|اجتماعي|سياسي|طائفي|اقتصادي)\w*|(?:ال)?(?:وضع|اوضاع|غضب|ازمه|موقف)(?!\w))")
# relative clause: the trigger is the object or subject of a relative clause ("السوريون الذين
# هجروا"، "حزب الله الذي يقاتل"، "التي شملت القصف العشوائي"): background, not the news
_RELATIVE = _rx("الذي|التي|الذين|اللذين|اللتين|اللاتي|اللواتي|اللائي")
_REL_KANA = re.compile(r"(?<!\w)(?:الذي|التي|الذين)\s+(?:كان|كانت|كانوا)\s+(?:[^\s،,؛:.]+\s+){0,2}[^\s،,؛:.]*$")
# future / soon: "معركة شاملة ضد داعش قريبا"، "ستشن"
_FUTURE_AFTER = _rx("قريبا|قريبًا|المقبل|المقبلة|القادم|القادمة|مستقبلا|وشيك|وشيكة")
_FUTURE_VERB = re.compile(r"(?<!\w)[وف]?س(?:ي|ت|ن)(?:تم|شن|بدا|نطلق|نفذ|قوم|صل|عقد|جري|ستهدف|واصل|ستمر|شارك|خوض|شهد|كون|ضرب|هاجم|قصف)\w*")
# "any attack", "the worst attack": a generic or comparative reference, not a report
_ANY = _rx("اي|أي|أية|اية|كل|اسوأ|أسوأ|ما قبل|قبيل|احد اعنف|احدى اعنف|احد اكبر|احدى اكبر|احد اسوأ|احدى اسوأ")
# (0.10) a right to act: "حق التظاهر"، "وحقه في الإضراب"
_RIGHT_TO = re.compile(r"(?:^|\s)[وفبل]?(?:ال)?حق(?:ه|ها|هم|وق)?(?:\s+في)?\s*$")
# characterisation of a reported act: "وصف مقتل طفل ... بانه هجوم ارهابي"
_CHARACTERISE = _rx("بانه|بأنه|بانها|بأنها|بوصفه|بوصفها|وصفه|وصفها|اعتبره|اعتبرها|يعد|تعد|يعتبر|تعتبر")
# idioms: "على ارض المعركة"، "ساحة القتال"
_IDIOM_BEFORE = _rx("ارض|أرض|ساحة|ساحات|ميدان|ميادين|جبهات|خطوط")
# weapons destroyed, seized, carried or defused are not explosions/launches
_SEIZED = _rx(
    "تدمير|دمر|دمرت|تدمر|ضبط|ضبطت|مصادرة|صادرت|تفكيك|فكك|فككت|ابطال|ابطلت|العثور|عثر|عثرت|حيازة|يحملون|يحمل|تحمل|تحمل|يرتدون|يرتدي"
    "|استولت|استولى|استولوا|الاستيلاء|غنائم|غنمت|اغتنام|تهريب|مهربة|مخزن|مخازن|منصة|منصات|لاطلاق|مستودع|مستودعات|تصنيع|صناعة|كميات|كمية|شحنة|مخلفات"
)
# "انفجار صاروخ من مخلفات": the explosion (bombing) is the act, the projectile is not a launch
_EXPLODED = _rx("انفجار|بانفجار|لانفجار|انفجر|انفجرت|تفجير|بتفجير")
_WEAPON_TYPES = frozenset({"bombing", "shelling"})
# places/states of custody: "مكان احتجاز"، "فترة الاحتجاز"، "مراكز الاعتقال"
_CUSTODY_BEFORE = _rx("مكان|اماكن|أماكن|مركز|مراكز|سجن|سجون|فترة|فترات|ظروف|معسكر|معسكرات|خلال")
_LAST_YEAR = _rx("العام الماضي|السنة الماضية|العام المنصرم|العام السابق|السنة الماضيه")
_HISTORY = _rx(
    "القرن الماضي|القرن|القرون|الحرب العالمية الاولى|الحرب العالمية الثانية|الخمسينات|الستينات|السبعينات|الثمانينات|التسعينات"
    "|خمسينات|ستينات|سبعينات|ثمانينات|تسعينات|الخمسينيات|الستينيات|السبعينيات|الثمانينيات|التسعينيات"
)
_AGO = re.compile(r"(?<!\w)قبل\s+(?:\S+\s+)?(?:سنوات|سنتين|عامين|اعوام|عقود|عقدين)(?!\w)")
_ALMANAC = re.compile(r"\s*(1[5-9]\d\d|20\d\d)\s*[-–:]")
_GENERIC = _rx("الاساليب|اساليب|اسلوب|الاسلوب|استراتيجية|تكتيك|تكتيكات|سياسة|عادة|غالبا|عادةً|بانتظام|باستمرار")
# launch sites and guns hit by strikes: "موقع اطلاق قذائف المورتر"، "قطع مدفعية مضادة للطائرات" (0.7)
_EQUIPMENT = re.compile(r"(?<!\w)[وف]?(?:موقع|مواقع|منصه|منصات|قطع|قطعه|مرابض|مربض|مدفع|مدافع)\s+(?:ال)?(?:اطلاق\s+(?:ال)?)?$")


def _scheduled_truce(hypo_zone: str, gov_zone: str) -> bool:
    """"من المقرر بدء سريان الهدنة"، "فقد تقرر ان تبدا الهدنة": a declared truce, nothing else hypothetical."""
    if not (_SCHEDULED_TRUCE.search(hypo_zone) or _SCHEDULED_TRUCE.search(gov_zone)):
        return False
    h = _SCHEDULED_TRUCE.sub(" ", hypo_zone)
    g = _SCHEDULED_TRUCE.sub(" ", gov_zone)
    return not (_HYPO.search(h) or _QAD.search(_QAD_PAST.sub(" ", h)) or _HYPO_GOV.search(g))


_MAX_WORDS_BEFORE = 25  # the widest look-back of :func:`check` (governing verbs)


_NON_SPACE_RUN = re.compile(r"\S+")  # \s is str.isspace()


def _word_starts_before(folded: str, sent_start: int, pos: int, n: int) -> list[int]:
    """Start offsets of the last words before ``pos``, within the sentence.

    ``pos`` is at a word boundary: ``pos == sent_start`` or ``folded[pos - 1]`` is whitespace
    (:func:`check` moves the trigger start back over its clitics to ensure it). Returns ``starts`` with ``starts[0] == pos`` and ``folded[starts[k]:pos]`` = the last
    ``k`` whitespace-separated words before ``pos`` (with the spaces after them), for
    ``k`` up to ``n``; the list is shorter when the sentence start is reached first (its
    last item is then ``sent_start``, after the first word or after leading spaces). See
    :func:`_before` to read it.
    """
    words = [m.start() for m in _NON_SPACE_RUN.finditer(folded, sent_start, pos)]
    starts = [pos] + words[: -n - 1 : -1]
    if len(starts) <= n and starts[-1] > sent_start:
        starts.append(sent_start)  # only spaces left before the first word
    return starts


def _before(folded: str, starts: list[int], n: int) -> str:
    """Text of the last ``n`` words before ``starts[0]`` (all of them if fewer; ``starts``
    from :func:`_word_starts_before` with at least ``n`` words asked for)."""
    return folded[starts[min(n, len(starts) - 1)] : starts[0]]


# "ل" + verbal noun = purpose ("لاعتقال القتلة"، "تحشد لاقتحام المدينة"), except after verbs of
# undergoing/returning ("تعرضت لقصف"، "عاد لقصف")
_PURPOSE_OK_BEFORE = _rx(
    "تعرض|تعرضت|يتعرض|تتعرض|تعرضوا|يتعرضون|تعرضها|تعرضه|عرضة|عاد|عادت|يعود|تعود|عادوا|اضطر|اضطرت|تصدت|تصدى|تصدوا|التصدي|"
    "نتيجة|اثر|إثر|جراء|نظرا|ردا|تاريخ|حد|اضافة|بالاضافة|مقاومة|تحالف"
)
_PURPOSE_NOUN = re.compile(r"(?:اعتقال|اقتحام|محاصر|قصف|ضبط|القاء|اغتيال|تفجير|شن |اعدام|احتجاز|توقيف|تحرير|طرد|تهجير|تشريد)")


def check(
    folded: str,
    sent_start: int,
    sent_end: int,
    trig_start: int,
    trig_end: int,
    etype: str,
    pub_year: int | None,
    reports_act: bool,
) -> str | None:
    """Reason the trigger at [trig_start, trig_end) is not an event, or None if it is one.

    ``reports_act``: the sentence carries a casualty count (lets a condemned attack through).
    """
    clitic_l = folded[trig_start - 1 : trig_start] == "ل" and (trig_start - 1 == sent_start or folded[trig_start - 2].isspace() or folded[trig_start - 2] in "وف")
    word_start = trig_start
    while trig_start > sent_start and not folded[trig_start - 1].isspace():
        trig_start -= 1  # include the clitic prefix: the words before are whole words
    starts = _word_starts_before(folded, sent_start, trig_start, _MAX_WORDS_BEFORE)
    near = _before(folded, starts, 3)
    if _NEG.search(near) and not _STILL.search(near):
        return "negated"
    mid = _before(folded, starts, 10)
    prefix = folded[sent_start:trig_start]
    if _DENY.search(prefix):
        return "denied"
    hypo_zone = _before(folded, starts, 8)
    gov_zone = _before(folded, starts, 25)
    qad = _QAD.search(_QAD_PAST.sub(" ", hypo_zone))
    if _HYPO.search(hypo_zone) or qad or _HYPO_GOV.search(gov_zone):
        if not (etype == "negotiation" and (_SCHEDULED.search(hypo_zone) or _SCHEDULED.search(gov_zone))) \
                and not (etype == "ceasefire" and _scheduled_truce(hypo_zone, gov_zone)):
            return "hypothetical"
    call_zone = _RESTORE_HOPE.sub(" ", mid)
    if etype == "ceasefire":
        d = None
        for d in _DECLARED.finditer(call_zone):
            if _RELATIVE.search(call_zone[max(0, d.start() - 8) : d.start()]):
                d = None  # "مبادرة البركاني التي اعلن عنها": the initiative, not a declaration
        if d is not None:
            call_zone = call_zone[d.end():]  # "رغبة منا ...، فقد تقرر الاعلان عن هدنة": declared (0.7)
    if _CALL.search(call_zone):
        return "call"
    w2 = _before(folded, starts, 2)
    w2 = _DEMONSTRATIVE.sub(" ", w2).split()
    if etype in ATTACK_TYPES and w2 and _STOP_BEFORE.search(w2[-1]):
        return "call"
    if _CONDEMN.search(mid):
        after = folded[trig_end : min(sent_end, trig_end + 80)]
        if not (reports_act or _ACT_AFTER.search(after)):
            return "condemnation"
    # background: "منذ" shortly before the trigger, with a year or an event noun
    bg = _before(folded, starts, 4)
    m = None
    for m in _MUNDH.finditer(bg):
        pass
    if m is not None:
        rest = bg[m.end():]
        y = _YEAR.search(rest)
        if y and not re.search(r"\d{1,2}\s+\S+\s+" + y.group(1), rest):
            if pub_year is None or int(y.group(1)) < pub_year:
                return "background"
        elif not re.search(r"\d", rest) and _BG_NOUN.search(rest):
            return "background"
        elif not rest.strip() and etype in ATTACK_TYPES:
            return "background"  # (0.10) "منذ هجوم منتجع سوسة": an act named as the start of a period
    after = folded[trig_end : min(sent_end, trig_end + 40)]
    y = re.match(r"\s*(?:\S+\s+){0,3}?(?:في\s+)?(?:عام|العام|سنة)?\s*(1[89]\d\d|20\d\d)(?!\w)", after)
    if y and pub_year is not None and int(y.group(1)) < pub_year and not re.match(r"\s*(?:\S+\s+){0,3}?\d{1,2}\s", after):
        return "background"
    if _ANNIV.search(mid):
        return "background"
    # purpose / intention in the 3 words before ("بهدف القبض على"، "لتنفيذ هجمات")
    w3 = _before(folded, starts, 3)
    if _INTENT.search(w3) and not (etype == "ceasefire" and not _INTENT.search(_DECLARED.sub(" ", w3))):
        return "intent"
    if _ABILITY.search(_before(folded, starts, 6)):
        return "ability"  # (0.10) "قدرة في القبض على كل من"، "قادرة على ضبط الجناة": a capacity, not an act
    if clitic_l and etype not in ("negotiation", "ceasefire") and _PURPOSE_NOUN.match(folded, trig_start + 1):
        pw = _before(folded, starts, 3)
        pw12 = _before(folded, starts, 14)
        if not _PURPOSE_OK_BEFORE.search(pw) and not re.search(r"(?<!\w)[وف]?(?:ت|ي)?(?:تعرض|عرض)\w*", pw12):
            return "purpose"
    # relative clause governing the trigger: pronoun + at most one verb/word before it
    rel = None
    for rel in _RELATIVE.finditer(w3):
        pass
    if rel is not None and not re.search(r"[،,؛:\"«»()]", w3[rel.end():]):
        before_rel = folded[max(sent_start, trig_start - len(w3) + rel.start() - 12) : trig_start - len(w3) + rel.start()]
        if not re.search(r"(?:الوقت|الحين|اليوم|الوقت نفسه)\s*$", before_rel):
            return "relative"
    # past-habitual relative clause: "الساحات التي كانت تقام فيها الاعتصامات" (0.7)
    w6r = _before(folded, starts, 5)
    if _REL_KANA.search(w6r):
        return "relative"
    w1 = _before(folded, starts, 1)
    w2s = _before(folded, starts, 2)
    if etype != "negotiation" and (_ANY.search(w1) or _ANY.search(w2s) and len(w2s.split()) == 2 and w2s.split()[0] in ("احد", "احدي")):
        return "generic"
    if _RIGHT_TO.search(w2s):
        return "generic"  # (0.10) "حقه في الإضراب عن الطعام": a right, not an act
    if _CHARACTERISE.search(" ".join(w2)):
        return "characterisation"
    if etype in ("armed_clash",) and _IDIOM_BEFORE.search(w1):
        return "idiom"
    if etype in _WEAPON_TYPES and (_SEIZED.search(w3) or _DESTROYED.search(_before(folded, starts, 6))
                                   or _PREPARED_AFTER.match(folded, trig_end)):
        return "seized"  # (0.10) "دمرت القوات الأمنية العراقية ثلاث عجلات مفخخة كانت معدة لاستهداف"
    if etype in _WEAPON_TYPES and _SEIZED.search(w3):
        return "seized"
    if etype == "bombing" and _SOUND.search(" ".join(w2)):
        return "sound"
    if etype == "bombing" and folded.startswith(("انفجار", "تفجير"), word_start) \
            and (_FIG_BEFORE.search(w1) or _FIG_AFTER.match(folded, trig_end)):
        return "figurative"
    if etype == "shelling" and _EQUIPMENT.search(folded, max(sent_start, trig_start - 30), trig_start):
        return "seized"
    if etype == "shelling" and _EXPLODED.search(w1):
        return "exploded"
    if etype == "arrest" and _CUSTODY_BEFORE.search(w1):
        return "custody"
    # future: a future verb shortly before, or "قريبا/المقبل" shortly after (attacks only;
    # scheduled talks are negotiation events)
    if etype != "negotiation":
        w6 = _before(folded, starts, 6)
        after = folded[trig_end : min(sent_end, trig_end + 60)]
        if _FUTURE_VERB.search(w6) or _FUTURE_AFTER.search(after):
            return "future"
    # "last year": previous-year history
    clause_after = re.split(r"[،,؛]", folded[trig_end:sent_end], maxsplit=1)[0]
    clause_after = " ".join(_RELATIVE.split(clause_after, maxsplit=1)[0].split()[:9])  # 6 -> 9 words (0.8): "تنفيذ القصاص في عاملة إندونيسية في مكة المكرمة العام الماضي"
    clause_before = re.split(r"[،,؛]", folded[sent_start:trig_start])[-1]
    clause_before = " ".join(clause_before.split()[-7:])
    if _LAST_YEAR.search(clause_after) or _LAST_YEAR.search(clause_before):
        return "background"
    # decades / centuries / world wars, and almanac lines "1940 - الحرب العالمية الثانية: غارات جوية" (0.7)
    if _HISTORY.search(clause_before) or _AGO.search(clause_after) or _AGO.search(clause_before) or (pub_year is not None and (y := _ALMANAC.match(folded, sent_start))
                                          and int(y.group(1)) < pub_year):
        return "background"
    # an explicit past year in the trigger's clause ("اوقفت في شباط/ فبراير 2014 بينما كانت
    # تقود سيارة مفخخة"، "ووقعت في الثاني من آب 2014 معارك")
    if pub_year is not None:
        years = [int(y) for y in re.findall(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)", clause_before + " " + clause_after)]
        if years and all(y < pub_year for y in years):
            return "background"
    if etype == "killing" and _JUDICIAL.search(mid):
        return "judicial"
    if etype != "arrest" and _CONVICTED.search(prefix) and not _ACT_AFTER.search(folded[trig_end : min(sent_end, trig_end + 80)]):
        return "charge"
    # a state since an earlier time: "واعتقل الساعدي منذ ذلك الحين" (0.8)
    if _SINCE_THEN.match(folded, trig_end):
        return "background"
    if etype == "arrest" and _VERDICT_AFTER.search(folded, trig_end, sent_end):
        return "background"
    if _GENERIC.search(prefix):
        return "generic"
    return None
