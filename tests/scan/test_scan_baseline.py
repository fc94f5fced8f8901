"""Baselines: fingerprints that survive moves, a file that diffs cleanly, and the round trip."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner
from reportdata_link import make_finding
from scandata import HIGH, MEDIUM

from conflictcheck.baseline import build_baseline, dump_baseline, finding_fingerprint, read_baseline
from conflictcheck.cli import main


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, [*args[:1], "-j", "1", *args[1:]], catch_exceptions=False)


def test_fingerprint_ignores_position_case_and_spacing() -> None:
    finding = make_finding()
    moved = replace(
        finding, passage=replace(finding.passage, location=replace(finding.location, paragraph=40, file="b.docx"))
    )
    assert finding_fingerprint(moved) == finding_fingerprint(finding)
    respaced = make_finding(finding.passage.text.upper().replace(" ", "\u00a0 \n"), "CONVENE")
    assert finding_fingerprint(respaced) == finding_fingerprint(finding)


def test_fingerprint_depends_on_rule_text_and_proposal() -> None:
    finding = make_finding()
    assert finding_fingerprint(replace(finding, rule_id="other")) != finding_fingerprint(finding)
    assert finding_fingerprint(make_finding(proposal="RCC/62A1/3")) != finding_fingerprint(finding)
    assert finding_fingerprint(make_finding(finding.passage.text + " More.")) != finding_fingerprint(finding)


def test_file_is_sorted_deterministic_and_keeps_reasons() -> None:
    a = make_finding(rule_id="b-rule")
    b = make_finding(rule_id="a-rule")
    first = build_baseline([("z.docx", a), ("a.docx", b), ("a.docx", b)])
    assert [e.file for e in first.entries] == ["a.docx", "z.docx"]
    assert dump_baseline(first) == dump_baseline(build_baseline([("a.docx", b), ("z.docx", a)]))
    entries = json.loads(dump_baseline(first))["entries"]
    assert all(set(e) == {"fingerprint", "rule_id", "file", "proposal", "text"} for e in entries)
    kept = build_baseline([("a.docx", b)], previous=_with_reason(first, "agreed"))
    assert kept.entries[0].reason == "agreed"
    assert json.loads(dump_baseline(kept))["entries"][0]["reason"] == "agreed"


def _with_reason(baseline, reason: str):  # type: ignore[no-untyped-def]
    return type(baseline)(tuple(replace(e, reason=reason) for e in baseline.entries))


def test_round_trip_through_the_cli(tmp_path: Path) -> None:
    drafts = Path("drafts")
    drafts.mkdir()
    (drafts / "a.txt").write_text(HIGH, encoding="utf-8")
    written = run("baseline", "drafts", "--output", "accepted.json")
    assert written.exit_code == 0, written.output
    accepted = read_baseline(Path("accepted.json"))
    assert [e.rule_id for e in accepted.entries] == ["itr-treaty"]
    assert accepted.entries[0].file == "drafts/a.txt"

    clean = run("scan", "drafts", "--baseline", "accepted.json", "-f", "json")
    assert clean.exit_code == 0
    assert json.loads(clean.stdout)["summary"]["findings"] == 0
    assert "1 accepted finding(s) not shown" in clean.stderr

    # Renumbered (a paragraph added before) and moved to another file: still accepted.
    (drafts / "a.txt").unlink()
    (drafts / "moved.txt").write_text("Preface.\n\n" + HIGH + "\n" + MEDIUM, encoding="utf-8")
    moved = run("scan", "drafts", "--baseline", "accepted.json", "-f", "json", "--fail-on", "medium")
    document = json.loads(moved.stdout)
    assert [f["rule_id"] for f in document["files"][0]["findings"]] == ["cyber-instrument"]
    assert moved.exit_code == 1
    assert document["baseline"] == {"suppressed": 1, "unmatched": []}

    # The accepted passage removed: the entry is listed as matching nothing.
    (drafts / "moved.txt").write_text(MEDIUM, encoding="utf-8")
    stale = run("scan", "drafts", "--baseline", "accepted.json", "-f", "sarif")
    assert "matched nothing" in stale.stderr
    properties = json.loads(stale.stdout)["runs"][0]["properties"]
    assert [e["rule_id"] for e in properties["baseline"]["unmatched"]] == ["itr-treaty"]
    assert json.loads(stale.stdout)["runs"][0]["results"][0]["baselineState"] == "new"


def test_yaml_baseline_and_reasons_survive_regeneration(tmp_path: Path) -> None:
    Path("a.txt").write_text(HIGH, encoding="utf-8")
    assert run("baseline", "a.txt", "-o", "base.yaml").exit_code == 0
    text = Path("base.yaml").read_text(encoding="utf-8")
    assert text.startswith("version: 1")
    Path("base.yaml").write_text(text.replace("text:", "reason: known, agreed\n  text:", 1), encoding="utf-8")
    assert run("baseline", "a.txt", "-o", "base.yaml").exit_code == 0
    assert read_baseline(Path("base.yaml")).entries[0].reason == "known, agreed"


def test_bad_baseline_exits_2(tmp_path: Path) -> None:
    Path("a.txt").write_text(HIGH, encoding="utf-8")
    Path("bad.json").write_text("[1, 2", encoding="utf-8")
    result = run("scan", "a.txt", "--baseline", "bad.json")
    assert result.exit_code == 2 and "bad.json" in result.stderr
