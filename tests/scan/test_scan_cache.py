"""The result cache: a warm rescan analyses nothing; entries survive concurrency and damage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conflictcheck import documents
from conflictcheck.cache import ResultCache, finding_from_record, finding_to_record
from conflictcheck.cli import main
from conflictcheck.model import TextAnchor
from conflictcheck.scan import ScanOptions, scan_paths


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the drafts read: a scan reads each file it analyses once."""
    calls: list[int] = []
    real = documents.read_kept

    def counting(path, keep=None, **options):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(path, keep, **options)

    monkeypatch.setattr(documents, "read_kept", counting)
    return calls


def test_warm_rescan_does_no_analysis(drafts: Path, rulebook, counted: list[int], tmp_path: Path) -> None:
    options = ScanOptions(jobs=1, cache_dir=tmp_path / "c")
    cold = scan_paths([drafts], rulebook, options)
    assert len(counted) == 3 and cold.analysed == 3
    warm = scan_paths([drafts], rulebook, options)
    assert len(counted) == 3 and warm.analysed == 0
    assert all(r.cached for r in warm.files)
    assert [f.to_dict() for _, f in warm.findings] == [f.to_dict() for _, f in cold.findings]


def test_changes_invalidate(drafts: Path, rulebook, counted: list[int], tmp_path: Path) -> None:
    options = ScanOptions(jobs=1, cache_dir=tmp_path / "c")
    scan_paths([drafts], rulebook, options)
    (drafts / "clean.txt").write_text("A different text.\n", encoding="utf-8")
    assert scan_paths([drafts], rulebook, options).analysed == 1  # the changed file only
    assert scan_paths([drafts], rulebook.configured(disable=["ukraine"]), options).analysed == 3
    assert scan_paths([drafts], rulebook, ScanOptions(jobs=1, use_cache=False)).analysed == 3


def test_moved_file_is_served_under_its_new_name(drafts: Path, rulebook, tmp_path: Path) -> None:
    options = ScanOptions(jobs=1, cache_dir=tmp_path / "c")
    scan_paths([drafts / "high.txt"], rulebook, options)
    (drafts / "high.txt").rename(drafts / "renamed.txt")
    result = scan_paths([drafts / "renamed.txt"], rulebook, options)
    assert result.analysed == 0
    assert {f.location.file for _, f in result.findings} == {"drafts/renamed.txt"}


def test_cli_cache_dir_and_no_cache(drafts: Path, tmp_path: Path, counted: list[int]) -> None:
    runner = CliRunner()
    args = ["scan", "-j", "1", str(drafts), "--cache-dir", str(tmp_path / "c")]
    runner.invoke(main, args, catch_exceptions=False)
    runner.invoke(main, args, catch_exceptions=False)
    assert len(counted) == 3
    assert any((tmp_path / "c").rglob("*.json"))
    runner.invoke(main, [*args, "--no-cache"], catch_exceptions=False)
    assert len(counted) == 6


def test_default_cache_folder_follows_xdg(drafts: Path, tmp_path: Path) -> None:
    CliRunner().invoke(main, ["scan", "-j", "1", str(drafts)], catch_exceptions=False)
    assert any((tmp_path / "cache" / "conflictcheck").rglob("*.json"))


