"""The result cache: a warm rescan analyses nothing; entries survive concurrency and damage."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conflictcheck import documents
from conflictcheck.cache import ResultCache
from conflictcheck.cache_entry import DamagedEntry
from conflictcheck.cli import main
from conflictcheck.finding_codec import finding_from_record, finding_to_record
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
    assert any((tmp_path / "c").rglob("*.entry"))
    runner.invoke(main, [*args, "--no-cache"], catch_exceptions=False)
    assert len(counted) == 6


def test_default_cache_folder_follows_xdg(drafts: Path, tmp_path: Path) -> None:
    CliRunner().invoke(main, ["scan", "-j", "1", str(drafts)], catch_exceptions=False)
    assert any((tmp_path / "cache" / "conflictcheck").rglob("*.entry"))


def test_damaged_entry_is_a_miss_and_writes_are_whole(tmp_path: Path) -> None:
    from reportdata_link import make_finding

    cache = ResultCache(tmp_path, "ctx")
    cache.put("d" * 64, 5, [make_finding()])
    entry = next(tmp_path.rglob("*.entry"))
    assert not list(tmp_path.rglob(".tmp-*"))  # the temporary file was renamed into place
    assert cache.get("d" * 64).passages == 5
    entry.write_bytes(entry.read_bytes()[:-10])
    assert cache.get("d" * 64) is None


def _entry_file(tmp_path: Path, findings: list | None = None) -> Path:  # type: ignore[type-arg]
    cache = ResultCache(tmp_path, "ctx")
    cache.put("d" * 64, 5, findings or [_anchored_finding()])
    return next(tmp_path.rglob("*.entry"))


def _header_and_body(entry: Path) -> tuple[dict, bytes]:  # type: ignore[type-arg]
    header, _, body = entry.read_bytes().partition(b"\n")
    return json.loads(header), body


def _write(entry: Path, header: dict, body: bytes, vouch: bool = False) -> None:  # type: ignore[type-arg]
    """Write an entry back; with `vouch`, its header vouches for the body as it now is (a forgery)."""
    if vouch:
        values = json.dumps([header["passages"], header["findings"]], ensure_ascii=False).encode()
        header = {**header, "sha256": hashlib.sha256(values + b"\n" + body).hexdigest()}
    entry.write_bytes(json.dumps(header).encode() + b"\n" + body)


@pytest.mark.parametrize("at", [0, 100, -100, -1])
def test_an_entry_with_any_byte_of_its_body_changed_is_a_miss(tmp_path: Path, at: int) -> None:
    entry = _entry_file(tmp_path)
    header, body = _header_and_body(entry)
    changed = bytearray(body)
    changed[at] = ord("x") if changed[at] != ord("x") else ord("y")
    _write(entry, header, bytes(changed))
    assert ResultCache(tmp_path, "ctx").get("d" * 64) is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda h: h.pop("sha256"),
        lambda h: h.update(passages="5"),
        lambda h: h.update(findings={}),
        lambda h: h["findings"][0].pop(),
        lambda h: h["findings"][0].__setitem__(1, "dire"),
        lambda h: h["findings"][0].__setitem__(1, 3),
        lambda h: h["findings"][0].__setitem__(0, None),
        lambda h: h["findings"][0].__setitem__(2, -1),
        lambda h: h["findings"][0].__setitem__(3, "10"),
        lambda h: h["findings"][0].__setitem__(3, 10**9),  # past the body's end
        lambda h: h.update(passages=h["passages"] + 1),  # well typed, but not what was written
        lambda h: h["findings"][0].__setitem__(1, "low"),
        lambda h: h["findings"][0].__setitem__(2, h["findings"][0][2] - 1),
    ],
)
def test_an_entry_with_a_damaged_header_is_a_miss(tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    entry = _entry_file(tmp_path)
    header, body = _header_and_body(entry)
    damage(header)
    _write(entry, header, body)
    assert ResultCache(tmp_path, "ctx").get("d" * 64) is None


def _forge_records(entry: Path, damage) -> None:  # type: ignore[no-untyped-def]
    """Change the entry's records, and its header to vouch for them."""
    from conflictcheck.cache_entry import read_entry

    header, body = _header_and_body(entry)
    text = body.decode()
    records_at = sum(row[2] + row[3] for row in header["findings"])
    assert read_entry(entry.read_bytes()).body == text
    records = json.loads(text[records_at:])
    damage(records)
    _write(entry, header, (text[:records_at] + json.dumps(records)).encode(), vouch=True)


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
        lambda e: e["findings"].append(e["findings"][0]),  # more findings than the header counts
    ],
)
def test_forged_records_are_refused_with_the_entrys_name_when_decoded(tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    entry_file = _entry_file(tmp_path)
    _forge_records(entry_file, damage)
    entry = ResultCache(tmp_path, "ctx").get("d" * 64)
    assert entry is not None  # the header vouches for it: only decoding can tell
    for with_info in (True, False):
        with pytest.raises(DamagedEntry, match=str(entry_file)):
            entry.findings(with_info=with_info)


def test_a_rules_texts_are_kept_once_per_entry_and_a_findings_own_texts_kept_too(tmp_path: Path) -> None:
    from dataclasses import replace

    from conflictcheck.model import LineToTake

    first = _anchored_finding()
    second = replace(first, start=1, text=first.text[1:])
    retitled = replace(first, start=2, title="Another title")
    other_lines = replace(first, start=3, explanation=replace(first.explanation, lines_to_take=(LineToTake(9, "x"),)))
    findings = [first, second, retitled, other_lines]
    entry = ResultCache(tmp_path, "ctx").put("d" * 64, 5, findings)
    records_at = sum(head + tail for head, tail in entry.pieces)
    record = json.loads(entry.body[records_at:])
    assert list(record["rules"]) == [first.rule_id]
    assert ["texts" in f for f in record["findings"]] == [False, False, True, True]
    assert list(ResultCache(tmp_path, "ctx").get("d" * 64).findings()) == findings


def _anchored_finding():  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from reportdata_link import make_finding

    finding = make_finding()
    assert finding.rule_id == "itr-treaty" and finding.explanation.terms and finding.explanation.lines_to_take
    return replace(finding, passage=replace(finding.passage, anchors=(TextAnchor(0, 5, "/word/document.xml", 3, 2),)))


def test_codec_round_trip_keeps_anchors(tmp_path: Path) -> None:
    anchored = _anchored_finding()
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
    entry = cache.get("e" * 64)
    whole = entry.findings("moved/draft.docx")
    assert [f.severity for f in whole] == [Severity.INFO, conflict.severity] and entry.hidden_info(True) == 0
    trimmed = entry.findings("moved/draft.docx", with_info=False)
    assert [f.severity for f in trimmed] == [conflict.severity] and entry.hidden_info(False) == 1
    assert trimmed[0].passage.location.file == "moved/draft.docx"
    assert entry.tally(False) == {(conflict.rule_id, conflict.severity): 1}
    assert entry.tally(True) == {(conflict.rule_id, conflict.severity): 1, (conflict.rule_id, Severity.INFO): 1}


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
    entry = cache.get("f" * 64)
    assert list(entry.findings()) == findings
    assert list(entry.findings(with_info=False)) == [f for f in findings if f.is_conflict]
    assert entry.count(False) == 2 and entry.hidden_info(False) == 3 and entry.count(True) == 5


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
def test_forged_info_is_refused_when_shown(tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    _forge_records(_entry_file(tmp_path, _interleaved()), damage)
    entry = ResultCache(tmp_path, "ctx").get("d" * 64)
    with pytest.raises(DamagedEntry):
        entry.findings()


def test_an_entry_holds_each_finding_as_the_json_report_writes_it(tmp_path: Path) -> None:
    from conflictcheck.reports import pretty_json
    from conflictcheck.reports.common import finding_record

    findings = _interleaved()
    entry = ResultCache(tmp_path, "ctx").put("f" * 64, 9, findings)
    name = 'moved/"odd" dräft.docx'
    for with_info in (True, False):
        shown = [f for f in findings if with_info or f.is_conflict]
        expected = [pretty_json.dumps(finding_record(_named(f, name))) for f in shown]
        assert entry.json_texts(name, with_info) == expected


def _named(finding, file: str):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    location = replace(finding.passage.location, file=file)
    return replace(finding, passage=replace(finding.passage, location=location))


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


@pytest.mark.parametrize("show_info", [False, True])
@pytest.mark.parametrize("held", [0, 10_000])
def test_reports_from_the_cache_are_those_of_a_scan_without_it(
    drafts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, show_info: bool, held: int
) -> None:
    """Cold (entries just written) and warm, held in memory or written to the store: every format
    says what a scan without the cache says, character for character."""
    from conflictcheck import finding_store
    from conflictcheck.reports import FORMATS, render

    monkeypatch.setattr(finding_store, "HELD_IN_MEMORY", held)
    reasons = "Reasons: There is no need for a new treaty on cybersecurity; ITU should keep to its mandate.\n"
    (drafts / "info.txt").write_text(reasons, encoding="utf-8")
    plain = scan_paths([drafts], None, ScanOptions(jobs=1, use_cache=False, show_info=show_info))
    cached = ScanOptions(jobs=1, cache_dir=tmp_path / "c", show_info=show_info)
    cold, warm = scan_paths([drafts], None, cached), scan_paths([drafts], None, cached)
    assert warm.analysed == 0 and plain.finding_count == (3 if show_info else 2)
    for name in FORMATS:
        expected = render(name, plain)
        assert render(name, cold) == expected, name
        assert render(name, warm) == expected, name
    assert _json_report(warm) == json.loads(render("json", plain))


def test_cli_names_a_forged_entry_and_exits_3(drafts: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    args = ["scan", "-j", "1", str(drafts / "high.txt"), "--cache-dir", str(tmp_path / "c"), "-f", "text", "-q"]
    assert runner.invoke(main, args, catch_exceptions=False).exit_code == 1  # a high finding
    entry_file = next((tmp_path / "c").rglob("*.entry"))
    _forge_records(entry_file, lambda e: e["findings"][0].update(text=5))
    result = runner.invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 3
    assert f"cache entry {entry_file}: damaged" in result.output and "--no-cache" in result.output
    assert runner.invoke(main, [*args, "--no-cache"], catch_exceptions=False).exit_code == 1


PARTS = ("word/document.xml", "word/comments.xml")


def _part(docx: Path, name: str) -> bytes | None:
    import zipfile

    with zipfile.ZipFile(docx) as package:
        return package.read(name) if name in package.namelist() else None


def test_annotated_copies_from_the_cache_are_those_of_a_scan_without_it(tmp_path: Path) -> None:
    """Comments need each finding's anchors, which only the entry's records keep."""
    import shutil

    from conflictcheck.reports.annotate_docx import annotate_copies

    corpus = Path(__file__).resolve().parents[2] / "corpus"
    drafts = tmp_path / "docx"
    drafts.mkdir()
    for name in ("ARB-69A3-new-wcit.docx", "DT45-res102-adhoc-revision-marks.docx", "EUR-44A12-ukraine-support.docx"):
        shutil.copy(corpus / name, drafts / name)
    copies = {}
    for run, options in {
        "plain": ScanOptions(jobs=1, use_cache=False),
        "cold": ScanOptions(jobs=1, cache_dir=tmp_path / "c"),
        "warm": ScanOptions(jobs=1, cache_dir=tmp_path / "c"),
    }.items():
        result = scan_paths([drafts], None, options)
        assert result.analysed == (0 if run == "warm" else 3)
        reports = annotate_copies(result, tmp_path / run)
        assert sum(r.comments for r in reports) >= 3
        copies[run] = {(r.target.name, part): _part(r.target, part) for r in reports for part in PARTS}
    assert copies["cold"] == copies["plain"] and copies["warm"] == copies["plain"]
