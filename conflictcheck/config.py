"""Project configuration: `[tool.conflictcheck]` in pyproject.toml or a `.conflictcheck.toml`.

The file is found from the current folder upwards (or named with `--config`); paths in it are
read relative to the file. Every key is checked, so a typo is an error naming the file and key
rather than a setting silently ignored. Command-line options win over the file.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from conflictcheck.errors import ConflictcheckError
from conflictcheck.model import Severity

CONFIG_NAME = ".conflictcheck.toml"
FORMAT_NAMES = ("text", "json", "jsonl", "sarif", "junit", "github", "markdown", "html")
NEVER = "never"


class ConfigError(ConflictcheckError):
    """A configuration file is invalid: names the file and the key."""

    def __init__(self, file: str, message: str, *, key: str | None = None):
        self.file = file
        self.key = key
        where = f"{file}: key '{key}'" if key else file
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class FormatTarget:
    """One report to write: a format and where (None = standard output)."""

    format: str
    output: str | None = None


@dataclass(frozen=True)
class Config:
    """Settings read from a file; `None` means the file did not set it."""

    source: Path | None = None
    rules: tuple[Path, ...] = ()
    rules_mode: str = "add"  # add: bundled rules + `rules`; replace: only `rules`
    enable: tuple[str, ...] | None = None
    disable: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    fail_on: str | None = None  # a severity label or "never"
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    formats: tuple[FormatTarget, ...] = ()
    jobs: int | None = None
    show_info: bool | None = None
    baseline: Path | None = None
    cache: bool | None = None
    cache_dir: Path | None = None


def find_config(start: Path | None = None) -> Path | None:
    """The nearest `.conflictcheck.toml`, or pyproject.toml with a [tool.conflictcheck] table."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / CONFIG_NAME
        if own.is_file():
            return own
        project = candidate / "pyproject.toml"
        if project.is_file() and _has_tool_table(project):
            return project
    return None


def load_config(path: Path | None = None, *, start: Path | None = None) -> Config:
    """Read the named file, or the one found from `start` upwards; an empty Config when none."""
    if path is None:
        path = find_config(start)
        if path is None:
            return Config()
    table = _read_table(Path(path))
    return parse_config(table, Path(path))


def parse_config(table: Mapping[str, object], path: Path) -> Config:
    """Validate the settings table of `path` and turn it into a Config."""
    reader = _Reader(table, path)
    config = Config(
        source=path,
        rules=tuple(reader.path(p, "rules") for p in reader.strings("rules")),
        rules_mode=reader.choice("rules_mode", ("add", "replace"), "add"),
        enable=reader.strings("enable") if "enable" in table else None,
        disable=reader.strings("disable"),
        severity=reader.severities("severity"),
        fail_on=reader.fail_on("fail_on"),
        include=reader.strings("include"),
        exclude=reader.strings("exclude"),
        formats=reader.formats("formats"),
        jobs=reader.positive_int("jobs"),
        show_info=reader.boolean("show_info"),
        baseline=reader.optional_path("baseline"),
        cache=reader.boolean("cache"),
        cache_dir=reader.optional_path("cache_dir"),
    )
    reader.reject_unknown()
    return config


def _has_tool_table(path: Path) -> bool:
    try:
        return "conflictcheck" in _read_toml(path).get("tool", {})
    except ConfigError:
        return False


def _read_table(path: Path) -> Mapping[str, object]:
    data = _read_toml(path)
    if path.name != "pyproject.toml":
        return data
    table = data.get("tool", {}).get("conflictcheck")
    if table is None:
        raise ConfigError(str(path), "no [tool.conflictcheck] table")
    if not isinstance(table, dict):
        raise ConfigError(str(path), "must be a table", key="tool.conflictcheck")
    return table


