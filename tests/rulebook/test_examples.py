"""The rulebook's own examples are its unit tests: every rule has them and every one passes."""

from __future__ import annotations

from conflictcheck.rulebook.examples import run_examples

RULE_IDS = {
    "itr-treaty",
    "cyber-instrument",
    "privacy-regulation",
    "internet-governance",
    "mandate-creep",
    "biometric-surveillance",
    "human-rights",
    "ukraine",
}


def test_bundled_rulebook_has_every_red_line(rulebook):
    assert {r.id for r in rulebook.rules} == RULE_IDS
    for rule in rulebook.rules:
        assert rule.lines_to_take and all(line.text for line in rule.lines_to_take)
        assert sum(e.expect == "conflict" for e in rule.examples) >= 8
        assert sum(e.expect == "ok" for e in rule.examples) >= 8


def test_every_example_passes(rulebook):
    failures = [
        f"{r.rule.id}: expected {r.example.expect}: {r.example.text}" for r in run_examples(rulebook) if not r.passed
    ]
    assert failures == []
