"""clean_article gives exactly the shared fields of normalize_article."""

import pytest

from arabic.normalize import clean_article, normalize_article

CASES = [
    ("", ""),
    ("عنوان", ""),
    ("", "\u200fأبهــا 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس\n اختتمت"),
    ("<b>قُتِلَ ٣٨ مدنيّاً</b>", "بيروت - «الشرق الأوسط»: قتل 38 مدنيا في الغوطة الشرقيـــة!\n\nشارك"),
    ("Breaking news", "The army said on Monday that it will not attack the city."),
]


@pytest.mark.parametrize("title,text", CASES)
def test_clean_article_matches_normalize_article(title, text):
    c, n = clean_article(title, text), normalize_article(title, text)
    for f in ("clean_title", "clean_text", "dateline", "language", "arabic_ratio", "removed_boilerplate"):
        assert getattr(c, f) == getattr(n, f), f
    assert c.joined == (c.clean_title + "\n" + c.clean_text if c.clean_title and c.clean_text else c.clean_title or c.clean_text)
