"""Rules -> spaCy matchers, once per rulebook.

Every concept term and stance cue of the rulebook goes into one PhraseMatcher on NORM (the
lemma), keyed by its concept or cue name, so a passage is scanned once whatever the number of
rules.

In a term, `*` stands for up to three free words and `<n>` for a number ("Resolution <n>").
Such a term is a composite: its literal pieces go into the same PhraseMatcher, and the hits of
the pieces are chained afterwards (see `chain`). spaCy's token Matcher would do the same work
on every token of every passage, several times slower.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from conflictcheck.matching.pipeline import lemma_norm
from conflictcheck.matching.text import matching_text
from conflictcheck.model import Rule
from conflictcheck.rulebook import Rulebook

GAP = "*"
NUMBER = "<n>"
_NUMBER_SLOT = "numberslot"  # survives tokenisation as one word
EXACT = "~"
CONCEPT_PREFIX = "c:"
CUE_PREFIX = "cue:"
UNLESS_PREFIX = "unless:"
PIECE_PREFIX = "piece:"
MAX_GAP = 3


@dataclass(frozen=True)
class Composite:
    """A term with gaps or number slots: literal pieces (PhraseMatcher labels) and slots between."""

    label: str
    pieces: tuple[str, ...]  # piece labels, GAP or NUMBER; the first is always a piece label


@dataclass(frozen=True)
class CompiledRulebook:
    rulebook: Rulebook
    nlp: Language
    phrases: PhraseMatcher
    composites_by_first_piece: dict[str, tuple[Composite, ...]]
    fuzzy_vocabulary: frozenset[str]  # lemma words of concept terms that typo repair may restore
    concept_terms: dict[str, tuple[tuple[str, ...], ...]]  # concept name -> each term's norms (with slots)

    @property
    def rules(self) -> tuple[Rule, ...]:
        return self.rulebook.enabled_rules


def compile_rulebook(rulebook: Rulebook, nlp: Language) -> CompiledRulebook:
    phrases = PhraseMatcher(nlp.vocab, attr="NORM")
    tokens: list[Composite] = []
    vocabulary: set[str] = set()
    concept_terms: dict[str, tuple[tuple[str, ...], ...]] = {}
    local = [c for rule in rulebook.rules for c in rule.concepts.values() if "/" in c.name]  # defined in a rule file
    for concept in [*rulebook.concepts.values(), *local]:
        words = _add_terms(nlp, phrases, tokens, CONCEPT_PREFIX + concept.name, concept.terms, vocabulary)
        concept_terms[concept.name] = tuple(words)
    for cue in rulebook.cues:
        _add_terms(nlp, phrases, tokens, CUE_PREFIX + cue.name, cue.terms, None)
        if cue.unless:
            _add_terms(nlp, phrases, tokens, UNLESS_PREFIX + cue.name, cue.unless, None)
    by_first: dict[str, list[Composite]] = {}
    for composite in tokens:
        by_first.setdefault(composite.pieces[0], []).append(composite)
    firsts = {piece: tuple(found) for piece, found in by_first.items()}
    return CompiledRulebook(rulebook, nlp, phrases, firsts, frozenset(vocabulary), concept_terms)


def _add_terms(
    nlp: Language,
    phrases: PhraseMatcher,
    tokens: list[Composite],
    label: str,
    terms: tuple[str, ...],
    vocabulary: set[str] | None,
) -> list[tuple[str, ...]]:
    """Add the terms under `label`; returns each term's norms."""
    plain = []
    norms = []
    for term in terms:
        exact = term.startswith(EXACT)
        words = _term_norms(nlp, term.lstrip(EXACT))
        norms.append(tuple(words))
        if GAP in words or NUMBER in words:
            tokens.append(_composite(nlp, phrases, label, words))
        else:
            plain.append(_norm_doc(nlp, words))
        if vocabulary is not None and not exact:
            vocabulary.update(w for w in words if w.isalpha() and len(w) >= 5)
    if plain:
        phrases.add(label, plain)
    return norms


def _term_norms(nlp: Language, term: str) -> list[str]:
    text = " ".join(matching_text(term.replace(NUMBER, f" {_NUMBER_SLOT} ")).text.split())
    doc = lemma_norm(nlp.make_doc(text))
    return [NUMBER if t.lower_ == _NUMBER_SLOT else t.text if t.text == GAP else t.norm_ for t in doc]


def _norm_doc(nlp: Language, norms: list[str]) -> Any:
    """A Doc whose tokens carry the given NORMs, for PhraseMatcher patterns on NORM."""
    from spacy.tokens import Doc

    doc = Doc(nlp.vocab, words=norms)
    for token in doc:
        token.norm_ = token.text
    return doc


def _composite(nlp: Language, phrases: PhraseMatcher, label: str, words: list[str]) -> Composite:
    pieces: list[str] = []
    literal: list[str] = []
    for word in [*words, None]:
        if word in (GAP, NUMBER, None):
            if literal:
                piece = PIECE_PREFIX + " ".join(literal)
                phrases.add(piece, [_norm_doc(nlp, literal)])
                pieces.append(piece)
                literal = []
            if word is not None:
                pieces.append(word)
        else:
            literal.append(word)
    if not pieces or pieces[0] in (GAP, NUMBER):
        raise ValueError(f"term for {label} must start with a word: {' '.join(words)}")
    return Composite(label, tuple(pieces))


def chain(composite: Composite, pieces: dict[str, list[tuple[int, int]]], doc: Doc) -> list[tuple[int, int]]:
    """Token spans where the composite's pieces follow each other as its slots allow."""
    spans = list(pieces.get(composite.pieces[0], ()))
    gap = 0
    for piece in composite.pieces[1:]:
        if not spans:
            break
        if piece == GAP:
            gap = MAX_GAP
        elif piece == NUMBER:
            spans = [(s, e + 1) for s, e in spans if e < len(doc) and doc[e].like_num]
        else:
            follow = pieces.get(piece, ())
            spans = [(s, e2) for s, e in spans for s2, e2 in follow if e <= s2 <= e + gap]
            gap = 0
    return spans
