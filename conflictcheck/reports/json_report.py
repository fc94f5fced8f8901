"""The JSON report: one document for the whole scan (shape documented in the README)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

from conflictcheck.reports.common import (
    ReportContext,
    baseline_record,
    finding_record,
    summary_record,
    tool_version,
)

if TYPE_CHECKING:
    from conflictcheck.scan import ScanResult


def build(result: ScanResult, context: ReportContext) -> dict[str, object]:
    document = _frame(result, context)
    document["files"] = list(_file_records(result))
    return document


def render(result: ScanResult, context: ReportContext) -> str:
    """The document, written one file entry at a time.

    json.dumps with an indent encodes in Python, holding every small piece of the whole
    document until the end; per entry, only one file's pieces are alive at once.
    """
    marker = "\u0000files\u0000"
    frame = _frame(result, context)
    frame["files"] = marker
    text = json.dumps(frame, indent=2, ensure_ascii=False)
    entries = [_indent(json.dumps(entry, indent=2, ensure_ascii=False)) for entry in _file_records(result)]
    files = "[\n" + ",\n".join(entries) + "\n  ]" if entries else "[]"
    return text.replace(json.dumps(marker), files, 1) + "\n"


def _frame(result: ScanResult, context: ReportContext) -> dict[str, object]:
    document: dict[str, object] = {
        "version": tool_version(),
        "rulebook": {
            "fingerprint": result.rulebook_fingerprint,
            "rules": [r.id for r in result.rules if r.enabled],
        },
        "files": [],
        "summary": summary_record(result, context),
    }
    baseline = baseline_record(result)
    if baseline is not None:
        document["baseline"] = baseline
    return document


def _file_records(result: ScanResult) -> Iterator[dict[str, object]]:
    for r in result.files:
        yield {
            "path": r.display,
            "error": r.error,
            "passages": r.passages,
            "findings": [finding_record(f) for f in r.findings],
        }


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.split("\n"))
