"""Arabic folding used by the evaluators (gold vs predicted strings)."""

from __future__ import annotations

import re

_DIACRITICS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # harakat, tatweel
_ALEF = re.compile(r"[أإآٱ]")
_PUNCT = re.compile(r"[\"'«»“”‘’()\[\]{}.,،؛:;!?؟/\\\-–—_*]+")

# Generic words that precede a place name ("بلدة زملكا") and direction qualifiers
# ("جنوب الغوطة الشرقية", "شمالي سوريا") dropped when comparing place names.
PLACE_GENERIC = (
    "محافظة", "مدينة", "مدينتي", "بلدة", "قرية", "منطقة", "مناطق", "حي", "ولاية", "اقليم", "قطاع",
    "مخيم", "مركز", "وادي", "قاعدة", "العاصمة", "ريف",
)
DIRECTIONS = ("شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "وسط", "شمال شرق",
              "شمال غرب", "جنوب شرق", "جنوب غرب")


def fold(s: str | None) -> str:
    """Dediacritize, drop tatweel, unify alef variants, alef maqsura -> ya, teh marbuta -> heh,
    strip punctuation, collapse spaces. Used for every string comparison."""
    if not s:
        return ""
    s = _DIACRITICS.sub("", s)
    s = _ALEF.sub("ا", s).replace("ى", "ي").replace("ة", "ه")
    s = _PUNCT.sub(" ", s)
    return " ".join(s.split())


_GENERIC_F = {fold(w) for w in PLACE_GENERIC}
_DIR_F = {fold(w) for w in DIRECTIONS}


def place_key(s: str | None) -> str:
    """Comparison key of a place name: folded, leading generic/direction words dropped,
    spaces removed ("كفر الشيخ" == "كفرالشيخ")."""
    words = fold(s).split()
    changed = True
    while changed and len(words) > 1:
        changed = False
        if words[0] in _GENERIC_F or words[0] in _DIR_F:
            words = words[1:]
            changed = True
    return "".join(words)


def strip_al(key: str) -> str:
    """Key without a leading definite article (الرقة ~ رقة); used as a second chance match."""
    return key[2:] if key.startswith("ال") and len(key) > 4 else key
