"""The JSON report: one document for the whole scan (shape documented in the README)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from conflictcheck.reports.common import (
    ReportContext,
    baseline_record,
    finding_record,
    summary_record,
    tool_version,
)
from conflictcheck.reports.streaming import Collect, Streamed, json_chunks

if TYPE_CHECKING:
    from conflictcheck.scan import ScanResult


def build(result: ScanResult, context: ReportContext) -> dict[str, object]:
    return _document(result, context, list)


def render(result: ScanResult, context: ReportContext) -> str:
    return "".join(chunks(result, context))


def chunks(result: ScanResult, context: ReportContext) -> Iterator[str]:
    """The document, one file entry at a time (json.dumps(build(...), indent=2) gives the same
    characters, but holds every small piece of the document until the end)."""
    return json_chunks(_document(result, context, Streamed))


def _document(result: ScanResult, context: ReportContext, collect: Collect) -> dict[str, object]:
    document: dict[str, object] = {
        "version": tool_version(),
        "rulebook": {
            "fingerprint": result.rulebook_fingerprint,
            "rules": list(result.enabled_rule_ids),
        },
        "files": collect(_file_records(result)),
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
