"""Offset-preserving normalisation: the matcher reads clean text, findings point at the original.

Word text carries curly quotes, non-breaking spaces, soft hyphens, zero-width joiners, ligatures
and words broken across lines. The matcher must not care, but a finding must still land on the
exact characters the user sees, so every normalised character remembers where it came from.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

# Characters replaced one for one (so they keep their position).
_REPLACE = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2012": "-",
    "\u2013": "-",  # en dash
    "\u2014": "-",  # em dash
    "\u2212": "-",  # minus
    "\u2022": " ",  # bullet
    "\t": " ",
    "\r": " ",
    "\n": " ",
    "\v": " ",
    "\f": " ",
}

# Compatibility ligatures Word and PDF text produce; NFKC would also touch digits and fractions.
_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}

_HYPHENS = "-\u00ad\u2010\u2011"


@dataclass(frozen=True)
class NormalizedText:
    """Normalised text plus, for each of its characters, the index it came from in the source."""

    text: str
    origin: Sequence[int]  # a range when no character vanished or grew: the common case
    source_length: int

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text back to the source text."""
        if start >= end:
            pos = self.origin[start] if start < len(self.origin) else self.source_length
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1


# Every space separator of Unicode (category Zs) reads as a plain space.
_SPACES = "\u00a0\u1680" + "".join(chr(c) for c in range(0x2000, 0x200B)) + "\u202f\u205f\u3000"
# One-for-one replacements, done by str.translate when nothing else is needed.
_ONE_FOR_ONE = str.maketrans({**_REPLACE, **dict.fromkeys(_SPACES, " ")})
_LINE_BREAK_HYPHEN = re.compile(r"[^\W\d_][-\u00ad\u2010\u2011][ \t]*[\r\n]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def normalize(text: str, *, lowercase: bool = False) -> NormalizedText:
    """Normalise `text` for matching, keeping a map back to the original offsets."""
    if _only_one_for_one(text):
        result = text if _is_plain(text) else text.translate(_ONE_FOR_ONE)
        if lowercase and len(result.lower()) == len(result):
            result = result.lower()
        return NormalizedText(result, range(len(text)), len(text))
    return _normalize_slowly(text, lowercase=lowercase)


def swap_marks(text: str) -> str | None:
    """`normalize(text).text` when that only swaps characters one for one (quotes, dashes, spaces), else None.

    Such text keeps every letter where it was, so a reader that only needs the words can skip the offset map.
    """
    if not _only_one_for_one(text):
        return None
    return text if _is_plain(text) else text.translate(_ONE_FOR_ONE)


def _is_plain(text: str) -> bool:
    """ASCII with no control character: nothing to change (most paragraphs)."""
    return text.isascii() and text.isprintable()


def _only_one_for_one(text: str) -> bool:
    """True when no character of `text` vanishes or grows (no soft hyphen, ligature, line break in a word)."""
    if ("\n" in text or "\r" in text) and _LINE_BREAK_HYPHEN.search(text):
        return False
    if text.isascii():
        return True
    for match in _NON_ASCII.finditer(text):
        ch = match.group()
        if ch in _LIGATURES or (ch not in _REPLACE and ch not in _SPACES and unicodedata.category(ch) in ("Cf", "Zs")):
            return False
    return True


def _normalize_slowly(text: str, *, lowercase: bool) -> NormalizedText:
    out: list[str] = []
    origin: list[int] = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch in _HYPHENS and _is_line_break_hyphen(text, i):
            i = _skip_line_break(text, i + 1)
            continue
        if ch in _REPLACE:
            _emit(out, origin, _REPLACE[ch], i)
        elif ch in _LIGATURES:
            _emit(out, origin, _LIGATURES[ch], i)
        elif ch == "\u00ad" or _is_invisible(ch):
            pass  # soft hyphens and zero-width/format characters vanish
        elif unicodedata.category(ch) == "Zs":
            _emit(out, origin, " ", i)
        else:
            _emit(out, origin, ch, i)
        i += 1
    result = "".join(out)
    if lowercase:
        lowered = result.lower()
        if len(lowered) == len(result):  # a few characters grow when lowered; keep the map exact
            result = lowered
    return NormalizedText(result, tuple(origin), n)


def _emit(out: list[str], origin: list[int], chars: str, source_index: int) -> None:
    for c in chars:
        out.append(c)
        origin.append(source_index)


def _is_invisible(ch: str) -> bool:
    return unicodedata.category(ch) == "Cf"


def _is_line_break_hyphen(text: str, i: int) -> bool:
    """A hyphen that splits a word at a line end: 'secu-\\nrity'."""
    if i == 0 or not text[i - 1].isalpha():
        return False
    j = i + 1
    saw_break = False
    while j < len(text) and text[j] in " \t\r\n":
        saw_break = saw_break or text[j] in "\r\n"
        j += 1
    return saw_break and j < len(text) and text[j].islower()


def _skip_line_break(text: str, j: int) -> int:
    while j < len(text) and text[j] in " \t\r\n":
        j += 1
    return j
