"""Annotated Word copies: each conflicting span carries a Word comment, anchored exactly.

Spans come from Finding.start/end through Passage.anchors to (part, text node, offset). Runs are
split only at span boundaries (both halves keep the run's w:rPr), a comment range is placed
around the runs that hold the span, and a comment-reference run after it. The copy is written
member by member from the original package: every part we do not touch is copied as it was.

Comments may stand in the body, tables, text boxes, footnotes and endnotes. Word does not allow
comments in headers and footers, so findings there are reported as not annotated.
"""

from __future__ import annotations

import contextlib
import copy
import io
import os
import posixpath
import tempfile
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from conflictcheck.errors import ConflictcheckError
from conflictcheck.model import Finding
from conflictcheck.reports.common import describe_location

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
AUTHOR, INITIALS = "conflictcheck", "CC"
COMMENTABLE_ROOTS = {"document", "footnotes", "endnotes"}
NOTE_KINDS = {"footnotes": "footnote", "endnotes": "endnote"}


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


W_T, W_DELTEXT, W_R, W_RPR, W_P = w("t"), w("delText"), w("r"), w("rPr"), w("p")

# w:rPr children in schema order: w:highlight must go before the first of the later ones.
_RPR_AFTER_HIGHLIGHT = {
    w(x)
    for x in (
        [
            "u",
            "effect",
            "bdr",
            "shd",
            "fitText",
            "vertAlign",
            "rtl",
            "cs",
            "em",
            "lang",
            "eastAsianLayout",
            "specVanish",
            "oMath",
            "rPrChange",
        ]
    )
}


class AnnotateError(ConflictcheckError):
    """An annotated copy cannot be written where asked (it would overwrite an input...)."""


@dataclass(frozen=True)
class Piece:
    """A slice [start, end) of one text node's text."""

    node: int
    start: int
    end: int


@dataclass
class AnnotationReport:
    source: Path
    target: Path
    comments: int = 0
    skipped: list[str] = field(default_factory=list)  # findings not annotated, and why


# --- planning -----------------------------------------------------------------------------------


def plan_targets(sources: Mapping[Path, str], out_dir: Path, inputs: Iterable[Path]) -> dict[Path, Path]:
    """Where each source's copy goes: `out_dir/<display path>`, never onto an input, never
    outside `out_dir`, never two copies on one name (even on a case-insensitive disk)."""
    out_root = out_dir.resolve()
    protected = {Path(p).resolve() for p in inputs}
    used: set[str] = set()
    plan = {}
    for source, display in sources.items():
        relative = Path(display)
        if relative.is_absolute() or ".." in relative.parts:
            relative = Path(relative.name)
        target = _unique(out_root / relative, used)
        resolved = target.resolve()
        if not resolved.is_relative_to(out_root):
            raise AnnotateError(f"{target}: would be written outside {out_root}")
        if resolved in protected:
            raise AnnotateError(f"{target}: is an input file; choose an --annotate folder that holds no input")
        plan[source] = target
    return plan


def _unique(target: Path, used: set[str]) -> Path:
    candidate, n = target, 1
    while str(candidate).casefold() in used:
        n += 1
        candidate = target.with_name(f"{target.stem}-{n}{target.suffix}")
    used.add(str(candidate).casefold())
    return candidate


# --- one document -------------------------------------------------------------------------------


def annotate_docx(
    source: Path, target: Path, findings: Sequence[Finding], *, highlight: bool = False
) -> AnnotationReport:
    """Write `target`: a copy of `source` with a comment on each conflicting finding."""
    report = AnnotationReport(source, target)
    with zipfile.ZipFile(source) as package:
        members = {info.filename: info for info in package.infolist()}
        editor = _PackageEditor(package, members)
        by_part: dict[str, list[tuple[Finding, list[Piece]]]] = {}
        for finding in findings:
            if not finding.is_conflict:
                continue
            placed = _pieces(finding)
            if isinstance(placed, str):
                report.skipped.append(f"{finding.rule_id} at {describe_location(finding.location)}: {placed}")
                continue
            part, pieces = placed
            by_part.setdefault(part, []).append((finding, pieces))
        comments = _Comments(editor)
        for part, items in by_part.items():
            _annotate_part(editor, part, items, comments, report, highlight)
        if comments.added:
            comments.save()
        report.comments = comments.added
        _write_package(package, editor.changed, target)
    return report


