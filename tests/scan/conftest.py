from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from scandata import HIGH, MEDIUM


@pytest.fixture(scope="session")
def rulebook():  # type: ignore[no-untyped-def]
    from conflictcheck import load_rulebook

    return load_rulebook()


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test runs in its own folder, with its own cache and no CI progress bar."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("CI", "1")


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    """drafts/ with one high finding, one medium, one clean file, in a sub-folder too."""
    folder = tmp_path / "work" / "drafts"
    (folder / "sub").mkdir(parents=True)
    (folder / "high.txt").write_text(HIGH, encoding="utf-8")
    (folder / "sub" / "medium.md").write_text(MEDIUM, encoding="utf-8")
    (folder / "clean.txt").write_text("The Conference notes the importance of connectivity.\n", encoding="utf-8")
    (folder / "ignored.csv").write_text("a,b\n", encoding="utf-8")
    return folder
