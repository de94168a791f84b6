"""Producing JSONL files: valid lines keyed by article id, bad lines dead-lettered."""

from __future__ import annotations

import orjson

from producers.files import iter_lines, jsonl_files, produce_lines
from schemas.raw_article import article_id


def test_corpus_lines_are_sent_keyed_by_article_id(corpus_dir):
    sent = []
    lines = (x for i, x in enumerate(iter_lines([corpus_dir / "saudinewsnet-5k.jsonl"])) if i < 50)
    stats = produce_lines(lines, lambda t, k, v: sent.append((t, k, v)), raw_topic="raw", dlq_topic="dlq",
                          max_text_bytes=2_000_000, keep_ids=True)
    assert stats.sent == 50 and stats.dead_lettered == 0
    topic, key, value = sent[0]
    assert topic == "raw" and key.decode() == article_id(orjson.loads(value))
    assert len(set(stats.ids)) == 50


def test_bad_lines_go_to_the_dead_letter_topic_with_line_numbers(tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_bytes(b'{"source": "s", "title": "t", "text": "\xd9\x86\xd8\xb5"}\n\n{oops\n{"source": "s", "title": "t", "text": ""}\n')
    sent = []
    stats = produce_lines(iter_lines(jsonl_files([tmp_path])), lambda t, k, v: sent.append((t, k, v)),
                          raw_topic="raw", dlq_topic="dlq", max_text_bytes=1000)
    assert (stats.sent, stats.dead_lettered) == (1, 2)
    assert stats.reasons == {"invalid_json": 1, "empty_text": 1}
    dls = [orjson.loads(v) for t, _, v in sent if t == "dlq"]
    assert [d["detail"].split(":")[1] for d in dls] == ["3", "4"]  # blank line 2 skipped, numbers kept
    assert all(d["stage"] == "produce" and d["dead_letter_id"].startswith("produce:in.jsonl:") for d in dls)
