"""The parallel scan that loads spaCy once: same answers as one process, whatever the timing,
and no draft lost when a child process dies."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import conflictcheck.analyse_files as analyse_files
import conflictcheck.file_analysis as file_analysis
import conflictcheck.overlapped_scan as overlapped
from conflictcheck.scan import ScanOptions, ScanResult, scan_paths

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

pytestmark = pytest.mark.skipif(not overlapped.fork_available(), reason="the overlapped scan needs fork")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The sample drafts, a broken one and an empty one: every kind of answer a child sends."""
    target = tmp_path / "drafts"
    shutil.copytree(CORPUS, target, ignore=shutil.ignore_patterns("*.json", "*.yaml", "*.yml"))
    (target / "broken.docx").write_bytes(b"not a zip file")
    (target / "empty.txt").write_text("", encoding="utf-8")
    return target


def _answers(result: ScanResult) -> list[tuple[str, int, str | None, list[dict]]]:
    return [(r.display, r.passages, r.error, [f.to_dict() for f in r.findings]) for r in result.files]


def _scan(folder: Path, rulebook, jobs: int) -> ScanResult:
    return scan_paths([folder], rulebook, ScanOptions(jobs=jobs, use_cache=False, show_info=True))


@pytest.fixture
def serial(folder: Path, rulebook) -> ScanResult:
    return _scan(folder, rulebook, jobs=1)


def test_same_answers_as_one_process(folder: Path, rulebook, serial: ScanResult) -> None:
    answers = _answers(serial)
    assert any(findings for *_, findings in answers) and any(error for _, _, error, _ in answers)
    assert _answers(_scan(folder, rulebook, jobs=2)) == answers
    assert _answers(_scan(folder, rulebook, jobs=3)) == answers


