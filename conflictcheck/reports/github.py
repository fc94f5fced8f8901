"""GitHub Actions workflow commands: one annotation line per finding, shown on the file.

Findings at or above --fail-on are errors, other conflicts warnings, info notices. Values are
escaped as the runner expects: %, CR and LF in the message; also : and , in properties.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from conflictcheck.model import Finding
from conflictcheck.reports.common import ReportContext, describe_location, lines_to_take

if TYPE_CHECKING:
    from conflictcheck.scan import ScanResult


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **properties: object) -> str:
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items() if v is not None)
    return f"::{kind} {props}::{escape_data(message)}" if props else f"::{kind}::{escape_data(message)}"


def render(result: ScanResult, context: ReportContext) -> str:
    return "".join(chunks(result, context))


def chunks(result: ScanResult, context: ReportContext) -> Iterator[str]:
    for r in result.unreadable:
        yield command("error", f"cannot read: {r.error}", file=r.display, title="conflictcheck: unreadable file") + "\n"
    for file_result, finding in result.findings:
        yield _annotation(file_result.display, finding, context) + "\n"


def _annotation(display: str, finding: Finding, context: ReportContext) -> str:
    if context.fails(finding):
        kind = "error"
    elif finding.is_conflict:
        kind = "warning"
    else:
        kind = "notice"
    message = "\n".join(
        [
            f"{finding.severity.label.upper()} at {describe_location(finding.location)}: \u201c{finding.text}\u201d",
            finding.explanation.summary(),
            *(f"Line to take {x}" for x in lines_to_take(finding)),
            *([f"Suggested wording: {finding.suggestion}"] if finding.suggestion else []),
        ]
    )
    title = f"{finding.rule_id}: {finding.title}"
    return command(kind, message, file=display, line=finding.location.line, title=title)
