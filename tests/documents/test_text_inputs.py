"""Plain text, Markdown and PDF inputs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conflictcheck.documents import DocumentError, read_document
from conflictcheck.model import Part

ITU_TEXT = """ADD\tEUR/44A2/1

DRAFT NEW RESOLUTION [EUR-1] (BUCHAREST, 2022)
Confidence and security

considering
a)\tthat the ITRs were revised
in 2012;

resolves
1\tto strengthen capacity
building;
2\tto cooperate

Reasons: To align with the lines to take.
"""


def test_plain_text_paragraphs_lines_and_structure(tmp_path: Path) -> None:
    path = tmp_path / "d.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ITU_TEXT.encode())
    rows = [(x.text, x.location.line, x.location.part, x.location.item) for x in read_document(path)]
    assert rows == [
        ("ADD\tEUR/44A2/1", 1, Part.HEADING, None),
        ("DRAFT NEW RESOLUTION [EUR-1] (BUCHAREST, 2022)", 3, Part.HEADING, None),
        ("Confidence and security", 4, Part.HEADING, None),
        ("considering", 6, Part.PREAMBLE, None),
        ("a)\tthat the ITRs were revised\nin 2012;", 7, Part.PREAMBLE, "a)"),
        ("resolves", 10, Part.OPERATIVE, None),
        ("1\tto strengthen capacity\nbuilding;", 11, Part.OPERATIVE, "1"),
        ("2\tto cooperate", 13, Part.OPERATIVE, "2"),
        ("Reasons: To align with the lines to take.", 15, Part.REASONS, None),
    ]
    assert all(not x.anchors for x in read_document(path))


def test_markdown(tmp_path: Path) -> None:
    path = tmp_path / "d.md"
    path.write_text(
        "# RESOLUTION 130 (REV. BUCHAREST, 2022)\n"
        "## Strengthening the role of ITU\n\n"
        "*considering*\n\n"
        "- that **cybersecurity** matters;\n"
        "- that `trust` matters\n\n"
        "*instructs the Council*\n\n"
        "1. to act\n"
        "2. to _report_\n\n"
        "---\n"
        "> Reasons: none.\n",
        encoding="utf-8",
    )
    rows = [(x.text, x.location.line, x.location.part, x.location.item, x.location.intro) for x in read_document(path)]
    assert rows == [
        ("RESOLUTION 130 (REV. BUCHAREST, 2022)", 1, Part.HEADING, None, None),
        ("Strengthening the role of ITU", 2, Part.HEADING, None, None),
        ("considering", 4, Part.PREAMBLE, None, "considering"),
        ("that cybersecurity matters;", 6, Part.PREAMBLE, None, "considering"),
        ("that trust matters", 7, Part.PREAMBLE, None, "considering"),
        ("instructs the Council", 9, Part.OPERATIVE, None, "instructs the Council"),
        ("to act", 11, Part.OPERATIVE, "1", "instructs the Council"),
        ("to report", 12, Part.OPERATIVE, "2", "instructs the Council"),
        ("Reasons: none.", 15, Part.REASONS, None, None),
    ]


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("r\u00e9solution".encode("latin-1"))
    with pytest.raises(DocumentError, match=r"not UTF-8 text \(byte 0xE9 at offset 1\); convert it to UTF-8"):
        read_document(path)


def test_utf16(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("resolves".encode("utf-16"))
    with pytest.raises(DocumentError, match="UTF-16"):
        read_document(path)


def test_unknown_extension_sniffed_as_text(tmp_path: Path) -> None:
    path = tmp_path / "draft"
    path.write_text("instructs the Council to convene a WCIT\n")
    (passage,) = read_document(path)
    assert passage.location.part is Part.OPERATIVE


def _pdf(lines: list[str]) -> bytes:
    """A minimal one-page PDF with Helvetica text, one line per Tj."""
    ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_pdf(tmp_path: Path) -> None:
    pytest.importorskip("pypdf")
    path = tmp_path / "d.pdf"
    path.write_bytes(_pdf(["MOD RCC/62A1/3", "instructs the Council", "1 to convene a WCIT"]))
    passages = read_document(path)
    assert [(x.text, x.location.part, x.location.proposal) for x in passages] == [
        ("MOD RCC/62A1/3", Part.HEADING, "RCC/62A1/3"),
        ("instructs the Council", Part.OPERATIVE, "RCC/62A1/3"),
        ("1 to convene a WCIT", Part.OPERATIVE, "RCC/62A1/3"),
    ]


def test_pdf_damaged(tmp_path: Path) -> None:
    pytest.importorskip("pypdf")
    path = tmp_path / "bad.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is not a pdf body\n")
    with pytest.raises(DocumentError, match="PDF"):
        read_document(path)


def test_pdf_without_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pypdf", None)  # import pypdf now raises ImportError
    path = tmp_path / "d.pdf"
    path.write_bytes(_pdf(["text"]))
    with pytest.raises(DocumentError, match=r"conflictcheck\[pdf\]"):
        read_document(path)
