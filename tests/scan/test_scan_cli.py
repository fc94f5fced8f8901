"""`conflictcheck scan` through click: exit codes, formats and outputs, unreadable files."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from scandata import HIGH, INFO_ONLY, MEDIUM

from conflictcheck.cli import main


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["scan", "-j", "1", *args], catch_exceptions=False)


def test_exit_1_on_high_and_0_with_a_higher_bar(drafts: Path) -> None:
    assert run(str(drafts)).exit_code == 1
    assert run(str(drafts / "sub"), "--fail-on", "high").exit_code == 0
    assert run(str(drafts / "sub"), "--fail-on", "medium").exit_code == 1
    assert run(str(drafts), "--fail-on", "never").exit_code == 0


def test_info_findings_hidden_unless_asked(tmp_path: Path) -> None:
    draft = Path("recall.txt")
    draft.write_text(INFO_ONLY, encoding="utf-8")
    hidden = json.loads(run(str(draft), "-f", "json").stdout)
    assert hidden["files"][0]["findings"] == []
    assert hidden["summary"]["hidden_info"] >= 1
    shown = json.loads(run(str(draft), "-f", "json", "--show-info").stdout)
    assert {f["severity"] for f in shown["files"][0]["findings"]} == {"info"}
    assert run(str(draft), "--fail-on", "info").exit_code == 1
    assert run(str(draft), "--fail-on", "low").exit_code == 0


def test_output_that_is_an_input_by_any_name_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    draft = folder / "draft.txt"
    draft.write_text(HIGH, encoding="utf-8")
    os.link(draft, tmp_path / "hard.txt")
    os.symlink(draft, tmp_path / "soft.txt")
    for output in (draft, tmp_path / "hard.txt", tmp_path / "soft.txt", folder / ".." / "drafts" / "draft.txt"):
        result = run(str(folder), "-f", "json", "-o", str(output))
        assert result.exit_code == 2
        assert "is one of the inputs; refusing to overwrite it" in result.output
    assert draft.read_text(encoding="utf-8") == HIGH
    assert run(str(folder), "-f", "json", "-o", str(tmp_path / "report.json")).exit_code == 1
    assert run(str(folder), "-f", "json", "-o", os.devnull).exit_code == 1


def test_exit_2_on_usage_and_rule_errors(drafts: Path, tmp_path: Path) -> None:
    assert run(str(drafts), "--fail-on", "sometimes").exit_code == 2
    assert run(str(tmp_path / "missing")).exit_code == 2
    bad_rules = tmp_path / "rules"
    bad_rules.mkdir()
    (bad_rules / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    result = run(str(drafts), "--rules", str(bad_rules))
    assert result.exit_code == 2
    assert "broken.yaml" in result.stderr
    result = run(str(drafts), "--enable", "no-such-rule")
    assert result.exit_code == 2 and "no-such-rule" in result.stderr
    assert run(str(drafts), "--severity", "itr-treaty").exit_code == 2


def test_unreadable_file_exits_3_and_the_others_are_reported(drafts: Path) -> None:
    (drafts / "broken.docx").write_bytes(b"PK\x03\x04 this is not really a zip")
    result = run(str(drafts), "-f", "json")
    assert result.exit_code == 3
    document = json.loads(result.stdout)
    by_path = {f["path"]: f for f in document["files"]}
    assert by_path["drafts/broken.docx"]["error"]
    assert by_path["drafts/high.txt"]["findings"]
    assert "could not be read" in result.stderr
    assert "drafts/broken.docx" in result.stderr


def test_machine_formats_write_only_their_document_to_stdout(drafts: Path) -> None:
    result = run(str(drafts), "-f", "sarif")
    json.loads(result.stdout)  # nothing else mixed in
    assert "Scanned 3 file(s)" in result.stderr


def test_formats_pair_with_outputs_in_order(drafts: Path) -> None:
    result = run(str(drafts), "-f", "sarif", "-o", "out.sarif", "--format=html", "--output=r/report.html", "-f", "json")
    assert result.exit_code == 1
    assert json.loads(Path("out.sarif").read_text())["version"] == "2.1.0"
    assert Path("r/report.html").read_text().startswith("<!DOCTYPE html>")
    assert json.loads(result.stdout)["summary"]["findings"] == 2


def test_only_one_format_may_use_stdout(drafts: Path) -> None:
    result = run(str(drafts), "-f", "json", "-f", "sarif")
    assert result.exit_code == 2
    assert "standard output" in result.stderr


def test_output_never_overwrites_an_input(drafts: Path) -> None:
    target = drafts / "high.txt"
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    result = run(str(drafts), "-f", "json", "-o", str(target))
    assert result.exit_code == 2
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before


def test_text_report_is_the_default(drafts: Path) -> None:
    result = run(str(drafts))
    assert "drafts/high.txt" in result.stdout
    assert "itr-treaty" in result.stdout
    assert "\x1b[" not in result.stdout  # not a terminal: no colours


@pytest.mark.parametrize("name", ["text", "json", "jsonl", "sarif", "junit", "github", "markdown", "html"])
def test_each_format_from_the_command_line(drafts: Path, name: str) -> None:
    result = run(str(drafts), "-f", name, "-o", f"report.{name}")
    assert result.exit_code == 1
    assert Path(f"report.{name}").stat().st_size > 0
    assert result.stdout == ""


def test_annotate_through_the_cli(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("The Plenipotentiary Conference,")
    document.add_paragraph("resolves")
    document.add_paragraph(HIGH.split("\n\n")[-1].strip())
    Path("in").mkdir()
    document.save("in/draft.docx")
    Path("in/notes.txt").write_text(MEDIUM, encoding="utf-8")
    before = hashlib.sha256(Path("in/draft.docx").read_bytes()).hexdigest()
    os.chdir("in")
    refused = run(".", "--annotate", ".")  # the copies would land on the inputs themselves
    assert refused.exit_code == 2 and "input" in refused.stderr
    os.chdir("..")
    result = run("in", "--annotate", "out", "--highlight")
    assert result.exit_code == 1
    assert "Annotated 1 Word copy" in result.stderr
    assert Path("out/in/draft.docx").is_file()
    assert not Path("out/in/notes.txt").exists()
    assert hashlib.sha256(Path("in/draft.docx").read_bytes()).hexdigest() == before
    again = run("in", "--annotate", "in/annotated")  # inside the input folder: its copies are not inputs
    assert again.exit_code == 1
    assert "Scanned 2 file(s)" in again.stderr


def test_finding_texts_are_made_during_the_scan_only_when_a_json_report_is_asked_for(
    drafts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import conflictcheck.scan as scan_module

    asked: list[bool] = []
    real = scan_module.scan_files

    def noting(files, root, rulebook, options, progress=None):  # type: ignore[no-untyped-def]
        asked.append(options.json_report)
        return real(files, root, rulebook, options, progress)

    monkeypatch.setattr(scan_module, "scan_files", noting)
    run(str(drafts), "--no-cache", "-f", "text")
    run(str(drafts), "--no-cache", "-f", "text", "-f", "json", "-o", str(tmp_path / "r.json"))
    run(str(drafts), "--no-cache", "-f", "sarif")
    assert asked == [False, True, False]
