"""Revisions: a paragraph's pieces split into the text as it reads after accepting the changes
and the text proposed for deletion, each with its anchors back to the XML text nodes.

A piece is a plain tuple `(text, kind, node, flags)` because the walker makes one per w:t and
tuples are the cheapest record Python has:

* `kind` is NORMAL, INSERTED (w:ins, w:moveTo) or DELETED (w:del, w:delText, w:moveFrom);
* `node` is the text node's index in its part (see `conflictcheck.documents` for the contract),
  or -1 for characters that come from no text node (tabs, breaks, symbols);
* `flags` carries the run formatting that revision marks can use: STRUCK, UNDERLINED, ITALIC.

With formatting marks on (proposals, where changes are often typed as struck-through and
underlined text instead of tracked), a struck run counts as deleted and an underlined one as
inserted; tracked kinds always win.
"""

from __future__ import annotations

from typing import NamedTuple

from conflictcheck.documents.records import make_anchor
from conflictcheck.model import TextAnchor

NORMAL = 0
INSERTED = 1
DELETED = 2

STRUCK = 1
UNDERLINED = 2
ITALIC = 4

Piece = tuple[str, int, int, int]

DELETION_GAP = " … "  # joins deleted pieces that live text separates


class Split(NamedTuple):
    text: str
    anchors: tuple[TextAnchor, ...]
    deleted_text: str
    deleted_anchors: tuple[TextAnchor, ...]
    inserted: bool


_MARKS = STRUCK | UNDERLINED
_tuple_new = tuple.__new__  # builds a Split without NamedTuple.__new__'s argument handling
_NO_ANCHORS: tuple[TextAnchor, ...] = ()


def split_revisions(pieces: list[Piece], part: str, formatting_marks: bool) -> Split:
    """Text after accepting the changes, text proposed for deletion, and their anchors."""
    marks = _MARKS if formatting_marks else 0
    for piece in pieces:
        if piece[1] or piece[3] & marks:
            return _split(pieces, part, formatting_marks)
    return split_plain(pieces, part)


def split_plain(pieces: list[Piece], part: str) -> Split:
    """The common paragraph, with no revision anywhere: its text and anchors."""
    if len(pieces) == 1:
        text, _kind, node, _flags = pieces[0]
        stripped = text.strip()
        if node < 0 or not stripped:
            return _tuple_new(Split, (stripped, _NO_ANCHORS, "", _NO_ANCHORS, False))
        lead = text.find(stripped[0]) if stripped != text else 0
        anchor = make_anchor(0, len(stripped), part, node, lead)
        return _tuple_new(Split, (stripped, (anchor,), "", _NO_ANCHORS, False))
    anchors = []
    pos = 0
    for text, _kind, node, _flags in pieces:
        end = pos + len(text)
        if node >= 0:
            anchors.append(make_anchor(pos, end, part, node, 0))
        pos = end
    text, stripped_anchors = strip_anchored("".join([p[0] for p in pieces]), anchors)
    return _tuple_new(Split, (text, stripped_anchors, "", _NO_ANCHORS, False))


def _split(pieces: list[Piece], part: str, formatting_marks: bool) -> Split:
    live: list[str] = []
    live_anchors: list[TextAnchor] = []
    dead: list[str] = []
    dead_anchors: list[TextAnchor] = []
    live_pos = dead_pos = 0
    gap = ""  # what to put before the next deleted piece
    saw_inserted = saw_plain = False
    for text, kind, node, flags in pieces:
        if formatting_marks and kind == NORMAL and flags:
            if flags & STRUCK:
                kind = DELETED
            elif flags & UNDERLINED:
                kind = INSERTED
        if kind == DELETED:
            if gap and dead_pos:
                gap = _fit(gap, dead[-1], text)
                dead.append(gap)
                dead_pos += len(gap)
            gap = ""
            if node >= 0:
                dead_anchors.append(make_anchor(dead_pos, dead_pos + len(text), part, node, 0))
            dead.append(text)
            dead_pos += len(text)
            continue
        if dead_pos:
            gap = DELETION_GAP if text.strip() else (gap or " ")
        if node >= 0:
            live_anchors.append(make_anchor(live_pos, live_pos + len(text), part, node, 0))
        live.append(text)
        live_pos += len(text)
        if text.strip():
            if kind == INSERTED:
                saw_inserted = True
            else:
                saw_plain = True
    text, anchors = strip_anchored("".join(live), live_anchors)
    dtext, danchors = strip_anchored("".join(dead), dead_anchors)
    return Split(text, anchors, dtext, danchors, saw_inserted and not saw_plain)


def _fit(gap: str, before: str, after: str) -> str:
    """Avoid doubled spaces where the deleted pieces bring their own."""
    if before[-1:].isspace():
        gap = gap.lstrip()
    if after[:1].isspace():
        gap = gap.rstrip()
    return gap


def join_anchored(texts: list[str], nodes: list[int], part: str) -> tuple[str, tuple[TextAnchor, ...]]:
    """The stripped concatenation of `texts` (none empty) and its anchors, `nodes[i]` being the
    text node of `texts[i]` (-1: none).

    The same result as anchoring every piece and then `strip_anchored`, with each anchor made
    once, at its final place: the fast path's share of the reader's work.
    """
    text = "".join(texts)
    stripped = text.strip()
    anchors = []
    pos = 0
    if stripped == text:  # most paragraphs: every piece keeps its place
        for piece, node in zip(texts, nodes, strict=True):
            stop = pos + len(piece)
            if node >= 0:
                anchors.append(make_anchor(pos, stop, part, node, 0))
            pos = stop
        return text, tuple(anchors)
    lead = len(text) - len(text.lstrip())
    end = lead + len(stripped)
    for piece, node in zip(texts, nodes, strict=True):
        stop = pos + len(piece)
        if node >= 0:
            start, finish = max(pos, lead), min(stop, end)
            if start < finish:
                anchors.append(make_anchor(start - lead, finish - lead, part, node, start - pos))
        pos = stop
    return stripped, tuple(anchors)


def strip_anchored(text: str, anchors: list[TextAnchor]) -> tuple[str, tuple[TextAnchor, ...]]:
    """Strip surrounding whitespace and shift the anchors with the text."""
    stripped = text.strip()
    if stripped == text:
        return text, tuple(anchors)
    lead = len(text) - len(text.lstrip())
    end = lead + len(stripped)
    out = []
    for a in anchors:
        start, stop = max(a.start, lead), min(a.end, end)
        if start >= stop:
            continue
        out.append(make_anchor(start - lead, stop - lead, a.part, a.node, a.node_offset + start - a.start))
    return stripped, tuple(out)
