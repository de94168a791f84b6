"""Dateline detection: the place a dispatch was filed from, at the start of the text.

One reason to change: the dateline/byline formats recognised and the places known to
appear in datelines. A dateline city is *not* an event location (see
``shared/events.md``); extraction uses this to skip it.

Formats found in the corpus (first line of the text), all handled:

- ``بيروت - اعلن ...``                    (AFP style, the seed article)
- ``بيروت (أ ف ب) - ...`` / ``الرياض: ...`` / ``دمشق - وكالات: ...``
- ``سبق- الرياض: ...`` / ``واس - الرياض : ...`` / ``عبدالله البرقاوي- سبق- الرياض: ...``
  (Sabq: reporter - outlet - place, then a colon)
- ``عين اليوم – الرياض`` / ``حاتم النجيمي – الطائف`` as a line of its own (Ain Alyoum:
  outlet or reporter – place); ``عمر إبراهيم – عين اليوم`` has no place
- ``الرياض - واس`` / ``القاهرة - محمد خليل`` as a line of its own (Al-Riyadh)
- ``الرياض 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس`` (SPA header line)
- ``BEIRUT (Reuters) - ...`` (Latin)

The place is returned as written in the clean text (tatweel/diacritics already
removed, parenthesised country dropped): ``"عين اليوم – ديار بكر (تركيا)"`` gives
``"ديار بكر"``. When the structure is ambiguous (reporter or place?), a segment is
accepted as a place if it is in the built-in list of dateline places, carries a country
in parentheses, or is a single word / ``ال``-word after an outlet segment; bylines that
name only a person or an outlet ("متابعات", "وكالات") give ``None``.
"""

from __future__ import annotations

import re

from arabic.chars import fold_word, remove_tatweel

__all__ = ["find_dateline", "KNOWN_PLACES"]


def _key(text: str) -> str:
    return fold_word(text).replace(" ", "").replace("-", "")


# Places that appear in datelines: Saudi cities/regions (the corpus), Arab and world
# capitals and conflict-zone towns. Spelling variants are folded (alef/hamza, ta
# marbuta, spaces), so one spelling per place is enough.
_PLACES_TEXT = """
الرياض جدة مكة مكة_المكرمة المدينة المدينة_المنورة الدمام الخبر الظهران الطائف أبها تبوك
حائل بريدة عنيزة القصيم الأحساء الهفوف القطيف الجبيل ينبع نجران جازان جيزان صبيا الباحة
عرعر سكاكا الجوف القريات حفر_الباطن خميس_مشيط بيشة الخرج الدلم المجمعة الزلفي شقراء
الدوادمي وادي_الدواسر القنفذة الليث رابغ أملج الوجه ضباء العلا تيماء طريف رفحاء
النماص محايل بلجرشي المخواة الخرمة تربة رنية عسير الشرقية المنطقة_الشرقية الحد_الجنوبي
الكويت المنامة البحرين الدوحة قطر أبوظبي أبو_ظبي دبي الشارقة عجمان العين مسقط صلالة
صنعاء عدن تعز الحديدة مأرب لحج أبين حضرموت المكلا صعدة إب الضالع شبوة البيضاء ذمار عمران
بغداد البصرة الموصل أربيل كركوك الرمادي الفلوجة تكريت النجف كربلاء السليمانية بعقوبة سامراء
الأنبار ديالى
دمشق حلب حمص حماة إدلب ادلب اللاذقية طرطوس درعا دير_الزور الرقة الحسكة القامشلي دوما
حرستا الغوطة الزبداني كوباني عين_العرب تدمر القنيطرة السويداء منبج جرابلس
بيروت طرابلس صيدا صور بعلبك عرسال جونية
عمان الزرقاء إربد العقبة المفرق معان
القدس رام_الله غزة خان_يونس رفح نابلس الخليل جنين بيت_لحم أريحا طولكرم قلقيلية تل_أبيب
القاهرة الإسكندرية الجيزة العريش سيناء الإسماعيلية السويس بورسعيد أسوان الأقصر المنصورة
طنطا شرم_الشيخ الغردقة
الخرطوم جوبا طرابلس_الغرب بنغازي مصراتة سرت درنة طبرق سبها
تونس سوسة صفاقس القيروان الجزائر وهران قسنطينة الرباط الدار_البيضاء مراكش فاس طنجة
أغادير الصخيرات نواكشوط مقديشو جيبوتي
أنقرة إسطنبول اسطنبول ديار_بكر أضنة غازي_عنتاب سروج أورفة شانلي_أورفا هاتاي
طهران مشهد أصفهان شيراز تبريز الأهواز
كابل كابول قندهار هرات جلال_آباد إسلام_آباد كراتشي لاهور بيشاور كويتا راولبندي
نيودلهي مومباي دكا كولومبو كاتماندو
بكين شنغهاي هونغ_كونغ طوكيو سيول سول بيونغ_يانغ مانيلا جاكرتا كوالالمبور بانكوك
سنغافورة هانوي سيدني كانبيرا ملبورن
موسكو كييف مينسك باكو تبليسي يريفان طشقند
لندن باريس برلين روما مدريد برشلونة لشبونة أثينا فيينا بروكسل أمستردام لاهاي جنيف
زيوريخ زوريخ برن ستوكهولم أوسلو كوبنهاغن هلسنكي وارسو براغ بودابست بوخارست صوفيا
بلغراد دبلن الفاتيكان مونتريال ميلانو ميونيخ فرانكفورت مرسيليا ليون نيس
واشنطن نيويورك شيكاغو لوس_أنجلوس لاس_فيغاس لاس_فيجاس هيوستن ميامي سان_فرانسيسكو بوسطن
أتلانتا دالاس فيلادلفيا أوتاوا تورونتو مكسيكو هافانا كاراكاس بوغوتا ليما برازيليا
ساو_باولو ريو_دي_جانيرو بوينس_آيرس سانتياغو
أديس_أبابا نيروبي لاغوس أبوجا مايدوجوري داكار باماكو نيامي انجامينا كمبالا كيغالي
جوهانسبرغ بريتوريا كيب_تاون الكاب أكرا
السعودية المملكة اليمن العراق سوريا سورية لبنان الأردن فلسطين مصر ليبيا السودان
الإمارات عمان_سلطنة تركيا إيران أفغانستان باكستان الهند الصين روسيا أوكرانيا فرنسا
بريطانيا ألمانيا إيطاليا إسبانيا أمريكا الولايات_المتحدة كندا اليابان المغرب الجزائر
موريتانيا الصومال إثيوبيا نيجيريا مالي
"""
KNOWN_PLACES: frozenset[str] = frozenset(
    _key(p.replace("_", " ")) for p in _PLACES_TEXT.split() if p
)

