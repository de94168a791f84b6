"""The specifics of a story: the numbers and places that tell two templated reports apart.

Two daily weather bulletins, two "the leadership congratulates the president of X"
cables, two executions announced with the same ministry wording, the fifth and the sixth
relief plane landing in Aden: the texts share almost every shingle and differ only in a
few slots (a number, a place). Shingle similarity cannot see that; comparing the
specifics of the two leads can.

A conflict needs *both* leads (headline + first sentences) to state specifics of one kind
(numbers, or places) of which at least half are absent from the whole other article. A
short version of a long report, or a short report printed inside a round-up, states
nothing the longer text lacks, so it is not a conflict; a rewrite keeps the facts, so it
is not either. Dates and datelines, which outlets change, are not specifics.

Inputs are word tokens of folded text (:func:`dedup.shingles.tokens`); outputs are short
strings, so a record holding them stays JSON-serialisable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

__all__ = ["LEAD_TOKENS", "HEAD_TOKENS", "numbers", "places", "specifics", "conflict", "explain"]

LEAD_TOKENS = 60  # headline + lead sentence(s)

# --- numbers -----------------------------------------------------------------------------

_UNITS = {
    "واحد": 1, "واحده": 1,
    "اثنان": 2, "اثنين": 2, "اثنتين": 2, "اثنتان": 2,
    "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5,
    "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثمان": 8, "ثماني": 8, "ثمانيه": 8,
    "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10,
    "عشرين": 20, "عشرون": 20, "ثلاثين": 30, "ثلاثون": 30, "اربعين": 40, "اربعون": 40,
    "خمسين": 50, "خمسون": 50, "ستين": 60, "ستون": 60, "سبعين": 70, "سبعون": 70,
    "ثمانين": 80, "ثمانون": 80, "تسعين": 90, "تسعون": 90,
    "مئه": 100, "مائه": 100, "مييه": 100, "مايه": 100, "مئتين": 200, "مايتين": 200, "مييتين": 200,
    "الفين": 2000, "الفان": 2000,
}
_ORDINALS = {
    "الحادي": 1, "الحاديه": 1,  # only in compounds: الحادي عشر = 11
    "الثاني": 2, "الثانيه": 2, "ثاني": 2, "ثانيه": 2,
    "الثالث": 3, "الثالثه": 3, "ثالث": 3, "ثالثه": 3,
    "الرابع": 4, "الرابعه": 4, "رابع": 4, "رابعه": 4,
    "الخامس": 5, "الخامسه": 5, "خامس": 5, "خامسه": 5,
    "السادس": 6, "السادسه": 6, "سادس": 6, "سادسه": 6,
    "السابع": 7, "السابعه": 7, "سابع": 7, "سابعه": 7,
    "الثامن": 8, "الثامنه": 8, "ثامن": 8, "ثامنه": 8,
    "التاسع": 9, "التاسعه": 9, "تاسع": 9, "تاسعه": 9,
    "العاشر": 10, "العاشره": 10, "عاشر": 10, "عاشره": 10,
}
_TENS = {
    "عشرين": 20, "عشرون": 20, "ثلاثين": 30, "ثلاثون": 30, "اربعين": 40, "اربعون": 40,
    "خمسين": 50, "خمسون": 50, "ستين": 60, "ستون": 60, "سبعين": 70, "سبعون": 70,
    "ثمانين": 80, "ثمانون": 80, "تسعين": 90, "تسعون": 90,
}
# "و" + tens after a unit: "الثالث والعشرين" = 23, "ثلاثه وعشرين" = 23
_AND_TENS = {f"{p}{w}": v for w, v in _TENS.items() for p in ("و", "وال")}
_TEEN = {"عشر", "عشره"}
_MULTIPLIERS = {
    "الف": 1e3, "الاف": 1e3, "الفا": 1e3, "مليون": 1e6, "ملايين": 1e6, "مليونا": 1e6,
    "مليار": 1e9, "مليارات": 1e9, "مليارا": 1e9, "بليون": 1e9,
}
# a number next to one of these is a date ("15 شوال", "يوليو 28"): datelines change
_MONTHS = {
    "يناير", "فبراير", "مارس", "ابريل", "مايو", "يونيو", "يوليو", "اغسطس", "سبتمبر", "اكتوبر",
    "نوفمبر", "ديسمبر", "كانون", "شباط", "اذار", "نيسان", "ايار", "حزيران", "تموز", "اب", "ايلول",
    "تشرين", "محرم", "صفر", "ربيع", "جمادي", "رجب", "شعبان", "رمضان", "شوال", "القعده", "الحجه",
    "ذي", "ذو", "هـ", "ه", "م",
}
_PREFIXES = ("و", "ب", "ل", "وب", "ول", "ف", "ال")
_DATE_SKIP = {"من", "شهر", "الي", "حتي", "و", "الجاري", "المقبل", "القادم", "الماضي"}
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")


def _fmt(v: float) -> str:
    return str(int(v)) if v == int(v) else f"{v:.6g}"


def _build_word_values() -> dict[str, int]:
    table: dict[str, int] = {}
    for word, value in (*_UNITS.items(), *_ORDINALS.items()):
        table.setdefault(word, value)
        for p in _PREFIXES:
            if len(p + word) > 3:
                table.setdefault(p + word, value)
    return table


_WORD_VALUES = _build_word_values()
_DIGIT_CHARS = frozenset("0123456789")
_ORDINAL_WORDS = {p + w for w in _ORDINALS for p in ("", *_PREFIXES)}


def _word_value(t: str) -> int | None:
    return _WORD_VALUES.get(t)


def _is_year(v: float) -> bool:
    return v == int(v) and (1400 <= v <= 1460 or 1990 <= v <= 2040)


def _date_ahead(toks: Sequence[str], i: int) -> bool:
    """A month name within three tokens after position ``i`` (skipping من، شهر، الى ...)."""
    for j in range(i + 1, min(i + 4, len(toks))):
        t = toks[j]
        if t in _MONTHS:
            return True
        if t not in _DATE_SKIP and not t[0].isdigit():
            return False
    return False


def _indexed_numbers(toks: Sequence[str], start: int = 0, stop: int | None = None) -> list[tuple[int, str, list[str], bool]]:
    """``(position, value, other spellings, is_ordinal)`` for each number stated."""
    out: list[tuple[int, str, list[str], bool]] = []
    n = len(toks)
    stop = n if stop is None else min(stop, n)
    words = _WORD_VALUES
    digits = _DIGIT_CHARS
    skip_to = -1
    for i in range(start, stop):
        t = toks[i]
        if t[0] not in digits and t not in words:
            continue
        if i <= skip_to:
            continue
        ordinal = False
        alt: float | None = None
        end = i
        if t[0].isdigit():
            if ":" in t or "/" in t:
                continue  # a time (11:41) or a date (15/10/1436)
            try:
                if _THOUSANDS.fullmatch(t):
                    v = float(t.replace(".", ""))
                else:
                    v = float(t)
                    if "." in t:  # bidi-garbled decimals ("4ر646" -> "4.646" for 646.4)
                        head, _, tail = t.partition(".")
                        alt = float(f"{tail}.{head}")
            except ValueError:
                continue
            ordinal = i > 0 and toks[i - 1] == "ال"  # "الـ 19"
        else:
            w = words.get(t)
            if w is None:
                continue
            v = float(w)
            ordinal = t in _ORDINAL_WORDS
            nxt = toks[i + 1] if i + 1 < n else ""
            if w < 10 and nxt in _TEEN:  # التاسعه عشر = 19
                v += 10
                end = i + 1
            elif w < 10 and nxt in _AND_TENS:  # الثالث والعشرين = 23
                v += _AND_TENS[nxt]
                end = i + 1
            elif w == 1 and ordinal:
                continue  # "الحادي" alone
        skip_to = end
        if _date_ahead(toks, end) or (i and toks[i - 1] in _MONTHS and t[0].isdigit()):
            continue  # a date ("15 شوال", "16 الى 30 شوال", "يوليو 28"): datelines change
        nxt = toks[end + 1] if end + 1 < n else ""
        mult = _MULTIPLIERS.get(nxt)
        others: list[str] = []
        if mult is not None:
            others.append(_fmt(v))  # "12 الف" may be written "12" by another outlet
            v *= mult
            if alt is not None:
                alt *= mult
        if _is_year(v):
            continue
        if alt is not None:
            others.append(_fmt(alt))
        out.append((i, _fmt(v), others, ordinal))
    return out


def numbers(toks: Sequence[str], start: int = 0, stop: int | None = None) -> list[str]:
    """Numbers stated in ``toks[start:stop]`` as canonical values: "12 الف" -> "12000",
    "19.457.500" -> "19457500", "الخامسه" -> "5", "التاسعه عشر" -> "19", "الثالث
    والعشرين" -> "23". Years, dates ("15 شوال", "16 الى 30 شوال", "15/10/1436") and
    times ("11:41") are skipped."""
    return [v for _, v, _, _ in _indexed_numbers(toks, start, stop)]


# --- places ------------------------------------------------------------------------------

# Places templated Saudi/Gulf reports differ by: regions, governorates, towns (folded
# spelling). Countries and conflict-zone places come from the project gazetteer's
# hand-made lists (arabic/places/data) when present.
_BUILTIN_PLACES = """
الرياض مكه المنوره جده الطايف الدمام الظهران الاحساء الهفوف القطيف الجبيل القصيم بريده عنيزه
الرس حايل تبوك الجوف سكاكا عرعر جازان جيزان نجران عسير ابها مشيط الباحه ينبع الخرج المجمعه الزلفي
شقراء الدوادمي القريات رفحاء الباطن بيشه القنفذه رابغ الليث العلا ضباء املج شروره صبيا ابوعريش صامطه
بيش محايل النماص بلجرشي المخواه ثادق الدواسر الافلاج عفيف القويعيه سدير البكيريه المذنب الخفجي بقيق
تنوره الدلم تيماء طريف الخرمه تربه رنيه العيص خيبر
اليمن عدن صنعاء تعز مارب الحديده لحج ابين شبوه حضرموت المكلا صعده الضالع ذمار
سوريا دمشق حلب حمص حماه ادلب درعا الرقه الحسكه اللاذقيه طرطوس القنيطره السويداء الغوطه دوما حرستا
داريا الزبداني العراق بغداد الموصل البصره الانبار الرمادي الفلوجه تكريت كركوك اربيل ديالي نينوي
كربلاء النجف سامراء بيجي مصر القاهره الاسكندريه سيناء العريش رفح ليبيا طرابلس بنغازي سرت درنه تونس
الجزاير المغرب الرباط السودان الخرطوم لبنان بيروت صيدا عرسال الاردن عمان فلسطين غزه القدس الضفه
نابلس جنين الكويت قطر الدوحه البحرين المنامه الامارات دبي ابوظبي مسقط تركيا انقره اسطنبول ايران
طهران افغانستان كابول باكستان الصومال مقديشو نيجيريا تشاد النيجر الكاميرون
جامايكا بوليفيا الاكوادور البيرو باراغواي الاوروغواي بنين توغو غانا الغابون مدغشقر ليبيريا سيراليون
غينيا زامبيا زيمبابوي ملاوي موزمبيق ناميبيا رواندا بوروندي سنغافوره بروناي المالديف كرواتيا سلوفينيا
سلوفاكيا التشيك ليتوانيا لاتفيا استونيا مولدوفا بيلاروسيا قيرغيزستان منغوليا
"""
# Saudi governorates and towns -> their region: outlets name one or the other for the
# same story ("أبها" / "عسير"), so a town and its region are not a conflict.
_SAUDI_REGIONS = {
    "الرياض": "الخرج المجمعه الزلفي شقراء الدوادمي عفيف القويعيه الدلم الافلاج الدواسر سدير ثادق",
    "مكه": "جده الطايف القنفذه رابغ الليث الخرمه تربه رنيه",
    "المنوره": "ينبع العلا خيبر العيص",
    "القصيم": "بريده عنيزه الرس البكيريه المذنب",
    "الاحساء": "الهفوف",
    "الدمام": "الظهران القطيف الجبيل الخفجي بقيق تنوره الباطن",
    "عسير": "ابها مشيط بيشه النماص محايل",
    "تبوك": "ضباء املج تيماء",
    "عرعر": "رفحاء طريف",
    "جازان": "جيزان صبيا ابوعريش صامطه بيش",
    "نجران": "شروره",
    "الباحه": "بلجرشي المخواه",
    "الجوف": "سكاكا القريات",
}
_BUILTIN_PAIRS = {("كوت", "ديفوار"): "ساحل_العاج", ("ظهران", "الجنوب"): "ظهران_الجنوب"}
# words that a place list would take for a place but are common words here
_NOT_PLACES = {
    "المدينه", "الخبر", "العين", "الباب", "البيضاء", "عمران", "حجه", "مالي", "صور", "اب", "الوجه",
    "حقل", "راس", "وادي", "الشيخ", "الحدود", "الشرقيه", "الغربيه", "الجنوبيه", "الشماليه", "الوسطي",
    "المملكه", "السعوديه", "الدوله", "الجمهوريه", "التل", "الكرامه", "الامل", "النصر", "الهلال",
    "الاتحاد", "الوحده", "الفتح", "التعاون", "الشباب", "الرايد", "الخليج", "الوطن", "الحياه", "الجزيره",
    "الشرق", "الاوسط", "اليوم", "المدينه", "الرس",
}
_CLITICS = ("و", "ب", "ل", "ف", "وب", "ول", "فب", "فل", "لل")


def _fold(text: str) -> str:
    from dedup.shingles import fold_for_matching, tokens

    return " ".join(tokens(fold_for_matching(text)))


@lru_cache(maxsize=1)
def _place_table() -> tuple[dict[str, str], dict[tuple[str, str], str], frozenset[str]]:
    """Folded place name -> canonical name, for one-word and two-word names (and the
    first words of the two-word names)."""
    one: dict[str, str] = {}
    two: dict[tuple[str, str], str] = {}

    def add(names: Iterable[str], canonical: str) -> None:
        for name in names:
            toks = _fold(name).split()
            if len(toks) == 1 and toks[0] not in _NOT_PLACES:
                one.setdefault(toks[0], canonical)
            elif len(toks) == 2:
                two.setdefault((toks[0], toks[1]), canonical)

    for word in _BUILTIN_PLACES.split():
        add([word], word)
    two.update(_BUILTIN_PAIRS)
    one["سوريه"] = "سوريا"
    for region, towns in _SAUDI_REGIONS.items():
        for town in towns.split():
            one[town] = region
    data = Path(__file__).resolve().parents[1] / "arabic" / "places" / "data"
    # names the gazetteer itself treats as common words / needing context
    not_places = set(_NOT_PLACES)
    for fname in ("stoplist.tsv", "ambiguous.tsv"):
        try:
            for line in (data / fname).read_text(encoding="utf-8").splitlines():
                if line.strip() and not line.startswith("#"):
                    not_places.add(_fold(line.split("\t")[0]))
        except OSError:
            pass
    for fname in ("countries.tsv", "curated.tsv"):
        try:
            lines = (data / fname).read_text(encoding="utf-8").splitlines()
        except OSError:
            continue
        for line in lines:
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 7 or not cols[3]:
                continue  # malformed, or a multi-country region (الشرق الاوسط، اوروبا)
            names = [n for n in (cols[0], *(a for a in cols[1].split("|") if a)) if _fold(n) not in not_places]
            canonical = _fold(cols[0]).replace(" ", "_")
            add(names, canonical)
    # clitic forms: "بالقصيم", "وجازان", "للقصيم" (لل + القصيم)
    for table in (one,):
        for name, canonical in list(table.items()):
            for c in _CLITICS:
                if c == "لل":
                    if name.startswith("ال"):
                        table.setdefault(c + name[2:], canonical)
                        table.setdefault("و" + c + name[2:], canonical)
                else:
                    table.setdefault(c + name, canonical)
    for (first, second), canonical in list(two.items()):
        for c in _CLITICS:
            if c != "لل":
                two.setdefault((c + first, second), canonical)
            elif first.startswith("ال"):
                two.setdefault((c + first[2:], second), canonical)
    return one, two, frozenset(first for first, _ in two)


def _indexed_places(toks: Sequence[str], start: int = 0, stop: int | None = None) -> list[tuple[int, str]]:
    one, two, firsts = _place_table()
    out: list[tuple[int, str]] = []
    n = len(toks)
    stop = n if stop is None else min(stop, n)
    skip = -1
    for i in range(start, stop):
        t = toks[i]
        if t not in one and t not in firsts:
            continue
        if i == skip:
            continue
        if t in firsts and i + 1 < n:
            p = two.get((t, toks[i + 1]))
            if p is not None:
                out.append((i, p))
                skip = i + 1
                continue
        p = one.get(t)
        if p is not None:
            out.append((i, p))
    return out


def places(toks: Sequence[str], start: int = 0, stop: int | None = None) -> list[str]:
    """Place names in ``toks[start:stop]`` (clitics removed, spelling variants merged)."""
    return [p for _, p in _indexed_places(toks, start, stop)]


# outlet / agency words that sit next to a dateline place ("الرياض واس", "عين اليوم الاحساء")
_BYLINE = {
    "واس", "رويترز", "الوييام", "سبق", "اليوم", "عكاظ", "الاناضول", "وكالات", "متابعات", "فرانس",
    "برس", "ا", "ف", "ب", "د", "يو", "بي", "اي", "شينخوا", "الاقتصاديه", "الجزيره", "الحياه", "الوطن",
    "الاوسط", "المدينه", "مكتب", "مراسل", "خاص", "رويترز", "cnn", "afp", "reuters", "spa",
}


def _dateline_positions(toks: Sequence[str], found: list[tuple[int, str]], limit: int = 40) -> set[int]:
    """Positions of places next to a byline word in the first ``limit`` tokens."""
    out: set[int] = set()
    for i, _ in found:
        if i >= limit:
            break
        lo, hi = max(0, i - 2), min(len(toks), i + 3)
        if any(toks[j] in _BYLINE for j in range(lo, hi) if j != i):
            out.add(i)
    return out


# --- the record and the test ------------------------------------------------------------------


def _dedupe(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _variants(value: str) -> list[str]:
    """Spellings under which another article may state the same number: the value, its
    integer part and roundings (454.4 ~ 454, 13.41 ~ 13)."""
    out = [value]
    if "." in value:
        out.append(value.partition(".")[0])
        out.append(_fmt(round(float(value))))
        out.append(_fmt(round(float(value), 1)))
    return out


HEAD_TOKENS = 16  # the headline, roughly (normalized text has no line breaks)

# Reports that come out every day with the same wording: a weather bulletin, prayer
# times, the stock index close, oil / gold prices. Two of them are the same story only
# when published close together (``PERIODIC_GAP``).
_PERIODIC = {
    "weather": ({"الطقس", "طقس", "الارصاد", "للارصاد"},
                {"درجات", "الحراره", "امطار", "الامطار", "الرياح", "غايمه", "السحب", "الغبار", "الاتربه", "رعديه"}),
    "prayer": ({"مواقيت", "اوقات", "موعد"}, {"الصلاه", "الفجر", "المغرب", "الامساك", "الافطار"}),
    "market": ({"موشر", "الموشر", "تاسي"}, {"نقطه", "نقاط", "نقطتين", "الاسهم", "السوق"}),
    "prices": ({"اسعار", "سعر", "برنت", "الذهب", "النفط"}, {"للبرميل", "البرميل", "للاوقيه", "الاوقيه", "للاونصه"}),
}
PERIODIC_GAP = 18 * 3600.0


def _periodic_kind(toks: Sequence[str], lead: int) -> str | None:
    window = set(toks[:lead])
    for kind, (first, second) in _PERIODIC.items():
        if window & first and window & second:
            return kind
    return None


# Visits are reported twice with the same wording: "X arrives in Amman" and, days later,
# "X leaves Amman" (or "concludes his visit"). Folded headline verbs of each kind.
_ARRIVE = {"يصل", "وصل", "وصول", "تصل", "وصلت", "يصلان", "وصلا", "يحط", "حط", "تحط", "وصوله", "ويصل", "ووصل"}
_DEPART = {"يغادر", "غادر", "مغادره", "تغادر", "غادرت", "يغادران", "غادرا", "وغادر", "ويغادر", "مغادرا",
           "يختتم", "اختتم", "يختتمان", "ويختتم", "واختتم"}


# "يغادر الى X" (leaves for X) reports the same end of a trip as "يصل الى X"
_TOWARDS = {"الي", "متوجها", "متجها", "قاصدا", "نحو"}


def _movement(toks: Sequence[str]) -> str:
    """``arrive`` / ``depart`` when the headline states only one of the two, else "".
    A departure *for* a place ("بعثة هجر تغادر الى ازمت") counts as an arrival there:
    outlets report one trip either way."""
    head = toks[:HEAD_TOKENS]
    arrive = depart = False
    for i, t in enumerate(head):
        if t in _ARRIVE:
            arrive = True
        elif t in _DEPART:
            nxt = head[i + 1] if i + 1 < len(head) else ""
            if nxt in _TOWARDS:
                arrive = True
            else:
                depart = True
    if arrive != depart:
        return "arrive" if arrive else "depart"
    return ""


# Full names in official statements: "X بن Y بن Z" (an executed man and his victim, an
# appointee). Two templated statements about different people share every sentence but
# the names. Chains through a royal grandfather (بن عبدالعزيز، بن سعود) name the officials
# quoted, which outlets pick differently for one story: they are not compared.
_BIN = {"بن", "ابن", "بنت"}
_NAME_JOIN = {"عبد", "ابو", "ابي"}
_ROYAL = {"عبدالعزيز", "سعود"}
MAX_NAMES = 24  # name pairs kept per article


def _name_at(toks: Sequence[str], i: int) -> tuple[str, int]:
    t = toks[i]
    if t in _NAME_JOIN and i + 1 < len(toks):
        return t + toks[i + 1], i + 2
    return t, i + 1


def names(toks: Sequence[str]) -> tuple[list[str], list[str]]:
    """``(chains, pairs)``: the first two non-royal full-name chains ("X بن Y بن Z", as
    "X_Y") and every "X بن Y" pair of the text (as "X_Y", at most ``MAX_NAMES``)."""
    pairs: list[str] = []
    chains: list[str] = []
    n = len(toks)
    for i in range(1, n - 1):
        if toks[i] not in _BIN:
            continue
        a = toks[i - 1]
        if i >= 2 and toks[i - 2].removeprefix("و") in _NAME_JOIN:
            a = toks[i - 2].removeprefix("و") + a
        if a[0].isdigit() or a in _BIN:
            continue
        b, j = _name_at(toks, i + 1)
        pair = f"{a}_{b}"
        pairs.append(pair)
        if len(chains) < 2 and j + 1 < n and toks[j] in _BIN and (i < 2 or toks[i - 2] not in _BIN):
            c, _ = _name_at(toks, j + 1)
            if b not in _ROYAL and c not in _ROYAL:
                chains.append(pair)
    return _dedupe(chains), _dedupe(pairs)[:MAX_NAMES]


def specifics(toks: Sequence[str], lead: int = LEAD_TOKENS, cap: int = 64) -> list[str]:
    """Compact, JSON-friendly specifics of a text:
    ``[kind, n_lead_numbers, n_lead_places, n_head_ordinals, *lead_numbers, *lead_places,
    *head_ordinals, *other_values]``.

    Numbers are prefixed ``#``. ``kind`` is a periodic report kind (weather, prayer,
    market, prices) or "", followed by ``|arrive`` or ``|depart`` when the headline
    reports only an arrival or only a departure / end of a visit. ``head_ordinals`` are ordinals in the first ``HEAD_TOKENS``
    tokens ("the sixth relief plane", "the 19th edition"). ``other_values`` are every
    number and place of the text not already listed, with the spellings a rewrite may use
    (a number stated as "12 الف" also counts as "12"), at most ``cap``. Places next to a
    byline word (the dateline) are not lead places. Names (:func:`names`) come first in
    ``other_values``: the full-name chains as ``@X_Y``, every name pair as ``~X_Y``."""
    nums = _indexed_numbers(toks)
    lead_nums = _dedupe(v for i, v, _, _ in nums if i < lead)[:12]
    head_ords = _dedupe(v for i, v, _, o in nums if i < HEAD_TOKENS and o)[:4]
    found = _indexed_places(toks)
    dateline = _dateline_positions(toks, found)
    lead_places = _dedupe(p for i, p in found if i < lead and i not in dateline)[:12]
    if not lead_places:
        # a lead that names no place: the story's first places stand for it
        lead_places = _dedupe(p for i, p in found if i not in dateline)[:3]
    everything: list[str] = []
    for _, v, others, _ in nums:
        everything.extend("#" + x for x in _variants(v))
        everything.extend("#" + x for x in others)
    everything.extend(p for _, p in found)
    head = ["#" + v for v in lead_nums] + lead_places + ["#" + v for v in head_ords]
    seen = set(head)
    chains, pairs = names(toks)
    rest = ["@" + c for c in chains] + ["~" + p for p in pairs if p not in chains]
    rest += [v for v in _dedupe(everything) if v not in seen][:cap]
    kind = _periodic_kind(toks, lead) or ""
    move = _movement(toks)
    if move:
        kind = f"{kind}|{move}"
    return [kind, str(len(lead_nums)), str(len(lead_places)), str(len(head_ords)), *head, *rest]


class _Spec:
    __slots__ = ("kind", "move", "nums", "places", "ords", "all", "chains", "pairs")

    def __init__(self, spec: Sequence[str]) -> None:
        if len(spec) < 4:
            self.kind, self.move, self.nums, self.places, self.ords, self.all = "", "", [], [], [], set()
            self.chains, self.pairs = [], set()
            return
        self.kind, _, self.move = spec[0].partition("|")
        k, m, o = int(spec[1]), int(spec[2]), int(spec[3])
        body = spec[4:]
        self.nums = list(body[:k])
        self.places = list(body[k : k + m])
        self.ords = list(body[k + m : k + m + o])
        self.all = set(body)
        self.chains = [v[1:] for v in body[k + m + o :] if v[:1] == "@"]
        self.pairs = {v[1:] for v in body[k + m + o :] if v[:1] in ("@", "~")}


_LONG_VOWELS = frozenset("اوي")


def _near(a: str, b: str) -> bool:
    """Spelling variants of one name: equal, one edit apart in names of 5+ letters
    ("تايلند" / "تايلاند"), or one long vowel (ا و ي) inserted inside a name of 4+ letters
    ("كابل" / "كابول", "سروج" / "سوروج": transliterations of one place)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if min(la, lb) < 4 or abs(la - lb) > 1:
        return False
    if min(la, lb) == 4:
        if la == lb:
            return False
        short, long_ = (a, b) if la < lb else (b, a)
        return any(long_[i] in _LONG_VOWELS and long_[:i] + long_[i + 1 :] == short for i in range(1, len(long_) - 1))
    if la == lb:
        return sum(x != y for x, y in zip(a, b)) == 1
    if la > lb:
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


