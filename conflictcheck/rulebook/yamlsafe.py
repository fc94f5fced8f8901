"""Load YAML written by users without letting it do anything but describe data.

PyYAML's SafeLoader already refuses object tags; it still expands aliases, which lets a
few lines of "billion laughs" build a structure too large to walk. Rule files never need
aliases, so they are refused outright (a first pass over the parser's events finds them), as
are oversized files. libyaml's C parser is used when PyYAML has it: a rulebook then loads in
a few milliseconds instead of a few hundred.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from conflictcheck.errors import RuleFileError

MAX_RULE_FILE_BYTES = 1_000_000


_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _refuse_aliases(raw: str) -> None:
    for event in yaml.parse(raw, Loader=_SAFE_LOADER):
        if isinstance(event, yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in rule files", event.start_mark
            )


def load_yaml_file(path: Path) -> Any:
    """Parse one rule or concept file; any problem becomes a RuleFileError naming the file."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise RuleFileError(str(path), f"cannot read: {exc.strerror}") from None
    if size > MAX_RULE_FILE_BYTES:
        raise RuleFileError(str(path), f"file is {size} bytes; rule files are limited to 1 MB")
    try:
        raw = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RuleFileError(str(path), f"not UTF-8 text (byte at offset {exc.start})") from None
    try:
        _refuse_aliases(raw)
        return yaml.load(raw, Loader=_SAFE_LOADER)  # the safe loader, C or Python
    except yaml.YAMLError as exc:
        raise RuleFileError(str(path), f"invalid YAML: {_yaml_message(exc)}") from None


def _yaml_message(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    if mark is not None:
        return f"{problem} (line {mark.line + 1}, column {mark.column + 1})"
    return problem
