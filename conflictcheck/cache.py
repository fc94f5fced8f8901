"""A result cache: unchanged files under an unchanged rulebook are not analysed again.

An entry holds the findings and passage count of one file, keyed by the sha256 of the file's
bytes and of everything else that can change the result (rulebook fingerprint, configuration,
conflictcheck version, this codec's format). Entries are JSON, written to a temporary file and
renamed into place, so two scans running at once never see half an entry.

What a finding owes to its rule (title, suggestion, lines to take: the longest texts of a finding)
is kept once per entry, under "rules", not once per finding: entries of the benchmark's drafts
are a fifth smaller, and a rescan parses, builds and keeps each text once per file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from conflictcheck.documents.records import make_anchor, make_location, make_passage, record_maker
from conflictcheck.model import (
    CueHit,
    Explanation,
    Finding,
    LineToTake,
    Location,
    Part,
    Passage,
    Severity,
    TermHit,
)

CODEC_VERSION = 3  # bump when the entry layout changes: old entries then simply miss


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


@dataclass(frozen=True)
class CachedResult:
    passages: int
    findings: tuple[Finding, ...]
    hidden_info: int = 0  # info findings counted but not decoded (get(..., with_info=False))


class ResultCache:
    """Entries in `folder/<2 hex>/<64 hex>.json`; a damaged entry is a miss, never an error."""

    def __init__(self, folder: Path, context: str):
        self.folder = Path(folder)
        self.context = context

    def key(self, content_digest: str) -> str:
        return hashlib.sha256(f"{content_digest}:{self.context}".encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, content_digest: str, file: str | None = None, with_info: bool = True) -> CachedResult | None:
        """The entry for a file's content; `file` names the file in the findings' locations. Without
        `with_info`, info findings are only counted: a rescan that hides them need not parse them."""
        path = self._path(self.key(content_digest))
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            records = record["findings"]
            info_at = record["info_at"]
            if with_info:
                records = _with_info(records, json.loads(record["info"]), info_at)
            rules = {rule_id: _rule_texts_from_record(texts) for rule_id, texts in record["rules"].items()}
            return CachedResult(
                passages=int(record["passages"]),
                findings=tuple(finding_from_record(f, file, rules) for f in records),
                hidden_info=0 if with_info else len(info_at),
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):  # AttributeError: a mistyped value
            return None

    def put(self, content_digest: str, passages: int, findings: list[Finding] | tuple[Finding, ...]) -> None:
        """Store an entry atomically; a cache that cannot be written only costs speed.

        Info findings (a third of an entry's text in the benchmark's drafts) are stored as one JSON
        text, with their places among the file's findings: a rescan that hides them, as most do,
        never parses them.
        """
        path = self._path(self.key(content_digest))
        rules: dict[str, dict[str, object]] = {}
        shown: list[dict[str, object]] = []
        info: list[dict[str, object]] = []
        info_at: list[int] = []
        for place, finding in enumerate(findings):
            finding_record = finding_to_record(finding, rules)
            if finding.is_conflict:
                shown.append(finding_record)
            else:
                info.append(finding_record)
                info_at.append(place)
        record = {
            "passages": passages,
            "findings": shown,
            "info": json.dumps(info, ensure_ascii=False),
            "info_at": info_at,
            "rules": rules,
        }
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, json.dumps(record, ensure_ascii=False))

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


def _with_info(shown: list[object], info: list[object], info_at: list[int]) -> list[object]:
    """Every finding record of an entry in its order: the info ones put back at their places."""
    total = len(shown) + len(info)
    places = dict(zip(info_at, info, strict=True))
    if len(places) != len(info) or not all(type(i) is int and 0 <= i < total for i in places):
        raise ValueError("info findings' places do not fit the entry")
    rest = iter(shown)
    return [places[i] if i in places else next(rest) for i in range(total)]


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to a temporary file beside `path`, then rename it into place."""
    import tempfile  # only a scan that misses the cache writes: a warm rescan need not import it

    fd, temp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


# --- codec ------------------------------------------------------------------------------------
# Finding.to_dict() is a report shape (derived fields, no anchors); the cache needs a lossless
# round trip, anchors included, so annotated copies work from cached results too.


def finding_to_record(finding: Finding, rules: dict[str, dict[str, object]] | None = None) -> dict[str, object]:
    """The finding as plain data. With `rules` (an entry's table, filled as findings come), the
    texts it shares with the first finding of its rule are left to the table."""
    record: dict[str, object] = {
        "rule_id": finding.rule_id,
        "severity": finding.severity.label,
        "confidence": finding.confidence,
        "start": finding.start,
        "end": finding.end,
        "text": finding.text,
        "explanation": _explanation_to_record(finding.explanation),
        "passage": passage_to_record(finding.passage),
    }
    texts = {
        "title": finding.title,
        "suggestion": finding.suggestion,
        "lines_to_take": [{"paragraph": x.paragraph, "text": x.text} for x in finding.explanation.lines_to_take],
    }
    if rules is None or rules.setdefault(finding.rule_id, texts) != texts:
        record["texts"] = texts  # its own (a finding made outside the engine may differ from its rule's)
    return record


# The texts a finding owes to its rule: title, suggestion, lines to take.
_RuleTexts = tuple[str, str, tuple[LineToTake, ...]]


