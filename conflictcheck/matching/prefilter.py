"""Which passages could open a rule at all, read from their plain words before spaCy runs.

A rule is judged only when every concept of one of its patterns occurs in the passage, or when a
known text may be there. Most passages of a draft mention nothing the rulebook looks for (in the
benchmark corpus about 19 in 20 open no rule), so tokenising them is wasted work.

Each concept term is filed under a key, its longest telling word as a lemma norm (a telling word
is any but the few that nearly every passage holds: "the", "of", "its"; so "IP" in "New IP"
and "CWG" in "CWG-Internet" count). The passage's words are given the same norms (and typo
repairs) as the matcher would give its tokens, once per distinct chunk of text for the whole run.
A passage passes when the concepts it may hold complete one pattern: first judged by keys alone,
then by every telling word of a term. Both tests are one-sided: they may let through a passage
no rule then matches, never the reverse (tests/matching/test_prefilter.py compares findings with
and without the prefilter).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from conflictcheck.documents.normalize import swap_marks
from conflictcheck.matching.fuzzy import KnownTextScreen, TypoRepairer
from conflictcheck.matching.lemmas import norm_of
from conflictcheck.matching.text import matching_text

if TYPE_CHECKING:
    from spacy.language import Language

# Runs of letters, with apostrophes kept ("don't", "ITU's", "'re") so the tokenizer can split them.
_WORD = re.compile(r"['\u2019]?[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
# Words nearly every passage holds: a term's other words tell far more about it, and a passage's
# norms are gathered only for words some term needs, so these would make every chunk count.
_EVERYWHERE = frozenset(
    "a an and are as at be by for from in is it its of on or that the this to was were with".split()  # noqa: SIM905
)
# Distinct chunks remembered at most (about 250 bytes each); a draft brings a few hundred new ones.
MAX_REMEMBERED_CHUNKS = 200_000
# Whole passages whose verdict is remembered: drafts repeat their formulas ("resolves", the
# conference's opening line, "within the financial plan of the Union") and a draft's revisions
# repeat nearly all of its text. Only short passages (long ones seldom recur), at most this many.
MAX_REMEMBERED_PASSAGES = 30_000
MAX_REMEMBERED_PASSAGE_LENGTH = 300


@dataclass(frozen=True)
class _Term:
    """What a passage must hold for one concept term to be possible."""

    bit: int  # the concept's
    words: frozenset[str]  # the norms of its telling words


@dataclass(frozen=True)
class _Chunk:
    """What one chunk of text (between spaces) brings: term-word norms, the concepts it keys."""

    norms: frozenset[str]
    key_bits: int
    literal_bits: int = 0  # concepts of terms without a plain word, found in the chunk as they are written
    known: bool = False  # holds a word that a passage holding a known text must hold
    unsure: bool = False  # holds a word whose tokens cannot be told without the tokenizer: let through

    @property
    def signals(self) -> bool:
        return bool(self.key_bits or self.literal_bits or self.known or self.unsure)


_IDLE = _Chunk(frozenset(), 0)


@dataclass
class Prefilter:
    """Concepts a passage may hold, from its words; it passes when one pattern may be whole.

    Two stages, both one-sided: keys alone (a set difference and a few look-ups per passage) turn
    most passages away; the few left must also hold every telling word of some term of each concept.
    """

    repairer: TypoRepairer
    terms_by_key: dict[str, tuple[_Term, ...]]  # a term is filed under its longest word
    literal_terms: tuple[tuple[int, str], ...]  # (bit, lower-case text) of terms without a plain word
    pattern_masks: tuple[int, ...]
    known_texts: KnownTextScreen
    special_cases: dict[str, tuple[str, ...]]  # the tokenizer's exceptions ("cannot" -> "can", "not")
    # Where spaCy is loaded, its tokenizer splits words with an apostrophe exactly; a copy sent to a
    # process without spaCy has none and lets such words through (about 1 passage in 100).
    nlp: Language | None = None
    _chunks: dict[str, _Chunk] = field(default_factory=dict)
    _silent: set[str] = field(default_factory=set)  # chunks that key no concept, hold no literal, no known word
    _idle: set[str] = field(default_factory=set)  # chunks that hold no term word at all
    _opening: dict[int, bool] = field(default_factory=dict)  # concept bits -> does a pattern open
    _verdicts: dict[str, bool] = field(default_factory=dict)  # short passage text -> admitted

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
        """Built where spaCy is loaded; the result is plain data that reading workers use without it."""
        from spacy.attrs import ORTH

        from conflictcheck.matching.compile import GAP, NUMBER

        by_key: dict[str, list[_Term]] = {}
        literal: list[tuple[int, str]] = []
        for name, bit in concept_bits.items():
            for norms in concept_terms.get(name, ()):
                words = [n for n in norms if n not in (GAP, NUMBER)]
                plain = sorted(w for w in words if w.isalpha())
                if plain:
                    telling = [w for w in plain if w not in _EVERYWHERE] or plain
                    key = max(telling, key=len)
                    needed = frozenset(telling)
                    by_key.setdefault(key, []).append(_Term(bit, needed))
                else:
                    literal.append((bit, " ".join(words)))
        return cls(
            repairer,
            {key: tuple(terms) for key, terms in by_key.items()},
            tuple(literal),
            tuple(sorted(set(pattern_masks))),
            KnownTextScreen(tuple(known_texts)),
            {text: tuple(token[ORTH] for token in tokens) for text, tokens in (nlp.tokenizer.rules or {}).items()},
            nlp,
        )

    def __getstate__(self) -> dict[str, object]:
        """What a copy for another process needs: the terms, neither spaCy nor what this one remembers."""
        state = dict(self.__dict__, nlp=None, _chunks={}, _silent=set(), _idle=set(), _opening={}, _verdicts={})
        state.pop("_term_words", None)
        state.pop("_spaced_literals", None)
        return state

    def admits(self, passage_text: str) -> bool:
        """False only when no rule could match the passage (its text as read)."""
        verdict = self._verdicts.get(passage_text)
        if verdict is None:
            verdict = self._judge(passage_text)
            if len(passage_text) <= MAX_REMEMBERED_PASSAGE_LENGTH:
                if len(self._verdicts) >= MAX_REMEMBERED_PASSAGES:
                    self._verdicts.clear()
                self._verdicts[passage_text] = verdict
        return verdict

    def _judge(self, passage_text: str) -> bool:
        # Hyphens need not be opened here: the words are runs of letters either way.
        text = swap_marks(passage_text)
        if text is None:
            text = matching_text(passage_text).text
        chunks = set(text.split())
        keyed, literal, known, unsure = self._signals(chunks)
        if unsure or (known and self.known_texts.may_hold_any(text)):
            return True
        literal |= self._spaced_literal_bits(text)
        return self._opens(keyed | literal) and self._opens(self._concepts(chunks) | literal)

    def _opens(self, found: int) -> bool:
        # Few combinations of concepts occur in practice: each is judged once.
        opens = self._opening.get(found)
        if opens is None:
            opens = self._opening[found] = any(needed & found == needed for needed in self.pattern_masks)
        return opens

    def _signals(self, chunks: set[str]) -> tuple[int, int, bool, bool]:
        """Concepts one of whose term keys the passage holds; concepts found literally; a known text's
        word; a word the prefilter cannot split."""
        keyed = literal = 0
        known = unsure = False
        # Most chunks ("the", "Council,") say nothing: one set difference drops them, in C.
        for text in chunks - self._silent:
            chunk = self._chunk(text)
            if not chunk.signals:
                self._silent.add(text)
                continue
            keyed |= chunk.key_bits
            literal |= chunk.literal_bits
            known = known or chunk.known
            unsure = unsure or chunk.unsure
        return keyed, literal, known, unsure

    def _concepts(self, chunks: set[str]) -> int:
        """Concepts one of whose terms has all its telling words in the passage."""
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
        if norms is None:
            return _Chunk(frozenset(), 0, unsure=True)
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

    def _norms_of(self, chunk: str) -> frozenset[str] | None:
        """The norms the matcher would give the tokens of the chunk's words, repaired ones included;
        None when a word's tokens cannot be told."""
        norms = set()
        for word in _WORD.findall(chunk):
            tokens = self._token_texts(word)
            if tokens is None:
                return None
            for token_text in tokens:
                norms.add(norm_of(token_text))
                repaired = self.repairer.verdict(token_text)
                if repaired is not None:
                    norms.add(repaired[0])
        return frozenset(n for n in norms if n in self._term_words)

    @cached_property
    def _term_words(self) -> frozenset[str]:
        return frozenset(w for terms in self.terms_by_key.values() for term in terms for w in term.words)

    def _token_texts(self, word: str) -> tuple[str, ...] | None:
        """The tokens spaCy makes of the word. Without the tokenizer, a special case may give its own
        tokens or the word whole (when an infix split it off); other words with an apostrophe ("ITU's")
        cannot be told: None."""
        special = self.special_cases.get(word)
        if special is None and word.isalpha():
            return (word,)
        if self.nlp is not None:
            return tuple(token.text for token in self.nlp.make_doc(word))
        if special is not None:
            return (word, *special)
        return None
