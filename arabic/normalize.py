"""The normalization stage: raw article (title, text) in, :class:`NormalizedArticle` out.

Pure functions with no I/O and no Kafka/Faust dependency; used by the streaming
``normalize`` agent and by offline commands. Composition of the single-purpose modules:

- :mod:`arabic.markup`      HTML/RSS markup and entities
- :mod:`arabic.chars`       Unicode form, control chars, tatweel, diacritics, folding
- :mod:`arabic.boilerplate` share bars, read-also, copyright, agency trailers ...
- :mod:`arabic.dateline`    dateline place
- :mod:`arabic.language`    language / Arabic-script ratio
- :mod:`arabic.digits`      Arabic-Indic/Persian digits to ASCII

Contract: every public function accepts any ``str`` (empty, huge, control characters,
lone surrogates) and never raises; a non-``str`` argument is converted with ``str()``
(``None`` is treated as ``""``). Results are deterministic and independent of platform,
locale and Python hash seed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from arabic.boilerplate import remove_boilerplate_lines
from arabic.chars import fold_letters, remove_tatweel, sanitize_unicode, strip_diacritics
from arabic.dateline import find_dateline
from arabic.digits import to_ascii_digits
from arabic.language import detect_language
from arabic.markup import strip_markup

__all__ = [
    "NormalizedArticle",
    "CleanArticle",
    "clean_article",
    "normalize_article",
    "normalize_for_matching",
    "to_ascii_digits",
    "clean_text",
    "clean_title",
]

_SPACES_RE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_WS_RE = re.compile(r"\s+")
# For matching: punctuation/symbols become spaces, except "." "," ":" "/" between two
# digits (48.57, 1,560, 11:59, 1/11/1436); "ر" between digits is the Arabic-typewriter
# decimal point ("2ر27" = 2.27). Two passes, each starting with a character class
# (much faster in ``re`` than one alternation with look-behinds).
_PUNCT_RE = re.compile(r"[^\w\s.,:/]+|_+")
_SEP_NOT_IN_NUMBER_RE = re.compile(r"[.,:/](?:(?<!\d[.,:/])|(?!\d))")
_RA_DECIMAL_RE = re.compile(r"(?<=\d)\u0631(?=\d)")


@dataclass(frozen=True, slots=True)
class NormalizedArticle:
    """One article after the normalization stage.

    Attributes:
        clean_title: title with markup/entities removed, NFKC, control/zero-width/bidi
            characters, tatweel and diacritics removed, whitespace collapsed to single
            spaces on one line; orthography (hamza/alef forms, ta marbuta, alef
            maksura) and digits kept as written.
        clean_text: body cleaned the same way, boilerplate removed; paragraphs are
            stripped, non-empty and separated by exactly one ``"\\n"``; the dateline
            prefix (``"بيروت - ..."``) stays.
        normalized_text: ``normalize_for_matching(clean_title + "\\n" + clean_text)``:
            one line, for matching and dedup.
        dateline: place of the dateline as written in ``clean_text`` (a substring of
            its first line), or ``None``.
        language: ``"ar"``, ``"fa"``, ``"ur"``, ``"en"``, ``"fr"``, ``"other"``, or
            ``"unknown"`` when title and text have no letter.
        arabic_ratio: share of letters (title + text) that are Arabic script, in
            ``[0, 1]``, rounded to 4 decimals.
        content_hash: SHA-256 hex digest of ``normalized_text`` encoded as UTF-8.
        removed_boilerplate: removed lines/fragments (markup elements, share bars,
            trailers ...), in text order, each at most 300 characters, for audit.
    """

    clean_title: str
    clean_text: str
    normalized_text: str
    dateline: str | None
    language: str
    arabic_ratio: float
    content_hash: str
    removed_boilerplate: tuple[str, ...]


def _as_str(value: object) -> str:
    if isinstance(value, str):
        return value
    return "" if value is None else str(value)


def _clean_chars(text: str) -> str:
    """Code-point cleanup shared by title and text (no line/whitespace handling)."""
    return strip_diacritics(remove_tatweel(sanitize_unicode(text)))


def _clean_lines(text: str) -> list[str]:
    """Split into stripped, space-collapsed, non-empty lines."""
    lines = []
    for raw in text.split("\n"):
        line = _SPACES_RE.sub(" ", raw).strip()
        if line:
            lines.append(line)
    return lines


def clean_title(title: str) -> str:
    """Return the cleaned title (see :attr:`NormalizedArticle.clean_title`).

    Markup is stripped and entities decoded (``"&quot;"`` -> ``'"'``); line breaks
    become spaces; no boilerplate rule is applied. Never raises.
    """
    title, _ = strip_markup(_as_str(title))
    return _WS_RE.sub(" ", _clean_chars(title)).strip()


def clean_text(text: str) -> tuple[str, tuple[str, ...]]:
    """Return ``(clean_text, removed_fragments)`` for an article body.

    See :attr:`NormalizedArticle.clean_text` and
    :attr:`NormalizedArticle.removed_boilerplate`. Never raises.
    """
    text, removed_markup = strip_markup(_as_str(text))
    lines = _clean_lines(_clean_chars(text))
    kept, removed = remove_boilerplate_lines(lines)
    return "\n".join(kept), removed_markup + removed


def _fold_for_matching(text: str) -> str:
    """Matching fold of text that is already character-clean (no sanitizing)."""
    text = fold_letters(text)
    if "\u0631" in text:
        text = _RA_DECIMAL_RE.sub(".", text)
    text = _PUNCT_RE.sub(" ", text)
    text = _SEP_NOT_IN_NUMBER_RE.sub(" ", text)
    return _WS_RE.sub(" ", text).strip()


def normalize_for_matching(text: str) -> str:
    """Fold ``text`` into the canonical form used for matching and dedup.

    Steps: NFKC; control/zero-width/bidi characters, tatweel and diacritics removed
    (markup and entities are *not* touched: pass clean text, e.g. from
    :func:`normalize_article`); alef forms
    ``أ إ آ ٱ`` -> ``ا``, ``ى`` -> ``ي``, ``ة`` -> ``ه``, Persian ``ی ک`` -> ``ي ك``;
    Arabic-Indic/Persian digits -> ASCII (``٫`` -> ``.``, ``٬`` -> ``,``); Latin
    lowercased; punctuation and symbols -> spaces, except ``. , : /`` between digits and
    the typewriter decimal ``ر`` between digits (-> ``.``); all whitespace, line breaks
    included, collapsed to single spaces; stripped.

    Idempotent (``f(f(x)) == f(x)``); a word-aligned excerpt of a text folds to a
    substring of the folded text. Never raises.

    >>> normalize_for_matching("قُتِلَ ٣٨ مدنيّاً في الغوطة الشرقيـــة!")
    'قتل 38 مدنيا في الغوطه الشرقيه'
    """
    return _fold_for_matching(_clean_chars(_as_str(text)))


@dataclass(frozen=True, slots=True)
class CleanArticle:
    """The fields of :class:`NormalizedArticle` that need no matching fold or hash.

    ``clean_title``, ``clean_text``, ``dateline``, ``language``, ``arabic_ratio`` and
    ``removed_boilerplate`` are exactly those of ``normalize_article(title, text)``;
    ``joined`` is ``clean_title + "\\n" + clean_text`` (or the non-empty one of them).
    """

    clean_title: str
    clean_text: str
    joined: str
    dateline: str | None
    language: str
    arabic_ratio: float
    removed_boilerplate: tuple[str, ...]


def clean_article(title: str, text: str) -> CleanArticle:
    """Clean one article without the matching fold and hash of :func:`normalize_article`.

    For callers that only need the cleaned text, dateline and language (the event
    extractor); same inputs and guarantees as :func:`normalize_article`. Never raises.
    """
    title_c = clean_title(title)
    text_c, removed = clean_text(text)
    joined = title_c + "\n" + text_c if title_c and text_c else title_c or text_c
    language, ratio = detect_language(joined)
    return CleanArticle(
        clean_title=title_c,
        clean_text=text_c,
        joined=joined,
        dateline=find_dateline(text_c),
        language=language,
        arabic_ratio=round(ratio, 4),
        removed_boilerplate=removed,
    )


def normalize_article(title: str, text: str) -> NormalizedArticle:
    """Normalize one article; see :class:`NormalizedArticle` for each field.

    ``title`` and ``text`` may be empty, contain HTML (from RSS), control characters or
    lone surrogates; nothing raises. An article with no letters gets
    ``language="unknown"`` and ``arabic_ratio=0.0``; the hash of an empty article is
    the SHA-256 of the empty string.
    """
    c = clean_article(title, text)
    normalized = normalize_for_matching(c.joined)
    return NormalizedArticle(
        clean_title=c.clean_title,
        clean_text=c.clean_text,
        normalized_text=normalized,
        dateline=c.dateline,
        language=c.language,
        arabic_ratio=c.arabic_ratio,
        content_hash=hashlib.sha256(normalized.encode("utf-8")).hexdigest(),
        removed_boilerplate=c.removed_boilerplate,
    )
