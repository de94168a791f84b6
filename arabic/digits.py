"""Digit folding: Arabic-Indic and Persian (Extended Arabic-Indic) digits to ASCII.

One reason to change: the set of digit and numeric-separator characters folded to ASCII.
"""

from __future__ import annotations

__all__ = ["to_ascii_digits", "DIGIT_TABLE"]

#: ``str.translate`` table: U+0660..U+0669 (Arabic-Indic) and U+06F0..U+06F9
#: (Persian / Extended Arabic-Indic) to ``0``..``9``; U+066B ARABIC DECIMAL SEPARATOR
#: to ``.``; U+066C ARABIC THOUSANDS SEPARATOR to ``,``.
DIGIT_TABLE: dict[int, str] = {
    **{0x0660 + i: str(i) for i in range(10)},
    **{0x06F0 + i: str(i) for i in range(10)},
    0x066B: ".",
    0x066C: ",",
}


def to_ascii_digits(text: str) -> str:
    """Return ``text`` with Arabic-Indic and Persian digits replaced by ASCII ``0``-``9``.

    Also maps the Arabic decimal separator ``٫`` (U+066B) to ``.`` and the Arabic
    thousands separator ``٬`` (U+066C) to ``,``. Every other character, including
    ASCII digits and the Arabic comma ``،`` (U+060C, a punctuation mark, not a
    numeric separator), is left unchanged, so the output has the same length as
    the input.

    Never raises on a ``str``; a non-``str`` argument is converted with ``str()``
    (``None`` gives ``""``).

    >>> to_ascii_digits("قتل ١٧ شخصا و۲۵ آخرون، بنسبة ٢٫٥٪")
    'قتل 17 شخصا و25 آخرون، بنسبة 2.5٪'
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    return text.translate(DIGIT_TABLE)
