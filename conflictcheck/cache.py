"""A result cache: unchanged files under an unchanged rulebook are not analysed again.

An entry holds the findings and passage count of one file (cache_entry.py), keyed by the sha256 of
the file's bytes and of everything else that can change the result (rulebook fingerprint,
configuration, conflictcheck version, the entry layout's version). Entries are written to a
temporary file and renamed into place, so two scans running at once never see half an entry.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from conflictcheck.cache_entry import CacheEntry, DamagedEntry, make_entry, read_entry
from conflictcheck.model import Finding

# Bump when the entry layout, a finding's record or a finding's JSON report record changes: entries
# keep the JSON report's text of each finding, and old entries then simply miss.
CODEC_VERSION = 4


def default_cache_dir() -> Path:
    """`$XDG_CACHE_HOME/conflictcheck`, else `~/.cache/conflictcheck`."""
    base = os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    return root / "conflictcheck"


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def context_key(settings: Mapping[str, object]) -> str:
    """A digest of everything besides the file's bytes that can change its findings."""
    payload = {"codec": CODEC_VERSION, "version": tool_version(), **settings}
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def tool_version() -> str:
    """conflictcheck's version; `__version__` when the package sets it (importlib.metadata
    costs ~40 ms of start-up, a tenth of a warm rescan)."""
    import conflictcheck

    known = getattr(conflictcheck, "__version__", None)
    if isinstance(known, str):
        return known
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("conflictcheck")
    except PackageNotFoundError:  # pragma: no cover - running from an unpacked tree
        return "unknown"


@dataclass(frozen=True)
class RulebookSummary:
    """What reports need of a rulebook besides the findings: a rescan served wholly from the cache
    then never parses the rule files."""

    fingerprint: str
    enabled_rule_ids: tuple[str, ...]


class ResultCache:
    """Entries in `folder/<2 hex>/<64 hex>.entry`; a damaged entry is a miss, never an error."""

    def __init__(self, folder: Path, context: str):
        self.folder = Path(folder)
        self.context = context

    def key(self, content_digest: str) -> str:
        return hashlib.sha256(f"{content_digest}:{self.context}".encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.entry"

    def get(self, content_digest: str) -> CacheEntry | None:
        """The entry for a file's content, checked whole; None when there is none or it is damaged."""
        path = self._path(self.key(content_digest))
        try:
            return read_entry(path.read_bytes(), name=str(path))
        except (OSError, DamagedEntry):
            return None

    def put(self, content_digest: str, passages: int, findings: Sequence[Finding]) -> CacheEntry:
        """Store an entry atomically and return it; a cache that cannot be written only costs speed."""
        entry = make_entry(passages, findings)
        path = self._path(self.key(content_digest))
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, entry.data)
        return entry

    def rulebook_summary(self) -> RulebookSummary | None:
        """The summary of the rulebook these entries were made with; None when not stored."""
        try:
            record = json.loads(self._summary_path().read_text(encoding="utf-8"))
            ids = record["enabled_rule_ids"]
            if not isinstance(record["fingerprint"], str) or not all(isinstance(i, str) for i in ids):
                return None
            return RulebookSummary(record["fingerprint"], tuple(ids))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put_rulebook_summary(self, summary: RulebookSummary) -> None:
        path = self._summary_path()
        record = {"fingerprint": summary.fingerprint, "enabled_rule_ids": list(summary.enabled_rule_ids)}
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, json.dumps(record))

    def _summary_path(self) -> Path:
        return self.folder / "rulebooks" / f"{self.context}.json"


def write_atomically(path: Path, data: str | bytes) -> None:
    """Write `data` (text as UTF-8) to a temporary file beside `path`, then rename it into place."""
    import tempfile  # only a scan that misses the cache writes: a warm rescan need not import it

    fd, temp = tempfile.mkstemp(prefix=".tmp-", suffix=path.suffix, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
