"""From walked paragraphs to Passages: revisions split off, structure attached.

Every reader (DOCX, text, Markdown, PDF) produces `RawParagraph`s in reading order; this module
is the one place that decides what becomes a Passage and where it stands.
"""

from __future__ import annotations

from conflictcheck.documents.docx import RawParagraph
from conflictcheck.documents.revisions import DELETED, split_revisions
from conflictcheck.documents.structure import Context, StructureTracker, match_proposal
from conflictcheck.model import Location, Passage

_UNMOORED = ("header", "footer")


def is_proposal(raws: list[RawParagraph]) -> bool:
    """A document with proposal headers (ADD/MOD/SUP/NOC GROUP/DocAddendum/n)."""
    for raw in raws:
        if raw.satellite:
            continue
        text = "".join(t for t, kind, _n, _f in raw.pieces if kind != DELETED).strip()
        if text[:1] in "AMSN(" and match_proposal(text):
            return True
    return False


def build_passages(
    raws: list[RawParagraph], *, file: str | None, formatting_marks: bool
) -> list[Passage]:
    tracker = StructureTracker()
    out: list[Passage] = []
    for raw in raws:
        split = split_revisions(raw.pieces, raw.part, formatting_marks)
        if not split.text and not split.deleted_text:
            if not raw.satellite:
                tracker.feed("", label=raw.label)
            continue
        ctx = _context(tracker, raw, split.text, split.deleted_text)
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


def _context(tracker: StructureTracker, raw: RawParagraph, text: str, deleted: str) -> Context:
    if raw.story in _UNMOORED:
        return Context()
    if raw.satellite:
        return tracker.satellite()
    if text:
        return tracker.feed(text, style=raw.style, label=raw.label, italic=raw.italic)
    return tracker.peek(deleted, raw.label)
