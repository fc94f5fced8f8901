"""Precision and recall on labelled passages, beside a keyword baseline.

The labelled file holds one JSON object per line: {"id", "text", "clause", "labels": {rule: "conflict"|"ok"}}.
A passage counts as flagged for a rule when the checker reports a finding of that rule with
severity low or above. Rule `ukraine` is scored under the label `human-rights`, as the data says.
Rules a passage's labels do not list count as false positives when flagged.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from conflictcheck.errors import ConflictcheckError
from conflictcheck.model import Location, Part, Passage, Rule, Severity
from conflictcheck.rulebook import Rulebook

LABEL_ALIASES = {"ukraine": "human-rights"}
_CLAUSE_PARTS = {"preamble": Part.PREAMBLE, "operative": Part.OPERATIVE, "other": Part.OTHER}


@dataclass(frozen=True)
class LabelledPassage:
    id: str
    text: str
    part: Part
    conflicts: frozenset[str]  # label ids that the passage crosses


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, predicted: bool, actual: bool) -> None:
        self.tp += predicted and actual
        self.fp += predicted and not actual
        self.fn += actual and not predicted


@dataclass
class Report:
    labels: list[str]
    checker: dict[str, Score] = field(default_factory=dict)
    baseline: dict[str, Score] = field(default_factory=dict)
    predictions: dict[str, list[str]] = field(default_factory=dict)
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (passage id, label, fp|fn)

    def overall(self, which: dict[str, Score]) -> Score:
        total = Score()
        for score in which.values():
            total.tp += score.tp
            total.fp += score.fp
            total.fn += score.fn
        return total


def read_labelled(path: str | Path) -> list[LabelledPassage]:
    passages = []
    source = Path(path)
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConflictcheckError(f"{source}: cannot read: {exc}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            labels = item.get("labels", {})
            passages.append(
                LabelledPassage(
                    id=str(item["id"]),
                    text=str(item["text"]),
                    part=_CLAUSE_PARTS.get(str(item.get("clause", "other")), Part.OTHER),
                    conflicts=frozenset(k for k, v in labels.items() if v == "conflict"),
                )
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ConflictcheckError(f"{source}: line {number}: not a labelled passage ({exc})") from None
    return passages


def label_of(rule_id: str) -> str:
    return LABEL_ALIASES.get(rule_id, rule_id)


def evaluate(labelled: list[LabelledPassage], rulebook: Rulebook) -> Report:
    from conflictcheck.matching import findings_per_passage

    labels = sorted({label_of(r.id) for r in rulebook.enabled_rules})
    report = Report(labels, {x: Score() for x in labels}, {x: Score() for x in labels})
    grouped = findings_per_passage([_passage(item) for item in labelled], rulebook)
    flagged = [{f.rule_id for f in findings if f.severity >= Severity.LOW} for findings in grouped]
    keywords = _keyword_sets(rulebook.enabled_rules)
    for i, item in enumerate(labelled):
        predicted = {label_of(r) for r in flagged[i]}
        report.predictions[item.id] = sorted(flagged[i])
        baseline = {label for label, terms in keywords.items() if _contains_any(item.text, terms)}
        for label in labels:
            actual = label in item.conflicts
            report.checker[label].add(label in predicted, actual)
            report.baseline[label].add(label in baseline, actual)
            if (label in predicted) != actual:
                report.errors.append((item.id, label, "fp" if not actual else "fn"))
    return report


def _passage(item: LabelledPassage) -> Passage:
    return Passage(text=item.text, location=replace(Location(), part=item.part))


def _keyword_sets(rules: Iterable[Rule]) -> dict[str, set[str]]:
    """The baseline's vocabulary: every plain term of every concept a rule uses."""
    sets: dict[str, set[str]] = {}
    for rule in rules:
        terms = sets.setdefault(label_of(rule.id), set())
        for concept in rule.concepts.values():
            terms.update(t.lstrip("~").lower() for t in concept.terms if "*" not in t and "<n>" not in t)
    return sets


def _contains_any(text: str, terms: set[str]) -> bool:
    import re

    lowered = text.lower()
    return any(re.search(rf"(?<!\w){re.escape(term)}(?!\w)", lowered) for term in terms)
