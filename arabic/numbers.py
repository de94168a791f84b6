"""Explicit numbers in Arabic text: digits (Western, Arabic-Indic, Persian) and number words.

Pure Python, no data files. Two entry points:

* :func:`parse_number` -- one number expression ("ثلاثمئة وستة عشر", "1,560", "٣١٦") -> int.
* :func:`find_numbers` -- every explicit number in a text, with spans into the ORIGINAL
  text (matching is done on an alef/hamza/teh-marbuta/ya-folded copy, one char per char).

Vague quantities are not counts: "عشرات", "مئات", "آلاف", "ملايين" on their own give None /
no match ("عشرات القتلى"). Multipliers after a count are fine: "ثلاثة آلاف" = 3000,
"3 آلاف" = 3000, "1.5 مليون" = 1500000. Years and date parts are returned like any other
number; the caller decides (see :mod:`arabic.dates`).

Grammar (enough for news): units 1-10, teens as "<unit> عشر(ة)", tens, hundreds ("مئة",
"مئتين", "ثلاثمئة" or "ثلاث مئة"), scales (ألف/ألفين/آلاف/ألفا, مليون/مليونين/ملايين,
مليار). Additive parts are joined by the clitic "و" and must descend in order
("خمسة وعشرين", "ألف وخمسمئة وستة عشر"), so "ثلاثة وخمسة" stays two numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from arabic.chars import char_pairs, replace_chars

__all__ = ["NumberMatch", "parse_number", "find_numbers", "fold"]

# --------------------------------------------------------------------------- folding
_DIACRITICS = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670", "\u0640"}  # harakat, superscript alef, tatweel
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def fold(word: str) -> str:
    """Fold alef/hamza/ya/teh marbuta variants and drop diacritics and tatweel."""
    return "".join(ch for ch in word if ch not in _DIACRITICS).translate(_FOLD)


# --------------------------------------------------------------------------- lexicon
_UNITS = {
    "واحد": 1, "واحده": 1, "احد": 1, "احدي": 1,
    "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "اثنا": 2, "اثنتا": 2, "اثني": 2, "اثنتي": 2,
    "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6,
    "سبع": 7, "سبعه": 7, "ثمان": 8, "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9,
    "عشر": 10, "عشره": 10,
}
_TENS = {
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40,
    "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
    "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
}
_HUNDRED = {"مئه", "مائه", "ميه", "مايه"}  # "مئة" as a multiplier of a preceding unit or 100 alone
_HUNDREDS = {"مئتان": 200, "مئتين": 200, "مائتان": 200, "مائتين": 200, "مئتا": 200, "مائتا": 200, "مئتي": 200, "مائتي": 200}
for _w, _v in (("ثلاث", 3), ("اربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7), ("ثمان", 8), ("ثماني", 8), ("تسع", 9)):
    for _h in ("مئه", "مائه"):
        _HUNDREDS[_w + _h] = _v * 100
# scales: word -> (value, kind) ; kind "single" (ألف = 1000 alone or x N), "dual" (ألفين = 2000, complete),
# "plural" (آلاف: only as a multiplier after a count)
_SCALES = {
    "الف": (1000, "single"), "الفا": (1000, "single"), "الفان": (1000, "dual"), "الفين": (1000, "dual"), "الفي": (1000, "dual"),
    "الاف": (1000, "plural"), "الوف": (1000, "plural"),
    "مليون": (1_000_000, "single"), "مليونا": (1_000_000, "single"), "مليونان": (1_000_000, "dual"),
    "مليونين": (1_000_000, "dual"), "ملايين": (1_000_000, "plural"),
    "مليار": (1_000_000_000, "single"), "مليارا": (1_000_000_000, "single"), "مليارات": (1_000_000_000, "plural"),
    "مليارين": (1_000_000_000, "dual"), "ملياران": (1_000_000_000, "dual"),
}
_TEEN_TEN = {"عشر", "عشره"}
# standalone words too ambiguous to be a count on their own ("أحد" = one of / Sunday stem, "ست" = lady)
_NOT_ALONE = {"احد", "احدي", "اثنا", "اثنتا", "اثني", "اثنتي", "مئتا", "مائتا", "مئتي", "مائتي"}


def _word_kind(w: str) -> tuple[str, int] | None:
    if w in _UNITS:
        return ("unit", _UNITS[w])
    if w in _TENS:
        return ("ten", _TENS[w])
    if w in _HUNDRED:
        return ("hundred", 100)
    if w in _HUNDREDS:
        return ("hundreds", _HUNDREDS[w])
    if w in _SCALES:
        val, kind = _SCALES[w]
        return ("scale_" + kind, val)
    return None


_CLITICS = ("و", "ب", "ل", "ف")

# --------------------------------------------------------------------------- tokens
_TOKEN_RE = re.compile(
    r"(?P<num>[0-9٠-٩۰-۹]+(?:[,٬][0-9٠-٩۰-۹]{3})*(?:[.٫][0-9٠-٩۰-۹]+)?)"
    r"|(?P<word>[\u0621-\u063A\u0641-\u064A\u0671-\u06D3\u0640\u064B-\u065F\u0670]+)"
)


@dataclass(frozen=True)
class NumberMatch:
    start: int
    end: int
    value: int
    text: str


@dataclass
class _Tok:
    start: int
    end: int
    kind: str  # "digits" | "unit" | "ten" | "hundred" | "hundreds" | "scale_*" | "other"
    value: float
    conj: bool  # the word carried a "و" clitic
    prefix: int  # length of the clitic prefix in the original text
    folded: str


def _classify(m: re.Match) -> _Tok:
    if m.group("num"):
        raw = m.group("num").translate(_DIGITS).replace("٬", "").replace(",", "").replace("٫", ".")
        return _Tok(m.start(), m.end(), "digits", float(raw) if "." in raw else int(raw), False, 0, raw)
    raw = m.group("word")
    w = fold(raw)
    k = _word_kind(w)
    if k:
        return _Tok(m.start(), m.end(), k[0], k[1], False, 0, w)
    # clitic prefixes: و / ب / ل / ف (one or two, e.g. "وب")
    for n in (1, 2):
        if len(w) > n + 2 and all(c in _CLITICS for c in w[:n]):
            k = _word_kind(w[n:])
            if k:
                # prefix length in the original: count letters (not diacritics) up to n
                seen, i = 0, 0
                while i < len(raw) and seen < n:
                    if raw[i] not in _DIACRITICS:
                        seen += 1
                    i += 1
                while i < len(raw) and raw[i] in _DIACRITICS:
                    i += 1
                return _Tok(m.start(), m.end(), k[0], k[1], w[0] == "و", i, w[n:])
    return _Tok(m.start(), m.end(), "other", 0, False, 0, w)


_LEXICON = frozenset(_UNITS) | frozenset(_TENS) | _HUNDRED | frozenset(_HUNDREDS) | frozenset(_SCALES)
_FOLD_TABLE = {ord(c): "ا" for c in "أإآٱ"}
_FOLD_TABLE.update({ord("ى"): "ي", ord("ة"): "ه"})
_HAS_DIAC = re.compile("[\u064B-\u065F\u0670\u0640]")
_FOLD_PAIRS = char_pairs({chr(k): v for k, v in _FOLD_TABLE.items()})  # same as _FOLD_TABLE


def _maybe_number(w: str) -> bool:
    """Cheap filter on a folded word: could it be a number word (with up to two clitics)?"""
    return w in _LEXICON or (w[:1] in "وبلف" and (w[1:] in _LEXICON or w[2:] in _LEXICON))


def _tokens(text: str) -> list[_Tok]:
    """Number-like tokens only; other words are dropped (the gap check in `_parse_run` sees
    them as non-space text between two tokens, which ends a number expression)."""
    if _HAS_DIAC.search(text):
        return [t for t in (_classify(m) for m in _TOKEN_RE.finditer(text)) if t.kind != "other"]
    folded = replace_chars(text, _FOLD_PAIRS)
    out = []
    for m in _TOKEN_RE.finditer(folded):
        if m.group("word") is not None and not _maybe_number(m.group("word")):
            continue
        t = _classify(_TOKEN_RE.match(text, m.start()))
        if t.kind != "other":
            out.append(t)
    return out


def _only_spaces(text: str, a: int, b: int) -> bool:
    gap = text[a:b]
    return len(gap) <= 3 and gap.strip() == ""


def _parse_run(toks: list[_Tok], i: int, text: str) -> tuple[int, int | None]:
    """Parse a number expression starting at toks[i]; return (index after it, value or None)."""
    t = toks[i]
    if t.kind == "other":
        return i + 1, None
    total = 0
    current = 0.0
    last = None  # kind of the last consumed part
    last_scale = None  # value of the most recent scale
    j = i
    if t.kind == "digits":
        current = t.value
        last = "digits"
        j = i + 1
        # digits may be followed by a scale word ("3 آلاف", "1.5 مليون")
        if j < len(toks) and toks[j].kind.startswith("scale") and not toks[j].conj and _only_spaces(text, toks[j - 1].end, toks[j].start):
            total = int(round(current * toks[j].value))
            return j + 1, total
        if isinstance(current, float):
            return j, None  # a decimal without scale is no count
        return j, int(current)
    if t.kind == "scale_plural":
        return i + 1, None  # "آلاف" alone is vague
    while j < len(toks):
        t = toks[j]
        if j > i:
            if not _only_spaces(text, toks[j - 1].end, t.start):
                break
            if t.prefix and not t.conj:
                break  # "بثلاثة" starts a new expression
        if j == i:
            # first token: its clitic (if any) is not part of the span
            if t.kind == "unit":
                current, last = t.value, "unit"
            elif t.kind == "ten":
                current, last = t.value, "ten"
            elif t.kind == "hundred":
                current, last = 100, "hundreds"
            elif t.kind == "hundreds":
                current, last = t.value, "hundreds"
            elif t.kind in ("scale_single", "scale_dual"):
                total, last, last_scale = int(t.value * (2 if t.kind == "scale_dual" else 1)), "scale", t.value
            else:
                return i + 1, None
            j += 1
            continue
        k = t.kind
        if not t.conj:
            if k == "unit" and t.folded in _TEEN_TEN and last == "unit" and 1 <= current % 100 <= 9:
                current += 10
                last = "teen"
            elif k == "hundred" and last == "unit" and 3 <= current <= 10:
                current *= 100
                last = "hundreds"
            elif k == "scale_plural" and last in ("unit", "teen") and 3 <= (current % 100) <= 10:
                total += int(current * t.value)
                current, last, last_scale = 0, "scale", t.value
            elif k == "scale_single" and last in ("unit", "teen", "ten", "hundreds") and current >= 1:
                if last_scale is not None and t.value >= last_scale:
                    break
                total += int(current * t.value)
                current, last, last_scale = 0, "scale", t.value
            else:
                break
        else:
            # additive part joined by "و": must be smaller than what precedes
            if last == "unit" and k == "ten" and current % 100 < 10:
                current += t.value
                last = "ten"
            elif last in ("hundreds",) and k in ("unit", "ten"):
                current += t.value
                last = k
            elif last == "scale" and (last_scale or 0) > 1:
                if k in ("unit", "ten", "hundreds"):
                    current, last = t.value, k
                elif k == "hundred":
                    current, last = 100, "hundreds"
                elif k in ("scale_single", "scale_dual") and t.value < last_scale:
                    total += int(t.value * (2 if k == "scale_dual" else 1))
                    last, last_scale = "scale", t.value
                else:
                    break
            else:
                break
        j += 1
    return j, int(total + current)


def parse_number(tokens_or_text: str) -> int | None:
    """Value of ONE number expression ("ثمانين" -> 80, "ثلاثة الاف" -> 3000, "1,560" -> 1560).

    Returns None for vague plurals ("عشرات", "مئات", "آلاف"), non-numbers, or text that holds
    more than a single number expression.
    """
    text = tokens_or_text.strip()
    toks = [_classify(m) for m in _TOKEN_RE.finditer(text)]
    if not toks or any(t.kind == "other" for t in toks):
        return None
    end, value = _parse_run(toks, 0, text)
    if end != len(toks) or value is None:
        return None
    return value


def find_numbers(text: str) -> list[NumberMatch]:
    """All explicit numbers in `text`; spans index the original text (clitic prefix excluded)."""
    out: list[NumberMatch] = []
    toks = _tokens(text)
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.kind == "other":
            i += 1
            continue
        end, value = _parse_run(toks, i, text)
        if value is not None:
            single = end == i + 1
            if not (single and t.kind == "unit" and t.folded in _NOT_ALONE):
                # decimals / digit groups glued to letters ("F16") are skipped
                s = t.start + t.prefix
                e = toks[end - 1].end
                if not (t.kind == "digits" and s > 0 and text[s - 1].isascii() and text[s - 1].isalpha()):
                    out.append(NumberMatch(s, e, value, text[s:e]))
        i = max(end, i + 1)
    return out
