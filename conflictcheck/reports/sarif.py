"""SARIF 2.1.0, for code-scanning dashboards (GitHub, GitLab, Azure DevOps).

Artifact URIs are relative to the scan root (`SRCROOT`); Word paragraphs have no lines, so a
DOCX result's region gives the paragraph number as `startLine` (counted from 1, as in the text
report) and the matched words as its snippet, and logical locations name the proposal,
resolution and paragraph. `partialFingerprints` carry the baseline fingerprint.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import quote

from conflictcheck.model import Finding, Rule, Severity
from conflictcheck.reports.common import (
    ReportContext,
    baseline_record,
    fingerprint,
    rule_lines,
    tool_version,
)
from conflictcheck.reports.streaming import Collect, Streamed, json_chunks

if TYPE_CHECKING:
    from conflictcheck.scan import ScanResult

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "conflictcheck/v1"
LEVELS = {
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "none",
}


def build(result: ScanResult, context: ReportContext) -> dict[str, object]:
    return _document(result, context, list)


def render(result: ScanResult, context: ReportContext) -> str:
    return "".join(chunks(result, context))


def chunks(result: ScanResult, context: ReportContext) -> Iterator[str]:
    """The log with its artifacts, results and notifications encoded one at a time; the same
    characters as json.dumps(build(...), indent=2, ensure_ascii=False) + newline."""
    return json_chunks(_document(result, context, Streamed))


def _document(result: ScanResult, context: ReportContext, collect: Collect) -> dict[str, object]:
    rules = [r for r in result.rules if r.enabled]
    index = {r.id: i for i, r in enumerate(rules)}
    baselined = result.baseline is not None
    run: dict[str, object] = {
        "tool": {
            "driver": {
                "name": "conflictcheck",
                "version": tool_version(),
                "rules": [_rule(r) for r in rules],
            }
        },
        "originalUriBaseIds": {"SRCROOT": {"uri": result.root.as_uri().rstrip("/") + "/"}},
        "artifacts": collect({"location": _artifact(r.display)} for r in result.files),
        "results": collect(_result(f, r.display, index, baselined) for r, f in result.findings),
        "invocations": [_invocation(result, collect)],
        "properties": {
            "rulebookFingerprint": result.rulebook_fingerprint,
            "failOn": context.fail_on_label,
        },
    }
    baseline = baseline_record(result)
    if baseline is not None:
        run["properties"]["baseline"] = baseline  # type: ignore[index]
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _rule(rule: Rule) -> dict[str, object]:
    lines = rule_lines(rule)
    help_text = "Line to take: " + " ".join(lines) if lines else rule.title
    markdown = "\n".join(f"- {x}" for x in lines) or rule.title
    if rule.suggestion:
        help_text += f"\nSuggested wording: {rule.suggestion}"
        markdown += f"\n\n**Suggested wording:** {rule.suggestion}"
    record: dict[str, object] = {
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": rule.title},
        "help": {"text": help_text, "markdown": "**Lines to take**\n\n" + markdown},
        "defaultConfiguration": {"level": LEVELS[rule.default_severity]},
        "properties": {
            "tags": ["red-line"],
            "linesToTake": [x.paragraph for x in rule.lines_to_take],
        },
    }
    if rule.rationale:
        record["fullDescription"] = {"text": rule.rationale}
    return record


def _artifact(display: str) -> dict[str, str]:
    return {"uri": quote(display), "uriBaseId": "SRCROOT"}


def _result(finding: Finding, display: str, index: dict[str, int], baselined: bool) -> dict[str, object]:
    location = finding.location
    region: dict[str, object] = {
        "startLine": location.line if location.line is not None else location.paragraph + 1,
        "snippet": {"text": finding.text},
    }
    record: dict[str, object] = {
        "ruleId": finding.rule_id,
        "level": LEVELS[finding.severity],
        "message": {"text": f"{finding.title}: {finding.explanation.summary()}"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": _artifact(display),
                    "region": region,
                    "contextRegion": {
                        "startLine": region["startLine"],
                        "snippet": {"text": finding.passage.text},
                    },
                },
                "logicalLocations": _logical(finding),
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(finding)},
        "properties": {
            "severity": finding.severity.label,
            "confidence": round(finding.confidence, 3),
            "part": location.part.value,
            "story": location.story,
            "paragraph": location.paragraph,
            "suggestion": finding.suggestion,
            "linesToTake": [{"paragraph": x.paragraph, "text": x.text} for x in finding.explanation.lines_to_take],
        },
    }
    if finding.rule_id in index:
        record["ruleIndex"] = index[finding.rule_id]
    if finding.severity == Severity.INFO:
        record["kind"] = "informational"
    if baselined:
        record["baselineState"] = "new"
    return record


def _logical(finding: Finding) -> list[dict[str, str]]:
    location = finding.location
    out = []
    if location.resolution:
        out.append({"name": location.resolution, "kind": "namespace"})
    if location.proposal:
        action = f"{location.action} " if location.action else ""
        out.append(
            {
                "name": location.proposal,
                "fullyQualifiedName": f"{action}{location.proposal}",
                "kind": "module",
            }
        )
    out.append(
        {
            "name": f"paragraph {location.paragraph + 1}",
            "fullyQualifiedName": f"{location.story}/paragraph[{location.paragraph + 1}]",
            "kind": "element",
        }
    )
    return out


def _invocation(result: ScanResult, collect: Collect) -> dict[str, object]:
    notes = (
        {
            "level": "error",
            "message": {"text": f"cannot read: {r.error}"},
            "locations": [{"physicalLocation": {"artifactLocation": _artifact(r.display)}}],
        }
        for r in result.unreadable
    )
    return {"executionSuccessful": not result.unreadable, "toolExecutionNotifications": collect(notes)}