def _pieces(finding: Finding) -> tuple[str, list[Piece]] | str:
    pieces: list[Piece] = []
    parts = set()
    for anchor in sorted(finding.passage.anchors, key=lambda a: a.start):
        start, end = max(finding.start, anchor.start), min(finding.end, anchor.end)
        if start >= end:
            continue
        parts.add(anchor.part)
        offset = anchor.node_offset - anchor.start
        pieces.append(Piece(anchor.node, start + offset, end + offset))
    if not pieces:
        return "no text anchors for the span"
    if len(parts) > 1:
        return "the span crosses parts of the package"
    return parts.pop(), pieces


def _annotate_part(
    editor: _PackageEditor,
    part: str,
    items: list[tuple[Finding, list[Piece]]],
    comments: _Comments,
    report: AnnotationReport,
    highlight: bool,
) -> None:
    root = editor.xml(part)
    if root is None:
        report.skipped.extend(f"{f.rule_id}: part {part} not found" for f, _ in items)
        return
    kind = etree.QName(root).localname
    if kind not in COMMENTABLE_ROOTS:
        report.skipped.extend(
            f"{f.rule_id} at {describe_location(f.location)}: Word allows no comments in {part}" for f, _ in items
        )
        return
    nodes = list(root.iter(W_T, W_DELTEXT))
    valid = []
    for finding, pieces in items:
        if all(_fits(p, nodes) for p in pieces):
            valid.append((finding, pieces))
        else:
            report.skipped.append(f"{finding.rule_id}: text anchors do not match {part}")
    in_notes = kind in NOTE_KINDS
    # In notes the comment goes on the reference mark in the body: split runs only to highlight.
    split = not in_notes or highlight
    segments = _split_nodes(nodes, [p for _, ps in valid for p in ps]) if split else {}
    body = editor.xml(comments.document) if in_notes else None
    for finding, pieces in sorted(valid, key=lambda item: (item[1][0].node, item[1][0].start)):
        runs = [_isolate(t) for p in pieces for t in _covered(segments[p.node], p)] if split else []
        if in_notes:
            note = _note_reference(body, kind, nodes[pieces[0].node])
            if note is None:
                report.skipped.append(f"{finding.rule_id}: no reference to its {kind[:-1]} in the body")
                continue
            reference_run, number = note
            comment_id = comments.add(finding, note=f"{NOTE_KINDS[kind]} {number}")
            _mark_range(reference_run, reference_run, comment_id)
            editor.set_xml(comments.document, body)
        elif runs:
            comment_id = comments.add(finding)
            _mark_range(runs[0], runs[-1], comment_id)
        else:
            report.skipped.append(f"{finding.rule_id}: empty span")
            continue
        if highlight:
            for run in runs:
                _add_highlight(run)
    editor.set_xml(part, root)


def _note_reference(body: etree._Element | None, kind: str, node: etree._Element) -> tuple[etree._Element, int] | None:
    """The body run holding the reference to the note that contains `node`, and its number.

    LibreOffice refuses to open a file with a comment reference inside a footnote, so comments
    on footnote and endnote text are anchored on the note's reference mark instead.
    """
    note_tag = w(kind[:-1])  # footnotes -> w:footnote
    note = next((a for a in node.iterancestors(note_tag)), None)
    if body is None or note is None:
        return None
    note_id = note.get(w("id"))
    references = [r for r in body.iter(w(f"{kind[:-1]}Reference")) if r.getparent().tag == W_R]
    for number, reference in enumerate(references, 1):
        if reference.get(w("id")) == note_id:
            return _isolate(reference), number
    return None


def _fits(piece: Piece, nodes: list[etree._Element]) -> bool:
    if not 0 <= piece.node < len(nodes):
        return False
    length = len(nodes[piece.node].text or "")
    return 0 <= piece.start < piece.end <= length and nodes[piece.node].getparent().tag == W_R


