"""Literal start strings of a regex, for cheap candidate scans before an expensive regex.

:func:`start_strings` reads a pattern written in a small regex subset (literal characters,
``(?:...)`` / ``(...)`` / ``(?P<name>...)`` groups, ``|``, and the quantifiers ``? * +
{m,n}``, greedy or lazy) and returns strings such that every match of the pattern begins
with one of them. Anything else (escapes, character classes, ``.``, anchors, lookarounds)
is *unknown*: the strings stop before it, which keeps the result correct, only less
selective. :func:`trie_regex` turns such strings into one alternation that ``re`` scans
fast (every branch starts with a literal).
"""

from __future__ import annotations

import re

__all__ = ["start_strings", "trie_regex"]

_SPECIAL = set("\\[().^$|?*+{}")
_QUANT_RE = re.compile(r"[?*+]|\{(\d*)(,?)(\d*)\}")
_WORD_CHAR = re.compile(r"\w")

# A node's starts: set of (text, open). ``open``: the text is everything the node consumed
# on that path, so what follows may extend it; closed: the text stops before something
# unknown (or at the length limit) and must not be extended.
_Starts = frozenset[tuple[str, bool]]
_EMPTY: _Starts = frozenset({("", True)})
_UNKNOWN: _Starts = frozenset({("", False)})


def start_strings(pattern: str, max_len: int = 4, word_only: bool = False) -> set[str]:
    """Strings (at most ``max_len`` characters) one of which begins every match of ``pattern``.

    With ``word_only`` a non-word character (``\\W``, e.g. a space) ends a string like an
    unknown item, so every string lies inside the first word of the match. An empty string
    in the result means "no literal start known": a match may begin anywhere. Raises
    ``ValueError`` on unbalanced parentheses or an unsupported ``(?...)`` group.
    """
    starts, i = _alternation(pattern, 0, max_len, word_only)
    if i != len(pattern):
        raise ValueError(f"unbalanced ')' at {i} in {pattern!r}")
    return {s for s, _ in starts}


def trie_regex(strings: set[str]) -> str:
    """Regex alternation that matches where the text starts with one of ``strings``.

    Built as a trie (``{"ab", "ac", "d"}`` -> ``a(?:b|c)|d``): at a position ``re`` rejects
    the strings of every other first letter with one test each. A string that extends
    another is redundant and dropped (``{"a", "ab"}`` -> ``a``). An empty string in
    ``strings`` gives ``""``, which matches everywhere.
    """
    if "" in strings:
        return ""
    groups: dict[str, set[str]] = {}
    for s in strings:
        groups.setdefault(s[0], set()).add(s[1:])
    alts = []
    for c in sorted(groups):
        rest = trie_regex(groups[c])
        alts.append(re.escape(c) + (f"(?:{rest})" if rest else ""))
    return "|".join(alts)


def _seq(a: _Starts, b: _Starts, max_len: int) -> _Starts:
    """Starts of ``a`` followed by ``b``."""
    out = set()
    for s, open_ in a:
        if not open_:
            out.add((s, False))
            continue
        for t, t_open in b:
            st = s + t
            out.add((st[:max_len], False) if len(st) >= max_len else (st, t_open))
    return frozenset(out)


def _alternation(p: str, i: int, max_len: int, word_only: bool) -> tuple[_Starts, int]:
    """Starts of the alternation at ``p[i:]``, up to an unmatched ``)`` or the end."""
    out: set[tuple[str, bool]] = set()
    while True:
        starts, i = _sequence(p, i, max_len, word_only)
        out |= starts
        if i < len(p) and p[i] == "|":
            i += 1
            continue
        return frozenset(out), i


def _sequence(p: str, i: int, max_len: int, word_only: bool) -> tuple[_Starts, int]:
    """Starts of the concatenation at ``p[i:]``, up to ``|``, an unmatched ``)`` or the end."""
    acc = _EMPTY
    while i < len(p) and p[i] not in "|)":
        item, i = _atom(p, i, max_len, word_only)
        q = _QUANT_RE.match(p, i)
        if q:
            i = q.end()
            if i < len(p) and p[i] in "?+":  # lazy or possessive: same strings
                i += 1
            lo, single = _bounds(q)
            if not single:  # repeated: what follows the first repetition is unknown
                item = frozenset((s, False) for s, _ in item)
            if lo == 0:  # may be absent
                item = item | _EMPTY
        acc = _seq(acc, item, max_len)
    return acc, i


def _bounds(q: re.Match) -> tuple[int, bool]:
    """(minimum repetitions, at most one repetition) of a quantifier match."""
    g = q.group()
    if g in ("?", "*", "+"):
        return (1 if g == "+" else 0), g == "?"
    lo = int(q.group(1) or 0)
    if not q.group(2):  # "{m}"
        return lo, lo <= 1
    hi = q.group(3)  # "{m,n}", or "{m,}" (no upper bound)
    return lo, hi != "" and int(hi) <= 1


def _atom(p: str, i: int, max_len: int, word_only: bool) -> tuple[_Starts, int]:
    """Starts of the single item at ``p[i]`` (a literal, a group or something unknown)."""
    c = p[i]
    if c == "(":
        j = i + 1
        if p.startswith("?:", j):
            j += 2
        elif p.startswith("?P<", j):
            j = p.index(">", j) + 1
        elif p.startswith(("?=", "?!", "?<=", "?<!"), j):  # zero-width: unknown, skipped
            j += 3 if p.startswith("?<", j) else 2
            _, k = _alternation(p, j, max_len, word_only)
            return _UNKNOWN, _close(p, k)
        elif p.startswith("?", j):
            raise ValueError(f"unsupported group at {i} in {p!r}")
        inner, k = _alternation(p, j, max_len, word_only)
        return inner, _close(p, k)
    if c == "[":
        j = i + 1
        if j < len(p) and p[j] == "^":
            j += 1
        if j < len(p) and p[j] == "]":
            j += 1
        while p[j] != "]":
            j += 2 if p[j] == "\\" else 1
        return _UNKNOWN, j + 1
    if c == "\\":
        return _UNKNOWN, i + 2
    if c in _SPECIAL or (word_only and not _WORD_CHAR.match(c)):
        return _UNKNOWN, i + 1
    return frozenset({(c, True)}), i + 1


def _close(p: str, k: int) -> int:
    """Index after the ``)`` expected at ``p[k]``."""
    if k >= len(p) or p[k] != ")":
        raise ValueError(f"missing ')' in {p!r}")
    return k + 1
