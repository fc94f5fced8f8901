"""The `conflictcheck` command: a click group whose subcommands load only when run.

Subcommands live one per module in this package and are imported on demand, so that
`conflictcheck --help` answers without importing spaCy or lxml.
"""

from __future__ import annotations

import importlib

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
