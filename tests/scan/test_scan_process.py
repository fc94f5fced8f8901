"""The real thing: a subprocess, a process pool, and the sample corpus end to end."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conflictcheck.scan import ScanOptions, scan_paths

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def test_subprocess_stdout_holds_only_the_report(drafts: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "conflictcheck", "scan", str(drafts), "-f", "json", "--cache-dir", str(tmp_path / "c")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout)["summary"]["findings"] == 2
    assert "Scanned 3 file(s)" in done.stderr
    assert "Scanning" not in done.stderr  # no progress bar when not on a terminal


def test_help_lists_exit_codes() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "conflictcheck", "scan", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0
    assert "Exit codes" in done.stdout and "3 wins over 1" in done.stdout


def test_parallel_scan_matches_serial(drafts: Path, rulebook) -> None:
    for n in range(4):
        (drafts / f"copy{n}.txt").write_text((drafts / "high.txt").read_text() + f"\nCopy {n}.\n")
    serial = scan_paths([drafts], rulebook, ScanOptions(jobs=1, use_cache=False))
    parallel = scan_paths([drafts], rulebook, ScanOptions(jobs=2, use_cache=False))
    assert [f.to_dict() for _, f in parallel.findings] == [f.to_dict() for _, f in serial.findings]
    assert parallel.analysed == 7


@pytest.mark.skipif(not CORPUS.is_dir(), reason="no corpus")
def test_corpus_annotated_copies_carry_every_conflict(tmp_path: Path, rulebook) -> None:
    from conflictcheck.reports.annotate_docx import annotate_copies

    result = scan_paths([CORPUS], rulebook, ScanOptions(cache_dir=tmp_path / "c"))
    reports = annotate_copies(result, tmp_path / "out")
    by_source = {r.source: r for r in reports}
    for file_result in result.files:
        if file_result.file.path.suffix != ".docx" or file_result.error:
            continue
        report = by_source[file_result.file.path]
        conflicts = [f for f in file_result.findings if f.is_conflict]
        assert report.comments == len(conflicts), report.skipped
        with zipfile.ZipFile(report.target) as package:
            comments = package.read("word/comments.xml").decode() if conflicts else ""
        for finding in conflicts:
            if finding.location.story in ("footnote", "endnote"):
                assert f"\u201c{finding.text}\u201d" in comments  # anchored on the note reference


def test_a_scan_collects_garbage_less_often_and_gives_the_caller_its_settings_back(
    drafts: Path, rulebook, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    import gc

    import conflictcheck.analyse_files as analyse_files

    during: list[tuple[int, int, int]] = []
    real = analyse_files.analyse_file

    def noting(path, rulebook):  # type: ignore[no-untyped-def]
        during.append(gc.get_threshold())
        return real(path, rulebook)

    monkeypatch.setattr(analyse_files, "analyse_file", noting)
    before = gc.get_threshold()
    scan_paths([drafts], rulebook, ScanOptions(jobs=1, use_cache=False))
    assert during and all(t[0] == analyse_files.GC_FIRST_GENERATION for t in during)
    assert gc.get_threshold() == before
