"""The human report: findings grouped by file, coloured by severity on a terminal."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import click

from conflictcheck.model import Finding, Severity
from conflictcheck.reports.common import ReportContext, describe_location, lines_to_take
from conflictcheck.reports.streaming import joined

if TYPE_CHECKING:
    from conflictcheck.scan import FileResult, ScanResult

COLOURS = {
    Severity.HIGH: "red",
    Severity.MEDIUM: "yellow",
    Severity.LOW: "cyan",
    Severity.INFO: "white",
}


def render(result: ScanResult, context: ReportContext) -> str:
    return "".join(chunks(result, context))


def chunks(result: ScanResult, context: ReportContext) -> Iterator[str]:
    """The report's lines, a file at a time."""
    yield from joined(_blocks(result, context))
    yield "\n"


def _blocks(result: ScanResult, context: ReportContext) -> Iterator[list[str]]:
    for file_result in result.files:
        yield _file_lines(file_result, context)
    if not any(r.findings for r in result.files) and not result.unreadable:
        yield ["No findings."]


def _file_lines(file_result: FileResult, context: ReportContext) -> list[str]:
    style = _styler(context.color)
    if file_result.error is not None:
        return [style(f"{file_result.display}: cannot read: {file_result.error}", fg="magenta"), ""]
    if not file_result.findings:
        return []
    lines = [style(file_result.display, bold=True)]
    for finding in file_result.findings:
        lines.extend(_finding_lines(finding, style))
    lines.append("")
    return lines


def _finding_lines(finding: Finding, style) -> list[str]:  # type: ignore[no-untyped-def]
    label = style(f"{finding.severity.label.upper():<6}", fg=COLOURS[finding.severity], bold=True)
    lines = [
        f"  {label} {finding.rule_id} ({finding.confidence:.2f}) {finding.title}",
        f"         at {describe_location(finding.location)}",
        f"         text: \u201c{_marked(finding, style)}\u201d",
        f"         why: {finding.explanation.summary()}",
    ]
    lines.extend(f"         line to take {x}" for x in lines_to_take(finding))
    if finding.suggestion:
        lines.append(f"         suggest: {_one_line(finding.suggestion)}")
    return lines


def _marked(finding: Finding, style) -> str:  # type: ignore[no-untyped-def]
    text = finding.passage.text
    before, hit, after = (
        text[: finding.start],
        text[finding.start : finding.end],
        text[finding.end :],
    )
    before = ("…" + before[-60:]) if len(before) > 60 else before
    after = (after[:60] + "…") if len(after) > 60 else after
    return _one_line(before) + style(_one_line(hit), underline=True, bold=True) + _one_line(after)


def _one_line(text: str) -> str:
    # Collapse runs of whitespace but keep them: the pieces around a match are joined again.
    return re.sub(r"\s+", " ", text)


def _styler(color: bool):  # type: ignore[no-untyped-def]
    if color:
        return click.style
    return lambda text, **_: text