def _close(a: str, b: str) -> bool:
    """Two numbers one rewrite may state for the same fact: equal, or both >= 100 and
    within 5% ("400 الف" / "407 الاف", "454" / "454.4" already equal by rounding)."""
    try:
        x, y = float(a), float(b)
    except ValueError:
        return False
    return x == y or (min(x, y) >= 100 and abs(x - y) <= 0.05 * max(x, y))


def _present(v: str, other: set[str]) -> bool:
    if v in other:
        return True
    if v.startswith("#"):
        return any(o.startswith("#") and _close(v[1:], o[1:]) for o in other)
    return any(not o.startswith("#") and _near(v, o) for o in other)


def _absent(values: list[str], other: set[str]) -> list[str]:
    return [v for v in values if not _present(v, other)]


MANY_NUMBERS = 3  # numbers each lead must state that the other article lacks


def conflict(spec_a: Sequence[str], spec_b: Sequence[str], gap_seconds: float = 0.0) -> str | None:
    """Why two articles are different stories despite similar text, or ``None``:

    - ``"periodic"``: both are the same kind of daily report (weather, prayer times,
      index close, prices) published more than ``PERIODIC_GAP`` apart, and their lead
      figures are not all the same;
    - ``"movement"``: one headline reports an arrival, the other a departure (or the end
      of a visit), each without the other: the two ends of one visit;
    - ``"ordinal"``: each headline states an ordinal the other article lacks (the fifth
      vs the sixth relief plane);
    - ``"numbers"``: each lead states at least ``MANY_NUMBERS`` numbers the other article
      lacks, at least half of its lead numbers, and the leads name no common place
      (templated numeric reports; a casualty toll revised between two versions of one
      story is one or two numbers, or several at the same place);
    - ``"places"``: each lead names places, most of them absent from the other article
      (two executions, two congratulation cables, strikes on two towns);
    - ``"names"``: each article gives full names ("X بن Y بن Z") and none of its first two
      appears in the other article (two executions announced with the same wording).
    """
    a, b = _Spec(spec_a), _Spec(spec_b)
    if a.kind and a.kind == b.kind and abs(gap_seconds) > PERIODIC_GAP:
        # a day apart: another day's bulletin, unless both state the same figures (one
        # close reported twice)
        same_figures = a.nums and b.nums and not _absent(a.nums, b.all) and not _absent(b.nums, a.all)
        if not same_figures:
            return "periodic"
    if a.move and b.move and a.move != b.move:
        return "movement"
    if _absent(a.ords, b.all) and _absent(b.ords, a.all):
        return "ordinal"
    xa, xb = _absent(a.nums, b.all), _absent(b.nums, a.all)
    if (len(xa) >= MANY_NUMBERS and len(xb) >= MANY_NUMBERS
            and 2 * len(xa) >= len(a.nums) and 2 * len(xb) >= len(b.nums)
            and not set(a.places) & set(b.places)):
        return "numbers"
    pa, pb = _absent(a.places, b.all), _absent(b.places, a.all)
    if pa and pb and 2 * len(pa) > len(a.places) and 2 * len(pb) > len(b.places):
        return "places"
    if (a.chains and b.chains and not any(_name_in(c, b.pairs) for c in a.chains)
            and not any(_name_in(c, a.pairs) for c in b.chains)):
        return "names"
    return None


def _name_in(name: str, pairs: set[str]) -> bool:
    return name in pairs or any(_near(name, p) for p in pairs)


def explain(spec_a: Sequence[str], spec_b: Sequence[str]) -> dict[str, list[str]]:
    """The lead specifics of each side that the other article lacks (for reports)."""
    a, b = _Spec(spec_a), _Spec(spec_b)
    return {
        "a_only": _absent(a.nums + a.places + a.ords, b.all),
        "b_only": _absent(b.nums + b.places + b.ords, a.all),
    }
