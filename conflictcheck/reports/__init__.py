"""Findings out: one module per format, each with `render(result, context) -> str`.

Formats are imported on demand so that asking for JSON does not load the HTML templates or lxml.
Annotated Word copies (annotate_docx) write files rather than a document, so they stand apart.
"""

from __future__ import annotations

import importlib

from conflictcheck.reports.common import ReportContext

__all__ = ["FORMATS", "MACHINE_FORMATS", "ReportContext", "render"]

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
    try:
        module_name = FORMATS[format_name]
    except KeyError:
        raise ValueError(f"unknown format {format_name!r} (known: {', '.join(FORMATS)})") from None
    module = importlib.import_module(module_name)
    return module.render(result, context or ReportContext())
