"""Plain-text rendering of findings for the terminal, shared by the commands."""

from __future__ import annotations

import click

from conflictcheck.model import Finding, Severity

_COLOURS = {
    Severity.HIGH: "red",
    Severity.MEDIUM: "yellow",
    Severity.LOW: "cyan",
    Severity.INFO: "bright_black",
}


def format_finding(finding: Finding, *, colour: bool = False) -> str:
    label = f"[{finding.severity.label}]"
    if colour:
        label = click.style(label, fg=_COLOURS[finding.severity], bold=finding.severity == Severity.HIGH)
    where = _where(finding)
    lines = [
        f"{label} {finding.rule_id}: {finding.title}{where}",
        f'    matched: "{finding.text}" (confidence {finding.confidence:.2f})',
        f"    why: {finding.explanation.summary()}",
    ]
    for line in finding.explanation.lines_to_take[:1]:
        lines.append(f"    line to take §{line.paragraph}: {_clip(line.text, 220)}")
    if finding.is_conflict:
        lines.append(f"    suggestion: {finding.suggestion}")
    return "\n".join(lines)


def _where(finding: Finding) -> str:
    loc = finding.location
    bits = [b for b in (loc.file, loc.proposal, loc.item and f"item {loc.item}") if b]
    return f" ({', '.join(bits)})" if bits else ""


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
