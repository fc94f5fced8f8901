"""Which passages could open a rule at all, read from their plain words before spaCy runs.

A rule is judged only when every concept of one of its patterns occurs in the passage, or when a
known text may be there. Most passages of a draft mention nothing the rulebook looks for (in the
benchmark corpus about 19 in 20 open no rule), so tokenising them is wasted work.

Each concept term is filed under a key, its longest plain word as a lemma norm. The passage's
words are given the same norms (and typo repairs) as the matcher would give its tokens, once per
distinct chunk of text for the whole run. A passage passes when the concepts it may hold complete
one pattern: first judged by keys alone, then by every longer word of a term. Both tests are
one-sided: they may let through a passage no rule then matches, never the reverse
(tests/matching/test_prefilter.py compares findings with and without the prefilter).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from spacy.language import Language

from conflictcheck.documents.normalize import swap_marks
from conflictcheck.matching.compile import GAP, NUMBER
from conflictcheck.matching.fuzzy import KnownTextScreen, TypoRepairer
from conflictcheck.matching.pipeline import norm_of
from conflictcheck.matching.text import matching_text

# Runs of letters, with apostrophes kept ("don't", "ITU's", "'re") so the tokenizer can split them.
_WORD = re.compile(r"['\u2019]?[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_MIN_NEEDED_LENGTH = 4
# Distinct chunks remembered at most (about 250 bytes each); a draft brings a few hundred new ones.
MAX_REMEMBERED_CHUNKS = 200_000


@dataclass(frozen=True)
class _Term:
    """What a passage must hold for one concept term to be possible."""

    bit: int  # the concept's
    words: frozenset[str]  # the norms of its longer plain words


@dataclass(frozen=True)
class _Chunk:
    """What one chunk of text (between spaces) brings: term-word norms, the concepts it keys."""

    norms: frozenset[str]
    key_bits: int
    literal_bits: int = 0  # concepts of terms without a plain word, found in the chunk as they are written
    known: bool = False  # holds a word that a passage holding a known text must hold

    @property
    def signals(self) -> bool:
        return bool(self.key_bits or self.literal_bits or self.known)


_IDLE = _Chunk(frozenset(), 0)


@dataclass
class Prefilter:
    """Concepts a passage may hold, from its words; it passes when one pattern may be whole.

    Two stages, both one-sided: keys alone (a set difference and a few look-ups per passage) turn
    most passages away; the few left must also hold every longer word of some term of each concept.
    """

    nlp: Language
    repairer: TypoRepairer
    terms_by_key: dict[str, tuple[_Term, ...]]  # a term is filed under its longest word
    literal_terms: tuple[tuple[int, str], ...]  # (bit, lower-case text) of terms without a plain word
    pattern_masks: tuple[int, ...]
    known_texts: KnownTextScreen
    special_cases: frozenset[str]  # the tokenizer's exceptions ("cannot" -> "can", "not")
    _chunks: dict[str, _Chunk] = field(default_factory=dict)
    _silent: set[str] = field(default_factory=set)  # chunks that key no concept, hold no literal, no known word
    _idle: set[str] = field(default_factory=set)  # chunks that hold no term word at all
    _opening: dict[int, bool] = field(default_factory=dict)  # concept bits -> does a pattern open

    @classmethod
    def build(
        cls,
        nlp: Language,
        repairer: TypoRepairer,
        concept_terms: dict[str, tuple[tuple[str, ...], ...]],
        concept_bits: dict[str, int],
        pattern_masks: Iterable[int],
        known_texts: Iterable[str],  # in matching form
    ) -> Prefilter:
        by_key: dict[str, list[_Term]] = {}
        literal: list[tuple[int, str]] = []
        for name, bit in concept_bits.items():
            for norms in concept_terms.get(name, ()):
                words = [n for n in norms if n not in (GAP, NUMBER)]
                plain = sorted(w for w in words if w.isalpha())
                if plain:
                    key = max(plain, key=len)
                    # Short words ("of", "the") are everywhere: requiring them would only cost time.
                    needed = frozenset(w for w in plain if len(w) >= _MIN_NEEDED_LENGTH) | {key}
                    by_key.setdefault(key, []).append(_Term(bit, needed))
                else:
                    literal.append((bit, " ".join(words)))
        return cls(
            nlp,
            repairer,
            {key: tuple(terms) for key, terms in by_key.items()},
            tuple(literal),
            tuple(sorted(set(pattern_masks))),
            KnownTextScreen(tuple(known_texts)),
            frozenset(nlp.tokenizer.rules or ()),
        )

    def admits(self, passage_text: str) -> bool:
        """False only when no rule could match the passage (its text as read)."""
        # Hyphens need not be opened here: the words are runs of letters either way.
        text = swap_marks(passage_text)
        if text is None:
            text = matching_text(passage_text).text
        chunks = set(text.split())
        keyed, literal, known = self._signals(chunks)
        literal |= self._spaced_literal_bits(text)
        if known and self.known_texts.may_hold_any(text):
            return True
        return self._opens(keyed | literal) and self._opens(self._concepts(chunks) | literal)

    def _opens(self, found: int) -> bool:
        # Few combinations of concepts occur in practice: each is judged once.
        opens = self._opening.get(found)
        if opens is None:
            opens = self._opening[found] = any(needed & found == needed for needed in self.pattern_masks)
        return opens

    def _signals(self, chunks: set[str]) -> tuple[int, int, bool]:
        """Concepts one of whose term keys the passage holds; concepts found literally; a known text's word."""
        keyed = literal = 0
        known = False
        # Most chunks ("the", "Council,") say nothing: one set difference drops them, in C.
        for text in chunks - self._silent:
            chunk = self._chunk(text)
            if not chunk.signals:
                self._silent.add(text)
                continue
            keyed |= chunk.key_bits
            literal |= chunk.literal_bits
            known = known or chunk.known
        return keyed, literal, known

    def _concepts(self, chunks: set[str]) -> int:
        """Concepts one of whose terms has all its longer words in the passage."""
        present: set[str] = set()
        for text in chunks - self._idle:
            present.update(self._chunk(text).norms)
        found = 0
        for norm in present:
            for term in self.terms_by_key.get(norm, ()):
                if not found & term.bit and term.words <= present:
                    found |= term.bit
        return found

    def _spaced_literal_bits(self, text: str) -> int:
        """Literal terms with a space can span chunks: looked for in the whole text."""
        found = 0
        if self._spaced_literals:
            lowered = text.lower()
            for bit, literal in self._spaced_literals:
                if literal in lowered:
                    found |= bit
        return found

    @cached_property
    def _spaced_literals(self) -> tuple[tuple[int, str], ...]:
        return tuple((bit, literal) for bit, literal in self.literal_terms if " " in literal)

    def _chunk(self, text: str) -> _Chunk:
        chunk = self._chunks.get(text)
        if chunk is None:
            if len(self._chunks) >= MAX_REMEMBERED_CHUNKS:
                self._forget()
            chunk = self._chunks[text] = self._read_chunk(text)
            if not chunk.norms:
                self._idle.add(text)
        return chunk

    def _forget(self) -> None:
        """Start the chunk memory afresh: a scan of many varied drafts must not grow it without end."""
        self._chunks.clear()
        self._silent.clear()
        self._idle.clear()

    def _read_chunk(self, text: str) -> _Chunk:
        norms = self._norms_of(text)
        keyed = 0
        for norm in norms:
            for term in self.terms_by_key.get(norm, ()):
                keyed |= term.bit
        lowered = text.lower()
        literal = 0
        for bit, term in self.literal_terms:
            if " " not in term and term in lowered:
                literal |= bit
        known = self.known_texts.may_touch(text)
        if not (norms or literal or known):
            return _IDLE
        return _Chunk(norms, keyed, literal, known)

    def _norms_of(self, chunk: str) -> frozenset[str]:
        """The norms the matcher would give the tokens of the chunk's words, repaired ones included."""
        norms = set()
        for word in _WORD.findall(chunk):
            for token_text in self._token_texts(word):
                norms.add(norm_of(token_text))
                repaired = self.repairer.verdict(token_text)
                if repaired is not None:
                    norms.add(repaired[0])
        return frozenset(n for n in norms if n in self._term_words)

    @cached_property
    def _term_words(self) -> frozenset[str]:
        return frozenset(w for terms in self.terms_by_key.values() for term in terms for w in term.words)

    def _token_texts(self, word: str) -> list[str]:
        """The tokens spaCy makes of the word: itself, unless a special case or apostrophe splits it."""
        if word.isalpha() and word not in self.special_cases:
            return [word]
        return [t.text for t in self.nlp.make_doc(word)]