# --- splitting runs -----------------------------------------------------------------------------

Segments = list[tuple[int, etree._Element]]  # (offset in the node's original text, text element)


def _split_nodes(nodes: list[etree._Element], pieces: Iterable[Piece]) -> dict[int, Segments]:
    """Split each text node at every span boundary inside it; map node -> its segments."""
    cuts: dict[int, set[int]] = {}
    for piece in pieces:
        cuts.setdefault(piece.node, set()).update((piece.start, piece.end))
    segments: dict[int, Segments] = {}
    for index, offsets in cuts.items():
        t = nodes[index]
        length = len(t.text or "")
        inner = sorted((o for o in offsets if 0 < o < length), reverse=True)
        found: Segments = []
        for offset in inner:  # right to left, so `t` keeps the head each time
            found.append((offset, _split_text(t, offset)))
        found.append((0, t))
        segments[index] = sorted(found, key=lambda s: s[0])
    return segments


def _split_text(t: etree._Element, offset: int) -> etree._Element:
    """Split t's run after `offset` characters of t; returns the text element of the tail run."""
    run = t.getparent()
    tail_run = _new_run_like(run)
    tail_t = etree.SubElement(tail_run, t.tag)
    tail_t.text = t.text[offset:]
    tail_t.set(XML_SPACE, "preserve")
    t.text = t.text[:offset]
    t.set(XML_SPACE, "preserve")
    for sibling in list(t.itersiblings()):
        tail_run.append(sibling)  # moves it
    run.addnext(tail_run)
    _carry_tail(run, tail_run)
    return tail_t


def _covered(segments: Segments, piece: Piece) -> list[etree._Element]:
    return [t for offset, t in segments if piece.start <= offset < piece.end]


def _isolate(t: etree._Element) -> etree._Element:
    """Make t the only content of its run (other content moves to runs beside it); the run."""
    run = t.getparent()
    content = [c for c in run if c.tag != W_RPR]
    position = content.index(t)
    if position > 0:
        head = _new_run_like(run)
        for child in content[:position]:
            head.append(child)
        run.addprevious(head)
    if position < len(content) - 1:
        tail = _new_run_like(run)
        for child in content[position + 1 :]:
            tail.append(child)
        run.addnext(tail)
        _carry_tail(run, tail)
    return run


def _new_run_like(run: etree._Element) -> etree._Element:
    fresh = etree.Element(run.tag, attrib=dict(run.attrib))  # revision ids: harmless when repeated
    properties = run.find(W_RPR)
    if properties is not None:
        fresh.append(copy.deepcopy(properties))  # both halves keep the formatting
    return fresh


def _carry_tail(run: etree._Element, after: etree._Element) -> None:
    # Whitespace between elements (pretty-printed XML) stays after the last of the pieces.
    after.tail, run.tail = run.tail, None


# --- comment markup -----------------------------------------------------------------------------


def _mark_range(first: etree._Element, last: etree._Element, comment_id: int) -> None:
    start = etree.Element(w("commentRangeStart"))
    start.set(w("id"), str(comment_id))
    first.addprevious(start)
    end = etree.Element(w("commentRangeEnd"))
    end.set(w("id"), str(comment_id))
    last.addnext(end)
    _carry_tail(last, end)
    reference = etree.Element(W_R)
    marker = etree.SubElement(reference, w("commentReference"))
    marker.set(w("id"), str(comment_id))
    holder = _paragraph_child(end)
    if holder.getparent() is None:  # no paragraph around: keep the reference beside the range
        holder = end
    holder.addnext(reference)
    _carry_tail(holder, reference)


def _paragraph_child(element: etree._Element) -> etree._Element:
    """The ancestor-or-self of `element` that is a direct child of its paragraph.

    The reference run goes after it: a comment mark inside a tracked deletion or a hyperlink
    would be deleted or linked along with it.
    """
    current = element
    while current.getparent() is not None and current.getparent().tag != W_P:
        current = current.getparent()
    return current


