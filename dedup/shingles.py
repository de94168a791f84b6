"""Text folding, tokens and hashed word shingles for near-duplicate detection.

Pure functions, no I/O. Everything that is hashed here is hashed by rensa's
``RMinHash.hash_token_sets`` (a fixed, seedless 64-bit hash implemented in Rust), so
values are identical across processes and machines and can live in a persisted state
(unlike Python's ``hash()``, which is salted per process).

Matching text is ``title + "\\n" + text`` folded by :func:`fold_for_matching`. When the
project's ``arabic.normalize.normalize_for_matching`` exists it is used instead of the
local fold (both fold alef / alef maksura / teh marbuta, drop diacritics and tatweel and
map Arabic-Indic digits to ASCII).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
)
from rensa import RMinHash

__all__ = [
    "fold_for_matching",
    "matching_text",
    "tokens",
    "word_shingles",
    "hash_shingles",
    "hash_token_sets",
    "sample_hashes",
    "numbers_in",
    "SAMPLE_MOD",
]

# --- folding -----------------------------------------------------------------------------

_DIGITS = {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")}
_DIGITS.update({ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")})
_TRANSLATE = dict(_DIGITS)
_TRANSLATE.update(
    {
        0x0640: None,  # tatweel
        0x0624: "و",  # waw with hamza above
        0x0626: "ي",  # yeh with hamza above
        0x06CC: "ي",  # farsi yeh
        0x06A9: "ك",  # keheh
        0x066B: ".",  # arabic decimal separator
        0x066C: ",",  # arabic thousands separator
        0x060C: ",",  # arabic comma
        0x200C: None,  # zero-width non-joiner
        0x200D: None,
        0x200F: None,  # rtl mark
        0x200E: None,
        0xFEFF: None,
    }
)


def _local_fold(text: str) -> str:
    text = dediac_ar(text)
    text = normalize_alef_ar(text)
    text = normalize_alef_maksura_ar(text)
    text = normalize_teh_marbuta_ar(text)
    return text.translate(_TRANSLATE).lower()


try:  # the project's shared normalization, once it exists
    from arabic.normalize import normalize_for_matching as _shared_fold  # type: ignore[import-not-found]
except Exception:  # pragma: no cover - depends on another module's presence
    _shared_fold = None


def fold_for_matching(text: str) -> str:
    """Fold Arabic text for matching: no diacritics/tatweel, one alef, ya, ha; ASCII digits."""
    if _shared_fold is not None:
        # the shared fold may keep hamza seats or Persian letters; the local table is idempotent
        return _shared_fold(text).translate(_TRANSLATE).lower()
    return _local_fold(text)


def matching_text(title: str | None, text: str | None) -> str:
    """The text a dedup input is built from: folded ``title + "\\n" + text``."""
    return fold_for_matching(f"{title or ''}\n{text or ''}")


# --- tokens and shingles --------------------------------------------------------------------

# words: runs of letters; numbers keep inner separators ("11.8", "1,500" -> "1500", "11:41",
# "15/10/1436": times and dates stay one token)
_TOKEN_RE = re.compile(r"\d+(?:[.,:/]\d+)*|[^\W\d_]+", re.UNICODE)
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")


_THOUSANDS_COMMA = re.compile(r"\d{1,3}(?:,\d{3})+")


def _number_token(t: str) -> str:
    if "," not in t:
        return t
    if _THOUSANDS_COMMA.fullmatch(t):
        return t.replace(",", "")  # 1,560 -> 1560
    return t.replace(",", ".")  # 9,8 -> 9.8 (a decimal comma)


def tokens(folded: str) -> list[str]:
    """Word tokens of folded text (a number is one token: "1,560" -> "1560", "9,8" ->
    "9.8", "11:41" and "15/10/1436" kept whole; letters and digits split apart)."""
    out: list[str] = []
    append = out.append
    findall = _TOKEN_RE.findall
    for word in folded.split():
        if word.isalpha():  # the common case, no regex
            append(word)
            continue
        for t in findall(word):
            append(_number_token(t) if t[0].isdigit() else t)
    return out


def numbers_in(folded: str) -> set[str]:
    """The distinct numbers written in folded text (ASCII digits, no thousands commas)."""
    return {n.replace(",", "") for n in _NUMBER_RE.findall(folded)}


def word_shingles(toks: Sequence[str], n: int = 3) -> list[str]:
    """Word n-grams (as space-joined strings); a text shorter than n gives one shingle."""
    if len(toks) < n:
        return [" ".join(toks)] if toks else []
    return list(map(" ".join, zip(*(toks[i:] for i in range(n)))))


def hash_token_sets(token_lists: Sequence[Sequence[str]]) -> list[list[int]]:
    """64-bit hashes (rensa's stable token hash) of several token lists in one call;
    duplicates kept (callers build sets)."""
    return RMinHash.hash_token_sets([list(t) for t in token_lists])


def hash_shingles(shingles: Iterable[str]) -> list[int]:
    """Distinct 64-bit hashes of shingles (rensa's stable token hash), unordered."""
    return list(set(RMinHash.hash_token_sets([list(shingles)])[0]))


SAMPLE_MOD = 8  # keep a shingle hash when hash % SAMPLE_MOD == 0 (content-defined sample)


def sample_hashes(hashes: Iterable[int], mod: int = SAMPLE_MOD, cap: int | None = None) -> list[int]:
    """A content-defined sample of shingle hashes: the same shingle is kept in every text.

    Because the choice depends only on the hash value, the sample of a text contained in
    another is contained in the other's sample, so overlap of samples estimates overlap
    of the full shingle sets (containment), unlike a bottom-k sample. ``cap`` keeps the
    smallest ``cap`` sampled values (sorted ascending) to bound the record size.
    """
    kept = sorted(h for h in hashes if h % mod == 0)
    return kept[:cap] if cap is not None else kept
