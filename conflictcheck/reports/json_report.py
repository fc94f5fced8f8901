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
    return "".join(chunks(result, context))


def chunks(result: ScanResult, context: ReportContext) -> Iterator[str]:
    """The document, one file entry at a time.

    json.dumps with an indent encodes in Python and holds every small piece of the document
    until the end; here only one file's entry is alive at once, and a writer never needs the
    whole text (json.dumps(build(...), indent=2) gives the same characters).
    """
    marker = "\u0000files\u0000"
    frame = _frame(result, context)
    frame["files"] = marker
    head, tail = json.dumps(frame, indent=2, ensure_ascii=False).split(json.dumps(marker), 1)
    yield head
    empty = True
    for entry in _file_records(result):
        yield ("[\n" if empty else ",\n") + _indent(json.dumps(entry, indent=2, ensure_ascii=False))
        empty = False
    yield "[]" if empty else "\n  ]"
    yield tail + "\n"


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