def finding_from_record(
    record: Mapping, file: str | None = None, rules: Mapping[str, _RuleTexts] | None = None
) -> Finding:
    own = record.get("texts")
    title, suggestion, lines = _rule_texts_from_record(own) if own is not None else rules[record["rule_id"]]  # type: ignore[index]
    return _finding(
        {
            "rule_id": _text(record["rule_id"]),
            "title": title,
            "severity": _severity(record["severity"]),
            "confidence": _number(record["confidence"]),
            "start": _int(record["start"]),
            "end": _int(record["end"]),
            "text": _text(record["text"]),
            "explanation": _explanation_from_record(record["explanation"], lines),
            "suggestion": suggestion,
            "passage": passage_from_record(record["passage"], file),
        }
    )


def _rule_texts_from_record(record: Mapping) -> _RuleTexts:
    lines = tuple(
        _line_to_take({"paragraph": _int(x["paragraph"]), "text": _text(x["text"])}) for x in record["lines_to_take"]
    )
    return _text(record["title"]), _text(record["suggestion"]), lines


def passage_to_record(passage: Passage) -> dict[str, object]:
    return {
        "text": passage.text,
        "location": passage.location.to_dict(),
        "deleted": passage.deleted,
        "inserted": passage.inserted,
        "anchors": [[a.start, a.end, a.part, a.node, a.node_offset] for a in passage.anchors],
    }


def passage_from_record(record: Mapping, file: str | None = None) -> Passage:
    return make_passage(
        _text(record["text"]),
        location_from_record(record["location"], file),
        _flag(record["deleted"]),
        _flag(record["inserted"]),
        tuple(
            make_anchor(_int(s), _int(e), _text(part), _int(node), _int(off))
            for s, e, part, node, off in record["anchors"]
        ),
    )


def location_from_record(record: Mapping, file: str | None = None) -> Location:
    """`file`, when given, replaces the stored name: the same content may be found under another path."""
    return make_location(
        _optional(_text, record["file"]) if file is None else file,
        _text(record["story"]),
        _int(record["paragraph"]),
        _part(record["part"]),
        _optional(_text, record["intro"]),
        _optional(_text, record["heading"]),
        _optional(_text, record["item"]),
        _optional(_text, record["proposal"]),
        _optional(_text, record["action"]),
        _optional(_text, record["resolution"]),
        _optional(_int, record["line"]),
    )


def _explanation_to_record(explanation: Explanation) -> dict[str, object]:
    record = explanation.to_dict()
    record.pop("summary", None)  # derived; recomputed from the fields
    record.pop("lines_to_take", None)  # the rule's: kept with the title and suggestion
    return record


def _explanation_from_record(record: Mapping, lines_to_take: tuple[LineToTake, ...]) -> Explanation:
    return _explanation(
        {
            "pattern": _text(record["pattern"]),
            "part": _part(record["part"]),
            "terms": tuple(_term_hit_from_record(t) for t in record["terms"]),
            "cues": tuple(_cue_hit_from_record(c) for c in record["cues"]),
            "known_text": _optional(_text, record["known_text"]),
            "known_text_score": _optional(_number, record["known_text_score"]),
            "lines_to_take": lines_to_take,
        }
    )


def _term_hit_from_record(record: Mapping) -> TermHit:
    return _term_hit(
        {
            "concept": _text(record["concept"]),
            "term": _text(record["term"]),
            "text": _text(record["text"]),
            "start": _int(record["start"]),
            "end": _int(record["end"]),
            "fuzzy_score": _optional(_number, record["fuzzy_score"]),
        }
    )


def _cue_hit_from_record(record: Mapping) -> CueHit:
    return _cue_hit(
        {
            "kind": _text(record["kind"]),
            "name": _text(record["name"]),
            "text": _text(record["text"]),
            "start": _int(record["start"]),
            "end": _int(record["end"]),
        }
    )


# A value of the wrong type is a damaged entry (TypeError, a miss), not a finding that breaks a
# report later. Exact types: JSON gives exactly these, and True must not pass for a number.


def _text(value: object) -> str:
    if type(value) is not str:
        raise TypeError("not a string")
    return value


def _int(value: object) -> int:
    if type(value) is not int:
        raise TypeError("not an integer")
    return value


def _number(value: object) -> float:
    if type(value) is not float and type(value) is not int:
        raise TypeError("not a number")
    return float(value)


def _flag(value: object) -> bool:
    if type(value) is not bool:
        raise TypeError("not true or false")
    return value


T = TypeVar("T")


def _optional(check: Callable[[object], T], value: object) -> T | None:
    """None as stored, or the value as `check` takes it."""
    return None if value is None else check(value)


_SEVERITIES = {s.label: s for s in Severity}
_PARTS = {p.value: p for p in Part}


def _severity(label: str) -> Severity:
    known = _SEVERITIES.get(label)
    return known if known is not None else Severity.parse(label)


def _part(value: str) -> Part:
    known = _PARTS.get(value)
    return known if known is not None else Part.parse(value)


# Decoding builds about a dozen frozen records per finding, and a rescan decodes thousands of
# findings: each is made from the dict above (see records.record_maker), its keys named here again
# so that a change of the model's fields makes these fall back to the classes themselves.
_finding = record_maker(
    Finding,
    ("rule_id", "title", "severity", "confidence", "start", "end", "text", "explanation", "suggestion", "passage"),
)
_explanation = record_maker(
    Explanation, ("pattern", "part", "terms", "cues", "known_text", "known_text_score", "lines_to_take")
)
_term_hit = record_maker(TermHit, ("concept", "term", "text", "start", "end", "fuzzy_score"))
_cue_hit = record_maker(CueHit, ("kind", "name", "text", "start", "end"))
_line_to_take = record_maker(LineToTake, ("paragraph", "text"))
