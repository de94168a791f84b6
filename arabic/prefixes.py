"""Literal start strings of a regex, for cheap candidate scans before an expensive regex.

:func:`start_strings` reads a pattern written in a small regex subset (literal characters,
character classes of literals and ranges, ``(?:...)`` / ``(...)`` / ``(?P<name>...)``
groups, ``|``, the quantifiers ``? * + {m,n}`` greedy or lazy, and lookarounds) and returns
strings such that every match of the pattern begins with one of them. Lookarounds consume
nothing and are skipped; anything else (escapes such as ``\\s``, negated classes, ``.``,
anchors) is *unknown*: the strings stop before it, which keeps the result correct, only
less selective. :func:`trie_regex` turns such strings into one alternation that ``re``
scans fast (every branch starts with a literal), and :func:`finditer_at` runs the
expensive regex only where that cheap one matched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["start_strings", "trie_regex", "finditer_at"]

_SPECIAL = set("\\[().^$|?*+{}")
_QUANT_RE = re.compile(r"[?*+]|\{(\d*)(,?)(\d*)\}")
_MAX_CLASS = 64  # larger character classes are treated as unknown

# A node's starts: set of (text, open). ``open``: the text is everything the node consumed
# on that path, so what follows may extend it; closed: the text stops before something
# unknown (or at the length limit) and must not be extended. An empty set: the node
# cannot match at all (all its characters are absent from the text).
_Starts = frozenset[tuple[str, bool]]
_EMPTY: _Starts = frozenset({("", True)})
_UNKNOWN: _Starts = frozenset({("", False)})


class _Opts:
    """Analysis options shared by the recursive parser (see :func:`start_strings`)."""

    def __init__(self, max_len: int, allowed: re.Pattern | None, absent: frozenset[str]) -> None:
        self.max_len, self.allowed, self.absent = max_len, allowed, absent


def start_strings(
    pattern: str,
    max_len: int = 4,
    allowed: re.Pattern | None = None,
    absent: frozenset[str] = frozenset(),
) -> set[str]:
    """Strings (at most ``max_len`` characters) one of which begins every match of ``pattern``.

    ``allowed``: a regex for one character; a character it does not match ends a string like
    an unknown item (``re.compile(r"\\w")`` keeps every string inside the first word).
    ``absent``: characters that do not occur in the texts to be searched; paths of the
    pattern through them are ignored. An empty string in the result means "no literal start
    known": a match may begin anywhere. Raises ``ValueError`` on unbalanced parentheses or
    an unsupported ``(?...)`` group.
    """
    opts = _Opts(max_len, allowed, absent)
    starts, i = _alternation(pattern, 0, opts)
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


def finditer_at(rx: re.Pattern, candidates: re.Pattern, text: str) -> Iterator[re.Match]:
    """The matches of ``rx.finditer(text)`` (leftmost, non-overlapping), trying ``rx`` only
    at the starts of ``candidates.finditer(text)``.

    Precondition (the caller's proof): ``rx`` never matches the empty string, every match
    of ``rx`` starts where ``candidates`` matches, and no match of ``candidates`` contains a
    position where ``rx`` could start (other than its own start), so scanning the candidates
    left to right visits every start of a match of ``rx``.
    """
    end = 0
    for cand in candidates.finditer(text):
        pos = cand.start()
        if pos < end:
            continue
        m = rx.match(text, pos)
        if m is not None:
            end = m.end()
            yield m


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


def _alternation(p: str, i: int, opts: _Opts) -> tuple[_Starts, int]:
    """Starts of the alternation at ``p[i:]``, up to an unmatched ``)`` or the end."""
    out: set[tuple[str, bool]] = set()
    while True:
        starts, i = _sequence(p, i, opts)
        out |= starts
        if i < len(p) and p[i] == "|":
            i += 1
            continue
        return frozenset(out), i


def _sequence(p: str, i: int, opts: _Opts) -> tuple[_Starts, int]:
    """Starts of the concatenation at ``p[i:]``, up to ``|``, an unmatched ``)`` or the end."""
    acc = _EMPTY
    while i < len(p) and p[i] not in "|)":
        item, i = _atom(p, i, opts)
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
        acc = _seq(acc, item, opts.max_len)
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


def _chars(chars: set[str], opts: _Opts) -> _Starts:
    """Starts of one character out of ``chars``."""
    out = set()
    for c in chars:
        if c in opts.absent:
            continue
        if opts.allowed is not None and not opts.allowed.match(c):
            out.add(("", False))
        else:
            out.add((c, True))
    return frozenset(out)


def _atom(p: str, i: int, opts: _Opts) -> tuple[_Starts, int]:
    """Starts of the single item at ``p[i]`` (a literal, a class, a group or unknown)."""
    c = p[i]
    if c == "(":
        j = i + 1
        if p.startswith("?:", j):
            j += 2
        elif p.startswith("?P<", j):
            j = p.index(">", j) + 1
        elif p.startswith(("?=", "?!", "?<=", "?<!"), j):  # zero-width: consumes nothing
            j += 3 if p.startswith("?<", j) else 2
            _, k = _alternation(p, j, opts)
            return _EMPTY, _close(p, k)
        elif p.startswith("?", j):
            raise ValueError(f"unsupported group at {i} in {p!r}")
        inner, k = _alternation(p, j, opts)
        return inner, _close(p, k)
    if c == "[":
        return _char_class(p, i, opts)
    if c == "\\":
        return _UNKNOWN, i + 2
    if c in _SPECIAL:
        return _UNKNOWN, i + 1
    return _chars({c}, opts), i + 1


def _char_class(p: str, i: int, opts: _Opts) -> tuple[_Starts, int]:
    """Starts of the class ``[...]`` at ``p[i]``: its characters when it lists literals and
    ranges only (at most ``_MAX_CLASS``), else unknown."""
    j = i + 1
    negated = j < len(p) and p[j] == "^"
    if negated:
        j += 1
    chars: set[str] = set()
    simple = not negated
    first = True
    while first or p[j] != "]":
        first = False
        if p[j] == "\\":
            simple = False
            j += 2
            continue
        if j + 2 < len(p) and p[j + 1] == "-" and p[j + 2] != "]":
            lo, hi = ord(p[j]), ord(p[j + 2])
            if p[j + 2] == "\\" or hi - lo >= _MAX_CLASS:
                simple = False
            else:
                chars.update(chr(k) for k in range(lo, hi + 1))
            j += 3
            continue
        chars.add(p[j])
        j += 1
    if not simple or len(chars) > _MAX_CLASS:
        return _UNKNOWN, j + 1
    return _chars(chars, opts), j + 1


def _close(p: str, k: int) -> int:
    """Index after the ``)`` expected at ``p[k]``."""
    if k >= len(p) or p[k] != ")":
        raise ValueError(f"missing ')' in {p!r}")
    return k + 1
