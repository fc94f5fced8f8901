"""Findings out: one module per format, each with `chunks(result, context)`, yielding the report
in pieces of about one file's findings, and `render(result, context) -> str`, their join.

Writing goes through `chunks`, so a report of thousands of drafts is never held whole; the
scan result already holds the findings, and the report should not hold them a second time.

Formats are imported on demand so that asking for JSON does not load the HTML templates or lxml.
Annotated Word copies (annotate_docx) write files rather than a document, so they stand apart.
"""

from __future__ import annotations

import importlib
from typing import TextIO

from conflictcheck.reports.common import ReportContext

__all__ = ["FORMATS", "MACHINE_FORMATS", "ReportContext", "render", "write"]

FORMATS: dict[str, str] = {
    "text": "conflictcheck.reports.text",
    "json": "conflictcheck.reports.json_report",
    "jsonl": "conflictcheck.reports.jsonl",
    "sarif": "conflictcheck.reports.sarif",
    "junit": "conflictcheck.reports.junit",
    "github": "conflictcheck.reports.github",
    "markdown": "conflictcheck.reports.markdown",
    "html": "conflictcheck.reports.html_report",
}

# Formats a program reads: nothing else may share standard output with them.
MACHINE_FORMATS = frozenset({"json", "jsonl", "sarif", "junit", "github"})


def render(format_name: str, result, context: ReportContext | None = None) -> str:  # type: ignore[no-untyped-def]
    """The report of `result` (a scan.ScanResult) in `format_name`, as text."""
    return _module(format_name).render(result, context or ReportContext())


def write(format_name: str, result, stream: TextIO, context: ReportContext | None = None) -> None:  # type: ignore[no-untyped-def]
    """Write the report to `stream` piece by piece."""
    for piece in _module(format_name).chunks(result, context or ReportContext()):
        stream.write(piece)


def _module(format_name: str):  # type: ignore[no-untyped-def]
    try:
        module_name = FORMATS[format_name]
    except KeyError:
        raise ValueError(f"unknown format {format_name!r} (known: {', '.join(FORMATS)})") from None
    return importlib.import_module(module_name)
