"""The rule commands through click, as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from conflictcheck.cli import main

from .conftest import SHARED


def test_rules_list():
    result = CliRunner().invoke(main, ["rules", "list"])
    assert result.exit_code == 0
    assert "cyber-instrument" in result.output and "§17" in result.output


def test_rules_validate():
    result = CliRunner().invoke(main, ["rules", "validate"])
    assert result.exit_code == 0 and "valid" in result.output


def test_rules_test_passes():
    result = CliRunner().invoke(main, ["rules", "test"])
    assert result.exit_code == 0, result.output
    assert " 0 failed" in result.output


def test_rules_test_fails_and_shows_the_example(tmp_path):
    import shutil

    from conflictcheck.rulebook import bundled_rules_folder

    folder = tmp_path / "rules"
    shutil.copytree(bundled_rules_folder(), folder)
    path = folder / "ukraine.yaml"
    text = path.read_text(encoding="utf-8")
    broken = text.replace("all_of: [rejection, ukraine-support]", "all_of: [rejection, ukraine-support, radio-order]")
    assert broken != text
    path.write_text(broken, encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "test", "--rules", str(folder), "--rule", "ukraine"])
    assert result.exit_code == 1
    assert "MISSED ukraine" in result.output


def test_rules_validate_reports_bad_file(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "x.yaml").write_text("id: x\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "validate", "--rules", str(folder)])
    assert result.exit_code == 2
    assert "x.yaml" in result.output


def test_check_command_explains():
    result = CliRunner().invoke(main, ["check", "--part", "operative", "instructs the Council to convene a new WCIT,"])
    assert result.exit_code == 1
    assert "itr-treaty" in result.output and "why:" in result.output and "§24" in result.output


def test_check_reads_stdin_and_json():
    result = CliRunner().invoke(
        main, ["check", "-", "--format", "json", "--fail-on", "never"], input="recalling the ITRs,"
    )
    assert result.exit_code == 0
    assert json.loads(result.output) == []


def test_eval_on_dev_set(tmp_path):
    dev = SHARED / "eval" / "dev.jsonl"
    if not dev.exists():
        import pytest

        pytest.skip("shared eval set not present")
    out = tmp_path / "pred.json"
    result = CliRunner().invoke(main, ["eval", str(dev), "--predictions", str(out)])
    assert result.exit_code == 0, result.output
    overall = next(line for line in result.output.splitlines() if line.startswith("overall")).split()
    precision, recall = float(overall[1]), float(overall[2])
    assert precision >= 0.9 and recall >= 0.85
    predictions = json.loads(out.read_text())
    assert len(predictions) == sum(1 for line in dev.read_text().splitlines() if line.strip())


def test_help_is_fast_to_import():
    code = "import sys, conflictcheck.cli; sys.exit('spacy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
