"""The OOXML package of a .docx: content types, relationships and parsed parts.

python-docx's `Document()` loader inflates and parses every part with no size cap, so the
package is read through `safety.SafeZip` instead (caps enforced while inflating) and only the
parts the story walker needs are parsed, lazily. The few relationship types and the content type
it follows are the standard's (ECMA-376 Part 1, transitional), the same strings python-docx's
`docx.opc.constants` holds; importing python-docx for them would cost every reading process about
50 ms, since its package imports its whole document model.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from conflictcheck.documents.safety import SafeZip, fail, parse_xml

_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_STRICT_OFFICE_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


class RT:
    """The relationship types the walker follows."""

    OFFICE_DOCUMENT = _RELATIONSHIPS + "officeDocument"
    STYLES = _RELATIONSHIPS + "styles"
    NUMBERING = _RELATIONSHIPS + "numbering"
    FOOTNOTES = _RELATIONSHIPS + "footnotes"
    ENDNOTES = _RELATIONSHIPS + "endnotes"


WORD_MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.ms-word.document.macroEnabled.main+xml": "docm",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": "dotx",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": "dotm",
}
_OTHER_MAIN_TYPES = {
    "spreadsheetml": "an Excel workbook (.xlsx), not a Word document",
    "ms-excel": "an Excel workbook (.xlsm/.xlsb), not a Word document",
    "presentationml": "a PowerPoint presentation (.pptx), not a Word document",
    "ms-powerpoint": "a PowerPoint presentation, not a Word document",
    "visio": "a Visio drawing, not a Word document",
}


@dataclass(frozen=True)
class Relationship:
    rid: str
    reltype: str
    target: str  # absolute part name, or the URL when external
    external: bool


class Package:
    """Parts of a checked ZIP, parsed on demand and cached."""

    def __init__(self, path: str, archive: SafeZip):
        self.path = path
        self.archive = archive
        self._xml: dict[str, etree._Element] = {}
        self._rels: dict[str, list[Relationship]] = {}
        self._overrides, self._defaults = self._content_types()
        self.main_part, self.kind = self._main_part()

    # -- content types and the main part --

    def _content_types(self) -> tuple[dict[str, str], dict[str, str]]:
        if not self.archive.has("[Content_Types].xml"):
            raise fail(self.path, self._not_word_cause("[Content_Types].xml is missing"))
        root = self.xml("/[Content_Types].xml")
        overrides = {el.get("PartName", "").lower(): el.get("ContentType", "") for el in root.iter(f"{_CT_NS}Override")}
        defaults = {el.get("Extension", "").lower(): el.get("ContentType", "") for el in root.iter(f"{_CT_NS}Default")}
        return overrides, defaults

    def content_type(self, partname: str) -> str:
        found = self._overrides.get(partname.lower())
        if found is not None:
            return found
        ext = posixpath.splitext(partname)[1].lstrip(".").lower()
        return self._defaults.get(ext, "")

    def _main_part(self) -> tuple[str, str]:
        main = None
        for rel in self.rels("/"):
            if rel.reltype == _STRICT_OFFICE_DOCUMENT:
                raise fail(self.path, "Strict Open XML document; save it in Word as a standard .docx")
            if rel.reltype == RT.OFFICE_DOCUMENT and not rel.external:
                main = rel.target
                break
        if main is None:
            main = "/word/document.xml"
        ctype = self.content_type(main)
        for marker, cause in _OTHER_MAIN_TYPES.items():
            if marker in ctype:
                raise fail(self.path, cause)
        if not self.archive.has(main):
            raise fail(self.path, self._not_word_cause(f"missing part {main.lstrip('/')}"))
        kind = WORD_MAIN_TYPES.get(ctype)
        if kind is None:
            if ctype and ctype != "application/xml":
                raise fail(self.path, f"main part {main} has content type {ctype}, not a Word document")
            kind = "docx"  # lenient: some writers omit the override
        return main, kind

    def _not_word_cause(self, problem: str) -> str:
        names = {n.lower() for n in self.archive.names()}
        if "xl/workbook.xml" in names:
            return "an Excel workbook (.xlsx), not a Word document"
        if "ppt/presentation.xml" in names:
            return "a PowerPoint presentation (.pptx), not a Word document"
        if "mimetype" in names:
            mimetype = self.archive.read("mimetype")[:100]
            if b"opendocument.text" in mimetype:
                return "an OpenDocument text (.odt); save it as .docx"
            if b"epub" in mimetype:
                return "an EPUB e-book, not a Word document"
            return "an OpenDocument file, not a Word document"
        if "word/document.xml" in names:
            return f"damaged Word package: {problem}"
        return f"a ZIP archive but not a Word document ({problem})"

    # -- parts and relationships --

    def has(self, partname: str) -> bool:
        return self.archive.has(partname)

    def raw(self, partname: str) -> bytes:
        return self.archive.read(partname)

    def xml(self, partname: str) -> etree._Element:
        root = self._xml.get(partname)
        if root is None:
            root = parse_xml(self.path, partname.lstrip("/"), self.archive.read(partname))
            self._xml[partname] = root
        return root

    def rels(self, partname: str) -> list[Relationship]:
        cached = self._rels.get(partname)
        if cached is not None:
            return cached
        folder, name = posixpath.split(partname)  # "/" for the package itself: folder "/", name ""
        rels_name = posixpath.join(folder, "_rels", f"{name}.rels")
        found: list[Relationship] = []
        if self.archive.has(rels_name):
            for el in self.xml(rels_name).iter(f"{_REL_NS}Relationship"):
                external = el.get("TargetMode") == "External"
                target = el.get("Target", "")
                if not external:
                    target = _resolve(folder, target)
                found.append(Relationship(el.get("Id", ""), el.get("Type", ""), target, external))
        self._rels[partname] = found
        return found

    def related(self, partname: str, reltype: str) -> list[str]:
        """Internal targets of `partname`'s relationships of one type that exist in the ZIP."""
        return [
            r.target
            for r in self.rels(partname)
            if r.reltype == reltype and not r.external and self.archive.has(r.target)
        ]

    def target(self, partname: str, rid: str) -> str | None:
        for r in self.rels(partname):
            if r.rid == rid and not r.external and self.archive.has(r.target):
                return r.target
        return None


@lru_cache(maxsize=512)  # every document relates the same few targets the same way
def _resolve(folder: str, target: str) -> str:
    """A relationship's target as an absolute part name: relative to the source part's folder."""
    return posixpath.normpath(posixpath.join(folder, target))


__all__ = ["RT", "Package", "Relationship"]
