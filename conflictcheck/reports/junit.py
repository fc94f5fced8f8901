"""JUnit XML, for CI test dashboards: a test suite per file, a test case per rule.

A case fails when the file has findings of that rule at or above --fail-on; findings below it
are listed in the case's system-out. An unreadable file is a suite with one erroring case.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import TYPE_CHECKING

from conflictcheck.model import Finding
from conflictcheck.reports.common import ReportContext, describe_location, lines_to_take

if TYPE_CHECKING:
    from conflictcheck.scan import FileResult, ScanResult


COUNTS = ("tests", "failures", "errors")


def render(result: ScanResult, context: ReportContext) -> str:
    return "".join(chunks(result, context))


def chunks(result: ScanResult, context: ReportContext) -> Iterator[str]:
    """The document a suite at a time, as ET.indent and ET.tostring would write the whole tree.

    The root's totals come first, so they are counted in a pass that builds no elements; each
    suite is then built, indented one level in, and written on its own.
    """
    rule_ids = list(result.enabled_rule_ids)
    root = ET.Element("testsuites", {"name": "conflictcheck", **_totals(result, rule_ids, context)})
    if not result.files:
        yield _xml(root) + "\n"  # a childless root is written as one empty-element tag
        return
    marker = f"streamed-{os.urandom(8).hex()}"
    root.text = marker  # where the suites go: the text cut there gives the root's tags
    head, tail = _xml(root).split(marker)
    yield head
    for file_result in result.files:
        suite = _suite(file_result, rule_ids, context)
        ET.indent(suite, level=1)
        # The whitespace ET.indent(root) would give: each suite on its own line, two spaces in.
        yield "\n  " + ET.tostring(suite, encoding="unicode")
    yield "\n" + tail + "\n"


def _xml(root: ET.Element) -> str:
    return ET.tostring(root, encoding="unicode", xml_declaration=True)


def _totals(result: ScanResult, rule_ids: list[str], context: ReportContext) -> dict[str, str]:
    totals = dict.fromkeys(COUNTS, 0)
    for file_result in result.files:
        for key, count in _counts(file_result, _cases(file_result, rule_ids), context).items():
            totals[key] += count
    return {key: str(count) for key, count in totals.items()}


def _cases(file_result: FileResult, rule_ids: list[str]) -> dict[str, list[Finding]]:
    """A file's findings by test case: every enabled rule, then other rules found, sorted."""
    by_rule: dict[str, list[Finding]] = {}
    for finding in file_result.findings:
        by_rule.setdefault(finding.rule_id, []).append(finding)
    return {rule_id: by_rule.get(rule_id, []) for rule_id in [*rule_ids, *sorted(set(by_rule) - set(rule_ids))]}


def _counts(file_result: FileResult, cases: dict[str, list[Finding]], context: ReportContext) -> dict[str, int]:
    if file_result.error is not None:
        return {"tests": 1, "failures": 0, "errors": 1}
    failures = sum(1 for findings in cases.values() if any(context.fails(f) for f in findings))
    return {"tests": len(cases), "failures": failures, "errors": 0}


def _suite(file_result: FileResult, rule_ids: list[str], context: ReportContext) -> ET.Element:
    cases = _cases(file_result, rule_ids)
    counts = {key: str(count) for key, count in _counts(file_result, cases, context).items()}
    suite = ET.Element("testsuite", {"name": file_result.display, **counts})
    if file_result.error is not None:
        case = ET.SubElement(suite, "testcase", classname=file_result.display, name="read")
        ET.SubElement(case, "error", message=_clean(file_result.error), type="unreadable")
        return suite
    for rule_id, findings in cases.items():
        _case(suite, file_result.display, rule_id, findings, context)
    return suite


def _case(suite: ET.Element, display: str, rule_id: str, findings: list[Finding], context: ReportContext) -> None:
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
