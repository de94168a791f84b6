"""Script-based language identification: is this article Arabic?

One reason to change: the rule that decides an article's language from its letters.
No model: letter counts by script, a letter-inventory test for Persian/Urdu written in
Arabic script, and a handful of function words for English/French in Latin script.
"""

from __future__ import annotations

import re

from arabic.chars import ARABIC_LETTER_CLASS

__all__ = ["detect_language", "arabic_ratio", "ARABIC_THRESHOLD"]

#: Minimum share of Arabic-script letters for ``"ar"``.
ARABIC_THRESHOLD = 0.5

# Runs, not single characters: summing run lengths is ~6x faster than one match per letter.
_LETTER_RE = re.compile(r"[^\W\d_]+")
_ARABIC_RE = re.compile(ARABIC_LETTER_CLASS + "+")
_LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]+")
# Letters Arabic does not use but Persian/Urdu do, vs letters Persian/Urdu do not use.
_PERSIAN_RE = re.compile("[\u067e\u0686\u0698\u06af\u06a9\u06cc]")  # پ چ ژ گ ک ی
_URDU_RE = re.compile("[\u0679\u0688\u0691\u06ba\u06be\u06c1\u06d2]")  # ٹ ڈ ڑ ں ھ ہ ے
_ARABIC_ONLY_RE = re.compile("[\u0629\u0643\u064a\u0649]")  # ة ك ي ى
_WORD_RE = re.compile(r"[a-z\u00e0-\u00ff']+")
_EN_WORDS = frozenset(
    "the of and to in is was for that on with by as at from are were has have it this "
    "said an be will not but".split()
)
_FR_WORDS = frozenset("le la les des et du un une est dans pour que sur au aux avec par".split())


def arabic_ratio(text: str) -> float:
    """Share of letters in ``text`` that are Arabic-script letters, in ``[0.0, 1.0]``.

    Letters are Unicode alphabetic characters (digits, punctuation, marks and tatweel
    do not count). ``0.0`` when ``text`` has no letter. Never raises.
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    return _counts(text)[2]


def _counts(text: str) -> tuple[int, int, float]:
    """(letters, Arabic-script letters, ratio)."""
    letters = sum(map(len, _LETTER_RE.findall(text)))
    if not letters:
        return 0, 0, 0.0
    n_arabic = sum(map(len, _ARABIC_RE.findall(text)))
    return letters, n_arabic, min(1.0, n_arabic / letters)


def detect_language(text: str) -> tuple[str, float]:
    """Guess the language of ``text``; return ``(language, arabic_ratio)``.

    ``language`` is one of:

    - ``"unknown"``: no letter at all (empty, whitespace, digits/punctuation only);
    - ``"ar"``: at least :data:`ARABIC_THRESHOLD` of the letters are Arabic script and
      the letter inventory is Arabic;
    - ``"fa"`` / ``"ur"``: mostly Arabic script, with at least 3 Persian/Urdu-only
      letters (``پ چ ژ گ ک ی`` / ``ٹ ڈ ڑ ں ے ...``) and more than twice as many as
      Arabic-only ones (``ة ك ي ى``);
    - ``"en"`` / ``"fr"``: mostly Latin script and English/French function words
      dominate;
    - ``"other"``: anything else (Latin without a clear guess, Cyrillic, CJK ...).

    Never raises.
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    letters, n_arabic, ratio = _counts(text)
    if not letters:
        return "unknown", 0.0
    if ratio >= ARABIC_THRESHOLD:
        if not _PERSIAN_RE.search(text) and not _URDU_RE.search(text):
            return "ar", ratio
        arabic_only = len(_ARABIC_ONLY_RE.findall(text))
        n_urdu = len(_URDU_RE.findall(text))
        n_persian = len(_PERSIAN_RE.findall(text))
        # Persian/Urdu never use ي ة ك ى; Arabic text typed on a Persian keyboard has a
        # few ی/ک among many ي/ة, so the other inventory must clearly dominate.
        if n_urdu >= 3 and n_urdu > 2 * arabic_only and n_urdu >= 0.01 * n_arabic:
            return "ur", ratio
        if n_persian >= 3 and n_persian > 2 * arabic_only and n_persian >= 0.01 * n_arabic:
            return "fa", ratio
        return "ar", ratio
    if sum(map(len, _LATIN_RE.findall(text))) >= 0.5 * letters:
        words = _WORD_RE.findall(text.lower())
        if words:
            en = sum(1 for w in words if w in _EN_WORDS)
            fr = sum(1 for w in words if w in _FR_WORDS)
            if en >= 2 and en > fr and en >= 0.05 * len(words):
                return "en", ratio
            if fr >= 2 and fr > en and fr >= 0.05 * len(words):
                return "fr", ratio
    return "other", ratio
