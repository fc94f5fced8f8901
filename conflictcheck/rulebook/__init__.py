"""Rule files in, validated records out.

A rulebook folder holds one rule per file (`<id>.yaml`), shared concept lexicons in
`concepts/` and stance cues in `cues/`. Several folders may be combined; ids must stay unique.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from conflictcheck.errors import RuleFileError
from conflictcheck.model import Concept, CueSet, Rule, Severity

__all__ = ["Rulebook", "bundled_rules_folder", "load_rulebook"]


def bundled_rules_folder() -> Path:
    """The rulebook shipped beside the package (the repository's `rules/`)."""
    return Path(__file__).resolve().parents[2] / "rules"


@dataclass(frozen=True)
class Rulebook:
    rules: tuple[Rule, ...]
    concepts: Mapping[str, Concept]
    cues: tuple[CueSet, ...]
    fingerprint: str
    folders: tuple[str, ...] = ()

    @property
    def enabled_rules(self) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.enabled)

    def get(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def configured(
        self,
        enable: Iterable[str] | None = None,
        disable: Iterable[str] = (),
        severity_overrides: Mapping[str, Severity] | None = None,
    ) -> Rulebook:
        """A copy with rules switched on or off and severities forced, as a configuration asks."""
        known = {r.id for r in self.rules}
        wanted = set(enable) if enable is not None else None
        unwanted = set(disable)
        overrides = dict(severity_overrides or {})
        for rule_id in (wanted or set()) | unwanted | set(overrides):
            if rule_id not in known:
                raise KeyError(f"unknown rule id {rule_id!r} (known: {', '.join(sorted(known))})")
        rules = []
        for rule in self.rules:
            enabled = rule.enabled if wanted is None else rule.id in wanted
            enabled = enabled and rule.id not in unwanted
            severity = rule.severity
            if rule.id in overrides:
                severity = {scope: _capped(level, overrides[rule.id]) for scope, level in severity.items()}
            rules.append(replace(rule, enabled=enabled, severity=severity))
        tag = repr(
            (
                sorted(wanted or []),
                sorted(unwanted),
                sorted((k, int(v)) for k, v in overrides.items()),
            )
        )
        fingerprint = hashlib.sha256((self.fingerprint + tag).encode()).hexdigest()
        return replace(self, rules=tuple(rules), fingerprint=fingerprint)


def _capped(level: Severity, override: Severity) -> Severity:
    # An override sets the severity of real conflicts; info (no conflict) stays info.
    return level if level == Severity.INFO else override


def load_rulebook(*folders: str | Path) -> Rulebook:
    """Load, validate and combine rule folders (the bundled one when none is named)."""
    # Imported here: a rescan served from the cache names the bundled folder but parses no YAML.
    from conflictcheck.rulebook.schema import parse_concept_file, parse_cue_file
    from conflictcheck.rulebook.yamlsafe import load_yaml_file

    paths = [Path(f) for f in folders] or [bundled_rules_folder()]
    digest = hashlib.sha256()
    concepts: dict[str, Concept] = {}
    cues: list[CueSet] = []
    rule_files: list[Path] = []
    for folder in paths:
        if not folder.is_dir():
            raise RuleFileError(str(folder), "rule folder not found")
        for path in sorted((folder / "concepts").glob("*.yaml")):
            _hash_file(digest, path)
            concept = parse_concept_file(load_yaml_file(path), str(path))
            _check_unique_concept(concepts, concept, path)
            concepts[concept.name] = concept
        for path in sorted((folder / "cues").glob("*.yaml")):
            _hash_file(digest, path)
            cues.append(parse_cue_file(load_yaml_file(path), str(path)))
        for path in sorted(folder.glob("*.yaml")):
            _hash_file(digest, path)
            rule_files.append(path)
    rules = _parse_rules(rule_files, concepts)
    return Rulebook(tuple(rules), concepts, tuple(cues), digest.hexdigest(), tuple(map(str, paths)))


def _parse_rules(files: list[Path], concepts: dict[str, Concept]) -> list[Rule]:
    from conflictcheck.rulebook.schema import parse_rule_file
    from conflictcheck.rulebook.yamlsafe import load_yaml_file

    seen: dict[str, Path] = {}
    rules = []
    for path in files:
        rule = parse_rule_file(load_yaml_file(path), str(path), path.stem, concepts)
        if rule.id in seen:
            raise RuleFileError(str(path), f"duplicate rule id (also in {seen[rule.id]})", rule=rule.id, field="id")
        seen[rule.id] = path
        rules.append(rule)
    if not rules:
        raise RuleFileError(", ".join(str(p.parent) for p in files) or "rulebook", "no rule files found")
    return rules


def _check_unique_concept(concepts: dict[str, Concept], concept: Concept, path: Path) -> None:
    if concept.name in concepts:
        other = concepts[concept.name].source
        raise RuleFileError(str(path), f"duplicate concept name (also in {other})", rule=concept.name, field="name")
    if path.stem != concept.name:
        raise RuleFileError(str(path), f"must equal the file name '{path.stem}'", rule=concept.name, field="name")


def _hash_file(digest: hashlib._Hash, path: Path) -> None:
    digest.update(path.name.encode())
    digest.update(path.read_bytes())
