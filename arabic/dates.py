"""Dates in Arabic news text, resolved against the article's publication time.

Pure Python, one compiled regex per pattern family; ~0.1 ms per 2 KB article.

``find_dates(text, published)`` returns :class:`DateMatch` objects (spans into the original
text, sorted, non-overlapping) of these kinds:

``absolute``
    "18 شباط/فبراير", "18 فبراير 2018", "18 من آذار", "الـ18 من شباط", "2018-02-18",
    "18/2/2018" (day first), "السادس من أغسطس", "الثامن عشر من شباط" (a day ordinal in words
    followed by من and a month; not after a period word: "الأسبوع الأول من أغسطس"). Month names: Gregorian transliterated (يناير ... ديسمبر, incl.
    يونيه/يوليه), Levantine/Iraqi (كانون الثاني ... كانون الأول), Maghrebi (جانفي، فيفري،
    أفريل، ماي، جوان، جويلية، أوت), and pairs "شباط/فبراير", "شباط (فبراير)", "فبراير/شباط".
    A month name counts only with a day number before it (or a year after it, see
    ``month``). Without a year the most recent occurrence on or before the publication date
    is chosen, except that a date at most ``FUTURE_DAYS`` (31) days after publication is
    read as upcoming ("6 أغسطس" in an article of 26 July = 6 August of the same year).
``month``
    "شباط 2018", "شباط الماضي" -> the 1st of that month ("X الماضي": the most recent month
    X on or before the publication month).
``relative``
    "اليوم" (published date), "أمس"/"امس"/"البارحة"/"ليل أمس" (-1), "أول أمس"/"أمس الأول"
    /"اول من امس" (-2), "غدا"/"غداً" (+1). "الأسبوع الماضي", "الشهر الماضي", "العام الماضي",
    "السنة الماضية" -> kind relative with ``date=None`` (too vague to resolve to a day).
``weekday``
    "الخميس", "يوم الخميس", "مساء/صباح/ليل/ليلة/فجر/ظهر/عصر الخميس", "منتصف ليل الخميس
    الجمعة" (a night spanning two days resolves to the FIRST day, the Thursday), "الخميس
    الماضي" (strictly before the publication day: published on a Thursday -> 7 days
    earlier), "الخميس المقبل/القادم" (strictly after). A plain weekday is the most recent
    occurrence on or before the publication date (published on a Thursday -> that day).
``since``
    "منذ" + an absolute date or weekday ("منذ 18 شباط", "منذ الخميس"); ``date`` is the start.
``year``
    a year with context ("منذ 2012", "في عام 2016", "العام 2015", "سنة 2014", "في 2015"):
    ``date=None``; the caller will mostly ignore it. Bare numbers ("1560 مدنيا") are never
    dates.

The publication date is ``published.date()`` in the timezone ``published`` carries (pass
local time if you need local days).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from arabic.prefixes import finditer_at, start_strings, trie_regex

__all__ = ["DateMatch", "find_dates", "resolve_weekday", "MONTHS", "WEEKDAYS"]


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    text: str
    date: _dt.date | None
    kind: str  # "absolute" | "relative" | "weekday" | "since" | "year" | "month"


_DIAC = "[\u064B-\u065F\u0670\u0640]*"


def _pat(word: str) -> str:
    """Regex for a folded word that tolerates alef/hamza, ya/alef-maksura, ha/teh-marbuta variants."""
    out = []
    for i, ch in enumerate(word):
        if ch == "ا":
            out.append("[اأإآٱ]")
        elif ch == "ي":
            out.append("[يىئ]")
        elif ch == "ه" and i == len(word) - 1:
            out.append("[هة]")
        elif ch == " ":
            out.append(r"\s+")
            continue
        else:
            out.append(re.escape(ch))
        out.append(_DIAC)
    return "".join(out)


_FOLD_TABLE = {ord(c): "ا" for c in "أإآٱ"}
_FOLD_TABLE.update({ord("ى"): "ي", ord("ة"): "ه", 0x0670: None, 0x0640: None})
_FOLD_TABLE.update({c: None for c in range(0x064B, 0x0660)})


def _fold(s: str) -> str:
    return s.translate(_FOLD_TABLE)


MONTHS: dict[str, int] = {
    # Gregorian (Egypt, Gulf, wires)
    "يناير": 1, "فبراير": 2, "فبراير": 2, "مارس": 3, "ابريل": 4, "ابريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6,
    "يوليو": 7, "يوليه": 7, "اغسطس": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    "فبرابر": 2, "اغسطس": 8,
    # Levantine / Iraqi (Syriac)
    "كانون الثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7,
    "اب": 8, "ايلول": 9, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
    # Maghrebi (French)
    "جانفي": 1, "فيفري": 2, "افريل": 4, "ماي": 5, "جوان": 6, "جويليه": 7, "اوت": 8,
}
WEEKDAYS: dict[str, int] = {  # Python weekday(): Monday = 0
    "الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5, "الاحد": 6,
}

_MONTH_ALT = "|".join(_pat(m) for m in sorted(MONTHS, key=len, reverse=True))
_MONTH = rf"(?:{_MONTH_ALT})(?![\u0621-\u064A])"
_WD_ALT = "|".join(_pat(w) for w in WEEKDAYS)
_WD = rf"(?:{_WD_ALT})(?![\u0621-\u064A])"
_D = "[0-9٠-٩]"
_NB = r"(?<![\u0621-\u064A0-9٠-٩])"  # not glued to a preceding letter/digit
_PFX = r"(?:[وبلف]|وب|ول|وف)?"  # clitics allowed before a word (not part of the span)

_MONTH_GROUP = rf"(?P<m1>{_MONTH})(?:\s*[/\\(،-]\s*(?P<m2>{_MONTH})(?:\s*\))?)?"
_ABS_RE = re.compile(
    rf"(?P<since>{_pat('منذ')}\s+)?"
    rf"(?:(?P<al>{_pat('ال')}[ـ-]?\s?)?(?<![0-9٠-٩])(?P<day>{_D}{{1,2}})(?!{_D})\s*(?:{_pat('من')}\s+)?(?:{_pat('شهر')}\s+)?)"
    rf"{_MONTH_GROUP}"
    rf"(?:\s*(?:{_pat('من')}\s+|،\s*)?(?:{_pat('عام')}\s+|{_pat('العام')}\s+|{_pat('سنه')}\s+)?(?P<year>(?:19|20){_D}{{2}}|[١٢][٠-٩]{{3}})(?!{_D}))?"
)
# Day ordinals written as words (0.11): "السادس من أغسطس", "في الثامن عشر من شباط/فبراير",
# "الحادي والعشرين من شهر مايو 2015". "من" is required ("الأول" alone is everywhere).
_UNITS = ["الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع"]
DAY_ORDINALS: dict[str, int] = {w: i + 1 for i, w in enumerate(_UNITS)}
DAY_ORDINALS.update({"العاشر": 10, "العشرين": 20, "الثلاثين": 30, "الحادي عشر": 11, "الحادي والعشرين": 21,
                     "الحادي والثلاثين": 31})
DAY_ORDINALS.update({f"{w} عشر": i + 1 + 10 for i, w in enumerate(_UNITS) if i > 0})
DAY_ORDINALS.update({f"{w} والعشرين": i + 1 + 20 for i, w in enumerate(_UNITS) if i > 0})
_ORD_ALT = "|".join(_pat(w) for w in sorted(DAY_ORDINALS, key=len, reverse=True))
# the word before the ordinal: a part of a period ("الأسبوع الأول من أغسطس"), or the first half
# of a month name ("تشرين الثاني"), makes it no day
_ORD_NOT_AFTER = frozenset({"الاسبوع", "الاسابيع", "النصف", "الثلث", "الربع", "العشر", "الشهر", "الفصل",
                            "الموسم", "الدور", "الجزء", "كانون", "تشرين", "المركز", "الطابق", "الصف", "المستوي"})
_ORD_RE = re.compile(
    rf"{_NB}(?P<pfx>{_PFX})(?P<body>(?P<since>{_pat('منذ')}\s+)?(?P<ord>{_ORD_ALT})(?![\u0621-\u064A])\s+{_pat('من')}\s+"
    rf"(?:{_pat('شهر')}\s+)?{_MONTH_GROUP}"
    rf"(?:\s*(?:{_pat('من')}\s+|،\s*)?(?:{_pat('عام')}\s+|{_pat('العام')}\s+|{_pat('سنه')}\s+)?(?P<year>(?:19|20){_D}{{2}}|[١٢][٠-٩]{{3}})(?!{_D}))?)"
)
_PREV_WORD = re.compile(r"([\u0621-\u064A\u064B-\u0652\u0640]+)\s*$")
_MONTH_YEAR_RE = re.compile(
    rf"{_NB}{_PFX}(?P<body>{_MONTH_GROUP}(?:\s+(?:{_pat('عام')}\s+|{_pat('سنه')}\s+)?(?P<year>(?:19|20){_D}{{2}}|[١٢][٠-٩]{{3}})(?!{_D})|\s+(?P<past>{_pat('الماضي')}|{_pat('المنصرم')}|{_pat('الفائت')})(?![\u0621-\u064A])))"
)
_LAST_YEAR_AFTER = re.compile(rf"\s+(?:{_pat('من')}\s+)?(?:{_pat('العام')}|{_pat('السنه')})\s+(?:{_pat('الماضي')}|{_pat('الماضيه')}|{_pat('المنصرم')}|{_pat('السابق')}|{_pat('الفائت')})(?![\u0621-\u064A])")
_ISO_RE = re.compile(rf"(?<!{_D})(?P<y>(?:19|20)\d{{2}})-(?P<mo>\d{{1,2}})-(?P<d>\d{{1,2}})(?!{_D})")
_DMY_RE = re.compile(rf"(?<![{_D[1:-1]}/])(?P<d>{_D}{{1,2}})[/.-](?P<mo>{_D}{{1,2}})[/.-](?P<y>(?:19|20){_D}{{2}}|[١٢][٠-٩]{{3}})(?![{_D[1:-1]}/])")
# Hijri dates as Saudi official statements write them (0.8): "25 / 10 / 1436 هـ", "10-10-1436هـ",
# "1436/10/15 هـ" (year first), "24/1/1434هـ"; a 14xx year is Hijri (with or without "هـ").
_HIJRI_DMY_RE = re.compile(
    rf"(?<![{_D[1:-1]}/])(?:(?P<d>{_D}{{1,2}})\s*[/.-]\s*(?P<mo>{_D}{{1,2}})\s*[/.-]\s*(?P<y>(?:14|١٤){_D}{{2}})"
    rf"|(?P<y2>(?:14|١٤){_D}{{2}})\s*[/.-]\s*(?P<mo2>{_D}{{1,2}})\s*[/.-]\s*(?P<d2>{_D}{{1,2}}))(?![{_D[1:-1]}/])"
    r"(?:\s*(?:هـ|ه)(?![\u0621-\u064A]))?"
)


def hijri_to_gregorian(year: int, month: int, day: int) -> _dt.date | None:
    """Gregorian date of a Hijri date: the tabular (arithmetic) Islamic calendar, one day
    earlier to follow Umm al-Qura as Saudi statements use it (checked on the corpus: "اليوم
    الاثنين 25 / 10 / 1436 هـ" published Monday 2015-08-10, "أمس الأحد 10-10-1436هـ" = 2015-07-26;
    the tabular date is one day later in 1436). Off by a day at worst in other years."""
    if not (1 <= month <= 12 and 1 <= day <= 30 and 1300 <= year <= 1500):
        return None
    jd = day + int(29.5 * (month - 1) + 0.99) + (year - 1) * 354 + (3 + 11 * year) // 30 + 1948438
    return _dt.date.fromordinal(jd - 1721424) - _dt.timedelta(days=1)

_TIME_OF_DAY = ["يوم", "مساء", "صباح", "ليل", "ليله", "فجر", "ظهر", "عصر", "منتصف ليل", "منتصف ليله", "ظهيره", "نهار", "منتصف نهار", "فجر يوم", "صباح يوم", "مساء يوم", "ليل يوم"]
_TOD_ALT = "|".join(_pat(w) for w in sorted(_TIME_OF_DAY, key=len, reverse=True))
_WD_RE = re.compile(
    rf"{_NB}(?P<pfx>{_PFX})(?P<body>(?P<since>{_pat('منذ')}\s+)?(?:(?:{_TOD_ALT})\s+)?(?P<wd1>{_WD})"
    rf"(?:\s*[-/–]?\s*(?P<wd2>{_WD}))?"
    rf"(?:\s+(?P<rel>{_pat('الماضي')}|{_pat('الماضيه')}|{_pat('المنصرم')}|{_pat('الفائت')}|{_pat('المقبل')}|{_pat('القادم')}|{_pat('المقبله')}|{_pat('القادمه')})(?![\u0621-\u064A]))?)"
)
_REL_WORDS = [
    ("اول من امس", -2), ("اول امس", -2), ("امس الاول", -2),
    ("ليل امس", -1), ("ليله امس", -1), ("مساء امس", -1), ("صباح امس", -1), ("ظهر امس", -1), ("فجر امس", -1), ("عصر امس", -1),
    ("امس", -1), ("البارحه", -1), ("الليله الماضيه", -1),
    ("صباح اليوم", 0), ("مساء اليوم", 0), ("ظهر اليوم", 0), ("فجر اليوم", 0), ("عصر اليوم", 0), ("اليوم", 0), ("الليله", 0),
    ("غدا", 1), ("صباح غد", 1), ("مساء غد", 1),
    ("الاسبوع الماضي", None), ("الاسبوع المنصرم", None), ("الشهر الماضي", None), ("الشهر المنصرم", None),
    ("العام الماضي", None), ("السنه الماضيه", None), ("الاسبوع المقبل", None), ("الشهر المقبل", None),
]
_REL_MAP = {w: d for w, d in _REL_WORDS}
_REL_RE = re.compile(
    rf"{_NB}(?P<pfx>{_PFX})(?P<body>" + "|".join(_pat(w) for w, _ in sorted(_REL_WORDS, key=lambda x: -len(x[0]))) + r")(?:[\u064B-\u0652]*)(?![\u0621-\u064A])"
)
_YEAR_RE = re.compile(
    rf"{_NB}(?P<pfx>{_PFX})(?P<body>(?:{_pat('منذ')}\s+(?:{_pat('عام')}\s+|{_pat('العام')}\s+|{_pat('سنه')}\s+)?|{_pat('في')}\s+(?:{_pat('عام')}\s+|{_pat('العام')}\s+|{_pat('سنه')}\s+)?|{_pat('عام')}\s+|{_pat('العام')}\s+|{_pat('سنه')}\s+|{_pat('خلال')}\s+(?:{_pat('عام')}\s+)?)"
    rf"(?P<year>(?:19|20){_D}{{2}}|[١٢][٠-٩]{{3}}))(?!{_D})"
)

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")

# Faster scans for the patterns that start with _NB (month-year, weekday, relative, year), on
# "plain" text: without diacritics/tatweel (_pat's optional marks then match nothing) and
# without alef wasla ٱ (the only letter of _pat outside _NB's class). Candidates are the
# places where the text starts with a literal start of the pattern (a trie regex, which
# ``re`` scans fast). Every match begins with such a string, and these strings are made of
# characters _NB refuses before a match, so no match can start inside a candidate: the
# precondition of arabic.prefixes.finditer_at holds.
_NOT_PLAIN = frozenset(chr(c) for c in range(0x064B, 0x0660)) | {"\u0670", "\u0640", "\u0671"}
_HAS_NOT_PLAIN = re.compile("[" + "".join(sorted(_NOT_PLAIN)) + "]")
_NB_CHAR = re.compile(r"[\u0621-\u064A0-9٠-٩]")


def _candidates(rx: re.Pattern) -> re.Pattern:
    """Candidate starts of ``rx`` (which begins with ``_NB``) in plain text (no ``_NOT_PLAIN``)."""
    if not rx.pattern.startswith(_NB):
        raise ValueError(f"pattern does not start with _NB: {rx.pattern[:40]!r}")
    strings = start_strings(rx.pattern, 4, allowed=_NB_CHAR, absent=_NOT_PLAIN)
    if "" in strings:
        raise ValueError(f"no literal start: {rx.pattern[:40]!r}")
    return re.compile(trie_regex(strings))


# (pattern, candidates) pairs; a dict keyed by pattern would hash the compiled code per lookup
_MONTH_YEAR_SCAN = (_MONTH_YEAR_RE, _candidates(_MONTH_YEAR_RE))
_WD_SCAN = (_WD_RE, _candidates(_WD_RE))
_REL_SCAN = (_REL_RE, _candidates(_REL_RE))
_YEAR_SCAN = (_YEAR_RE, _candidates(_YEAR_RE))


def _finditer(scan: tuple[re.Pattern, re.Pattern], text: str, plain: bool) -> Iterator[re.Match]:
    """``rx.finditer(text)`` for ``scan = (rx, candidates)``; through the candidates when
    ``plain`` (the text has none of ``_NOT_PLAIN``)."""
    rx, candidates = scan
    return finditer_at(rx, candidates, text) if plain else rx.finditer(text)


def _pub_date(published: _dt.datetime | _dt.date) -> _dt.date:
    return published.date() if isinstance(published, _dt.datetime) else published


FUTURE_DAYS = 31  # a year-less date up to this many days after publication is upcoming, not last year's


def _infer_year(month: int, day: int, pub: _dt.date) -> _dt.date | None:
    for year in (pub.year + 1, pub.year, pub.year - 1):
        try:
            d = _dt.date(year, month, day)
        except ValueError:
            continue
        if d <= pub + _dt.timedelta(days=FUTURE_DAYS):
            return d
    return None


def _day_of(year: str | None, month: int, day: int, pub: _dt.date) -> _dt.date | None:
    """The date of ``day`` ``month`` in ``year`` (digits, Western or Arabic-Indic), or without a
    year the occurrence :func:`_infer_year` picks; None for an impossible day (30 February)."""
    if not year:
        return _infer_year(month, day, pub)
    try:
        return _dt.date(int(year.translate(_DIGITS)), month, day)
    except ValueError:
        return None


def _month_num(s: str) -> int | None:
    return MONTHS.get(re.sub(r"\s+", " ", _fold(s)))


def resolve_weekday(name: str, published: _dt.datetime | _dt.date, *, relation: str | None = None) -> _dt.date | None:
    """Most recent date on or before `published` falling on weekday `name` ("الخميس", "خميس").

    relation="past" (الماضي): strictly before; relation="next" (المقبل): strictly after.
    """
    w = _fold(name.strip())
    for p in ("يوم ",):
        if w.startswith(p):
            w = w[len(p):]
    if not w.startswith("ال"):
        w = "ال" + w
    wd = WEEKDAYS.get(w)
    if wd is None:
        return None
    pub = _pub_date(published)
    if relation == "next":
        delta = (wd - pub.weekday()) % 7 or 7
        return pub + _dt.timedelta(days=delta)
    delta = (pub.weekday() - wd) % 7
    if relation == "past" and delta == 0:
        delta = 7
    return pub - _dt.timedelta(days=delta)


def find_dates(text: str, published: _dt.datetime | _dt.date) -> list[DateMatch]:
    pub = _pub_date(published)
    found: list[DateMatch] = []
    plain = _HAS_NOT_PLAIN.search(text) is None

    for m in _ABS_RE.finditer(text):
        if m.start() > 0 and re.match(r"[\u0621-\u064A]", text[m.start() - 1]) and not m.group("al") and not m.group("since"):
            # "ب18 شباط" is fine; a digit run glued to letters is not a date
            pass
        day = int(m.group("day").translate(_DIGITS))
        month = _month_num(m.group("m1"))
        if not month or not 1 <= day <= 31:
            continue
        if _fold(m.group("m1")) == "اب" and not m.group("year") and not m.group("m2"):
            # "اب" alone is ambiguous (father); accept only "18 آب" written with madda
            if m.group("m1")[0] != "آ":
                continue
        d = _day_of(m.group("year"), month, day, pub)
        if not m.group("year"):
            last = _LAST_YEAR_AFTER.match(text, m.end())
            if last and d is not None:  # "17 يوليو العام الماضي" (0.8)
                try:
                    d = _dt.date(pub.year - 1, month, day)
                except ValueError:
                    d = None
                found.append(DateMatch(m.start("since") if m.group("since") else (m.start("al") if m.group("al") else m.start("day")),
                                       last.end(), text[m.start("day"):last.end()], d, "since" if m.group("since") else "absolute"))
                continue
        start = m.start("since") if m.group("since") else (m.start("al") if m.group("al") else m.start("day"))
        kind = "since" if m.group("since") else "absolute"
        found.append(DateMatch(start, m.end(), text[start:m.end()], d, kind))

    if "من" in text:
        for m in _ORD_RE.finditer(text):
            prev = _PREV_WORD.search(text, max(0, m.start() - 20), m.start())
            if prev and _fold(prev.group(1)) in _ORD_NOT_AFTER:
                continue
            day = DAY_ORDINALS.get(re.sub(r"\s+", " ", _fold(m.group("ord"))))
            month = _month_num(m.group("m1"))
            if not day or not month or (_fold(m.group("m1")) == "اب" and m.group("m1")[0] != "آ" and not m.group("m2")):
                continue
            d = _day_of(m.group("year"), month, day, pub)
            found.append(DateMatch(m.start("body"), m.end(), m.group("body"), d,
                                   "since" if m.group("since") else "absolute"))

    for rx in (_ISO_RE, _DMY_RE):
        for m in rx.finditer(text):
            try:
                d = _dt.date(int(m.group("y").translate(_DIGITS)), int(m.group("mo").translate(_DIGITS)), int(m.group("d").translate(_DIGITS)))
            except ValueError:
                continue
            found.append(DateMatch(m.start(), m.end(), m.group(0), d, "absolute"))

    if "14" in text or "١٤" in text:
        for m in _HIJRI_DMY_RE.finditer(text):
            y, mo, dd = (m.group("y"), m.group("mo"), m.group("d")) if m.group("y") else (m.group("y2"), m.group("mo2"), m.group("d2"))
            d = hijri_to_gregorian(int(y.translate(_DIGITS)), int(mo.translate(_DIGITS)), int(dd.translate(_DIGITS)))
            if d is not None:
                found.append(DateMatch(m.start(), m.end(), m.group(0), d, "absolute"))

    for m in _finditer(_MONTH_YEAR_SCAN, text, plain):
        month = _month_num(m.group("m1"))
        if not month or (_fold(m.group("m1")) == "اب" and m.group("m1")[0] != "آ"):
            continue
        if m.group("year"):
            d = _dt.date(int(m.group("year").translate(_DIGITS)), month, 1)
        else:
            d = _dt.date(pub.year if month <= pub.month else pub.year - 1, month, 1)
        found.append(DateMatch(m.start("body"), m.end(), m.group("body"), d, "month"))

    for m in _finditer(_WD_SCAN, text, plain):
        rel = m.group("rel")
        relation = None
        if rel:
            relation = "next" if _fold(rel).startswith(("المقبل", "القادم")) else "past"
        d = resolve_weekday(m.group("wd1"), pub, relation=relation)
        if m.group("wd2") is not None:
            # "ليل الخميس الجمعة": the night starting on the first day; if both days are
            # consecutive keep the first, else only the first weekday is meant
            d1 = WEEKDAYS[_fold(m.group("wd1"))]
            d2 = WEEKDAYS[_fold(m.group("wd2"))]
            if (d1 + 1) % 7 != d2:
                end = m.end("wd1")
                found.append(DateMatch(m.start("body"), end, text[m.start("body"):end], d, "since" if m.group("since") else "weekday"))
                continue
        found.append(DateMatch(m.start("body"), m.end(), m.group("body"), d, "since" if m.group("since") else "weekday"))

    for m in _finditer(_REL_SCAN, text, plain):
        body = m.group("body")
        delta = _REL_MAP.get(re.sub(r"\s+", " ", _fold(body)))
        d = None if delta is None else pub + _dt.timedelta(days=delta)
        found.append(DateMatch(m.start("body"), m.end("body"), body, d, "relative"))

    for m in _finditer(_YEAR_SCAN, text, plain):
        found.append(DateMatch(m.start("body"), m.end(), m.group("body"), None, "year"))

    # keep the longest non-overlapping matches (earlier families win ties)
    rank = {"since": 0, "absolute": 0, "month": 1, "weekday": 2, "relative": 3, "year": 4}
    found.sort(key=lambda x: (-(x.end - x.start), rank.get(x.kind, 9), x.start))
    taken: list[DateMatch] = []
    for dm in found:
        if all(dm.end <= t.start or dm.start >= t.end for t in taken):
            taken.append(dm)
    taken.sort(key=lambda x: x.start)
    return _weekday_after_relative(text, taken)


_REL_WD_GAP = re.compile(r"[\s(«\"]*(?:يوم\s+)?[(«\"]?\s*")


def _weekday_after_relative(text: str, taken: list[DateMatch]) -> list[DateMatch]:
    """"اليوم الاثنين", "فجر اليوم (الاثنين)", "أمس الأحد": the weekday names the day and wins
    over the crawl-relative word (gold/GUIDELINES.md); the two become one weekday match (0.8)."""
    out: list[DateMatch] = []
    i = 0
    while i < len(taken):
        dm = taken[i]
        nxt = taken[i + 1] if i + 1 < len(taken) else None
        if (nxt is not None and dm.kind == "relative" and dm.date is not None and nxt.kind == "weekday"
                and nxt.date is not None and (dm.date - nxt.date).days in range(0, 7)
                and _REL_WD_GAP.fullmatch(text, dm.end, nxt.start)):
            end = nxt.end + (1 if text[nxt.end : nxt.end + 1] == ")" else 0)
            out.append(DateMatch(dm.start, end, text[dm.start:end], nxt.date, "weekday"))
            i += 2
            continue
        out.append(dm)
        i += 1
    return out
