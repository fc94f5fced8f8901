"""`conflictcheck check TEXT`: judge one passage and explain the verdict."""

from __future__ import annotations

import sys

import click

from conflictcheck.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE

PARTS = ["operative", "invitation", "preamble", "reasons", "annex", "heading", "other"]
SEVERITIES = ["info", "low", "medium", "high"]


@click.command()
@click.argument("text")
@click.option(
    "--part",
    type=click.Choice(PARTS),
    help="Where the passage stands (inferred from its opening words if not given).",
)
@click.option("--deleted", is_flag=True, help="The passage is text proposed for deletion.")
@click.option(
    "--rules",
    "rule_folders",
    multiple=True,
    type=click.Path(file_okay=False),
    help="Rule folder (repeatable; default: the bundled rulebook).",
)
@click.option(
    "--show-info",
    is_flag=True,
    help="Also show related passages that do not conflict (severity info).",
)
@click.option(
    "--fail-on",
    type=click.Choice([*SEVERITIES, "never"]),
    default="high",
    show_default=True,
    help="Exit 1 when a finding reaches this severity.",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def check(
    text: str,
    part: str | None,
    deleted: bool,
    rule_folders: tuple[str, ...],
    show_info: bool,
    fail_on: str,
    fmt: str,
) -> None:
    """Check TEXT (or '-' for standard input) against the rulebook."""
    import json

    from conflictcheck import ConflictcheckError, Severity, load_rulebook
    from conflictcheck.cli.output import format_finding
    from conflictcheck.matching import check_text

    if text == "-":
        text = sys.stdin.read()
    try:
        rulebook = load_rulebook(*rule_folders)
    except ConflictcheckError as exc:
        click.echo(f"conflictcheck: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    findings = check_text(text, rulebook, part=part, deleted=deleted)
    shown = [f for f in findings if show_info or f.is_conflict]
    if fmt == "json":
        click.echo(json.dumps([f.to_dict() for f in shown], indent=2, ensure_ascii=False))
    elif not shown:
        click.echo("No conflict found.")
    else:
        colour = sys.stdout.isatty()
        click.echo("\n\n".join(format_finding(f, colour=colour) for f in shown))
    threshold = None if fail_on == "never" else Severity.parse(fail_on)
    failed = threshold is not None and any(f.severity >= threshold and f.is_conflict for f in findings)
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)
