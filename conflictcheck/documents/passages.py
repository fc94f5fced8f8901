"""From walked paragraphs to Passages: revisions split off, structure attached.

Every reader (DOCX, text, Markdown, PDF) produces `RawParagraph`s in reading order; this module
is the one place that decides what becomes a Passage and where it stands.
"""

from __future__ import annotations

from collections.abc import Callable

from conflictcheck.documents.docx import RawParagraph, style_flags
from conflictcheck.documents.revisions import DELETED, ITALIC, Piece, split_revisions
from conflictcheck.documents.structure import Context, StructureTracker, match_proposal, match_resolution
from conflictcheck.documents.styles import StyleInfo
from conflictcheck.model import Location, Passage

StyleLookup = Callable[[str | None], StyleInfo]

_UNMOORED = ("header", "footer")


def is_proposal(raws: list[RawParagraph]) -> bool:
    """A document that proposes changes: proposal headers (ADD/MOD/SUP/NOC GROUP/DocAddendum/n), or
    the revision of a resolution ("RESOLUTION 102 (REV. ...)"), as drafts of ad hoc groups are; both
    mark changes by striking and underlining."""
    for raw in raws:
        if raw.satellite:
            continue
        text = "".join(t for t, kind, _n, _f in raw.pieces if kind != DELETED).strip()
        if text[:1] in "AMSN(" and match_proposal(text):
            return True
        if text[:1] in "RD" and "REV" in text.upper() and match_resolution(text):
            return True
    return False


def build_passages(
    raws: list[RawParagraph],
    *,
    file: str | None,
    formatting_marks: bool,
    styles: StyleLookup | None = None,
) -> list[Passage]:
    """Passages in reading order; `styles` resolves paragraph and character styles (DOCX)."""
    tracker = StructureTracker()
    out: list[Passage] = []
    for raw in raws:
        pieces = raw.pieces
        if formatting_marks and styles is not None and (raw.style or raw.run_styles):
            pieces = _styled(raw, styles)
        split = split_revisions(pieces, raw.part, formatting_marks)
        if not split.text and not split.deleted_text:
            if not raw.satellite:
                tracker.feed("", label=raw.label)
            continue
        ctx = _context(tracker, raw, split.text, split.deleted_text, styles)
        location = Location(
            file=file,
            story=raw.story,
            paragraph=raw.index,
            part=ctx.part,
            intro=ctx.intro,
            heading=ctx.heading,
            item=ctx.item,
            proposal=ctx.proposal,
            action=ctx.action,
            resolution=ctx.resolution,
            line=raw.line,
        )
        if split.text:
            out.append(Passage(split.text, location, False, split.inserted, split.anchors))
        if split.deleted_text:
            out.append(Passage(split.deleted_text, location, True, False, split.deleted_anchors))
    return out


def _context(
    tracker: StructureTracker,
    raw: RawParagraph,
    text: str,
    deleted: str,
    styles: StyleLookup | None,
) -> Context:
    if raw.story in _UNMOORED:
        return Context()
    if raw.satellite:
        return tracker.satellite()
    if text:
        # Italic only matters for a would-be intro phrase: resolve styles for those alone.
        return tracker.feed(text, style=raw.style, label=raw.label, italic=lambda: _italic(raw, styles))
    return tracker.peek(deleted, raw.label)


def _italic(raw: RawParagraph, styles: StyleLookup | None) -> bool:
    """Does the paragraph's first visible text read in italics (direct, character or para style)?"""
    first = next((i for i, p in enumerate(raw.pieces) if p[1] != DELETED and p[0].strip()), None)
    if raw.italic or (first is not None and raw.pieces[first][3] & ITALIC):
        return True
    if styles is None:
        return False
    if raw.style and styles(raw.style).italic:
        return True
    for start, end, rstyle in raw.run_styles or ():
        if first is not None and start <= first < end:
            return styles(rstyle).italic
    return False


def _styled(raw: RawParagraph, styles: StyleLookup) -> list[Piece]:
    """Pieces with the strike/underline their paragraph and character styles give them."""
    base = style_flags(styles(raw.style)) & ~ITALIC if raw.style else 0
    pieces = [(t, k, n, f | base) for t, k, n, f in raw.pieces] if base else list(raw.pieces)
    for start, end, rstyle in raw.run_styles or ():
        extra = style_flags(styles(rstyle)) & ~ITALIC
        if extra:
            for i in range(start, end):
                t, k, n, f = pieces[i]
                pieces[i] = (t, k, n, f | extra)
    return pieces
