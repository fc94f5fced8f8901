"""Numbers Word generates (w:numPr), rendered as Word shows them: "1", "a)", "iii.".

Enough of numbering.xml for ITU drafts: abstractNum levels with start, numFmt and lvlText
("%1)", "%1.%2"), lvlOverride/startOverride, numStyleLink, and the counters. Counters belong to
the abstract numbering, as in Word: two w:num sharing an abstractNum continue one list, unless a
w:num restarts a level with startOverride (which is how Word and python-docx start a new list).
A level restarts whenever a shallower level advances.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from conflictcheck.documents.styles import StyleInfo
from conflictcheck.documents.wordml import W_ILVL, W_VAL, w

_W_ABSTRACTNUM = w("abstractNum")
_W_ABSTRACTNUMID = w("abstractNumId")
_W_NUM = w("num")
_W_NUMID = w("numId")
_W_LVL = w("lvl")
_W_START = w("start")
_W_NUMFMT = w("numFmt")
_W_LVLTEXT = w("lvlText")
_W_ISLGL = w("isLgl")
_W_LVLOVERRIDE = w("lvlOverride")
_W_STARTOVERRIDE = w("startOverride")
_W_NUMSTYLELINK = w("numStyleLink")
_W_PSTYLE = w("pStyle")
_LEVELS = 9
_PLACEHOLDER = re.compile(r"%([1-9])")


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    legal: bool = False


_DEFAULT_LEVEL = Level()


@dataclass
class _Num:
    abstract: str
    starts: dict[int, int]  # level -> startOverride
    levels: dict[int, Level]  # full level overrides


class Numbering:
    """Renders the label of each numbered paragraph, in document order."""

    def __init__(self, root: etree._Element | None, styles: Callable[[str], StyleInfo]):
        self._styles = styles
        self._abstracts: dict[str, dict[int, Level]] = {}
        self._links: dict[str, str] = {}  # abstractNum -> numStyleLink style id
        self._nums: dict[str, _Num] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._started: set[str] = set()
        # Styles that number are named by the levels they drive (w:lvl/w:pStyle), so only those
        # styles need styles.xml; Word and python-docx both write this link.
        self.linked_styles: set[str] = set()
        if root is not None:
            self._load(root)

    def _load(self, root: etree._Element) -> None:
        for abstract in root.iter(_W_ABSTRACTNUM):
            aid = abstract.get(_W_ABSTRACTNUMID, "")
            self._abstracts[aid] = {_int(lvl.get(W_ILVL), 0): _level(lvl) for lvl in _all(abstract, _W_LVL)}
            for pstyle in abstract.iter(_W_PSTYLE):
                self.linked_styles.add(pstyle.get(W_VAL, ""))
            link = _first(abstract).get(_W_NUMSTYLELINK)
            if link is not None and link.get(W_VAL):
                self._links[aid] = link.get(W_VAL, "")
        for num in root.iter(_W_NUM):
            found = _num(num)
            if found is not None:
                self._nums[num.get(_W_NUMID, "")] = found

    def label(self, num_id: str | None, ilvl: int) -> str | None:
        """Advance the list and return the label Word would show, or None (bullets, no list)."""
        if not num_id or num_id == "0":
            return None
        num = self._nums.get(num_id)
        if num is None:
            return None
        abstract_id = self._follow_link(num.abstract) if self._links else num.abstract
        levels = self._abstracts.get(abstract_id, {})
        ilvl = min(max(ilvl, 0), _LEVELS - 1)
        counters = self._counters.get(abstract_id)
        if counters is None:
            counters = self._counters[abstract_id] = [None] * _LEVELS
        if num_id not in self._started:
            self._started.add(num_id)
            for lvl, start in num.starts.items():
                if 0 <= lvl < _LEVELS:
                    counters[lvl] = start - 1
        level = num.levels.get(ilvl) or levels.get(ilvl) or _DEFAULT_LEVEL
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        counters[ilvl + 1 :] = [None] * (_LEVELS - 1 - ilvl)  # deeper levels restart
        return self._render(level, counters, num, levels)

    def _follow_link(self, abstract_id: str) -> str:
        style = self._links.get(abstract_id)
        if style is None:
            return abstract_id
        linked = self._nums.get(self._styles(style).num_id or "")
        return linked.abstract if linked is not None else abstract_id

    def _render(self, level: Level, counters: list[int | None], num: _Num, levels: dict[int, Level]) -> str | None:
        if level.fmt in ("bullet", "none"):
            return None
        literals, refs = _template(level.text)
        out = [literals[0]]
        for k, literal in zip(refs, literals[1:], strict=True):
            lvl = num.levels.get(k) or levels.get(k) or _DEFAULT_LEVEL
            n = counters[k]
            if n is None:
                n = lvl.start
            out.append(format_number(n, "decimal" if level.legal else lvl.fmt))
            out.append(literal)
        label = "".join(out).strip()
        return label or None


@lru_cache(maxsize=256)
def _template(text: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """lvlText cut once into its literal pieces and the levels between them.

    "%1.%2)" -> (("", ".", ")"), (0, 1)): a list has a handful of distinct lvlTexts and a
    document thousands of numbered paragraphs, so this spares a regex substitution per label.
    """
    parts = _PLACEHOLDER.split(text)
    return tuple(parts[0::2]), tuple(int(digit) - 1 for digit in parts[1::2])


def _num(num: etree._Element) -> _Num | None:
    """A w:num's abstractNum and level overrides, or None when it names no abstractNum.

    One pass over its children: a document defines a w:num per list, hundreds in a long draft.
    """
    abstract = None
    starts: dict[int, int] = {}
    levels: dict[int, Level] = {}
    for child in num:
        tag = child.tag
        if tag == _W_ABSTRACTNUMID:
            if abstract is None:
                abstract = child.get(W_VAL, "")
        elif tag == _W_LVLOVERRIDE:
            ilvl = _int(child.get(W_ILVL), 0)
            children = _first(child)
            start = children.get(_W_STARTOVERRIDE)
            if start is not None:
                starts[ilvl] = _int(start.get(W_VAL), 1)
            lvl = children.get(_W_LVL)
            if lvl is not None:
                levels[ilvl] = _level(lvl)
    return None if abstract is None else _Num(abstract, starts, levels)


def _first(el: etree._Element) -> dict[str, etree._Element]:
    """The first child of each tag: one pass instead of a find() per tag (find goes through
    ElementPath, which costs more than reading numbering.xml's few children in Python)."""
    found: dict[str, etree._Element] = {}
    for child in el:
        found.setdefault(child.tag, child)
    return found


def _all(el: etree._Element, tag: str) -> list[etree._Element]:
    """The children with `tag`, in order (findall without ElementPath)."""
    return [child for child in el if child.tag == tag]


def _level(lvl: etree._Element) -> Level:
    children = _first(lvl)
    start = children.get(_W_START)
    fmt = children.get(_W_NUMFMT)
    text = children.get(_W_LVLTEXT)
    return Level(
        start=_int(start.get(W_VAL), 1) if start is not None else 1,
        fmt=(fmt.get(W_VAL) or "decimal") if fmt is not None else "decimal",
        text=(text.get(W_VAL) or "") if text is not None else "%1.",
        legal=_W_ISLGL in children,
    )


def format_number(n: int, fmt: str) -> str:
    """One counter in one of Word's number formats (unknown formats fall back to decimal)."""
    if fmt == "decimal":  # nearly every list
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        text = _letters(n)
        return text if fmt == "lowerLetter" else text.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        text = _roman(n)
        return text if fmt == "lowerRoman" else text.upper()
    if fmt == "ordinal":
        return f"{n}{_ordinal_suffix(n)}"
    return str(n)


def _letters(n: int) -> str:
    # Word's letters repeat rather than carry: a..z, aa..zz, aaa..
    if n <= 0:
        return str(n)
    letter = chr(ord("a") + (n - 1) % 26)
    return letter * ((n - 1) // 26 + 1)


_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, numeral in _ROMAN:
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def _ordinal_suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
