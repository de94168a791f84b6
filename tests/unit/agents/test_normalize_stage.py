"""The normalize stage's pure part: raw bytes in, ArticleRecord or InvalidArticle out."""

from __future__ import annotations

import orjson
import pytest

from agents.deadletter import dead_letter, exception_summary
from agents.normalize import normalize_raw
from schemas.raw_article import InvalidArticle, article_id


def test_corpus_article_becomes_a_record(corpus_dir):
    line = (corpus_dir / "saudinewsnet-5k.jsonl").open("rb").readline()
    art = orjson.loads(line)
    rec = normalize_raw(line, max_text_bytes=2_000_000, pipeline_version="v", topic="raw", partition=1, offset=7)
    assert rec.article_id == article_id(art) and rec.external_id == art["id"]
    assert rec.language == "ar" and rec.content_hash and rec.clean_text
    assert rec.published == "2015-07-21T02:51:35+00:00" and rec.raw_offset == 7
    assert rec.text == art["text"]  # the original is kept


def test_seed_dateline_and_trailer(corpus_dir):
    text = (corpus_dir / "seed-ghouta.txt").read_text(encoding="utf-8")
    rec = normalize_raw(orjson.dumps({"source": "afp", "title": "", "text": text}), max_text_bytes=2_000_000, pipeline_version="v")
    assert rec.dateline == "بيروت"
    assert not rec.clean_text.rstrip().endswith("مشاركة :")


def test_html_only_page_is_refused():
    with pytest.raises(InvalidArticle) as info:
        normalize_raw(b'{"source": "s", "title": "", "text": "<html><body><script>var a=1;</script></body></html>"}',
                      max_text_bytes=1000, pipeline_version="v")
    assert info.value.reason == "empty_text"


def test_non_arabic_article_is_kept_but_marked():
    rec = normalize_raw(orjson.dumps({"source": "s", "title": "Reuters", "text": "Fighting continued in Aleppo on Thursday."}),
                        max_text_bytes=1000, pipeline_version="v")
    assert rec.language != "ar"


def test_dead_letter_ids_are_deterministic_and_excerpts_bounded():
    a = dead_letter(stage="normalize", reason="invalid_json", detail="x", payload=b"\xff" * 5000, topic="t", partition=0, offset=3)
    b = dead_letter(stage="normalize", reason="invalid_json", detail="x", payload=b"\xff" * 5000, topic="t", partition=0, offset=3)
    assert a.dead_letter_id == b.dead_letter_id == "normalize:t:0:3"
    assert len(a.payload_excerpt) <= 500 and a.payload_bytes == 5000


def test_exception_summary_names_type_and_place():
    try:
        {}["missing"]
    except KeyError as exc:
        s = exception_summary(exc)
    assert s.startswith("KeyError") and "test_normalize_stage.py" in s
