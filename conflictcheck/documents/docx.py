"""The DOCX story walker: every paragraph Word shows, in reading order, as pieces of text.

Stories, in the order they are emitted: headers; the body (tables, nested tables and content
controls inline), where each paragraph is followed by the text boxes anchored in it and by the
footnotes and endnotes it references; then footers. Within a paragraph the walker descends
through runs, tracked insertions and deletions, moves, hyperlinks, content controls, smart tags,
custom XML, simple fields and the chosen branch of mc:AlternateContent (the first mc:Choice, or
the mc:Fallback when there is none, so a text box is never read twice). Complex fields show their
result (between `separate` and `end`), never their code (w:instrText).

The walker works on lxml directly: python-docx's Paragraph objects would cost several times the
parse in the hot path and do not reach text boxes or fields. Speed comes from a split: one
C-filtered pass over each part (`prepass.PartIndex`) numbers the text nodes and reads every *simple*
paragraph (no revision, field, note, text box, symbol or strike/underline/character style
inside) straight to its final text and anchors; only the others get the full recursive walk.
tests/documents/test_fast_path.py checks that both give the same passages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from conflictcheck.documents.numbering import Numbering
from conflictcheck.documents.package import RT, Package
from conflictcheck.documents.prepass import PartIndex
from conflictcheck.documents.revisions import (
    DELETED,
    INSERTED,
    ITALIC,
    NORMAL,
    STRUCK,
    UNDERLINED,
    Piece,
    join_anchored,
)
from conflictcheck.documents.safety import fail, parse_xml
from conflictcheck.documents.styles import StyleInfo, Styles
from conflictcheck.documents.wordml import (
    M_T,
    MC_ALTERNATE,
    MC_CHOICE,
    MC_FALLBACK,
    R_ID,
    W_BR,
    W_CHAR,
    W_CR,
    W_DEL,
    W_DELTEXT,
    W_DRAWING,
    W_DSTRIKE,
    W_ENDNOTE,
    W_ENDNOTEREF,
    W_FLDCHAR,
    W_FLDCHARTYPE,
    W_FOOTNOTE,
    W_FOOTNOTEREF,
    W_HEADERREF,
    W_HYPERLINK,
    W_I,
    W_ID,
    W_ILVL,
    W_INS,
    W_MOVEFROM,
    W_MOVETO,
    W_NOBREAKHYPHEN,
    W_NUMID,
    W_NUMPR,
    W_OBJECT,
    W_P,
    W_PICT,
    W_PPR,
    W_PSTYLE,
    W_PTAB,
    W_R,
    W_RPR,
    W_RSTYLE,
    W_SOFTHYPHEN,
    W_STRIKE,
    W_SYM,
    W_T,
    W_TAB,
    W_TBL,
    W_TXBXCONTENT,
    W_TYPE,
    W_U,
    W_VAL,
    M,
    on,
    w,
)
from conflictcheck.model import TextAnchor

# Containers and properties that hold no visible text of their own.
_SKIP = frozenset(
    w(name)
    for name in (
        "pPr",
        "rPr",
        "sectPr",
        "tblPr",
        "tblGrid",
        "trPr",
        "tcPr",
        "sdtPr",
        "sdtEndPr",
        "bookmarkStart",
        "bookmarkEnd",
        "proofErr",
        "commentRangeStart",
        "commentRangeEnd",
        "commentReference",
        "permStart",
        "permEnd",
        "moveFromRangeStart",
        "moveFromRangeEnd",
        "moveToRangeStart",
        "moveToRangeEnd",
        "lastRenderedPageBreak",
        "instrText",
        "delInstrText",
        "fldData",
        "annotationRef",
        "footnoteRef",
        "endnoteRef",
        "separator",
        "continuationSeparator",
    )
)
_NOTE_SKIP_TYPES = frozenset(("separator", "continuationSeparator", "continuationNotice"))
_BOX_HOLDERS = frozenset((W_DRAWING, W_PICT, W_OBJECT, MC_ALTERNATE))
_NO_PIECES: list[Piece] = []
_LINKED_STYLE = re.compile(rb'<w:pStyle\s+w:val="([^"]+)"')
_MATH = frozenset((M + "oMath", M + "oMathPara"))
_INSERTS = frozenset((W_INS, W_MOVETO))
_DELETES = frozenset((W_DEL, W_MOVEFROM))
_TABS = frozenset((W_TAB, W_PTAB))
_BREAKS = frozenset((W_BR, W_CR))
_NOTE_REFS = frozenset((W_FOOTNOTEREF, W_ENDNOTEREF))
_STRIKES = frozenset((W_STRIKE, W_DSTRIKE))


class RawParagraph:
    """One paragraph as the walker saw it, before revisions and structure are applied.

    A plain class with slots: the walker makes one per paragraph and a dataclass's keyword
    handling would show on the profile.
    """

    __slots__ = (
        "_anchored_pieces",
        "index",
        "italic",
        "label",
        "line",
        "part",
        "pieces",
        "plain",
        "run_styles",
        "satellite",
        "source",
        "story",
        "style",
        "text",
    )

    def __init__(
        self,
        story: str,
        index: int,
        part: str,
        pieces: list[Piece],
        style: str | None = None,
        label: str | None = None,
        italic: bool = False,
        satellite: bool = False,
        line: int | None = None,
        run_styles: list[tuple[int, int, str]] | None = None,
        source: etree._Element | None = None,
        plain: bool = False,
    ):
        self.story = story
        self.index = index  # within its story, counting empty paragraphs too
        self.part = part  # package part name, for the anchors
        self.pieces = pieces
        self.style = style
        self.label = label  # generated numbering, as Word shows it
        self.italic = italic  # direct italics known to start the paragraph
        self.satellite = satellite  # footnote, text box, header: inherits context, moves nothing
        self.line = line
        self.run_styles = run_styles  # pieces [start, end) in a character style
        self.source = source  # the w:p, when italics are left to be read on demand
        self.plain = plain  # every piece is NORMAL with no flags: no revision to split off
        self.text: str | None = None  # the final text, when already known
        self._anchored_pieces: tuple[list[str], list[int]] | None = None  # with the text

    def set_text(self, text: str, pieces: list[str], nodes: list[int]) -> None:
        """Give the paragraph its final text, which is `pieces` joined and stripped, each piece
        from the text node in `nodes` (-1: none); its anchors are made only if asked for."""
        self.text = text
        self._anchored_pieces = (pieces, nodes)

    def text_anchors(self) -> tuple[TextAnchor, ...]:
        """The anchors of `text`, made on request: a scan keeps only the passages a rule may match."""
        if self._anchored_pieces is None:
            return ()
        return join_anchored(*self._anchored_pieces, self.part)[1]

    def __repr__(self) -> str:
        return f"RawParagraph({self.story}#{self.index}, {self.pieces!r})"


def starts_italic(p: etree._Element) -> bool:
    """Is the first run with text in `p` directly set in italics?"""
    for t in p.iter(W_T):
        run = t.getparent()
        rpr = run.find(W_RPR) if run is not None else None
        if not (t.text or "").strip():
            continue
        return rpr is not None and any(c.tag == W_I and on(c) for c in rpr)
    return False


@dataclass
class _Story:
    """Per-part, per-story walking state."""

    part: str
    index: PartIndex  # the part's simple paragraphs and text-node indices
    story: str
    satellite: bool
    code_depth: int = 0  # fields whose code (not result) we are inside
    fields: list[bool] = field(default_factory=list)  # per open field: in its result yet?


class _Para:
    """What one paragraph collects while its runs are walked."""

    __slots__ = ("boxes", "notes", "pieces", "run_styles", "story")

    def __init__(self, pieces: list[Piece], story: _Story):
        self.pieces = pieces
        self.story = story
        self.boxes: list[etree._Element] = []
        self.notes: list[tuple[str, str, bool]] = []  # kind, id, reference deleted?
        self.run_styles: list[tuple[int, int, str]] = []  # pieces [start, end) in a char style


class _PackageStyles:
    """The package's styles, read on first use only (most documents never need styles.xml).

    Apart from the walker so that the numbering can hold it without holding the walker: that
    cycle kept each document's parts and paragraphs alive until a full garbage collection.
    """

    def __init__(self, package: Package, main: str):
        self._pkg = package
        self._main = main
        self._styles: Styles | None = None

    def __call__(self, style_id: str | None) -> StyleInfo:
        if self._styles is None:
            parts = self._pkg.related(self._main, RT.STYLES)
            self._styles = Styles(self._pkg.path, self._pkg.raw(parts[0]) if parts else None)
        return self._styles.get(style_id)


class DocxWalker:
    def __init__(self, package: Package):
        self._pkg = package
        self._main = package.main_part
        self._styles = _PackageStyles(package, self._main)
        self._numbering: Numbering | None = None
        self._numbering_bytes: bytes | None = None
        self._links: set[str] | None = None
        self._has_numbering = bool(package.related(self._main, RT.NUMBERING))
        self._indexes: dict[str, PartIndex] = {}
        self._notes: dict[str, tuple[str, dict[str, etree._Element]] | None] = {}
        self._counters: dict[str, int] = {}
        self._out: list[RawParagraph] = []

    # -- entry point --

    def walk(self) -> list[RawParagraph]:
        root = self._pkg.xml(self._main)
        body = root.find(w("body"))
        if body is None:
            raise fail(self._pkg.path, f"{self._main.lstrip('/')} has no w:body; not a Word document body")
        main = self._story(self._main, "body", False)
        headers, footers = self._header_footer_parts(main.index.references)
        for part in headers:
            self._part_story(part, "header")
        self._blocks(body, main, NORMAL)
        for part in footers:
            self._part_story(part, "footer")
        return self._out

    def _header_footer_parts(self, references: list[etree._Element]) -> tuple[list[str], list[str]]:
        headers: list[str] = []
        footers: list[str] = []
        for ref in references:
            target = self._pkg.target(self._main, ref.get(R_ID, ""))
            bucket = headers if ref.tag == W_HEADERREF else footers
            if target is not None and target not in bucket:
                bucket.append(target)
        return headers, footers

    def _part_story(self, part: str, story: str) -> None:
        root = self._pkg.xml(part)
        self._blocks(root, self._story(part, story, True), NORMAL)

    def _story(self, part: str, story: str, satellite: bool) -> _Story:
        index = self._indexes.get(part)
        if index is None:
            index = self._indexes[part] = PartIndex(self._pkg.xml(part), part)
        return _Story(part, index, story, satellite)

    # -- block level --

    def _blocks(self, container: etree._Element, st: _Story, kind: int) -> None:
        for child in container:
            tag = child.tag
            if tag == W_P:
                if kind == NORMAL and not st.code_depth and self._simple_paragraph(child, st):
                    continue
                self._paragraph(child, st, kind)
            elif tag == W_TBL:
                inner = st
                if st.story == "body":
                    inner = _Story(st.part, st.index, "table", st.satellite)
                self._blocks(child, inner, kind)
            elif tag in _SKIP or not isinstance(tag, str):
                continue
            elif tag == MC_ALTERNATE:
                branch = _choose(child)
                if branch is not None:
                    self._blocks(branch, st, kind)
            else:  # tr, tc, sdt, sdtContent, customXml, ...
                self._blocks(child, st, kind)

    def _paragraph(self, p: etree._Element, st: _Story, kind: int) -> None:
        """The full walk of one paragraph (after `_simple_paragraph` declined it)."""
        para = _Para([], st)
        style = num_id = None
        ilvl = -1
        for child in p:  # the paragraph's own loop: one level of recursion less on the hot path
            tag = child.tag
            if tag == W_R:
                self._run(child, para, kind, False)
            elif tag == W_PPR:
                style, num_id, ilvl = _paragraph_properties(child)
            elif tag in _SKIP or not isinstance(tag, str):
                continue
            else:
                self._inline_one(child, para, kind, False)
        label = None
        if self._has_numbering and (num_id is not None or (style is not None and style in self._linked_styles())):
            label = self._label(num_id, ilvl, style)
        index = self._counters.get(st.story, 0)
        self._counters[st.story] = index + 1
        self._out.append(
            RawParagraph(
                st.story,
                index,
                st.part,
                para.pieces,
                style,
                label,
                False,  # italic is worked out later, and only for would-be intro phrases
                st.satellite,
                None,
                para.run_styles,
            )
        )
        if para.boxes:
            for box in para.boxes:
                self._blocks(box, _Story(st.part, st.index, "textbox", True), kind)
        if para.notes:
            for note_kind, note_id, deleted in para.notes:
                self._note(note_kind, note_id, DELETED if deleted else kind)

    def _linked_styles(self) -> set[str]:
        """Styles that number paragraphs, read off numbering.xml without parsing it."""
        if self._links is None:
            self._links = {m.decode() for m in _LINKED_STYLE.findall(self._numbering_xml())}
        return self._links

    def _simple_paragraph(self, p: etree._Element, st: _Story) -> bool:
        """The fast path, for a paragraph with no revision, field, note, box or marked run.

        Its text and anchors were gathered by the prepass; here they only get their place in
        the story and their numbering (counters advance in reading order). The text is final:
        with no revision there is nothing for later to split off.
        """
        simple = st.index.simple(p)
        if simple is None:
            return False
        style, num_id, ilvl, text, pieces, nodes = simple
        label = None
        if self._has_numbering and (num_id is not None or (style is not None and style in self._linked_styles())):
            label = self._label(num_id, ilvl, style)
        index = self._counters.get(st.story, 0)
        self._counters[st.story] = index + 1
        raw = RawParagraph(st.story, index, st.part, _NO_PIECES, style, label, False, st.satellite, None, None, p, True)
        raw.set_text(text, pieces, nodes)
        self._out.append(raw)
        return True

    def _label(self, num_id: str | None, ilvl: int, style: str | None) -> str | None:
        numbering = self._numbering or self._numbering_part()
        if (num_id is None or ilvl < 0) and style is not None and style in numbering.linked_styles:
            info = self.style(style)
            num_id = num_id if num_id is not None else info.num_id
            ilvl = ilvl if ilvl >= 0 else info.ilvl
        if num_id is None:
            return None
        return numbering.label(num_id, max(ilvl, 0))

    # -- inline level --

    def _inline(self, parent: etree._Element, para: _Para, kind: int, link: bool) -> None:
        for child in parent:
            tag = child.tag
            if tag == W_R:
                self._run(child, para, kind, link)
            elif tag in _SKIP or not isinstance(tag, str):
                continue
            else:
                self._inline_one(child, para, kind, link)

    def _inline_one(self, child: etree._Element, para: _Para, kind: int, link: bool) -> None:
        """One inline container that is not a plain run."""
        tag = child.tag
        if tag in _INSERTS:
            self._inline(child, para, kind if kind == DELETED else INSERTED, link)
        elif tag in _DELETES:
            self._inline(child, para, DELETED, link)
        elif tag == W_HYPERLINK:
            self._inline(child, para, kind, True)
        elif tag == MC_ALTERNATE:
            branch = _choose(child)
            if branch is not None:
                self._inline(branch, para, kind, link)
        elif tag in _MATH:
            for t in child.iter(M_T):
                if t.text:
                    para.pieces.append((t.text, kind, -1, 0))
        else:  # sdt, sdtContent, fldSimple, smartTag, customXml, bdo, dir, ...
            self._inline(child, para, kind, link)

    def _run(self, r: etree._Element, para: _Para, kind: int, link: bool) -> None:
        st = para.story
        pieces = para.pieces
        flags = 0
        first = len(pieces)
        rstyle = None
        for child in r:
            tag = child.tag
            if tag == W_T:
                if st.code_depth:
                    continue
                text = child.text
                if text:
                    pieces.append((text, kind, st.index.nodes[child], flags))
            elif tag == W_RPR:
                flags, rstyle = _run_properties(child, link)
            elif tag == W_DELTEXT:
                text = child.text
                if text and not st.code_depth:
                    pieces.append((text, DELETED, st.index.nodes[child], flags))
            elif tag in _SKIP:
                continue
            elif tag == W_FLDCHAR:
                _field_char(st, child.get(W_FLDCHARTYPE))
            elif st.code_depth:
                continue
            elif tag in _TABS:
                pieces.append((" ", kind, -1, flags))
            elif tag in _BREAKS:
                pieces.append(("\n", kind, -1, flags))
            elif tag == W_NOBREAKHYPHEN:
                pieces.append(("-", kind, -1, flags))
            elif tag == W_SOFTHYPHEN:
                pieces.append(("\u00ad", kind, -1, flags))
            elif tag == W_SYM:
                pieces.append((_symbol(child), kind, -1, flags))
            elif tag in _NOTE_REFS:
                note = "footnote" if tag == W_FOOTNOTEREF else "endnote"
                para.notes.append((note, child.get(W_ID, ""), kind == DELETED))
            elif tag in _BOX_HOLDERS:
                para.boxes.extend(_text_boxes(child))
        if rstyle is not None and len(pieces) > first:
            para.run_styles.append((first, len(pieces), rstyle))

    # -- notes --

    def _note(self, note_kind: str, note_id: str, kind: int) -> None:
        found = self._note_part(note_kind)
        if found is None:
            return
        part, notes = found
        el = notes.pop(note_id, None)  # a note is read once even if referenced twice
        if el is None:
            return
        self._blocks(el, self._story(part, note_kind, True), kind)

    def _note_part(self, note_kind: str) -> tuple[str, dict[str, etree._Element]] | None:
        if note_kind not in self._notes:
            reltype = RT.FOOTNOTES if note_kind == "footnote" else RT.ENDNOTES
            tag = W_FOOTNOTE if note_kind == "footnote" else W_ENDNOTE
            parts = self._pkg.related(self._main, reltype)
            if not parts:
                self._notes[note_kind] = None
            else:
                root = self._pkg.xml(parts[0])
                notes = {el.get(W_ID, ""): el for el in root.iter(tag) if el.get(W_TYPE) not in _NOTE_SKIP_TYPES}
                self._notes[note_kind] = (parts[0], notes)
        return self._notes[note_kind]

    # -- styles and numbering, loaded on first use --

    def style(self, style_id: str | None) -> StyleInfo:
        """A style's numbering and run formatting (styles.xml is read on first use only)."""
        return self._styles(style_id)

    def _numbering_part(self) -> Numbering:
        if self._numbering is None:
            parts = self._pkg.related(self._main, RT.NUMBERING)
            root = parse_xml(self._pkg.path, parts[0].lstrip("/"), self._numbering_xml()) if parts else None
            self._numbering = Numbering(root, self._styles)
        return self._numbering

    def _numbering_xml(self) -> bytes:
        """numbering.xml's bytes, inflated once for both `_linked_styles` and the parse."""
        if self._numbering_bytes is None:
            parts = self._pkg.related(self._main, RT.NUMBERING)
            self._numbering_bytes = self._pkg.raw(parts[0]) if parts else b""
        return self._numbering_bytes


