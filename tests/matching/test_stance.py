"""Each kind of stance cue turns a hit into related-but-harmless text, and says so."""

from __future__ import annotations

import pytest

from conflictcheck import Severity, check_text


def _by_rule(findings, rule_id):  # type: ignore[no-untyped-def]
    return [f for f in findings if f.rule_id == rule_id]


def test_plain_operative_commitment_is_high(rulebook):
    findings = check_text("instructs the Council to convene a new WCIT in 2030,", rulebook, part="operative")
    (finding,) = _by_rule(findings, "itr-treaty")
    assert finding.severity == Severity.HIGH
    assert finding.explanation.cues == ()


@pytest.mark.parametrize(
    ("text", "cue_name"),
    [
        ("The EU does not support convening a new WCIT.", "negation"),
        ("There is no need for a legally binding instrument on cybersecurity.", "negation"),
        ("The delegation rejects any revision of the ITRs.", "negation"),
        (
            "rather than establishing an intergovernmental council for the Internet, build on existing structures",
            "negation-near",
        ),
        ("the drafting of privacy legislation falls outside the mandate of ITU", "negation-after"),
    ],
)
def test_negation_cues(rulebook, text, cue_name):
    findings = check_text(text, rulebook, part="other")
    assert findings, "the topic is still reported, as info"
    assert all(f.severity == Severity.INFO for f in findings)
    cues = {c.name for f in findings for c in f.explanation.cues}
    assert cue_name in cues


def test_negation_does_not_reach_across_clause(rulebook):
    text = "The conference does not duplicate the work of others; it shall prepare a treaty on cybersecurity."
    (finding,) = _by_rule(check_text(text, rulebook, part="operative"), "cyber-instrument")
    assert finding.severity == Severity.HIGH


def test_not_only_is_not_a_negation(rulebook):
    text = "instructs ITU not only to build capacity but to prepare a draft convention on information security,"
    (finding,) = _by_rule(check_text(text, rulebook, part="operative"), "cyber-instrument")
    assert finding.is_conflict


def test_attribution_reports_without_deciding(rulebook):
    text = "noting that some Member States have proposed a binding instrument on cybersecurity,"
    (finding,) = _by_rule(check_text(text, rulebook, part="preamble"), "cyber-instrument")
    assert finding.severity == Severity.INFO
    assert [c.kind for c in finding.explanation.cues] == ["attribution"]


def test_recall_names_without_pursuing(rulebook):
    text = "recalling Resolution 146 (Rev. Busan, 2014) on the periodic review of the ITRs,"
    (finding,) = _by_rule(check_text(text, rulebook, part="preamble"), "itr-treaty")
    assert finding.severity == Severity.INFO
    assert {c.kind for c in finding.explanation.cues} == {"recall"}


def test_cue_too_far_away_does_not_apply(rulebook):
    # "not" governs "only" words near it; twenty words later a new commitment stands on its own.
    text = (
        "The conference did not meet in 2019 because of a lack of quorum in the plenary and because of the "
        "pandemic and the many other reasons that were given at that time by the secretariat, and it now "
        "decides to prepare a new treaty on cybersecurity."
    )
    findings = _by_rule(check_text(text, rulebook, part="operative"), "cyber-instrument")
    assert findings and findings[0].is_conflict


def test_cue_is_recorded_with_its_position(rulebook):
    text = "The EU does not support convening a new WCIT."
    (finding,) = _by_rule(check_text(text, rulebook, part="other"), "itr-treaty")
    cue = finding.explanation.cues[0]
    assert "not" in text[cue.start : cue.end].lower().split()
    assert cue.text.lower() == text[cue.start : cue.end].lower()
