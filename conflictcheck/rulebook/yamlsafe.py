"""Load YAML written by users without letting it do anything but describe data.

PyYAML's SafeLoader already refuses object tags; it still expands aliases, which lets a
few lines of "billion laughs" build a structure too large to walk. Rule files never need
aliases, so they are refused outright, as are oversized files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from conflictcheck.errors import RuleFileError

MAX_RULE_FILE_BYTES = 1_000_000


class _NoAliasSafeLoader(yaml.SafeLoader):
    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in rule files", event.start_mark
            )
        return super().compose_node(parent, index)


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
        return yaml.load(raw, Loader=_NoAliasSafeLoader)
    except yaml.YAMLError as exc:
        raise RuleFileError(str(path), f"invalid YAML: {_yaml_message(exc)}") from None


def _yaml_message(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    if mark is not None:
        return f"{problem} (line {mark.line + 1}, column {mark.column + 1})"
    return problem
