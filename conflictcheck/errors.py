"""Errors a user can act on: each names the file and the cause."""

from __future__ import annotations


class ConflictcheckError(Exception):
    """Base class for errors reported to the user as one line."""


class RuleFileError(ConflictcheckError):
    """A rule or concept file is invalid: names the file, the rule and the field."""

    def __init__(self, file: str, message: str, *, rule: str | None = None, field: str | None = None):
        self.file = file
        self.rule = rule
        self.field = field
        self.message = message
        where = file
        if rule:
            where += f": rule '{rule}'"
        if field:
            where += f": field '{field}'"
        super().__init__(f"{where}: {message}")


class DocumentError(ConflictcheckError):
    """An input file cannot be read: names the file and the cause."""

    def __init__(self, file: str, cause: str):
        self.file = file
        self.cause = cause
        super().__init__(f"{file}: {cause}")
