"""Run every rule's own examples: the rulebook's unit tests, one command (`rules test`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from conflictcheck.model import Example, Finding, Location, Passage, Rule
from conflictcheck.rulebook import Rulebook


@dataclass(frozen=True)
class ExampleResult:
    rule: Rule
    example: Example
    findings: tuple[Finding, ...]  # the example rule's findings, info included

    @property
    def flagged(self) -> bool:
        return any(f.is_conflict for f in self.findings)

    @property
    def passed(self) -> bool:
        return self.flagged == (self.example.expect == "conflict")


def run_examples(rulebook: Rulebook, rule_ids: Iterable[str] | None = None) -> list[ExampleResult]:
    from conflictcheck.matching import findings_per_passage

    wanted = set(rule_ids) if rule_ids is not None else None
    rules = [r for r in rulebook.rules if wanted is None or r.id in wanted]
    cases = [(rule, example) for rule in rules for example in rule.examples]
    grouped = findings_per_passage([_passage(example) for _, example in cases], rulebook)
    return [
        ExampleResult(rule, example, tuple(f for f in findings if f.rule_id == rule.id))
        for (rule, example), findings in zip(cases, grouped, strict=True)
    ]


def _passage(example: Example) -> Passage:
    return Passage(text=example.text, location=replace(Location(), part=example.part), deleted=example.deleted)
