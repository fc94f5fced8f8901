"""Plain text and Markdown: UTF-8 paragraphs separated by blank lines.

A structural line (a proposal header, a resolution heading, an intro phrase alone, "Reasons:",
an item number) also starts a paragraph of its own, because text pasted from Word often has no
blank lines. Markdown loses its heading #'s, list markers and emphasis markers; an emphasised
paragraph start counts as italic (how ITU sets its intro phrases). Passages carry
`Location.line` (1-based, the paragraph's first line) instead of anchors.
"""

from __future__ import annotations

import re

from conflictcheck.documents.docx import RawParagraph
from conflictcheck.documents.revisions import ITALIC, NORMAL
from conflictcheck.documents.safety import fail
from conflictcheck.documents.structure import (
    is_annex,
    is_reasons,
    match_intro,
    match_proposal,
    match_resolution,
)

_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_LIST = re.compile(r"^\s{0,6}(?:([-*+])|(\d{1,3})[.)])\s+")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_MD_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_MD_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_ITEM_LINE = re.compile(r"^\s*(?:\(?[a-z]\)|\(?[ivx]{1,4}\)|\d{1,2}(?:bis|ter)?(?:\t|\s+(?=[a-z])))")


def decode(path: str, data: bytes) -> str:
    """UTF-8 (a BOM is fine); anything else gets a cause that says how to fix it."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise fail(path, "UTF-16 text (byte-order mark found); convert it to UTF-8")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        byte = data[exc.start]
        raise fail(path, f"not UTF-8 text (byte 0x{byte:02X} at offset {exc.start}); convert it to UTF-8") from None
    if "\x00" in text:
        raise fail(path, "binary data (NUL bytes) in a text file; not a text document")
    return text


def read_text(path: str, data: bytes, *, markdown: bool = False) -> list[RawParagraph]:
    return paragraphs(decode(path, data), markdown=markdown)


def paragraphs(text: str, *, markdown: bool = False) -> list[RawParagraph]:
    """Split text into paragraphs with their first line numbers."""
    out: list[RawParagraph] = []
    block: list[str] = []
    start = 0
    italic = False
    fenced = False
    label: str | None = None

    def flush() -> None:
        nonlocal block, italic, label
        joined = "\n".join(block).strip()
        if joined:
            flags = ITALIC if italic else 0
            out.append(
                RawParagraph(
                    "body",
                    len(out),
                    "",
                    [(joined, NORMAL, -1, flags)],
                    None,
                    label,
                    italic,
                    False,
                    start,
                )
            )
        block, italic, label = [], False, None

    for number, raw_line in enumerate(text.splitlines(), start=1):
        line = raw_line.rstrip()
        single = False
        if markdown and _MD_FENCE.match(line):
            fenced = not fenced
            continue
        if markdown and not fenced:
            if _MD_RULE.match(line):
                flush()
                continue
            line, own, single, line_label, emphasised = _markdown_line(line)
            if own:
                flush()
            if own or not block:
                label = line_label or label
                italic = emphasised
        if not line.strip():
            flush()
            continue
        if block and _starts_paragraph(line):
            flush()
        if not block:
            start = number
        block.append(line)
        if single or _ends_paragraph(line):
            flush()
    flush()
    return out


def _markdown_line(line: str) -> tuple[str, bool, bool, str | None, bool]:
    """Strip Markdown syntax: (text, starts a paragraph, is one alone, list number, emphasised)."""
    own = single = False
    label = None
    heading = _MD_HEADING.match(line)
    if heading:
        line, own, single = heading.group(2), True, True
    line = _MD_QUOTE.sub("", line)
    listed = _MD_LIST.match(line)
    if listed:
        label = listed.group(2)
        line, own = line[listed.end() :], True
    emphasised = bool(re.match(r"^\s*(\*|_)(?!\s)", line))
    line = _MD_EMPHASIS.sub(r"\2", line)
    return line, own, single, label, emphasised


def _starts_paragraph(line: str) -> bool:
    text = line.strip()
    return bool(
        match_proposal(text)
        or match_resolution(text)
        or is_reasons(text)
        or is_annex(text)
        or _lone_intro(text)
        or _ITEM_LINE.match(line)
    )


def _ends_paragraph(line: str) -> bool:
    text = line.strip()
    return bool(match_proposal(text) or match_resolution(text) or is_annex(text) or _lone_intro(text))


def _lone_intro(text: str) -> bool:
    """An intro phrase standing alone on its line ("resolves", "instructs the Council,")."""
    found = match_intro(text)
    return found is not None and len(text.rstrip(",:; ").split()) <= len(found[0].split())
