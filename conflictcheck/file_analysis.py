"""One file in, its analysis out: read it, check its passages, and turn any failure into the
file's error, never the scan's. A scan runs these in its own process or in child processes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from conflictcheck.errors import DocumentError
from conflictcheck.model import Finding, Passage, Severity

if TYPE_CHECKING:
    from conflictcheck.documents.passages import DeferredPassages
    from conflictcheck.matching import Checker
    from conflictcheck.rulebook import Rulebook


@dataclass(frozen=True)
class FileAnalysis:
    """What reading and checking one file gave (or the cache gave back for it)."""

    passages: int = 0
    findings: Sequence[Finding] = ()
    error: str | None = None
    hidden_info: int = 0  # info findings already dropped (kept as a count for --fail-on info)
    tally: Counter[tuple[str, Severity]] | None = None

    def trimmed(self, show_info: bool) -> FileAnalysis:
        """Without the info findings when they will not be shown: a scan's memory then stays
        proportional to the conflicts, not to every passage that touched a topic."""
        if show_info:
            return self
        kept = tuple(f for f in self.findings if f.is_conflict)
        dropped = len(self.findings) - len(kept)
        return FileAnalysis(self.passages, kept, self.error, self.hidden_info + dropped)


def prepare_checker(rulebook: Rulebook) -> Checker:
    """Build the checker, then hide what lives as long as the process (spaCy, the lemma table, the
    compiled rules) from the garbage collector, so each full collection during the scan walks only
    what the scan made. Only a scanning process does this: library callers keep their GC as it is."""
    import gc

    from conflictcheck.matching import checker_for

    checker = checker_for(rulebook)
    # No collection first: after building there is next to no garbage to find (none in the bundled
    # rulebook's case), and a full pass over spaCy's objects costs about 60 ms of every start.
    gc.freeze()
    return checker


def analyse_file(path: Path, rulebook: Rulebook) -> FileAnalysis:
    """Read and check one file, building only the passages the checker's prefilter admits."""
    from conflictcheck.documents import read_kept
    from conflictcheck.matching import checker_for

    checker = checker_for(rulebook)
    try:
        count, admitted = read_kept(path, checker.prefilter.admits)
    except Exception as exc:  # a bug on one file must not lose the others' results
        return FileAnalysis(error=_failure(exc))
    try:
        return FileAnalysis(count, tuple(checker.check_admitted(admitted)))
    except Exception as exc:
        return FileAnalysis(error=_failure(exc))


def try_read_deferred(path: Path) -> tuple[DeferredPassages, None] | tuple[None, str]:
    """A file read now, its passages to build later (`build_admitted`), or why it could not be read."""
    from conflictcheck.documents import read_deferred

    try:
        return read_deferred(path), None
    except Exception as exc:  # a bug on one file must not lose the others' results
        return None, _failure(exc)


def read_admitted(
    path: Path, admits: Callable[[str], bool]
) -> tuple[tuple[int, tuple[Passage, ...]], None] | tuple[None, str]:
    """A file's passage count and the passages `admits` lets through, or why it could not be read."""
    from conflictcheck.documents import read_kept

    try:
        count, admitted = read_kept(path, admits)
    except Exception as exc:  # a bug on one file must not lose the others' results
        return None, _failure(exc)
    return (count, tuple(admitted)), None


def build_admitted(
    deferred: DeferredPassages, admits: Callable[[str], bool]
) -> tuple[tuple[Passage, ...], None] | tuple[None, str]:
    """The passages of a file read earlier that `admits` lets through, or why they could not be built."""
    try:
        return tuple(deferred.build(admits)), None
    except Exception as exc:
        return None, _failure(exc)


def check_read(passage_count: int, passages: Sequence[Passage], rulebook: Rulebook) -> FileAnalysis:
    """The analysis of a file read elsewhere: its passages (all of them, or those another
    process's prefilter let through) go through this process's prefilter, then the checker."""
    from conflictcheck import check_passages

    try:
        return FileAnalysis(passage_count, tuple(check_passages(passages, rulebook)))
    except Exception as exc:
        return FileAnalysis(error=_failure(exc))


def analyse_isolated(path: Path, rulebook: Rulebook) -> FileAnalysis:
    """Read in a child process that may die alone; check in this one."""
    from conflictcheck.documents.isolation import read_document_isolated

    try:
        passages = read_document_isolated(path)
    except Exception as exc:
        return FileAnalysis(error=_failure(exc))
    return check_read(len(passages), passages, rulebook)


def _failure(exc: Exception) -> str:
    if isinstance(exc, DocumentError):
        return exc.cause
    if isinstance(exc, MemoryError):
        return "ran out of memory while reading"
    return f"internal error: {type(exc).__name__}: {exc}"
