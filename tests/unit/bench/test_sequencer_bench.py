"""`marsad bench sequencer` on a small slice of the real corpus: state stays bounded."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.sequencer_bench import bench_sequencer

CORPUS = Path(__file__).resolve().parents[3] / ".." / "shared" / "corpus" / "saudinewsnet-5k.jsonl"


def test_copies_beyond_the_horizon_leave_the_state_the_same_size(tmp_path):
    if not CORPUS.exists():
        pytest.skip("../shared/corpus is not beside the project")
    small = tmp_path / "slice.jsonl"
    small.write_bytes(b"\n".join(CORPUS.read_bytes().splitlines()[:60]) + b"\n")
    result = CliRunner().invoke(bench_sequencer, ["--corpus", str(small), "--copies", "3"])
    assert result.exit_code == 0, result.output
    last = json.loads(result.output.strip().splitlines()[-1])
    assert last["articles"] == 180
    rows = [line for line in result.output.splitlines() if "live articles" in line]
    assert len(rows) == 3
    # each copy lies 30 days after the previous one: only the last copy's horizon is live
    live = [int(r.split("live articles")[1].split()[0]) for r in rows]
    assert 0 < live[-1] <= 60 and live[1] == live[2]


def test_missing_corpus_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(bench_sequencer, ["--corpus", str(tmp_path / "nope.jsonl")])
    assert result.exit_code != 0 and "corpus not found" in result.output
