"""rapidfuzz where exact lemmas fail: damaged terms, and formulations seen in past proposals.

Both are guarded. A token is repaired only when the lemma table does not know it (a real word is
never "corrected"), it is long enough to carry a typo, and its length is within one character of
the term word. A known text is compared only with passages that share most of its distinctive
words, and only over a window at least as long as itself: rapidfuzz's partial ratio would
otherwise score a short passage 100 against any longer text that contains it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from conflictcheck.matching.lemmas import known_words, norm_of

if TYPE_CHECKING:
    from spacy.tokens import Doc

MIN_TYPO_LENGTH = 5
TYPO_CUTOFF = 88.0
KNOWN_TEXT_PREFILTER = 0.6  # share of a known text's distinctive words the passage must hold
MIN_LENGTH_SHARE = 0.9  # a match covers at least this share of the known text's length
MAX_REMEMBERED_VERDICTS = 200_000  # typo verdicts kept, one per distinct word


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
        # Candidates for a word are the term words with its first letter and a length within one:
        # filed by both, a word's few are found by three look-ups instead of a pass over them all.
        self._choices: dict[tuple[str, int], list[str]] = {}
        for choice in sorted(vocabulary):
            self._choices.setdefault((choice[:1], len(choice)), []).append(choice)
        self._known = known_words()
        self._verdicts: dict[str, tuple[str, float] | None] = {}  # per word form, for the whole run

    def __reduce__(self) -> tuple[type, tuple[frozenset[str]]]:
        return TypoRepairer, (self._vocabulary,)  # the known words come from the lemma table wherever it lands

    def repair(self, doc: Doc) -> list[Repair]:
        """Set the NORM of damaged words to the term word they stand for; judged once per word."""
        import numpy  # here, not above: the prefilter uses this class in processes without spaCy
        from spacy.attrs import ORTH

        orths = doc.to_array(ORTH)
        strings = doc.vocab.strings
        fixes = {}
        for orth in set(orths.tolist()):
            verdict = self.verdict(strings[orth])
            if verdict is not None:
                fixes[orth] = verdict
        repairs = []
        if fixes:
            for i in numpy.flatnonzero(numpy.isin(orths, list(fixes))).tolist():
                token = doc[i]
                word, score = fixes[token.orth]
                token.norm_ = word
                repairs.append(Repair(i, token.text, word, score))
        return repairs

    def verdict(self, word: str) -> tuple[str, float] | None:
        """The term word and score a token with this exact text is repaired to, if any."""
        if word not in self._verdicts:
            if len(self._verdicts) >= MAX_REMEMBERED_VERDICTS:
                self._verdicts.clear()  # a scan of many varied drafts must not grow this without end
            self._verdicts[word] = self._judge(word)
        return self._verdicts[word]

    def _judge(self, word: str) -> tuple[str, float] | None:
        if not word.isalpha() or len(word) < MIN_TYPO_LENGTH:
            return None
        lower = word.lower()
        if norm_of(word) in self._vocabulary or lower in self._known:
            return None
        return self._closest(lower)

    def _closest(self, word: str) -> tuple[str, float] | None:
        first, length = word[0], len(word)
        # Ties go to the first candidate. Words of one length stay in alphabetical order, as in one
        # list of all term words; words of different lengths cannot tie at a score above 50.
        candidates = [c for n in (length - 1, length, length + 1) for c in self._choices.get((first, n), ())]
        best = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF)
        return None if best is None else (best[0], float(best[1]))


@dataclass(frozen=True)
class KnownTextHit:
    start: int  # character offsets in the text compared
    end: int
    score: float


def may_hold(known: str, text: str) -> bool:
    """Cheap necessary condition for `find_known_text`: long enough, and most distinctive words present."""
    return _may_hold_folded(_fold(known), _fold(text))


def _may_hold_folded(needle: str, haystack: str) -> bool:
    return len(haystack) >= len(needle) * MIN_LENGTH_SHARE and _shares_words(needle, haystack)


class KnownTextScreen:
    """`may_hold` for several known texts, with one regular-expression search turning most passages away."""

    def __init__(self, known_texts: tuple[str, ...]):
        self.known_texts = known_texts
        words = {w for known in known_texts for w in _deciding_words(_distinctive(_fold(known)))}
        everywhere = any(not _distinctive(_fold(known)) for known in known_texts)
        # None of them: no known text can share enough distinctive words (unless one has none).
        self._any_word = None if everywhere or not words else re.compile("|".join(map(re.escape, sorted(words))))
        self._shortest = min((len(k) * MIN_LENGTH_SHARE for k in known_texts), default=float("inf"))

    def may_hold_any(self, text: str) -> bool:
        if len(text) < self._shortest or not self.may_touch(text):
            return False
        return any(may_hold(known, text) for known in self.known_texts)

    def may_touch(self, text: str) -> bool:
        """False when `text` holds none of the words one of which every passage holding a known text has.

        The words hold no space, so a caller may ask this of each chunk between spaces instead.
        """
        if not self.known_texts:
            return False
        return self._any_word is None or self._any_word.search(_fold(text)) is not None


def _deciding_words(wanted: frozenset[str]) -> list[str]:
    """Words of which a passage sharing enough of `wanted` must hold at least one: the longest, rarest ones.

    Sharing at least `needed` of n words leaves out at most n - needed, so any n - needed + 1 of them
    cannot all be missing.
    """
    needed = math.ceil(KNOWN_TEXT_PREFILTER * len(wanted))
    return sorted(wanted, key=lambda w: (-len(w), w))[: len(wanted) - needed + 1]


def find_known_text(known: str, text: str, min_score: float) -> KnownTextHit | None:
    """Where `text` holds `known` near-verbatim (both already normalised), if anywhere."""
    needle = _fold(known)
    haystack = _fold(text)
    if not _may_hold_folded(needle, haystack):
        return None
    alignment = fuzz.partial_ratio_alignment(needle, haystack, score_cutoff=min_score)
    if alignment is None or alignment.dest_end - alignment.dest_start < len(needle) * MIN_LENGTH_SHARE:
        return None
    return KnownTextHit(alignment.dest_start, alignment.dest_end, float(alignment.score))


def _fold(text: str) -> str:
    lowered = text.lower()
    # Same length means no character grew; capital sigma is the one letter str.lower() reads in context.
    if len(lowered) == len(text) and "\u03a3" not in text:
        return lowered
    # Lower-casing must keep offsets: characters that grow when lowered stay as they are.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@lru_cache(maxsize=64)
def _distinctive(text: str) -> frozenset[str]:
    """The longer words of a known text: a passage lacking most of them cannot hold it."""
    return frozenset(w.strip(".,;:()\"'") for w in text.split() if len(w) >= 6)


def _shares_words(needle: str, haystack: str) -> bool:
    wanted = _distinctive(needle)
    if not wanted:
        return True
    present = sum(1 for w in wanted if w in haystack)
    return present >= KNOWN_TEXT_PREFILTER * len(wanted)
