"""PDF through pypdf, an optional extra (`pip install conflictcheck[pdf]`).

PDF has no paragraphs, only positioned lines: the page text is split like plain text (blank
lines and structural lines start paragraphs), and a word broken by a hyphen at a line end is left
for normalisation to join. `Location.line` is the paragraph's first line in the whole extracted
text, pages joined in order.
"""

from __future__ import annotations

import io
import logging

from conflictcheck.documents.docx import RawParagraph
from conflictcheck.documents.safety import fail
from conflictcheck.documents.text import paragraphs

MAX_PAGES = 5000


def read_pdf(path: str, data: bytes) -> list[RawParagraph]:
    try:
        import pypdf
    except ImportError:
        raise fail(path, "reading PDF needs the optional extra: pip install 'conflictcheck[pdf]'") from None
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings are not the user's business
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _open_without_password(reader):
            raise fail(path, "password-protected PDF; remove the password and save again")
        if len(reader.pages) > MAX_PAGES:
            raise fail(path, f"PDF has {len(reader.pages)} pages (limit {MAX_PAGES})")
        pages = [page.extract_text() or "" for page in reader.pages]
    except pypdf.errors.PdfReadError as exc:
        raise fail(path, f"damaged PDF ({exc})") from None
    except (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        raise fail(path, f"damaged PDF ({type(exc).__name__}: {exc})") from None
    text = "\n\n".join(pages)
    if not text.strip():
        raise fail(path, "PDF has no extractable text (scanned image?); run OCR first")
    return paragraphs(text)


def _open_without_password(reader: object) -> bool:
    try:
        return bool(reader.decrypt(""))  # type: ignore[attr-defined]
    except Exception:
        return False
