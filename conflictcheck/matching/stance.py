"""Stance: whether a passage that names a red-line topic actually pursues it.

Three kinds of cue turn a hit into related-but-harmless text, each a cue list in rules/cues/:
negation and opposition ("does not support", "no need for", "rejects", "instead of", or after the
match: "falls outside the mandate"), attribution ("some Member States have proposed"), and recall
("recalling Resolution 146", "Article 4 of"). A cue reaches only as far as its scope (the clause
or sentence it stands in) and a bounded number of words; the cue that applied is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass

from conflictcheck.matching.analysis import Analysis, Hit
from conflictcheck.model import CueHit, CueSet, Rule


@dataclass(frozen=True)
class Match:
    """A pattern satisfied at tokens [start, end) by one hit per concept."""

    pattern: str
    stance: tuple[str, ...] | None  # cue kinds that apply; None: the rule's
    hits: tuple[tuple[str, Hit], ...]  # (concept name as the rule says it, hit)
    start: int
    end: int
    confidence: float


def stance_cues(analysis: Analysis, match: Match, rule: Rule, cues: tuple[CueSet, ...]) -> list[CueHit]:
    """The cues that neutralise `match`, if any."""
    found = []
    kinds = rule.stance if match.stance is None else match.stance
    for cue_set in cues:
        if cue_set.kind not in kinds:
            continue
        for cue in analysis.cues.get(cue_set.name, ()):
            if _applies(analysis, cue, match, cue_set):
                found.append(_cue_hit(analysis, cue, cue_set.kind, cue_set.name))
                break
    return found


def _applies(analysis: Analysis, cue: Hit, match: Match, cue_set: CueSet) -> bool:
    if cue_set.position == "after":
        last = match.end - 1
        return (
            cue.start >= match.end
            and cue.start - match.end <= cue_set.max_gap
            and analysis.unit(cue.start, cue_set.scope) == analysis.unit(last, cue_set.scope)
        )
    # A cue before the match, or between its parts, governs the first part that follows it.
    following = [h for _, h in match.hits if h.start >= cue.end]
    if not following:
        return False
    target = min(following, key=lambda h: h.start)
    return target.start - cue.end <= cue_set.max_gap and analysis.unit(cue.start, cue_set.scope) == analysis.unit(
        target.start, cue_set.scope
    )


def _cue_hit(analysis: Analysis, cue: Hit, kind: str, name: str) -> CueHit:
    start, end = analysis.source_span(cue.start, cue.end)
    text = analysis.doc[cue.start : cue.end].text
    return CueHit(kind=kind, name=name, text=text, start=start, end=end)
