"""Turn parsed YAML into validated records, with errors that name file, rule and field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conflictcheck.errors import RuleFileError
from conflictcheck.model import (
    DELETED_SCOPE,
    Concept,
    CueSet,
    Example,
    Exception_,
    KnownText,
    LineToTake,
    Part,
    Pattern,
    Rule,
    Severity,
)

RULE_KEYS = {
    "id": True,
    "title": True,
    "lines_to_take": True,
    "rationale": True,
    "suggestion": True,
    "severity": True,
    "concepts": False,
    "patterns": True,
    "exceptions": False,
    "stance": False,
    "deletion_patterns": False,
    "known_texts": False,
    "examples": True,
    "enabled": False,
}
SEVERITY_SCOPES = {p.value for p in Part} | {DELETED_SCOPE}
STANCE_KINDS = ("negation", "attribution", "recall")
WITHIN = ("sentence", "clause")
EXCEPTION_WITHIN = ("clause", "sentence", "passage")
MIN_EXAMPLES = 8


class _Checker:
    """Validation helpers bound to one file (and rule) so every error says where it is."""

    def __init__(self, file: str, rule: str | None = None):
        self.file = file
        self.rule = rule

    def fail(self, field: str | None, message: str) -> RuleFileError:
        return RuleFileError(self.file, message, rule=self.rule, field=field)

    def mapping(self, value: Any, field: str | None) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(field, f"expected a mapping, got {_kind(value)}")
        return value

    def keys(self, data: dict[str, Any], allowed: dict[str, bool], field: str | None) -> None:
        for key in data:
            if key not in allowed:
                raise self.fail(_join(field, str(key)), f"unknown key (allowed: {', '.join(allowed)})")
        for key, required in allowed.items():
            if required and key not in data:
                raise self.fail(_join(field, key), "missing required key")

    def text(self, value: Any, field: str, *, allow_empty: bool = False) -> str:
        if not isinstance(value, str):
            raise self.fail(field, f"expected text, got {_kind(value)}")
        if not allow_empty and not value.strip():
            raise self.fail(field, "must not be empty")
        return value.strip()

    def listing(self, value: Any, field: str, *, allow_empty: bool = False) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(field, f"expected a list, got {_kind(value)}")
        if not allow_empty and not value:
            raise self.fail(field, "must not be empty")
        return value

    def texts(self, value: Any, field: str) -> tuple[str, ...]:
        items = self.listing(value, field)
        return tuple(self.text(v, f"{field}[{i}]") for i, v in enumerate(items))

    def number(self, value: Any, field: str, low: float, high: float) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(field, f"expected a number, got {_kind(value)}")
        if not low <= value <= high:
            raise self.fail(field, f"must be between {low} and {high}, got {value}")
        return float(value)

    def choice(self, value: Any, field: str, options: tuple[str, ...]) -> str:
        text = self.text(value, field)
        if text not in options:
            raise self.fail(field, f"must be one of {', '.join(options)}, got {text!r}")
        return text

    def items(self, value: Any, field: str, parse: Callable[[Any, str], Any]) -> tuple[Any, ...]:
        return tuple(parse(v, f"{field}[{i}]") for i, v in enumerate(self.listing(value, field)))


def parse_concept_file(data: Any, file: str) -> Concept:
    check = _Checker(file)
    data = check.mapping(data, None)
    check.keys(data, {"name": True, "description": False, "terms": True}, None)
    name = check.text(data["name"], "name")
    check.rule = name
    return Concept(
        name=name,
        terms=_terms(check, data["terms"], "terms"),
        description=check.text(data.get("description", ""), "description", allow_empty=True),
        source=file,
    )


def parse_cue_file(data: Any, file: str) -> CueSet:
    check = _Checker(file)
    data = check.mapping(data, None)
    allowed = {
        "name": True,
        "kind": True,
        "position": True,
        "scope": True,
        "terms": True,
        "unless": False,
        "max_gap": False,
        "description": False,
    }
    check.keys(data, allowed, None)
    return CueSet(
        name=check.text(data["name"], "name"),
        kind=check.choice(data["kind"], "kind", STANCE_KINDS),
        position=check.choice(data["position"], "position", ("before", "after")),
        scope=check.choice(data["scope"], "scope", WITHIN),
        terms=_terms(check, data["terms"], "terms"),
        unless=_terms(check, data["unless"], "unless") if "unless" in data else (),
        max_gap=int(check.number(data.get("max_gap", 25), "max_gap", 1, 200)),
        source=file,
    )


def parse_rule_file(data: Any, file: str, expected_id: str, shared: dict[str, Concept]) -> Rule:
    check = _Checker(file)
    data = check.mapping(data, None)
    rule_id = check.text(data.get("id", ""), "id", allow_empty=True) or None
    check.rule = rule_id
    check.keys(data, RULE_KEYS, None)
    if rule_id != expected_id:
        raise check.fail("id", f"must equal the file name '{expected_id}', got {rule_id!r}")
    local = _local_concepts(check, data.get("concepts", {}), expected_id)
    concepts = {**shared, **local}
    patterns = check.items(data["patterns"], "patterns", lambda v, f: _pattern(check, v, f))
    deletion = ()
    if "deletion_patterns" in data:
        deletion = check.items(data["deletion_patterns"], "deletion_patterns", lambda v, f: _pattern(check, v, f))
    exceptions = ()
    if "exceptions" in data:
        exceptions = check.items(data["exceptions"], "exceptions", lambda v, f: _exception(check, v, f))
    used = _used_concepts(check, patterns, deletion, exceptions, concepts)
    return Rule(
        id=expected_id,
        title=check.text(data["title"], "title"),
        lines_to_take=check.items(data["lines_to_take"], "lines_to_take", lambda v, f: _line(check, v, f)),
        rationale=check.text(data["rationale"], "rationale"),
        suggestion=check.text(data["suggestion"], "suggestion"),
        severity=_severity(check, data["severity"]),
        patterns=patterns,
        concepts=used,
        exceptions=exceptions,
        known_texts=_known_texts(check, data.get("known_texts", [])),
        stance=_stance(check, data.get("stance", list(STANCE_KINDS)), "stance"),
        deletion_patterns=deletion,
        examples=_examples(check, data["examples"]),
        enabled=_bool(check, data.get("enabled", True), "enabled"),
        source=file,
    )


def _terms(check: _Checker, value: Any, field: str) -> tuple[str, ...]:
    terms = check.texts(value, field)
    seen: set[str] = set()
    for i, term in enumerate(terms):
        if term.lower() in seen:
            raise check.fail(f"{field}[{i}]", f"duplicate term {term!r}")
        seen.add(term.lower())
        bare = term.lstrip("~").replace("*", "").replace("<n>", "").strip()
        if term.lstrip("~").strip().startswith(("*", "<n>")) or term.rstrip().endswith("*"):
            raise check.fail(f"{field}[{i}]", f"a term must start with a word and cannot end with '*': {term!r}")
        if not bare and "<n>" not in term:
            raise check.fail(f"{field}[{i}]", f"term has no words: {term!r}")
    return terms


def _local_concepts(check: _Checker, value: Any, rule_id: str) -> dict[str, Concept]:
    """Concepts defined inside a rule; their full name is `<rule id>/<name>`, so rules never clash."""
    data = check.mapping(value, "concepts")
    concepts = {}
    for name, body in data.items():
        field = f"concepts.{name}"
        body = check.mapping(body, field)
        check.keys(body, {"terms": True, "description": False}, field)
        concepts[str(name)] = Concept(
            name=f"{rule_id}/{name}",
            terms=_terms(check, body["terms"], f"{field}.terms"),
            description=check.text(body.get("description", ""), f"{field}.description", allow_empty=True),
            source=check.file,
        )
    return concepts


def _pattern(check: _Checker, value: Any, field: str) -> Pattern:
    data = check.mapping(value, field)
    allowed = {
        "name": True,
        "all_of": True,
        "within": False,
        "distance": False,
        "confidence": False,
        "stance": False,
    }
    check.keys(data, allowed, field)
    distance = data.get("distance")
    stance = data.get("stance")
    return Pattern(
        name=check.text(data["name"], f"{field}.name"),
        all_of=check.texts(data["all_of"], f"{field}.all_of"),
        within=check.choice(data.get("within", "sentence"), f"{field}.within", WITHIN),
        distance=None if distance is None else int(check.number(distance, f"{field}.distance", 1, 500)),
        confidence=check.number(data.get("confidence", 0.8), f"{field}.confidence", 0.0, 1.0),
        stance=None if stance is None else _stance(check, stance, f"{field}.stance"),
    )


def _exception(check: _Checker, value: Any, field: str) -> Exception_:
    data = check.mapping(value, field)
    check.keys(data, {"name": True, "any_of": True, "unless_any_of": False, "within": False}, field)
    unless = data.get("unless_any_of")
    return Exception_(
        name=check.text(data["name"], f"{field}.name"),
        any_of=check.texts(data["any_of"], f"{field}.any_of"),
        within=check.choice(data.get("within", "clause"), f"{field}.within", EXCEPTION_WITHIN),
        unless_any_of=() if unless is None else check.texts(unless, f"{field}.unless_any_of"),
    )


def _used_concepts(
    check: _Checker,
    patterns: tuple[Pattern, ...],
    deletion: tuple[Pattern, ...],
    exceptions: tuple[Exception_, ...],
    concepts: dict[str, Concept],
) -> dict[str, Concept]:
    used: dict[str, Concept] = {}
    named = [(f"patterns[{i}].all_of", p.all_of) for i, p in enumerate(patterns)]
    named += [(f"deletion_patterns[{i}].all_of", p.all_of) for i, p in enumerate(deletion)]
    named += [(f"exceptions[{i}].any_of", e.any_of) for i, e in enumerate(exceptions)]
    named += [(f"exceptions[{i}].unless_any_of", e.unless_any_of) for i, e in enumerate(exceptions)]
    for field, names in named:
        for name in names:
            if name not in concepts:
                raise check.fail(field, f"unknown concept {name!r} (not in rules/concepts/ nor in this rule)")
            used[name] = concepts[name]
    return used


def _line(check: _Checker, value: Any, field: str) -> LineToTake:
    data = check.mapping(value, field)
    check.keys(data, {"paragraph": True, "text": True}, field)
    return LineToTake(
        paragraph=int(check.number(data["paragraph"], f"{field}.paragraph", 1, 1000)),
        text=check.text(data["text"], f"{field}.text"),
    )


def _severity(check: _Checker, value: Any) -> dict[str, Severity]:
    data = check.mapping(value, "severity")
    result: dict[str, Severity] = {}
    for scope, level in data.items():
        field = f"severity.{scope}"
        if scope not in SEVERITY_SCOPES:
            raise check.fail(field, f"unknown scope (allowed: {', '.join(sorted(SEVERITY_SCOPES))})")
        try:
            result[scope] = Severity.parse(check.text(level, field))
        except ValueError as exc:
            raise check.fail(field, str(exc)) from None
    if Part.OPERATIVE.value not in result:
        raise check.fail("severity.operative", "missing required key")
    return result


def _known_texts(check: _Checker, value: Any) -> tuple[KnownText, ...]:
    def parse(item: Any, field: str) -> KnownText:
        data = check.mapping(item, field)
        check.keys(data, {"text": True, "source": False, "min_score": False}, field)
        text = check.text(data["text"], f"{field}.text")
        if len(text.split()) < 6:
            raise check.fail(f"{field}.text", "a known text needs at least 6 words to be matched safely")
        return KnownText(
            text=text,
            source=check.text(data.get("source", ""), f"{field}.source", allow_empty=True),
            min_score=check.number(data.get("min_score", 90), f"{field}.min_score", 70, 100),
        )

    return check.items(value, "known_texts", parse) if value else ()


def _stance(check: _Checker, value: Any, field: str) -> tuple[str, ...]:
    items = check.listing(value, field, allow_empty=True)
    return tuple(check.choice(v, f"{field}[{i}]", STANCE_KINDS) for i, v in enumerate(items))


def _examples(check: _Checker, value: Any) -> tuple[Example, ...]:
    data = check.mapping(value, "examples")
    check.keys(data, {"conflict": True, "ok": True}, "examples")
    examples: list[Example] = []
    for expect in ("conflict", "ok"):
        field = f"examples.{expect}"
        items = check.listing(data[expect], field)
        if len(items) < MIN_EXAMPLES:
            raise check.fail(field, f"needs at least {MIN_EXAMPLES} examples, has {len(items)}")
        examples.extend(_example(check, item, f"{field}[{i}]", expect) for i, item in enumerate(items))
    return tuple(examples)


def _example(check: _Checker, value: Any, field: str, expect: str) -> Example:
    data = check.mapping(value, field)
    check.keys(data, {"text": True, "part": False, "deleted": False, "why": False}, field)
    try:
        part = Part.parse(check.text(data.get("part", "other"), f"{field}.part"))
    except ValueError as exc:
        raise check.fail(f"{field}.part", str(exc)) from None
    return Example(
        text=check.text(data["text"], f"{field}.text"),
        expect=expect,
        part=part,
        deleted=_bool(check, data.get("deleted", False), f"{field}.deleted"),
        why=check.text(data.get("why", ""), f"{field}.why", allow_empty=True),
    )


def _bool(check: _Checker, value: Any, field: str) -> bool:
    if not isinstance(value, bool):
        raise check.fail(field, f"expected true or false, got {_kind(value)}")
    return value


def _join(parent: str | None, key: str) -> str:
    return f"{parent}.{key}" if parent else key


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text", type(None): "nothing"}.get(
        type(value), type(value).__name__
    )
