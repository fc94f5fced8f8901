"""conflictcheck: flag passages of draft ITU texts that cross a party's red lines.

The public API, used by the command line and the tests alike:

    rulebook = load_rulebook()                 # the bundled rules/, or folders you name
    findings = check_text("instructs the Council to convene a WCIT", rulebook, part="operative")
    passages = read_document("draft.docx")     # every story, revisions kept apart
    findings = check_passages(passages, rulebook)
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

from conflictcheck.errors import ConflictcheckError, DocumentError, RuleFileError
from conflictcheck.model import (
    CueHit,
    Explanation,
    Finding,
    LineToTake,
    Location,
    Part,
    Passage,
    Severity,
    TermHit,
    TextAnchor,
)

if TYPE_CHECKING:
    from conflictcheck.rulebook import Rulebook
    from conflictcheck.scan import ScanResult

__version__ = "0.1.0"

__all__ = [
    "ConflictcheckError",
    "CueHit",
    "DocumentError",
    "Explanation",
    "Finding",
    "LineToTake",
    "Location",
    "Part",
    "Passage",
    "RuleFileError",
    "Severity",
    "TermHit",
    "TextAnchor",
    "check_passages",
    "check_text",
    "load_rulebook",
    "read_document",
    "scan_paths",
]


def load_rulebook(*folders: str | os.PathLike[str]) -> Rulebook:
    """Load and validate rule files (the bundled `rules/` when no folder is named)."""
    from conflictcheck.rulebook import load_rulebook as _load

    return _load(*folders)


def check_text(text: str, rulebook: Rulebook | None = None, *, part: str | Part | None = None) -> list[Finding]:
    """Check one passage of text; `part` (operative, preamble, ...) is inferred when not given."""
    from conflictcheck.matching import check_text as _check

    return _check(text, rulebook if rulebook is not None else load_rulebook(), part=part)


def check_passages(passages: Iterable[Passage], rulebook: Rulebook | None = None) -> list[Finding]:
    """Check passages read from a document, each with its location."""
    from conflictcheck.matching import check_passages as _check

    return _check(passages, rulebook if rulebook is not None else load_rulebook())


def read_document(path: str | os.PathLike[str], **options: object) -> list[Passage]:
    """Read a draft (DOCX, text, Markdown, PDF with the extra) into passages, in document order."""
    from conflictcheck.documents import read_document as _read

    return _read(path, **options)


def scan_paths(
    paths: Iterable[str | os.PathLike[str]], rulebook: Rulebook | None = None, **options: object
) -> ScanResult:
    """Scan files and folders into a ScanResult; options as conflictcheck.scan.ScanOptions
    (include, exclude, jobs, show_info, use_cache, cache_dir, baseline, root, json_report)."""
    from conflictcheck.scan import ScanOptions
    from conflictcheck.scan import scan_paths as _scan

    return _scan(paths, rulebook, ScanOptions(**options))
