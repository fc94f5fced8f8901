"""JUnit XML, for CI test dashboards: a test suite per file, a test case per rule.

A case fails when the file has findings of that rule at or above --fail-on; findings below it
are listed in the case's system-out. An unreadable file is a suite with one erroring case.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from conflictcheck.model import Finding
from conflictcheck.reports.common import ReportContext, describe_location, lines_to_take

if TYPE_CHECKING:
    from conflictcheck.scan import FileResult, ScanResult


def render(result: ScanResult, context: ReportContext) -> str:
    root = ET.Element("testsuites", name="conflictcheck")
    rule_ids = [r.id for r in result.rules if r.enabled]
    for file_result in result.files:
        root.append(_suite(file_result, rule_ids, context))
    for key in ("tests", "failures", "errors"):
        root.set(key, str(sum(int(s.get(key, "0")) for s in root)))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _suite(file_result: FileResult, rule_ids: list[str], context: ReportContext) -> ET.Element:
    suite = ET.Element("testsuite", name=file_result.display)
    if file_result.error is not None:
        case = ET.SubElement(suite, "testcase", classname=file_result.display, name="read")
        ET.SubElement(case, "error", message=_clean(file_result.error), type="unreadable")
        suite.set("tests", "1")
        suite.set("failures", "0")
        suite.set("errors", "1")
        return suite
    by_rule: dict[str, list[Finding]] = {}
    for finding in file_result.findings:
        by_rule.setdefault(finding.rule_id, []).append(finding)
    failures = 0
    for rule_id in [*rule_ids, *sorted(set(by_rule) - set(rule_ids))]:
        failures += _case(suite, file_result.display, rule_id, by_rule.get(rule_id, []), context)
    suite.set("tests", str(len(suite)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    return suite


def _case(suite: ET.Element, display: str, rule_id: str, findings: list[Finding], context: ReportContext) -> int:
    case = ET.SubElement(suite, "testcase", classname=display, name=rule_id)
    failing = [f for f in findings if context.fails(f)]
    if failing:
        worst = max(f.severity for f in failing)
        message = f"{len(failing)} finding(s) at or above {context.fail_on_label}: {failing[0].title}"
        failure = ET.SubElement(case, "failure", message=_clean(message), type=worst.label)
        failure.text = _clean("\n\n".join(_describe(f) for f in failing))
    passing = [f for f in findings if not context.fails(f)]
    if passing:
        ET.SubElement(case, "system-out").text = _clean("\n\n".join(_describe(f) for f in passing))
    return 1 if failing else 0


def _describe(finding: Finding) -> str:
    lines = [
        f"{finding.severity.label.upper()} {finding.rule_id} at {describe_location(finding.location)}",
        f"text: {finding.text}",
        f"passage: {finding.passage.text}",
        f"why: {finding.explanation.summary()}",
        *(f"line to take {x}" for x in lines_to_take(finding)),
    ]
    if finding.suggestion:
        lines.append(f"suggest: {finding.suggestion}")
    return "\n".join(lines)


def _clean(text: str) -> str:
    # XML 1.0 cannot hold most control characters, even escaped; drafts sometimes do.
    return "".join(c for c in text if c in "\t\n\r" or ord(c) >= 0x20)
