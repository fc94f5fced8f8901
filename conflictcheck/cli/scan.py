"""`conflictcheck scan` and `conflictcheck baseline`: thin over conflictcheck.scan and reports.

Settings come from the command line first, then the configuration file, then defaults.
Reports for programs go to standard output alone; progress, notes and the summary go to
standard error.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from conflictcheck.cli import EPILOG, EXIT_UNREADABLE, EXIT_USAGE
from conflictcheck.config import FORMAT_NAMES, Config, FormatTarget, fail_threshold, parse_fail_on

if TYPE_CHECKING:
    from conflictcheck.baseline import Baseline
    from conflictcheck.model import Severity
    from conflictcheck.scan import ScanResult

FAIL_ON_CHOICES = ("info", "low", "medium", "high", "never")


class SetupError(click.ClickException):
    """Bad options, configuration, rule files or baseline: exit 2 before any scanning."""

    exit_code = EXIT_USAGE


class DamagedCacheError(click.ClickException):
    """A cache entry that passed its checksum but not decoding (forged): the reports are incomplete."""

    exit_code = EXIT_UNREADABLE


@contextmanager
def damaged_cache_as_error() -> Iterator[None]:
    from conflictcheck.cache_entry import DamagedEntry

    try:
        yield
    except DamagedEntry as exc:
        raise DamagedCacheError(f"cache entry {exc}") from None


class PairedCommand(click.Command):
    """Remembers the order of --format and --output on the command line, to pair them."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["conflictcheck.format_order"] = format_order(args)
        return super().parse_args(ctx, args)


def format_order(args: Sequence[str]) -> list[tuple[str, str]]:
    """[("format", "sarif"), ("output", "x.sarif"), ...] in command-line order."""
    long_names = {"--format": "format", "--output": "output"}
    short_names = {"-f": "format", "-o": "output"}
    found = []
    i = 0
    while i < len(args):
        token = args[i]
        if token == "--":
            break
        kind = long_names.get(token) or short_names.get(token)
        if kind and i + 1 < len(args):
            found.append((kind, args[i + 1]))
            i += 2
            continue
        name, equals, value = token.partition("=")
        if equals and name in long_names:
            found.append((long_names[name], value))
        elif token[:2] in short_names and len(token) > 2:
            found.append((short_names[token[:2]], token[2:]))
        i += 1
    return found


def pair_formats(order: Sequence[tuple[str, str]], default: Sequence[FormatTarget]) -> list[FormatTarget]:
    """Each --output belongs to the --format before it; formats without one go to stdout."""
    targets: list[list[str | None]] = []
    for kind, value in order:
        if kind == "format":
            targets.append([value, None])
        elif targets and targets[-1][1] is None:
            targets[-1][1] = value
        elif not targets:
            # `--output FILE` alone: the configured (or text) report goes there.
            first = default[0].format if default else "text"
            targets.append([first, value])
        else:
            raise SetupError(f"--output {value} follows a --format that already has an output")
    if not targets:
        return list(default) or [FormatTarget("text")]
    chosen = [FormatTarget(str(f), o) for f, o in targets]
    if sum(1 for t in chosen if t.output is None) > 1:
        names = ", ".join(t.format for t in chosen if t.output is None)
        raise SetupError(f"only one format can go to standard output (got {names}); give the others --output")
    return chosen


# --- settings -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    rules: tuple[Path, ...]
    rules_mode: str
    enable: tuple[str, ...] | None
    disable: tuple[str, ...]
    severity: dict[str, Severity]
    fail_on: str
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    jobs: int | None
    show_info: bool
    baseline: Path | None
    use_cache: bool
    cache_dir: Path | None


