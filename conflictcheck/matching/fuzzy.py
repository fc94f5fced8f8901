"""rapidfuzz where exact lemmas fail: damaged terms, and formulations seen in past proposals.

Both are guarded. A token is repaired only when the lemma table does not know it (a real word is
never "corrected"), it is long enough to carry a typo, and its length is within one character of
the term word. A known text is compared only with passages that share most of its distinctive
words, and only over a window at least as long as itself: rapidfuzz's partial ratio would
otherwise score a short passage 100 against any longer text that contains it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process
from spacy.tokens import Doc

from conflictcheck.matching.pipeline import known_words

MIN_TYPO_LENGTH = 5
TYPO_CUTOFF = 88.0
KNOWN_TEXT_PREFILTER = 0.6  # share of a known text's distinctive words the passage must hold


@dataclass(frozen=True)
class Repair:
    token: int
    text: str
    term_word: str
    score: float


class TypoRepairer:
    """Maps unknown words onto the rulebook's term words ("cybersecurty" -> "cybersecurity")."""

    def __init__(self, vocabulary: frozenset[str]):
        self._vocabulary = vocabulary
        self._choices = sorted(vocabulary)
        self._known = known_words()
        self._cache: dict[str, tuple[str, float] | None] = {}

    def repair(self, doc: Doc) -> list[Repair]:
        repairs = []
        for token in doc:
            if not token.is_alpha or len(token) < MIN_TYPO_LENGTH:
                continue
            found = self._lookup(token.lower_, token.norm_)
            if found is not None:
                token.norm_ = found[0]
                repairs.append(Repair(token.i, token.text, found[0], found[1]))
        return repairs

    def _lookup(self, lower: str, norm: str) -> tuple[str, float] | None:
        if norm in self._vocabulary or lower in self._known:
            return None
        if lower not in self._cache:
            self._cache[lower] = self._closest(lower)
        return self._cache[lower]

    def _closest(self, word: str) -> tuple[str, float] | None:
        candidates = [c for c in self._choices if abs(len(c) - len(word)) <= 1 and c[0] == word[0]]
        best = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF)
        return None if best is None else (best[0], float(best[1]))


@dataclass(frozen=True)
class KnownTextHit:
    start: int  # character offsets in the text compared
    end: int
    score: float


def find_known_text(known: str, text: str, min_score: float) -> KnownTextHit | None:
    """Where `text` holds `known` near-verbatim (both already normalised), if anywhere."""
    needle = _fold(known)
    haystack = _fold(text)
    if len(haystack) < len(needle) * 0.9 or not _shares_words(needle, haystack):
        return None
    alignment = fuzz.partial_ratio_alignment(needle, haystack, score_cutoff=min_score)
    if alignment is None or alignment.dest_end - alignment.dest_start < len(needle) * 0.9:
        return None
    return KnownTextHit(alignment.dest_start, alignment.dest_end, float(alignment.score))


def _fold(text: str) -> str:
    # Lower-casing must keep offsets: characters that grow when lowered stay as they are.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@lru_cache(maxsize=4096)
def _distinctive(text: str) -> frozenset[str]:
    return frozenset(w.strip(".,;:()\"'") for w in text.split() if len(w) >= 6)


def _shares_words(needle: str, haystack: str) -> bool:
    wanted = _distinctive(needle)
    if not wanted:
        return True
    present = sum(1 for w in wanted if w in haystack)
    return present >= KNOWN_TEXT_PREFILTER * len(wanted)
