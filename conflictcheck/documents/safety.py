"""Checks that run before any parser sees an input: hostile and broken files fail fast and clearly.

Every check raises `DocumentError(file, cause)` with a one-line cause a user can act on. The
order matters: the path is checked with `os.stat` before anything is opened (a FIFO would block
an `open`, a device could stream for ever), the bytes are sniffed before a parser is chosen, and
a ZIP's directory is checked before a single member is inflated.

Policy decisions, in one place:

* Inputs are opened read-only and never modified.
* Macro-enabled documents (.docm, .dotm) are read like .docx: only their XML parts are parsed
  and the VBA project is never opened, so nothing in them can run.
* XML with a DOCTYPE or entity declarations is refused outright (OOXML never needs one); the
  parser is also configured never to resolve entities, load DTDs or touch the network, and keeps
  libxml2's default limits on depth and text-node size.
* A file whose name claims one format but whose bytes are another known format (a PDF or a
  workbook named .docx) is refused with a message that says what it really is.
"""

from __future__ import annotations

import os
import stat
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from conflictcheck.errors import DocumentError

# Limits. Real ITU drafts are a few MB; these leave two orders of magnitude of headroom.
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_MEMBERS = 2000  # ZIP entries; a .docx has a few dozen parts plus its images
MAX_MEMBER_BYTES = 128 * 1024 * 1024  # one inflated part we read
MAX_TOTAL_BYTES = 512 * 1024 * 1024  # all members together, as declared
MAX_RATIO = 200  # inflated/compressed, checked for members above RATIO_FLOOR
RATIO_FLOOR = 4 * 1024 * 1024
_CHUNK = 1024 * 1024

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")

WORD_EXTENSIONS = {".docx", ".docm", ".dotx", ".dotm"}
TEXT_EXTENSIONS = {".txt", ".text"}
MARKDOWN_EXTENSIONS = {".md", ".markdown"}


def fail(path: str, cause: str) -> DocumentError:
    """A DocumentError whose cause is guaranteed to print on one line."""
    return DocumentError(path, " ".join(cause.split()))


# --- the path -----------------------------------------------------------------------------------


def check_path(path: str, root: str | None = None) -> os.stat_result:
    """Refuse what is not a regular, reachable file inside `root`, without opening it."""
    try:
        lst = os.lstat(path)
    except FileNotFoundError:
        raise fail(path, "no such file") from None
    except PermissionError:
        raise fail(path, "permission denied") from None
    except OSError as exc:
        raise fail(path, f"cannot access the file ({exc.strerror})") from None
    if stat.S_ISLNK(lst.st_mode) or root is not None:
        _check_link(path, root)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise fail(path, "broken symbolic link (its target does not exist)") from None
    except OSError as exc:
        raise fail(path, f"cannot access the file ({exc.strerror})") from None
    _check_kind(path, st.st_mode)
    if st.st_size > MAX_FILE_BYTES:
        raise fail(path, f"file too large ({st.st_size // 2**20} MB; limit {MAX_FILE_BYTES // 2**20} MB)")
    return st


def _check_link(path: str, root: str | None) -> None:
    try:
        real = os.path.realpath(path, strict=True)
    except FileNotFoundError:
        raise fail(path, "broken symbolic link (its target does not exist)") from None
    except OSError as exc:  # ELOOP on Python >= 3.10 with strict=True
        if exc.errno == 40 or "loop" in str(exc).lower():
            raise fail(path, "symbolic link loop") from None
        raise fail(path, f"cannot resolve the symbolic link ({exc.strerror})") from None
    if root is None:
        return
    real_root = os.path.realpath(root)
    if os.path.commonpath([real_root, real]) != real_root:
        raise fail(path, f"symbolic link leads outside the scanned folder (to {real})")


