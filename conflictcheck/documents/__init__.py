"""Files in, passages out: DOCX (every story, revisions kept apart), text, Markdown and PDF.

    passages = read_document("draft.docx")                  # dispatch on the bytes, not the name
    passages = read_document(path, formatting_marks=False)  # struck/underlined runs are plain text
    passages = read_document(path, root="/scans")           # refuse symlinks that leave /scans
    count, kept = read_kept(path, keep=prefilter.admits)    # build only the passages worth checking
    deferred = read_deferred(path)         # read now; deferred.build(keep) builds the wanted ones later

Every failure is a `DocumentError(file, cause)` with a one-line cause; see `safety` for the
hostile-file policy and `isolation.read_document_isolated` to read in a child process under a
time and memory limit.

Revisions. For each paragraph the reader yields the text as it reads after accepting the
changes (tracked insertions and moves-to count as text) and, when the paragraph had deleted text
(tracked deletions, moves-from, and, with `formatting_marks`, struck-through runs), a second
Passage with `deleted=True` holding that text, same Location. `inserted=True` when all of a
paragraph's text is inserted (tracked, or underlined with formatting marks). `formatting_marks`
defaults to on for proposals (documents with ADD/MOD/SUP/NOC headers) and off otherwise.

Anchor contract (used by the annotated-Word-copy writer). A DOCX Passage carries
`anchors: tuple[TextAnchor, ...]`; each anchor maps passage characters `[start, end)` to one
XML text node:

* `part` is the package part name, e.g. "/word/document.xml", "/word/footnotes.xml";
* `node` is the index of that node among ALL `w:t` and `w:delText` elements of the part in
  document order, i.e. `list(part_root.iter(W_T, W_DELTEXT)).index(element)`, counting nodes
  the reader skips (field codes are w:instrText and never counted; text in a skipped
  mc:Fallback is counted);
* `node_offset` is the offset of `start` within that node's text, so
  `passage.text[a.start:a.end] == node.text[a.node_offset:a.node_offset + a.end - a.start]`.

Characters that come from no text node (tabs, breaks, symbols, the " … " joining deleted
pieces) have no anchor. Generated numbering is not part of the text: it is in `Location.item`.
Text, Markdown and PDF passages have no anchors; they carry `Location.line` instead.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from conflictcheck.errors import DocumentError
from conflictcheck.model import Part, Passage

if TYPE_CHECKING:
    from conflictcheck.documents.docx import RawParagraph
    from conflictcheck.documents.passages import DeferredPassages, StyleLookup

__all__ = [
    "DocumentError",
    "infer_part",
    "read_deferred",
    "read_document",
    "read_document_isolated",
    "read_kept",
]


def read_document(
    path: str | os.PathLike[str],
    *,
    formatting_marks: bool | None = None,
    root: str | None = None,
) -> list[Passage]:
    """Read a draft into passages, in reading order; raise DocumentError when it cannot."""
    return read_kept(path, formatting_marks=formatting_marks, root=root)[1]


def read_kept(
    path: str | os.PathLike[str],
    keep: Callable[[str], bool] | None = None,
    *,
    formatting_marks: bool | None = None,
    root: str | None = None,
) -> tuple[int, list[Passage]]:
    """Read a draft: how many passages it has, and those whose text `keep` accepts (all without
    it), as `read_document` gives them. A scan keeps what a rule may match, about one in twenty,
    and the others cost no location or anchors."""
    from conflictcheck.documents.passages import build_passages

    name, raws, marks, styles = _read_paragraphs(path, formatting_marks, root)
    return build_passages(raws, file=name, formatting_marks=marks, styles=styles, keep=keep)


def read_deferred(
    path: str | os.PathLike[str], *, formatting_marks: bool | None = None, root: str | None = None
) -> DeferredPassages:
    """Read a draft now and build its passages later (`.build(keep)`), once it is known which
    are wanted: the draft's XML is not kept meanwhile."""
    from conflictcheck.documents.passages import defer_passages

    name, raws, marks, styles = _read_paragraphs(path, formatting_marks, root)
    return defer_passages(raws, file=name, formatting_marks=marks, styles=styles)


def _read_paragraphs(
    path: str | os.PathLike[str], formatting_marks: bool | None, root: str | None
) -> tuple[str, list[RawParagraph], bool, StyleLookup | None]:
    """The file's name, its paragraphs, whether to read formatting marks, and its style lookup."""
    from conflictcheck.documents import safety
    from conflictcheck.documents.passages import is_proposal

    name = os.fspath(path)
    safety.check_path(name, None if root is None else os.fspath(root))
    data = safety.read_bytes(name)
    if not data:
        raise safety.fail(name, "empty file (0 bytes)")
    extension = os.path.splitext(name)[1].lower()
    kind = safety.sniff(data)
    mismatch = safety.wrong_kind(kind, extension)
    if kind == "ole2":
        raise safety.fail(name, safety.describe_ole2(data))
    if mismatch is not None:
        raise safety.fail(name, mismatch)
    raws: list[RawParagraph]
    styles: StyleLookup | None = None
    if kind == "zip":
        raws, styles = _read_docx(name, data)
    elif kind == "pdf":
        from conflictcheck.documents.pdf import read_pdf

        raws = read_pdf(name, data)
    elif kind in ("text", "html"):
        from conflictcheck.documents.text import read_text

        raws = read_text(name, data, markdown=extension in safety.MARKDOWN_EXTENSIONS)
    else:
        raise safety.fail(name, f"not a document this tool reads: it is {safety.KIND_NAMES[kind]}")
    marks = is_proposal(raws) if formatting_marks is None else formatting_marks
    return name, raws, marks, styles


def _read_docx(name: str, data: bytes) -> tuple[list[RawParagraph], StyleLookup]:
    from conflictcheck.documents.docx import DocxWalker
    from conflictcheck.documents.package import Package
    from conflictcheck.documents.safety import open_zip

    walker = DocxWalker(Package(name, open_zip(name, data)))
    return walker.walk(), walker.style


def infer_part(text: str) -> Part | None:
    """The part of a resolution a passage opens (see `structure.infer_part`)."""
    # Imported here: a package import must stay cheap for callers that only normalise text
    # (the baseline fingerprint in a warm rescan), and the structure module compiles many patterns.
    from conflictcheck.documents.structure import infer_part as _infer_part

    return _infer_part(text)


def read_document_isolated(path: str | os.PathLike[str], **options: object) -> list[Passage]:
    """`read_document` in a child process under a time and memory limit (see `isolation`)."""
    from conflictcheck.documents.isolation import read_document_isolated as _isolated

    return _isolated(path, **options)  # type: ignore[arg-type]
