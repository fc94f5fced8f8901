"""`conflictcheck extract FILE`: the passages the checker reads, with where each stands."""

from __future__ import annotations

import click

from conflictcheck.cli import EXIT_UNREADABLE


@click.command(name="extract")
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for reading, json for tools: a list of passages with their locations.",
)
@click.option(
    "--formatting-marks/--no-formatting-marks",
    default=None,
    help="Read struck-through runs as deleted and underlined runs as inserted text "
    "(default: on for proposals with ADD/MOD headers, off otherwise).",
)
def extract(file: str, output_format: str, formatting_marks: bool | None) -> None:
    """Show the passages read from FILE, in order, with their locations.

    Deleted text (tracked deletions, and struck-through text with formatting marks) is shown
    as its own passage, marked DELETED. Exits 3 when the file cannot be read.
    """
    import json

    from conflictcheck.documents import read_document
    from conflictcheck.errors import DocumentError

    try:
        passages = read_document(file, formatting_marks=formatting_marks)
    except DocumentError as exc:
        click.echo(f"error: {_one_line(str(exc))}", err=True)
        raise SystemExit(EXIT_UNREADABLE) from None
    if output_format == "json":
        click.echo(json.dumps([p.to_dict() for p in passages], ensure_ascii=False, indent=2))
        return
    for passage in passages:
        click.echo(_describe(passage))


def _describe(passage: object) -> str:
    loc = passage.location  # type: ignore[attr-defined]
    where = [f"{loc.story} ¶{loc.paragraph}" if loc.line is None else f"line {loc.line}"]
    where.append(loc.part.value)
    if loc.proposal:
        where.append(f"{loc.action} {loc.proposal}")
    if loc.resolution:
        where.append(loc.resolution)
    if loc.intro:
        where.append(f"«{loc.intro}»")
    if loc.item:
        where.append(f"item {loc.item}")
    marks = ""
    if passage.deleted:  # type: ignore[attr-defined]
        marks = " DELETED"
    elif passage.inserted:  # type: ignore[attr-defined]
        marks = " INSERTED"
    text = " ".join(passage.text.split())  # type: ignore[attr-defined]
    return f"[{' | '.join(where)}]{marks}\n    {text}"


def _one_line(message: str) -> str:
    return " ".join(message.split())