# Outlets and news agencies that appear as dateline segments.
_AGENCIES: frozenset[str] = frozenset(
    _key(a.replace("_", " "))
    for a in """
واس سبق عين_اليوم عين_الييوم عبن_اليوم الرياضي الوئام عكاظ
رويترز رويتر أ_ف_ب ا_ف_ب أ.ف.ب فرانس_برس د_ب_أ أ_ب أسوشيتد_برس يو_بي_آي وام قنا كونا بنا
سانا الأناضول الاناضول شينخوا إرنا ارنا سبأ واج وات ومع مينا رصد خاص الشرق_الأوسط
afp reuters ap dpa upi spa
""".split()
)
# Segments that are neither a place nor a person: "متابعات", weekdays, "عواصم".
_NOT_PLACES: frozenset[str] = frozenset(
    _key(w)
    for w in """
متابعات متابعة وكالات وكالة الوكالات تقرير تقارير مراسلون مراسل مندوب مندوبو خاص
عواصم العالم دولي دوليات محليات اقتصاد رياضة خدمة خدمات تحرير التحرير
السبت الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة أمس اليوم غدا
""".split()
)
# Frequent given names: a segment starting with one is a reporter, not a place.
_GIVEN_NAMES: frozenset[str] = frozenset(
    _key(w)
    for w in """
محمد أحمد محمود مصطفى علي حسن حسين عمر عثمان خالد فهد فيصل سعد سعود سلطان سلمان سليمان
نايف ناصر ماجد مازن ياسر طارق حاتم حامد غالب قاسم عيسى موسى يوسف إبراهيم ابراهيم إسماعيل
صالح بدر بندر تركي راشد عادل عماد وليد هشام هاني سامي سمير منصور منيف مسلم مسلّم ظافر
عافت مهنا فايز عبير رغد داليا لجين أميرة سلوى حنان هيفاء فوزية نوف ريم دعاء أيمن عدنان
جمال طلال زياد مشعل متعب بسام صقر أكابر بشائر أسماء فاطمة نورة مريم سارة هند منى
""".split()
)

