"""Findings wait on disk between the scan and its reports, and read back as they were."""

from __future__ import annotations

import pickle
from pathlib import Path

from conflictcheck import check_text, scan_paths
from conflictcheck.finding_store import FindingStore, StoredFindings

TREATY = "instructs the Secretary-General to prepare a legally binding convention on cybersecurity,"
WCIT = "instructs the Council to convene a new WCIT to revise the International Telecommunication Regulations,"


def test_stored_findings_read_back_equal(rulebook):
    store = FindingStore(held_in_memory=0)
    first, second = check_text(TREATY, rulebook), check_text(WCIT, rulebook)
    kept_first, kept_second = store.keep(first), store.keep(second)
    assert isinstance(kept_first, StoredFindings)
    assert len(kept_first) == len(first) and list(kept_first) == first
    assert tuple(kept_second) == tuple(second) and kept_second[0] == second[0]
    assert kept_first == tuple(first) and kept_first != kept_second


def test_no_findings_write_nothing():
    assert FindingStore().keep([]) == ()


def test_first_findings_are_held_in_memory_then_written(rulebook):
    treaty, wcit = check_text(TREATY, rulebook), check_text(WCIT, rulebook)
    store = FindingStore(held_in_memory=len(treaty) + len(wcit) - 1)
    held, written, after = store.keep(treaty), store.keep(wcit), store.keep(treaty)
    assert type(held) is tuple and held == tuple(treaty)
    assert isinstance(written, StoredFindings) and list(written) == wcit
    assert isinstance(after, StoredFindings) and list(after) == treaty  # whatever room is left is too little


def test_a_store_that_writes_nothing_opens_no_file(rulebook):
    store = FindingStore()
    store.keep(check_text(TREATY, rulebook))
    assert store._opened is None


def test_pickled_stored_findings_are_plain_findings(rulebook):
    kept = FindingStore(held_in_memory=0).keep(check_text(TREATY, rulebook))
    assert pickle.loads(pickle.dumps(kept)) == tuple(kept)


def test_a_scan_keeps_its_findings_in_the_store(tmp_path: Path, rulebook, monkeypatch):
    from conflictcheck import finding_store

    monkeypatch.setattr(finding_store, "HELD_IN_MEMORY", 0)
    (tmp_path / "a.txt").write_text(TREATY + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(WCIT + "\n", encoding="utf-8")
    result = scan_paths([tmp_path], rulebook, use_cache=False)
    assert all(isinstance(r.findings, StoredFindings) for r in result.files)
    assert {f.rule_id for _, f in result.findings} == {"cyber-instrument", "itr-treaty"}
    assert [f.passage.location.file for _, f in result.findings] == ["a.txt", "b.txt"]
