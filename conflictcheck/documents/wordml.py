"""WordprocessingML names, shared by the walker, the numbering and the styles.

Tags are precomputed Clark names (`{namespace}local`) because comparing `el.tag` to a constant
string is the cheapest test lxml offers in the hot loop.
"""

from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

W = "{" + W_NS + "}"
MC = "{" + MC_NS + "}"
M = "{" + M_NS + "}"


def w(local: str) -> str:
    return W + local


W_VAL = w("val")
W_ID = w("id")
W_TYPE = w("type")

W_BODY = w("body")
W_P = w("p")
W_R = w("r")
W_T = w("t")
W_DELTEXT = w("delText")
W_INSTRTEXT = w("instrText")
W_DELINSTRTEXT = w("delInstrText")
W_TAB = w("tab")
W_PTAB = w("ptab")
W_BR = w("br")
W_CR = w("cr")
W_NOBREAKHYPHEN = w("noBreakHyphen")
W_SOFTHYPHEN = w("softHyphen")
W_SYM = w("sym")
W_FLDCHAR = w("fldChar")
W_FLDSIMPLE = w("fldSimple")
W_FLDCHARTYPE = w("fldCharType")
W_CHAR = w("char")
W_FONT = w("font")

W_PPR = w("pPr")
W_RPR = w("rPr")
W_PSTYLE = w("pStyle")
W_RSTYLE = w("rStyle")
W_NUMPR = w("numPr")
W_ILVL = w("ilvl")
W_NUMID = w("numId")
W_STRIKE = w("strike")
W_DSTRIKE = w("dstrike")
W_U = w("u")
W_I = w("i")
W_VANISH = w("vanish")

W_INS = w("ins")
W_DEL = w("del")
W_MOVETO = w("moveTo")
W_MOVEFROM = w("moveFrom")
W_HYPERLINK = w("hyperlink")
W_SDT = w("sdt")
W_SDTCONTENT = w("sdtContent")
W_SMARTTAG = w("smartTag")
W_CUSTOMXML = w("customXml")

W_TBL = w("tbl")
W_TR = w("tr")
W_TC = w("tc")
W_TXBXCONTENT = w("txbxContent")
W_DRAWING = w("drawing")
W_PICT = w("pict")
W_OBJECT = w("object")

W_FOOTNOTE = w("footnote")
W_ENDNOTE = w("endnote")
W_FOOTNOTEREF = w("footnoteReference")
W_ENDNOTEREF = w("endnoteReference")
W_SECTPR = w("sectPr")
W_HEADERREF = w("headerReference")
W_FOOTERREF = w("footerReference")

MC_ALTERNATE = MC + "AlternateContent"
MC_CHOICE = MC + "Choice"
MC_FALLBACK = MC + "Fallback"
M_T = M + "t"

R_ID = "{" + R_NS + "}id"

FALSE_VALUES = frozenset(("0", "false", "off", "none"))


def on(el: object) -> bool:
    """A toggle property (w:strike, w:i, ...) is on unless its w:val says otherwise."""
    val = el.get(W_VAL)  # type: ignore[attr-defined]
    return val is None or val.lower() not in FALSE_VALUES