def _choose(alternate: etree._Element) -> etree._Element | None:
    """The one branch of mc:AlternateContent to read: the first Choice, else the Fallback."""
    fallback = None
    for child in alternate:
        if child.tag == MC_CHOICE:
            return child
        if child.tag == MC_FALLBACK:
            fallback = child
    return fallback


def _text_boxes(holder: etree._Element) -> Iterator[etree._Element]:
    """Outermost w:txbxContent under a drawing, taking one branch of each AlternateContent."""
    if holder.tag == MC_ALTERNATE:
        branch = _choose(holder)
        if branch is not None:
            yield from _text_boxes(branch)
        return
    for child in holder:
        tag = child.tag
        if tag == W_TXBXCONTENT:
            yield child  # nested boxes are read when this one is walked
        elif isinstance(tag, str):
            yield from _text_boxes(child)


def _field_char(st: _Story, char_type: str | None) -> None:
    if char_type == "begin":
        st.fields.append(False)
        st.code_depth += 1
    elif char_type == "separate":
        if st.fields and not st.fields[-1]:
            st.fields[-1] = True
            st.code_depth -= 1
    elif char_type == "end" and st.fields and not st.fields.pop():
        st.code_depth -= 1


def _symbol(sym: etree._Element) -> str:
    """w:sym: the character itself; symbol-font glyphs (bullets, boxes) read as a space."""
    try:
        code = int(sym.get(W_CHAR, "20"), 16)
    except ValueError:
        return " "
    if 0xF000 <= code <= 0xF0FF or code < 0x20 or code > 0x10FFFF:
        return " "
    return chr(code)


