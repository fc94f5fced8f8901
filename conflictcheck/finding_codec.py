"""Findings as plain JSON data and back, losslessly (anchors included, so annotated copies work
from cached results too): the records of a cache entry.

Finding.to_dict() is a report shape (derived fields, no anchors); this is not. Decoding checks the
type of every value: a value of the wrong type is a damaged record (TypeError), not a finding that
breaks a report later.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
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


def findings_to_records(findings: Sequence[Finding]) -> dict[str, object]:
    """A file's findings as one record. What a finding owes to its rule (title, suggestion, lines
    to take: its longest texts) is kept once, under "rules": records of the benchmark's drafts are
    a fifth smaller, and decoding builds each text once per file.

    Info findings (a third of the text in the benchmark's drafts) are kept as one JSON text, with
    their places among the findings: a reader that hides them, as most scans do, never parses them.
    """
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
    return {"findings": shown, "info": json.dumps(info, ensure_ascii=False), "info_at": info_at, "rules": rules}


def findings_from_records(record: Mapping, file: str | None = None, with_info: bool = True) -> tuple[Finding, ...]:
    """The findings of `findings_to_records`, every one or the conflicts alone; `file`, when given,
    names the file in their locations. Raises ValueError, KeyError, TypeError or AttributeError
    for a damaged record."""
    records = record["findings"]
    if with_info:
        records = _with_info(records, json.loads(record["info"]), record["info_at"])
    rules = {rule_id: _rule_texts_from_record(texts) for rule_id, texts in record["rules"].items()}
    return tuple(finding_from_record(f, file, rules) for f in records)


def _with_info(shown: list[object], info: list[object], info_at: list[int]) -> list[object]:
    """Every finding record in its order: the info ones put back at their places."""
    total = len(shown) + len(info)
    places = dict(zip(info_at, info, strict=True))
    if len(places) != len(info) or not all(type(i) is int and 0 <= i < total for i in places):
        raise ValueError("info findings' places do not fit the record")
    rest = iter(shown)
    return [places[i] if i in places else next(rest) for i in range(total)]


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
            "severity": severity_from_label(record["severity"]),
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


# Exact types: JSON gives exactly these, and True must not pass for a number.


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


def severity_from_label(label: str) -> Severity:
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
