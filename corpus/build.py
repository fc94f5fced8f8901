"""Build the sample corpus of ITU-style drafts (``python corpus/build.py``).

Each function below writes one draft with :mod:`bench.draftwriter`. The drafts are
invented for testing: the sources (regional groups) and their positions do not reflect
real proposals. ``corpus/expected.yaml`` lists what a checker must and must not flag; after
writing, this script checks that every expected text really occurs in its draft (live text
for ``must_flag``, any text for ``must_not_flag``), so the two files cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import sys
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import yaml
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.draftwriter import (  # noqa: E402
    Content,
    Del,
    Draft,
    Footnote,
    Ins,
    Mark,
    MoveFrom,
    MoveTo,
    NumberingKind,
    Run,
)

CORPUS = ROOT / "corpus"
NBSP = "\u00a0"
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

CEPT = "Member States of the European Conference of Postal and Telecommunications Administrations (CEPT)"
RCC = "Administrations of the Regional Commonwealth in the field of Communications"
ARB = "Arab States"
ATU = "Member States of the African Telecommunications Union"
APT = "Asia-Pacific Telecommunity Member States"
CITEL = "Member States of the Inter-American Telecommunication Commission (CITEL)"


# --------------------------------------------------------------------------- helpers


def new_draft(author: str, day: dt.datetime) -> Draft:
    return Draft(author=author, date=day, title="Proposals for the work of the Conference")


def items(draft: Draft, kind: NumberingKind, texts: Sequence[Content]) -> None:
    """Numbered items; each block restarts its own list, as Word does per intro phrase."""
    for i, text in enumerate(texts):
        # A wholly inserted/deleted item carries the revision on its paragraph mark too,
        # as Word records it (rejecting the change then leaves no empty numbered item).
        mark: Mark | None = "ins" if isinstance(text, Ins) else None
        if isinstance(text, Del):
            mark = "del"
        draft.paragraph(text, numbered=kind, restart=i == 0, mark=mark)


def preamble(draft: Draft, phrase: str, texts: Sequence[Content]) -> None:
    draft.intro(phrase)
    items(draft, "letter", texts)


def operative(draft: Draft, phrase: str, texts: Sequence[Content]) -> None:
    draft.intro(phrase)
    items(draft, "decimal", texts)


def when(month: int, day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2022, month, day, hour, 0, 0)


# --------------------------------------------------------------------------- drafts


def rcc_res130_binding_instrument() -> Draft:
    d = new_draft("RCC coordinator", when(8, 12))
    d.page_header("PP22/62(Add.1)-E")
    d.cover(
        addendum="Addendum 1 to",
        document="Document 62-E",
        date="15 August 2022",
        original="Russian",
        source=RCC,
        title="RCC common proposals for the work of the Conference\nPart 1 – Draft revision of Resolution 130",
    )
    d.heading("Introduction", 2)
    d.paragraph(
        "The RCC Administrations consider that the rapid growth of threats in the information "
        "space calls for a stronger role of the Union in building confidence and security in "
        "the use of ICTs."
    )
    d.proposal("MOD", "RCC/62A1/1")
    d.resolution(
        ["RESOLUTION 130 (REV. ", Del("DUBAI, 2018"), Ins("BUCHAREST, 2022"), ")"],
        "Strengthening the role of ITU in building confidence and security in the use of "
        "information and communication technologies",
    )
    preamble(
        d,
        "recalling",
        [
            f"Resolution{NBSP}130 (Rev. Dubai, 2018) of the Plenipotentiary Conference and "
            "Resolution 50 (Rev. Geneva, 2022) of the World Telecommunication Standardization "
            "Assembly on cybersecurity;",
            "the outcomes of the World Summit on the Information Society, under which ITU was "
            "entrusted with facilitating Action Line C5 (Building confidence and security in the "
            "use "
            "of ICTs);",
        ],
    )
    preamble(
        d,
        "considering",
        [
            "that the number and sophistication of attacks against critical information "
            "infrastructure continue to grow;",
            Ins(
                "that the absence of a universally agreed legal basis in the field of "
                "international "
                "information security leaves developing countries particularly exposed;"
            ),
        ],
    )
    preamble(
        d,
        "noting",
        [
            "that some Member States have proposed that a binding international instrument on "
            "information security be elaborated, while others consider existing international law "
            "to be sufficient;",
        ],
    )
    operative(
        d,
        "resolves",
        [
            "to continue to give this work high priority within ITU, in accordance with its "
            "competences and expertise, including promoting a common understanding among "
            "governments and other stakeholders of building confidence and security in the use of "
            "ICTs at the national, regional and international levels;",
            Ins(
                [
                    "that ITU shall serve as the principal platform for the elaboration of an international legally ",
                    "binding instrument on information security, taking "
                    "into account the specific needs of developing countries;",
                ]
            ),
        ],
    )
    operative(
        d,
        "instructs the Secretary-General",
        [
            "to continue to support the Global Cybersecurity Agenda and to assist Member States in "
            "establishing national computer incident response teams (CIRTs);",
            Ins(
                "to convene an open-ended group of governmental experts to prepare, before the "
                "next "
                "Plenipotentiary Conference, a draft international convention on ICT security for "
                "consideration by Member States;"
            ),
        ],
    )
    operative(
        d,
        "invites Member States",
        [
            "to cooperate closely with one another in order to strengthen regional and "
            "international cooperation in building confidence and security in the use of ICTs;",
        ],
    )
    d.reasons(
        "The existing set of voluntary, non-binding norms has proven insufficient. The Union "
        "should become the platform for drafting treaty-level provisions on the security of "
        "ICTs, with the \u201cfull participation\u201d of all Member States."
    )
    return d


def arb_new_wcit() -> Draft:
    d = new_draft("ASMG", when(8, 20))
    d.page_header("PP22/69(Add.3)-E")
    d.cover(
        addendum="Addendum 3 to",
        document="Document 69-E",
        date="22 August 2022",
        original="Arabic",
        source=ARB,
        title="Arab States common proposals for the work of the Conference\n"
        "Part 3 – Preparations for a World Conference on International Telecommunications",
    )
    d.paragraph(
        "The International Telecommunication Regulations were last revised in 2012. Since "
        "then, the market for international tele\u00adcommunication services has changed "
        "profoundly. The Arab States therefore propose the new resolution below."
    )
    d.proposal("ADD", "ARB/69A3/1")
    d.resolution(
        "DRAFT NEW RESOLUTION [ARB-1] (BUCHAREST, 2022)",
        "Convening of a World Conference on International Telecommunications",
    )
    preamble(
        d,
        "recalling",
        [
            "the International Telecommunication Regulations adopted by the World Administrative "
            "Telegraph and Telephone Conference (Melbourne, 1988) and by the World Conference on "
            "International Telecommunications (Dubai, 2012);",
            "Resolution 146 (Rev. Dubai, 2018) of the Plenipotentiary Conference, on the periodic "
            "review and revision of the International Telecommunication Regulations;",
        ],
    )
    preamble(
        d,
        "considering",
        [
            "that the coexistence of two versions of the Regulations creates uncertainty for "
            "operators providing services between Member States bound by different texts;",
        ],
    )
    operative(
        d,
        "resolves",
        [
            [
                "to convene a ",
                "World Conference",
                " on International Telecommunications in 2025, with a duration of three weeks;",
            ],
            [
                "that the agenda of that conference shall include a full revision of the "
                "International "
                "Telecommunication Regulations, covering over-the-top services, international "
                "traffic "
                "routing",
                Footnote(
                    "The revised Regulations should in particular lay down obligations "
                    "on the termination of international traffic and on the "
                    "identification of its origin."
                ),
                " and the security of networks;",
            ],
        ],
    )
    operative(
        d,
        "instructs the Council",
        [
            "to establish the agenda and dates of the conference at its 2024 session, and to set "
            "up a "
            "preparatory expert group open to Member States to draft proposals for the revised "
            "text "
            "of the Regulations;",
        ],
    )
    operative(
        d,
        "instructs the Secretary-General",
        [
            "to take the necessary measures, in consultation with Member States, for the "
            "preparation of the conference;",
        ],
    )
    d.heading("Proposed preparatory timeline", 3)
    d.table(
        [
            ["Year", "Milestone"],
            ["2023", "Council: establishment of the preparatory expert group"],
            [
                "2024",
                "Council: adoption of the agenda of WCIT-25 and of the draft revised ITR text",
            ],
            ["2025", "World Conference on International Telecommunications (WCIT-25)"],
        ]
    )
    d.reasons(
        "A new conference is needed to bring the International Telecommunication Regulations "
        "into line with the digital economy."
    )
    return d


def eur_sup_res146() -> Draft:
    d = new_draft("CEPT Com-ITU", when(8, 5))
    d.page_header("PP22/44(Add.2)-E")
    d.cover(
        addendum="Addendum 2 to",
        document="Document 44-E",
        date="9 August 2022",
        source=CEPT,
        title="European common proposals for the work of the Conference\nPart 2 – Resolution 146",
    )
    d.heading("Introduction", 2)
    items(
        d,
        "decimal",
        [
            [
                "The Expert Group on the International Telecommunication Regulations (EG-ITR) met "
                "four times between 2017 and 2021",
                Footnote("See the final report of the EG-ITR to the Council at its 2021 session."),
                ". It did not identify any significant problem arising from the coexistence of the "
                "1988 and 2012 versions of the Regulations.",
            ],
            "CEPT does not support convening a new World Conference on International "
            "Telecommunications, nor an ongoing review of the International Telecommunication "
            "Regulations.",
            "The resources that would be needed to prepare a new WCIT are better spent on capacity "
            "building and on bridging the digital divide.",
        ],
    )
    d.proposal("SUP", "EUR/44A2/1")
    d.resolution(
        "RESOLUTION 146 (REV. DUBAI, 2018)",
        "Periodic review and revision of the International Telecommunication Regulations",
        conference=None,
    )
    d.reasons(
        "The work foreseen in this resolution has been completed. There is no need to keep an "
        "expert group working towards a revised text of the Regulations."
    )
    return d


def atu_res196_data_protection() -> Draft:
    d = new_draft("ATU Secretariat", when(8, 3))
    d.page_header("PP22/50(Add.5)-E")
    d.cover(
        addendum="Addendum 5 to",
        document="Document 50-E",
        date="5 August 2022",
        original="French",
        source=ATU,
        title="African common proposals for the work of the Conference\nPart 5 – Resolution 196",
    )
    d.proposal("MOD", "AFCP/50A5/1")
    d.resolution(
        "RESOLUTION 196 (REV. BUCHAREST, 2022)",
        "Protecting telecommunication service users/consumers",
    )
    preamble(
        d,
        "considering",
        [
            [
                "that the growing volume of personal data processed by operators and online "
                "platforms "
                "raises legitimate concerns for consumers",
                Footnote(
                    "Such as the African Union Convention on Cyber Security and Personal Data "
                    "Protection (Malabo, 2014)."
                ),
                ";",
            ],
        ],
    )
    preamble(
        d,
        "recognizing",
        [
            "that many developing countries have not yet adopted comprehensive rules on consumer "
            "protection in the digital environment;",
        ],
    )
    operative(
        d,
        "instructs the Director of the Telecommunication Development Bureau",
        [
            "to raise awareness among users and regulators, in particular in developing countries, "
            "of the importance of protecting privacy and personal data;",
            Ins(
                "to assist Member States, upon request, in drafting national legislation and "
                "regulatory frameworks on the protection of personal data;"
            ),
            Ins(
                "to develop, in collaboration with the ITU-T study groups, model guidelines for "
                "national regulators on the processing of personal data by telecommunication "
                "operators;"
            ),
        ],
    )
    operative(
        d,
        "instructs the Director of the Telecommunication Standardization Bureau",
        [
            [
                "to continue the work of ITU-T Study Group 3 on the economic and policy aspects of consumer protection",
                Del(", avoiding duplication with the work of other organizations"),
                ";",
            ],
        ],
    )
    d.reasons(
        "African regulators need concrete support in establishing their legal frameworks for "
        "data protection, and ITU is best placed to provide it."
    )
    return d


def dt45_res102_revision_marks() -> Draft:
    d = new_draft("Chair, AHG-102", when(10, 4))
    d.page_header("PP22/DT/45-E")
    d.cover(
        document="Document DT/45-E",
        date="4 October 2022",
        source="Chair, Ad Hoc Group on Resolution 102",
        title="Draft revision of Resolution 102",
    )
    d.paragraph(
        "This document shows the output of the ad hoc group after its third meeting. Text added "
        "during the meeting is underlined; text removed is struck through."
    )
    d.resolution(
        [
            "RESOLUTION 102 (REV. ",
            Run("DUBAI, 2018", strike=True),
            Run("BUCHAREST, 2022", underline=True),
            ")",
        ],
        "ITU's role with regard to international public policy issues pertaining to the Internet "
        "and the management of Internet resources, including domain names and addresses",
    )
    preamble(
        d,
        "recognizing",
        [
            [
                "the ",
                "multi",
                "stakeholder model of Internet governance, in which all stakeholders "
                "participate in their respective roles;",
            ],
        ],
    )
    operative(
        d,
        "resolves",
        [
            "to continue to undertake the relevant activities within ITU's mandate and to "
            "contribute "
            "to international Internet-related public policy in cooperation with all relevant "
            "stakeholders;",
            Run(
                "that ITU shall coordinate the allocation and management of IPv6 addresses for "
                "Member States, in order to ensure a fair distribution of the address space among "
                "countries;",
                underline=True,
            ),
            Run(
                "that access to the Council Working Group on International Internet-related Public "
                "Policy Issues shall be restricted to Member States;",
                strike=True,
            ),
        ],
    )
    operative(
        d,
        "instructs the Secretary-General",
        [
            Run(
                "to study, together with Member States, a new network architecture intended to "
                "replace the current Internet protocols;",
                strike=True,
            ),
            Run(
                "to hold open consultations with all stakeholders before each meeting of the CWG-Internet;",
                underline=True,
            ),
        ],
    )
    return d


def apt_new_res_ai() -> Draft:
    d = new_draft("APT PG-PP", when(8, 25))
    d.page_header("PP22/38(Add.9)-E")
    d.cover(
        addendum="Addendum 9 to",
        document="Document 38-E",
        date="26 August 2022",
        source=APT,
        title="APT common proposals for the work of the Conference\n"
        "Part 9 – The role of ITU in artificial intelligence",
    )
    d.proposal("ADD", "ACP/38A9/1")
    d.resolution(
        "DRAFT NEW RESOLUTION [ACP-AI] (BUCHAREST, 2022)",
        "The role of ITU in artificial intelligence",
    )
    preamble(
        d,
        "considering",
        [
            "that artificial intelligence is increasingly used in the operation of "
            "telecommunication "
            "networks, for example for traffic prediction and energy optimization;",
        ],
    )
    preamble(
        d,
        "recognizing",
        [
            "the work of ITU-T Study Group 13 on machine learning for future networks, including IMT-2020;",
        ],
    )
    operative(
        d,
        "resolves",
        [
            "that ITU shall take the leading role within the United Nations system in the "
            "development of a global regulatory framework for artificial intelligence;",
            "to continue to study the telecommunication/ICT aspects of artificial intelligence, "
            "such "
            "as the use of machine learning for network management and energy efficiency;",
        ],
    )
    operative(
        d,
        "instructs the Director of the Telecommunication Standardization Bureau",
        [
            [
                "to develop international standards governing the ethical use of artificial "
                "intelligence applications in all sectors of the economy, including health, "
                "finance "
                "and justice",
                Footnote(
                    "Including standards for the certification of AI systems placed on the market "
                    "in Member States, to be prepared by a new ITU-T study group on AI "
                    "governance."
                ),
                ";",
            ],
        ],
    )
    operative(
        d,
        "invites Member States",
        [
            "to contribute to the AI for Good activities and to share experience on the use of AI "
            "for achieving the Sustainable Development Goals;",
        ],
    )
    d.reasons(
        "No international organization currently sets binding rules for AI; ITU, with its "
        "membership of 193 Member States, is the natural home for them."
    )
    return d


def rcc_smart_city_biometrics() -> Draft:
    d = new_draft("RCC coordinator", when(8, 14))
    d.page_header("PP22/62(Add.9)-E")
    d.cover(
        addendum="Addendum 9 to",
        document="Document 62-E",
        date="15 August 2022",
        original="Russian",
        source=RCC,
        title="RCC common proposals for the work of the Conference\n"
        "Part 9 – ICTs for public safety in smart sustainable cities",
    )
    d.proposal("ADD", "RCC/62A9/1")
    d.resolution(
        "DRAFT NEW RESOLUTION [RCC-3] (BUCHAREST, 2022)",
        "Use of telecommunications/ICTs for public safety in smart sustainable cities",
    )
    preamble(
        d,
        "considering",
        [
            "that video analytics systems are widely deployed in cities to improve public safety "
            "and traffic management;",
        ],
    )
    preamble(
        d,
        "recognizing",
        [
            "that the protection of human rights online should not hinder the legitimate use of "
            "advanced surveillance technologies by public authorities;",
        ],
    )
    operative(
        d,
        "resolves",
        [
            [
                "to accelerate the development of ITU-T Recommendations for large-scale video "
                "surveillance systems with real-time ",
                "facial ",
                "recognition in public spaces;",
            ],
        ],
    )
    operative(
        d,
        "instructs the Director of the Telecommunication Standardization Bureau",
        [
            "to give priority to standards enabling the interoperable exchange of biometric "
            "templates between national identification databases and city-wide camera networks;",
            "to ensure that ITU-T work on smart sustainable cities takes into account the "
            "protection "
            "of privacy and personal data;",
        ],
    )
    d.heading("Annex – Proposed work items", 3)
    d.table(
        [
            ["Work item", "Scope"],
            [
                "F.VSS-FR",
                "Facial recognition for public safety: real-time identification of "
                "individuals across city-wide camera networks",
            ],
            ["L.SSC-ENE", "Energy efficiency of smart city sensor networks"],
        ]
    )
    d.reasons(
        "Human-rights considerations fall outside the technical mandate of ITU and should not delay standardization."
    )
    return d


def rcc_ukraine_against_1408() -> Draft:
    d = new_draft("RCC coordinator", when(9, 1))
    d.page_header("PP22/62(Add.12)-E")
    d.cover(
        addendum="Addendum 12 to",
        document="Document 62-E",
        date="2 September 2022",
        original="Russian",
        source=RCC,
        title="RCC common proposals for the work of the Conference\n"
        "Part 12 – Non-politicization of the activities of the Union",
    )
    d.proposal("ADD", "RCC/62A12/1")
    d.resolution(
        "DRAFT NEW RESOLUTION [RCC-5] (BUCHAREST, 2022)",
        "Non-politicization of the activities of the Union",
    )
    preamble(
        d,
        "considering",
        [
            "that the Union is a technical organization whose assistance should be provided to all "
            "Member States without discrimination;",
        ],
    )
    operative(
        d,
        "resolves",
        [
            "that the assistance provided under Council Resolution 1408 (2022) to the "
            "telecommunication sector of Ukraine shall be discontinued and the corresponding "
            "budgetary resources reallocated;",
            "that emissions intended to counter information operations in situations of armed "
            "conflict shall not be considered as harmful interference within the meaning of the "
            "Radio Regulations;",
        ],
    )
    operative(
        d,
        "instructs the Director of the Radiocommunication Bureau",
        [
            "not to consider reports of harmful interference submitted in connection with an ongoing armed conflict;",
        ],
    )
    operative(
        d,
        "instructs the Director of the Telecommunication Standardization Bureau",
        [
            "to give effect to requests for the transfer of E.164 numbering resources in "
            "territories "
            "under temporary control, on the basis of notifications by the administration "
            "exercising control;",
        ],
    )
    d.reasons("The Union must not become an instrument of political pressure.")
    return d


def eur_ukraine_support() -> Draft:
    d = new_draft("CEPT Com-ITU", when(8, 30))
    d.page_header("PP22/44(Add.12)-E")
    d.cover(
        addendum="Addendum 12 to",
        document="Document 44-E",
        date="31 August 2022",
        source=CEPT,
        title="European common proposals for the work of the Conference\nPart 12 – Assistance and support to Ukraine",
    )
    d.proposal("ADD", "EUR/44A12/1")
    d.resolution(
        "DRAFT NEW RESOLUTION [EUR/44A12/1] (BUCHAREST, 2022)",
        "Assistance and support to Ukraine for rebuilding its telecommunication sector",
    )
    preamble(
        d,
        "recalling",
        [
            [
                "Council Resolution 1408 (2022)",
                Footnote("Council Resolution 1408, adopted at the 2022 session of the ITU Council."),
                ", on assistance and support to Ukraine for rebuilding its telecommunication sector;",
            ],
        ],
    )
    preamble(
        d,
        "noting with concern",
        [
            "the reported cases of harmful interference to satellite and terrestrial broadcasting "
            "in Ukraine and the unauthorized use of Ukrainian numbering resources;",
        ],
    )
    operative(
        d,
        "instructs the Director of the Telecommunication Development Bureau",
        [
            "to continue to provide assistance to Ukraine for the rebuilding of its "
            "telecommunication infrastructure, in coordination with the other Bureaux;",
        ],
    )
    operative(
        d,
        "calls upon all Member States",
        [
            "to refrain from causing harmful interference and to respect their obligations under "
            "the "
            "Radio Regulations and the international numbering plans;",
        ],
    )
    d.heading("Annex – Assistance provided under Resolution 1408", 3)
    d.table(
        [
            ["Area", "Action"],
            [
                "Network restoration",
                "Deployment of emergency telecommunication equipment and satellite terminals",
            ],
            [
                "Spectrum",
                "Monitoring of harmful interference reported by the Ukrainian administration",
            ],
        ]
    )
    d.reasons("To give effect to Council Resolution 1408 (2022) in the next four-year period.")
    return d


def arb_res101_new_architecture() -> Draft:
    d = new_draft("ASMG", when(8, 21))
    d.page_header("PP22/69(Add.5)-E")
    d.cover(
        addendum="Addendum 5 to",
        document="Document 69-E",
        date="22 August 2022",
        original="Arabic",
        source=ARB,
        title="Arab States common proposals for the work of the Conference\nPart 5 – Resolution 101",
    )
    d.proposal("MOD", "ARB/69A5/1")
    d.resolution(
        ["RESOLUTION 101 (REV. ", Del("DUBAI, 2018"), Ins("BUCHAREST, 2022"), ")"],
        "Internet Protocol-based networks",
    )
    preamble(
        d,
        "considering",
        [
            "that IP-based networks have become a key means of delivering telecommunication services;",
        ],
    )
    operative(
        d,
        "resolves",
        [
            "to explore ways and means for greater collaboration and coordination between ITU and "
            "relevant organizations involved in the development of IP-based networks and the "
            "future "
            "Internet;",
            Ins(
                "that ITU-T shall develop a new network protocol architecture for future "
                "networks, to "
                "be approved by Member States, which shall progressively replace the existing "
                "Internet protocols;"
            ),
        ],
    )
    operative(
        d,
        "instructs the Director of the Telecommunication Standardization Bureau",
        [
            "to continue the studies of ITU-T on IP-based networks;",
            MoveFrom(
                "to continue to organize IPv6 training and capacity-building programmes for developing countries;"
            ),
        ],
    )
    operative(
        d,
        "instructs the Director of the Telecommunication Development Bureau",
        [
            MoveTo("to continue to organize IPv6 training and capacity-building programmes for developing countries;"),
        ],
    )
    operative(
        d,
        "instructs the Council",
        [
            Ins(
                "to limit participation in the Council Working Group on International "
                "Internet-related Public Policy Issues to Member States and to terminate the open "
                "online consultations of the group;"
            ),
        ],
    )
    d.reasons(
        "Member States must retain the sovereign right to decide on the architecture of the "
        "networks that carry their national traffic."
    )
    return d


def eur_res102_multistakeholder() -> Draft:
    d = new_draft("CEPT Com-ITU", when(8, 6))
    d.page_header("PP22/44(Add.7)-E")
    d.cover(
        addendum="Addendum 7 to",
        document="Document 44-E",
        date="9 August 2022",
        source=CEPT,
        title="European common proposals for the work of the Conference\nPart 7 – Resolution 102",
    )
    d.proposal("MOD", "EUR/44A7/1")
    d.resolution(
        ["RESOLUTION 102 (REV. ", Del("DUBAI, 2018"), Ins("BUCHAREST, 2022"), ")"],
        "ITU's role with regard to international public policy issues pertaining to the Internet "
        "and the management of Internet resources, including domain names and addresses",
    )
    preamble(
        d,
        "recognizing",
        [
            [
                "the ",
                "multi",
                "stakeholder model of Internet governance, in which governments, the "
                "private sector, civil society, international organizations and the technical "
                "community participate in their respective roles;",
            ],
            "the role of the Internet Governance Forum as the leading multistakeholder forum for "
            "policy dialogue on Internet governance issues;",
        ],
    )
    operative(
        d,
        "resolves",
        [
            [
                "to continue to contribute to the development of international Internet-related public policy issues",
                Footnote(
                    "Regional Internet registries (AFRINIC, APNIC, ARIN, LACNIC "
                    "and RIPE NCC) remain responsible for the allocation of IP "
                    "addresses in their regions."
                ),
                ", in cooperation with all stakeholders;",
            ],
            Ins(
                "to open the Council Working Group on International Internet-related Public Policy "
                "Issues to all stakeholders;"
            ),
        ],
    )
    operative(
        d,
        "instructs the Secretary-General",
        [
            Ins(
                "to continue to support the Internet Governance Forum and to contribute to the "
                "efforts of the UN Secretary-General to strengthen it;"
            ),
        ],
    )
    d.reasons(
        "Open consultations alone do not ensure the active involvement of all stakeholders; "
        "opening the CWG-Internet improves the transparency of ITU's work on the Internet."
    )
    return d


def apt_res130_capacity_building() -> Draft:
    d = new_draft("APT PG-PP", when(9, 12))
    d.page_header("PP22/38(Add.2)(Rev.1)-E")
    d.cover(
        addendum="Revision 1 to\nAddendum 2 to",
        document="Document 38-E",
        date="13 September 2022",
        source=APT,
        title="APT common proposals for the work of the Conference\nPart 2 – Resolution 130",
    )
    d.paragraph(
        "Changes to the original addendum agreed at the final APT preparatory meeting are shown as tracked changes."
    )
    d.proposal("MOD", "ACP/38A2/1")
    d.resolution(
        "RESOLUTION 130 (REV. BUCHAREST, 2022)",
        "Strengthening the role of ITU in building confidence and security in the use of "
        "information and communication technologies",
    )
    preamble(
        d,
        "noting",
        [
            "that some Member States have called for a legally binding instrument on cybersecurity "
            "to be negotiated within ITU;",
        ],
    )
    preamble(
        d,
        "recognizing",
        [
            "that norms of responsible State behaviour in cyberspace are being discussed in the "
            "United Nations Open-ended Working Group, which is the appropriate forum for such "
            "discussions;",
        ],
    )
    operative(
        d,
        "resolves",
        [
            "to continue to give high priority to capacity building, the establishment of national "
            "CIRTs and regional cooperation in cybersecurity;",
        ],
    )
    operative(
        d,
        "instructs the Director of the Telecommunication Development Bureau",
        [
            "to support Member States, in particular developing countries, with cybersecurity "
            "capacity building and training, including regional cyberdrills;",
            Del(
                "to initiate, with the participation of Member States, the drafting of an "
                "international convention on cybersecurity;"
            ),
        ],
    )
    d.reasons(
        "There is no need for a new treaty on cybersecurity; ITU should concentrate on capacity "
        "building within its existing mandate."
    )
    return d


def rcc_res146_expert_group() -> Draft:
    d = new_draft("RCC coordinator", when(8, 13))
    d.page_header("PP22/62(Add.4)-E")
    d.cover(
        addendum="Addendum 4 to",
        document="Document 62-E",
        date="15 August 2022",
        original="Russian",
        source=RCC,
        title="RCC common proposals for the work of the Conference\nPart 4 – Resolution 146",
    )
    d.proposal("MOD", "RCC/62A4/1")
    d.resolution(
        "RESOLUTION 146 (REV. BUCHAREST, 2022)",
        "Periodic review and revision of the International Telecommunication Regulations",
    )
    preamble(
        d,
        "recalling",
        [
            "the International Telecommunication Regulations (Dubai, 2012), which entered into "
            "force on 1 January 2015;",
        ],
    )
    operative(
        d,
        "resolves",
        [
            "that the International Telecommunication Regulations should be reviewed on a regular basis;",
            [
                Ins(
                    "to extend the mandate of the Expert Group on the International "
                    "Telecommunication "
                    "Regulations until the next Plenipotentiary Conference, with the task of "
                    "preparing "
                    "a draft revised text of the Regulations"
                ),
                Footnote(
                    "The EG-ITR shall base its work on the contributions received from Member "
                    "States since 2019, including proposals for new articles on over-the-top "
                    "services and on the security of networks."
                ),
                Ins(";"),
            ],
        ],
    )
    operative(
        d,
        "instructs the Secretary-General",
        [
            [
                "to submit the draft revised text to a ",
                Ins("World Conference on International Telecommunications to be convened in 2026"),
                Del("future competent conference"),
                ";",
            ],
        ],
    )
    d.reasons(
        "The Regulations must keep pace with the evolution of the telecommunication market; the "
        "EG-ITR should finalize a revised text."
    )
    return d


def eur_summary_privacy_awareness() -> Draft:
    d = new_draft("CEPT Com-ITU", when(8, 4))
    d.page_header("PP22/44(Add.1)-E")
    d.cover(
        addendum="Addendum 1 to",
        document="Document 44-E",
        date="9 August 2022",
        source=CEPT,
        title="European common proposals for the work of the Conference\nPart 1 – Summary and Resolution 196",
    )
    d.paragraph("This addendum summarizes the European Common Proposals (ECPs).")
    d.table(
        [
            ["ECP", "Resolution", "Action", "Summary"],
            ["44A2", "146", "SUP", "No need for a new WCIT or for an ongoing review of the ITRs"],
            [
                "44A7",
                "102",
                "MOD",
                "Opening of the CWG-Internet to all stakeholders; support to the IGF",
            ],
            [
                "44A12",
                "New",
                "ADD",
                "Assistance to Ukraine for rebuilding its telecommunication sector (Council Resolution 1408)",
            ],
            [
                "44A1",
                "196",
                "MOD",
                "Awareness raising on privacy and data protection; ITU not to "
                "develop legal or regulatory frameworks on privacy",
            ],
        ]
    )
    d.proposal("MOD", "EUR/44A1/1")
    d.resolution(
        "RESOLUTION 196 (REV. BUCHAREST, 2022)",
        "Protecting telecommunication service users/consumers",
    )
    operative(
        d,
        "instructs the Director of the Telecommunication Development Bureau",
        [
            Run(
                "to develop awareness programmes, in particular for developing countries, on the "
                "need to preserve privacy and to protect personal data;",
                underline=True,
            ),
            "to share best practices on consumer protection among national regulators;",
        ],
    )
    d.reasons(
        "ITU should raise awareness of privacy and data protection; it is not the role of ITU to "
        "develop or assist in the elaboration of legal or regulatory frameworks in this field."
    )
    return d


def citel_energy_efficiency() -> Draft:
    d = new_draft("CITEL PCC.I", when(8, 18))
    d.page_header("PP22/41(Add.3)-E")
    d.cover(
        addendum="Addendum 3 to",
        document="Document 41-E",
        date="19 August 2022",
        original="Spanish",
        source=CITEL,
        title="Inter-American proposals for the work of the Conference\nPart 3 – Resolution 182",
    )
    d.proposal("MOD", "IAP/41A3/1")
    d.resolution(
        "RESOLUTION 182 (REV. BUCHAREST, 2022)",
        "The role of telecommunications/information and communication technologies in regard "
        "to climate change and the protection of the environment",
    )
    preamble(
        d,
        "considering",
        [
            "that the ICT sector must reduce its share of global greenhouse gas emissions;",
        ],
    )
    operative(
        d,
        "instructs the Director of the Telecommunication Standardization Bureau",
        [
            "to develop Recommendations on the energy efficiency of networks and data centres;",
            "to develop guidelines on the sound management of e-waste, in cooperation with the "
            "United Nations Environment Programme;",
            "to study the telecommunication aspects of the Internet of Things for environmental "
            "monitoring and early warning;",
        ],
    )
    operative(
        d,
        "invites Member States",
        [
            "to extend affordable connectivity to least developed countries, small island "
            "developing "
            "States and landlocked developing countries;",
        ],
    )
    d.reasons("To help the ICT industry reduce its emissions, in line with Agenda 2030.")
    return d


DRAFTS: dict[str, Callable[[], Draft]] = {
    "RCC-62A1-res130-binding-instrument.docx": rcc_res130_binding_instrument,
    "ARB-69A3-new-wcit.docx": arb_new_wcit,
    "EUR-44A2-sup-res146-itr.docx": eur_sup_res146,
    "ATU-50A5-res196-data-protection.docx": atu_res196_data_protection,
    "DT45-res102-adhoc-revision-marks.docx": dt45_res102_revision_marks,
    "APT-38A9-new-res-ai.docx": apt_new_res_ai,
    "RCC-62A9-smart-city-biometrics.docx": rcc_smart_city_biometrics,
    "RCC-62A12-against-res1408.docx": rcc_ukraine_against_1408,
    "EUR-44A12-ukraine-support.docx": eur_ukraine_support,
    "ARB-69A5-res101-new-architecture.docx": arb_res101_new_architecture,
    "EUR-44A7-res102-multistakeholder.docx": eur_res102_multistakeholder,
    "APT-38A2R1-res130-capacity-building.docx": apt_res130_capacity_building,
    "RCC-62A4-res146-expert-group.docx": rcc_res146_expert_group,
    "EUR-44A1-summary-privacy-awareness.docx": eur_summary_privacy_awareness,
    "IAP-41A3-res182-energy-efficiency.docx": citel_energy_efficiency,
}


# --------------------------------------------------------------------------- self-check


def check_expected(expected_path: Path) -> list[str]:
    """Return problems: expected texts missing from their drafts (or not live when flagged)."""
    problems: list[str] = []
    expected = yaml.safe_load(expected_path.read_text(encoding="utf-8"))
    for name, spec in expected.items():
        path = CORPUS / name
        if not path.exists():
            problems.append(f"{name}: no such draft")
            continue
        live, dead = _paragraph_texts(path)
        for entry in spec.get("must_flag") or []:
            if not any(entry["text"] in t for t in live):
                problems.append(f"{name}: must_flag text not in live text: {entry['text']!r}")
        for entry in spec.get("must_not_flag") or []:
            if not any(entry["text"] in t for t in live + dead):
                problems.append(f"{name}: must_not_flag text not found: {entry['text']!r}")
    for name in DRAFTS:
        if name not in expected:
            problems.append(f"{name}: no entry in expected.yaml")
    return problems


def _paragraph_texts(path: Path) -> tuple[list[str], list[str]]:
    """Per paragraph: live text (accepted view) and removed text (deleted, moved, struck)."""
    wns = W_NS
    live: list[str] = []
    dead: list[str] = []
    with zipfile.ZipFile(path) as zf:
        for part in ("word/document.xml", "word/footnotes.xml"):
            if part not in zf.namelist():
                continue
            root = etree.fromstring(zf.read(part))
            for p in root.iter(f"{wns}p"):
                kept, gone = "", ""
                for t in p.iter(f"{wns}t", f"{wns}delText"):
                    run = t.getparent()
                    rpr = run.find(f"{wns}rPr")
                    struck = rpr is not None and rpr.find(f"{wns}strike") is not None
                    removed = t.tag == f"{wns}delText" or struck
                    if removed:
                        gone += t.text or ""
                    else:
                        kept += t.text or ""
                live.append(kept.replace(NBSP, " ").replace("\u00ad", ""))
                dead.append(gone)
    return live, dead


def main() -> int:
    for name, build in DRAFTS.items():
        build().save(CORPUS / name)
    print(f"wrote {len(DRAFTS)} drafts to {CORPUS}")
    problems = check_expected(CORPUS / "expected.yaml")
    for problem in problems:
        print("PROBLEM:", problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