def _paragraph_properties(ppr: etree._Element) -> tuple[str | None, str | None, int]:
    """pStyle, numId and ilvl (-1 when absent) of a w:pPr."""
    style = num_id = None
    ilvl = -1
    for prop in ppr:
        tag = prop.tag
        if tag == W_PSTYLE:
            style = prop.get(W_VAL)
        elif tag == W_NUMPR:
            for sub in prop:
                if sub.tag == W_NUMID:
                    num_id = sub.get(W_VAL)
                elif sub.tag == W_ILVL:
                    ilvl = _int(sub.get(W_VAL))
    return style, num_id, ilvl


def _run_properties(rpr: etree._Element, link: bool) -> tuple[int, str | None]:
    """Direct formatting flags of a run, and its character style (resolved later, if needed)."""
    flags = 0
    rstyle = None
    for prop in rpr:
        tag = prop.tag
        if tag == W_RSTYLE:
            rstyle = prop.get(W_VAL)
        elif tag in _STRIKES:
            if on(prop):
                flags |= STRUCK
        elif tag == W_U:
            if on(prop):
                flags |= UNDERLINED
        elif tag == W_I and on(prop):
            flags |= ITALIC
    if link:
        flags &= ~UNDERLINED  # a hyperlink's underline is styling, not an insertion
    return flags, rstyle


def style_flags(info: StyleInfo) -> int:
    return (STRUCK if info.strike else 0) | (UNDERLINED if info.underline else 0) | (ITALIC if info.italic else 0)


def _int(value: str | None) -> int:
    try:
        return int(value) if value is not None else 0
    except ValueError:
        return 0


__all__ = ["INSERTED", "NORMAL", "DocxWalker", "RawParagraph"]
