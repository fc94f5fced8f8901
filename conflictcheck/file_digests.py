"""The content digests of scanned files, remembered with each file's stat: a rescan hashes only
the files that changed.

A rescan finds a file's cached result by the sha256 of its bytes, and hashing every draft of a
folder is most of what it reads. As git's index does, the digest is kept with what `stat` says of
the file (size, modification and change times, inode, device) and taken again while all of these
match. Any write to a file sets its change time (ctime) to the current time, which no program can
set back, so a match means the bytes are those that were hashed; except after a write in the same
clock tick as the hashing, which would leave every field as it was. So a digest is remembered only
for a file whose ctime is older than the scan's start by `SETTLED_SECONDS`: a later write then has
a later ctime. (Files written in the last seconds are hashed each time until they settle.)

The index is one JSON file in the cache folder. It is a hint: missing, damaged or out of date, it
only costs hashing again; two scans that save it at once keep the entries of the last one.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path

from conflictcheck.cache import file_digest, write_atomically

# Seconds a file's ctime must be behind the scan's start for its digest to be kept: well above any
# file system's timestamp step (FAT keeps modification times to 2 s).
SETTLED_SECONDS = 10
# Files kept at most: a scan keeps the entries of its own files, and others' while under this.
MAX_ENTRIES = 100_000
_VERSION = 1

Signature = tuple[int, int, int, int, int]  # size, mtime_ns, ctime_ns, inode, device


class FileDigests:
    """sha256 of input files by path, reused while a file's stat is unchanged."""

    def __init__(self, index: Path) -> None:
        self._index = index
        self._settled_before = time.time_ns() - SETTLED_SECONDS * 1_000_000_000
        self._known = _load(index)
        self._seen: dict[str, list[object]] = {}
        self._changed = False

    def digest(self, path: Path) -> str:
        """The file's sha256 (hex); raises OSError as reading the file would."""
        key = os.fspath(path)
        signature = _signature(os.stat(path))
        known = self._known.get(key)
        if known is not None and tuple(known[:5]) == signature:
            self._seen[key] = known
            return str(known[5])
        digest = file_digest(path)
        if signature[2] < self._settled_before:
            self._seen[key] = [*signature, digest]
            self._changed = True
        elif known is not None:  # the file changed since, and too lately to keep
            del self._known[key]
            self._changed = True
        return digest

    def save(self) -> None:
        """Write the index if this scan learnt something; a cache that cannot be written only
        costs speed."""
        if not self._changed:
            return
        entries = dict(self._seen)
        for key, known in self._known.items():
            if len(entries) >= MAX_ENTRIES:
                break
            entries.setdefault(key, known)
        with contextlib.suppress(OSError):
            self._index.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self._index, json.dumps({"version": _VERSION, "files": entries}))
        self._changed = False


def _signature(stat: os.stat_result) -> Signature:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev)


def _load(index: Path) -> dict[str, list[object]]:
    """The index's entries, each [size, mtime_ns, ctime_ns, inode, device, digest]; none when
    the file is missing or is not such an index."""
    try:
        record = json.loads(index.read_text(encoding="utf-8"))
        if record.get("version") != _VERSION:
            return {}
        files = record["files"]
        if not isinstance(files, dict):
            return {}
        return {key: entry for key, entry in files.items() if _well_formed(entry)}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _well_formed(entry: object) -> bool:
    return (
        isinstance(entry, list)
        and len(entry) == 6
        and all(type(n) is int for n in entry[:5])
        and isinstance(entry[5], str)
        and len(entry[5]) == 64
    )
