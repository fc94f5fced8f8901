"""Large reports are written in pieces; the pieces make the same document."""

from __future__ import annotations

import io
import json
from pathlib import Path

from conflictcheck.reports import ReportContext, render, write
from conflictcheck.reports.json_report import build
from conflictcheck.scan import ScanOptions, scan_paths

REPO = Path(__file__).resolve().parents[2]


def test_json_written_in_pieces_is_the_rendered_document(rulebook, tmp_path):
    drafts = sorted((REPO / "corpus").glob("*.docx"))[:3]
    result = scan_paths(drafts, rulebook, ScanOptions(jobs=1, use_cache=False))
    stream = io.StringIO()
    write("json", result, stream)
    assert stream.getvalue() == render("json", result)
    assert stream.getvalue() == json.dumps(build(result, ReportContext()), indent=2, ensure_ascii=False) + "\n"
    assert len(json.loads(stream.getvalue())["files"]) == 3


def test_json_of_an_empty_scan(rulebook):
    result = scan_paths([], rulebook, ScanOptions(jobs=1, use_cache=False))
    assert json.loads(render("json", result))["files"] == []
