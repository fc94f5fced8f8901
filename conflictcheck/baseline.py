"""Accepted findings: a baseline file, and the fingerprint that recognises a finding again.

A fingerprint must survive edits that do not change the finding: paragraphs renumbered, a
proposal moved, a file renamed. So it hashes the rule id, the passage text (normalised,
casefolded, whitespace collapsed) and the proposal id, and nothing positional. The file is
JSON (or YAML when its name ends in .yaml/.yml), entries sorted, no timestamps, so it diffs cleanly
and each entry can carry a `reason` a reviewer writes by hand.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from conflictcheck.documents.normalize import normalize
from conflictcheck.errors import ConflictcheckError
from conflictcheck.model import Finding

BASELINE_VERSION = 1
SNIPPET_LENGTH = 160


class BaselineError(ConflictcheckError):
    """A baseline file cannot be read or is malformed."""

    def __init__(self, file: str, message: str):
        self.file = file
        super().__init__(f"{file}: {message}")


def normalized_passage(text: str) -> str:
    return " ".join(normalize(text).text.casefold().split())


def finding_fingerprint(finding: Finding) -> str:
    """sha256 of rule id, normalised passage text and proposal id (no position, no time)."""
    proposal = finding.location.proposal or ""
    payload = "\x1f".join((finding.rule_id, normalized_passage(finding.passage.text), proposal))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class BaselineEntry:
    fingerprint: str
    rule_id: str
    file: str
    text: str  # the matched words in context, for the reviewer; not used for matching
    proposal: str | None = None
    reason: str | None = None

    def to_dict(self) -> dict[str, object]:
        record: dict[str, object] = {
            "fingerprint": self.fingerprint,
            "rule_id": self.rule_id,
            "file": self.file,
            "proposal": self.proposal,
            "text": self.text,
        }
        if self.reason:
            record["reason"] = self.reason
        return record


@dataclass(frozen=True)
class Baseline:
    entries: tuple[BaselineEntry, ...]

    @property
    def fingerprints(self) -> frozenset[str]:
        return frozenset(e.fingerprint for e in self.entries)


@dataclass(frozen=True)
class BaselineOutcome:
    """What applying a baseline did to a scan: findings hidden, entries that matched nothing."""

    suppressed: int
    unmatched: tuple[BaselineEntry, ...]


def entry_for(finding: Finding, file: str, reason: str | None = None) -> BaselineEntry:
    return BaselineEntry(
        fingerprint=finding_fingerprint(finding),
        rule_id=finding.rule_id,
        file=file,
        text=_snippet(finding),
        proposal=finding.location.proposal,
        reason=reason,
    )


def build_baseline(findings: Iterable[tuple[str, Finding]], previous: Baseline | None = None) -> Baseline:
    """Entries for (file, finding) pairs, one per fingerprint and file; reasons carried over."""
    reasons = {e.fingerprint: e.reason for e in previous.entries if e.reason} if previous else {}
    entries: dict[tuple[str, str], BaselineEntry] = {}
    for file, finding in findings:
        entry = entry_for(finding, file)
        entry = BaselineEntry(**{**entry.__dict__, "reason": reasons.get(entry.fingerprint)})
        entries.setdefault((entry.file, entry.fingerprint), entry)
    ordered = sorted(entries.values(), key=lambda e: (e.file, e.rule_id, e.fingerprint))
    return Baseline(tuple(ordered))


def apply_baseline(findings: Sequence[Finding], baseline: Baseline, seen: set[str]) -> tuple[list[Finding], int]:
    """The findings the baseline does not accept, and how many it hid.

    `seen` collects the fingerprints that matched, across files, to find stale entries later.
    """
    accepted = baseline.fingerprints
    new = []
    for finding in findings:
        fingerprint = finding_fingerprint(finding)
        if fingerprint in accepted:
            seen.add(fingerprint)
        else:
            new.append(finding)
    return new, len(findings) - len(new)


def unmatched_entries(baseline: Baseline, seen: set[str]) -> tuple[BaselineEntry, ...]:
    return tuple(e for e in baseline.entries if e.fingerprint not in seen)


def write_baseline(baseline: Baseline, path: Path) -> None:
    path.write_text(dump_baseline(baseline, yaml_format=_is_yaml(path)), encoding="utf-8")


def dump_baseline(baseline: Baseline, *, yaml_format: bool = False) -> str:
    document = {"version": BASELINE_VERSION, "entries": [e.to_dict() for e in baseline.entries]}
    if yaml_format:
        import yaml

        return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def read_baseline(path: Path) -> Baseline:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise BaselineError(str(path), f"cannot read: {exc.strerror or exc}") from None
    return _parse(_decode(text, path), str(path))


def _decode(text: str, path: Path) -> object:
    if not _is_yaml(path):
        try:
            return json.loads(text)
        except ValueError as exc:
            raise BaselineError(str(path), f"not valid JSON: {exc}") from None
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise BaselineError(str(path), f"not valid YAML: {exc}") from None


def _parse(document: object, file: str) -> Baseline:
    if not isinstance(document, dict) or not isinstance(document.get("entries"), list):
        raise BaselineError(file, "expected an object with an 'entries' list")
    entries = []
    for index, item in enumerate(document["entries"]):
        if not isinstance(item, dict) or not isinstance(item.get("fingerprint"), str):
            raise BaselineError(file, f"entry {index}: needs a 'fingerprint' string")
        entries.append(
            BaselineEntry(
                fingerprint=item["fingerprint"],
                rule_id=str(item.get("rule_id", "")),
                file=str(item.get("file", "")),
                text=str(item.get("text", "")),
                proposal=item.get("proposal"),
                reason=item.get("reason"),
            )
        )
    return Baseline(tuple(entries))


def _is_yaml(path: Path) -> bool:
    return path.suffix.lower() in {".yaml", ".yml"}


def _snippet(finding: Finding) -> str:
    text = " ".join(finding.passage.text.split())
    if len(text) <= SNIPPET_LENGTH:
        return text
    matched = " ".join(finding.text.split())
    at = max(text.find(matched), 0)
    start = max(0, min(at - 40, len(text) - SNIPPET_LENGTH))
    piece = text[start : start + SNIPPET_LENGTH]
    return ("…" if start else "") + piece + ("…" if start + SNIPPET_LENGTH < len(text) else "")