def test_reader_that_must_wait_for_the_prefilter(
    folder: Path, rulebook, serial: ScanResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(overlapped, "MAX_WAITING_DRAFTS", 1)
    assert _answers(_scan(folder, rulebook, jobs=2)) == _answers(serial)


def test_drafts_of_a_dead_child_are_retried(
    folder: Path, rulebook, serial: ScanResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = os.getpid()
    read = file_analysis.try_read_deferred

    def dies_on_one_draft(path: Path):
        if os.getpid() != parent and path.name == "broken.docx":
            os._exit(9)  # as a child killed by a hostile draft would
        return read(path)

    monkeypatch.setattr(file_analysis, "try_read_deferred", dies_on_one_draft)
    assert _answers(_scan(folder, rulebook, jobs=2)) == _answers(serial)


def _slow_checkers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Checkers that take a while over each draft, so that the reader takes drafts too."""
    import time

    analyse = file_analysis.analyse_file

    def slowly(path: Path, rulebook):  # type: ignore[no-untyped-def]
        time.sleep(0.2)
        return analyse(path, rulebook)

    monkeypatch.setattr(file_analysis, "analyse_file", slowly)


@pytest.mark.parametrize("jobs", [2, 3])
def test_reader_that_reads_on_after_the_prefilter(
    folder: Path, rulebook, serial: ScanResult, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """A reader that holds no draft for the prefilter reads every draft it takes with it at hand,
    as one of the jobs."""
    log = folder.parent / "read-by-reader.txt"
    read = file_analysis.read_admitted

    def logged(path: Path, admits):  # type: ignore[no-untyped-def]
        with open(log, "a", encoding="utf-8") as out:
            out.write(f"{path.name}\n")
        return read(path, admits)

    monkeypatch.setattr(overlapped, "MAX_WAITING_DRAFTS", 0)
    monkeypatch.setattr(file_analysis, "read_admitted", logged)
    _slow_checkers(monkeypatch)
    assert _answers(_scan(folder, rulebook, jobs=jobs)) == _answers(serial)
    read_by_reader = log.read_text(encoding="utf-8").split()
    assert read_by_reader and len(set(read_by_reader)) == len(read_by_reader)


def test_drafts_of_a_reader_that_dies_reading_on_are_retried(
    folder: Path, rulebook, serial: ScanResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    def dies(path: Path, admits):  # type: ignore[no-untyped-def]
        os._exit(9)  # the reader, killed by the first draft it reads with the prefilter at hand

    monkeypatch.setattr(overlapped, "MAX_WAITING_DRAFTS", 0)
    monkeypatch.setattr(file_analysis, "read_admitted", dies)
    _slow_checkers(monkeypatch)
    assert _answers(_scan(folder, rulebook, jobs=2)) == _answers(serial)


def test_process_pool_where_fork_is_missing(
    folder: Path, rulebook, serial: ScanResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(overlapped, "fork_available", lambda: False)
    assert _answers(_scan(folder, rulebook, jobs=2)) == _answers(serial)


def test_reader_that_dies_before_the_start_is_over(
    folder: Path, rulebook, serial: ScanResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Slow the start down so that the reader alone takes drafts, and let one of them kill it."""
    import time

    prepare = file_analysis.prepare_checker

    def slow_start(rulebook):
        time.sleep(1.0)
        return prepare(rulebook)

    monkeypatch.setattr(file_analysis, "prepare_checker", slow_start)
    test_drafts_of_a_dead_child_are_retried(folder, rulebook, serial, monkeypatch)


def test_passages_that_fail_to_build_are_that_draft_s_error(
    folder: Path, rulebook, serial: ScanResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A slow start lets the reader read every draft before the prefilter comes; building one
    draft's passages then fails. That draft reports the failure, the others are as in one process."""
    import time

    from conflictcheck.documents.passages import DeferredPassages

    prepare, build = file_analysis.prepare_checker, DeferredPassages.build
    victim = sorted(p.name for p in folder.iterdir() if p.suffix == ".docx")[0]

    def slow_start(rulebook):  # type: ignore[no-untyped-def]
        time.sleep(1.0)
        return prepare(rulebook)

    def fails_on_one(self, keep=None):  # type: ignore[no-untyped-def]
        if self._file.endswith(victim):
            raise RuntimeError("cannot build")
        return build(self, keep)

    monkeypatch.setattr(file_analysis, "prepare_checker", slow_start)
    monkeypatch.setattr(DeferredPassages, "build", fails_on_one)
    answers = _answers(_scan(folder, rulebook, jobs=2))
    expected = _answers(serial)
    failed = [a for a in answers if a[0].endswith(victim)]
    assert [a for a in answers if not a[0].endswith(victim)] == [e for e in expected if not e[0].endswith(victim)]
    assert len(failed) == 1 and failed[0][2] == "internal error: RuntimeError: cannot build"


def test_process_pool_survives_a_dead_worker(
    folder: Path, rulebook, serial: ScanResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Forked workers, so that they inherit the draft that kills them.
    monkeypatch.setattr(analyse_files, "POOL_START_METHOD", "fork")
    monkeypatch.setattr(overlapped, "fork_available", lambda: False)
    test_drafts_of_a_dead_child_are_retried(folder, rulebook, serial, monkeypatch)


def test_no_fork_while_other_threads_run(folder: Path, rulebook, serial: ScanResult) -> None:
    """A library caller with threads of its own gets the pool, whose workers start afresh."""
    import threading

    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert not overlapped.fork_available()
        assert _answers(_scan(folder, rulebook, jobs=2)) == _answers(serial)
    finally:
        release.set()
        other.join()
    assert overlapped.fork_available()


def test_rules_that_fail_to_load_stop_the_reader(folder: Path, tmp_path: Path) -> None:
    """The reader starts before the rules load; a rule file error still ends the scan, and the
    reader with it."""
    import multiprocessing

    from conflictcheck.errors import RuleFileError
    from conflictcheck.scan import RulebookSource

    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "bad.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    source = RulebookSource(folders=(rules,), mode="replace")
    with pytest.raises(RuleFileError, match=r"bad\.yaml"):
        scan_paths([folder], source, ScanOptions(jobs=2, use_cache=False))
    assert multiprocessing.active_children() == []
