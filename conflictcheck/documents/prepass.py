"""The walker's prepass: one C-filtered pass over a part that reads every simple paragraph.

A *simple* paragraph holds no revision, field, note, text box, symbol, math or
strike/underline/character style: it reads as the plain concatenation of its text nodes, tabs,
breaks and hyphens, with nothing to split off later. Most paragraphs of a draft are simple.

lxml's C iteration hands over only paragraphs, text nodes, the few elements a simple paragraph's
text or numbering depends on and the elements that make a paragraph complex, in document order;
the Python loop over them is the reader's hottest. Counting text nodes on the way gives the
anchor contract's node index (see `conflictcheck.documents`). Elements are credited to the last
paragraph opened: right for simple paragraphs, since none nests in another; a text box makes its
anchoring paragraph complex, and the paragraphs inside it too.
"""

from __future__ import annotations

from lxml import etree

from conflictcheck.documents.wordml import (
    MC_ALTERNATE,
    W_BR,
    W_CR,
    W_DELTEXT,
    W_FOOTERREF,
    W_HEADERREF,
    W_ILVL,
    W_NOBREAKHYPHEN,
    W_NUMID,
    W_P,
    W_PSTYLE,
    W_R,
    W_SOFTHYPHEN,
    W_T,
    W_TAB,
    W_TXBXCONTENT,
    W_VAL,
    M,
    w,
)

# A paragraph holding none of these reads as the plain concatenation of its text.
_COMPLEX = frozenset(
    w(name)
    for name in (
        "ins",
        "del",
        "moveFrom",
        "moveTo",
        "delText",
        "fldChar",
        "fldSimple",
        "instrText",
        "footnoteReference",
        "endnoteReference",
        "drawing",
        "pict",
        "object",
        "txbxContent",
        "sym",
        "ptab",
        "rStyle",
        "strike",
        "dstrike",
        "u",
        "pPrChange",  # holds the old w:pPr, whose numbering is not the paragraph's
        "rPrChange",
    )
) | {MC_ALTERNATE, M + "oMath", M + "oMathPara"}
# The characters a simple paragraph's text gets for the elements asked for, other than w:t.
_CHARACTERS = {
    W_TAB: " ",
    W_BR: "\n",
    W_CR: "\n",
    W_NOBREAKHYPHEN: "-",
    W_SOFTHYPHEN: "\u00ad",
}
_REFERENCES = frozenset((W_HEADERREF, W_FOOTERREF))
_TAGS = (W_P, W_T, W_DELTEXT, W_PSTYLE, W_NUMID, W_ILVL, *_CHARACTERS, *_COMPLEX, *_REFERENCES)

# pStyle, numId, ilvl, text, and the pieces of text with their text nodes (to anchor it on demand)
Simple = tuple[str | None, str | None, int, str, list[str], list[int]]


class NodeIndex(dict[etree._Element, int]):
    """Each text node's index among its part's w:t and w:delText (the anchor contract).

    Only the full walk looks nodes up, so the prepass records the nodes of the paragraphs it
    leaves to the full walk, and no others: holding every text node of a long part costs more
    than the lookups. A simple paragraph may still be read in full (a footnote referenced from
    deleted text, a field code spanning paragraphs): its first lookup numbers the whole part.
    """

    def __init__(self, root: etree._Element):
        super().__init__()
        self._root = root
        self._complete = False

    def __missing__(self, node: etree._Element) -> int:
        if self._complete:
            return -1
        self._complete = True
        self.update((el, i) for i, el in enumerate(self._root.iter(W_T, W_DELTEXT)))
        return self.get(node, -1)

    def add_paragraph(self, p: etree._Element, first: int) -> None:
        """Index the text nodes of `p`, whose first text node has index `first`."""
        for i, el in enumerate(p.iter(W_T, W_DELTEXT), first):
            self[el] = i