def load_settings(options: dict[str, Any]) -> tuple[Settings, Config]:
    from conflictcheck.config import ConfigError, load_config

    try:
        config = load_config(options["config"])
    except ConfigError as exc:
        raise SetupError(str(exc)) from None
    fail_on = options.get("fail_on") or config.fail_on or "high"
    settings = Settings(
        rules=tuple(options["rules"]) or config.rules,
        rules_mode=options["rules_mode"] or config.rules_mode,
        enable=tuple(options["enable"]) or config.enable,
        disable=tuple(options["disable"]) or config.disable,
        severity={**config.severity, **_parse_severities(options["severity"])},
        fail_on=parse_fail_on(fail_on),
        include=tuple(options["include"]) or config.include,
        exclude=tuple(options["exclude"]) or config.exclude,
        jobs=options["jobs"] or config.jobs,
        show_info=bool(options.get("show_info") or config.show_info),
        baseline=options.get("baseline") or config.baseline,
        use_cache=not options["no_cache"] and config.cache is not False,
        cache_dir=options["cache_dir"] or config.cache_dir,
    )
    return settings, config


def _parse_severities(values: Sequence[str]) -> dict[str, Severity]:
    from conflictcheck.model import Severity

    out = {}
    for value in values:
        rule_id, sep, label = value.partition("=")
        if not sep:
            raise SetupError(f"--severity {value}: expected RULE=LEVEL, e.g. itr-treaty=medium")
        try:
            out[rule_id.strip()] = Severity.parse(label)
        except ValueError as exc:
            raise SetupError(f"--severity {value}: {exc}") from None
    return out


def rulebook_source(settings: Settings):  # type: ignore[no-untyped-def]
    """The rulebook the settings ask for, loaded only when a file needs analysing."""
    from conflictcheck.scan import RulebookSource

    return RulebookSource(
        folders=settings.rules,
        mode=settings.rules_mode,
        enable=settings.enable,
        disable=settings.disable,
        severity=tuple(sorted((k, v.label) for k, v in settings.severity.items())),
    )


@contextmanager
def rule_errors_as_setup_errors() -> Iterator[None]:
    from conflictcheck.errors import RuleFileError

    try:
        yield
    except RuleFileError as exc:
        raise SetupError(f"rule file error: {exc}") from None
    except KeyError as exc:  # an unknown rule id in enable, disable or severity
        raise SetupError(str(exc.args[0] if exc.args else exc)) from None


def load_baseline(path: Path | None) -> Baseline | None:
    if path is None:
        return None
    from conflictcheck.baseline import BaselineError, read_baseline

    try:
        return read_baseline(path)
    except BaselineError as exc:
        raise SetupError(str(exc)) from None


# --- options shared by both commands ------------------------------------------------------------


def _shared_options(command: Callable) -> Callable:
    options = [
        click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path)),
        click.option(
            "--include",
            multiple=True,
            metavar="GLOB",
            help="Scan only files matching GLOB (repeatable).",
        ),
        click.option("--exclude", multiple=True, metavar="GLOB", help="Skip files and folders matching GLOB."),
        click.option(
            "--jobs",
            "-j",
            type=click.IntRange(min=1),
            help="Files analysed at once [default: all cores].",
        ),
        click.option(
            "--rules",
            multiple=True,
            type=click.Path(file_okay=False, path_type=Path),
            help="A rule folder (repeatable); added to the bundled rules unless --rules-mode replace.",
        ),
        click.option(
            "--rules-mode",
            type=click.Choice(["add", "replace"]),
            help="Add to or replace the bundled rules.",
        ),
        click.option("--enable", multiple=True, metavar="RULE", help="Run only these rules (repeatable)."),
        click.option("--disable", multiple=True, metavar="RULE", help="Do not run this rule (repeatable)."),
        click.option("--severity", multiple=True, metavar="RULE=LEVEL", help="Force a rule's severity."),
        click.option(
            "--config",
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
            help="Configuration file [default: .conflictcheck.toml or pyproject.toml, searched upwards].",
        ),
        click.option(
            "--cache-dir",
            type=click.Path(file_okay=False, path_type=Path),
            help="Where results are cached.",
        ),
        click.option("--no-cache", is_flag=True, help="Analyse every file again; do not store results."),
        click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


SCAN_EPILOG = (
    EPILOG
    + """
\b
3 wins over 1: when a file cannot be read the verdict is incomplete.
Formats: text (default), json, jsonl, sarif, junit, github, markdown, html;
each --output belongs to the --format before it, e.g.
  conflictcheck scan drafts/ -f sarif -o out.sarif -f html -o report.html
"""
)


