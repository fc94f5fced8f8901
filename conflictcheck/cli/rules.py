"""`conflictcheck rules list|validate|test`: the rulebook as a user sees and tests it."""

from __future__ import annotations

import sys

import click

from conflictcheck.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE

_FOLDERS = click.option(
    "--rules",
    "rule_folders",
    multiple=True,
    type=click.Path(file_okay=False),
    help="Rule folder (repeatable; default: the bundled rulebook).",
)


@click.group()
def rules() -> None:
    """List, validate and test the rule files."""


def _load(rule_folders: tuple[str, ...]):  # type: ignore[no-untyped-def]
    from conflictcheck import ConflictcheckError, load_rulebook

    try:
        return load_rulebook(*rule_folders)
    except ConflictcheckError as exc:
        click.echo(f"conflictcheck: {exc}", err=True)
        sys.exit(EXIT_USAGE)


@rules.command("list")
@_FOLDERS
def list_rules(rule_folders: tuple[str, ...]) -> None:
    """One line per rule: id, lines to take, default severity, title."""
    rulebook = _load(rule_folders)
    for rule in rulebook.rules:
        paragraphs = ",".join(f"§{line.paragraph}" for line in rule.lines_to_take)
        state = "" if rule.enabled else " (disabled)"
        click.echo(f"{rule.id:24} {paragraphs:14} {rule.default_severity.label:7} {rule.title}{state}")


@rules.command()
@_FOLDERS
def validate(rule_folders: tuple[str, ...]) -> None:
    """Load every rule, concept and cue file and report the first error (exit 2)."""
    rulebook = _load(rule_folders)
    from conflictcheck.matching import checker_for

    checker_for(rulebook)  # compiling catches terms the tokenizer cannot turn into patterns
    click.echo(
        f"{len(rulebook.rules)} rules, {len(rulebook.concepts)} shared concepts, {len(rulebook.cues)} cue lists: valid."
    )


@rules.command("test")
@_FOLDERS
@click.option("--rule", "rule_ids", multiple=True, help="Test only this rule (repeatable).")
@click.option("-v", "--verbose", is_flag=True, help="Show every example, not only failures.")
def test_rules(rule_folders: tuple[str, ...], rule_ids: tuple[str, ...], verbose: bool) -> None:
    """Run every rule's examples; exit 1 when one is missed or wrongly flagged."""
    from conflictcheck.rulebook.examples import run_examples

    rulebook = _load(rule_folders)
    results = run_examples(rulebook, rule_ids or None)
    failures = [r for r in results if not r.passed]
    for result in results:
        if verbose or not result.passed:
            click.echo(_describe(result))
    per_rule: dict[str, list[int]] = {}
    for result in results:
        counts = per_rule.setdefault(result.rule.id, [0, 0])
        counts[0] += result.passed
        counts[1] += 1
    for rule_id, (passed, total) in per_rule.items():
        click.echo(f"{rule_id:24} {passed}/{total} examples pass")
    click.echo(f"{len(results) - len(failures)} passed, {len(failures)} failed")
    sys.exit(EXIT_FINDINGS if failures else EXIT_OK)


def _describe(result) -> str:  # type: ignore[no-untyped-def]
    status = "ok    " if result.passed else "MISSED" if result.example.expect == "conflict" else "EXTRA "
    lines = [f"{status} {result.rule.id} [{result.example.expect}, {result.example.part.value}] {result.example.text}"]
    for finding in result.findings:
        lines.append(f"         -> {finding.severity.label}: {finding.explanation.summary()}")
    return "\n".join(lines)
