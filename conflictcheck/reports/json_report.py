"""The JSON report: one document for the whole scan (shape documented in the README)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import TYPE_CHECKING

from conflictcheck.reports import pretty_json
from conflictcheck.reports.common import (
    ReportContext,
    baseline_record,
    finding_record,
    summary_record,
    tool_version,
)
from conflictcheck.reports.streaming import Collect, Streamed, json_chunks

if TYPE_CHECKING:
    from conflictcheck.model import Finding
    from conflictcheck.scan import ScanResult

# Stands for the file's name while a finding's text is written: random, so no passage holds it.
_FILE_MARKER = f"\u0000file {os.urandom(8).hex()}\u0000"
_QUOTED_FILE_MARKER = encode_basestring(_FILE_MARKER)


def build(result: ScanResult, context: ReportContext) -> dict[str, object]:
    return _document(result, context, list)


def finding_text(finding: Finding) -> str:
    """The finding's record as this report writes it, at no indent."""
    return pretty_json.dumps(finding_record(finding))


def finding_text_pieces(finding: Finding) -> tuple[str, str]:
    """The finding's record as this report writes it (at no indent) in two pieces, before and
    after its file's name (a JSON string). A cache entry keeps them, so that a rescan writes a
    cached finding by copying text, under whatever name the scan gives the file."""
    record = finding_record(finding)
    record["location"]["file"] = _FILE_MARKER  # type: ignore[index]
    head, marker, tail = pretty_json.dumps(record).partition(_QUOTED_FILE_MARKER)
    if not marker:  # pragma: no cover - finding_record always names the file
        raise AssertionError("a finding's record without its file")
    return head, tail


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
        "files": collect(_file_records(result, written=collect is Streamed)),
        "summary": summary_record(result, context),
    }
    baseline = baseline_record(result)
    if baseline is not None:
        document["baseline"] = baseline
    return document


def _file_records(result: ScanResult, written: bool) -> Iterator[dict[str, object]]:
    """The files' records; when they are to be `written` here, a file's findings whose text its
    cache entry holds, or the scan made, are copied rather than built and encoded again."""
    for r in result.files:
        texts = r.json_texts() if written else None
        findings = [finding_record(f) for f in r.findings] if texts is None else list(map(pretty_json.Encoded, texts))
        yield {
            "path": r.display,
            "error": r.error,
            "passages": r.passages,
            "findings": findings,
        }
