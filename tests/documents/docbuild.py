"""Builds minimal DOCX packages from XML strings, so each test shows exactly the markup it reads."""

from __future__ import annotations

import zipfile
from pathlib import Path

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'
)
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."
MAIN_CT = _CT + "document.main+xml"


def p(*runs: str, ppr: str = "") -> str:
    """A paragraph; plain strings become runs, strings starting with '<' are used as they are."""
    inner = "".join(r if r.startswith("<") else run(r) for r in runs)
    return f"<w:p>{ppr}{inner}</w:p>"


def run(text: str, rpr: str = "") -> str:
    props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def document(body: str) -> str:
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    return f"{head}<w:document {NS}><w:body>{body}</w:body></w:document>"


def notes(kind: str, items: dict[str, str]) -> str:
    tag = "footnote" if kind == "footnotes" else "endnote"
    seps = f'<w:{tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{tag}>'
    body = "".join(f'<w:{tag} w:id="{i}">{content}</w:{tag}>' for i, content in items.items())
    return f'<?xml version="1.0" encoding="UTF-8"?><w:{kind} {NS}>{seps}{body}</w:{kind}>'


def hdr(kind: str, body: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><w:{kind} {NS}>{body}</w:{kind}>'


def build_docx(
    path: Path,
    body: str = "",
    *,
    document_xml: str | None = None,
    footnotes: dict[str, str] | None = None,
    endnotes: dict[str, str] | None = None,
    header: str | None = None,
    footer: str | None = None,
    numbering: str | None = None,
    styles: str | None = None,
    main_content_type: str = MAIN_CT,
    extra: dict[str, bytes | str] | None = None,
    omit: tuple[str, ...] = (),
) -> Path:
    """Write a minimal valid .docx; `omit` drops members to build broken packages."""
    parts: dict[str, tuple[str, str | bytes]] = {}  # zip name -> (content type or "", data)
    rels: list[tuple[str, str]] = []
    doc = document_xml if document_xml is not None else document(_with_sections(body, header, footer))
    parts["word/document.xml"] = (main_content_type, doc)
    if footnotes is not None:
        parts["word/footnotes.xml"] = (_CT + "footnotes+xml", notes("footnotes", footnotes))
        rels.append(("footnotes", "footnotes.xml"))
    if endnotes is not None:
        parts["word/endnotes.xml"] = (_CT + "endnotes+xml", notes("endnotes", endnotes))
        rels.append(("endnotes", "endnotes.xml"))
    if header is not None:
        parts["word/header1.xml"] = (_CT + "header+xml", hdr("hdr", header))
        rels.append(("header", "header1.xml"))
    if footer is not None:
        parts["word/footer1.xml"] = (_CT + "footer+xml", hdr("ftr", footer))
        rels.append(("footer", "footer1.xml"))
    if numbering is not None:
        parts["word/numbering.xml"] = (
            _CT + "numbering+xml",
            f'<?xml version="1.0"?><w:numbering {NS}>{numbering}</w:numbering>',
        )
        rels.append(("numbering", "numbering.xml"))
    if styles is not None:
        parts["word/styles.xml"] = (
            _CT + "styles+xml",
            f'<?xml version="1.0"?><w:styles {NS}>{styles}</w:styles>',
        )
        rels.append(("styles", "styles.xml"))
    doc_rels = "".join(
        f'<Relationship Id="{_rid(kind, i)}" Type="{_REL}{kind}" Target="{target}"/>'
        for i, (kind, target) in enumerate(rels)
    )
    members: dict[str, str | bytes] = {
        "[Content_Types].xml": _content_types(parts),
        "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="{_PKG_RELS}">'
        f'<Relationship Id="rId1" Type="{_REL}officeDocument" Target="word/document.xml"/>'
        "</Relationships>",
        "word/_rels/document.xml.rels": (
            f'<?xml version="1.0"?><Relationships xmlns="{_PKG_RELS}">{doc_rels}</Relationships>'
        ),
    }
    members.update({name: data for name, (_ct, data) in parts.items()})
    members.update(extra or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            if name not in omit:
                zf.writestr(name, data)
    return path


def _rid(kind: str, i: int) -> str:
    return {"header": "rIdH", "footer": "rIdF"}.get(kind, f"rId{i + 10}")


def _with_sections(body: str, header: str | None, footer: str | None) -> str:
    refs = ""
    if header is not None:
        refs += '<w:headerReference w:type="default" r:id="rIdH"/>'
    if footer is not None:
        refs += '<w:footerReference w:type="default" r:id="rIdF"/>'
    return body + (f"<w:sectPr>{refs}</w:sectPr>" if refs else "")


def _content_types(parts: dict[str, tuple[str, str | bytes]]) -> str:
    overrides = "".join(f'<Override PartName="/{name}" ContentType="{ct}"/>' for name, (ct, _d) in parts.items() if ct)
    return (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f"{overrides}</Types>"
    )
