"""Every story and inline container of a DOCX is read once, in reading order."""

from __future__ import annotations

from pathlib import Path

import docx as python_docx
import pytest
from docbuild import build_docx, p, run

from conflictcheck.documents import read_document


def texts(path: Path, **kw: object) -> list[str]:
    return [x.text for x in read_document(path, **kw) if not x.deleted]


def test_split_runs_are_joined(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "d.docx", p("a ", "multi", "stakeholder", " approach"))
    assert texts(path) == ["a multistakeholder approach"]


def test_special_run_content(tmp_path: Path) -> None:
    body = p(
        "<w:r><w:t>one</w:t><w:tab/><w:t>two</w:t><w:br/><w:t>three</w:t>"
        "<w:noBreakHyphen/><w:t>four</w:t><w:softHyphen/><w:t>five</w:t>"
        '<w:sym w:font="Symbol" w:char="F0B7"/><w:sym w:font="Arial" w:char="00A7"/></w:r>'
    )
    (passage,) = read_document(build_docx(tmp_path / "d.docx", body))
    assert passage.text == "one two\nthree-four\u00adfive §"


def test_content_control_and_hyperlink(tmp_path: Path) -> None:
    body = p(
        "see ",
        '<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent>' + run("controlled") + "</w:sdtContent></w:sdt>",
        " and ",
        '<w:hyperlink r:id="rId99">' + run("the link", '<w:u w:val="single"/>') + "</w:hyperlink>",
    )
    block_sdt = "<w:sdt><w:sdtContent>" + p("block control") + "</w:sdtContent></w:sdt>"
    path = build_docx(tmp_path / "d.docx", body + block_sdt)
    assert texts(path) == ["see controlled and the link", "block control"]


def test_field_result_read_code_not(tmp_path: Path) -> None:
    body = p(
        "Ref ",
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r><w:instrText xml:space="preserve"> REF _Ref123 \\h </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        run("Resolution 130"),
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        " and ",
        '<w:fldSimple w:instr=" PAGE ">' + run("7") + "</w:fldSimple>",
    )
    assert texts(build_docx(tmp_path / "d.docx", body)) == ["Ref Resolution 130 and 7"]


def test_nested_table(tmp_path: Path) -> None:
    inner = "<w:tbl><w:tr><w:tc>" + p("inner cell") + "</w:tc></w:tr></w:tbl>"
    outer = (
        "<w:tbl><w:tblPr/><w:tr><w:tc>"
        + p("outer cell")
        + inner
        + "</w:tc><w:tc>"
        + p("second")
        + "</w:tc></w:tr></w:tbl>"
    )
    passages = read_document(build_docx(tmp_path / "d.docx", p("before") + outer + p("after")))
    assert [(x.text, x.location.story) for x in passages] == [
        ("before", "body"),
        ("outer cell", "table"),
        ("inner cell", "table"),
        ("second", "table"),
        ("after", "body"),
    ]
    assert [x.location.paragraph for x in passages] == [0, 0, 1, 2, 1]


def _textbox(text: str) -> str:
    box = "<w:txbxContent>" + p(text) + "</w:txbxContent>"
    choice = (
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
        f"<wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
    )
    vml = f"<w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict>"
    fallback = f"<mc:Fallback>{vml}</mc:Fallback>"
    return f"<w:r><mc:AlternateContent>{choice}{fallback}</mc:AlternateContent></w:r>"


def test_text_box_read_once(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "d.docx", p("anchor ", _textbox("boxed words")) + p("next"))
    passages = read_document(path)
    assert [(x.text, x.location.story) for x in passages] == [
        ("anchor", "body"),
        ("boxed words", "textbox"),
        ("next", "body"),
    ]


