"""Passages + rules in, findings out (see engine.py for the steps)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from conflictcheck.documents.structure import infer_part
from conflictcheck.model import Finding, Location, Part, Passage
from conflictcheck.rulebook import Rulebook

if TYPE_CHECKING:
    from conflictcheck.matching.engine import Checker

__all__ = ["Checker", "check_passages", "check_text", "checker_for", "findings_per_passage"]

_CHECKERS: dict[tuple[str, str | None], Checker] = {}


def checker_for(rulebook: Rulebook, model: str | None = None) -> Checker:
    """The compiled checker for a rulebook, built once per process and rulebook."""
    key = (rulebook.fingerprint, model)
    if key not in _CHECKERS:
        _CHECKERS[key] = _checker_class().build(rulebook, model)
    return _CHECKERS[key]


def check_passages(passages: Iterable[Passage], rulebook: Rulebook) -> list[Finding]:
    return list(checker_for(rulebook).check(passages))


def findings_per_passage(passages: list[Passage], rulebook: Rulebook) -> list[list[Finding]]:
    """Check a batch of passages at once; the findings of each, in the passages' order."""
    grouped: list[list[Finding]] = [[] for _ in passages]
    index = {id(p): i for i, p in enumerate(passages)}
    for finding in checker_for(rulebook).check(passages):
        grouped[index[id(finding.passage)]].append(finding)
    return grouped


def check_text(
    text: str, rulebook: Rulebook, *, part: str | Part | None = None, deleted: bool = False
) -> list[Finding]:
    """Check one passage; its part is inferred from its opening words when not given."""
    resolved = _infer_part(text) if part is None else part if isinstance(part, Part) else Part.parse(part)
    passage = Passage(text=text, location=replace(Location(), part=resolved), deleted=deleted)
    return check_passages([passage], rulebook)


def _infer_part(text: str) -> Part:
    return infer_part(text) or Part.OTHER


def __getattr__(name: str) -> object:
    """`Checker` stays importable from here, but loads spaCy only when asked for: the prefilter
    and the lemma table, which this package also holds, run in processes without it."""
    if name == "Checker":
        return _checker_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _checker_class() -> type[Checker]:
    """The engine, which imports spaCy: only once a checker is wanted, and without spaCy's
    command line (see spacy_import.py)."""
    from conflictcheck.matching.spacy_import import import_spacy

    import_spacy()
    from conflictcheck.matching.engine import Checker

    return Checker
