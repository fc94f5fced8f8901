"""Bad and hostile files: each fails fast with its own cause, and nothing is ever inflated big."""

from __future__ import annotations

import base64
import io
import os
import struct
import time
import warnings
import zipfile
from pathlib import Path

import pytest
from docbuild import NS, build_docx, document, p

from conflictcheck.documents import DocumentError, read_document, safety


def fails(path: Path, *words: str, **kw: object) -> DocumentError:
    start = time.perf_counter()
    with pytest.raises(DocumentError) as info:
        read_document(path, **kw)
    assert time.perf_counter() - start < 5
    err = info.value
    assert err.file == str(path)
    assert "\n" not in err.cause
    for word in words:
        assert word.lower() in err.cause.lower(), err.cause
    return err


def test_missing_and_empty(tmp_path: Path) -> None:
    fails(tmp_path / "nope.docx", "no such file")
    (tmp_path / "empty.docx").write_bytes(b"")
    fails(tmp_path / "empty.docx", "empty file")


def test_folder(tmp_path: Path) -> None:
    fails(tmp_path, "folder")


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    path.write_text("just some words")
    fails(path, "not a word document", "plain text")


def test_truncated_zip(tmp_path: Path) -> None:
    whole = build_docx(tmp_path / "whole.docx", p("text " * 200)).read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(whole[: len(whole) // 2])
    fails(path, "truncated")


def test_pdf_renamed_docx(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(b"%PDF-1.4\n%...\n")
    fails(path, "PDF", ".docx")


def _zip(path: Path, members: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_xlsx_and_pptx_renamed_docx(tmp_path: Path) -> None:
    ct = (
        '<?xml version="1.0"?><Types '
        'xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0"?><Relationships '
        'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    xlsx = _zip(
        tmp_path / "book.docx",
        {"[Content_Types].xml": ct, "_rels/.rels": rels, "xl/workbook.xml": "<workbook/>"},
    )
    fails(xlsx, "Excel")
    pptx = _zip(tmp_path / "deck.docx", {"ppt/presentation.xml": "<p/>"})
    fails(pptx, "PowerPoint")
    odt = _zip(tmp_path / "x.docx", {"mimetype": "application/vnd.oasis.opendocument.text"})
    fails(odt, "OpenDocument")


def test_legacy_doc_and_encrypted_ooxml(tmp_path: Path) -> None:
    ole = safety.OLE2_MAGIC + b"\x00" * 504
    doc = tmp_path / "old.docx"
    doc.write_bytes(ole + "Root Entry".encode("utf-16-le") + b"\x00" * 100 + "WordDocument".encode("utf-16-le"))
    fails(doc, "legacy Word 97-2003", "save as .docx")
    enc = tmp_path / "locked.docx"
    enc.write_bytes(ole + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 60 + "EncryptedPackage".encode("utf-16-le"))
    fails(enc, "password-protected")


def test_missing_parts(tmp_path: Path) -> None:
    no_ct = build_docx(tmp_path / "a.docx", p("x"), omit=("[Content_Types].xml",))
    fails(no_ct, "[Content_Types].xml is missing")
    no_doc = build_docx(tmp_path / "b.docx", p("x"), omit=("word/document.xml",))
    fails(no_doc, "missing part word/document.xml")


def test_macro_enabled_is_read_never_run(tmp_path: Path) -> None:
    path = build_docx(
        tmp_path / "m.docm",
        p("macro document text"),
        main_content_type="application/vnd.ms-word.document.macroEnabled.main+xml",
        extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 not really vba"},
    )
    assert [x.text for x in read_document(path)] == ["macro document text"]


def test_zip_bomb_ratio(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "bomb.docx", p("x"), extra={"word/media/zeros.bin": b"\0" * (8 * 2**20)})
    fails(path, "compression ratio", "zip bomb")


def _patch_sizes(data: bytes, name: str, size: int) -> bytes:
    """Rewrite a member's declared uncompressed size in the local and central headers."""
    buf = bytearray(data)
    encoded = name.encode()
    pos = buf.find(b"PK\x03\x04" + bytes(buf[4:4]))
    pos = 0
    while (pos := buf.find(b"PK\x03\x04", pos)) >= 0:
        nlen = struct.unpack_from("<H", buf, pos + 26)[0]
        if bytes(buf[pos + 30 : pos + 30 + nlen]) == encoded:
            struct.pack_into("<I", buf, pos + 22, size)
        pos += 4
    pos = 0
    while (pos := buf.find(b"PK\x01\x02", pos)) >= 0:
        nlen = struct.unpack_from("<H", buf, pos + 28)[0]
        if bytes(buf[pos + 46 : pos + 46 + nlen]) == encoded:
            struct.pack_into("<I", buf, pos + 24, size)
        pos += 4
    return bytes(buf)


def test_zip_bomb_declared_total(tmp_path: Path) -> None:
    built = build_docx(tmp_path / "b.docx", p("x"), extra={"word/media/big.bin": b"abc"}).read_bytes()
    path = tmp_path / "bomb.docx"
    path.write_bytes(_patch_sizes(built, "word/media/big.bin", 0xF0000000))
    fails(path, "zip bomb")


def test_zip_member_lying_about_its_size(tmp_path: Path) -> None:
    text = "words " * 50_000  # inflates to 300 kB, declared as 1 kB
    built = build_docx(tmp_path / "b.docx", p(text)).read_bytes()
    path = tmp_path / "liar.docx"
    path.write_bytes(_patch_sizes(built, "word/document.xml", 1000))
    fails(path, "word/document.xml", "size")


def test_too_many_members(tmp_path: Path) -> None:
    extra = {f"word/media/{i}.bin": b"" for i in range(safety.MAX_MEMBERS + 1)}
    fails(build_docx(tmp_path / "many.docx", p("x"), extra=extra), "too many members")


def test_duplicate_member_names(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "dup.docx", p("first"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(path, "a") as zf:
            zf.writestr("word/document.xml", document(p("second")))
    fails(path, "duplicate")


def test_doctype_and_entities_refused(tmp_path: Path) -> None:
    xml = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
        f"<w:document {NS}><w:body>{p('&b;&b;&b;')}</w:body></w:document>"
    )
    fails(build_docx(tmp_path / "lol.docx", document_xml=xml), "DOCTYPE")
    external = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        f"<w:document {NS}><w:body>{p('&x;')}</w:body></w:document>"
    )
    fails(build_docx(tmp_path / "xxe.docx", document_xml=external), "DOCTYPE")


def test_doctype_hidden_after_padding_is_still_refused(tmp_path: Path) -> None:
    pad = "<!--" + "x" * 5000 + "-->"
    xml = (
        f'<?xml version="1.0"?>{pad}<!DOCTYPE d [<!ENTITY a "x">]>'
        f"<w:document {NS}><w:body>{p('&a;')}</w:body></w:document>"
    )
    fails(build_docx(tmp_path / "pad.docx", document_xml=xml), "DOCTYPE")


def test_deep_nesting(tmp_path: Path) -> None:
    depth = 5000
    inner = "<w:customXml>" * depth + "<w:r><w:t>deep</w:t></w:r>" + "</w:customXml>" * depth
    fails(build_docx(tmp_path / "deep.docx", f"<w:p>{inner}</w:p>"), "nested too deeply")


def test_huge_text_node(tmp_path: Path) -> None:
    noise = base64.b64encode(os.urandom(7_600_000)).decode()  # incompressible: not a zip bomb
    fails(build_docx(tmp_path / "huge.docx", p(noise)), "text node too large")


def test_damaged_xml(tmp_path: Path) -> None:
    fails(build_docx(tmp_path / "bad.docx", document_xml="<w:document><unclosed>"), "damaged XML")


def test_fifo_is_never_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.docx"
    os.mkfifo(fifo)
    fails(fifo, "named pipe")


def test_device_file() -> None:
    if not os.path.exists("/dev/null"):
        pytest.skip("no /dev/null")
    with pytest.raises(DocumentError, match="device file"):
        read_document("/dev/null")


def test_symlinks(tmp_path: Path) -> None:
    outside = build_docx(tmp_path / "outside.docx", p("secret"))
    scanned = tmp_path / "scan"
    scanned.mkdir()
    inside = build_docx(scanned / "in.docx", p("fine"))
    (scanned / "escape.docx").symlink_to(outside)
    (scanned / "ok.docx").symlink_to(inside)
    (scanned / "loop.docx").symlink_to(scanned / "loop.docx")
    (scanned / "dangling.docx").symlink_to(scanned / "missing.docx")
    fails(scanned / "escape.docx", "outside the scanned folder", root=str(scanned))
    assert [x.text for x in read_document(scanned / "ok.docx", root=str(scanned))] == ["fine"]
    fails(scanned / "loop.docx", "loop")
    fails(scanned / "dangling.docx", "broken symbolic link")


def test_input_is_not_modified(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "d.docx", p("x"))
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    read_document(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_encrypted_zip_member(tmp_path: Path) -> None:
    data = bytearray(build_docx(tmp_path / "d.docx", p("x")).read_bytes())
    pos = 0
    while (pos := data.find(b"PK\x01\x02", pos)) >= 0:  # set the encryption flag in the directory
        data[pos + 8] |= 1
        pos += 4
    path = tmp_path / "enc.docx"
    path.write_bytes(bytes(data))
    fails(path, "encrypted")


def test_other_formats(tmp_path: Path) -> None:
    rtf = tmp_path / "x.docx"
    rtf.write_bytes(b"{\\rtf1\\ansi hello}")
    fails(rtf, "RTF")
    blob = tmp_path / "blob.bin"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    fails(blob, "binary")
    zipped = tmp_path / "notes.txt"
    zipped.write_bytes(io.BytesIO(build_docx(tmp_path / "z.docx", p("x")).read_bytes()).getvalue())
    fails(zipped, "not text", "ZIP")
