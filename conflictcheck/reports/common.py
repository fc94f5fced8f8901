"""What every format says the same way: where a finding is, the line to take, severity order."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from conflictcheck.model import Finding, LineToTake, Location, Part, Rule, Severity

if TYPE_CHECKING:
    from conflictcheck.scan import ScanResult

SEVERITIES_DOWN = tuple(sorted(Severity, reverse=True))  # high, medium, low, info


@dataclass(frozen=True)
class ReportContext:
    """What a report needs besides the findings."""

    fail_on: Severity | None = Severity.HIGH  # None: --fail-on never
    color: bool = False  # ANSI colours (the text format on a terminal)

    def fails(self, finding: Finding) -> bool:
        return self.fail_on is not None and finding.severity >= self.fail_on

    @property
    def fail_on_label(self) -> str:
        return self.fail_on.label if self.fail_on is not None else "never"

    def failing_phrase(self, emphasis: str = "") -> str:
        """What makes the scan fail, for a report's opening line; `emphasis` wraps the severity."""
        if self.fail_on is None:
            return "never failing on findings"
        return f"failing at {emphasis}{self.fail_on.label}{emphasis} and above"


def tool_version() -> str:
    from conflictcheck.cache import tool_version as version

    return version()


def describe_location(location: Location, *, with_file: bool = False) -> str:
    """As a negotiator would cite it: 'proposal MOD EUR/44A2/1, operative part (instructs ...),
    item 2, paragraph 14'. Paragraphs are counted from 1 here (the record counts from 0)."""
    bits = []
    if with_file and location.file:
        bits.append(location.file)
    if location.proposal:
        bits.append(f"proposal {location.action + ' ' if location.action else ''}{location.proposal}")
    if location.resolution:
        bits.append(location.resolution)
    if location.part is not Part.OTHER:
        part = f"{location.part.value} part"
        bits.append(f"{part} ({location.intro})" if location.intro else part)
    if location.item:
        bits.append(f"item {location.item}")
    if location.story not in ("body", ""):
        bits.append(location.story)
    if location.line is not None:
        bits.append(f"line {location.line}")
    else:
        bits.append(f"paragraph {location.paragraph + 1}")
    return ", ".join(bits)


def line_to_take(line: LineToTake) -> str:
    return f"§{line.paragraph}: {line.text}"


def lines_to_take(finding: Finding) -> list[str]:
    return [line_to_take(x) for x in finding.explanation.lines_to_take]


def rule_lines(rule: Rule) -> list[str]:
    return [line_to_take(x) for x in rule.lines_to_take]


def fingerprint(finding: Finding) -> str:
    from conflictcheck.baseline import finding_fingerprint

    return finding_fingerprint(finding)


def finding_record(finding: Finding) -> dict[str, object]:
    """Finding.to_dict() plus the fingerprint a baseline and SARIF use."""
    record = finding.to_dict()
    record["fingerprint"] = fingerprint(finding)
    return record


def severity_counts(result: ScanResult) -> dict[str, int]:
    counts: Counter[Severity] = Counter()
    for (_, severity), count in result.counts().items():
        counts[severity] += count
    return {s.label: counts.get(s, 0) for s in SEVERITIES_DOWN}


def rule_counts(result: ScanResult) -> dict[str, dict[str, int]]:
    """{rule id: {severity: count}} for rules with findings, rule ids sorted."""
    table: dict[str, dict[str, int]] = {}
    for (rule_id, severity), count in sorted(result.counts().items()):
        table.setdefault(rule_id, {})[severity.label] = count
    return table


def summary_record(result: ScanResult, context: ReportContext) -> dict[str, object]:
    from conflictcheck.scan import exit_code

    record: dict[str, object] = {
        "files": len(result.files),
        "unreadable": len(result.unreadable),
        "passages": result.passages,
        "findings": result.finding_count,
        "by_severity": severity_counts(result),
        "by_rule": rule_counts(result),
        "fail_on": context.fail_on_label,
        "exit_code": exit_code(result, context.fail_on),
    }
    if not result.show_info:
        record["hidden_info"] = sum(r.hidden_info for r in result.files)
    if result.baseline is not None:
        record["suppressed"] = result.baseline.suppressed
    return record


def baseline_record(result: ScanResult) -> dict[str, object] | None:
    if result.baseline is None:
        return None
    return {
        "suppressed": result.baseline.suppressed,
        "unmatched": [e.to_dict() for e in result.baseline.unmatched],
    }
