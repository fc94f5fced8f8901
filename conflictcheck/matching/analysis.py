"""One passage, read once: tokens, sentences, clauses, and every concept and cue found in it.

Rules then only look things up here, so adding a rule costs a few set look-ups per passage,
not another pass over the text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.attrs import LOWER, ORTH, SENT_START
from spacy.tokens import Doc

from conflictcheck.documents.normalize import NormalizedText
from conflictcheck.matching.compile import (
    CONCEPT_PREFIX,
    CUE_PREFIX,
    PIECE_PREFIX,
    UNLESS_PREFIX,
    CompiledRulebook,
    chain,
)
from conflictcheck.matching.fuzzy import Repair
from conflictcheck.matching.pipeline import sentence_starts

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
    """Hits are found for every passage; sentence and clause numbers only when a rule asks."""

    doc: Doc
    text: NormalizedText
    repairs: dict[int, Repair]
    concepts: dict[str, list[Hit]] = field(default_factory=dict)
    cues: dict[str, list[Hit]] = field(default_factory=dict)
    _words: frozenset[int] | None = None
    _units: tuple[list[int], list[int]] | None = None

    @property
    def sentence(self) -> list[int]:
        return self._numbered()[0]

    @property
    def clause(self) -> list[int]:
        return self._numbered()[1]

    def _numbered(self) -> tuple[list[int], list[int]]:
        if self._units is None:
            self._units = _units(self.doc)
        return self._units

    @property
    def words(self) -> frozenset[int]:
        """The ids of the passage's lower-cased words, for cheap prefilters."""
        if self._words is None:
            self._words = frozenset(self.doc.to_array(LOWER).tolist())
        return self._words

    def unit(self, token: int, scope: str) -> int:
        if scope == "passage":
            return 0
        return self.clause[token] if scope == "clause" else self.sentence[token]

    def source_span(self, start_token: int, end_token: int) -> tuple[int, int]:
        span = self.doc[start_token:end_token]
        return self.text.source_span(span.start_char, span.end_char)


def analyse(doc: Doc, text: NormalizedText, repairs: list[Repair], compiled: CompiledRulebook) -> Analysis:
    analysis = Analysis(doc, text, {r.token: r for r in repairs})
    hits: dict[str, list[Hit]] = defaultdict(list)
    pieces: dict[str, list[tuple[int, int]]] = defaultdict(list)
    strings = doc.vocab.strings
    for match_id, start, end in compiled.phrases(doc):
        label = strings[match_id]
        if label.startswith(PIECE_PREFIX):
            pieces[label].append((start, end))
        else:
            hits[label].append(Hit(label, start, end))
    for first in pieces:
        for composite in compiled.composites_by_first_piece.get(first, ()):
            for start, end in chain(composite, pieces, doc):
                hits[composite.label].append(Hit(composite.label, start, end))
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
    """Sentence and clause number of every token, from token ids (no Token objects)."""
    ids = _unit_ids(doc)
    if not doc.has_annotation("SENT_START"):
        sentence_starts(doc)
    rows = doc.to_array([ORTH, LOWER, SENT_START]).tolist()
    sentence: list[int] = []
    clause: list[int] = []
    sent_id = clause_id = -1
    previous_orth = None
    for i, (orth, lower, start) in enumerate(rows):
        if start == 1 or i == 0:
            sent_id += 1
            clause_id += 1
        elif (
            previous_orth in ids.punct
            or lower in ids.openers
            or (orth == ids.comma and i + 1 < len(rows) and rows[i + 1][1] in ids.coordinators)
        ):
            clause_id += 1
        sentence.append(sent_id)
        clause.append(clause_id)
        previous_orth = orth
    return sentence, clause


@dataclass(frozen=True)
class _UnitIds:
    punct: frozenset[int]
    openers: frozenset[int]
    coordinators: frozenset[int]
    comma: int


def _unit_ids(doc: Doc) -> _UnitIds:
    if _UNIT_IDS:
        return _UNIT_IDS[0]
    add = doc.vocab.strings.add  # string ids are hashes: the same in every vocabulary
    _UNIT_IDS.append(_build_unit_ids(add))
    return _UNIT_IDS[0]


_UNIT_IDS: list[_UnitIds] = []


def _build_unit_ids(add: Callable[[str], int]) -> _UnitIds:
    return _UnitIds(
        frozenset(add(p) for p in _CLAUSE_PUNCT),
        frozenset(add(w) for w in _CLAUSE_OPENERS),
        frozenset(add(w) for w in _COORDINATORS),
        add(","),
    )


def _longest_first(hits: list[Hit]) -> list[Hit]:
    return sorted(set(hits), key=lambda h: (h.start, -(h.end - h.start)))


def _strictly_inside_any(hit: Hit, spans: list[Hit]) -> bool:
    """A word inside a proper name ("Regulations" in "Radio Regulations") is not used in its own sense."""
    return any(s.start <= hit.start and hit.end <= s.end and (s.start, s.end) != (hit.start, hit.end) for s in spans)


def _inside_any(hit: Hit, spans: list[Hit]) -> bool:
    return any(s.start <= hit.start and hit.end <= s.end for s in spans)
