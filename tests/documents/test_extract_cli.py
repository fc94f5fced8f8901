"""`conflictcheck extract` through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from docbuild import build_docx, p, run

from conflictcheck.cli import EXIT_UNREADABLE, main


def _doc(tmp_path: Path) -> Path:
    body = p("MOD RCC/62A1/3") + p("resolves") + p("to remain ", run("multistakeholder", "<w:strike/>"))
    return build_docx(tmp_path / "d.docx", body)


def test_json_shape(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["extract", "--format", "json", str(_doc(tmp_path))])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [(x["text"], x["deleted"]) for x in data] == [
        ("MOD RCC/62A1/3", False),
        ("resolves", False),
        ("to remain", False),
        ("multistakeholder", True),
    ]
    assert set(data[0]) == {"text", "deleted", "inserted", "location"}
    assert set(data[0]["location"]) == {
        "story",
        "paragraph",
        "part",
        "intro",
        "heading",
        "item",
        "proposal",
        "action",
        "resolution",
        "line",
        "file",
    }
    assert data[3]["location"]["part"] == "operative"
    assert data[3]["location"]["proposal"] == "RCC/62A1/3"


def test_no_formatting_marks(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["extract", "--format", "json", "--no-formatting-marks", str(_doc(tmp_path))])
    assert [x["text"] for x in json.loads(result.output)][-1] == "to remain multistakeholder"


def test_text_output(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(_doc(tmp_path))])
    assert result.exit_code == 0
    assert "DELETED" in result.output and "multistakeholder" in result.output
    assert "operative" in result.output and "MOD RCC/62A1/3" in result.output


def test_unreadable_exits_3_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.docx"
    path.write_bytes(b"%PDF-1.4\n")
    try:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]  # click 8.1
    except TypeError:
        runner = CliRunner()  # click >= 8.2 keeps stderr apart already
    result = runner.invoke(main, ["extract", str(path)])
    assert result.exit_code == EXIT_UNREADABLE == 3
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and "PDF" in lines[0]
