"""`marsad extract`: JSONL in, events out; bad lines reported and skipped (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from arabic.extract import EXTRACTOR_VERSION
from marsad.cli import main

SEED = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seed-ghouta.txt"
TEXT = "شنت طائرات التحالف غارات جوية على صعدة امس ما ادى الى مقتل 5 مدنيين."


def run(args, input=None):
    return CliRunner().invoke(main, ["extract", *args], input=input)


def test_text_option():
    r = run(["--text", TEXT, "--published", "2015-07-23T12:00:00+03:00", "--id", "x"])
    assert r.exit_code == 0, r.output
    evs = [json.loads(line) for line in r.stdout.splitlines()]
    assert evs and evs[0]["article_id"] == "x" and evs[0]["extractor_version"] == EXTRACTOR_VERSION
    assert evs[0]["type"] == "airstrike" and evs[0]["date"] == "2015-07-22"
    assert "غارات" in r.stdout  # ensure_ascii=False


def test_text_file_seed():
    if not SEED.exists():
        pytest.skip("seed not available")
    r = run(["--text-file", str(SEED), "--published", "2018-03-22T20:00:00+00:00"])
    assert r.exit_code == 0
    evs = [json.loads(line) for line in r.stdout.splitlines()]
    assert {e["article_id"] for e in evs} == {"seed-ghouta"}
    assert {"ceasefire", "airstrike", "evacuation", "armed_clash"} <= {e["type"] for e in evs}


def test_jsonl_with_bad_lines(tmp_path):
    p = tmp_path / "a.jsonl"
    lines = [
        json.dumps({"id": "a1", "title": "", "text": TEXT, "published": "2015-07-23 12:00:00"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "a2", "title": "x"}),
        json.dumps({"id": "a3", "title": "", "text": "The weather is nice.", "published": "2015-07-23 12:00:00"}),
        "",
    ]
    p.write_text("\n".join(lines), encoding="utf-8")
    r = run([str(p)])
    assert r.exit_code == 2
    assert "line 2" in r.stderr and "line 3" in r.stderr
    ids = {json.loads(line)["article_id"] for line in r.stdout.splitlines()}
    assert ids == {"a1"}


def test_stdin():
    line = json.dumps({"id": "s", "title": "", "text": TEXT, "published": "2015-07-23 12:00:00"}, ensure_ascii=False)
    r = run(["-"], input=line + "\n")
    assert r.exit_code == 0
    assert json.loads(r.stdout.splitlines()[0])["article_id"] == "s"


def test_both_text_options_is_usage_error(tmp_path):
    f = tmp_path / "t.txt"
    f.write_text(TEXT, encoding="utf-8")
    assert run(["--text", TEXT, "--text-file", str(f)]).exit_code != 0
