"""arabic.prefixes: literal start strings of a regex, the trie regex, finditer_at."""

import random
import re

import pytest

from arabic.prefixes import finditer_at, start_strings, trie_regex
from arabic.extract.triggers import _PREFIX, _compiled, find_triggers, load_triggers

_W = re.compile(r"\w")


@pytest.mark.parametrize(
    "pattern,expected",
    [
        ("ab", {"ab"}),
        ("(?:x)?ab", {"ab", "xab"}),
        ("a(?:b|c)d", {"abd", "acd"}),
        ("a+b", {"a"}),
        ("a*b", {"a", "b"}),
        ("a{0,1}b", {"ab", "b"}),
        ("a{2}b", {"a"}),
        (r"\Sab", {""}),
        ("[ab]c", {"ac", "bc"}),
        ("[^ab]c", {""}),
        ("[a-c]d", {"ad", "bd", "cd"}),
        ("(?=x)ab", {"ab"}),
        ("(?<!x)a b", {"a"}),
        ("ab(?!c)d", {"abd"}),
        ("a b", {"a"}),
        ("(?P<n>ab|c)d", {"abd", "cd"}),
        ("abcdef", {"abcd"}),
    ],
)
def test_start_strings(pattern, expected):
    assert start_strings(pattern, 4, allowed=_W) == expected


def test_start_strings_rejects_bad_patterns():
    with pytest.raises(ValueError):
        start_strings("a)b")
    with pytest.raises(ValueError):
        start_strings("(?i)ab")


def test_trie_regex():
    assert trie_regex({"ab", "ac", "d"}) == "a(?:b|c)|d"
    assert trie_regex({"a", "ab"}) == "a"
    assert trie_regex({"", "a"}) == ""
    rx = re.compile(trie_regex({"قصف", "قذا", "هجو"}))
    assert rx.match("قذائف") and rx.match("هجوم") and not rx.match("قتل")


def test_every_match_starts_with_a_start_string():
    """Random texts built from pieces of the trigger rows: every row match at a word start
    begins (after the clitic prefix) with one of the row's start strings."""
    rng = random.Random(7)
    rows = load_triggers()
    pieces = ["ال", "و", "ب", "لل", " ", "قصف", "جوي", "هجوم", "غارات", "طائره", "مسيره", "اطلاق", "النار", "وقف", "على"]
    for row in rows:
        starts = start_strings(row.pattern, 4, allowed=_W)
        rx = re.compile(r"(?<!\w)" + "(?:" + row.pattern + r")(?!\w)")
        for _ in range(200):
            text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
            for m in rx.finditer(text):
                assert any(text.startswith(s, m.start()) for s in starts), (row.pattern, text)


def test_find_triggers_equals_plain_finditer():
    _, _, identifier, rows = _compiled()
    text = "وشنت الطائرات الحربية غارات جوية على مواقع للمسلحين، فيما تواصل القصف المدفعي وقذائف الهاون. وقف اطلاق النار"
    expected = []
    for m in identifier.finditer(text):
        row = rows[int(m.lastgroup[1:])]
        expected.append((row.type, m.start(m.lastgroup), m.end(m.lastgroup)))
    assert [(t.type, t.start, t.end) for t in find_triggers(text)] == expected
    assert expected and _PREFIX.startswith("(?<!")


def test_absent_characters_are_ignored():
    assert start_strings("a[xy]*b", 4, absent=frozenset("xy")) == {"ab"}
    assert start_strings("a[xy]*b", 4) == {"ab", "ax", "ay"}
    assert start_strings("(?:x|ab)c", 4, absent=frozenset("x")) == {"abc"}


def test_finditer_at():
    rx = re.compile(r"(?<!\w)(?:ab|a)c?")
    cands = re.compile(r"(?<!\w)" + trie_regex(start_strings(rx.pattern, 2, allowed=_W)))
    for text in ["ab ac a abc xab", "", "a", "ba ab"]:
        assert [m.span() for m in finditer_at(rx, cands, text)] == [m.span() for m in rx.finditer(text)]
