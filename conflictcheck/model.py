"""The records every layer shares: where text came from, what a rule is, what a finding says.

Data flows one way (documents -> matching -> findings -> reports), and these records are the only
thing the layers pass to each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, IntEnum


class Severity(IntEnum):
    """How much a finding matters; ordered so that `>=` compares importance."""

    INFO = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            names = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {value!r} (expected one of: {names})") from None


class Part(str, Enum):
    """Where a passage stands in an ITU text; the part decides how binding the words are."""

    OPERATIVE = "operative"  # resolves, decides, instructs: commits ITU
    INVITATION = "invitation"  # invites, encourages, urges Member States: commits members, less
    PREAMBLE = "preamble"  # considering, recalling, noting: commits nobody
    REASONS = "reasons"  # the "Reasons:" paragraph of a proposal: states intent
    ANNEX = "annex"
    HEADING = "heading"
    OTHER = "other"

    @classmethod
    def parse(cls, value: str) -> Part:
        try:
            return cls(value.strip().lower())
        except ValueError:
            names = ", ".join(p.value for p in cls)
            raise ValueError(f"unknown part {value!r} (expected one of: {names})") from None


@dataclass(frozen=True)
class TextAnchor:
    """Maps passage characters [start, end) back to the XML text node they came from.

    `part` is the package part name (e.g. "/word/document.xml"), `node` the index of the text
    node (w:t, w:delText, ...) among that part's text nodes in document order, `node_offset` the
    offset of `start` inside that node's text. Annotated copies anchor comments through these.
    """

    start: int
    end: int
    part: str
    node: int
    node_offset: int = 0


@dataclass(frozen=True)
class Location:
    """Where a passage stands, as a negotiator would cite it."""

    file: str | None = None
    story: str = "body"  # body, table, footnote, endnote, textbox, header, footer, comment
    paragraph: int = 0  # index of the paragraph within its story, from 0
    part: Part = Part.OTHER
    intro: str | None = None  # the phrase that introduces the part: "recalling", "instructs ..."
    heading: str | None = None  # nearest heading, e.g. the resolution title
    item: str | None = None  # item number as Word shows it: "1", "a)"
    proposal: str | None = None  # proposal identifier, e.g. "EUR/44A2/1"
    action: str | None = None  # proposal action: ADD, MOD, SUP, NOC
    resolution: str | None = None  # e.g. "RESOLUTION 130 (REV. BUCHAREST, 2022)"
    line: int | None = None  # 1-based line for plain-text inputs

    def to_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "story": self.story,
            "paragraph": self.paragraph,
            "part": self.part.value,
            "intro": self.intro,
            "heading": self.heading,
            "item": self.item,
            "proposal": self.proposal,
            "action": self.action,
            "resolution": self.resolution,
            "line": self.line,
        }


@dataclass(frozen=True)
class Passage:
    """A unit of text the checker judges alone: a paragraph, a table cell, a footnote.

    `deleted` marks text proposed for deletion (tracked deletions, struck-through runs): it no
    longer asserts anything, so rules treat it as its own scope. `inserted` marks text that is
    wholly a tracked or underlined insertion.
    """

    text: str
    location: Location = field(default_factory=Location)
    deleted: bool = False
    inserted: bool = False
    anchors: tuple[TextAnchor, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "deleted": self.deleted,
            "inserted": self.inserted,
            "location": self.location.to_dict(),
        }


@dataclass(frozen=True)
class LineToTake:
    """One numbered paragraph of the party's lines to take, quoted."""

    paragraph: int
    text: str


@dataclass(frozen=True)
class TermHit:
    """One concept term found in the text (maybe through a fuzzy repair)."""

    concept: str
    term: str
    text: str
    start: int
    end: int
    fuzzy_score: float | None = None  # set when the text matched only after a typo repair


@dataclass(frozen=True)
class CueHit:
    """A stance cue or exception that changed the verdict."""

    kind: str  # negation, attribution, recall, exception, deletion
    name: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Explanation:
    """Why a finding was raised, or why it was downgraded."""

    pattern: str
    part: Part
    terms: tuple[TermHit, ...] = ()
    cues: tuple[CueHit, ...] = ()
    known_text: str | None = None
    known_text_score: float | None = None
    lines_to_take: tuple[LineToTake, ...] = ()

    def summary(self) -> str:
        """One sentence a negotiator can read without the rule file."""
        bits = []
        if self.known_text:
            bits.append(f"near-verbatim ({self.known_text_score:.0f}%) to a known formulation")
        if self.terms:
            found = "; ".join(_describe_term(t) for t in self.terms)
            bits.append(f"matched {found}")
        bits.append(f"in the {self.part.value} part")
        text = f"Pattern '{self.pattern}': " + ", ".join(bits)
        for cue in self.cues:
            text += f"; {cue.kind} cue '{cue.text}' ({cue.name})"
        refs = ", ".join(f"§{line.paragraph}" for line in self.lines_to_take)
        if refs:
            text += f"; lines to take {refs}"
        return text + "."

    def to_dict(self) -> dict[str, object]:
        return {
            "summary": self.summary(),
            "pattern": self.pattern,
            "part": self.part.value,
            "terms": [
                {
                    "concept": t.concept,
                    "term": t.term,
                    "text": t.text,
                    "start": t.start,
                    "end": t.end,
                    "fuzzy_score": t.fuzzy_score,
                }
                for t in self.terms
            ],
            "cues": [
                {"kind": c.kind, "name": c.name, "text": c.text, "start": c.start, "end": c.end} for c in self.cues
            ],
            "known_text": self.known_text,
            "known_text_score": self.known_text_score,
            "lines_to_take": [{"paragraph": x.paragraph, "text": x.text} for x in self.lines_to_take],
        }


