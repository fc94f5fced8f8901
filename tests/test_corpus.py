"""The bundled corpus: every expected flag is raised, every trap stays quiet."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conflictcheck import Severity, check_passages, read_document

from .conftest import REPO

CORPUS = REPO / "corpus"
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))


def _conflicts(path: Path, rulebook):  # type: ignore[no-untyped-def]
    return [f for f in check_passages(read_document(path), rulebook) if f.severity >= Severity.LOW]


@pytest.fixture(scope="module")
def corpus_findings(rulebook):  # type: ignore[no-untyped-def]
    return {name: _conflicts(CORPUS / name, rulebook) for name in EXPECTED}


def _squash(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_expected_flags(name, corpus_findings):
    findings = corpus_findings[name]
    missed, fixed = [], []
    for entry in EXPECTED[name].get("must_flag") or []:
        wanted = _squash(entry["text"])
        found = any(f.rule_id == entry["rule"] and wanted in _squash(f.passage.text) for f in findings)
        if "known_gap" in entry and found:
            fixed.append(f"{entry['rule']}: {entry['text']} is found now: drop its known_gap")
        elif "known_gap" not in entry and not found:
            missed.append(f"{entry['rule']}: {entry['text']} ({entry.get('where', '')})")
    assert missed == [] and fixed == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_expected_silence(name, corpus_findings):
    findings = corpus_findings[name]
    extra = []
    for entry in EXPECTED[name].get("must_not_flag") or []:
        wanted = _squash(entry["text"])
        for f in findings:
            if wanted in _squash(f.passage.text) and entry["rule"] in ("any", f.rule_id):
                extra.append(f"{f.rule_id} [{f.severity.label}]: {entry['text']} ({entry.get('why', '')})")
    assert extra == []


def test_deleted_and_struck_text_is_never_a_conflict(corpus_findings):
    for name, findings in corpus_findings.items():
        for finding in findings:
            if finding.passage.deleted:
                assert finding.explanation.cues and finding.explanation.cues[0].kind == "deletion", name
