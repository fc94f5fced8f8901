"""One passage, read once: tokens, sentences, clauses, and every concept and cue found in it.

Rules then only look things up here, so adding a rule costs a few set look-ups per passage,
not another pass over the text.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc

from conflictcheck.documents.normalize import NormalizedText
from conflictcheck.matching.compile import (
    CONCEPT_PREFIX,
    CUE_PREFIX,
    UNLESS_PREFIX,
    CompiledRulebook,
)
from conflictcheck.matching.fuzzy import Repair

# Words that open a new clause inside a sentence: a cue before them does not reach past them.
_CLAUSE_OPENERS = frozenset({"but", "whereas", "however", "although", "though", "yet"})
_CLAUSE_PUNCT = frozenset({";", ":"})
_COORDINATORS = frozenset({"and", "but", "while", "whereas"})


# The concept whose terms are proper names of instruments and bodies: the words inside them
# do not count as hits of other concepts, unless the other concept names the whole of it.
PROPER_NAMES = "proper-names"


@dataclass(frozen=True)
class Hit:
    """A concept term or cue found at tokens [start, end)."""

    label: str
    start: int
    end: int


@dataclass
class Analysis:
    doc: Doc
    text: NormalizedText
    repairs: dict[int, Repair]
    sentence: list[int]
    clause: list[int]
    concepts: dict[str, list[Hit]] = field(default_factory=dict)
    cues: dict[str, list[Hit]] = field(default_factory=dict)

    def unit(self, token: int, scope: str) -> int:
        if scope == "passage":
            return 0
        return self.clause[token] if scope == "clause" else self.sentence[token]

    def source_span(self, start_token: int, end_token: int) -> tuple[int, int]:
        span = self.doc[start_token:end_token]
        return self.text.source_span(span.start_char, span.end_char)


def analyse(doc: Doc, text: NormalizedText, repairs: list[Repair], compiled: CompiledRulebook) -> Analysis:
    sentence, clause = _units(doc)
    analysis = Analysis(doc, text, {r.token: r for r in repairs}, sentence, clause)
    hits: dict[str, list[Hit]] = defaultdict(list)
    for match_id, start, end in list(compiled.phrases(doc)) + list(compiled.tokens(doc)):
        label = doc.vocab.strings[match_id]
        hits[label].append(Hit(label, start, end))
    unless = {k[len(UNLESS_PREFIX) :]: v for k, v in hits.items() if k.startswith(UNLESS_PREFIX)}
    names = hits.get(CONCEPT_PREFIX + PROPER_NAMES, [])
    for label, found in hits.items():
        if label.startswith(CONCEPT_PREFIX):
            kept = [h for h in found if not _strictly_inside_any(h, names)]
            if kept:
                analysis.concepts[label[len(CONCEPT_PREFIX) :]] = _longest_first(kept)
        elif label.startswith(CUE_PREFIX):
            name = label[len(CUE_PREFIX) :]
            kept = [h for h in found if not _inside_any(h, unless.get(name, []))]
            if kept:
                analysis.cues[name] = kept
    return analysis


def _units(doc: Doc) -> tuple[list[int], list[int]]:
    sentence: list[int] = []
    clause: list[int] = []
    sent_id = clause_id = -1
    for token in doc:
        if token.is_sent_start or token.i == 0:
            sent_id += 1
            clause_id += 1
        elif _opens_clause(doc, token.i):
            clause_id += 1
        sentence.append(sent_id)
        clause.append(clause_id)
    return sentence, clause


def _opens_clause(doc: Doc, i: int) -> bool:
    token = doc[i]
    previous = doc[i - 1]
    if previous.text in _CLAUSE_PUNCT:
        return True
    if token.lower_ in _CLAUSE_OPENERS:
        return True
    return token.text == "," and i + 1 < len(doc) and doc[i + 1].lower_ in _COORDINATORS


def _longest_first(hits: list[Hit]) -> list[Hit]:
    return sorted(set(hits), key=lambda h: (h.start, -(h.end - h.start)))


def _strictly_inside_any(hit: Hit, spans: list[Hit]) -> bool:
    """A word inside a proper name ("Regulations" in "Radio Regulations") is not used in its own sense."""
    return any(s.start <= hit.start and hit.end <= s.end and (s.start, s.end) != (hit.start, hit.end) for s in spans)


def _inside_any(hit: Hit, spans: list[Hit]) -> bool:
    return any(s.start <= hit.start and hit.end <= s.end for s in spans)
