"""Writing a report in pieces that join to exactly the text a whole-document rendering gives.

A scan's report can hold every finding of thousands of drafts; these helpers let a format hand
its writer one file's worth at a time instead, so writing costs no more memory as scans grow.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence

from conflictcheck.reports import pretty_json


class Streamed:
    """A list in a JSON document whose items `json_chunks` encodes one at a time."""

    def __init__(self, items: Iterable[object]) -> None:
        self.items = items


# How a document builder wraps its growing lists: `list` for the whole object, `Streamed` when
# the document is to be written by `json_chunks`; one builder then serves both.
Collect = Callable[[Iterable[object]], object]


def json_chunks(document: object) -> Iterator[str]:
    """`json.dumps(document, indent=2, ensure_ascii=False) + "\\n"` with each Streamed value
    encoded as a list, in pieces: the frame around the lists, then one list item at a time.

    The frame is encoded once with a unique string standing in for each list; the text is cut
    at those strings and each item encoded with the indentation its list has there.
    """
    lists: dict[str, Iterable[object]] = {}

    def stand_in(value: object) -> str:
        if not isinstance(value, Streamed):
            raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")
        marker = f"\u0000streamed-{os.urandom(8).hex()}\u0000"
        lists[json.dumps(marker)] = value.items
        return marker

    text = json.dumps(document, indent=2, ensure_ascii=False, default=stand_in)
    for marker, items in lists.items():  # in document order: json.dumps meets them so
        head, text = text.split(marker, 1)
        yield head
        yield from _json_list(items, _last_line_indent(head))
    yield text + "\n"


def _json_list(items: Iterable[object], indent: int) -> Iterator[str]:
    pad = " " * (indent + 2)
    empty = True
    for item in items:
        yield ("[\n" if empty else ",\n") + pad + pretty_json.dumps(item, pad)
        empty = False
    yield "[]" if empty else "\n" + " " * indent + "]"


def _last_line_indent(text: str) -> int:
    line = text[text.rfind("\n") + 1 :]
    return len(line) - len(line.lstrip(" "))


def joined(blocks: Iterable[Sequence[str]], separator: str = "\n") -> Iterator[str]:
    """`separator.join` of every block's lines, a block at a time; empty blocks add nothing."""
    first = True
    for block in blocks:
        if block:
            yield ("" if first else separator) + separator.join(block)
            first = False


def rstripped(pieces: Iterable[str]) -> Iterator[str]:
    """The pieces' text without trailing whitespace, as `"".join(pieces).rstrip()` would be.

    Whitespace is held back until text follows it, since only the end of the last piece with
    text is known to be the end of the document.
    """
    pending = ""
    for piece in pieces:
        text = pending + piece
        kept = text.rstrip()
        pending = text[len(kept) :]
        if kept:
            yield kept