def _add_highlight(run: etree._Element) -> None:
    properties = run.find(W_RPR)
    if properties is None:
        properties = etree.Element(W_RPR)
        run.insert(0, properties)
    if properties.find(w("highlight")) is not None:
        return
    mark = etree.Element(w("highlight"))
    mark.set(w("val"), "yellow")
    for child in properties:
        if child.tag in _RPR_AFTER_HIGHLIGHT:
            child.addprevious(mark)
            return
    properties.append(mark)


# --- the package --------------------------------------------------------------------------------

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)


class _PackageEditor:
    """Parts read on demand, changed parts kept as bytes to write back."""

    def __init__(self, package: zipfile.ZipFile, members: Mapping[str, zipfile.ZipInfo]):
        self.package = package
        self.members = members
        self.by_name = {name.casefold(): name for name in members}
        self.changed: dict[str, bytes] = {}
        self._trees: dict[str, etree._ElementTree] = {}

    def member(self, part: str) -> str | None:
        return self.by_name.get(part.lstrip("/").casefold())

    def xml(self, part: str) -> etree._Element | None:
        name = self.member(part)
        if name is None:
            return None
        if name not in self._trees:
            data = self.changed.get(name) or self.package.read(name)
            self._trees[name] = etree.parse(io.BytesIO(data), _PARSER)
        return self._trees[name].getroot()

    def set_xml(self, part: str, root: etree._Element) -> None:
        name = self.member(part) or part.lstrip("/")
        tree = self._trees.get(name)
        standalone = tree.docinfo.standalone if tree is not None else True  # Word writes "yes"
        if tree is None:
            tree = self._trees[name] = etree.ElementTree(root)
        self.changed[name] = etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=standalone)

    def main_document(self) -> str:
        rels = self.xml("/_rels/.rels")
        if rels is not None:
            for rel in rels.iter(f"{{{PKG_RELS}}}Relationship"):
                if rel.get("Type") == OFFICE_DOCUMENT and rel.get("TargetMode") != "External":
                    return "/" + posixpath.normpath(rel.get("Target", "").lstrip("/"))
        return "/word/document.xml"


class _Comments:
    """The comments part, found through the main document's relationships or created."""

    def __init__(self, editor: _PackageEditor):
        self.editor = editor
        self.document = editor.main_document()
        folder, name = posixpath.split(self.document)
        self.rels_part = f"{folder}/_rels/{name}.rels"
        self.part = self._existing_part() or posixpath.join(folder, "comments.xml")
        root = editor.xml(self.part)
        self.created = root is None
        self.root = root if root is not None else etree.Element(w("comments"), nsmap={"w": W})
        self.next_id = 1 + max((int(c.get(w("id"), "0")) for c in self.root.iter(w("comment"))), default=-1)
        self.next_id = max(self.next_id, self._highest_marker_id() + 1)
        self.added = 0

    def _existing_part(self) -> str | None:
        rels = self.editor.xml(self.rels_part)
        if rels is None:
            return None
        folder = posixpath.dirname(self.document)
        for rel in rels.iter(f"{{{PKG_RELS}}}Relationship"):
            if rel.get("Type") == COMMENTS_REL and rel.get("TargetMode") != "External":
                return "/" + posixpath.normpath(posixpath.join(folder, rel.get("Target", ""))).lstrip("/")
        return None

    def _highest_marker_id(self) -> int:
        highest = -1
        for part in (
            "/word/document.xml",
            "/word/footnotes.xml",
            "/word/endnotes.xml",
            self.document,
        ):
            root = self.editor.xml(part)
            if root is None:
                continue
            for marker in root.iter(w("commentRangeStart"), w("commentReference")):
                with contextlib.suppress(ValueError, TypeError):
                    highest = max(highest, int(marker.get(w("id"))))
        return highest

    def add(self, finding: Finding, note: str | None = None) -> int:
        comment_id = self.next_id
        self.next_id += 1
        self.added += 1
        comment = etree.SubElement(self.root, w("comment"))
        comment.set(w("id"), str(comment_id))
        comment.set(w("author"), AUTHOR)
        comment.set(w("initials"), INITIALS)
        for index, line in enumerate(comment_lines(finding, note)):
            paragraph = etree.SubElement(comment, W_P)
            if index == 0:
                etree.SubElement(etree.SubElement(paragraph, W_R), w("annotationRef"))
            run = etree.SubElement(paragraph, W_R)
            text = etree.SubElement(run, W_T)
            text.text = _xml_safe(line)
            text.set(XML_SPACE, "preserve")
        return comment_id

    def save(self) -> None:
        self.editor.set_xml(self.part, self.root)
        if self.created:
            self._add_relationship()
            self._add_content_type()

    def _add_relationship(self) -> None:
        rels = self.editor.xml(self.rels_part)
        if rels is None:
            rels = etree.Element(f"{{{PKG_RELS}}}Relationships", nsmap={None: PKG_RELS})
        taken = {rel.get("Id") for rel in rels}
        ident = next(f"rIdConflictcheck{n}" for n in range(1, len(taken) + 2) if f"rIdConflictcheck{n}" not in taken)
        rel = etree.SubElement(rels, f"{{{PKG_RELS}}}Relationship")
        rel.set("Id", ident)
        rel.set("Type", COMMENTS_REL)
        rel.set("Target", posixpath.relpath(self.part, posixpath.dirname(self.document)))
        self.editor.set_xml(self.rels_part, rels)

    def _add_content_type(self) -> None:
        types = self.editor.xml("/[Content_Types].xml")
        if types is None:
            raise AnnotateError("package has no [Content_Types].xml")
        for override in types.iter(f"{{{CT_NS}}}Override"):
            if override.get("PartName", "").casefold() == self.part.casefold():
                override.set("ContentType", COMMENTS_CT)
                break
        else:
            override = etree.SubElement(types, f"{{{CT_NS}}}Override")
            override.set("PartName", self.part)
            override.set("ContentType", COMMENTS_CT)
        self.editor.set_xml("/[Content_Types].xml", types)


