"""A scan's findings kept on disk until its reports read them, so memory does not grow with the files.

A scan holds every reported finding until the exit code, the summary and each report are done.
In memory each costs about 3 KB (its passage, location, terms, explanation): a folder of thousands
of drafts would grow the process by hundreds of megabytes. Here each file's findings are pickled
into one anonymous temporary file (the system deletes it when it is closed; it never appears in a
folder) and read back, a file at a time, whenever something walks them. Only this process writes
and reads that file, so unpickling it trusts nothing from outside.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator, Sequence
from typing import overload

from conflictcheck.model import Finding


class FindingStore:
    """Append-only: each `keep` writes one file's findings and returns a sequence reading them back."""

    def __init__(self) -> None:
        # Open as long as some result refers to the store; closed (and so deleted) when it is collected.
        self._file = tempfile.TemporaryFile()  # noqa: SIM115
        self._end = 0

    def keep(self, findings: Sequence[Finding]) -> Sequence[Finding]:
        if not findings:
            return ()
        data = pickle.dumps(tuple(findings), protocol=pickle.HIGHEST_PROTOCOL)
        self._file.seek(self._end)
        self._file.write(data)
        stored = StoredFindings(self, self._end, len(data), len(findings))
        self._end += len(data)
        return stored

    def read(self, offset: int, size: int) -> tuple[Finding, ...]:
        self._file.seek(offset)
        findings: tuple[Finding, ...] = pickle.loads(self._file.read(size))
        return findings


class StoredFindings(Sequence[Finding]):
    """One file's findings in a FindingStore: a read-only sequence, loaded anew on each use."""

    __slots__ = ("_count", "_offset", "_size", "_store")

    def __init__(self, store: FindingStore, offset: int, size: int, count: int) -> None:
        self._store = store
        self._offset = offset
        self._size = size
        self._count = count

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Finding]:
        return iter(self._load())

    @overload
    def __getitem__(self, index: int) -> Finding: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Finding, ...]: ...
    def __getitem__(self, index: int | slice) -> Finding | tuple[Finding, ...]:
        return self._load()[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (StoredFindings, tuple, list)):
            return self._load() == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._load())

    def __reduce__(self) -> tuple[type, tuple[tuple[Finding, ...]]]:
        return tuple, (self._load(),)  # the store is this process's own: elsewhere, plain findings

    def __repr__(self) -> str:
        return f"StoredFindings({self._count} findings)"

    def _load(self) -> tuple[Finding, ...]:
        return self._store.read(self._offset, self._size)