def _describe_term(hit: TermHit) -> str:
    if hit.fuzzy_score is not None:
        return f"{hit.concept} '{hit.text}' (read as '{hit.term}', {hit.fuzzy_score:.0f}%)"
    return f"{hit.concept} '{hit.text}'"


@dataclass(frozen=True)
class Finding:
    """A passage that touches a red line, with the verdict and its reasons.

    `start`/`end` index the passage text; severity `info` marks related text that does not
    conflict (negated, recalled, attributed, excepted): shown only when asked for.
    """

    rule_id: str
    title: str
    severity: Severity
    confidence: float
    start: int
    end: int
    text: str
    explanation: Explanation
    suggestion: str
    passage: Passage

    @property
    def location(self) -> Location:
        return self.passage.location

    @property
    def is_conflict(self) -> bool:
        return self.severity > Severity.INFO

    def to_dict(self) -> dict[str, object]:
        return {
            "rule_id": self.rule_id,
            "title": self.title,
            "severity": self.severity.label,
            "confidence": round(self.confidence, 3),
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "passage": self.passage.text,
            "deleted": self.passage.deleted,
            "location": self.location.to_dict(),
            "explanation": self.explanation.to_dict(),
            "suggestion": self.suggestion,
        }


# --- Rules -------------------------------------------------------------------------------------
# A rule is data read from one YAML file (see rules/README.md); the matcher compiles it once.

DELETED_SCOPE = "deleted"  # severity key for text proposed for deletion


@dataclass(frozen=True)
class Concept:
    """A named list of terms (multi-word phrases, abbreviations); matched through lemmas.

    A term may hold `*` for up to three free words ("legal * framework") and `~` at its start
    to say the term is exact-only and never repaired by fuzzy matching ("~IGF").
    """

    name: str
    terms: tuple[str, ...]
    description: str = ""
    source: str = ""  # the file that defined it


@dataclass(frozen=True)
class Pattern:
    """A combination of concepts that together state the conflict.

    Every concept in `all_of` must occur within `within` (sentence or clause) and, when
    `distance` is set, the whole match spans at most that many tokens.
    """

    name: str
    all_of: tuple[str, ...]
    within: str = "sentence"  # sentence | clause
    distance: int | None = None
    confidence: float = 0.8
    stance: tuple[str, ...] | None = None  # cue kinds for this pattern; None: the rule's


@dataclass(frozen=True)
class Exception_:
    """A context that makes a hit harmless (capacity building, awareness raising, own operations)."""

    name: str
    any_of: tuple[str, ...]  # concept names
    within: str = "clause"  # clause | sentence | passage
    unless_any_of: tuple[str, ...] = ()  # concepts that void the excuse ("in an advisory capacity")


@dataclass(frozen=True)
class KnownText:
    """A formulation seen in past proposals, matched near-verbatim."""

    text: str
    source: str = ""
    min_score: float = 90.0


@dataclass(frozen=True)
class Example:
    """A passage the rule must flag (`conflict`) or must leave alone (`ok`)."""

    text: str
    expect: str  # conflict | ok
    part: Part = Part.OTHER
    deleted: bool = False
    why: str = ""


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    lines_to_take: tuple[LineToTake, ...]
    rationale: str
    suggestion: str
    severity: dict[str, Severity]  # Part value or DELETED_SCOPE -> severity
    patterns: tuple[Pattern, ...]
    concepts: dict[str, Concept]  # every concept the rule's patterns and exceptions use
    exceptions: tuple[Exception_, ...] = ()
    known_texts: tuple[KnownText, ...] = ()
    stance: tuple[str, ...] = ("negation", "attribution", "recall")  # cue kinds that apply
    deletion_patterns: tuple[Pattern, ...] = ()  # deleting this protective text is a conflict
    examples: tuple[Example, ...] = ()
    enabled: bool = True
    source: str = ""  # the rule file

    def severity_for(self, part: Part, *, deleted: bool = False) -> Severity:
        if deleted:
            return self.severity.get(DELETED_SCOPE, Severity.INFO)
        return self.severity.get(part.value, self.severity.get(Part.OTHER.value, Severity.MEDIUM))

    @property
    def default_severity(self) -> Severity:
        return self.severity.get(Part.OPERATIVE.value, Severity.HIGH)


@dataclass(frozen=True)
class CueSet:
    """Stance cues of one kind, shared by all rules (rules/cues/*.yaml).

    `position` says where the cue stands relative to the match (before it, or after it),
    `scope` how far it reaches (clause or sentence); `unless` lists phrases that look like
    a cue but are not one ("not only", "not later than").
    """

    name: str
    kind: str  # negation, attribution, recall
    position: str  # before | after
    scope: str  # clause | sentence
    terms: tuple[str, ...]
    unless: tuple[str, ...] = ()
    max_gap: int = 25  # tokens between the cue and the match
    source: str = ""
