"""Markdown, for pull-request comments and wikis: a summary table, then each finding.

Draft text is untrusted: HTML is escaped and Markdown punctuation backslash-escaped, so a
passage cannot inject links, images or markup into the page that renders the report.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from conflictcheck.model import Finding
from conflictcheck.reports.common import (
    SEVERITIES_DOWN,
    ReportContext,
    describe_location,
    lines_to_take,
    rule_counts,
)
from conflictcheck.reports.streaming import joined, rstripped

if TYPE_CHECKING:
    from conflictcheck.scan import FileResult, ScanResult

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#!|~>])")


def escape(text: str) -> str:
    flat = re.sub(r"\s+", " ", text)  # one line, but keep the spaces around a match
    escaped = _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(flat, quote=False))
    # A leading - or + would start a list; inside words they are plain hyphens.
    return "\\" + escaped if escaped[:1] in ("-", "+") else escaped


def render(result: ScanResult, context: ReportContext) -> str:
    return "".join(chunks(result, context))


def chunks(result: ScanResult, context: ReportContext) -> Iterator[str]:
    """The report's lines, a file's section at a time, without trailing blank lines."""
    yield from rstripped(joined(_blocks(result, context)))
    yield "\n"


def _blocks(result: ScanResult, context: ReportContext) -> Iterator[list[str]]:
    total = result.finding_count
    yield [
        "# conflictcheck report",
        "",
        f"{len(result.files)} file(s), {result.passages} passage(s), {total} finding(s); "
        f"{context.failing_phrase('**')}.",
        "",
    ]
    yield _summary_table(result)
    yield _unreadable(result)
    for file_result in result.files:
        yield _file_section(file_result)


def _summary_table(result: ScanResult) -> list[str]:
    table = rule_counts(result)
    if not table:
        return ["No findings.", ""]
    labels = [s.label for s in SEVERITIES_DOWN]
    lines = ["| rule | " + " | ".join(labels) + " |", "|---|" + "---:|" * len(labels)]
    for rule_id, counts in table.items():
        lines.append(f"| {escape(rule_id)} | " + " | ".join(str(counts.get(x, 0)) for x in labels) + " |")
    return [*lines, ""]


def _unreadable(result: ScanResult) -> list[str]:
    if not result.unreadable:
        return []
    items = [f"- `{escape(r.display)}`: {escape(r.error or '')}" for r in result.unreadable]
    return ["## Files that could not be read", "", *items, ""]


def _file_section(file_result: FileResult) -> list[str]:
    if not file_result.findings:
        return []
    lines = [f"## {escape(file_result.display)}", ""]
    for number, finding in enumerate(file_result.findings, 1):
        lines.extend(_finding(number, finding))
    return lines


def _finding(number: int, finding: Finding) -> list[str]:
    text = finding.passage.text
    # <b> rather than **: emphasis markers would need spaces when a match starts mid-word.
    quoted = (
        escape(text[: finding.start])
        + "<b>"
        + escape(text[finding.start : finding.end])
        + "</b>"
        + escape(text[finding.end :])
    )
    lines = [
        f"### {number}. {finding.severity.label.upper()}: {escape(finding.title)} (`{finding.rule_id}`)",
        "",
        f"- **Where:** {escape(describe_location(finding.location))}",
        f"- **Why:** {escape(finding.explanation.summary())}",
        *(f"- **Line to take** {escape(x)}" for x in lines_to_take(finding)),
    ]
    if finding.suggestion:
        lines.append(f"- **Suggested wording:** {escape(finding.suggestion)}")
    return [*lines, "", "> " + quoted.strip(), ""]
