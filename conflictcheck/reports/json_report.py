"""The JSON report: one document for the whole scan (shape documented in the README)."""

from __future__ import annotations

import json
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
    document: dict[str, object] = {
        "version": tool_version(),
        "rulebook": {
            "fingerprint": result.rulebook_fingerprint,
            "rules": [r.id for r in result.rules if r.enabled],
        },
        "files": [
            {
                "path": r.display,
                "error": r.error,
                "passages": r.passages,
                "findings": [finding_record(f) for f in r.findings],
            }
            for r in result.files
        ],
        "summary": summary_record(result, context),
    }
    baseline = baseline_record(result)
    if baseline is not None:
        document["baseline"] = baseline
    return document


def render(result: ScanResult, context: ReportContext) -> str:
    return json.dumps(build(result, context), indent=2, ensure_ascii=False) + "\n"
