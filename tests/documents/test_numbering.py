"""Word-generated numbering rendered as Word shows it."""

from __future__ import annotations

from pathlib import Path

from docbuild import build_docx, p

from conflictcheck.documents import read_document
from conflictcheck.documents.numbering import format_number

BULLET = "\u2022"


def lvl(ilvl: int, fmt: str, text: str) -> str:
    return f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'


NUMBERING = f"""
<w:abstractNum w:abstractNumId="0">
  {lvl(0, "decimal", "%1")}{lvl(1, "lowerLetter", "%2)")}{lvl(2, "lowerRoman", "%1.%3")}
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">{lvl(0, "bullet", BULLET)}</w:abstractNum>
<w:abstractNum w:abstractNumId="2">{lvl(0, "upperRoman", "%1.")}</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="0"/>
  <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>
"""


def numbered(text: str, num: int, level: int = 0) -> str:
    ppr = f'<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>'
    return p(text, ppr=ppr)


def test_levels_counters_and_overrides(tmp_path: Path) -> None:
    body = (
        p("resolves")
        + numbered("first", 1)
        + numbered("sub a", 1, 1)
        + numbered("sub b", 1, 1)
        + numbered("deep", 1, 2)
        + numbered("second", 1)
        + numbered("sub again", 1, 1)
        + numbered("bullet", 2)
        + numbered("restarted at five", 3)
        + numbered("roman", 4)
        + numbered("roman two", 4)
        + p("plain")
    )
    passages = read_document(build_docx(tmp_path / "d.docx", body, numbering=NUMBERING))
    assert [(x.text, x.location.item) for x in passages] == [
        ("resolves", None),
        ("first", "1"),
        ("sub a", "a)"),
        ("sub b", "b)"),
        ("deep", "1.i"),
        ("second", "2"),
        ("sub again", "a)"),
        ("bullet", None),
        ("restarted at five", "5"),
        ("roman", "I."),
        ("roman two", "II."),
        ("plain", None),
    ]
    assert all(not x.text[0].isdigit() for x in passages)  # the number is not in the text


def test_numbering_through_a_paragraph_style(tmp_path: Path) -> None:
    styles = (
        '<w:style w:type="paragraph" w:styleId="ListNumber"><w:pPr><w:numPr>'
        '<w:numId w:val="9"/></w:numPr></w:pPr></w:style>'
    )
    # Word links a numbering style both ways: the level names the style too.
    linked = (
        '<w:abstractNum w:abstractNumId="9"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="decimal"/><w:pStyle w:val="ListNumber"/><w:lvlText w:val="%1"/>'
        '</w:lvl></w:abstractNum><w:num w:numId="9"><w:abstractNumId w:val="9"/></w:num>'
    )
    body = p("one", ppr='<w:pPr><w:pStyle w:val="ListNumber"/></w:pPr>') + p(
        "two", ppr='<w:pPr><w:pStyle w:val="ListNumber"/></w:pPr>'
    )
    passages = read_document(build_docx(tmp_path / "d.docx", body, numbering=NUMBERING + linked, styles=styles))
    assert [x.location.item for x in passages] == ["1", "2"]


def test_format_number() -> None:
    assert [format_number(n, "lowerLetter") for n in (1, 26, 27)] == ["a", "z", "aa"]
    assert format_number(14, "upperRoman") == "XIV"
    assert format_number(3, "decimalZero") == "03"
    assert format_number(2, "ordinal") == "2nd"
    assert format_number(7, "somethingNew") == "7"
