"""Text preparation, sentence and clause splitting for the extractor.

Everything in the extractor works on two aligned strings of the SAME length:

* ``base``: the article's clean text (orthography kept: hamzas, teh marbuta, Arabic-Indic digits),
  with any remaining diacritics and tatweel removed (:func:`strip_marks`);
* ``folded``: ``fold(base)``, a one-char-for-one-char folding (alef variants -> ا, ى -> ي,
  ة -> ه, ؤ -> و, ئ -> ي, Arabic-Indic digits -> ASCII) used for all pattern matching.

Because folding never changes the length, a span found in ``folded`` is the same span in
``base``, and the text reported to the user is always taken from ``base``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from arabic.chars import char_pairs, replace_chars

__all__ = ["Sentence", "Clause", "strip_marks", "fold", "fold_pattern", "split_sentences", "split_clauses"]

_MARKS_RE = re.compile("[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
_FOLD_MAP = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي", "\u00a0": " "}
_FOLD_MAP.update(zip("٠١٢٣٤٥٦٧٨٩", "0123456789"))
_FOLD_MAP.update(zip("۰۱۲۳۴۵۶۷۸۹", "0123456789"))
_FOLD_PAIRS = char_pairs(_FOLD_MAP)


def strip_marks(text: str) -> str:
    """Remove diacritics (harakat, Quranic marks) and tatweel; letters and digits are kept."""
    return _MARKS_RE.sub("", text)


def fold(text: str) -> str:
    """One-char-for-one-char folding used for matching (len(fold(t)) == len(t))."""
    return replace_chars(text, _FOLD_PAIRS)


def fold_pattern(pattern: str) -> str:
    """Fold the Arabic letters of a regex pattern (metacharacters are ASCII, untouched)."""
    return fold(strip_marks(pattern))


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Clause:
    start: int
    end: int


# A sentence ends at . ! ? ؟ (not a decimal point between digits) or a line break.
_SENT_END_RE = re.compile(r"[.!?؟…]+(?![0-9٠-٩])[\"'»”)\]]*|\n+")
_TRIM = " \t\r\n\"'«»“”-–—:"


def split_sentences(text: str, start: int = 0) -> list[Sentence]:
    """Sentences of ``text[start:]`` with offsets into ``text``; empty pieces are dropped."""
    out: list[Sentence] = []
    pos = start
    for m in _SENT_END_RE.finditer(text, start):
        _add(text, pos, m.end() if m.group().strip() else m.start(), out)
        pos = m.end()
    _add(text, pos, len(text), out)
    return out


def _add(text: str, s: int, e: int, out: list[Sentence]) -> None:
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in " \t\r\n":
        e -= 1
    if e - s >= 3:
        out.append(Sentence(s, e, text[s:e]))


# Clause boundaries inside a sentence (on folded text): commas, semicolons, parentheses and
# connectives that start a new report ("في وقت", "فيما", "بينما", "في حين", "الى ذلك").
_CLAUSE_RE = re.compile(
    r"[،;؛,]|\s(?=(?:[وف]?في وقت|فيما|بينما|في حين|الي ذلك|من جهه اخري|من جانب اخر|كما|[وف]?في سياق اخر|في غضون ذلك|[وف]?في تطور|من ناحيه اخري)(?!\w))"
)


def split_clauses(folded: str, sent: Sentence) -> list[Clause]:
    """Clauses of one sentence, as spans into the article text."""
    out: list[Clause] = []
    pos = sent.start
    for m in _CLAUSE_RE.finditer(folded, sent.start, sent.end):
        if m.start() > pos:
            out.append(Clause(pos, m.start()))
        pos = m.end()
    if sent.end > pos:
        out.append(Clause(pos, sent.end))
    return out or [Clause(sent.start, sent.end)]