def _read_toml(path: Path) -> dict:
    # Imported here: most scans find no configuration file, and a rescan served from the cache
    # takes a few tenths of a second, of which imports are the largest share.
    if sys.version_info < (3, 11):  # pragma: no cover - the project runs on 3.11+
        raise ConfigError(str(path), "configuration files need Python 3.11 or later (tomllib)")
    import tomllib

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(str(path), f"cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), f"not valid TOML: {exc}") from None


_KNOWN_KEYS = frozenset(Config.__dataclass_fields__) - {"source"}


class _Reader:
    """Typed access to a settings table; every error names the file and the key."""

    def __init__(self, table: Mapping[str, object], path: Path):
        self.table = table
        self.path_ = path
        self.file = str(path)

    def fail(self, key: str, message: str) -> ConfigError:
        return ConfigError(self.file, message, key=key)

    def reject_unknown(self) -> None:
        for key in self.table:
            if key not in _KNOWN_KEYS:
                known = ", ".join(sorted(_KNOWN_KEYS))
                raise self.fail(key, f"unknown setting (known: {known})")

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, "must be a list of strings")
        return tuple(value)

    def choice(self, key: str, allowed: tuple[str, ...], default: str) -> str:
        value = self.table.get(key, default)
        if value not in allowed:
            raise self.fail(key, f"must be one of {', '.join(allowed)} (got {value!r})")
        return str(value)

    def severities(self, key: str) -> dict[str, Severity]:
        value = self.table.get(key, {})
        if not isinstance(value, dict):
            raise self.fail(key, 'must be a table like {rule-id = "low"}')
        out = {}
        for rule_id, label in value.items():
            if not isinstance(label, str):
                raise self.fail(f"{key}.{rule_id}", "must be a severity name")
            try:
                out[rule_id] = Severity.parse(label)
            except ValueError as exc:
                raise self.fail(f"{key}.{rule_id}", str(exc)) from None
        return out

    def fail_on(self, key: str) -> str | None:
        value = self.table.get(key)
        if value is None:
            return None
        try:
            return parse_fail_on(value) if isinstance(value, str) else parse_fail_on("?")
        except ValueError as exc:
            raise self.fail(key, str(exc)) from None

    def formats(self, key: str) -> tuple[FormatTarget, ...]:
        value = self.table.get(key, [])
        if not isinstance(value, list):
            raise self.fail(key, 'must be a list: ["text", {format = "sarif", output = "x.sarif"}]')
        targets = []
        for item in value:
            if isinstance(item, str):
                item = {"format": item}
            if not isinstance(item, dict) or set(item) - {"format", "output"}:
                raise self.fail(key, f"bad entry {item!r} (a name or {{format, output}})")
            name, output = item.get("format"), item.get("output")
            if name not in FORMAT_NAMES:
                raise self.fail(key, f"unknown format {name!r} (known: {', '.join(FORMAT_NAMES)})")
            if output is not None and not isinstance(output, str):
                raise self.fail(key, "output must be a path")
            resolved = str(self.path(output, key)) if output else None
            targets.append(FormatTarget(name, resolved))
        return tuple(targets)

    def positive_int(self, key: str) -> int | None:
        value = self.table.get(key)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise self.fail(key, "must be a whole number of 1 or more")
        return value

    def boolean(self, key: str) -> bool | None:
        value = self.table.get(key)
        if value is not None and not isinstance(value, bool):
            raise self.fail(key, "must be true or false")
        return value

    def optional_path(self, key: str) -> Path | None:
        value = self.table.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail(key, "must be a path")
        return self.path(value, key)

    def path(self, value: str, key: str) -> Path:
        # Relative paths in a config file mean "relative to the file", not to wherever we run.
        return (self.path_.parent / Path(value).expanduser()).resolve()


def parse_fail_on(value: str) -> str:
    """'never' or a severity label; raises ValueError naming the choices."""
    text = value.strip().lower()
    if text == NEVER:
        return NEVER
    try:
        return Severity.parse(text).label
    except ValueError:
        names = ", ".join([*(s.label for s in Severity), NEVER])
        raise ValueError(f"unknown --fail-on value {value!r} (expected one of: {names})") from None


def fail_threshold(fail_on: str) -> Severity | None:
    """The lowest severity that fails a scan; None for 'never'."""
    return None if fail_on == NEVER else Severity.parse(fail_on)
