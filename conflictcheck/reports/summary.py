"""The closing summary on standard error: counts, by rule and severity, and what failed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from conflictcheck.reports.common import SEVERITIES_DOWN, ReportContext, rule_counts

if TYPE_CHECKING:
    from conflictcheck.scan import ScanResult


def render_summary(result: ScanResult, context: ReportContext) -> str:
    findings = result.finding_count
    cached = sum(1 for r in result.files if r.cached)
    lines = [
        f"Scanned {len(result.files)} file(s) ({cached} from cache), {result.passages} passage(s): "
        f"{findings} finding(s) shown; {context.failing_phrase()}."
    ]
    lines.extend(_rule_table(result))
    hidden = sum(r.hidden_info for r in result.files)
    if hidden and not result.show_info:
        lines.append(f"{hidden} related passage(s) that do not conflict hidden (--show-info shows them).")
    lines.extend(_baseline_lines(result))
    if result.unreadable:
        lines.append(f"{len(result.unreadable)} file(s) could not be read:")
        lines.extend(f"  {r.display}: {r.error}" for r in result.unreadable)
    return "\n".join(lines) + "\n"


def _rule_table(result: ScanResult) -> list[str]:
    table = rule_counts(result)
    if not table:
        return []
    labels = [s.label for s in SEVERITIES_DOWN]
    width = max(len(r) for r in table) + 2
    lines = ["  " + "rule".ljust(width) + "".join(f"{x:>8}" for x in labels)]
    for rule_id, counts in table.items():
        lines.append("  " + rule_id.ljust(width) + "".join(f"{counts.get(x, 0):>8}" for x in labels))
    return lines


def _baseline_lines(result: ScanResult) -> list[str]:
    if result.baseline is None:
        return []
    lines = [f"Baseline: {result.baseline.suppressed} accepted finding(s) not shown."]
    stale = result.baseline.unmatched
    if stale:
        lines.append(f"{len(stale)} baseline entr{'y' if len(stale) == 1 else 'ies'} matched nothing:")
        lines.extend(f"  {e.file}: {e.rule_id}: {e.text[:80]}" for e in stale)
    return lines
