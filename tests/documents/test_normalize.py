from __future__ import annotations

from conflictcheck.documents.normalize import normalize


def test_replacements_keep_positions() -> None:
    src = "\u201cITU\u2019s\u201d\u00a0role \u2013 ok"
    norm = normalize(src)
    assert norm.text == '"ITU\'s" role - ok'
    assert len(norm.origin) == len(norm.text)
    for i, ch in enumerate(norm.text):
        assert src[norm.origin[i]] == ch or ch in "\"'- "


def test_soft_hyphen_and_zero_width_vanish() -> None:
    src = "multi\u00adstake\u200bholder"
    norm = normalize(src)
    assert norm.text == "multistakeholder"
    assert norm.source_span(0, len(norm.text)) == (0, len(src))


def test_line_break_hyphen_is_joined() -> None:
    src = "cyber-\n  security and e-mail"
    norm = normalize(src)
    assert norm.text == "cybersecurity and e-mail"
    start = norm.text.index("security")
    assert norm.source_span(start, start + 8) == (9, 17)


def test_ligatures_expand_to_the_same_source_char() -> None:
    norm = normalize("e\ufb03cient")
    assert norm.text == "efficient"
    assert norm.source_span(1, 4) == (1, 2)


def test_lowercase_and_empty_span() -> None:
    norm = normalize("WCIT Treaty", lowercase=True)
    assert norm.text == "wcit treaty"
    assert norm.source_span(4, 4) == (4, 4)
    assert norm.source_span(11, 11) == (11, 11)
