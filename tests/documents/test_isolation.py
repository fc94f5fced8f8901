"""Reading in a child process: same passages, and a timeout or crash becomes a DocumentError."""

from __future__ import annotations

from pathlib import Path

import pytest
from docbuild import build_docx, p, run

from conflictcheck.documents import DocumentError, read_document, read_document_isolated

DEL = '<w:del w:id="1" w:author="A"><w:r><w:delText>gone</w:delText></w:r></w:del>'


def test_same_passages_as_in_process(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "d.docx", p("ADD EUR/44A2/1") + p("resolves") + p(run("keep "), DEL))
    assert read_document_isolated(path, timeout=60) == read_document(path)


def test_document_error_crosses_the_boundary(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    with pytest.raises(DocumentError, match="empty file") as info:
        read_document_isolated(path, timeout=60)
    assert info.value.file == str(path)


def test_timeout(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "d.docx", p("x"))
    with pytest.raises(DocumentError, match=r"reading took longer than 0\.001 s"):
        read_document_isolated(path, timeout=0.001)


def test_memory_limit_crash(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "d.docx", p("x"))
    with pytest.raises(DocumentError, match=r"out of memory|crashed"):
        read_document_isolated(path, timeout=60, memory_mb=16)
