"""Patterns, exceptions, parts, deletions, typos and known texts."""

from __future__ import annotations

from conflictcheck import Location, Part, Passage, Severity, check_passages, check_text


def _rule(findings, rule_id):  # type: ignore[no-untyped-def]
    return [f for f in findings if f.rule_id == rule_id]


def test_severity_follows_the_part(rulebook):
    text = "to prepare a legally binding convention on cybersecurity"
    levels = {
        part: _rule(check_text(text, rulebook, part=part), "cyber-instrument")[0].severity
        for part in ("operative", "invitation", "preamble")
    }
    assert levels == {
        "operative": Severity.HIGH,
        "invitation": Severity.MEDIUM,
        "preamble": Severity.LOW,
    }


def test_part_is_inferred_from_opening_words(rulebook):
    findings = check_text("instructs the Secretary-General to prepare a treaty on cybersecurity,", rulebook)
    assert _rule(findings, "cyber-instrument")[0].explanation.part == Part.OPERATIVE


def test_exception_makes_hit_harmless(rulebook):
    text = "instructs the Director of BDT to help Member States raise awareness of legal frameworks on personal data,"
    (finding,) = _rule(check_text(text, rulebook, part="operative"), "privacy-regulation")
    assert finding.severity == Severity.INFO
    assert finding.explanation.cues[0].kind == "exception"


def test_exception_voided_by_restriction(rulebook):
    text = (
        "decides to establish an intergovernmental council for Internet public policy with the private sector, "
        "civil society and the technical community taking part in an advisory capacity,"
    )
    (finding,) = _rule(check_text(text, rulebook, part="operative"), "internet-governance")
    assert finding.severity == Severity.HIGH


def test_words_inside_a_proper_name_are_not_hits(rulebook):
    findings = check_text("Member States shall apply the Radio Regulations to AI systems.", rulebook, part="other")
    assert not _rule(findings, "mandate-creep")


def test_abbreviation_is_not_lemmatised_into_a_word(rulebook):
    # The lemma table reads "ai" as a form of "have"; "AI" must stay AI.
    findings = check_text("Member States have regulations on spectrum.", rulebook, part="other")
    assert not _rule(findings, "mandate-creep")


def test_typo_is_repaired_and_explained(rulebook):
    text = "instructs the Council to prepare a legally binding instrument on cybersecurty,"
    (finding,) = _rule(check_text(text, rulebook, part="operative"), "cyber-instrument")
    assert finding.is_conflict
    repaired = [t for t in finding.explanation.terms if t.fuzzy_score is not None]
    assert repaired and repaired[0].text == "cybersecurty"
    assert "read as" in finding.explanation.summary()


def test_real_words_are_never_repaired(rulebook):
    # "organizational" is not in the lemma table's forms but must not become "organization".
    findings = check_text("instructs the Council to review its organizational rules,", rulebook, part="operative")
    assert all(t.fuzzy_score is None for f in findings for t in f.explanation.terms)


def test_split_hyphen_and_typography_are_normalised(rulebook):
    text = "instructs the Council to prepare a legally\u00a0binding instru\u00admentSOFT on cyber-security,"
    findings = _rule(check_text(text.replace("SOFT", ""), rulebook, part="operative"), "cyber-instrument")
    assert findings and findings[0].is_conflict
    span = findings[0]
    assert text.replace("SOFT", "")[span.start : span.end] == span.text


def test_known_text_is_matched_near_verbatim(rulebook):
    text = (
        "The sponsors will present an international code of conduct for information security, to be submitted "
        "to the United Nations General Assembly, at the next session."
    )
    findings = _rule(check_text(text, rulebook, part="other"), "cyber-instrument")
    assert (findings and findings[0].explanation.known_text is not None) or findings[0].is_conflict


def test_known_text_is_not_matched_by_a_short_fragment(rulebook):
    from conflictcheck.matching.fuzzy import find_known_text

    known = "an international code of conduct for information security to be submitted to the United Nations"
    assert find_known_text(known, "information security", 90) is None
    hit = find_known_text(known, "They tabled " + known.replace("conduct", "condcut") + " in 2011.", 90)
    assert hit is not None and hit.score >= 90


def test_deleted_text_is_not_a_conflict(rulebook):
    passage = Passage(
        "to prepare a legally binding convention on cybersecurity",
        Location(part=Part.OPERATIVE),
        deleted=True,
    )
    findings = _rule(check_passages([passage], rulebook), "cyber-instrument")
    assert findings and all(f.severity == Severity.INFO for f in findings)
    assert findings[0].explanation.cues[0].kind == "deletion"


def test_deleting_protective_language_is_a_conflict(rulebook):
    passage = Passage(
        "in full respect of human rights and the rule of law,",
        Location(part=Part.OPERATIVE),
        deleted=True,
    )
    (finding,) = _rule(check_passages([passage], rulebook), "human-rights")
    assert finding.severity == Severity.HIGH


def test_every_finding_explains_itself(rulebook):
    texts = [
        "instructs the Council to convene a WCIT to revise the ITRs,",
        "resolves that ITU shall develop a global regulatory framework for artificial intelligence,",
        "The EU does not support any ITU role in the allocation of IP addresses.",
        "We consider Resolution 1408 politicized and do not recognize it.",
    ]
    findings = [f for t in texts for f in check_text(t, rulebook)]
    assert len(findings) >= 4
    for finding in findings:
        summary = finding.explanation.summary()
        assert finding.explanation.pattern in summary
        assert finding.explanation.lines_to_take and "§" in summary
        assert finding.explanation.terms or finding.explanation.known_text
        assert 0 < finding.confidence <= 1
        assert finding.passage.text[finding.start : finding.end] == finding.text
        assert finding.suggestion


def test_one_conflict_per_sentence_per_rule(rulebook):
    text = (
        "instructs the Council to convene a WCIT and to prepare a revision of the ITRs. "
        "It also decides to hold a new WCIT."
    )
    findings = _rule(check_text(text, rulebook, part="operative"), "itr-treaty")
    assert len(findings) == 2
