"""arabic.chars helpers for fast one-character replacement."""

import pytest

from arabic.chars import char_pairs, replace_chars
from arabic.extract.sentences import _FOLD_MAP, fold

TEXTS = ["", "abc", "أحمد إلى آخر ٱلله مستشفى الغوطة مؤتمر رئيس ١٢٣ ۴۵ a\u00a0b", "ةةة ىى ؤئ"]


@pytest.mark.parametrize("text", TEXTS)
def test_replace_chars_equals_translate(text):
    assert replace_chars(text, char_pairs(_FOLD_MAP)) == text.translate(str.maketrans(_FOLD_MAP))
    assert fold(text) == text.translate(str.maketrans(_FOLD_MAP))
    assert len(fold(text)) == len(text)


def test_char_pairs_refuses_chains_and_multichar():
    with pytest.raises(ValueError):
        char_pairs({"a": "b", "b": "c"})
    with pytest.raises(ValueError):
        char_pairs({"a": "bc"})
    assert char_pairs({"أ": "ا", "ى": "ي"}) == (("أ", "ا"), ("ى", "ي"))
