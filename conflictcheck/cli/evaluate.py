"""`conflictcheck eval LABELLED.jsonl`: precision, recall and F1 per rule, beside a keyword baseline."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from conflictcheck.cli import EXIT_OK, EXIT_USAGE


@click.command()
@click.argument("labelled", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--rules",
    "rule_folders",
    multiple=True,
    type=click.Path(file_okay=False),
    help="Rule folder (repeatable; default: the bundled rulebook).",
)
@click.option(
    "--predictions",
    type=click.Path(dir_okay=False, writable=True),
    help="Write {passage id: [rule ids flagged]} as JSON here.",
)
@click.option("--errors", "show_errors", is_flag=True, help="List each false positive and false negative.")
def evaluate(labelled: str, rule_folders: tuple[str, ...], predictions: str | None, show_errors: bool) -> None:
    """Score the checker on LABELLED passages (one JSON object per line)."""
    from conflictcheck import ConflictcheckError, load_rulebook
    from conflictcheck.evaluation import evaluate as run
    from conflictcheck.evaluation import read_labelled

    try:
        rulebook = load_rulebook(*rule_folders)
        passages = read_labelled(labelled)
    except ConflictcheckError as exc:
        click.echo(f"conflictcheck: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    report = run(passages, rulebook)
    click.echo(f"{len(passages)} passages from {labelled}")
    click.echo(
        f"{'rule':24} {'P':>5} {'R':>5} {'F1':>5}  {'tp':>3} {'fp':>3} {'fn':>3}   baseline {'P':>5} {'R':>5} {'F1':>5}"
    )
    for label in report.labels:
        click.echo(_row(label, report.checker[label], report.baseline[label]))
    click.echo(_row("overall", report.overall(report.checker), report.overall(report.baseline)))
    if show_errors:
        for passage_id, label, kind in report.errors:
            click.echo(f"{kind} {passage_id} {label}")
    if predictions:
        Path(predictions).write_text(json.dumps(report.predictions, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    sys.exit(EXIT_OK)


def _row(label, score, baseline) -> str:  # type: ignore[no-untyped-def]
    return (
        f"{label:24} {score.precision:5.2f} {score.recall:5.2f} {score.f1:5.2f}  {score.tp:3} {score.fp:3} {score.fn:3}"
        f"   baseline {baseline.precision:5.2f} {baseline.recall:5.2f} {baseline.f1:5.2f}"
    )
