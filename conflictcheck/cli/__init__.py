"""The `conflictcheck` command: a click group whose subcommands load only when run.

Subcommands live one per module in this package and are imported on demand, so that
`conflictcheck --help` answers without importing spaCy or lxml.
"""

from __future__ import annotations

import atexit
import importlib
import os
import sys

import click

# Exit codes shared by every command (documented in the README and in `--help`).
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_UNREADABLE = 3

_COMMANDS: dict[str, tuple[str, str, str]] = {
    # name: (module, attribute, one-line help shown by --help without importing the module)
    "check": ("conflictcheck.cli.check", "check", "Check a piece of text against the rulebook."),
    "rules": ("conflictcheck.cli.rules", "rules", "List, validate and test the rule files."),
    "eval": (
        "conflictcheck.cli.evaluate",
        "evaluate",
        "Precision and recall on labelled passages.",
    ),
    "extract": (
        "conflictcheck.cli.extract",
        "extract",
        "Show the passages the checker reads in a file.",
    ),
    "scan": (
        "conflictcheck.cli.scan",
        "scan",
        "Scan files and folders of drafts and report findings.",
    ),
    "baseline": (
        "conflictcheck.cli.scan",
        "baseline",
        "Write the accepted findings of a scan to a file.",
    ),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in _COMMANDS:
            return None
        module_name, attribute, _ = _COMMANDS[cmd_name]
        module = importlib.import_module(module_name)
        return getattr(module, attribute)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, _COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


EPILOG = """\b
Exit codes:
  0  nothing at or above the --fail-on severity
  1  findings at or above it
  2  usage or rule-file error
  3  some input could not be read
"""


@click.group(cls=LazyGroup, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="conflictcheck")
def main() -> None:
    """Flag passages of draft ITU texts that cross a party's red lines."""


# The exit code `run` leaves with, once every other exit handler has run; None: exit as usual.
_EXIT_CODE: list[int | None] = [None]


def run() -> None:
    """The console script: `main`, then out without tearing the interpreter down.

    A scan leaves spaCy, the compiled rules and the memories of every word it saw in this process,
    and freeing them one object at a time took 23-40 ms of each run of the benchmark's 200 drafts
    (strace, from the last write to exit_group): more than a warm rescan spends on its reports.
    By then every report is written and its file closed. Exit handlers registered by others
    (multiprocessing, tempfile, logging) still run: this one was registered first, so it runs last.
    """
    atexit.register(_leave_at_once)
    try:
        main()  # click's standalone mode ends in SystemExit with the command's exit code
    except SystemExit as stop:
        if stop.code is None or isinstance(stop.code, int):
            _EXIT_CODE[0] = stop.code or 0
        raise


def _leave_at_once() -> None:
    code = _EXIT_CODE[0]
    if code is None:  # an uncaught exception or an exit message: let Python report it
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe or stream: the usual shutdown says so
        return
    os._exit(code)
