"""Styles, looked up lazily: which paragraph styles number, which character styles strike.

styles.xml is large (python-docx's template holds 350 kB of latent styles) while a document uses
a handful of styles, so instead of parsing the whole part each style is cut out of the bytes by
its styleId and parsed alone, through the same safe parser. A part that does not use the usual
`w:` prefix falls back to a full parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from conflictcheck.documents.safety import parse_xml
from conflictcheck.documents.wordml import (
    W_DSTRIKE,
    W_I,
    W_ILVL,
    W_NS,
    W_NUMID,
    W_NUMPR,
    W_PPR,
    W_RPR,
    W_STRIKE,
    W_U,
    W_VAL,
    on,
    w,
)

_W_STYLE = w("style")
_W_STYLEID = w("styleId")
_W_BASEDON = w("basedOn")
_MAX_CHAIN = 20  # basedOn loops exist in the wild


@dataclass(frozen=True)
class StyleInfo:
    """What a style contributes, after following basedOn."""

    num_id: str | None = None
    ilvl: int = 0
    strike: bool = False
    underline: bool = False
    italic: bool = False


_EMPTY = StyleInfo()


class Styles:
    def __init__(self, path: str, data: bytes | None):
        self._path = path
        self._data = data or b""
        self._cache: dict[str, StyleInfo] = {}
        self._elements: dict[str, etree._Element] | None = None
        head = self._data[:4096]
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            parse_xml(path, "word/styles.xml", self._data)  # raises the DOCTYPE error

    def get(self, style_id: str | None) -> StyleInfo:
        if not style_id or not self._data:
            return _EMPTY
        found = self._cache.get(style_id)
        if found is None:
            found = self._resolve(style_id, 0)
            self._cache[style_id] = found
        return found

    def _resolve(self, style_id: str, depth: int) -> StyleInfo:
        el = self._element(style_id)
        if el is None or depth > _MAX_CHAIN:
            return _EMPTY
        base_el = el.find(_W_BASEDON)
        base = _EMPTY
        if base_el is not None and base_el.get(W_VAL) and base_el.get(W_VAL) != style_id:
            base = self._resolve(base_el.get(W_VAL), depth + 1)
        return _apply(el, base)

    def _element(self, style_id: str) -> etree._Element | None:
        if self._elements is not None:
            return self._elements.get(style_id)
        fragment = _slice(self._data, style_id)
        if fragment is None:
            if b"<w:styles" not in self._data[:4096]:
                self._elements = self._parse_all()
                return self._elements.get(style_id)
            return None
        wrapped = b'<w:styles xmlns:w="' + W_NS.encode() + b'">' + fragment + b"</w:styles>"
        try:
            root = parse_xml(self._path, "word/styles.xml", wrapped)
        except Exception:
            self._elements = self._parse_all()
            return self._elements.get(style_id)
        return root.find(_W_STYLE)

    def _parse_all(self) -> dict[str, etree._Element]:
        root = parse_xml(self._path, "word/styles.xml", self._data)
        return {el.get(_W_STYLEID, ""): el for el in root.iter(_W_STYLE)}


def _slice(data: bytes, style_id: str) -> bytes | None:
    """The bytes of `<w:style ... w:styleId="ID">...</w:style>` (styles never nest)."""
    pattern = rb'<w:style\b[^>]*\bw:styleId="' + re.escape(style_id.encode()) + rb'"'
    match = re.search(pattern, data)
    if match is None:
        return None
    start = match.start()
    head_end = data.find(b">", match.end())
    if head_end < 0:
        return None
    if data[head_end - 1 : head_end] == b"/":
        return data[start : head_end + 1]
    end = data.find(b"</w:style>", head_end)
    if end < 0:
        return None
    return data[start : end + len(b"</w:style>")]


def _apply(style: etree._Element, base: StyleInfo) -> StyleInfo:
    num_id, ilvl = base.num_id, base.ilvl
    ppr = style.find(W_PPR)
    if ppr is not None:
        numpr = ppr.find(W_NUMPR)
        if numpr is not None:
            nid = numpr.find(W_NUMID)
            lvl = numpr.find(W_ILVL)
            if nid is not None:
                num_id = nid.get(W_VAL)
            if lvl is not None:
                ilvl = _int(lvl.get(W_VAL), 0)
    strike, underline, italic = base.strike, base.underline, base.italic
    rpr = style.find(W_RPR)
    if rpr is not None:
        for child in rpr:
            if child.tag in (W_STRIKE, W_DSTRIKE):
                strike = on(child)
            elif child.tag == W_U:
                underline = on(child)
            elif child.tag == W_I:
                italic = on(child)
    return StyleInfo(num_id, ilvl, strike, underline, italic)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