def _check_kind(path: str, mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise fail(path, "is a folder, not a file")
    if stat.S_ISFIFO(mode):
        raise fail(path, "is a named pipe (FIFO), not a regular file; not opened")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise fail(path, "is a device file, not a regular file; not opened")
    if stat.S_ISSOCK(mode):
        raise fail(path, "is a socket, not a regular file")
    raise fail(path, "is not a regular file")


def read_bytes(path: str) -> bytes:
    """Read a checked file read-only; O_NONBLOCK and fstat guard against a swap to a FIFO."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except PermissionError:
        raise fail(path, "permission denied") from None
    except OSError as exc:
        raise fail(path, f"cannot open the file ({exc.strerror})") from None
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(handle.fileno())
        _check_kind(path, st.st_mode)
        if st.st_size > MAX_FILE_BYTES:
            raise fail(path, f"file too large ({st.st_size // 2**20} MB; limit {MAX_FILE_BYTES // 2**20} MB)")
        # read(n) allocates n bytes up front: ask for what the file holds (plus one, to see growth).
        data = handle.read(st.st_size + 1)
    if len(data) > MAX_FILE_BYTES:
        raise fail(path, f"file too large (limit {MAX_FILE_BYTES // 2**20} MB)")
    return data


# --- what the bytes are ---------------------------------------------------------------------------


def sniff(data: bytes) -> str:
    """Name the container by its magic bytes: zip, ole2, pdf, rtf, wordxml, html, binary or text."""
    head = data[:1024]
    if head.startswith(ZIP_MAGICS):
        return "zip"
    if head.startswith(OLE2_MAGIC):
        return "ole2"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<w:worddocument" in stripped or b"<pkg:package" in stripped:
        return "wordxml"
    if stripped.startswith((b"<!doctype html", b"<html")):
        return "html"
    if _looks_binary(head):
        return "binary"
    return "text"


def _looks_binary(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text: the text reader explains it
    return b"\x00" in head


def describe_ole2(data: bytes) -> str:
    """What an OLE2 compound file holds, from its stream names (UTF-16 in the directory)."""

    def has(name: str) -> bool:
        return name.encode("utf-16-le") in data

    if has("EncryptionInfo") or has("EncryptedPackage"):
        return "password-protected (encrypted) Office document; remove the password in Word and save again"
    if has("WordDocument"):
        return "legacy Word 97-2003 .doc file; open it in Word and save as .docx"
    if has("Workbook") or has("Book"):
        return "legacy Excel .xls workbook, not a Word document"
    if has("PowerPoint Document"):
        return "legacy PowerPoint .ppt file, not a Word document"
    return "legacy Office (OLE2) file, not a .docx; save it as .docx"


KIND_NAMES = {
    "pdf": "a PDF document",
    "rtf": "an RTF document; save it as .docx",
    "wordxml": "a Word XML (flat OPC / Word 2003 XML) file; save it as .docx",
    "html": "an HTML page; save it as .docx",
    "binary": "a binary file of unknown format",
    "zip": "a ZIP archive",
    "text": "plain text",
    "ole2": "an Office (OLE2) file",
}


def wrong_kind(kind: str, extension: str) -> str | None:
    """The cause to report when the bytes contradict the name, or None when they agree."""
    names = KIND_NAMES
    claims = extension.lower()
    if claims in WORD_EXTENSIONS or claims == ".doc":
        if kind in ("zip", "ole2"):
            return None
        return f"not a Word document: it is {names[kind]} named {claims}"
    if claims == ".pdf":
        return None if kind == "pdf" else f"not a PDF: it is {names.get(kind, kind)} named .pdf"
    if claims in TEXT_EXTENSIONS or claims in MARKDOWN_EXTENSIONS:
        if kind in ("text", "html"):
            return None
        return f"not text: it is {names[kind]} named {claims}"
    return None


# --- the ZIP container ------------------------------------------------------------------------


@dataclass
class SafeZip:
    """A ZIP whose directory passed the checks; members inflate under a hard cap."""

    path: str
    archive: zipfile.ZipFile
    members: dict[str, zipfile.ZipInfo]  # lower-cased name -> info (OPC names ignore case)

    def has(self, name: str) -> bool:
        return name.lstrip("/").lower() in self.members

    def names(self) -> Iterable[str]:
        return (info.filename for info in self.members.values())

    def read(self, name: str) -> bytes:
        info = self.members[name.lstrip("/").lower()]
        declared = info.file_size
        if declared > MAX_MEMBER_BYTES:
            raise fail(self.path, f"ZIP member {info.filename} too large ({declared // 2**20} MB declared)")
        chunks: list[bytes] = []
        total = 0
        try:
            with self.archive.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    total += len(chunk)
                    # zipfile stops at the declared size; count anyway in case it ever does not
                    if total > declared or total > MAX_MEMBER_BYTES:
                        raise fail(
                            self.path,
                            f"ZIP member {info.filename} inflates beyond its declared size (zip bomb?)",
                        )
                    chunks.append(chunk)
        except DocumentError:
            raise
        except zipfile.BadZipFile as exc:
            raise fail(
                self.path,
                f"ZIP member {info.filename} is damaged or lies about its size ({exc})",
            ) from None
        except (OSError, EOFError, NotImplementedError, RuntimeError) as exc:
            raise fail(self.path, f"ZIP member {info.filename} cannot be inflated ({exc})") from None
        except Exception as exc:  # zlib.error and friends
            raise fail(self.path, f"ZIP member {info.filename} cannot be inflated ({exc})") from None
        return b"".join(chunks)


def open_zip(path: str, data: bytes) -> SafeZip:
    """Open a ZIP held in memory and check its directory before anything is inflated."""
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise fail(
            path,
            "truncated or damaged ZIP container (no central directory); the file may be incomplete",
        ) from None
    except (OSError, ValueError, EOFError) as exc:
        raise fail(path, f"damaged ZIP container ({exc})") from None
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise fail(path, f"ZIP has too many members ({len(infos)}; limit {MAX_MEMBERS})")
    members: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        key = info.filename.lstrip("/").lower()
        if key in members:
            raise fail(
                path,
                f"ZIP has a duplicate member name ({info.filename}); refusing an ambiguous file",
            )
        members[key] = info
        total += info.file_size
        _check_member(path, info)
    if total > MAX_TOTAL_BYTES:
        raise fail(
            path,
            f"ZIP declares {total // 2**20} MB uncompressed (limit {MAX_TOTAL_BYTES // 2**20} MB; zip bomb?)",
        )
    return SafeZip(path, archive, members)


def _check_member(path: str, info: zipfile.ZipInfo) -> None:
    if info.flag_bits & 0x1:
        raise fail(path, f"ZIP member {info.filename} is encrypted; remove the password and save again")
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        ratio = info.file_size // max(info.compress_size, 1)
        raise fail(
            path,
            f"ZIP member {info.filename} has a compression ratio of {ratio}:1 (limit {MAX_RATIO}:1; zip bomb?)",
        )


# --- XML ------------------------------------------------------------------------------------------

_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    huge_tree=False,
    dtd_validation=False,
    remove_comments=True,
    remove_pis=True,
)


def parse_xml(path: str, part: str, data: bytes) -> etree._Element:
    """Parse one package part with entities, DTDs and the network off; refuse any DOCTYPE."""
    head = data[:4096]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head or _utf16_doctype(head):
        raise fail(path, f"XML part {part} declares a DOCTYPE or entities; refused (OOXML never needs one)")
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise fail(path, _xml_cause(part, str(exc))) from None
    except ValueError as exc:
        raise fail(path, f"XML part {part} cannot be parsed ({exc})") from None
    if root.getroottree().docinfo.doctype:
        raise fail(path, f"XML part {part} declares a DOCTYPE; refused")
    return root


def _utf16_doctype(head: bytes) -> bool:
    return "<!DOCTYPE".encode("utf-16-le") in head or "<!ENTITY".encode("utf-16-le") in head


def _xml_cause(part: str, message: str) -> str:
    lowered = message.lower()
    if "depth" in lowered:
        return f"XML part {part} is nested too deeply (over libxml2's limit); refused"
    if "huge" in lowered or "too long" in lowered or "text node" in lowered:
        return f"XML part {part} has a text node too large to read; refused"
    if "entity" in lowered:
        return f"XML part {part} uses entities; refused"
    return f"damaged XML in {part} ({message})"
