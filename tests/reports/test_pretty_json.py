"""The indenting JSON encoder writes exactly what json.dumps(indent=2, ensure_ascii=False) writes."""

from __future__ import annotations

import json

import pytest

from conflictcheck.reports import pretty_json


class _Text(str):
    pass


class _Number(int):
    pass


class _Map(dict):
    pass


class _Items(list):
    pass


VALUES = [
    {},
    [],
    "",
    {"a": [], "b": {}, "c": [{}], "d": None, "e": True, "f": False},
    {"text": 'quote " backslash \\ tab \t newline \n nul \u0000 bell \u0007 \u2028 é 中文 <b>&</b>'},
    {"n": [0, -1, 10**20, 1.5, -0.0, 1e-9, 1e22, 0.1 + 0.2, float("nan"), float("inf"), float("-inf")]},
    {7: "int key", 2.5: "float key", True: "bool key", False: "false key", None: "none key"},
    [[["deep", [1, [2, [3]]]]], {"x": {"y": {"z": []}}}],
    ("a", "tuple", (1, 2)),
    {"deep": [{"flat": {"k": 1, "s": "é", "f": 0.25}, "list": [1, "two", None, False]}], "after": [[1], [2, 3]]},
    {"subclasses": [_Text("str"), _Number(3), _Map(k=_Text("v")), _Items([True, None])], "flag": False, "x": 0.5},
]


@pytest.mark.parametrize("value", VALUES)
def test_same_text_as_json_dumps(value: object) -> None:
    assert pretty_json.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_margin_indents_every_line_but_the_first() -> None:
    value = {"a": [1, 2]}
    assert pretty_json.dumps(value, "    ") == json.dumps(value, indent=2).replace("\n", "\n    ")


def test_refuses_what_json_refuses() -> None:
    with pytest.raises(TypeError):
        pretty_json.dumps({"a": object()})
    with pytest.raises(TypeError):
        pretty_json.dumps({(1, 2): "tuple key"})


def test_remembered_keys_never_stand_for_equal_keys_of_other_types() -> None:
    """Keys are remembered with their text; 1, 1.0 and True are equal dict keys that write
    differently, and "1" writes like 1: each must still come out as json.dumps writes it."""
    values = [{"1": "a"}, {1: "b"}, {1.0: "c"}, {True: "d"}, {_Text("1"): "e"}, {"1": {"1": [{"1": 1}]}}]
    for _ in range(2):  # the second round meets every key remembered
        for value in values:
            assert pretty_json.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_memory_of_keys_is_bounded() -> None:
    for i in range(pretty_json.MAX_REMEMBERED_HEADS + 10):
        pretty_json.dumps({f"key {i}": i})
    assert len(pretty_json._HEADS) <= pretty_json.MAX_REMEMBERED_HEADS


@pytest.mark.parametrize("value", VALUES)
@pytest.mark.parametrize("margin", ["", "      "])
def test_encoded_values_are_copied_at_their_depth(value: object, margin: str) -> None:
    """A value written before at no margin reads as if written in its place: in a list, in a dict."""
    document = {"list": [value, 1], "dict": {"k": value}}
    copied = {
        "list": [pretty_json.Encoded(pretty_json.dumps(value)), 1],
        "dict": {"k": pretty_json.Encoded(pretty_json.dumps(value))},
    }
    assert pretty_json.dumps(copied, margin) == pretty_json.dumps(document, margin)