@click.command(cls=PairedCommand, epilog=SCAN_EPILOG)
@_shared_options
@click.option(
    "--format",
    "-f",
    "formats",
    multiple=True,
    type=click.Choice(FORMAT_NAMES),
    help="Report format.",
)
@click.option(
    "--output",
    "-o",
    "outputs",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="File for the --format before it [default: standard output].",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON_CHOICES),
    help="Lowest severity that fails [default: high].",
)
@click.option("--show-info", is_flag=True, default=None, help="Also show related text that does not conflict.")
@click.option(
    "--baseline",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Hide accepted findings.",
)
@click.option(
    "--annotate",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write Word copies with a comment on each conflict into this folder.",
)
@click.option("--highlight", is_flag=True, help="With --annotate: also highlight the flagged words.")
@click.pass_context
def scan(ctx: click.Context, **options: Any) -> None:
    """Scan files and folders of drafts (.docx, .txt, .md, .pdf) and report findings."""
    from conflictcheck.scan import discover_files, exit_code, scan_files

    settings, config = load_settings(options)
    targets = pair_formats(ctx.meta.get("conflictcheck.format_order", []), config.formats)
    rulebook = rulebook_source(settings)
    baseline = load_baseline(settings.baseline)
    annotate_dir = options["annotate"]
    skip = (annotate_dir,) if annotate_dir else ()
    files, root = _discover(discover_files, options["paths"], settings, skip)
    _refuse_overwrites(targets, files)
    plan = _plan_annotations(files, annotate_dir) if annotate_dir else None
    scan_options = _scan_options(
        settings,
        show_info=settings.show_info,
        baseline=baseline,
        json_report=any(target.format == "json" for target in targets),
    )
    context = _context(settings)
    with damaged_cache_as_error():
        result = _run(scan_files, files, root, rulebook, scan_options, options["quiet"])
        for target in targets:
            _emit(target, result, context)
        if annotate_dir:
            _annotate(result, annotate_dir, plan, options["highlight"], options["quiet"])
    if not options["quiet"]:
        from conflictcheck.reports.summary import render_summary

        click.echo(render_summary(result, context), err=True, nl=False)
    ctx.exit(exit_code(result, fail_threshold(settings.fail_on)))


@click.command(epilog=EPILOG)
@_shared_options
@click.option(
    "--output",
    "-o",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Baseline file to write (.json, or .yaml/.yml); reasons already in it are kept.",
)
@click.pass_context
def baseline(ctx: click.Context, **options: Any) -> None:
    """Write the conflicts a scan finds now to a baseline file, to accept them.

    `scan --baseline FILE` then reports only findings that are not in the file.
    """
    from conflictcheck.baseline import build_baseline, write_baseline
    from conflictcheck.scan import discover_files, scan_files

    options.setdefault("fail_on", None)
    settings, _ = load_settings(options)
    rulebook = rulebook_source(settings)
    files, root = _discover(discover_files, options["paths"], settings, ())
    scan_options = _scan_options(settings)
    output: Path = options["output"]
    previous = _previous_baseline(output)
    with damaged_cache_as_error():
        result = _run(scan_files, files, root, rulebook, scan_options, options["quiet"])
        accepted = build_baseline(((r.display, f) for r, f in result.findings if f.is_conflict), previous)
    output.parent.mkdir(parents=True, exist_ok=True)
    write_baseline(accepted, output)
    click.echo(
        f"Wrote {len(accepted.entries)} baseline entr{'y' if len(accepted.entries) == 1 else 'ies'} to {output}.",
        err=True,
    )
    for unreadable in result.unreadable:
        click.echo(f"  cannot read {unreadable.display}: {unreadable.error}", err=True)
    ctx.exit(3 if result.unreadable else 0)


# --- steps --------------------------------------------------------------------------------------


def _discover(discover_files, paths, settings: Settings, skip):  # type: ignore[no-untyped-def]
    try:
        return discover_files(paths, settings.include, settings.exclude, skip=skip)
    except (FileNotFoundError, OSError) as exc:
        raise SetupError(str(exc)) from None


