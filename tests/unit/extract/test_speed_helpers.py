"""Helpers added for speed give the same results as the straightforward code."""

import re

from arabic.extract.assemble import _has_matches
from arabic.extract.modality import _before, _word_starts_before


def _words_before(folded: str, sent_start: int, pos: int, n: int) -> str:
    """Reference: text of the last n words before pos (within the sentence)."""
    i, count = pos, 0
    while i > sent_start and count < n:
        i -= 1
        while i > sent_start and folded[i - 1].isspace():
            i -= 1
        while i > sent_start and not folded[i - 1].isspace():
            i -= 1
        count += 1
    return folded[i:pos]


def test_before_matches_reference():
    text = " x. وقال  مصدر امني ان الجيش  شن هجوما\nعلى مواقع المسلحين في المدينه \u00a0 ب"
    for sent_start in (0, 1, 3, 4, 11):
        for pos in range(sent_start, len(text) + 1):
            if pos > sent_start and not text[pos - 1].isspace():
                continue  # the contract: pos at a word boundary
            starts = _word_starts_before(text, sent_start, pos, 25)
            for n in range(0, 26):
                assert _before(text, starts, n) == _words_before(text, sent_start, pos, n), (sent_start, pos, n)


def test_has_matches():
    rx = re.compile(r"a")
    assert _has_matches(rx, "aaa", 3)
    assert not _has_matches(rx, "aa", 3)
    assert _has_matches(rx, "", 0)


def test_alias_trie_matches_like_plain_alternation():
    import re as _re

    from arabic.extract.actors import _alias_rx, _trie_alternation

    aliases = ["الجيش السوري", "الجيش الحر", "الجيش", "لجيش", "داعش", "دا"]  # longest first per prefix
    plain = _re.compile(r"(?<!\w)(?:[وف]?[بكل]?)(" + "|".join(_alias_rx(a) for a in aliases) + r")(?!\w)")
    trie = _re.compile(r"(?<!\w)(?:[وف]?[بكل]?)(" + _trie_alternation(aliases) + r")(?!\w)")
    text = "قال الجيش  السوري ان الجيش الحر وداعش ودا وللجيش والجيش الحرس دا."
    assert [m.span(1) for m in trie.finditer(text)] == [m.span(1) for m in plain.finditer(text)]
    assert _trie_alternation(["ab", "c", "ad"]) == "(?:a(?:b|d)|c)"
