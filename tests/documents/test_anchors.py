"""The anchor contract: passage spans map back to w:t / w:delText nodes by index in their part."""

from __future__ import annotations

import zipfile
from pathlib import Path

from docbuild import build_docx, p, run
from lxml import etree

from conflictcheck.documents import read_document
from conflictcheck.documents.normalize import normalize
from conflictcheck.documents.wordml import W_DELTEXT, W_T
from conflictcheck.model import Passage

DEL = '<w:del w:id="2" w:author="A"><w:r><w:delText xml:space="preserve">{}</w:delText></w:r></w:del>'


def node_texts(path: Path) -> dict[str, list[str]]:
    with zipfile.ZipFile(path) as zf:
        out = {}
        for name in zf.namelist():
            if name.startswith("word/") and name.endswith(".xml"):
                root = etree.fromstring(zf.read(name))
                out["/" + name] = [el.text or "" for el in root.iter(W_T, W_DELTEXT)]
        return out


def check_anchors(passage: Passage, nodes: dict[str, list[str]]) -> None:
    for a in passage.anchors:
        node = nodes[a.part][a.node]
        assert passage.text[a.start : a.end] == node[a.node_offset : a.node_offset + a.end - a.start]


def _doc(tmp_path: Path) -> Path:
    body = (
        p(run("  leading"), " multi", "stakeholder", "<w:r><w:tab/></w:r>", "end  ")
        + p(
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            "<w:r><w:instrText>REF x</w:instrText></w:r>"
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
            "field result",
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
            " tail",
        )
        + p("to develop ", DEL.format("a binding "), "framework", DEL.format("legal"))
        + p("note ref", '<w:r><w:footnoteReference w:id="1"/></w:r>')
    )
    return build_docx(tmp_path / "d.docx", body, footnotes={"1": p(" the footnote text")})


def test_anchors_point_at_the_nodes(tmp_path: Path) -> None:
    path = _doc(tmp_path)
    nodes = node_texts(path)
    passages = read_document(path)
    assert [x.text for x in passages] == [
        "leading multistakeholder end",
        "field result tail",
        "to develop framework",
        "a binding … legal",
        "note ref",
        "the footnote text",
    ]
    for passage in passages:
        assert passage.anchors
        check_anchors(passage, nodes)
    first = passages[0]
    assert first.anchors[0].node_offset == 2  # "  leading" was stripped
    assert all(not (a.start <= 24 < a.end) for a in first.anchors)  # the tab has no anchor
    assert passages[-1].anchors[0].part == "/word/footnotes.xml"


def test_normalised_match_maps_back_to_runs(tmp_path: Path) -> None:
    body = p("a \u201cmulti", "\u00adstake", "holder\u201d\u00a0approach")
    path = build_docx(tmp_path / "d.docx", body)
    nodes = node_texts(path)
    (passage,) = read_document(path)
    norm = normalize(passage.text, lowercase=True)
    assert norm.text == 'a "multistakeholder" approach'
    start = norm.text.index("multistakeholder")
    src_start, src_end = norm.source_span(start, start + len("multistakeholder"))
    covered = [
        nodes[a.part][a.node][
            a.node_offset + max(src_start, a.start) - a.start : a.node_offset + min(src_end, a.end) - a.start
        ]
        for a in passage.anchors
        if a.start < src_end and a.end > src_start
    ]
    assert covered == ["multi", "\u00adstake", "holder"]


def test_simple_paragraphs_read_in_full_keep_their_anchors(tmp_path: Path) -> None:
    # A footnote referenced from deleted text is deleted text too: its paragraphs, simple as
    # they are, take the full walk, which must still find their text nodes' indices.
    deleted_ref = '<w:del w:id="3" w:author="A"><w:r><w:footnoteReference w:id="1"/></w:r></w:del>'
    body = p("plain first") + p("kept text", deleted_ref)
    path = build_docx(tmp_path / "d.docx", body, footnotes={"1": p("dropped ", "note") + p("second")})
    nodes = node_texts(path)
    passages = read_document(path)
    assert [(x.text, x.deleted) for x in passages] == [
        ("plain first", False),
        ("kept text", False),
        ("dropped note", True),
        ("second", True),
    ]
    assert [a.node for a in passages[2].anchors + passages[3].anchors] == [0, 1, 2]
    for passage in passages:
        check_anchors(passage, nodes)
