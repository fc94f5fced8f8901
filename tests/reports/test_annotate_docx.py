"""Annotated Word copies: comments land on exactly the flagged text; the original is untouched."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from lxml import etree
from reportdata import make_finding

from conflictcheck import read_document
from conflictcheck.model import Finding, Passage, Severity
from conflictcheck.reports.annotate_docx import (
    AnnotateError,
    annotate_docx,
    plan_targets,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


# --- helpers ------------------------------------------------------------------------------------


def comment_spans(path: Path, part: str = "word/document.xml") -> dict[str, str]:
    """Comment id -> the text between its commentRangeStart and commentRangeEnd."""
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read(part))
    spans: dict[str, str] = {}
    open_ids: set[str] = set()
    for element in root.iter():
        if element.tag == w("commentRangeStart"):
            open_ids.add(element.get(w("id")))
            spans.setdefault(element.get(w("id")), "")
        elif element.tag == w("commentRangeEnd"):
            open_ids.discard(element.get(w("id")))
        elif element.tag in (w("t"), w("delText")):
            for ident in open_ids:
                spans[ident] += element.text or ""
    return spans


def comments(path: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("word/comments.xml"))
    return {c.get(w("id")): c for c in root.iter(w("comment"))}


def comment_text(element: etree._Element) -> str:
    return "\n".join("".join(t.text or "" for t in p.iter(w("t"))) for p in element.iter(w("p")))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def finding_on(passage: Passage, needle: str, severity: Severity = Severity.HIGH) -> Finding:
    base = make_finding(passage.text, needle, severity=severity)
    return replace(base, passage=passage)


def passage_with(passages: list[Passage], needle: str) -> Passage:
    return next(p for p in passages if needle in p.text and not p.deleted)


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    """A paragraph whose flagged words cross three differently formatted runs, and a table."""
    document = docx.Document()
    document.add_paragraph("The Plenipotentiary Conference,")
    paragraph = document.add_paragraph()
    paragraph.add_run("resolves to con")
    bold = paragraph.add_run("vene a new World Conference")
    bold.bold = True
    italic = paragraph.add_run(" on International Telecommunications")
    italic.italic = True
    paragraph.add_run(" in 2025, and to review the ITRs.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 1).text = "invites Member States to draft a binding instrument on cybersecurity"
    path = tmp_path / "in" / "draft.docx"
    path.parent.mkdir()
    document.save(path)
    return path


# --- tests --------------------------------------------------------------------------------------


def test_comment_spans_exactly_the_flagged_words_across_runs(draft: Path, tmp_path: Path) -> None:
    passages = read_document(draft)
    passage = passage_with(passages, "convene")
    cell = passage_with(passages, "binding instrument")
    wanted = [
        finding_on(passage, "convene a new World Conference on International Telecommunications"),
        finding_on(passage, "review the ITRs", Severity.MEDIUM),
        finding_on(cell, "binding instrument on cybersecurity", Severity.LOW),
        finding_on(passage, "Conference on International", Severity.INFO),  # not a conflict: no comment
    ]
    before = sha256(draft)
    target = tmp_path / "out" / "draft.docx"
    report = annotate_docx(draft, target, wanted)

    assert sha256(draft) == before
    assert report.comments == 3 and report.skipped == []
    spans = comment_spans(target)
    assert sorted(spans.values()) == sorted(f.text for f in wanted[:3])
    notes = comments(target)
    assert {c.get(w("author")) for c in notes.values()} == {"conflictcheck"}
    assert {c.get(w("initials")) for c in notes.values()} == {"CC"}
    first = next(comment_text(c) for i, c in notes.items() if spans[i].startswith("convene"))
    assert first.startswith("HIGH: No new ITR treaty <or> WCIT [itr-treaty]")
    assert "Line to take §24: The EU and its Member States" in first
    assert "Why: Pattern 'reopen the ITRs'" in first
    assert 'Suggested wording: Replace with: "resolves to focus on <capacity> building"' in first
    docx.Document(target)  # python-docx re-opens it


def test_split_runs_keep_their_formatting(draft: Path, tmp_path: Path) -> None:
    passage = passage_with(read_document(draft), "convene")
    target = tmp_path / "out.docx"
    annotate_docx(draft, target, [finding_on(passage, "vene a new World")], highlight=True)
    paragraph = docx.Document(target).paragraphs[1]
    runs = [(r.text, bool(r.bold), bool(r.italic)) for r in paragraph.runs]
    assert ("vene a new World", True, False) in runs
    assert (" Conference", True, False) in runs  # the other half of the bold run stays bold
    assert "".join(text for text, _, _ in runs) == passage.text
    with zipfile.ZipFile(target) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    highlighted = [
        "".join(r.itertext()) for r in root.iter(w("r")) if r.find(f"{w('rPr')}/{w('highlight')}") is not None
    ]
    assert highlighted == ["vene a new World"]


def test_appends_to_an_existing_comments_part(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("instructs the Council to convene a new WCIT in 2025.")
    document.add_comment(paragraph.runs, text="a human reviewer", author="Ana", initials="AR")
    source = tmp_path / "reviewed.docx"
    document.save(source)
    passage = passage_with(read_document(source), "WCIT")
    target = tmp_path / "annotated.docx"
    annotate_docx(source, target, [finding_on(passage, "convene a new WCIT")])
    notes = comments(target)
    assert len(notes) == 2
    assert sorted(c.get(w("author")) for c in notes.values()) == ["Ana", "conflictcheck"]
    with zipfile.ZipFile(target) as package:
        rels = package.read("word/_rels/document.xml.rels").decode()
        types = package.read("[Content_Types].xml").decode()
    assert rels.count("relationships/comments") == 1
    assert types.count("/word/comments.xml") == 1
    spans = comment_spans(target)
    ours = next(i for i, c in notes.items() if c.get(w("author")) == "conflictcheck")
    assert spans[ours] == "convene a new WCIT"


def test_new_comments_part_is_declared(draft: Path, tmp_path: Path) -> None:
    passage = passage_with(read_document(draft), "convene")
    target = tmp_path / "out.docx"
    annotate_docx(draft, target, [finding_on(passage, "review the ITRs")])
    with zipfile.ZipFile(target) as package:
        names = package.namelist()
        rels = package.read("word/_rels/document.xml.rels").decode()
        types = package.read("[Content_Types].xml").decode()
        original = zipfile.ZipFile(draft)
        for name in original.namelist():  # untouched parts are copied byte for byte
            if name not in ("word/document.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"):
                assert package.read(name) == original.read(name), name
    assert "word/comments.xml" in names
    assert 'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"' in rels
    assert "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml" in types


def test_tracked_insertion_keeps_the_reference_outside(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("resolves ")
    run = paragraph.add_run("to convene a new WCIT")
    insertion = etree.SubElement(paragraph._p, w("ins"))
    insertion.set(w("id"), "7")
    insertion.set(w("author"), "RCC")
    insertion.append(run._r)  # moves the run into a tracked insertion
    source = tmp_path / "ins.docx"
    document.save(source)
    passage = passage_with(read_document(source), "WCIT")
    target = tmp_path / "ins-out.docx"
    annotate_docx(source, target, [finding_on(passage, "a new WCIT")])
    assert list(comment_spans(target).values()) == ["a new WCIT"]
    with zipfile.ZipFile(target) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    reference = next(root.iter(w("commentReference")))
    assert reference.getparent().getparent().tag == w("p")  # not inside w:ins


def test_no_anchors_is_reported_not_guessed(draft: Path, tmp_path: Path) -> None:
    passage = passage_with(read_document(draft), "convene")
    bare = replace(passage, anchors=())
    report = annotate_docx(draft, tmp_path / "x.docx", [finding_on(bare, "review the ITRs")])
    assert report.comments == 0
    assert report.skipped and "no text anchors" in report.skipped[0]


def test_plan_refuses_to_overwrite_inputs(draft: Path, tmp_path: Path) -> None:
    with pytest.raises(AnnotateError, match="input"):
        plan_targets({draft: "draft.docx"}, draft.parent, [draft])
    plan = plan_targets({draft: "draft.docx"}, tmp_path / "out", [draft])
    assert plan[draft] == (tmp_path / "out" / "draft.docx").resolve()


def test_plan_never_collides_and_stays_inside(tmp_path: Path) -> None:
    a, b, c = tmp_path / "A.docx", tmp_path / "x" / "a.docx", tmp_path / "y.docx"
    plan = plan_targets({a: "A.docx", b: "a.docx", c: "../../etc/y.docx"}, tmp_path / "out", [a, b, c])
    targets = [str(t).casefold() for t in plan.values()]
    assert len(set(targets)) == 3
    assert all(Path(t).is_relative_to(str(tmp_path / "out").casefold()) for t in targets)


def test_refuses_when_an_existing_target_links_to_an_input(draft: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "draft.docx").symlink_to(draft)
    with pytest.raises(AnnotateError):
        plan_targets({draft: "draft.docx"}, out, [draft])


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_opens_the_copy(draft: Path, tmp_path: Path) -> None:
    passages = read_document(draft)
    passage = passage_with(passages, "convene")
    target = tmp_path / "lo" / "draft.docx"
    annotate_docx(
        draft,
        target,
        [finding_on(passage, "convene a new World Conference"), finding_on(passage, "review the ITRs")],
        highlight=True,
    )
    profile = (tmp_path / "profile").as_uri()
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            str(target),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert "Error" not in done.stdout + done.stderr, done.stdout + done.stderr
    assert (tmp_path / "pdf" / "draft.pdf").stat().st_size > 0
