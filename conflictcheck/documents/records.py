"""Fast constructors for the shared frozen records, for the reader's and the cache's hot paths.

A frozen dataclass's `__init__` sets each field through `object.__setattr__`, which costs more
than the rest of the per-paragraph work; a reader makes one Location, one Passage and a few
TextAnchors per paragraph, and a rescan rebuilds a dozen records for each cached finding. These
makers build the same objects by filling `__dict__` at once. They are checked against the model
at import: if a record's fields ever differ from the names below, the maker falls back to the
class itself, so a model change can cost speed, never correctness (tests/documents/
test_fast_path.py and tests/scan/test_scan_cache.py compare both ways).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import Any, TypeVar

from conflictcheck.model import Location, Passage, TextAnchor

_new = object.__new__
_set = object.__setattr__


R = TypeVar("R")


def _same_fields(cls: type, names: tuple[str, ...]) -> bool:
    return tuple(f.name for f in fields(cls)) == names and "__slots__" not in cls.__dict__


def record_maker(cls: type[R], names: tuple[str, ...]) -> Callable[[dict[str, Any]], R]:
    """A maker of `cls` from a dict holding exactly `names`, every field in order, defaults too.

    The dict becomes the object's `__dict__`: the caller builds it afresh and keeps no hold on it.
    A class whose fields are not `names` (or that has slots or a __post_init__) is called instead.
    """
    if not _same_fields(cls, names) or hasattr(cls, "__post_init__"):
        return lambda values: cls(**values)

    def make(values: dict[str, Any]) -> R:
        obj = _new(cls)
        _set(obj, "__dict__", values)
        return obj

    return make


def _anchor(start: int, end: int, part: str, node: int, node_offset: int) -> TextAnchor:
    obj = _new(TextAnchor)
    _set(
        obj,
        "__dict__",
        {"start": start, "end": end, "part": part, "node": node, "node_offset": node_offset},
    )
    return obj


def _passage(text: str, location: Location, deleted: bool, inserted: bool, anchors: tuple[TextAnchor, ...]) -> Passage:
    obj = _new(Passage)
    _set(
        obj,
        "__dict__",
        {
            "text": text,
            "location": location,
            "deleted": deleted,
            "inserted": inserted,
            "anchors": anchors,
        },
    )
    return obj


def _location(
    file: str | None,
    story: str,
    paragraph: int,
    part: Any,
    intro: str | None,
    heading: str | None,
    item: str | None,
    proposal: str | None,
    action: str | None,
    resolution: str | None,
    line: int | None,
) -> Location:
    obj = _new(Location)
    _set(
        obj,
        "__dict__",
        {
            "file": file,
            "story": story,
            "paragraph": paragraph,
            "part": part,
            "intro": intro,
            "heading": heading,
            "item": item,
            "proposal": proposal,
            "action": action,
            "resolution": resolution,
            "line": line,
        },
    )
    return obj


_ANCHOR_FIELDS = ("start", "end", "part", "node", "node_offset")
_PASSAGE_FIELDS = ("text", "location", "deleted", "inserted", "anchors")
_LOCATION_FIELDS = (
    "file",
    "story",
    "paragraph",
    "part",
    "intro",
    "heading",
    "item",
    "proposal",
    "action",
    "resolution",
    "line",
)

make_anchor: Callable[..., TextAnchor] = _anchor if _same_fields(TextAnchor, _ANCHOR_FIELDS) else TextAnchor
make_passage: Callable[..., Passage] = _passage if _same_fields(Passage, _PASSAGE_FIELDS) else Passage
make_location: Callable[..., Location] = _location if _same_fields(Location, _LOCATION_FIELDS) else Location
