"""The fast path for plain paragraphs and the fast record makers change speed, never results."""

from __future__ import annotations

import dataclasses
import gc
from pathlib import Path

import docx as python_docx
import pytest
from docbuild import build_docx, p, run

from conflictcheck.documents import docx as docx_module
from conflictcheck.documents import read_deferred, read_document, read_kept
from conflictcheck.documents.records import make_anchor, make_location, make_passage
from conflictcheck.model import LineToTake, Location, Part, Passage, TextAnchor

DEL = '<w:del w:id="2" w:author="A"><w:r><w:delText xml:space="preserve">{}</w:delText></w:r></w:del>'


def _mixed(tmp_path: Path) -> Path:
    numbering = (
        '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    )
    numbered = (
        '<w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs>'
        '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    )
    body = (
        p("MOD RCC/62A1/3")
        + p(run("resolves", "<w:i/>"))
        + p("  plain ", "split", " runs\t", "<w:r><w:tab/><w:br/><w:t>after</w:t></w:r>", ppr=numbered)
        + p("to keep ", DEL.format("multistakeholder"), " text", ppr=numbered)
        + p("with ", run("struck", "<w:strike/>"), " word")
        + "<w:tbl><w:tr><w:tc>"
        + p("cell text")
        + "</w:tc></w:tr></w:tbl>"
        + p(
            "see ",
            '<w:hyperlink r:id="rId9">' + run("a link") + "</w:hyperlink>",
            '<w:r><w:footnoteReference w:id="1"/></w:r>',
        )
        + p("last")
    )
    return build_docx(tmp_path / "mixed.docx", body, numbering=numbering, footnotes={"1": p("a note")})


def _python_docx_file(tmp_path: Path) -> Path:
    doc = python_docx.Document()
    doc.add_paragraph("ADD EUR/44A2/1")
    doc.add_paragraph().add_run("instructs the Council").italic = True
    doc.add_paragraph("first item", style="List Number")
    doc.add_paragraph("second item", style="List Number")
    doc.add_table(rows=1, cols=1).cell(0, 0).text = "cell"
    path = tmp_path / "made.docx"
    doc.save(str(path))
    return path


@pytest.mark.parametrize("make", [_mixed, _python_docx_file])
def test_fast_and_full_walk_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make: object) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    fast = read_document(path)
    monkeypatch.setattr(docx_module.DocxWalker, "_simple_paragraph", lambda self, p, st: False)
    full = read_document(path)
    assert fast == full
    assert [x.anchors for x in fast] == [x.anchors for x in full]


@pytest.mark.parametrize("make", [_mixed, _python_docx_file])
@pytest.mark.parametrize("word", ["multistakeholder", "item", "t", "no such text"])
def test_kept_passages_are_the_read_ones_that_pass(tmp_path: Path, make: object, word: str) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    every = read_document(path)
    count, kept = read_kept(path, lambda text: word in text)
    assert count == len(every) == read_kept(path)[0]
    wanted = [x for x in every if word in x.text]
    assert kept == wanted
    assert [x.anchors for x in kept] == [x.anchors for x in wanted]


@pytest.mark.parametrize("make", [_mixed, _python_docx_file])
def test_deferred_passages_build_as_read_kept_does(tmp_path: Path, make: object) -> None:
    """Read once, built later with any filter, any number of times: the passages read_kept gives,
    and no XML held in between."""
    path = make(tmp_path)  # type: ignore[operator]
    deferred = read_deferred(path)
    assert all(raw.source is None for raw, *_ in deferred._found)
    for word in ["multistakeholder", "item", "t", "no such text", None]:
        keep = None if word is None else (lambda text, word=word: word in text)
        count, kept = read_kept(path, keep)
        built = deferred.build(keep)
        assert deferred.count == count
        assert built == kept
        assert [x.anchors for x in built] == [x.anchors for x in kept]


def test_fast_makers_equal_the_constructors() -> None:
    assert make_anchor(1, 4, "/word/document.xml", 7, 2) == TextAnchor(1, 4, "/word/document.xml", 7, 2)
    args = ("f.docx", "body", 3, Part.OPERATIVE, "resolves", "T", "1", "EUR/1/1", "ADD", "RES", None)
    location = make_location(*args)
    assert location == Location(*args)
    assert hash(location) == hash(Location(*args))
    anchors = (TextAnchor(0, 1, "/p", 0),)
    assert make_passage("t", location, False, True, anchors) == Passage("t", Location(*args), False, True, anchors)
    assert make_passage("t", location, False, True, anchors).to_dict() == Passage("t", location, False, True).to_dict()


def test_record_maker_builds_the_record_or_falls_back_to_the_class() -> None:
    from conflictcheck.documents.records import record_maker

    names = ("paragraph", "text")
    fast = record_maker(LineToTake, names)({"paragraph": 3, "text": "x"})
    assert fast == LineToTake(3, "x") and hash(fast) == hash(LineToTake(3, "x"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.text = "y"  # type: ignore[misc]
    # Names that are not the class's fields: the class is called, and says what is wrong.
    stale = record_maker(LineToTake, ("paragraph", "words"))
    with pytest.raises(TypeError, match="words"):
        stale({"paragraph": 3, "words": "x"})


def test_reading_leaves_no_garbage_cycle(tmp_path: Path) -> None:
    # A cycle through the walker would keep every part and paragraph of a document alive until
    # the collector's next pass, and make each pass traverse them.
    path = _mixed(tmp_path)
    read_document(path)  # imports and caches
    gc.collect()
    gc.disable()
    try:
        read_document(path)
        assert gc.collect() == 0
    finally:
        gc.enable()
