"""The literal prefilter turns passages away before spaCy, and never one a rule would match."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from conflictcheck import Location, Part, Passage, read_document
from conflictcheck.matching import Checker, checker_for
from conflictcheck.rulebook import Rulebook

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


class _AdmitAll:
    def admits(self, passage_text: str) -> bool:
        return True


def _findings(checker: Checker, passages: list[Passage]) -> list[tuple[object, ...]]:
    return [(f.passage.text, f.rule_id, f.severity, f.start, f.end, f.confidence) for f in checker.check(passages)]


def _passage(text: str, part: Part = Part.OPERATIVE, deleted: bool = False) -> Passage:
    return Passage(text=text, location=dataclasses.replace(Location(), part=part), deleted=deleted)


def _example_passages(rulebook: Rulebook) -> list[Passage]:
    return [_passage(e.text, e.part, e.deleted) for rule in rulebook.rules for e in rule.examples]


@pytest.fixture(scope="module")
def checker(rulebook: Rulebook) -> Checker:
    return checker_for(rulebook)


def test_same_findings_as_without_prefilter_on_rule_examples(rulebook, checker):
    passages = _example_passages(rulebook)
    unfiltered = dataclasses.replace(checker, prefilter=_AdmitAll())
    assert _findings(checker, passages) == _findings(unfiltered, passages)
    assert _findings(checker, passages)  # the examples do flag things


def test_same_findings_as_without_prefilter_on_the_corpus(checker):
    passages = [p for path in sorted(CORPUS.glob("*.docx")) for p in read_document(path)]
    unfiltered = dataclasses.replace(checker, prefilter=_AdmitAll())
    assert _findings(checker, passages) == _findings(unfiltered, passages)


def test_same_findings_as_without_prefilter_on_the_labelled_passages(checker):
    import json

    labelled = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev.jsonl"
    if not labelled.exists():
        pytest.skip("shared eval set not present")
    records = [json.loads(line) for line in labelled.read_text(encoding="utf-8").splitlines() if line.strip()]
    passages = [_passage(r["text"], Part.parse(r.get("clause") or "operative")) for r in records]
    unfiltered = dataclasses.replace(checker, prefilter=_AdmitAll())
    assert _findings(checker, passages) == _findings(unfiltered, passages)


def test_a_terms_short_telling_words_are_needed_too(checker):
    # "New IP" and "CWG-Internet": "IP" and "CWG" say more than "new" and "Internet" do.
    new_ip = checker.concept_bits["internet-governance/new-ip"]
    cwg = checker.concept_bits["internet-governance/cwg-internet"]
    assert checker.prefilter._concepts({"a", "new", "architecture"}) & new_ip == 0
    assert checker.prefilter._concepts({"a", "New", "IP", "architecture"}) & new_ip
    assert checker.prefilter._concepts({"the", "Internet", "policies"}) & cwg == 0
    assert checker.prefilter._concepts({"the", "CWG-Internet", "policies"}) & cwg
    text = "instructs ITU-T to develop standards for New IP, a new network architecture for the Internet,"
    assert checker.prefilter.admits(text) and _flags(checker, text)


def test_turns_away_passages_without_red_line_concepts(checker):
    plain = [
        "instructs the Director of the Radiocommunication Bureau to report on the progress of the studies,",
        "noting the financial situation of the Union and the budget adopted by the Council,",
        "Reasons: editorial update.",
    ]
    assert not any(checker.prefilter.admits(text) for text in plain)


@pytest.mark.parametrize(
    "text",
    [
        "resolves to draft a legally binding convention on cybersecurity,",
        "resolves to draft a legally binding convention on cybersecurty,",  # typo repaired by the matcher
        "resolves to draft a legally binding convention on cyber-security,",  # in-word hyphen
        "resolves to draft a legally binding con\u00advention on cybersecurity,",  # soft hyphen inside a word
        "resolves to draft a legally binding convention on cyber\u00a0security,",  # non-breaking space
        "instructs the Council to convene a World Conference on International Telecommunications",
        "instructs the Council to take steps to convene a new WCIT to revise the ITRs",
    ],
)
def test_admits_what_the_matcher_would_read_as_a_red_line(checker, text):
    assert checker.prefilter.admits(text)
    assert _flags(checker, text)


def _flags(checker: Checker, text: str) -> list[tuple[object, ...]]:
    return _findings(checker, [_passage(text)])


def test_known_text_is_admitted_without_concepts(checker):
    known = (
        "an international code of conduct for information security"
        " to be submitted to the United Nations General Assembly"
    )
    assert checker.prefilter.admits(f"They tabled {known.replace('conduct', 'condcut')} in 2011.")


def test_forgetting_its_chunks_changes_no_verdict(checker, monkeypatch):
    import conflictcheck.matching.prefilter as prefilter_module

    texts = [e.text for rule in checker.compiled.rules for e in rule.examples]
    expected = [checker.prefilter._judge(t) for t in texts]
    forgetful = dataclasses.replace(
        checker.prefilter, _chunks={}, _silent=set(), _idle=set(), _opening={}, _verdicts={}
    )
    monkeypatch.setattr(prefilter_module, "MAX_REMEMBERED_CHUNKS", 3)
    monkeypatch.setattr(prefilter_module, "MAX_REMEMBERED_PASSAGES", 2)
    assert [forgetful.admits(t) for t in texts] == expected
    assert len(forgetful._chunks) <= 3
    assert len(forgetful._verdicts) <= 2


def test_remembered_verdicts_are_the_verdicts(checker):
    """A passage seen again (a formula, a revision's unchanged paragraph) gets the same answer."""
    texts = [e.text for rule in checker.compiled.rules for e in rule.examples]
    texts += ["resolves", "The Plenipotentiary Conference of the International Telecommunication Union,"]
    fresh = dataclasses.replace(checker.prefilter, _verdicts={})
    first = [fresh.admits(t) for t in texts]
    assert fresh._verdicts  # short passages were remembered
    assert [fresh.admits(t) for t in texts] == first == [fresh._judge(t) for t in texts]
    assert any(first) and not all(first)
    long_text = "considering " * 40
    fresh.admits(long_text)
    assert long_text not in fresh._verdicts  # long passages seldom recur: not kept


def test_copy_for_a_process_without_spacy_admits_at_least_as_much(rulebook, checker):
    """The reader of the overlapped scan gets a pickled copy: no tokenizer, so unsure words pass."""
    import pickle

    copy = pickle.loads(pickle.dumps(checker.prefilter))
    assert copy.nlp is None
    texts = [p.text for path in sorted(CORPUS.glob("*.docx")) for p in read_document(path)]
    texts += [p.text for p in _example_passages(rulebook)]
    texts.append("resolves that the ITU's legally binding convention on cybersecurity shall be drafted,")
    admitted_by_original = {t for t in texts if checker.prefilter.admits(t)}
    admitted_by_copy = {t for t in texts if copy.admits(t)}
    assert admitted_by_original <= admitted_by_copy
    assert len(admitted_by_copy) < len(texts)  # it still turns most passages away
