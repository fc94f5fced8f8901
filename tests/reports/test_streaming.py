"""Large reports are written in pieces; the pieces make the same document.

tests/reports/golden/several.<format> hold what each format wrote before it was streamed
(whole-string renderers, on reportdata.several_files_result); a deliberate change of a format
means writing them again: `python tests/reports/test_streaming.py`.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from reportdata import file_result, make_finding, make_result, several_files_result

from conflictcheck.model import Severity
from conflictcheck.reports import FORMATS, ReportContext, render, write
from conflictcheck.reports.json_report import build
from conflictcheck.reports.sarif import build as build_sarif
from conflictcheck.reports.streaming import Streamed, joined, json_chunks, rstripped
from conflictcheck.scan import ScanOptions, scan_paths

REPO = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parent / "golden"
SCHEMA = REPO / ".." / "shared" / "schemas" / "sarif-schema-2.1.0.json"
CONTEXT = ReportContext(fail_on=Severity.MEDIUM)
VERSION = "0.0.0-golden"  # the tool's version is in several formats; the golden files fix it


class Recorder:
    """A stream that keeps each write apart."""

    def __init__(self) -> None:
        self.pieces: list[str] = []

    def write(self, text: str) -> int:
        self.pieces.append(text)
        return len(text)


@pytest.fixture
def pinned_version(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr("conflictcheck.cache.tool_version", lambda: VERSION)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_written_in_pieces_is_its_whole_document(pinned_version, name: str) -> None:
    result = several_files_result()
    stream = io.StringIO()
    write(name, result, stream, CONTEXT)
    expected = (GOLDEN / f"several.{name}").read_bytes().decode("utf-8")
    assert stream.getvalue() == expected
    assert render(name, result, CONTEXT) == expected


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_no_piece_holds_two_files_findings(name: str) -> None:
    names = [f"drafts/file-{n}.docx" for n in range(6)]
    result = make_result(*(file_result(display, [make_finding(), make_finding(paragraph=8)]) for display in names))
    recorder = Recorder()
    write(name, result, recorder, CONTEXT)  # type: ignore[arg-type]
    for piece in recorder.pieces:
        assert sum(display in piece for display in names) <= 1, piece
    assert len(recorder.pieces) >= len(names)


def test_sarif_written_in_pieces_is_the_encoded_log() -> None:
    result = several_files_result()
    stream = io.StringIO()
    write("sarif", result, stream, CONTEXT)
    assert stream.getvalue() == json.dumps(build_sarif(result, CONTEXT), indent=2, ensure_ascii=False) + "\n"


def test_sarif_written_in_pieces_validates_against_the_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.is_file():
        pytest.skip(f"no SARIF schema at {SCHEMA}")
    stream = io.StringIO()
    write("sarif", several_files_result(), stream, CONTEXT)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft7Validator(schema).iter_errors(json.loads(stream.getvalue())))
    assert not errors, errors[0].message


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


@pytest.mark.parametrize(
    "lists",
    [
        {"a": [], "b": []},
        {"a": [1, {"x": [1, 2], "y": {}}], "b": ["\u0000", "é\n<"]},
        {"a": [[], [[1]], {"deep": {"er": []}}], "b": [None]},
    ],
)
def test_json_chunks_encode_as_json_dumps(lists: dict[str, list[object]]) -> None:
    def document(collect):  # type: ignore[no-untyped-def]
        return {"head": 1, "a": collect(lists["a"]), "mid": {"runs": [{"b": collect(lists["b"])}]}, "tail": "t"}

    streamed = list(json_chunks(document(Streamed)))
    assert "".join(streamed) == json.dumps(document(list), indent=2, ensure_ascii=False) + "\n"
    assert len(streamed) >= 5  # frame pieces and list closings, at least


def test_json_chunks_refuse_what_json_refuses() -> None:
    with pytest.raises(TypeError, match="set is not JSON serializable"):
        list(json_chunks({"a": {1}}))


@pytest.mark.parametrize(
    "blocks",
    [[], [[]], [[""]], [["a", ""], [], ["b"]], [["x  ", ""], ["", " \t"]], [[" "], [" "]], [["a"], ["", "  "], []]],
)
def test_joined_and_rstripped_are_join_and_rstrip(blocks: list[list[str]]) -> None:
    lines = [line for block in blocks for line in block]
    assert "".join(joined(blocks)) == "\n".join(lines)
    assert "".join(rstripped(joined(blocks))) == "\n".join(lines).rstrip()


def _write_golden() -> None:
    """The golden files, from whatever conflictcheck is importable (see the module docstring)."""
    import conflictcheck.cache

    conflictcheck.cache.tool_version = lambda: VERSION  # type: ignore[assignment]
    GOLDEN.mkdir(exist_ok=True)
    for name in FORMATS:
        (GOLDEN / f"several.{name}").write_bytes(render(name, several_files_result(), CONTEXT).encode("utf-8"))


if __name__ == "__main__":
    _write_golden()
