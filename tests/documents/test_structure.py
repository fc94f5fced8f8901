"""Structure: proposal, resolution, part, intro, item, reasons, annex."""

from __future__ import annotations

from pathlib import Path

import pytest
from docbuild import build_docx, p, run

from conflictcheck.documents import infer_part, read_document, structure
from conflictcheck.documents.structure import match_intro, match_item, match_proposal
from conflictcheck.model import Part

ITALIC = "<w:i/>"


def test_a_proposal_end_to_end(tmp_path: Path) -> None:
    body = (
        p("ADD\tEUR/44A2/1")
        + p("DRAFT NEW RESOLUTION [EUR-1] (BUCHAREST, 2022)")
        + p("Confidence and security in the use of ICTs")
        + p("The Plenipotentiary Conference of the International Telecommunication Union (Bucharest, 2022),")
        + p(run("considering", ITALIC))
        + p("a)\tthat the ITRs were revised in 2012;")
        + p(run("noting with concern", ITALIC))
        + p("that threats persist,")
        + p(run("resolves", ITALIC))
        + p("1\tto strengthen capacity building;")
        + p("1bis\tto cooperate;")
        + p(run("instructs the Director of the Telecommunication Development Bureau", ITALIC))
        + p("to assist Member States,")
        + p(run("invites Member States and Sector Members", ITALIC))
        + p("to participate,")
        + p("ANNEX TO RESOLUTION [EUR-1]")
        + p("Guidelines")
        + p("1\tThe first guideline.")
        + p("Reasons:\tTo align with the lines to take.")
        + p("MOD\tRCC/62A1/3")
        + p("RESOLUTION 130 (REV. BUCHAREST, 2022)")
        + p("instructs the Council to convene a meeting")
    )
    rows = [
        (
            x.text.split("\t")[0][:22],
            x.location.part,
            x.location.intro,
            x.location.item,
            x.location.action,
        )
        for x in read_document(build_docx(tmp_path / "d.docx", body))
    ]
    H, PRE, OP, INV, ANX, RSN = (
        Part.HEADING,
        Part.PREAMBLE,
        Part.OPERATIVE,
        Part.INVITATION,
        Part.ANNEX,
        Part.REASONS,
    )
    assert rows == [
        ("ADD", H, None, None, "ADD"),
        ("DRAFT NEW RESOLUTION [", H, None, None, "ADD"),
        ("Confidence and securit", H, None, None, "ADD"),
        ("The Plenipotentiary Co", H, None, None, "ADD"),
        ("considering", PRE, "considering", None, "ADD"),
        ("a)", PRE, "considering", "a)", "ADD"),
        ("noting with concern", PRE, "noting with concern", None, "ADD"),
        ("that threats persist,", PRE, "noting with concern", None, "ADD"),
        ("resolves", OP, "resolves", None, "ADD"),
        ("1", OP, "resolves", "1", "ADD"),
        ("1bis", OP, "resolves", "1bis", "ADD"),
        (
            "instructs the Director",
            OP,
            "instructs the Director of the Telecommunication Development Bureau",
            None,
            "ADD",
        ),
        (
            "to assist Member State",
            OP,
            "instructs the Director of the Telecommunication Development Bureau",
            None,
            "ADD",
        ),
        ("invites Member States ", INV, "invites Member States and Sector Members", None, "ADD"),
        ("to participate,", INV, "invites Member States and Sector Members", None, "ADD"),
        ("ANNEX TO RESOLUTION [E", ANX, None, None, "ADD"),
        ("Guidelines", H, None, None, "ADD"),
        ("1", ANX, None, "1", "ADD"),
        ("Reasons:", RSN, None, None, "ADD"),
        ("MOD", H, None, None, "MOD"),
        ("RESOLUTION 130 (REV. B", H, None, None, "MOD"),
        ("instructs the Council ", OP, "instructs the Council", None, "MOD"),
    ]


def test_location_fields(tmp_path: Path) -> None:
    body = p("ADD EUR/44A2/1") + p("RESOLUTION 130 (REV. BUCHAREST, 2022)") + p("Strengthening ITU") + p("resolves")
    last = read_document(build_docx(tmp_path / "d.docx", body))[-1].location
    assert (last.proposal, last.action, last.resolution, last.heading) == (
        "EUR/44A2/1",
        "ADD",
        "RESOLUTION 130 (REV. BUCHAREST, 2022)",
        "Strengthening ITU",
    )


def test_itu_call_style_marks_an_intro(tmp_path: Path) -> None:
    body = p("recognizing the work done", ppr='<w:pPr><w:pStyle w:val="Call"/></w:pPr>') + p("more")
    passages = read_document(build_docx(tmp_path / "d.docx", body))
    assert [x.location.part for x in passages] == [Part.PREAMBLE, Part.PREAMBLE]


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("instructs the Council to convene a WCIT", Part.OPERATIVE),
        ("resolves that ITU shall develop a treaty", Part.OPERATIVE),
        ("Requests the Secretary-General to report", Part.OPERATIVE),
        ("urges Member States to ratify", Part.OPERATIVE),
        ("invites Member States to consider", Part.INVITATION),
        ("encourages Sector Members to take part", Part.INVITATION),
        ("calls upon administrations to cooperate", Part.INVITATION),
        ("recalling Resolution 146 (Rev. Dubai, 2018)", Part.PREAMBLE),
        ("noting that some Member States proposed a treaty", Part.PREAMBLE),
        ("considering further", Part.PREAMBLE),
        ("a) that the ITRs were adopted in 2012", Part.PREAMBLE),
        ("Reasons: to align with Resolution 130", Part.REASONS),
        ("the ITU should develop a treaty", None),
        ("requests for assistance are growing", None),
        ("concerned parties may comment", None),
        ("1 to convene a WCIT", None),
        ("", None),
    ],
)
def test_infer_part(text: str, part: Part | None) -> None:
    assert infer_part(text) == part


def test_recognisers() -> None:
    assert match_proposal("MOD\tRCC/62A1/3") == ("MOD", "RCC/62A1/3")
    assert match_proposal("SUP IAP/7A1/12 something") == ("SUP", "IAP/7A1/12")
    assert match_proposal("ADDITIONAL text") is None
    assert match_intro("instructs the Secretary-General, in consultation with ...") == (
        "instructs the Secretary-General",
        Part.OPERATIVE,
    )
    assert match_item("2\tto") == "2"
    assert match_item("(ii) the") == "(ii)"
    assert match_item("2022 was a year") is None


def test_the_intro_guard_lets_every_intro_through() -> None:
    # feed() skips the intro regex when the first three characters cannot start an intro word.
    verbs = structure._PREAMBLE_VERBS + structure._OPERATIVE_VERBS + structure._INVITATION_VERBS
    for verb in verbs:
        for text in (verb, verb.upper(), verb.capitalize() + " that", f"further {verb},", f"Also {verb}"):
            assert structure._INTRO.match(text), text
            assert structure._may_open_intro(text), text
    for text in ("that the Council", "The Conference", "1\tto", "a) that", "", "ab"):
        assert not structure._may_open_intro(text)
    assert structure._may_open_intro("\u017fays")  # non-ASCII: left to the regex