def _refuse_overwrites(targets: Sequence[FormatTarget], files) -> None:  # type: ignore[no-untyped-def]
    """An output that is an input, by any name (a link too), would be lost: refuse before scanning."""
    inputs: set[tuple[int, int]] | None = None
    for target in targets:
        output = _existing_file(target.output) if target.output else None
        if output is None:
            continue  # not written yet, or not a file (/dev/null): no input can be it
        if inputs is None:  # only now: a stat per input costs a large rescan little, resolving each more
            inputs = {identity for f in files if (identity := _existing_file(f.path)) is not None}
        if output in inputs:
            raise SetupError(f"--output {target.output} is one of the inputs; refusing to overwrite it")


def _existing_file(path: str | Path) -> tuple[int, int] | None:
    """The (device, inode) of the regular file at `path`, links followed; None when there is none."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    return (status.st_dev, status.st_ino) if stat.S_ISREG(status.st_mode) else None


def _plan_annotations(files, annotate_dir: Path):  # type: ignore[no-untyped-def]
    from conflictcheck.reports.annotate_docx import AnnotateError, plan_targets

    sources = {f.path: f.display for f in files if f.path.suffix.lower() == ".docx"}
    try:
        return plan_targets(sources, annotate_dir, [f.path for f in files])
    except AnnotateError as exc:
        raise SetupError(str(exc)) from None


def _run(scan_files, files, root, rulebook, scan_options, quiet: bool) -> ScanResult:  # type: ignore[no-untyped-def]
    with rule_errors_as_setup_errors():
        if quiet or not _progress_wanted():
            result = scan_files(files, root, rulebook, scan_options)
        else:
            with click.progressbar(length=len(files), label="Scanning", file=sys.stderr) as bar:
                result = scan_files(files, root, rulebook, scan_options, progress=bar.update)
        return result


def _progress_wanted() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


def _context(settings: Settings):  # type: ignore[no-untyped-def]
    from conflictcheck.reports import ReportContext

    return ReportContext(fail_on=fail_threshold(settings.fail_on), color=True)


def _scan_options(settings, *, show_info: bool = False, baseline=None, json_report: bool = False):  # type: ignore[no-untyped-def]
    """The scan's options from the merged settings (command line over configuration)."""
    from conflictcheck.scan import ScanOptions

    return ScanOptions(
        include=settings.include,
        exclude=settings.exclude,
        jobs=settings.jobs,
        show_info=show_info,
        use_cache=settings.use_cache,
        cache_dir=settings.cache_dir,
        baseline=baseline,
        json_report=json_report,
    )


def _emit(target: FormatTarget, result: ScanResult, context) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from conflictcheck.reports import MACHINE_FORMATS, write

    if target.output is None and target.format in MACHINE_FORMATS:
        write(target.format, result, sys.stdout, context)
        return
    if target.output is None:
        write(target.format, result, _Echo(), context)
        return
    path = Path(target.output)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as stream:
        write(target.format, result, stream, replace(context, color=False))


class _Echo:
    """Standard output through click.echo, which drops the colours itself when it is not a terminal."""

    def write(self, text: str) -> None:
        click.echo(text, nl=False)


def _annotate(result: ScanResult, annotate_dir: Path, plan, highlight: bool, quiet: bool) -> None:  # type: ignore[no-untyped-def]
    from conflictcheck.reports.annotate_docx import annotate_copies

    reports = annotate_copies(result, annotate_dir, highlight=highlight, plan=plan)
    if quiet:
        return
    comments = sum(r.comments for r in reports)
    copies = f"{len(reports)} Word cop{'y' if len(reports) == 1 else 'ies'}"
    click.echo(f"Annotated {copies} in {annotate_dir} ({comments} comment(s)).", err=True)
    for report in reports:
        for note in report.skipped:
            click.echo(f"  {report.target.name}: not annotated: {note}", err=True)


def _previous_baseline(path: Path) -> Baseline | None:
    if not path.exists():
        return None
    return load_baseline(path)
