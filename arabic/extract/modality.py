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


_NEG = _rx("لم|لن|لا|عدم|دون|بدون|ليس|ليست|بلا|تنفي|ينفي")
_STILL = _rx("لا تزال|لا يزال|لا زال|لا زالت|لا سيما|ولا سيما")
_DENY = _rx("نفى|نفت|ينفي|تنفي|نفوا|نفي|نفيه|نفيها|كذب|كذبت|تكذيب|انكر|انكرت|ينكر|تنكر|نفيا")
_HYPO = _rx(
    "اذا|إذا|لو|في حال|في حالة|يفترض|من المفترض|ويفترض|من المتوقع|يتوقع|تتوقع|توقع|توقعت|توقعات|متوقع"
    "|من المقرر|من المنتظر|يعتزم|تعتزم|ينوي|تنوي|يخطط|تخطط|خطة|يهدد|تهدد|هدد|هددت|تهديد|تهديدات|تهدید"
    "|لمنع|منع|تفادي|لتفادي|لتجنب|تجنب|خشية|مخاوف|تخوف|يخشى|تخشى|احتمال|احتمالات|امكانية|محتمل|محتملة|ربما|سوف|مخطط|مخططات"
    "|يستعد|تستعد|استعداد|استعدادا|استعدادات|تحسبا|يمكن|ممكن"
)
_HYPO_GOV = _rx("اذا|إذا|لو|في حال|في حالة|يفترض|من المفترض|ويفترض|من المتوقع|يتوقع|تتوقع|من المقرر|من المنتظر|يعتزم|تعتزم|ينوي|تنوي|يهدد|تهدد|هدد|هددت")
_SCHEDULED = _rx("من المقرر|من المنتظر|من المتوقع|يتوقع|متوقع|يعتزم|تعتزم|استعدادا|يستعد|تستعد")
_QAD = re.compile(r"(?<!\w)[وف]?قد\s+[يتن]\w+")
_CALL = _rx(
    "دعا|دعت|يدعو|تدعو|دعوا|دعوة|الدعوة|دعوات|داعيا|داعية|طالب|طالبت|يطالب|تطالب|طالبوا|مطالبة|المطالبة|مطالبات|مطالبا|مطالبين"
    "|ناشد|ناشدت|يناشد|تناشد|مناشدة|حث|حثت|يحث|تحث|حض|حضت|ضرورة|بضرورة|يجب|ينبغي|اقترح|اقترحت|مقترح|اقتراح|مبادرة"
    "|جهود|مساع|مساعي|يسعى|تسعى|سعي|السعي|اتفاق على|يريد|تريد|رغبة|يرغب|تأمل|يأمل|أمل|امل|الامل|لضمان|شروط|شرط"
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
_JUDICIAL = _rx("حكم|حكمت|الحكم|بالحكم|احكام|عقوبة|قضت|تقضي|يقضي|محكمة")
_MUNDH = re.compile(r"(?<!\w)[وف]?منذ(?!\w)")
_YEAR = re.compile(r"(?<!\w)(?:عام|العام|سنة|في|منذ)?\s*(1[89]\d\d|20\d\d)(?!\w)")
_BG_NOUN = _rx("عام|سنوات|سنة|اعوام|عقود|عقد|اشهر|شهور|بدء|بداية|اندلاع|انطلاق|معركة|حرب|الحرب|ايام|سقوط|انضمام|تأسيس|احداث")
_ANNIV = _rx("ذكرى|الذكرى|ذكري|الذكري|ذكراها|احياء")
_GENERIC = _rx("الاساليب|اساليب|اسلوب|الاسلوب|استراتيجية|تكتيك|تكتيكات|سياسة|عادة|غالبا|عادةً")


def _words_before(folded: str, sent_start: int, pos: int, n: int) -> tuple[int, str]:
    """Start offset and text of the last n words before pos (within the sentence)."""
    i = pos
    count = 0
    while i > sent_start and count < n:
        i -= 1
        while i > sent_start and folded[i - 1].isspace():
            i -= 1
        while i > sent_start and not folded[i - 1].isspace():
            i -= 1
        count += 1
    return i, folded[i:pos]


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
    while trig_start > sent_start and not folded[trig_start - 1].isspace():
        trig_start -= 1  # include the clitic prefix: the words before are whole words
    _, near = _words_before(folded, sent_start, trig_start, 3)
    if _NEG.search(near) and not _STILL.search(near):
        return "negated"
    _, mid = _words_before(folded, sent_start, trig_start, 10)
    prefix = folded[sent_start:trig_start]
    if _DENY.search(prefix):
        return "denied"
    _, hypo_zone = _words_before(folded, sent_start, trig_start, 8)
    _, gov_zone = _words_before(folded, sent_start, trig_start, 25)
    if _HYPO.search(hypo_zone) or _QAD.search(hypo_zone) or _HYPO_GOV.search(gov_zone):
        if not (etype == "negotiation" and (_SCHEDULED.search(hypo_zone) or _SCHEDULED.search(gov_zone))):
            return "hypothetical"
    if _CALL.search(mid):
        return "call"
    _, w2 = _words_before(folded, sent_start, trig_start, 2)
    w2 = _DEMONSTRATIVE.sub(" ", w2).split()
    if etype in ATTACK_TYPES and w2 and _STOP_BEFORE.search(w2[-1]):
        return "call"
    if _CONDEMN.search(mid):
        after = folded[trig_end : min(sent_end, trig_end + 80)]
        if not (reports_act or _ACT_AFTER.search(after)):
            return "condemnation"
    # background: "منذ" shortly before the trigger, with a year or an event noun
    _, bg = _words_before(folded, sent_start, trig_start, 4)
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
    after = folded[trig_end : min(sent_end, trig_end + 40)]
    y = re.match(r"\s*(?:\S+\s+){0,3}?(?:في\s+)?(?:عام|العام|سنة)?\s*(1[89]\d\d|20\d\d)(?!\w)", after)
    if y and pub_year is not None and int(y.group(1)) < pub_year and not re.match(r"\s*(?:\S+\s+){0,3}?\d{1,2}\s", after):
        return "background"
    if _ANNIV.search(mid):
        return "background"
    if etype == "killing" and _JUDICIAL.search(mid):
        return "judicial"
    if _GENERIC.search(prefix):
        return "generic"
    return None
