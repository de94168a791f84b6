"""`marsad eval dedup` and `marsad bench dedup` on small inputs (last line is JSON)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from bench.dedup_bench import bench_dedup
from marsad.evaluation.dedup_eval import eval_dedup, pairwise

from .corpus import DEV_PAIRS, require_corpus


def test_pairwise_scores() -> None:
    gold = {"a": "g1", "b": "g1", "c": "g1", "d": "g2"}
    pred = {"a": "x", "b": "x", "c": "y", "d": "y"}
    s = pairwise(gold, pred)
    assert (s["gold_pairs"], s["predicted_pairs"], s["tp"]) == (3, 2, 1)
    assert s["precision"] == 0.5 and s["recall"] == round(1 / 3, 4)


def test_eval_dedup_prints_scores_disagreements_and_json(tmp_path: Path) -> None:
    corpus = require_corpus()
    result = CliRunner().invoke(eval_dedup, [str(corpus), "--limit", "400", "--examples", "2",
                                             "--pairs", str(DEV_PAIRS)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "pairwise vs group_id" in out and "FP:" in out and "FN:" in out
    last = json.loads(out.strip().splitlines()[-1])
    assert last["articles"] == 400 and 0 < last["precision"] <= 1 and 0 < last["recall"] <= 1
    assert last["labelled_pairs"]["missing"] > 0  # the dev pairs span the whole corpus


def test_bench_dedup_small(tmp_path: Path) -> None:
    corpus = require_corpus()
    small = tmp_path / "small.jsonl"
    with corpus.open(encoding="utf-8") as fh, small.open("w", encoding="utf-8") as out:
        for i, line in enumerate(fh):
            if i >= 300:
                break
            out.write(line)
    result = CliRunner().invoke(bench_dedup, ["--corpus", str(small), "--repeat", "1", "--synthetic", "3000",
                                              "--checkpoint", "1000", "--live", "300"])
    assert result.exit_code == 0, result.output
    last = json.loads(result.stdout.strip().splitlines()[-1])
    assert last["throughput"][0]["articles"] == 300 and last["articles_per_s_cpu"] > 0
    mem = last["memory"]
    assert mem["synthetic_articles"] == 3000 and mem["points"][-1]["in_state"] <= 310
    assert mem["expired"] > 2000
