"""Rules -> spaCy matchers, once per rulebook.

Every concept term and stance cue of the rulebook goes into one PhraseMatcher on NORM (the
lemma), keyed by its concept or cue name, so a passage is scanned once whatever the number of
rules. Only terms with a gap (`*`, up to three free words) or a number slot (`#`) need the
slower token Matcher.

In a term, `*` stands for up to three free words and `<n>` for a number ("Resolution <n>").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher

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


@dataclass(frozen=True)
class CompiledRulebook:
    rulebook: Rulebook
    nlp: Language
    phrases: PhraseMatcher
    tokens: Matcher
    fuzzy_vocabulary: frozenset[str]  # lemma words of concept terms that typo repair may restore

    @property
    def rules(self) -> tuple[Rule, ...]:
        return self.rulebook.enabled_rules


def compile_rulebook(rulebook: Rulebook, nlp: Language) -> CompiledRulebook:
    phrases = PhraseMatcher(nlp.vocab, attr="NORM")
    tokens = Matcher(nlp.vocab)
    vocabulary: set[str] = set()
    for concept in rulebook.concepts.values():
        _add_terms(nlp, phrases, tokens, CONCEPT_PREFIX + concept.name, concept.terms, vocabulary)
    for rule in rulebook.rules:
        for concept in rule.concepts.values():
            if "/" in concept.name:  # defined inside the rule file
                _add_terms(nlp, phrases, tokens, CONCEPT_PREFIX + concept.name, concept.terms, vocabulary)
    for cue in rulebook.cues:
        _add_terms(nlp, phrases, tokens, CUE_PREFIX + cue.name, cue.terms, None)
        if cue.unless:
            _add_terms(nlp, phrases, tokens, UNLESS_PREFIX + cue.name, cue.unless, None)
    return CompiledRulebook(rulebook, nlp, phrases, tokens, frozenset(vocabulary))


def _add_terms(
    nlp: Language,
    phrases: PhraseMatcher,
    tokens: Matcher,
    label: str,
    terms: tuple[str, ...],
    vocabulary: set[str] | None,
) -> None:
    plain = []
    for term in terms:
        exact = term.startswith(EXACT)
        words = _term_norms(nlp, term.lstrip(EXACT))
        if GAP in words or NUMBER in words:
            tokens.add(label, [_token_pattern(words)])
        else:
            plain.append(_norm_doc(nlp, words))
        if vocabulary is not None and not exact:
            vocabulary.update(w for w in words if w.isalpha() and len(w) >= 5)
    if plain:
        phrases.add(label, plain)


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


def _token_pattern(words: list[str]) -> list[dict[str, Any]]:
    pattern: list[dict[str, Any]] = []
    for word in words:
        if word == GAP:
            pattern.append({"OP": "{0,3}"})
        elif word == NUMBER:
            pattern.append({"LIKE_NUM": True})
        else:
            pattern.append({"NORM": word})
    return pattern