_DASH = r"[-–—]"
_SEG_SPLIT_RE = re.compile(r"\s*[-–—]\s*")
_PAREN_RE = re.compile(r"\s*[(\[{]([^)\]}]*)[)\]}]\s*")
_HIJRI_MONTH = (
    r"(?:محرم|صفر|ربيع\s+(?:الأول|الاول|الآخر|الاخر|الثاني)|جمادى\s+(?:الأولى|الاولى|الآخرة|الاخرة|"
    r"الثانية)|جمادي\s+\S+|رجب|شعبان|رمضان|شوال|ذو\s+القعدة|ذي\s+القعدة|ذو\s+الحجة|ذي\s+الحجة)"
)
# SPA header: "الرياض 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس"
_SPA_RE = re.compile(
    r"^(?P<place>[^\W\d_][^\d\n:]{0,40}?)\s+\d{1,2}\s+" + _HIJRI_MONTH + r"\s+\d{4}"
)
# "head: body" with a short head.
_COLON_HEAD_RE = re.compile(r"^(?P<head>[^:\n.؛!?؟\"«»]{2,70}?)\s*:")
# "head - body" with a short head (the seed's "بيروت - اعلن ...").
_DASH_HEAD_RE = re.compile(
    r"^(?P<head>[^\n.،؛:!?؟\"«»]{2,50}?)(?:\s+" + _DASH + r"|" + _DASH + r"\s)"
)
# "BEIRUT (Reuters) - ...", "Beirut (AFP) - ...", "WASHINGTON - ..."
_LATIN_RE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z.'’]{1,30}(?:[ -][A-Z][A-Za-z.'’]{1,30}){0,3})"
    r"(?:,\s?[A-Z][A-Za-z.]{1,30}){0,2}\s?(?:\((?P<agency>[^)]{1,30})\))?\s?(?:" + _DASH + r"|:)\s"
)
_SPA_CONFIRM_RE = re.compile(r"الموافق|واس|ه\s")
_HAS_DIGIT_RE = re.compile(r"\d")
_SENTENCE_PUNCT_RE = re.compile(r"[.؛!?؟\"«»]")
_MAX_LINE_BYLINE = 80


def _classify(segment: str) -> tuple[str, str]:
    """Return ``(kind, place_text)`` for one dateline segment.

    kind: ``known`` (listed place), ``place`` (unlisted, place-shaped: one word, or two
    words both starting with ``ال``), ``agency``, ``person`` (starts with a common
    given name), ``stop`` (neither), ``number`` (has a digit), ``long`` (more than 4
    words: prose, not a byline), ``unknown`` (anything else of 2-4 words).
    """
    paren = ""
    m = _PAREN_RE.search(segment)
    if m:
        paren = m.group(1).strip()
        segment = (segment[: m.start()] + " " + segment[m.end() :]).strip()
    if "/" in segment:  # "أسطنبول/ديار بكر": the first place
        segment = segment.split("/")[0].strip()
    segment = segment.strip(" '\"")
    if not segment:
        return ("agency", "") if paren else ("stop", "")
    words = segment.split()
    if len(words) > 4:
        return "long", ""
    if _HAS_DIGIT_RE.search(segment):
        return "number", ""
    if ":" in segment:
        return "stop", ""
    key = _key(segment)
    if key in _AGENCIES or _key(words[0]) in ("خاص", "الرياضي"):
        return "agency", ""
    if len(words) > 1 and _key(words[-1]) in _NOT_PLACES:  # "جدة متابعات"
        kind, place = _classify(" ".join(words[:-1]))
        if kind == "known":
            return kind, place
    if key in _NOT_PLACES or _key(words[0]) in _NOT_PLACES:
        return "stop", ""
    if key in KNOWN_PLACES:
        return "known", segment
    if paren and _key(paren) in KNOWN_PLACES:
        return "known", segment  # "ديار بكر (تركيا)"
    first = _key(words[0])
    if len(words) > 1 and (
        first in _GIVEN_NAMES or first.startswith("عبد") or first in ("ابو", "ام")
    ):
        return "person", ""
    if len(words) == 1 or (len(words) == 2 and all(w.startswith("ال") for w in words)):
        return "place", segment  # "طبرجل", "الدلم", "الحد الجنوبي" (not "الزبير عبدالباقي")
    return "unknown", ""


