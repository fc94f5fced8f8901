"""A scan's findings kept on disk until its reports read them, so memory does not grow with the files.

A scan holds every reported finding until the exit code, the summary and each report are done.
In memory each costs about 3 KB (its passage, location, terms, explanation): a folder of thousands
of drafts would grow the process by hundreds of megabytes. So the first findings of a scan (a few
megabytes' worth, all of them in most scans) stay in memory, and after those each file's findings
are written into one anonymous temporary file (the system deletes it when it is closed; it never
appears in a folder) and read back, a file at a time, whenever something walks them.

A file's findings are kept as findings (pickled when written), or as the file's cache entry, which
is decoded only when something walks them, and whose JSON report text is copied as it is. Findings
held in memory may carry their JSON report text too, made as their file completed. Only this
process writes and reads that file, so unpickling it trusts nothing from outside.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterator, Sequence
from typing import IO, overload

from conflictcheck.cache_entry import CacheEntry, read_entry
from conflictcheck.model import Finding

# Findings a store holds in memory before it writes to disk: about 6 MB (3 KB each, measured with
# tracemalloc on findings decoded from the cache). Pickling and unpickling cost about a tenth of
# a rescan served from the cache.
HELD_IN_MEMORY = 2_000


class FindingStore:
    """Append-only: each `keep` holds or writes one file's findings and returns a sequence of them."""

    def __init__(self, held_in_memory: int | None = None) -> None:
        self._room = HELD_IN_MEMORY if held_in_memory is None else held_in_memory
        # Opened on first write; open as long as some result refers to the store, and closed (and
        # so deleted) when it is collected.
        self._opened: IO[bytes] | None = None
        self._end = 0

    def keep(self, findings: Sequence[Finding], render: Callable[[Finding], str] | None = None) -> Sequence[Finding]:
        """The findings, with the text `render` gives each when they are held in memory (a text
        takes about as much memory as its finding, so each then costs room for two)."""
        if not findings:
            return ()
        cost = len(findings) * (1 if render is None else 2)
        if cost <= self._room:
            self._room -= cost
            return tuple(findings) if render is None else RenderedFindings(findings, tuple(map(render, findings)))
        offset, size = self._write(pickle.dumps(tuple(findings), protocol=pickle.HIGHEST_PROTOCOL))
        return StoredFindings(self, offset, size, len(findings))

    def keep_entry(self, entry: CacheEntry, file: str, with_info: bool) -> Sequence[Finding]:
        """A file's findings as its cache entry holds them, named `file`; the info ones too when
        `with_info`. An entry costs room for every finding it holds."""
        count = entry.count(with_info)
        if not count:
            return ()
        if entry.size <= self._room:
            self._room -= entry.size
            return EntryFindings(entry, file, with_info, count)
        offset, size = self._write(entry.data)
        return EntryFindings(_StoredEntry(self, offset, size, entry.name), file, with_info, count)

    def _write(self, data: bytes) -> tuple[int, int]:
        self._file.seek(self._end)
        self._file.write(data)
        offset = self._end
        self._end += len(data)
        return offset, len(data)

    @property
    def _file(self) -> IO[bytes]:
        if self._opened is None:
            import tempfile  # most scans keep every finding in memory and never need it

            self._opened = tempfile.TemporaryFile()  # noqa: SIM115
        return self._opened

    def read(self, offset: int, size: int) -> tuple[Finding, ...]:
        findings: tuple[Finding, ...] = pickle.loads(self.read_bytes(offset, size))
        return findings

    def read_bytes(self, offset: int, size: int) -> bytes:
        self._file.seek(offset)
        return self._file.read(size)


def json_texts(findings: Sequence[Finding]) -> list[str] | None:
    """Each finding as the JSON report writes it, when the findings were kept with that text (a
    cache entry's, or made as their file completed); None when the report must make it."""
    return findings.json_texts() if isinstance(findings, (EntryFindings, RenderedFindings)) else None


class RenderedFindings(tuple[Finding, ...]):
    """A file's findings held in memory with the text the JSON report writes for each: made as the
    file completed, so a parallel scan writes them while other processes still read drafts, not
    once every draft is done."""

    texts: tuple[str, ...]

    def __new__(cls, findings: Sequence[Finding], texts: tuple[str, ...]) -> RenderedFindings:
        rendered = super().__new__(cls, findings)
        rendered.texts = texts
        return rendered

    def json_texts(self) -> list[str]:
        return list(self.texts)

    def __reduce__(self) -> tuple[type, tuple[tuple[Finding, ...]]]:
        return tuple, (tuple(self),)


class LoadedOnUse(Sequence[Finding]):
    """A file's findings kept elsewhere: a read-only sequence whose findings are loaded anew on each
    use (`_findings`), so that nothing holds them between uses."""

    __slots__ = ("_count",)

    def __init__(self, count: int) -> None:
        self._count = count

    def _findings(self) -> tuple[Finding, ...]:
        raise NotImplementedError

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Finding]:
        return iter(self._findings())

    @overload
    def __getitem__(self, index: int) -> Finding: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Finding, ...]: ...
    def __getitem__(self, index: int | slice) -> Finding | tuple[Finding, ...]:
        return self._findings()[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (LoadedOnUse, tuple, list)):
            return self._findings() == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._findings())

    def __reduce__(self) -> tuple[type, tuple[tuple[Finding, ...]]]:
        return tuple, (self._findings(),)  # the store is this process's own: elsewhere, plain findings


class StoredFindings(LoadedOnUse):
    """One file's findings pickled into a FindingStore."""

    __slots__ = ("_offset", "_size", "_store")

    def __init__(self, store: FindingStore, offset: int, size: int, count: int) -> None:
        super().__init__(count)
        self._store = store
        self._offset = offset
        self._size = size

    def __repr__(self) -> str:
        return f"StoredFindings({self._count} findings)"

    def _findings(self) -> tuple[Finding, ...]:
        return self._store.read(self._offset, self._size)


class _StoredEntry:
    """A cache entry written into a FindingStore, read back whole on each use."""

    __slots__ = ("_name", "_offset", "_size", "_store")

    def __init__(self, store: FindingStore, offset: int, size: int, name: str) -> None:
        self._store = store
        self._offset = offset
        self._size = size
        self._name = name

    def load(self) -> CacheEntry:
        # Checked when it was read from the cache; these bytes are this process's own copy.
        return read_entry(self._store.read_bytes(self._offset, self._size), self._name, verify=False)


class EntryFindings(LoadedOnUse):
    """One file's findings as its cache entry holds them (in memory or in a FindingStore), decoded
    on each use. `json_texts()` gives each finding as the JSON report writes it, decoding none."""

    __slots__ = ("_entry", "_file", "_with_info")

    def __init__(self, entry: CacheEntry | _StoredEntry, file: str, with_info: bool, count: int) -> None:
        super().__init__(count)
        self._entry = entry
        self._file = file
        self._with_info = with_info

    def json_texts(self) -> list[str]:
        return self._load().json_texts(self._file, self._with_info)

    def __repr__(self) -> str:
        return f"EntryFindings({self._count} findings of {self._file})"

    def _load(self) -> CacheEntry:
        return self._entry if isinstance(self._entry, CacheEntry) else self._entry.load()

    def _findings(self) -> tuple[Finding, ...]:
        return self._load().findings(self._file, self._with_info)