class PartIndex:
    """What the prepass learned about one part: its simple paragraphs, text-node indices and
    header and footer references (the main part's sections name its headers and footers).

    The simple paragraphs are kept column by column, and the pieces of their text in one list
    for the whole part, rather than as a record per paragraph: records live until the walk ends,
    and thousands of them are what the garbage collector would traverse again and again.
    """

    __slots__ = (
        "_ilvls",
        "_num_ids",
        "_rows",
        "_starts",
        "_styles",
        "_text_nodes",
        "_texts",
        "nodes",
        "part",
        "references",
    )

    def __init__(self, root: etree._Element, part: str):
        self.part = part
        self.nodes = NodeIndex(root)
        self.references: list[etree._Element] = []  # w:headerReference, w:footerReference in order
        self._rows: dict[etree._Element, int] = {}  # simple paragraph -> its row in the columns
        self._starts: list[int] = []  # where each row's pieces start in `_texts`
        self._styles: list[str | None] = []
        self._num_ids: list[str | None] = []
        self._ilvls: list[int] = []
        self._texts: list[str] = []  # the pieces of text of all rows, one after the other
        self._text_nodes: list[int] = []  # the text node of each piece, -1 for a character
        self._read(root)

    def simple(self, p: etree._Element) -> Simple | None:
        """A simple paragraph's pStyle, numId, ilvl (-1 when absent), stripped text, and its pieces
        and their text nodes (for `join_anchored`); None for a paragraph that needs the full walk."""
        row = self._rows.get(p)
        if row is None:
            return None
        start = self._starts[row]
        stop = self._starts[row + 1] if row + 1 < len(self._starts) else len(self._texts)
        texts = self._texts[start:stop]
        text = "".join(texts).strip()
        return self._styles[row], self._num_ids[row], self._ilvls[row], text, texts, self._text_nodes[start:stop]

    def _open(self, p: etree._Element) -> int:
        """Give `p` a row, and return it."""
        row = self._rows[p] = len(self._starts)
        self._starts.append(len(self._texts))
        self._styles.append(None)
        self._num_ids.append(None)
        self._ilvls.append(-1)
        return row

    def _drop_last(self, p: etree._Element) -> None:
        """Forget the last paragraph opened: it turned out to need the full walk."""
        del self._rows[p]
        start = self._starts.pop()
        self._styles.pop()
        self._num_ids.pop()
        self._ilvls.pop()
        del self._texts[start:]
        del self._text_nodes[start:]

    def _read(self, root: etree._Element) -> None:
        """The pass itself: read the simple paragraphs, index the others' text nodes."""
        nodes, texts, text_nodes = self.nodes, self._texts, self._text_nodes
        styles, num_ids, ilvls = self._styles, self._num_ids, self._ilvls
        simple = False  # is the last paragraph opened simple, so far?
        paragraph = None
        row = -1  # its row, when it is
        first = 0  # the index of its first text node
        boxes = False  # a text box was seen: later paragraphs must check whether they are inside one
        count = 0
        # Tests ordered by how often each tag comes: text nodes, paragraphs, then properties.
        for el in root.iter(*_TAGS):
            tag = el.tag
            if tag == W_T:
                if not simple:
                    nodes[el] = count
                else:
                    text = el.text
                    if text:
                        texts.append(text)
                        text_nodes.append(count)
                count += 1
            elif tag == W_P:
                paragraph, first = el, count
                simple = not (boxes and _in_text_box(el))
                if simple:
                    row = self._open(el)
            elif tag == W_DELTEXT:  # counted, but no reason to read the paragraph in full
                if not simple:
                    nodes[el] = count
                count += 1
            elif not simple:  # the paragraph is read in full: only a text box or reference matters
                if tag == W_TXBXCONTENT:
                    boxes = True
                elif tag in _REFERENCES:
                    self.references.append(el)
            elif tag == W_PSTYLE:
                styles[row] = el.get(W_VAL)
            elif tag == W_NUMID:
                num_ids[row] = el.get(W_VAL)
            elif tag == W_ILVL:
                ilvls[row] = _int(el.get(W_VAL))
            elif tag in _COMPLEX:
                if tag == W_TXBXCONTENT:
                    boxes = True
                if _contains(paragraph, el):
                    self._drop_last(paragraph)
                    nodes.add_paragraph(paragraph, first)
                    simple = False
            elif tag in _REFERENCES:
                self.references.append(el)
            elif tag != W_TAB or el.getparent().tag == W_R:  # not a tab stop in w:pPr/w:tabs
                texts.append(_CHARACTERS[tag])
                text_nodes.append(-1)


def _in_text_box(p: etree._Element) -> bool:
    parent = p.getparent()
    while parent is not None:
        if parent.tag == W_TXBXCONTENT:
            return True
        parent = parent.getparent()
    return False


def _contains(ancestor: etree._Element, el: etree._Element) -> bool:
    parent = el.getparent()
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.getparent()
    return False


def _int(value: str | None) -> int:
    try:
        return int(value) if value is not None else 0
    except ValueError:
        return 0
