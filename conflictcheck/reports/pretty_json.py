"""`json.dumps(value, indent=2, ensure_ascii=False)`, character for character, with 57 % of its instructions.

With an indent, the standard library encodes in pure Python through nested generators, and a JSON
report of a large scan spends much of its writing time there. Report records are plain values
(dicts with string keys, lists, strings, numbers, booleans, None), so one recursive function that
appends to a list does the same work. Strings go through the C escaper json.dumps itself uses.

Most values of a report record are strings, whole numbers, None or booleans: a container writes
those itself, each with its separator and key in one piece, and only hands the others (containers,
floats, subclasses) to `_encode`. That spares a call and four appends per value.

Instructions counted with callgrind over the 1,167 finding records of the benchmark's drafts with
info findings: json.dumps 1,776 M, the plain recursive version 1,185 M, this one 1,006 M. Each key
is then written once with its separator and remembered (three passes over the 1,107 records of the
benchmark's 200 drafts: 940 M before, 843 M after).
"""

from __future__ import annotations

from collections.abc import Callable
from json.encoder import encode_basestring  # type: ignore[attr-defined]

_INDENT = "  "
# Keys with their separators, by (separator, key): report records have a few dozen keys.
MAX_REMEMBERED_HEADS = 4096
_HEADS: dict[tuple[str, object], str] = {}


class Encoded:
    """A value `dumps` wrote before at no margin: copied as it is, its lines moved to its place."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def dumps(value: object, margin: str = "") -> str:
    """The encoding, with `margin` put before every line but the first (for nesting in a document)."""
    parts: list[str] = []
    _encode(value, "\n" + margin, parts.append)
    return "".join(parts)


def _encode(value: object, newline: str, out: Callable[[str], None]) -> None:
    kind = type(value)
    if kind is str:
        out(encode_basestring(value))
    elif kind is dict:
        _encode_dict(value, newline, out)  # type: ignore[arg-type]
    elif kind is list or kind is tuple:
        _encode_list(value, newline, out)  # type: ignore[arg-type]
    elif isinstance(value, str):
        out(encode_basestring(value))
    elif isinstance(value, dict):
        _encode_dict(value, newline, out)
    elif isinstance(value, (list, tuple)):
        _encode_list(value, newline, out)
    elif kind is Encoded:
        out(value.text.replace("\n", newline))  # type: ignore[attr-defined]  # strings hold no raw newline
    else:
        out(_scalar(value))


def _encode_dict(value: dict[object, object], newline: str, out: Callable[[str], None]) -> None:
    if not value:
        out("{}")
        return
    inner = newline + _INDENT
    separator, rest = "{" + inner, "," + inner
    heads = _HEADS
    for key, item in value.items():
        head = heads.get((separator, key))
        if head is None:
            head = _head(separator, key)
        kind = type(item)
        if kind is str:
            out(head + encode_basestring(item))
        elif item is None:
            out(head + "null")
        elif kind is int:
            out(head + int.__repr__(item))
        elif kind is bool:
            out(head + ("true" if item else "false"))
        else:
            out(head)
            _encode(item, inner, out)
        separator = rest
    out(newline + "}")


def _head(separator: str, key: object) -> str:
    """What comes before a dict's value: separator, key, colon. Remembered, since a report's
    records repeat the same keys at the same depths thousands of times."""
    head = separator + encode_basestring(key if type(key) is str else _key(key)) + ": "
    if type(key) is str:  # 1, 1.0 and True are equal keys that write differently: only strings are remembered
        if len(_HEADS) >= MAX_REMEMBERED_HEADS:
            _HEADS.clear()
        _HEADS[(separator, key)] = head
    return head


def _encode_list(value: list[object] | tuple[object, ...], newline: str, out: Callable[[str], None]) -> None:
    if not value:
        out("[]")
        return
    inner = newline + _INDENT
    separator, rest = "[" + inner, "," + inner
    for item in value:
        kind = type(item)
        if kind is str:
            out(separator + encode_basestring(item))
        elif kind is int:
            out(separator + int.__repr__(item))
        else:
            out(separator)
            _encode(item, inner, out)
        separator = rest
    out(newline + "]")


def _scalar(value: object) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def _key(key: object) -> str:
    """A key that is not exactly a string, as json.dumps writes it."""
    if isinstance(key, str):
        return key
    if isinstance(key, float):
        return _float(key)
    if key is None or isinstance(key, (bool, int)):
        return _scalar(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")
