"""Findings wait on disk between the scan and its reports, and read back as they were."""

from __future__ import annotations

import pickle
from pathlib import Path

from conflictcheck import check_text, scan_paths
from conflictcheck.finding_store import FindingStore, RenderedFindings, StoredFindings

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


def _entry(rulebook, text: str = TREATY):  # type: ignore[no-untyped-def]
    from conflictcheck.cache_entry import make_entry

    return make_entry(1, check_text(text, rulebook))


def test_an_entry_held_or_written_reads_back_its_findings_and_texts(rulebook):
    from conflictcheck.finding_store import EntryFindings

    entry = _entry(rulebook)
    assert entry.count(False) >= 1
    held = FindingStore().keep_entry(entry, "a.txt", False)
    written = FindingStore(held_in_memory=0).keep_entry(entry, "a.txt", False)
    for kept in (held, written):
        assert isinstance(kept, EntryFindings) and len(kept) == entry.count(False)
        assert list(kept) == list(entry.findings("a.txt", False)) and kept[0].location.file == "a.txt"
        assert kept.json_texts() == entry.json_texts("a.txt", False)
        assert pickle.loads(pickle.dumps(kept)) == tuple(kept)
    assert held == written


def test_an_entry_costs_room_for_every_finding_it_holds(rulebook):
    entry = _entry(rulebook)
    store = FindingStore(held_in_memory=entry.size)
    assert store.keep_entry(entry, "a.txt", True)._entry is entry  # held
    assert store.keep_entry(entry, "b.txt", True)._entry is not entry  # no room left: written
    assert FindingStore().keep_entry(_entry(rulebook, "No topic here."), "c.txt", True) == ()


def test_rendered_findings_are_the_findings_with_their_texts_and_cost_double_room(rulebook):
    treaty = check_text(TREATY, rulebook)
    store = FindingStore(held_in_memory=2 * len(treaty) + 1)
    rendered = store.keep(treaty, lambda f: f"<{f.rule_id}>")
    assert isinstance(rendered, RenderedFindings)
    assert rendered == tuple(treaty) and list(rendered) == treaty
    assert rendered.json_texts() == [f"<{f.rule_id}>" for f in treaty]
    assert pickle.loads(pickle.dumps(rendered)) == tuple(treaty)
    # One unit of room is left: too little to hold the next finding with its text.
    assert isinstance(store.keep(treaty[:1], str), StoredFindings)


def test_a_scan_for_a_json_report_writes_the_same_report_from_texts_made_as_files_complete(
    tmp_path: Path, rulebook, monkeypatch
):
    from conflictcheck import finding_store
    from conflictcheck.reports import ReportContext, render

    (tmp_path / "a.txt").write_text(TREATY + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(WCIT + "\n", encoding="utf-8")
    plain = scan_paths([tmp_path], rulebook, use_cache=False, show_info=True)
    made = scan_paths([tmp_path], rulebook, use_cache=False, show_info=True, json_report=True)
    assert all(isinstance(r.findings, RenderedFindings) for r in made.files if r.findings)
    assert all(r.json_texts() is None for r in plain.files)
    expected = render("json", plain, ReportContext())
    assert render("json", made, ReportContext()) == expected
    monkeypatch.setattr(finding_store, "HELD_IN_MEMORY", 1)  # the findings go to disk, without texts
    spilled = scan_paths([tmp_path], rulebook, use_cache=False, show_info=True, json_report=True)
    assert all(isinstance(r.findings, StoredFindings) for r in spilled.files if r.findings)
    assert render("json", spilled, ReportContext()) == expected


def test_a_scan_with_a_baseline_makes_no_json_text_it_would_throw_away(tmp_path: Path, rulebook, monkeypatch):
    from conflictcheck.baseline import Baseline
    from conflictcheck.reports import json_report

    made: list[object] = []
    real = json_report.finding_text
    monkeypatch.setattr(json_report, "finding_text", lambda f: made.append(f) or real(f))
    (tmp_path / "a.txt").write_text(TREATY + "\n", encoding="utf-8")
    scan_paths([tmp_path], rulebook, use_cache=False, json_report=True, baseline=Baseline(()))
    assert made == []
    scan_paths([tmp_path], rulebook, use_cache=False, json_report=True)
    assert made