_NO_BYLINE = object()  # the segments are not a byline at all (prose, a year ...)


def _place_from_segments(segments: list[str], *, allow_unlisted: bool) -> str | None | object:
    """The place named by dateline segments, ``None`` for a byline without a place, or
    ``_NO_BYLINE`` when the segments do not look like a byline.

    An unlisted place is accepted only next to an outlet/agency or reporter segment and
    with no unclassifiable segment ("وصل - بحفظ الله ورعايته - ..." is prose).
    """
    kinds = [_classify(s) for s in segments if s.strip()]
    # prose ("أصدر خادم الحرمين ... -") or a year ("1917 - الحرب العالمية الأولى:")
    if not kinds or any(k in ("long", "number") for k, _ in kinds):
        return _NO_BYLINE
    for kind, place in kinds:
        if kind == "known":
            return place
    if not allow_unlisted or any(k == "unknown" for k, _ in kinds):
        return _NO_BYLINE
    if not any(k in ("agency", "person") for k, _ in kinds):
        return _NO_BYLINE
    candidates = [place for kind, place in kinds if kind == "place"]
    return candidates[-1] if candidates else None


def _split(head: str) -> list[str]:
    return [s for s in _SEG_SPLIT_RE.split(head.strip()) if s]


def find_dateline(text: str) -> str | None:
    """Return the dateline place at the start of ``text``, or ``None``.

    ``text`` is clean text (see :func:`arabic.normalize.normalize_article`); only its
    first non-empty line is examined. The result, when not ``None``, is a substring of
    that line (the place as written, without agency or parenthesised country). A
    single-segment head (``"الرياض: ..."``, ``"بيروت - ..."``) must be a listed place;
    multi-segment bylines (``"فهد كاملي- سبق- الحد الجنوبي:"``) may name unlisted
    places. Never raises.
    """
    if not isinstance(text, str) or not text:
        return None
    line = remove_tatweel(text.lstrip().split("\n", 1)[0].strip())  # "سبق ـ أبها:"
    if not line:
        return None
    m = _SPA_RE.match(line)
    if m and _SPA_CONFIRM_RE.search(line, m.end(), m.end() + 30):
        # the "PLACE <Hijri date> الموافق <date> واس" structure itself says PLACE is one
        head = m.group("place").strip()
        kind, place = _classify(head)
        if kind in ("known", "place"):
            return place
        if kind == "unknown":
            return _PAREN_RE.sub(" ", head).strip() or None
    m = _LATIN_RE.match(line)
    if m:
        latin = m.group("place")
        if m.group("agency") or (latin.isupper() and len(latin) >= 3):
            return latin
    # 1. the whole first line is a byline: "عين اليوم – الرياض", "الرياض - واس"
    if len(line) <= _MAX_LINE_BYLINE and not _SENTENCE_PUNCT_RE.search(line):
        segs = _split(line.rstrip(":").strip())
        if len(segs) >= 2 or (len(segs) == 1 and len(segs[0].split()) <= 3):
            place = _place_from_segments(segs, allow_unlisted=len(segs) >= 2)
            if place is None or isinstance(place, str):
                return place
    # 2. "head: body" (Sabq, SPA reprints, "دمشق - وكالات:")
    m = _COLON_HEAD_RE.match(line)
    if m and len(m.group("head").split()) <= 8:
        segs = _split(m.group("head"))
        place = _place_from_segments(segs, allow_unlisted=len(segs) >= 2)
        if place is None or isinstance(place, str):
            return place
    # 3. "head - body" / "head (agency) - body" (AFP style: "بيروت - اعلن ...")
    m = _DASH_HEAD_RE.match(line)
    if m:
        head = m.group("head").strip()
        if len(head.split()) <= 4:
            kind, place = _classify(head)
            if kind == "known" or (kind == "place" and _PAREN_RE.search(head)):
                return place
            # "أكابر الأحمدي – جدة تبدت سوق عكاظ ...": reporter, dash, listed place, body
            if kind in ("person", "agency"):
                return _known_place_prefix(line[m.end() :])
    return None


def _known_place_prefix(text: str) -> str | None:
    """A listed place of one to three words at the start of ``text``, else ``None``."""
    words = text.split(None, 3)[:3]
    for n in (3, 2, 1):
        if len(words) >= n:
            candidate = " ".join(words[:n])
            if _key(candidate) in KNOWN_PLACES:
                return candidate
    return None