def test_damaged_entry_is_a_miss_and_writes_are_whole(tmp_path: Path) -> None:
    from reportdata_link import make_finding

    cache = ResultCache(tmp_path, "ctx")
    finding = make_finding()
    cache.put("d" * 64, 5, [finding])
    entry = next(tmp_path.rglob("*.json"))
    assert not list(tmp_path.rglob(".tmp-*"))  # the temporary file was renamed into place
    assert cache.get("d" * 64).passages == 5
    entry.write_text('{"passages": 5, "findings": [{"rule', encoding="utf-8")
    assert cache.get("d" * 64) is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda e: e["findings"][0].pop("text"),
        lambda e: e["rules"].clear(),
        lambda e: e["rules"]["itr-treaty"].pop("title"),
        lambda e: e["findings"][0]["explanation"]["terms"][0].pop("start"),
        lambda e: e["findings"][0]["passage"]["location"].pop("story"),
        lambda e: e["findings"][0].update(severity=3),
        lambda e: e["findings"][0]["passage"].update(anchors=[[0, 5, "/word/document.xml"]]),
        lambda e: e["findings"][0]["explanation"].update(part=["operative"]),
        lambda e: e["findings"][0].update(text=5),
        lambda e: e["findings"][0].update(confidence="high"),
        lambda e: e["findings"][0]["passage"].update(deleted="no"),
        lambda e: e["findings"][0]["passage"]["location"].update(heading=["a", "b"]),
        lambda e: e["findings"][0]["passage"]["anchors"][0].__setitem__(3, "3"),
        lambda e: e["findings"][0]["explanation"]["terms"][0].update(fuzzy_score="90"),
        lambda e: e["rules"]["itr-treaty"]["lines_to_take"][0].update(paragraph=True),
        lambda e: e["rules"]["itr-treaty"].update(title=None),
    ],
)
def test_entry_with_a_missing_or_mistyped_field_is_a_miss(tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    cache = ResultCache(tmp_path, "ctx")
    cache.put("d" * 64, 5, [_anchored_finding()])
    assert cache.get("d" * 64) is not None
    entry = next(tmp_path.rglob("*.json"))
    record = json.loads(entry.read_text(encoding="utf-8"))
    damage(record)
    entry.write_text(json.dumps(record), encoding="utf-8")
    assert cache.get("d" * 64) is None
    assert cache.get("d" * 64, with_info=False) is None


def test_a_rules_texts_are_kept_once_per_entry_and_a_findings_own_texts_kept_too(tmp_path: Path) -> None:
    from dataclasses import replace

    from conflictcheck.model import LineToTake

    first = _anchored_finding()
    second = replace(first, start=1, text=first.text[1:])
    retitled = replace(first, start=2, title="Another title")
    other_lines = replace(first, start=3, explanation=replace(first.explanation, lines_to_take=(LineToTake(9, "x"),)))
    findings = [first, second, retitled, other_lines]
    cache = ResultCache(tmp_path, "ctx")
    cache.put("d" * 64, 5, findings)
    record = json.loads(next(tmp_path.rglob("*.json")).read_text(encoding="utf-8"))
    assert list(record["rules"]) == [first.rule_id]
    assert ["texts" in f for f in record["findings"]] == [False, False, True, True]
    assert list(cache.get("d" * 64).findings) == findings


def _anchored_finding():  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from reportdata_link import make_finding

    finding = make_finding()
    assert finding.rule_id == "itr-treaty" and finding.explanation.terms and finding.explanation.lines_to_take
    return replace(finding, passage=replace(finding.passage, anchors=(TextAnchor(0, 5, "/word/document.xml", 3, 2),)))


def test_codec_round_trip_keeps_anchors(tmp_path: Path) -> None:
    from dataclasses import replace

    from reportdata_link import make_finding

    finding = make_finding()
    anchored = replace(
        finding, passage=replace(finding.passage, anchors=(TextAnchor(0, 5, "/word/document.xml", 3, 2),))
    )
    record = json.loads(json.dumps(finding_to_record(anchored)))
    assert finding_from_record(record) == anchored


def test_entry_read_without_info_counts_it_and_names_the_file(tmp_path: Path) -> None:
    from dataclasses import replace

    from reportdata_link import make_finding

    from conflictcheck.model import Severity

    cache = ResultCache(tmp_path, "ctx")
    conflict = make_finding()
    info = replace(conflict, severity=Severity.INFO, start=0)
    cache.put("e" * 64, 7, [info, conflict])
    whole = cache.get("e" * 64, "moved/draft.docx")
    assert [f.severity for f in whole.findings] == [Severity.INFO, conflict.severity] and whole.hidden_info == 0
    trimmed = cache.get("e" * 64, "moved/draft.docx", with_info=False)
    assert [f.severity for f in trimmed.findings] == [conflict.severity] and trimmed.hidden_info == 1
    assert trimmed.findings[0].passage.location.file == "moved/draft.docx"


def _interleaved() -> list:  # type: ignore[type-arg]
    from dataclasses import replace

    from conflictcheck.model import Severity

    conflict = _anchored_finding()
    info = replace(conflict, severity=Severity.INFO)
    return [replace(info, start=0), replace(conflict, start=1), replace(info, start=2), replace(info, start=3),
            replace(conflict, start=4)]  # fmt: skip


def test_info_findings_come_back_in_their_places(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path, "ctx")
    findings = _interleaved()
    cache.put("f" * 64, 9, findings)
    assert list(cache.get("f" * 64).findings) == findings
    trimmed = cache.get("f" * 64, with_info=False)
    assert list(trimmed.findings) == [f for f in findings if f.is_conflict] and trimmed.hidden_info == 3


@pytest.mark.parametrize(
    "damage",
    [
        lambda e: e.update(info=json.loads(e["info"])),  # a list, not its JSON text
        lambda e: e.update(info=e["info"][:-1]),
        lambda e: e["info_at"].pop(),
        lambda e: e["info_at"].__setitem__(0, 2),  # two findings in one place
        lambda e: e["info_at"].__setitem__(2, 5),  # beyond the last finding
        lambda e: e["info_at"].__setitem__(0, "0"),
        lambda e: e.update(info=json.dumps([{"rule_id": "itr-treaty"}] * 3)),
    ],
)
def test_damaged_info_is_a_miss_when_shown(tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    cache = ResultCache(tmp_path, "ctx")
    cache.put("f" * 64, 9, _interleaved())
    entry = next(tmp_path.rglob("*.json"))
    record = json.loads(entry.read_text(encoding="utf-8"))
    damage(record)
    entry.write_text(json.dumps(record), encoding="utf-8")
    assert cache.get("f" * 64) is None


def _json_report(result) -> dict:  # type: ignore[no-untyped-def]
    import io

    from conflictcheck.reports import write

    stream = io.StringIO()
    write("json", result, stream)
    return json.loads(stream.getvalue())


def test_rescan_from_the_cache_reports_without_parsing_the_rules(drafts: Path, tmp_path: Path) -> None:
    from conflictcheck.scan import RulebookSource

    options = ScanOptions(jobs=1, cache_dir=tmp_path / "c")
    cold = scan_paths([drafts], RulebookSource(), options)
    cold_report = _json_report(cold)
    warm = scan_paths([drafts], RulebookSource(), options)
    warm_report = _json_report(warm)
    assert "rulebook" not in warm.__dict__  # the cached property was never computed
    assert warm_report["rulebook"] == cold_report["rulebook"]
    assert warm_report["rulebook"]["rules"] and warm_report["files"] == cold_report["files"]


def test_damaged_rulebook_summary_is_a_miss(drafts: Path, tmp_path: Path) -> None:
    from conflictcheck.scan import RulebookSource

    options = ScanOptions(jobs=1, cache_dir=tmp_path / "c")
    expected = _json_report(scan_paths([drafts], RulebookSource(), options))["rulebook"]
    for summary in (tmp_path / "c" / "rulebooks").glob("*.json"):
        summary.write_text('{"fingerprint": 7, "enabled_rule_ids": "x"}', encoding="utf-8")
    warm = scan_paths([drafts], RulebookSource(), options)
    assert _json_report(warm)["rulebook"] == expected
    assert "rulebook" in warm.__dict__  # loaded, since the summary could not be trusted
