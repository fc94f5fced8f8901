"""JSON Lines: one finding per line (with its file path), for grep, jq and streaming tools."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

from conflictcheck.reports.common import ReportContext, finding_record

if TYPE_CHECKING:
    from conflictcheck.scan import ScanResult


def render(result: ScanResult, context: ReportContext) -> str:
    return "".join(chunks(result, context))


def chunks(result: ScanResult, context: ReportContext) -> Iterator[str]:
    for file_result, finding in result.findings:
        record = {"path": file_result.display, **finding_record(finding)}
        yield json.dumps(record, ensure_ascii=False) + "\n"
