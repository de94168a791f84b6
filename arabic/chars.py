"""Character-level cleanup of Arabic text: Unicode form, control characters, tatweel,
diacritics and letter folding.

One reason to change: which code points are normalised, removed or folded. Functions
here work on single characters and never look at words, lines or article structure.
Every function accepts any ``str`` (including lone surrogates and control characters)
and never raises.
"""

from __future__ import annotations

import re
import unicodedata

from camel_tools.utils.charsets import AR_DIAC_CHARSET
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
    normalize_unicode,
)

from arabic.digits import DIGIT_TABLE

__all__ = [
    "TATWEEL",
    "ARABIC_LETTER_CLASS",
    "sanitize_unicode",
    "remove_tatweel",
    "strip_diacritics",
    "fold_letters",
    "fold_word",
    "char_pairs",
    "replace_chars",
]

TATWEEL = "\u0640"

#: Regex character class of Arabic-script *letters* (not digits, marks, tatweel or
#: punctuation), after NFKC (presentation forms are already mapped to base letters).
ARABIC_LETTER_CLASS = (
    "[\u0620-\u063f\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef"
    "\u06fa-\u06fc\u06ff\u0750-\u077f\u08a0-\u08c9]"
)

_SURROGATE_RE = re.compile("[\ud800-\udfff]")
# Line breaks of all kinds -> "\n" (CRLF first so it gives a single break).
_NEWLINE_RE = re.compile("\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# Tabs and other horizontal whitespace NFKC leaves alone -> one space.
_HSPACE_RE = re.compile("[\t\u1680\u180e]")
# C0/C1 controls (except \t \n handled above) and format characters (Cf): zero-width
# space/joiners, bidi marks, embeddings, overrides and isolates, soft hyphen, BOM,
# Arabic number signs, interlinear annotation, tag characters.
_CONTROL_RE = re.compile(
    "[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f"
    "\u08e2\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f]"
)

# A run of tatweel standing alone between spaces (or at a line edge) is typographic
# dash use ("خادم الحرمين الشريفين ـ حفظه الله ـ", "سبق ـ القاهرة"): it becomes "-".
_TATWEEL_DASH_RE = re.compile("(?:(?<=\\s)|^)\u0640+(?=\\s|$)", re.MULTILINE)
_TATWEEL_RE = re.compile("\u0640+")

# Diacritics removed from clean text: camel-tools' Arabic diacritic set (fathatan ..
# sukun, dagger alef) plus Quranic annotation signs and extended-Arabic marks.
_DIAC_CHARS = "".join(sorted(AR_DIAC_CHARSET))
_DIAC_RE = re.compile(
    "[" + re.escape(_DIAC_CHARS) + "\u0610-\u061a\u06d6-\u06dc\u06df-\u06e4\u06e7"
    "\u06e8\u06ea-\u06ed\u08d3-\u08e1\u08e3-\u08ff]+"
)
# For matching only: stray combining maddah/hamza and other marks (U+0653..U+065F)
# that NFKC could not compose into a letter.
_MATCH_MARKS_RE = re.compile("[\u0653-\u065f]+")

# Extra letter folding for matching, beyond camel-tools' alef / alef maksura / teh
# marbuta: Persian yeh and keheh typed on Persian keyboards in Arabic text, plus
# digit folding (Arabic-Indic, Persian, Arabic decimal/thousands separators).
_MATCH_TABLE: dict[int, str] = {
    0x06CC: "\u064a",  # ی FARSI YEH -> ي
    0x06A9: "\u0643",  # ک KEHEH -> ك
    **DIGIT_TABLE,
}


# The same folding as fold_letters() as one translate table, for short strings (tokens,
# gazetteer keys) where four camel-tools calls per word would dominate the cost.
_WORD_TABLE: dict[int, str] = {
    **_MATCH_TABLE,
    0x0623: "\u0627",  # أ
    0x0625: "\u0627",  # إ
    0x0622: "\u0627",  # آ
    0x0671: "\u0627",  # ٱ
    0x0649: "\u064a",  # ى -> ي
    0x0629: "\u0647",  # ة -> ه
    **{cp: None for cp in range(0x0653, 0x0660)},
}


def sanitize_unicode(text: str) -> str:
    """Make ``text`` safe and canonical at the code-point level.

    Steps: coerce non-``str`` (``None`` -> ``""``); drop lone surrogates; NFKC via
    camel-tools ``normalize_unicode`` (presentation forms to base letters, NBSP to
    space, ``ﷺ``/``ﷲ`` expanded, full-width Latin/digits to ASCII); all line-break
    characters to ``"\\n"``; tabs to spaces; C0/C1 control and Unicode format (Cf)
    characters removed (zero-width space/joiners, bidi marks and embeddings, BOM, soft
    hyphen). Tatweel and diacritics are kept (see :func:`remove_tatweel`,
    :func:`strip_diacritics`). Whitespace is not collapsed. Never raises.
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if not text:
        return ""
    if _SURROGATE_RE.search(text):
        text = _SURROGATE_RE.sub("", text)
    if "\ufdfc" in text or "\ufdfd" in text:
        text = normalize_unicode(text)  # camel-tools: expands ﷼ / ﷽, then NFKC
    elif not unicodedata.is_normalized("NFKC", text):
        # same result as normalize_unicode() without its per-character Python mapper
        text = unicodedata.normalize("NFKC", text)
    text = _NEWLINE_RE.sub("\n", text)
    text = _HSPACE_RE.sub(" ", text)
    return _CONTROL_RE.sub("", text)


def remove_tatweel(text: str) -> str:
    """Remove tatweel (kashida, U+0640) from ``text``.

    A run of tatweel used as a dash (standing between spaces or at a line edge, as in
    ``"خادم الحرمين ـ حفظه الله ـ"`` or ``"سبق ـ القاهرة:"``) becomes ``"-"``; every
    other tatweel is deleted (``"أبهــا"`` -> ``"أبها"``, ``"1436هـ"`` -> ``"1436ه"``,
    ``"بـ«داعش»"`` -> ``"ب«داعش»"``). Never raises.
    """
    if TATWEEL not in text:
        return text
    text = _TATWEEL_DASH_RE.sub("-", text)
    return _TATWEEL_RE.sub("", text)


def strip_diacritics(text: str) -> str:
    """Remove Arabic diacritics (harakat, tanween, shadda, sukun, dagger alef) and
    Quranic annotation marks; letters, hamza forms and digits are kept. Never raises.
    """
    return _DIAC_RE.sub("", text)


def fold_letters(text: str) -> str:
    """Fold letter variants for matching (input should be diacritic-free).

    Alef forms ``أ إ آ ٱ`` -> ``ا``, alef maksura ``ى`` -> ``ي``, teh marbuta ``ة`` ->
    ``ه`` (camel-tools functions); Persian ``ی``/``ک`` -> ``ي``/``ك``; Arabic-Indic and
    Persian digits -> ASCII; leftover combining marks removed; Latin lowercased. Hamza
    on waw/yeh (``ؤ ئ``) and ``ء`` are kept. Never raises.
    """
    text = _MATCH_MARKS_RE.sub("", text)
    text = normalize_alef_ar(text)
    text = normalize_alef_maksura_ar(text)
    text = normalize_teh_marbuta_ar(text)
    return text.translate(_MATCH_TABLE).lower()


def fold_word(word: str) -> str:
    """:func:`fold_letters` for short strings: identical output, one ``translate`` call.

    Intended for tokens and list keys; never raises.
    """
    return word.translate(_WORD_TABLE).lower()


def char_pairs(table: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """``table`` (one character -> one character) as pairs for :func:`replace_chars`.

    Raises ``ValueError`` when a key or value is not a single character or a value is
    also a key (the pairs would then chain, unlike ``str.translate``).
    """
    for a, b in table.items():
        if len(a) != 1 or len(b) != 1:
            raise ValueError(f"not a one-character mapping: {a!r} -> {b!r}")
        if b in table:
            raise ValueError(f"chained mapping: {a!r} -> {b!r} -> {table[b]!r}")
    return tuple(table.items())


def replace_chars(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    """``text`` with every character ``a`` replaced by ``b`` for each ``(a, b)`` in ``pairs``.

    ``pairs`` comes from :func:`char_pairs`, so the result equals
    ``text.translate(str.maketrans(dict(pairs)))``. For Arabic text this is several times
    faster than ``str.translate``, which looks every non-ASCII character up in a dict,
    while ``str.replace`` scans for one character in C.
    """
    for a, b in pairs:
        text = text.replace(a, b)
    return text