def test_vml_only_text_box(tmp_path: Path) -> None:
    box = (
        "<w:r><w:pict><v:shape><v:textbox><w:txbxContent>"
        + p("old box")
        + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    path = build_docx(tmp_path / "d.docx", p("x", box))
    assert [(x.text, x.location.story) for x in read_document(path)] == [
        ("x", "body"),
        ("old box", "textbox"),
    ]


def test_footnotes_and_endnotes_follow_their_reference(tmp_path: Path) -> None:
    body = (
        p("ADD EUR/44A2/1")
        + p(
            "text",
            '<w:r><w:footnoteReference w:id="1"/></w:r>',
            " more",
            '<w:r><w:endnoteReference w:id="2"/></w:r>',
        )
        + p("last")
    )
    path = build_docx(
        tmp_path / "d.docx",
        body,
        footnotes={"1": p("<w:r><w:footnoteRef/></w:r>", " A footnote.")},
        endnotes={"2": p("An endnote."), "3": p("Never referenced.")},
    )
    passages = read_document(path)
    assert [(x.text, x.location.story) for x in passages] == [
        ("ADD EUR/44A2/1", "body"),
        ("text more", "body"),
        ("A footnote.", "footnote"),
        ("An endnote.", "endnote"),
        ("last", "body"),
    ]
    note = passages[2]
    assert note.location.proposal == "EUR/44A2/1"
    assert note.anchors[0].part == "/word/footnotes.xml"


def test_headers_and_footers(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "d.docx", p("body text"), header=p("PP22/44(Add.2)-E"), footer=p("page footer"))
    passages = read_document(path)
    assert [(x.text, x.location.story) for x in passages] == [
        ("PP22/44(Add.2)-E", "header"),
        ("body text", "body"),
        ("page footer", "footer"),
    ]
    assert passages[0].anchors[0].part == "/word/header1.xml"


def test_headers_and_footers_of_every_section(tmp_path: Path) -> None:
    # A section break sits in the w:pPr of the paragraph that ends the section; a simple and a
    # complex paragraph each end one here. Every part is read once, headers first.
    first = '<w:pPr><w:sectPr><w:headerReference w:type="default" r:id="rIdH"/></w:sectPr></w:pPr>'
    second = (
        '<w:pPr><w:sectPr><w:footerReference w:type="default" r:id="rIdF"/>'
        '<w:headerReference w:type="first" r:id="rIdH"/></w:sectPr></w:pPr>'
    )
    deleted = '<w:del w:id="1" w:author="A"><w:r><w:delText>old</w:delText></w:r></w:del>'
    body = p("first section", ppr=first) + p("second section", deleted, ppr=second) + p("last section")
    path = build_docx(tmp_path / "d.docx", body, header=p("the header"), footer=p("the footer"))
    passages = read_document(path)
    assert [(x.text, x.location.story) for x in passages] == [
        ("the header", "header"),
        ("first section", "body"),
        ("second section", "body"),
        ("old", "body"),
        ("last section", "body"),
        ("the footer", "footer"),
    ]


def test_math_text_is_read(tmp_path: Path) -> None:
    body = p("x ", "<m:oMath><m:r><m:t>a+b</m:t></m:r></m:oMath>")
    assert texts(build_docx(tmp_path / "d.docx", body)) == ["x a+b"]


def test_document_made_by_python_docx(tmp_path: Path) -> None:
    doc = python_docx.Document()
    doc.add_heading("RESOLUTION 130 (REV. BUCHAREST, 2022)", level=1)
    doc.add_paragraph("Strengthening the role of ITU in building confidence")
    doc.add_paragraph("resolves")
    doc.add_paragraph("to continue the work", style="List Number")
    doc.add_paragraph("to report", style="List Number")
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "left"
    table.cell(0, 1).text = "right"
    section = doc.sections[0]
    section.header.paragraphs[0].text = "Header line"
    path = tmp_path / "made.docx"
    doc.save(str(path))
    passages = read_document(path)
    by_text = {x.text: x for x in passages}
    assert by_text["Header line"].location.story == "header"
    assert by_text["RESOLUTION 130 (REV. BUCHAREST, 2022)"].location.part.value == "heading"
    assert by_text["to continue the work"].location.part.value == "operative"
    assert by_text["to continue the work"].location.item == "1."
    assert by_text["to report"].location.item == "2."
    assert by_text["right"].location.story == "table"


def test_empty_paragraphs_are_counted_not_returned(tmp_path: Path) -> None:
    passages = read_document(build_docx(tmp_path / "d.docx", p("one") + "<w:p/>" + p("  ") + p("two")))
    assert [(x.text, x.location.paragraph) for x in passages] == [("one", 0), ("two", 3)]


@pytest.mark.parametrize(
    ("folder", "target", "part"),
    [
        ("/word", "styles.xml", "/word/styles.xml"),
        ("/word", "../customXml/item1.xml", "/customXml/item1.xml"),
        ("/word", "./media/../footnotes.xml", "/word/footnotes.xml"),
        ("/word", "/word/numbering.xml", "/word/numbering.xml"),
        ("/", "word/document.xml", "/word/document.xml"),
    ],
)
def test_relationship_targets_resolve_against_the_source_parts_folder(folder: str, target: str, part: str) -> None:
    from conflictcheck.documents.package import _resolve

    assert _resolve(folder, target) == part


def test_reading_a_draft_does_not_import_python_docx() -> None:
    import subprocess
    import sys

    corpus = Path(__file__).resolve().parents[2] / "corpus"
    draft = next(iter(sorted(corpus.glob("*.docx"))))
    code = (
        "import sys; from conflictcheck import read_document; "
        f"assert read_document({str(draft)!r}); sys.exit('docx' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], timeout=60, check=False).returncode == 0
