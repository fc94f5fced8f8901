"""From walked paragraphs to Passages: revisions split off, structure attached.

Every reader (DOCX, text, Markdown, PDF) produces `RawParagraph`s in reading order; this module
is the one place that decides what becomes a Passage and where it stands.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from conflictcheck.documents.docx import RawParagraph, starts_italic, style_flags
from conflictcheck.documents.records import make_location, make_passage
from conflictcheck.documents.revisions import DELETED, ITALIC, Piece, split_plain, split_revisions
from conflictcheck.documents.structure import Context, StructureTracker, match_proposal, match_resolution
from conflictcheck.documents.styles import StyleInfo
from conflictcheck.model import Passage, TextAnchor

StyleLookup = Callable[[str | None], StyleInfo]
Keep = Callable[[str], bool]  # is a passage with this text worth building?

_UNMOORED = ("header", "footer")
_UNMOORED_CONTEXT = Context()


def is_proposal(raws: list[RawParagraph]) -> bool:
    """A document that proposes changes: proposal headers (ADD/MOD/SUP/NOC GROUP/DocAddendum/n), or
    the revision of a resolution ("RESOLUTION 102 (REV. ...)"), as drafts of ad hoc groups are; both
    mark changes by striking and underlining."""
    for raw in raws:
        if raw.satellite:
            continue
        if raw.text is not None:
            text = raw.text
        else:
            text = "".join(t for t, kind, _n, _f in raw.pieces if kind != DELETED).strip()
        if text[:1] in "AMSN(" and match_proposal(text):
            return True
        if text[:1] in "RD" and "REV" in text.upper() and match_resolution(text):
            return True
    return False


# A paragraph's passages before they are built: the paragraph, its place in the structure, its
# text and anchors (None: made on demand from the paragraph), its deleted text and anchors, and
# whether all of its text is inserted.
Found = tuple[RawParagraph, Context, str, tuple[TextAnchor, ...] | None, str, tuple[TextAnchor, ...], bool]


def build_passages(
    raws: list[RawParagraph],
    *,
    file: str | None,
    formatting_marks: bool,
    styles: StyleLookup | None = None,
    keep: Keep | None = None,
) -> tuple[int, list[Passage]]:
    """How many passages the paragraphs make, and those whose text `keep` accepts (all without
    it), in reading order; `styles` resolves paragraph and character styles (DOCX).

    Every paragraph moves the structure, but a passage left out costs no location or anchors.
    """
    out: list[Passage] = []
    return _walk(raws, file, formatting_marks, styles, keep, out, None), out


def defer_passages(
    raws: list[RawParagraph], *, file: str | None, formatting_marks: bool, styles: StyleLookup | None = None
) -> DeferredPassages:
    """`build_passages` in two steps: find every passage now, build the kept ones later."""
    found: list[Found] = []
    count = _walk(raws, file, formatting_marks, styles, None, [], found)
    return DeferredPassages(count, found, file)


class DeferredPassages:
    """A document's passages found but not built yet: for a reader that must read before it
    knows which passages it will keep (a parallel scan's reader, before the prefilter comes).

    Holds each paragraph's text and what locates and anchors it, but no XML: the document's
    trees are freed as soon as it is read.
    """

    __slots__ = ("_file", "_found", "count")

    def __init__(self, count: int, found: list[Found], file: str | None):
        for raw, *_ in found:
            raw.source = None  # the w:p was needed for italics only, which the structure has read
        self.count = count
        self._found = found
        self._file = file

    def build(self, keep: Keep | None = None) -> list[Passage]:
        """The passages whose text `keep` accepts (all without it), as `build_passages` gives them."""
        out: list[Passage] = []
        for found in self._found:
            _, _, text, _, deleted, _, _ = found
            keep_text = bool(text) and (keep is None or keep(text))
            keep_deleted = bool(deleted) and (keep is None or keep(deleted))
            if keep_text or keep_deleted:
                _build(out, self._file, found, keep_text, keep_deleted)
        return out


def _walk(
    raws: list[RawParagraph],
    file: str | None,
    formatting_marks: bool,
    styles: StyleLookup | None,
    keep: Keep | None,
    out: list[Passage],
    found: list[Found] | None,
) -> int:
    """Move the structure through every paragraph, in reading order, and build into `out` the
    passages `keep` accepts, or (`found`) note every paragraph's passages there unbuilt. Returns
    how many passages the paragraphs make. One loop for both: it is the reader's hottest after
    the walk, and a call per paragraph would show."""
    tracker = StructureTracker()
    count = 0
    for raw in raws:
        pieces = raw.pieces
        # Character styles may strike or underline; paragraph styles that do are not worth
        # reading styles.xml for every styled paragraph.
        if formatting_marks and styles is not None and raw.run_styles:
            pieces = _styled(raw, styles)
        anchors: tuple[TextAnchor, ...] | None
        if raw.text is not None:
            text, anchors = raw.text, None  # anchored only if kept
            deleted, deleted_anchors, inserted = "", (), False
        elif raw.plain:
            text, anchors, deleted, deleted_anchors, inserted = split_plain(pieces, raw.part)
        else:
            text, anchors, deleted, deleted_anchors, inserted = split_revisions(pieces, raw.part, formatting_marks)
        if raw.satellite:
            if not text and not deleted:
                continue
            ctx = _UNMOORED_CONTEXT if raw.story in _UNMOORED else tracker.satellite()
        elif text:
            # Italic only matters for a would-be intro phrase: the tracker asks for it then.
            ctx = tracker.feed(text, raw.style, raw.label, partial(_italic, raw, styles))
        elif deleted:
            ctx = tracker.peek(deleted, raw.label)
        else:
            tracker.feed("", None, raw.label)
            continue
        count += bool(text) + bool(deleted)
        if found is not None:
            found.append((raw, ctx, text, anchors, deleted, deleted_anchors, inserted))
            continue
        keep_text = bool(text) and (keep is None or keep(text))
        keep_deleted = bool(deleted) and (keep is None or keep(deleted))
        if keep_text or keep_deleted:
            _build(out, file, (raw, ctx, text, anchors, deleted, deleted_anchors, inserted), keep_text, keep_deleted)
    return count


def _build(out: list[Passage], file: str | None, found: Found, keep_text: bool, keep_deleted: bool) -> None:
    """A paragraph's passages, those wanted: its text, then its deleted text."""
    raw, ctx, text, anchors, deleted, deleted_anchors, inserted = found
    location = make_location(file, raw.story, raw.index, *ctx, raw.line)
    if keep_text:
        out.append(make_passage(text, location, False, inserted, raw.text_anchors() if anchors is None else anchors))
    if keep_deleted:
        out.append(make_passage(deleted, location, True, False, deleted_anchors))


def _italic(raw: RawParagraph, styles: StyleLookup | None) -> bool:
    """Does the paragraph's first visible text read in italics (direct, character or para style)?"""
    first = next((i for i, p in enumerate(raw.pieces) if p[1] != DELETED and p[0].strip()), None)
    if raw.italic or (first is not None and raw.pieces[first][3] & ITALIC):
        return True
    if raw.source is not None and starts_italic(raw.source):
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
