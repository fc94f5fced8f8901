"""Offset-preserving normalisation: the matcher reads clean text, findings point at the original.

Word text carries curly quotes, non-breaking spaces, soft hyphens, zero-width joiners, ligatures
and words broken across lines. The matcher must not care, but a finding must still land on the
exact characters the user sees, so every normalised character remembers where it came from.
"""

from __future__ import annotations

import unicodedata
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
    origin: tuple[int, ...]
    source_length: int

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text back to the source text."""
        if start >= end:
            pos = self.origin[start] if start < len(self.origin) else self.source_length
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1


def normalize(text: str, *, lowercase: bool = False) -> NormalizedText:
    """Normalise `text` for matching, keeping a map back to the original offsets."""
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
