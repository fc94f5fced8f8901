"""Passages + rules in, findings out.

For each passage: ask the prefilter whether any rule could match its words (most passages stop
here); then normalise, tokenise (one spaCy Doc per passage, through nlp.pipe), repair typos, find
every concept and cue once; then for each rule, satisfy its patterns within a sentence or clause,
weigh stance cues and exceptions, and grade by the passage's part.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from conflictcheck.matching.analysis import Analysis, Hit, analyse
from conflictcheck.matching.compile import CompiledRulebook, compile_rulebook
from conflictcheck.matching.fuzzy import TypoRepairer, find_known_text, may_hold
from conflictcheck.matching.pipeline import get_pipeline
from conflictcheck.matching.prefilter import Prefilter
from conflictcheck.matching.stance import Match, stance_cues
from conflictcheck.matching.text import matching_text
from conflictcheck.model import (
    CueHit,
    Explanation,
    Finding,
    Passage,
    Pattern,
    Rule,
    Severity,
    TermHit,
)
from conflictcheck.rulebook import Rulebook

MAX_COMBINATIONS = 64  # hit combinations tried per pattern and unit; bounds pathological passages
FUZZY_PENALTY = 0.85


@dataclass(frozen=True)
class _RuleGate:
    """What a rule needs before it is worth judging: one pattern's concepts, or a known text's words.

    Concepts are bits, so the test costs a few integer operations per rule and passage.
    """

    rule: Rule
    concept_masks: tuple[int, ...]
    known_texts: tuple[str, ...]  # in matching form

    def opens(self, found: int, text: str) -> bool:
        for needed in self.concept_masks:
            if needed & found == needed:
                return True
        return any(may_hold(known, text) for known in self.known_texts)


@dataclass
class Checker:
    """A rulebook compiled for one pipeline; build once, use for many passages."""

    compiled: CompiledRulebook
    repairer: TypoRepairer
    gates: tuple[_RuleGate, ...]
    concept_bits: dict[str, int]
    prefilter: Prefilter

    @classmethod
    def build(cls, rulebook: Rulebook, model: str | None = None) -> Checker:
        compiled = compile_rulebook(rulebook, get_pipeline(model))
        names = sorted({c.name for rule in compiled.rules for c in rule.concepts.values()})
        bits = {name: 1 << i for i, name in enumerate(names)}
        gates = tuple(_gate(rule, bits) for rule in compiled.rules)
        repairer = TypoRepairer(compiled.fuzzy_vocabulary)
        prefilter = Prefilter.build(
            compiled.nlp,
            repairer,
            compiled.concept_terms,
            bits,
            (mask for gate in gates for mask in gate.concept_masks),
            (known for gate in gates for known in gate.known_texts),
        )
        return cls(compiled, repairer, gates, bits, prefilter)

    def check(self, passages: Iterable[Passage], batch_size: int = 256) -> Iterator[Finding]:
        """Findings in passage order; only passages the prefilter admits are tokenised."""
        admits = self.prefilter.admits
        return self.check_admitted((p for p in passages if admits(p.text)), batch_size)

    def check_admitted(self, passages: Iterable[Passage], batch_size: int = 256) -> Iterator[Finding]:
        """Findings in passage order, of passages this checker's prefilter has admitted already
        (as `read_kept` with `prefilter.admits` keeps them)."""
        admitted = [(passage, matching_text(passage.text)) for passage in passages]
        docs = self.compiled.nlp.pipe((text.text for _, text in admitted), batch_size=batch_size)
        for (passage, text), doc in zip(admitted, docs, strict=True):
            repairs = self.repairer.repair(doc)
            analysis = analyse(doc, text, repairs, self.compiled)
            found = 0
            for name in analysis.concepts:
                found |= self.concept_bits.get(name, 0)
            for gate in self.gates:
                if gate.opens(found, text.text):
                    yield from _judge_rule(gate.rule, passage, analysis, self.compiled)


def _gate(rule: Rule, bits: dict[str, int]) -> _RuleGate:
    patterns = rule.patterns + rule.deletion_patterns
    return _RuleGate(
        rule,
        tuple(sum(bits[name] for name in {rule.concepts[n].name for n in p.all_of}) for p in patterns),
        tuple(_matching_form(k.text) for k in rule.known_texts),
    )


def _judge_rule(rule: Rule, passage: Passage, analysis: Analysis, compiled: CompiledRulebook) -> list[Finding]:
    part = passage.location.part
    if passage.deleted:
        return _judge_deletion(rule, passage, analysis)
    conflicts: dict[int, Finding] = {}  # sentence -> its most confident conflict
    harmless: list[Finding] = []
    for match in _matches(rule, rule.patterns, analysis) + _known_text_matches(rule, analysis):
        cues = stance_cues(analysis, match, rule, compiled.rulebook.cues) + _exceptions(rule, analysis, match)
        severity = Severity.INFO if cues else rule.severity_for(part)
        finding = _finding(rule, passage, analysis, match, severity, cues)
        if not finding.is_conflict:
            harmless.append(finding)
            continue
        # One comment per claim, not per pattern: keep the best conflict of each sentence.
        sentence = analysis.sentence[match.start]
        if sentence not in conflicts or finding.confidence > conflicts[sentence].confidence:
            conflicts[sentence] = finding
    if conflicts:
        return sorted(conflicts.values(), key=lambda f: f.start)
    return harmless[:1]


def _judge_deletion(rule: Rule, passage: Passage, analysis: Analysis) -> list[Finding]:
    """Text proposed for deletion asserts nothing; deleting protective language may conflict."""
    part = passage.location.part
    findings = []
    for match in _matches(rule, rule.deletion_patterns, analysis):
        cue = CueHit("deletion", "protective text deleted", passage.text, 0, len(passage.text))
        findings.append(_finding(rule, passage, analysis, match, rule.severity_for(part), [cue]))
    if findings:
        return findings[:1]
    for match in _matches(rule, rule.patterns, analysis):
        cue = CueHit("deletion", "proposed for deletion", passage.text, 0, len(passage.text))
        return [_finding(rule, passage, analysis, match, rule.severity_for(part, deleted=True), [cue])]
    return []


def _matches(rule: Rule, patterns: Sequence[Pattern], analysis: Analysis) -> list[Match]:
    matches = []
    for pattern in patterns:
        hit_lists = []
        for name in pattern.all_of:
            hits = analysis.concepts.get(rule.concepts[name].name)
            if not hits:
                break
            hit_lists.append((name, hits))
        else:
            matches.extend(_satisfy(pattern, hit_lists, analysis))
    return matches


def _satisfy(pattern: Pattern, hit_lists: list[tuple[str, list[Hit]]], analysis: Analysis) -> list[Match]:
    """The tightest combination of one hit per concept inside each sentence or clause."""
    by_unit: dict[int, list[list[Hit]]] = {}
    for index, (_, hits) in enumerate(hit_lists):
        for hit in hits:
            unit = analysis.unit(hit.start, pattern.within)
            by_unit.setdefault(unit, [[] for _ in hit_lists])[index].append(hit)
    matches = []
    for groups in by_unit.values():
        if not all(groups):
            continue
        best = _tightest(groups, pattern.distance)
        if best is not None:
            names = [name for name, _ in hit_lists]
            start = min(h.start for h in best)
            end = max(h.end for h in best)
            matches.append(
                Match(
                    pattern.name,
                    pattern.stance,
                    tuple(zip(names, best, strict=True)),
                    start,
                    end,
                    pattern.confidence,
                )
            )
    return matches


def _tightest(groups: list[list[Hit]], distance: int | None) -> tuple[Hit, ...] | None:
    best: tuple[Hit, ...] | None = None
    best_width = None
    for combo in itertools.islice(itertools.product(*groups), MAX_COMBINATIONS):
        if _overlapping(combo):
            continue
        width = max(h.end for h in combo) - min(h.start for h in combo)
        if distance is not None and width > distance:
            continue
        if best_width is None or width < best_width:
            best, best_width = combo, width
    return best


def _overlapping(combo: tuple[Hit, ...]) -> bool:
    """Two concepts may not be satisfied by the very same words."""
    spans = [(h.start, h.end) for h in combo]
    return len(set(spans)) < len(spans)


def _known_text_matches(rule: Rule, analysis: Analysis) -> list[Match]:
    matches = []
    text = analysis.text.text
    for known in rule.known_texts:
        hit = find_known_text(_matching_form(known.text), text, known.min_score)
        if hit is None:
            continue
        span = analysis.doc.char_span(hit.start, hit.end, alignment_mode="expand")
        if span is None:
            continue
        whole = Hit("known text", span.start, span.end)
        matches.append(
            Match(
                f"known text ({known.source or 'past proposal'})",
                None,
                (("known text", whole),),
                span.start,
                span.end,
                round(hit.score / 100, 3),
            )
        )
    return matches


@lru_cache(maxsize=256)
def _matching_form(text: str) -> str:
    return matching_text(text).text


def _exceptions(rule: Rule, analysis: Analysis, match: Match) -> list[CueHit]:
    """Harmless contexts around the match; words the match itself uses never excuse it."""
    found = []
    used = [h for _, h in match.hits]
    for exception in rule.exceptions:
        units = {analysis.unit(i, exception.within) for i in range(match.start, match.end)}
        if _any_in_units(rule, analysis, exception.unless_any_of, units, exception.within):
            continue
        for name in exception.any_of:
            hits = analysis.concepts.get(rule.concepts[name].name, ())
            hit = next(
                (
                    h
                    for h in hits
                    if analysis.unit(h.start, exception.within) in units
                    and not any(h.start < u.end and u.start < h.end for u in used)
                ),
                None,
            )
            if hit is not None:
                start, end = analysis.source_span(hit.start, hit.end)
                text = analysis.doc[hit.start : hit.end].text
                found.append(CueHit("exception", exception.name, text, start, end))
                break
    return found


def _any_in_units(rule: Rule, analysis: Analysis, names: tuple[str, ...], units: set[int], scope: str) -> bool:
    for name in names:
        for hit in analysis.concepts.get(rule.concepts[name].name, ()):
            if analysis.unit(hit.start, scope) in units:
                return True
    return False


def _finding(
    rule: Rule,
    passage: Passage,
    analysis: Analysis,
    match: Match,
    severity: Severity,
    cues: list[CueHit],
) -> Finding:
    terms = tuple(_term_hit(rule, analysis, name, hit, passage) for name, hit in match.hits)
    start, end = analysis.source_span(match.start, match.end)
    confidence = match.confidence
    if any(t.fuzzy_score is not None for t in terms):
        confidence *= FUZZY_PENALTY
    is_known = match.pattern.startswith("known text")
    explanation = Explanation(
        pattern=match.pattern,
        part=passage.location.part,
        terms=() if is_known else terms,
        cues=tuple(cues),
        known_text=passage.text[start:end] if is_known else None,
        known_text_score=match.confidence * 100 if is_known else None,
        lines_to_take=rule.lines_to_take,
    )
    return Finding(
        rule_id=rule.id,
        title=rule.title,
        severity=severity,
        confidence=round(confidence, 3),
        start=start,
        end=end,
        text=passage.text[start:end],
        explanation=explanation,
        suggestion=rule.suggestion,
        passage=passage,
    )


def _term_hit(rule: Rule, analysis: Analysis, name: str, hit: Hit, passage: Passage) -> TermHit:
    start, end = analysis.source_span(hit.start, hit.end)
    repaired = [analysis.repairs[i] for i in range(hit.start, hit.end) if i in analysis.repairs]
    norms = " ".join(t.norm_ for t in analysis.doc[hit.start : hit.end])
    return TermHit(
        concept=name,
        term=norms,
        text=passage.text[start:end],
        start=start,
        end=end,
        fuzzy_score=min(r.score for r in repaired) if repaired else None,
    )
