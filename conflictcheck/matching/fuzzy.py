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

import numpy
from rapidfuzz import fuzz, process
from spacy.attrs import ORTH
from spacy.lexeme import Lexeme
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
        self._verdicts: dict[int, tuple[str, float] | None] = {}  # per vocabulary entry (orth id)

    def repair(self, doc: Doc) -> list[Repair]:
        """Set the NORM of damaged words to the term word they stand for; judged once per word."""
        orths = doc.to_array(ORTH)
        fixes = {}
        for orth in set(orths.tolist()):
            if orth not in self._verdicts:
                self._verdicts[orth] = self._judge(doc.vocab[orth])
            if self._verdicts[orth] is not None:
                fixes[orth] = self._verdicts[orth]
        repairs = []
        if fixes:
            for i in numpy.flatnonzero(numpy.isin(orths, list(fixes))).tolist():
                token = doc[i]
                word, score = fixes[token.orth]
                token.norm_ = word
                repairs.append(Repair(i, token.text, word, score))
        return repairs

    def _judge(self, lexeme: Lexeme) -> tuple[str, float] | None:
        if not lexeme.is_alpha or len(lexeme.orth_) < MIN_TYPO_LENGTH:
            return None
        if lexeme.norm_ in self._vocabulary or lexeme.lower_ in self._known:
            return None
        return self._closest(lexeme.lower_)

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
    if len(text) < len(known) * 0.9:
        return None
    needle = _fold(known)
    haystack = _fold(text)
    if not _shares_words(needle, haystack):
        return None
    alignment = fuzz.partial_ratio_alignment(needle, haystack, score_cutoff=min_score)
    if alignment is None or alignment.dest_end - alignment.dest_start < len(needle) * 0.9:
        return None
    return KnownTextHit(alignment.dest_start, alignment.dest_end, float(alignment.score))


@lru_cache(maxsize=1024)
def _fold(text: str) -> str:
    # Lower-casing must keep offsets: characters that grow when lowered stay as they are.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@lru_cache(maxsize=4096)
def _distinctive(text: str) -> frozenset[str]:
    return frozenset(w.strip(".,;:()\"'") for w in text.split() if len(w) >= 6)


def distinctive_words(text: str) -> frozenset[str]:
    """The longer words of a known text: a passage lacking most of them cannot hold it."""
    return _distinctive(_fold(text))


def shares_enough(wanted: frozenset[int], present: frozenset[int]) -> bool:
    return not wanted or len(wanted & present) >= KNOWN_TEXT_PREFILTER * len(wanted)


def _shares_words(needle: str, haystack: str) -> bool:
    wanted = _distinctive(needle)
    if not wanted:
        return True
    present = sum(1 for w in wanted if w in haystack)
    return present >= KNOWN_TEXT_PREFILTER * len(wanted)
