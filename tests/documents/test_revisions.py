"""Tracked changes and formatting revision marks: what the text says after accepting, and what
is proposed for deletion, kept apart."""

from __future__ import annotations

from pathlib import Path

from docbuild import build_docx, p, run

from conflictcheck.documents import read_document
from conflictcheck.documents.revisions import DELETED, INSERTED, NORMAL, split_revisions

INS = '<w:ins w:id="1" w:author="A" w:date="2022-01-01T00:00:00Z">{}</w:ins>'
DEL = '<w:del w:id="2" w:author="A" w:date="2022-01-01T00:00:00Z">{}</w:del>'


def deltext(text: str) -> str:
    return f'<w:r><w:delText xml:space="preserve">{text}</w:delText></w:r>'


def test_insertion_counts_and_deletion_kept_apart(tmp_path: Path) -> None:
    body = p(
        "to develop ",
        DEL.format(deltext("a binding ")),
        INS.format(run("a voluntary ")),
        "framework with ",
        DEL.format(deltext("multi") + deltext("stakeholder")),
        " partners",
    )
    live, dead = read_document(build_docx(tmp_path / "d.docx", body))
    assert live.text == "to develop a voluntary framework with  partners"
    assert not live.deleted and not live.inserted
    assert dead.deleted and dead.text == "a binding … multistakeholder"
    assert dead.location == live.location


def test_moves(tmp_path: Path) -> None:
    body = p(
        '<w:moveFrom w:id="3" w:author="A">' + run("moved away ") + "</w:moveFrom>",
        "stays",
        '<w:moveTo w:id="4" w:author="A">' + run(" moved here") + "</w:moveTo>",
    )
    live, dead = read_document(build_docx(tmp_path / "d.docx", body))
    assert (live.text, dead.text, dead.deleted) == ("stays moved here", "moved away", True)


def test_wholly_inserted_paragraph(tmp_path: Path) -> None:
    body = p(INS.format(run("new text ") + run("entirely"))) + p("old ", INS.format(run("and new")))
    first, second = read_document(build_docx(tmp_path / "d.docx", body))
    assert first.inserted and first.text == "new text entirely"
    assert not second.inserted


def test_wholly_deleted_paragraph_gives_only_a_deleted_passage(tmp_path: Path) -> None:
    body = p("resolves") + p(DEL.format(deltext("3\tto convene a WCIT")))
    passages = read_document(build_docx(tmp_path / "d.docx", body))
    assert [(x.text, x.deleted) for x in passages] == [
        ("resolves", False),
        ("3\tto convene a WCIT", True),
    ]
    assert passages[1].location.part.value == "operative"
    assert passages[1].location.item == "3"


STRIKE = "<w:strike/>"
UNDER = '<w:u w:val="single"/>'


def _marked(tmp_path: Path, header: str) -> Path:
    body = (
        p(header)
        + p(
            "with ",
            run("multi", STRIKE),
            run("stakeholder", '<w:dstrike w:val="true"/>'),
            " ",
            run("governmental", UNDER),
            " oversight",
            run(" not struck", '<w:strike w:val="false"/>'),
        )
        + p(run("wholly new", UNDER))
    )
    return build_docx(tmp_path / "d.docx", body)


def test_formatting_marks_default_on_for_proposals(tmp_path: Path) -> None:
    passages = read_document(_marked(tmp_path, "MOD RCC/62A1/3"))
    assert [(x.text, x.deleted, x.inserted) for x in passages[1:]] == [
        ("with  governmental oversight not struck", False, False),
        ("multistakeholder", True, False),
        ("wholly new", False, True),
    ]


def test_formatting_marks_default_off_otherwise(tmp_path: Path) -> None:
    passages = read_document(_marked(tmp_path, "Some heading"))
    assert [(x.text, x.deleted, x.inserted) for x in passages[1:]] == [
        ("with multistakeholder governmental oversight not struck", False, False),
        ("wholly new", False, False),
    ]


def test_formatting_marks_forced(tmp_path: Path) -> None:
    on = read_document(_marked(tmp_path, "Some heading"), formatting_marks=True)
    assert any(x.deleted and x.text == "multistakeholder" for x in on)
    off = read_document(_marked(tmp_path, "MOD RCC/62A1/3"), formatting_marks=False)
    assert not any(x.deleted for x in off)


def test_struck_character_style(tmp_path: Path) -> None:
    styles = (
        '<w:style w:type="character" w:styleId="Base"><w:rPr><w:strike/></w:rPr></w:style>'
        '<w:style w:type="character" w:styleId="Gone"><w:basedOn w:val="Base"/></w:style>'
    )
    body = p("keep ", run("drop", '<w:rStyle w:val="Gone"/>'))
    live, dead = read_document(build_docx(tmp_path / "d.docx", body, styles=styles), formatting_marks=True)
    assert (live.text, dead.text) == ("keep", "drop")


def test_hyperlink_underline_is_not_an_insertion(tmp_path: Path) -> None:
    body = p('<w:hyperlink r:id="rId9">' + run("a link", UNDER) + "</w:hyperlink>")
    (passage,) = read_document(build_docx(tmp_path / "d.docx", body), formatting_marks=True)
    assert not passage.inserted


def test_split_revisions_gaps() -> None:
    pieces = [
        ("the ", NORMAL, 0, 0),
        ("binding ", DELETED, 1, 0),
        (" ", NORMAL, -1, 0),
        ("treaty", DELETED, 2, 0),
        (" now", INSERTED, 3, 0),
    ]
    split = split_revisions(pieces, "/p", False)
    assert split.text == "the   now"
    assert split.deleted_text == "binding treaty"
    assert [(a.start, a.end, a.node) for a in split.deleted_anchors] == [(0, 8, 1), (8, 14, 2)]
    assert [(a.start, a.end, a.node) for a in split.anchors] == [(0, 4, 0), (5, 9, 3)]
    assert split.anchors[1].node_offset == 0 and split.anchors[0].node_offset == 0
