"""The raw-article contract: validation reasons, canonical URLs, deterministic ids."""

from __future__ import annotations

import json

import orjson
import pytest

from schemas.raw_article import InvalidArticle, article_id, canonical_url, parse_published, parse_raw_article

GOOD = {"id": "snn-1", "url": "http://aawsat.com/home/article/410796/مجلس-الأمن", "source": "aawsat",
        "title": "مجلس الأمن يصادق على «الاتفاق النووي»", "text": "وافق مجلس الأمن الدولي، اليوم (الاثنين)، على اتفاق",
        "published": "2015-07-21 02:51:35"}


def reason_of(payload) -> str:
    with pytest.raises(InvalidArticle) as info:
        parse_raw_article(payload, max_text_bytes=1000)
    return info.value.reason


def test_valid_article_parses_and_keeps_extra_fields():
    art = parse_raw_article(orjson.dumps(dict(GOOD, extra=1)))
    assert art["source"] == "aawsat" and art["extra"] == 1


@pytest.mark.parametrize("payload,reason", [
    (None, "empty_payload"),
    (b"", "empty_payload"),
    (b"\xff\xfe{}", "invalid_utf8"),
    (b"{not json", "invalid_json"),
    (b"[1, 2]", "not_an_object"),
    (b'"just a string"', "not_an_object"),
    (b'{"source": "x", "title": "t"}', "missing_field"),
    (b'{"source": "x", "title": "t", "text": 5}', "wrong_type"),
    (b'{"source": 5, "title": "t", "text": "x"}', "wrong_type"),
    (b'{"source": "x", "title": "t", "text": " \\n\\u00a0 "}', "empty_text"),
    (b'{"source": "x", "title": "t", "text": "ok", "published": "yesterday"}', "invalid_field"),
])
def test_invalid_inputs_have_a_reason(payload, reason):
    assert reason_of(payload) == reason


def test_text_over_the_limit_is_refused():
    assert reason_of(json.dumps({"source": "x", "title": "t", "text": "ب" * 600}).encode()) == "text_too_large"


def test_canonical_url_folds_variants():
    a = canonical_url("https://www.Aawsat.com/home/article/410796/%D9%85%D8%AC%D9%84%D8%B3/?utm_source=tw#top")
    b = canonical_url("http://aawsat.com/home/article/410796/مجلس")
    assert a == b


def test_article_id_is_deterministic_and_url_based():
    assert article_id(GOOD) == article_id(dict(GOOD, text="تعديل"))  # same URL, same article
    assert len(article_id(GOOD)) == 32
    no_url = {k: v for k, v in GOOD.items() if k != "url"}
    assert article_id(no_url) == article_id(dict(no_url))
    assert article_id(no_url) != article_id(dict(no_url, text="نص آخر"))


def test_published_naive_is_utc():
    dt = parse_published("2015-07-21 02:51:35")
    assert dt.isoformat() == "2015-07-21T02:51:35+00:00"
    assert parse_published("2018-03-22T20:00:00Z").utcoffset().total_seconds() == 0
