"""`marsad cluster`: input order, bad lines reported with their line number, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from marsad.cli import main
from marsad.commands.cluster import cluster

ROOT = Path(__file__).resolve().parents[2]

BODY = ("اعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة الرياض بسعة مئتي سرير "
        "ويضم المستشفى اقساما للطوارئ والجراحة والاطفال وسيبدأ استقبال المرضى الشهر المقبل")
OTHER = ("قال مسؤولون في قطاع الطاقة ان اسعار النفط ارتفعت في التعاملات الاسيوية بعد بيانات "
         "اظهرت تراجع المخزونات الامريكية بأكثر من المتوقع خلال الاسبوع الماضي")


def _line(**kw) -> str:
    return json.dumps(kw, ensure_ascii=False)


def _run(text: str, *args: str):
    return CliRunner().invoke(cluster, [*args, "-"], input=text)


def test_outputs_follow_input_order_and_cluster() -> None:
    lines = [
        _line(id="b", title="مستشفى جديد في الرياض", text=BODY, published="2015-08-02T10:00:00"),
        _line(id="a", title="افتتاح مستشفى جديد بالرياض", text=BODY + " وقال الوزير", published="2015-08-01T10:00:00"),
        _line(id="c", title="النفط يرتفع", text=OTHER, published="2015-08-01T11:00:00"),
    ]
    result = _run("\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["b", "a", "c"]
    assert set(rows[0]) == {"id", "cluster_id", "duplicate_of", "similarity"}
    # input order is the stream order: "b" comes first and starts the story
    assert rows[0] == {"id": "b", "cluster_id": "b", "duplicate_of": None, "similarity": 0.0}
    assert rows[1]["cluster_id"] == "b" and rows[1]["duplicate_of"] == "b" and rows[1]["similarity"] > 0.5
    assert rows[2]["cluster_id"] == "c"


def test_bad_lines_are_reported_with_line_number_and_skipped() -> None:
    lines = [
        _line(id="a", title="t", text=BODY, published="2015-08-01T10:00:00"),
        "{not json",
        "",
        _line(title="no id", text=BODY),
        "[1, 2]",
        _line(id="d", text=BODY, published="yesterday-ish"),
        _line(id="e", title="", text=""),
        _line(id="f", text=OTHER, published="2015-08-01T12:00:00"),
    ]
    result = _run("\n".join(lines) + "\n")
    assert result.exit_code == 2
    assert [json.loads(x)["id"] for x in result.stdout.splitlines()] == ["a", "f"]
    err = result.stderr
    for n, why in [(2, "not valid JSON"), (4, "no id"), (5, "not a JSON object"), (6, "unreadable published"),
                   (7, "no title or text")]:
        assert f"line {n}: {why}" in err
    assert "line 3" not in err  # blank lines are not errors
    assert "5 line(s) skipped" in err


def test_missing_published_uses_previous_time_and_method_flag() -> None:
    lines = [
        _line(id="a", text=BODY, published=1438423200),
        _line(id="b", text=BODY + " اضافة", url="http://x.example/b"),
    ]
    result = _run("\n".join(lines), "--method")
    assert result.exit_code == 0, result.output
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    assert rows[1]["cluster_id"] == "a" and rows[1]["method"] == "minhash"


def test_reads_a_file_through_the_lazy_cli(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(_line(id="x", text=BODY, published="2015-08-01") + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["cluster", str(path)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"id": "x", "cluster_id": "x", "duplicate_of": None, "similarity": 0.0}


def test_unreadable_path_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cluster, [str(tmp_path / "missing.jsonl")])
    assert result.exit_code == 2 and "cannot read" in result.output