def comment_lines(finding: Finding, note: str | None = None) -> list[str]:
    """What the comment says: severity and rule, the line to take, why, the suggested wording."""
    lines = [f"{finding.severity.label.upper()}: {finding.title} [{finding.rule_id}]"]
    if note:
        lines.append(f"In {note}: \u201c{finding.text}\u201d")
    lines += [f"Line to take §{x.paragraph}: {x.text}" for x in finding.explanation.lines_to_take]
    lines.append(f"Why: {finding.explanation.summary()}")
    if finding.suggestion:
        lines.append(f"Suggested wording: {finding.suggestion}")
    return lines


def _xml_safe(text: str) -> str:
    return "".join(c for c in text if c in "\t\n\r" or ord(c) >= 0x20)


def _write_package(package: zipfile.ZipFile, changed: Mapping[str, bytes], target: Path) -> None:
    """Copy every member in order (changed ones replaced, new ones last), then rename into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".cc-", suffix=".docx", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle, zipfile.ZipFile(handle, "w") as out:
            names = set()
            for info in package.infolist():
                names.add(info.filename)
                data = changed.get(info.filename)
                out.writestr(info, data if data is not None else package.read(info))
            for name, data in changed.items():
                if name not in names:
                    out.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


# --- a whole scan -------------------------------------------------------------------------------


def docx_sources(result) -> dict[Path, str]:  # type: ignore[no-untyped-def]
    """The readable Word files of a scan.ScanResult, with their display paths."""
    return {r.file.path: r.display for r in result.files if r.error is None and r.file.path.suffix.lower() == ".docx"}


def annotate_copies(
    result,  # type: ignore[no-untyped-def]
    out_dir: Path,
    *,
    highlight: bool = False,
    plan: Mapping[Path, Path] | None = None,
) -> list[AnnotationReport]:
    """An annotated copy of every readable Word file of the scan under `out_dir`.

    Files without findings are copied too, so the folder mirrors the scan. `plan` (from
    plan_targets, computed before scanning to refuse early) says where each copy goes.
    """
    sources = docx_sources(result)
    if plan is None:
        plan = plan_targets(sources, out_dir, [r.file.path for r in result.files])
    by_path = {r.file.path: r for r in result.files}
    reports = []
    for source in sources:
        target = plan.get(source)
        if target is None:
            continue
        reports.append(annotate_docx(source, target, by_path[source].findings, highlight=highlight))
    return reports
