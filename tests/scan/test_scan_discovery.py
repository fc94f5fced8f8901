"""Finding files: recursion, globs, links, duplicates, what is never a draft."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conflictcheck.scan import discover_files


def names(files) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.display for f in files]


def test_walks_folders_and_keeps_supported_files(drafts: Path) -> None:
    files, root = discover_files([drafts])
    assert root == Path.cwd()
    assert names(files) == ["drafts/clean.txt", "drafts/high.txt", "drafts/sub/medium.md"]


def test_include_and_exclude_globs(drafts: Path) -> None:
    files, _ = discover_files([drafts], include=["*.txt"])
    assert names(files) == ["drafts/clean.txt", "drafts/high.txt"]
    files, _ = discover_files([drafts], exclude=["sub"])
    assert names(files) == ["drafts/clean.txt", "drafts/high.txt"]
    files, _ = discover_files([drafts], exclude=["clean.*", "sub/*.md"])
    assert names(files) == ["drafts/high.txt"]


def test_each_file_once_and_directory_links_not_followed(drafts: Path) -> None:
    (drafts / "loop").symlink_to(drafts, target_is_directory=True)
    (drafts / "alias.txt").symlink_to(drafts / "high.txt")
    files, _ = discover_files([drafts, drafts / "high.txt", drafts / "sub"])
    assert len(files) == len({f.path.resolve() for f in files}) == 3
    assert not any("loop" in f.display for f in files)
    # A file named through a linked folder is the same file too.
    files, _ = discover_files([drafts, drafts / "loop" / "high.txt"])
    assert len(files) == 3


def test_hidden_folders_and_word_lock_files_are_skipped(drafts: Path) -> None:
    (drafts / ".git").mkdir()
    (drafts / ".git" / "x.txt").write_text("x", encoding="utf-8")
    (drafts / "~$high.docx").write_bytes(b"lock")
    assert names(discover_files([drafts])[0]) == ["drafts/clean.txt", "drafts/high.txt", "drafts/sub/medium.md"]


def test_named_files_skip_the_extension_check_but_not_exclude(drafts: Path) -> None:
    assert names(discover_files([drafts / "ignored.csv"])[0]) == ["drafts/ignored.csv"]
    assert discover_files([drafts / "high.txt"], exclude=["high.*"])[0] == []


def test_root_outside_the_current_folder(drafts: Path, tmp_path: Path) -> None:
    os.chdir(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.chdir(elsewhere)
    files, root = discover_files([drafts / "sub", drafts / "high.txt"])
    assert root == drafts
    assert names(files) == ["high.txt", "sub/medium.md"]


def test_skip_folder_is_never_entered(drafts: Path) -> None:
    out = drafts / "annotated"
    out.mkdir()
    (out / "copy.txt").write_text("x", encoding="utf-8")
    assert "drafts/annotated/copy.txt" not in names(discover_files([drafts], skip=[out])[0])


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        discover_files([tmp_path / "nope"])


def test_walk_order_case_of_suffixes_and_broken_links(drafts: Path) -> None:
    """A folder's files come before its sub-folders' (the list is sorted by display path in the
    end); suffixes match in any case; a link to nothing, and a name with no suffix, are no drafts."""
    (drafts / "sub" / "deeper").mkdir()
    (drafts / "sub" / "deeper" / "a.TXT").write_text("x", encoding="utf-8")
    (drafts / "Upper.DOCX").write_bytes(b"not really a docx")
    (drafts / "README").write_text("x", encoding="utf-8")
    (drafts / "gone.txt").symlink_to(drafts / "nowhere.txt")
    assert names(discover_files([drafts])[0]) == [
        "drafts/Upper.DOCX",
        "drafts/clean.txt",
        "drafts/high.txt",
        "drafts/sub/deeper/a.TXT",
        "drafts/sub/medium.md",
    ]
    files, _ = discover_files([drafts], exclude=["sub/deeper"])
    assert "drafts/sub/deeper/a.TXT" not in names(files)
    files, _ = discover_files([drafts], include=["sub/*"])
    assert names(files) == ["drafts/sub/deeper/a.TXT", "drafts/sub/medium.md"]  # as fnmatch: * spans "/"


def test_display_paths_under_an_explicit_root(drafts: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("x", encoding="utf-8")
    files, root = discover_files([drafts / "high.txt", other], root=drafts)
    assert root == drafts
    assert names(files) == [other.as_posix(), "high.txt"]  # outside the root: the whole path
