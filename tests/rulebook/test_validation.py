"""Rule files are user input: every mistake is named by file, rule and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conflictcheck import RuleFileError, load_rulebook
from conflictcheck.rulebook import bundled_rules_folder


def _minimal_rule(rule_id: str = "demo") -> dict:
    return {
        "id": rule_id,
        "title": "Demo",
        "lines_to_take": [{"paragraph": 1, "text": "A line."}],
        "rationale": "Why.",
        "suggestion": "Say this instead.",
        "severity": {"operative": "high", "preamble": "low"},
        "concepts": {"thing": {"terms": ["widget treaty"]}},
        "patterns": [{"name": "p", "all_of": ["make", "thing"]}],
        "examples": {
            "conflict": [
                {"text": f"decides to prepare a widget treaty number {i}", "part": "operative"} for i in range(8)
            ],
            "ok": [{"text": f"unrelated text {i}"} for i in range(8)],
        },
    }


def _folder(tmp_path: Path, rule: dict | str, name: str = "demo", concepts: bool = True) -> Path:
    folder = tmp_path / "rules"
    (folder / "concepts").mkdir(parents=True, exist_ok=True)
    if concepts:
        shutil.copy(bundled_rules_folder() / "concepts" / "make.yaml", folder / "concepts" / "make.yaml")
    text = rule if isinstance(rule, str) else yaml.safe_dump(rule, sort_keys=False)
    (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def _error(folder: Path) -> RuleFileError:
    with pytest.raises(RuleFileError) as info:
        load_rulebook(folder)
    return info.value


def test_minimal_rule_loads(tmp_path):
    rulebook = load_rulebook(_folder(tmp_path, _minimal_rule()))
    assert [r.id for r in rulebook.rules] == ["demo"]


def test_unknown_key(tmp_path):
    rule = _minimal_rule()
    rule["severty"] = {}
    error = _error(_folder(tmp_path, rule))
    assert error.file.endswith("demo.yaml") and error.rule == "demo" and error.field == "severty"
    assert "unknown key" in str(error)


def test_missing_key(tmp_path):
    rule = _minimal_rule()
    del rule["suggestion"]
    assert _error(_folder(tmp_path, rule)).field == "suggestion"


def test_bad_severity(tmp_path):
    rule = _minimal_rule()
    rule["severity"]["operative"] = "critical"
    error = _error(_folder(tmp_path, rule))
    assert error.field == "severity.operative" and "critical" in str(error)


def test_unknown_severity_scope(tmp_path):
    rule = _minimal_rule()
    rule["severity"]["footer"] = "low"
    assert _error(_folder(tmp_path, rule)).field == "severity.footer"


def test_unknown_concept(tmp_path):
    rule = _minimal_rule()
    rule["patterns"][0]["all_of"] = ["make", "nothing"]
    error = _error(_folder(tmp_path, rule))
    assert error.field == "patterns[0].all_of" and "nothing" in str(error)


def test_empty_concept(tmp_path):
    rule = _minimal_rule()
    rule["concepts"]["thing"]["terms"] = []
    assert _error(_folder(tmp_path, rule)).field == "concepts.thing.terms"


def test_term_with_only_a_gap(tmp_path):
    rule = _minimal_rule()
    rule["concepts"]["thing"]["terms"] = ["* treaty"]
    assert "must start with a word" in str(_error(_folder(tmp_path, rule)))


def test_term_starting_with_a_number_slot(tmp_path):
    rule = _minimal_rule()
    rule["concepts"]["thing"]["terms"] = ["<n> treaty"]
    error = _error(_folder(tmp_path, rule))
    assert error.field == "concepts.thing.terms[0]" and "must start with a word" in str(error)


def test_id_must_match_file_name(tmp_path):
    error = _error(_folder(tmp_path, _minimal_rule("other")))
    assert error.field == "id"


def test_duplicate_ids_across_folders(tmp_path):
    first = _folder(tmp_path / "a", _minimal_rule())
    second = _folder(tmp_path / "b", _minimal_rule(), concepts=False)
    with pytest.raises(RuleFileError) as info:
        load_rulebook(first, second)
    assert "duplicate rule id" in str(info.value)


def test_too_few_examples(tmp_path):
    rule = _minimal_rule()
    rule["examples"]["ok"] = rule["examples"]["ok"][:3]
    error = _error(_folder(tmp_path, rule))
    assert error.field == "examples.ok" and "at least 8" in str(error)


def test_yaml_aliases_are_refused(tmp_path):
    bomb = "a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n"
    error = _error(_folder(tmp_path, bomb))
    assert "aliases" in str(error)


def test_yaml_object_tags_are_refused(tmp_path):
    error = _error(_folder(tmp_path, "id: !!python/object/apply:os.system ['true']\n"))
    assert "invalid YAML" in str(error)


def test_broken_yaml_names_the_line(tmp_path):
    error = _error(_folder(tmp_path, "id: demo\ntitle: [unclosed\n"))
    assert "line" in str(error) and error.file.endswith("demo.yaml")


def test_missing_folder(tmp_path):
    error = _error(tmp_path / "nowhere")
    assert "not found" in str(error)


def test_configured_rulebook_switches_and_overrides(rulebook):
    from conflictcheck import Severity

    configured = rulebook.configured(disable=["ukraine"], severity_overrides={"itr-treaty": Severity.MEDIUM})
    assert "ukraine" not in {r.id for r in configured.enabled_rules}
    assert configured.get("itr-treaty").default_severity == Severity.MEDIUM
    assert configured.fingerprint != rulebook.fingerprint
    with pytest.raises(KeyError):
        rulebook.configured(disable=["no-such-rule"])
