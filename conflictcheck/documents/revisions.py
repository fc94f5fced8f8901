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

from dataclasses import dataclass

from conflictcheck.model import TextAnchor

NORMAL = 0
INSERTED = 1
DELETED = 2

STRUCK = 1
UNDERLINED = 2
ITALIC = 4

Piece = tuple[str, int, int, int]

DELETION_GAP = " … "  # joins deleted pieces that live text separates


@dataclass(frozen=True)
class Split:
    text: str
    anchors: tuple[TextAnchor, ...]
    deleted_text: str
    deleted_anchors: tuple[TextAnchor, ...]
    inserted: bool


def split_revisions(pieces: list[Piece], part: str, formatting_marks: bool) -> Split:
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
                dead_anchors.append(TextAnchor(dead_pos, dead_pos + len(text), part, node, 0))
            dead.append(text)
            dead_pos += len(text)
            continue
        if dead_pos:
            gap = DELETION_GAP if text.strip() else (gap or " ")
        if node >= 0:
            live_anchors.append(TextAnchor(live_pos, live_pos + len(text), part, node, 0))
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
        out.append(
            TextAnchor(start - lead, stop - lead, a.part, a.node, a.node_offset + start - a.start)
        )
    return stripped, tuple(out)
