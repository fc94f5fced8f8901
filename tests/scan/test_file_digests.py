"""The digest index: a settled, unchanged file is not hashed again; any change to it is seen."""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

import pytest

import conflictcheck.file_digests as file_digests
from conflictcheck.file_digests import FileDigests
from conflictcheck.scan import DIGESTS_FILE, ScanOptions, scan_paths


@pytest.fixture
def hashed(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files hashed, in order."""
    calls: list[Path] = []
    real = file_digests.file_digest

    def counting(path: Path) -> str:
        calls.append(path)
        return real(path)

    monkeypatch.setattr(file_digests, "file_digest", counting)
    return calls


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file counts as settled, however recently written: the tests then wait a clock tick
    themselves before changing a file."""
    monkeypatch.setattr(file_digests, "SETTLED_SECONDS", -3600)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_unchanged_settled_file_is_hashed_once(tmp_path: Path, hashed: list[Path], settled: None) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("resolves to convene a conference", encoding="utf-8")
    index = tmp_path / "cache" / "digests.json"
    first = FileDigests(index)
    assert first.digest(draft) == _sha(draft)
    first.save()
    again = FileDigests(index)
    assert again.digest(draft) == _sha(draft)
    assert hashed == [draft]


def test_a_change_that_keeps_size_and_mtime_is_seen(tmp_path: Path, hashed: list[Path], settled: None) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("resolves to convene a conference", encoding="utf-8")
    index = tmp_path / "digests.json"
    first = FileDigests(index)
    first.digest(draft)
    first.save()
    before = os.stat(draft)
    time.sleep(0.05)  # past the file system's clock tick, as a real edit is
    draft.write_text("resolves to convene a WCIT again", encoding="utf-8")
    os.utime(draft, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(draft).st_size == before.st_size and os.stat(draft).st_mtime_ns == before.st_mtime_ns
    assert FileDigests(index).digest(draft) == _sha(draft)
    assert len(hashed) == 2


def test_a_file_written_just_now_is_hashed_each_time(tmp_path: Path, hashed: list[Path]) -> None:
    # Its next write could fall in the same clock tick and leave its stat as it is.
    draft = tmp_path / "draft.txt"
    draft.write_text("text", encoding="utf-8")
    index = tmp_path / "digests.json"
    for _ in range(2):
        digests = FileDigests(index)
        digests.digest(draft)
        digests.save()
    assert len(hashed) == 2
    assert not index.exists()


def test_an_entry_is_dropped_when_its_file_changes_too_lately_to_keep(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("text", encoding="utf-8")
    index = tmp_path / "digests.json"
    monkeypatch.setattr(file_digests, "SETTLED_SECONDS", -3600)
    first = FileDigests(index)
    first.digest(draft)
    first.save()
    assert str(draft) in json.loads(index.read_text(encoding="utf-8"))["files"]
    monkeypatch.setattr(file_digests, "SETTLED_SECONDS", 10)
    time.sleep(0.05)
    draft.write_text("next", encoding="utf-8")
    again = FileDigests(index)
    assert again.digest(draft) == _sha(draft)
    again.save()
    assert str(draft) not in json.loads(index.read_text(encoding="utf-8"))["files"]


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        '{"version": 1, "files": []}',
        '{"version": 99, "files": {}}',
        '{"version": 1, "files": {"X": [1, 2, 3, 4, 5, "short"]}}',
        '{"version": 1, "files": {"X": [1, 2, 3, 4, "5", "' + "0" * 64 + '"]}}',
    ],
)
def test_a_damaged_index_only_costs_hashing(tmp_path: Path, hashed: list[Path], settled: None, content: str) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("text", encoding="utf-8")
    index = tmp_path / "digests.json"
    index.write_text(content.replace("X", json.dumps(str(draft))[1:-1]), encoding="utf-8")
    assert FileDigests(index).digest(draft) == _sha(draft)
    assert hashed == [draft]


def test_other_files_entries_are_kept(tmp_path: Path, settled: None) -> None:
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    one.write_text("one", encoding="utf-8")
    two.write_text("two", encoding="utf-8")
    index = tmp_path / "digests.json"
    first = FileDigests(index)
    first.digest(one)
    first.save()
    second = FileDigests(index)
    second.digest(two)
    second.save()
    assert set(json.loads(index.read_text(encoding="utf-8"))["files"]) == {str(one), str(two)}


def test_a_warm_rescan_hashes_no_settled_file(
    drafts: Path, rulebook, tmp_path: Path, hashed: list[Path], settled: None
) -> None:  # type: ignore[no-untyped-def]
    options = ScanOptions(jobs=1, cache_dir=tmp_path / "c")
    cold = scan_paths([drafts], rulebook, options)
    assert len(hashed) == 3 and (tmp_path / "c" / DIGESTS_FILE).exists()
    warm = scan_paths([drafts], rulebook, options)
    assert len(hashed) == 3 and warm.analysed == 0
    assert [f.to_dict() for _, f in warm.findings] == [f.to_dict() for _, f in cold.findings]
    time.sleep(0.05)
    (drafts / "clean.txt").write_text("A different text.\n", encoding="utf-8")
    assert scan_paths([drafts], rulebook, options).analysed == 1
