"""Configuration files: where they are found, what they set, and that the command line wins."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conflictcheck.cli import main
from conflictcheck.config import ConfigError, FormatTarget, find_config, load_config
from conflictcheck.model import Severity


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["scan", "-j", "1", *args], catch_exceptions=False)


def test_found_upwards_and_paths_are_relative_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "work" / "pyproject.toml").write_text(
        '[tool.conflictcheck]\nrules = ["my-rules"]\nfail_on = "medium"\nseverity = {itr-treaty = "low"}\n',
        encoding="utf-8",
    )
    deep = tmp_path / "work" / "a" / "b"
    deep.mkdir(parents=True)
    found = find_config(deep)
    assert found == tmp_path / "work" / "pyproject.toml"
    config = load_config(start=deep)
    assert config.rules == ((tmp_path / "work" / "my-rules").resolve(),)
    assert config.fail_on == "medium"
    assert config.severity == {"itr-treaty": Severity.LOW}


def test_own_file_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    work = tmp_path / "work"
    (work / "pyproject.toml").write_text('[tool.conflictcheck]\nfail_on = "low"\n', encoding="utf-8")
    (work / ".conflictcheck.toml").write_text('fail_on = "never"\n', encoding="utf-8")
    assert load_config(start=work).fail_on == "never"


def test_pyproject_without_our_table_is_passed_by(tmp_path: Path) -> None:
    (tmp_path / "work" / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    assert load_config(start=tmp_path / "work").source is None


def test_formats_with_outputs(tmp_path: Path) -> None:
    path = tmp_path / "work" / ".conflictcheck.toml"
    path.write_text('formats = ["text", {format = "sarif", output = "out/x.sarif"}]\n', encoding="utf-8")
    config = load_config(path)
    assert config.formats == (FormatTarget("text"), FormatTarget("sarif", str((path.parent / "out/x.sarif").resolve())))


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('fail_on = "sometimes"\n', "fail_on"),
        ("colour = true\n", "colour"),
        ('severity = {itr-treaty = "huge"}\n', "severity.itr-treaty"),
        ('rules_mode = "merge"\n', "rules_mode"),
        ("jobs = 0\n", "jobs"),
        ('formats = ["pdf"]\n', "formats"),
        ("enable = [1]\n", "enable"),
    ],
)
def test_bad_settings_name_the_file_and_key(tmp_path: Path, text: str, key: str) -> None:
    path = tmp_path / "work" / ".conflictcheck.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.key == key
    assert str(path) in str(caught.value)


def test_bad_config_exits_2_with_file_and_key(drafts: Path) -> None:
    Path(".conflictcheck.toml").write_text('fail_on = "sometimes"\n', encoding="utf-8")
    result = run(str(drafts))
    assert result.exit_code == 2
    assert ".conflictcheck.toml" in result.stderr and "fail_on" in result.stderr
    Path(".conflictcheck.toml").write_text("not toml [[[\n", encoding="utf-8")
    assert run(str(drafts)).exit_code == 2


def test_command_line_wins_over_the_file(drafts: Path) -> None:
    Path(".conflictcheck.toml").write_text('fail_on = "never"\nexclude = ["sub"]\n', encoding="utf-8")
    assert run(str(drafts)).exit_code == 0  # the file says never
    assert run(str(drafts), "--fail-on", "high").exit_code == 1  # the option says high
    document = json.loads(run(str(drafts), "-f", "json").stdout)
    assert [f["path"] for f in document["files"]] == ["drafts/clean.txt", "drafts/high.txt"]
    document = json.loads(run(str(drafts), "-f", "json", "--exclude", "clean.txt").stdout)
    assert [f["path"] for f in document["files"]] == ["drafts/high.txt", "drafts/sub/medium.md"]


def test_severity_overrides_and_disable_from_the_file(drafts: Path) -> None:
    Path(".conflictcheck.toml").write_text('severity = {itr-treaty = "low"}\n', encoding="utf-8")
    document = json.loads(run(str(drafts / "high.txt"), "-f", "json").stdout)
    assert {f["severity"] for f in document["files"][0]["findings"]} == {"low"}
    assert document["summary"]["exit_code"] == 0
    Path(".conflictcheck.toml").write_text('disable = ["itr-treaty"]\n', encoding="utf-8")
    document = json.loads(run(str(drafts / "high.txt"), "-f", "json").stdout)
    assert document["files"][0]["findings"] == []
    assert "itr-treaty" not in document["rulebook"]["rules"]


def test_explicit_config_file(drafts: Path, tmp_path: Path) -> None:
    other = tmp_path / "strict.toml"
    other.write_text('fail_on = "medium"\n', encoding="utf-8")
    assert run(str(drafts / "sub"), "--config", str(other)).exit_code == 1
    assert run(str(drafts / "sub")).exit_code == 0


def test_formats_from_the_file(drafts: Path) -> None:
    Path(".conflictcheck.toml").write_text('formats = [{format = "json", output = "r.json"}]\n', encoding="utf-8")
    result = run(str(drafts))
    assert json.loads(Path("r.json").read_text())["summary"]["findings"] == 2
    assert result.stdout == ""


def test_rule_folders_add_or_replace(drafts: Path, tmp_path: Path) -> None:
    from conflictcheck.rulebook import bundled_rules_folder
    from conflictcheck.scan import build_rulebook

    bundled = build_rulebook()
    same = build_rulebook([bundled_rules_folder()], mode="replace")
    assert [r.id for r in same.rules] == [r.id for r in bundled.rules]
    only = build_rulebook([bundled_rules_folder()], mode="replace", enable=["ukraine"])
    assert [r.id for r in only.rules if r.enabled] == ["ukraine"]
