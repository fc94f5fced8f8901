"""Generate a deterministic benchmark corpus of realistic ITU-style draft proposals (DOCX).

    python bench/generate.py --files 200 --seed 1 --out bench/out/gen-200-1

Each draft is written through :mod:`bench.draftwriter` the way regional groups submit input
documents to a Plenipotentiary Conference or a WTDC: a cover block (conference, Addendum,
Document NN-E, date, Original, source group, title), then proposals (``ADD``/``MOD``/``SUP``/
``NOC`` ``GROUP/NNAn/m``), each with a resolution heading and title, the conference sentence,
preamble intros (*considering*, *recalling*, ...) with lettered items, operative intros
(*resolves*, *instructs the Secretary-General*, ...) with Word-numbered items, footnotes, an
annex table in some drafts and a ``Reasons:`` paragraph. ``MOD`` proposals show their changes
as tracked insertions/deletions or, in some drafts, as underlined/struck runs.

Sentences come from banks of clause templates whose slots are filled from vocabulary lists
(one theme per resolution: connectivity, emergency telecommunications, spectrum, WSIS, CIRTs,
child online protection, IPv6, ...). About 3 % of the items are clauses that cross one of the
red lines in /work/shared/DOMAIN.md (a new WCIT, a cyber treaty, data-protection model laws,
ITU control of IP addresses, an AI regulatory framework, facial-recognition surveillance
standards, ...), worded variously; benign "trap" wording (recalling Resolution 146, CIRTs,
privacy awareness, attributed proposals) is part of the ordinary banks.

Everything is drawn from ``random.Random(f"{seed}:{index}")`` per file, so the output depends
only on ``--seed`` and ``--files`` (not on the number of worker processes), and draftwriter
makes the files byte-identical. ``manifest.json`` in the output folder records the parameters,
per-file word counts (every word written: body, tables, footnotes, header, deleted text) and
the number of red-line items.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import random
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from docx.text.paragraph import Paragraph  # noqa: E402

from bench.draftwriter import Del, Draft, Footnote, Inline, Ins, Mark, Run  # noqa: E402

GENERATOR_VERSION = 1
WORDS_PER_FILE = 3025  # 605,000 words over 200 files
MIN_WORDS, MAX_WORDS = 800, 8000
RED_LINE_RATE = 0.078  # per eligible operative item; gives roughly 3 % of all items

# --------------------------------------------------------------------------- groups and meetings


@dataclass(frozen=True)
class Group:
    code: str
    source: str
    title: str
    language: str
    author: str


GROUPS: tuple[Group, ...] = (
    Group(
        "EUR",
        "Member States of the European Conference of Postal and Telecommunications Administrations (CEPT)",
        "European common proposals",
        "English",
        "CEPT Com-ITU",
    ),
    Group(
        "RCC",
        "Administrations of the Regional Commonwealth in the field of Communications",
        "RCC common proposals",
        "Russian",
        "RCC coordinator",
    ),
    Group("ARB", "Arab States", "Arab States common proposals", "Arabic", "ASMG"),
    Group(
        "AFCP",
        "Member States of the African Telecommunications Union",
        "African common proposals",
        "French",
        "ATU Secretariat",
    ),
    Group("ACP", "Asia-Pacific Telecommunity Member States", "APT common proposals", "English", "APT Secretariat"),
    Group(
        "IAP",
        "Member States of the Inter-American Telecommunication Commission (CITEL)",
        "Inter-American proposals",
        "Spanish",
        "CITEL",
    ),
)


@dataclass(frozen=True)
class Meeting:
    cover: str
    header: str
    sentence: str
    revision: str  # as in "RESOLUTION 130 (REV. BUCHAREST, 2022)"
    previous: tuple[str, ...]
    month_days: tuple[int, int, int]  # month, first day, last day of submissions


PP22 = Meeting(
    "Plenipotentiary Conference (PP-22)\nBucharest, 26 September – 14 October 2022",
    "PP22",
    "The Plenipotentiary Conference of the International Telecommunication Union (Bucharest, 2022),",
    "BUCHAREST, 2022",
    ("DUBAI, 2018", "BUSAN, 2014", "GUADALAJARA, 2010"),
    (8, 1, 29),
)
WTDC22 = Meeting(
    "World Telecommunication Development Conference (WTDC-22)\nKigali, Rwanda, 6-16 June 2022",
    "WTDC22",
    "The World Telecommunication Development Conference (Kigali, 2022),",
    "KIGALI, 2022",
    ("BUENOS AIRES, 2017", "DUBAI, 2014"),
    (5, 2, 27),
)

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September")

# --------------------------------------------------------------------------- themes


@dataclass(frozen=True)
class Theme:
    """One subject of a resolution, with the phrases its clauses are built from.

    ``nps`` are noun phrases ("meaningful connectivity in rural areas"), ``acts`` verb phrases
    without "to", ``facts`` clauses that can follow "that", ``concerns`` problems.
    """

    key: str
    title: str
    pp: int
    wtdc: int
    nps: tuple[str, ...]
    acts: tuple[str, ...]
    facts: tuple[str, ...]
    concerns: tuple[str, ...]
    studies: tuple[str, ...] = ()


THEMES: tuple[Theme, ...] = (
    Theme(
        "connectivity",
        "Connectivity to broadband networks",
        203,
        37,
        (
            "meaningful and affordable connectivity",
            "the deployment of broadband infrastructure in rural and remote areas",
            "universal service and access strategies",
            "community networks and last-mile connectivity",
            "national broadband plans",
        ),
        (
            "extend affordable broadband access to unserved and underserved communities",
            "develop national broadband plans that include measurable connectivity targets",
            "promote infrastructure sharing and open-access models to reduce deployment costs",
            "use universal service funds efficiently to connect schools and health centres",
            "collect and publish reliable data on broadband coverage and affordability",
        ),
        (
            "some 2.7 billion people remain offline, most of them in developing countries",
            "affordable broadband is a key enabler of the digital economy and of social inclusion",
            "the cost of devices and services remains a major barrier to adoption in many countries",
            "innovative technologies, including satellite and high-altitude platforms, can bring "
            "connectivity to remote areas",
        ),
        (
            "the gap in broadband penetration between urban and rural areas is widening in many regions",
            "the price of mobile broadband still exceeds 2 per cent of monthly income per capita in many "
            "least developed countries",
        ),
    ),
    Theme(
        "divide",
        "Use of telecommunications/information and communication technologies to bridge the digital "
        "divide and build an inclusive information society",
        139,
        37,
        (
            "bridging the digital divide",
            "an inclusive information society",
            "digital inclusion of vulnerable groups",
            "the special needs of least developed countries, small island developing states and "
            "landlocked developing countries",
            "digital skills and digital literacy",
        ),
        (
            "reduce the digital divide between and within countries",
            "give priority to projects that benefit the least developed countries, small island developing "
            "states and landlocked developing countries",
            "mobilize resources for digital inclusion programmes",
            "promote digital literacy among older persons and marginalized communities",
        ),
        (
            "the digital divide has many dimensions, including access, affordability, skills and relevant content",
            "the COVID-19 pandemic has shown how essential telecommunications/ICTs are for the continuity of "
            "economic and social activities",
            "the least developed countries are at risk of being left further behind",
        ),
        (
            "the digital divide persists between developed and developing countries, and between urban and rural areas",
            "the gender gap in Internet use has not narrowed in the least developed countries",
        ),
    ),
    Theme(
        "emergency",
        "The use of telecommunications/information and communication technologies for humanitarian "
        "assistance and for monitoring and management in emergency and disaster situations",
        136,
        34,
        (
            "emergency telecommunications",
            "early-warning systems and the dissemination of public warnings",
            "disaster risk reduction and disaster preparedness",
            "the resilience of telecommunication networks in emergencies",
            "the Tampere Convention on the Provision of Telecommunication Resources for Disaster Mitigation "
            "and Relief Operations",
        ),
        (
            "develop national emergency telecommunication plans",
            "deploy early-warning systems that reach every person by 2027",
            "pre-position emergency telecommunication equipment in disaster-prone countries",
            "facilitate the cross-border movement of telecommunication equipment for relief operations",
            "carry out simulation exercises with humanitarian organizations",
        ),
        (
            "natural disasters are increasing in frequency and intensity as a result of climate change",
            "timely and reliable telecommunications are critical for the coordination of relief operations",
            "the Early Warnings for All initiative of the United Nations Secretary-General calls for the "
            "whole world to be covered by early-warning systems",
        ),
        (
            "many small island developing states remain highly vulnerable to the effects of natural disasters",
            "damage to infrastructure often leaves affected populations without any means of communication",
        ),
    ),
    Theme(
        "spectrum",
        "Efficient use of the radio-frequency spectrum and satellite orbits",
        218,
        9,
        (
            "the efficient use of the radio-frequency spectrum and the geostationary-satellite and other "
            "satellite orbits",
            "equitable access to spectrum and orbital resources",
            "spectrum management and monitoring",
            "the implementation of the Radio Regulations",
            "harmful interference to satellite services",
        ),
        (
            "strengthen national spectrum management capabilities",
            "participate actively in the preparations for world radiocommunication conferences",
            "resolve cases of harmful interference through bilateral coordination",
            "update spectrum management tools and databases",
        ),
        (
            "the radio-frequency spectrum and satellite orbits are limited natural resources that must be "
            "used rationally, efficiently and economically",
            "the number of non-geostationary satellite systems has grown rapidly",
            "spectrum policy decisions have a direct effect on the cost of mobile broadband",
        ),
        (
            "reports of harmful interference to satellite services continue to increase",
            "many developing countries lack the equipment needed for spectrum monitoring",
        ),
        ("spectrum monitoring techniques", "sharing studies between terrestrial and satellite services"),
    ),
    Theme(
        "conformance",
        "Conformity and interoperability testing",
        177,
        47,
        (
            "conformance and interoperability testing",
            "the ITU Conformity and Interoperability programme",
            "regional test centres",
            "mutual recognition arrangements",
            "the quality of telecommunication equipment",
        ),
        (
            "establish regional conformity assessment and interoperability test centres",
            "build human capacity in testing and certification",
            "conclude mutual recognition arrangements between conformity assessment bodies",
            "publish the results of interoperability events",
        ),
        (
            "interoperability of equipment helps reduce costs and promotes competition",
            "many developing countries do not have the testing facilities they need",
        ),
        ("non-conforming equipment can degrade network quality and harm consumers",),
        ("conformity assessment procedures", "test specifications for interoperability events"),
    ),
    Theme(
        "accessibility",
        "Telecommunication/information and communication technology accessibility for persons with "
        "disabilities and persons with specific needs",
        175,
        58,
        (
            "the accessibility of telecommunications/ICTs for persons with disabilities",
            "accessible equipment, services and web content",
            "universal design",
            "assistive technologies",
            "accessible meetings and documents of the Union",
        ),
        (
            "include accessibility requirements in public procurement of ICT products and services",
            "make the meetings and publications of the Union fully accessible",
            "develop national policies on ICT accessibility",
            "share good practices on accessible emergency communications",
        ),
        (
            "more than one billion people live with some form of disability",
            "accessible ICTs are a means of realizing the rights recognized in the Convention on the Rights "
            "of Persons with Disabilities",
        ),
        ("many public websites and mobile applications remain inaccessible",),
        ("accessibility requirements for audiovisual media services",),
    ),
    Theme(
        "gender",
        "Mainstreaming a gender perspective in ITU and promotion of gender equality and the empowerment of "
        "women through telecommunications/information and communication technologies",
        70,
        55,
        (
            "gender equality and the empowerment of women and girls",
            "the participation of women in the ICT sector",
            "girls in science, technology, engineering and mathematics",
            "the gender digital divide",
            "International Girls in ICT Day",
        ),
        (
            "mainstream a gender perspective in all activities of the Union",
            "encourage girls to pursue studies and careers in ICT",
            "collect sex-disaggregated data on ICT access and use",
            "promote the nomination of women to elected posts and to study group leadership",
        ),
        (
            "women remain under-represented in technical and leadership positions in the ICT sector",
            "closing the gender digital divide would benefit economic growth in all regions",
        ),
        ("women are still less likely than men to use the Internet, in particular in the least developed countries",),
    ),
    Theme(
        "youth",
        "Empowerment of youth through telecommunication/information and communication technology",
        198,
        76,
        (
            "the empowerment of youth through ICTs",
            "youth participation in the work of the Union",
            "digital skills for young people",
            "youth entrepreneurship and innovation",
        ),
        (
            "involve young people in the preparation of ITU conferences and events",
            "support digital innovation hubs run by young entrepreneurs",
            "offer internships and training opportunities for young professionals",
        ),
        (
            "young people are among the most active users of digital technologies",
            "youth unemployment remains high in many developing countries",
        ),
        ("young people in rural areas have fewer opportunities to acquire digital skills",),
    ),
    Theme(
        "climate",
        "The role of telecommunications/information and communication technologies in regard to climate "
        "change and the protection of the environment",
        182,
        66,
        (
            "climate change mitigation and adaptation",
            "the environmentally sound management of e-waste",
            "the energy efficiency of telecommunication networks and data centres",
            "the circular economy in the ICT sector",
            "the environmental footprint of the ICT sector",
        ),
        (
            "develop national e-waste policies and regulations",
            "reduce the greenhouse gas emissions of the ICT sector in line with the Paris Agreement",
            "promote energy-efficient equipment and the use of renewable energy in networks",
            "improve the collection and recycling rates of electronic waste",
            "use ICTs for environmental monitoring and climate adaptation",
        ),
        (
            "less than a fifth of the e-waste generated worldwide is formally collected and recycled",
            "ICTs can help other sectors reduce their emissions considerably",
            "the ICT sector has committed to reaching net-zero emissions by 2050",
        ),
        (
            "e-waste is the fastest growing stream of solid waste in the world",
            "the informal recycling of e-waste harms human health and the environment",
        ),
        ("methodologies for assessing the environmental impact of ICTs", "circular economy requirements"),
    ),
    Theme(
        "wsis",
        "ITU's role in implementing the outcomes of the World Summit on the Information Society and the 2030 "
        "Agenda for Sustainable Development",
        140,
        30,
        (
            "the implementation of the WSIS outcomes",
            "the WSIS Action Lines",
            "the 2030 Agenda for Sustainable Development",
            "the Sustainable Development Goals",
            "the WSIS Forum",
        ),
        (
            "align the implementation of the WSIS Action Lines with the Sustainable Development Goals",
            "contribute to the review of the WSIS outcomes by the United Nations General Assembly",
            "report on the contribution of ICTs to the achievement of the Sustainable Development Goals",
        ),
        (
            "ITU is a lead facilitator of WSIS Action Lines C2, C5 and C6",
            "the WSIS process has demonstrated the value of multistakeholder cooperation",
        ),
        ("progress towards several Sustainable Development Goals has slowed since 2020",),
    ),
    Theme(
        "capacity",
        "Capacity building in the field of telecommunications/information and communication technologies",
        197,
        40,
        (
            "human and institutional capacity building",
            "the ITU Academy",
            "centres of excellence",
            "the training of regulators and policy-makers",
            "digital skills development",
        ),
        (
            "offer training courses through the ITU Academy in all six official languages",
            "strengthen the network of centres of excellence",
            "develop training material on emerging technologies",
            "provide fellowships for participants from developing countries",
        ),
        (
            "capacity building is one of the main expectations of developing countries from the Union",
            "the demand for digital skills is growing in every sector of the economy",
        ),
        ("the shortage of qualified staff limits the ability of many administrations to implement policies",),
    ),
    Theme(
        "cirt",
        "Strengthening the role of ITU in building confidence and security in the use of information and "
        "communication technologies",
        130,
        45,
        (
            "building confidence and security in the use of ICTs",
            "national computer incident response teams (CIRTs)",
            "cybersecurity capacity building",
            "the Global Cybersecurity Index",
            "the protection of critical information infrastructure",
        ),
        (
            "establish and strengthen national computer incident response teams",
            "conduct regional cyberdrills and share lessons learned",
            "develop national cybersecurity strategies",
            "cooperate with regional and international CIRTs",
            "train technical staff in incident handling",
        ),
        (
            "ITU is the facilitator of WSIS Action Line C5 on building confidence and security in the use of ICTs",
            "many developing countries still lack a national CIRT",
            "the number and sophistication of cyberattacks continue to grow",
        ),
        (
            "ransomware attacks against hospitals and public services have increased",
            "the shortage of cybersecurity professionals affects all regions",
        ),
        ("security aspects of telecommunication networks", "security guidelines for 5G networks"),
    ),
    Theme(
        "cop",
        "ITU's role in child online protection",
        179,
        67,
        (
            "child online protection",
            "the safety of children and young people online",
            "the ITU Guidelines on Child Online Protection",
            "age-appropriate digital services",
        ),
        (
            "raise awareness among parents, educators and children of the risks they face online",
            "implement the ITU Guidelines on Child Online Protection",
            "develop national child online protection strategies",
            "cooperate with industry on safety-by-design approaches",
        ),
        (
            "one in three Internet users is a child",
            "children are increasingly exposed to cyberbullying and other online harms",
        ),
        ("the number of reports of child sexual abuse material online keeps rising",),
    ),
    Theme(
        "consumer",
        "Protecting telecommunication service users/consumers",
        196,
        64,
        (
            "consumer protection in the use of telecommunication services",
            "transparency of tariffs and quality of service",
            "the handling of consumer complaints",
            "digital financial services and consumer trust",
            "international mobile roaming charges",
        ),
        (
            "ensure that consumers receive clear and comparable information on prices and quality of service",
            "establish effective mechanisms for the resolution of consumer complaints",
            "raise awareness of the importance of protecting privacy and personal data",
            "reduce international mobile roaming charges through regional agreements",
        ),
        (
            "consumers must be able to make informed choices between services",
            "awareness of the importance of protecting personal data is essential to consumer trust",
        ),
        ("fraudulent practices such as unsolicited calls and messages are increasing",),
        ("quality of service parameters", "economic and policy aspects of roaming"),
    ),
    Theme(
        "numbering",
        "Countering misappropriation and misuse of international telecommunication numbering resources",
        207,
        22,
        (
            "the misuse of international numbering resources",
            "calling line identification",
            "the origin identification of international calls",
            "the ITU-T E.164 numbering plan",
        ),
        (
            "take measures against the misappropriation of numbering resources",
            "cooperate with other administrations to investigate cases of numbering misuse",
            "implement the relevant ITU-T Recommendations on calling line identification",
        ),
        (
            "misuse of numbering resources causes significant revenue losses for operators",
            "the integrity of the numbering plan is essential for trust in telecommunication services",
        ),
        ("cases of spoofed calling line identification continue to be reported",),
        ("numbering, naming and addressing", "countering spoofing of calling line identification"),
    ),
    Theme(
        "ott",
        "The economic aspects of over-the-top applications and services",
        206,
        79,
        (
            "the economic and policy aspects of over-the-top services",
            "cooperation between OTT providers and network operators",
            "investment in network infrastructure",
            "competition in the digital ecosystem",
        ),
        (
            "study the economic impact of OTT services on telecommunication markets",
            "share national experiences on policy and regulatory approaches to OTT services",
            "foster dialogue between telecommunication operators and OTT providers",
        ),
        (
            "OTT services bring benefits to consumers and drive demand for broadband",
            "network operators face increasing traffic volumes and investment needs",
        ),
        ("there is no common understanding of the economic relationship between OTT providers and operators",),
        ("economic aspects of OTT services",),
    ),
    Theme(
        "ai",
        "Artificial intelligence technologies and telecommunications/information and communication technologies",
        214,
        90,
        (
            "the telecommunication/ICT aspects of artificial intelligence",
            "the AI for Good Global Summit",
            "machine learning in future networks",
            "AI-enabled network management",
        ),
        (
            "study the use of artificial intelligence in network operation and management, within the "
            "mandate of the Union",
            "organize the AI for Good Global Summit in partnership with other United Nations agencies",
            "help developing countries benefit from AI applications for sustainable development",
        ),
        (
            "artificial intelligence can help optimize networks and improve energy efficiency",
            "work on AI in the United Nations system involves many organizations, each within its mandate",
        ),
        ("developing countries risk being left behind in the adoption of AI",),
        ("machine learning for future networks including 5G", "AI-based network automation"),
    ),
    Theme(
        "iot",
        "Facilitating the Internet of Things and smart sustainable cities and communities",
        197,
        85,
        (
            "the Internet of Things",
            "smart sustainable cities and communities",
            "key performance indicators for smart sustainable cities",
            "the United for Smart Sustainable Cities initiative",
        ),
        (
            "develop international standards for IoT interoperability",
            "adopt the key performance indicators for smart sustainable cities",
            "share experience on IoT deployments for agriculture, health and transport",
        ),
        (
            "the number of connected devices is expected to exceed 30 billion by 2030",
            "smart city solutions can improve the efficiency of urban services",
        ),
        ("fragmentation of IoT standards hampers interoperability",),
        ("IoT and smart cities and communities", "data processing and management for IoT"),
    ),
    Theme(
        "internet",
        "ITU's role with regard to international public policy issues pertaining to the Internet and the "
        "management of Internet resources, including domain names and addresses",
        102,
        20,
        (
            "international Internet-related public policy issues",
            "the Council Working Group on International Internet-related Public Policy Issues (CWG-Internet)",
            "the Internet Governance Forum",
            "enhanced cooperation on Internet-related public policy issues",
            "the multistakeholder model of Internet governance",
        ),
        (
            "hold open online consultations with all stakeholders before each meeting of CWG-Internet",
            "participate in the Internet Governance Forum and its regional initiatives",
            "cooperate with the organizations responsible for the management of Internet resources",
            "facilitate the participation of developing countries in Internet governance discussions",
        ),
        (
            "the Internet has evolved through the participation of all stakeholders",
            "the Tunis Agenda recognizes the roles and responsibilities of governments and other stakeholders",
        ),
        ("developing countries remain under-represented in Internet governance fora",),
    ),
    Theme(
        "ipv6",
        "Promoting the deployment and adoption of IPv6 to facilitate the transition from IPv4 to IPv6",
        180,
        63,
        (
            "the deployment of IPv6",
            "the transition from IPv4 to IPv6",
            "IPv6 training and capacity building",
            "the regional Internet registries",
        ),
        (
            "develop national IPv6 deployment plans",
            "organize IPv6 training in cooperation with the regional Internet registries",
            "encourage public administrations to make their services reachable over IPv6",
        ),
        (
            "the pool of unallocated IPv4 addresses has been exhausted",
            "the regional Internet registries offer training and assistance for IPv6 deployment",
        ),
        ("IPv6 adoption remains low in many developing countries",),
    ),
    Theme(
        "counterfeit",
        "Combating counterfeit telecommunication/information and communication technology devices",
        188,
        79,
        (
            "combating counterfeit ICT devices",
            "mobile device theft",
            "unique device identifiers",
            "the integrity of equipment identifiers",
        ),
        (
            "exchange information on counterfeit devices between administrations",
            "implement the relevant ITU-T Recommendations on counterfeit detection",
            "raise consumer awareness of the risks of counterfeit devices",
        ),
        (
            "counterfeit devices may pose risks to health, safety and network quality",
            "mobile device theft affects consumers in all regions",
        ),
        ("the trade in counterfeit devices deprives governments of revenue",),
        ("counterfeit and stolen device detection",),
    ),
    Theme(
        "ukraine",
        "Assistance and support to countries in special need for rebuilding their telecommunication sector",
        34,
        26,
        (
            "assistance to countries in special need",
            "the reconstruction of damaged telecommunication infrastructure",
            "Council Resolution 1408 on assistance and support to Ukraine",
            "the restoration of telecommunication services after conflicts",
        ),
        (
            "assess the damage to telecommunication infrastructure and the needs for reconstruction",
            "mobilize resources for the rebuilding of the telecommunication sector of Ukraine",
            "provide technical assistance for the restoration of networks and services",
        ),
        (
            "telecommunication infrastructure has suffered extensive damage in several countries",
            "ITU has provided assistance to Ukraine in accordance with Council Resolution 1408",
        ),
        ("attacks on telecommunication infrastructure deprive civilians of essential services",),
    ),
    Theme(
        "itrs",
        "The International Telecommunication Regulations",
        146,
        22,
        (
            "the International Telecommunication Regulations",
            "the outcomes of the Expert Group on the International Telecommunication Regulations",
            "the 1988 and 2012 versions of the Regulations",
        ),
        (
            "take into account the final report of the EG-ITR",
            "focus the resources of the Union on capacity building and on bridging the digital divide",
        ),
        (
            "the Expert Group on the ITRs did not reach consensus on the need for a revision",
            "the coexistence of two versions of the Regulations has not prevented the provision of "
            "international services",
            "some Member States have called for a new World Conference on International "
            "Telecommunications, while others consider that there is no need for one",
        ),
        ("the work on the Regulations has absorbed considerable resources of the Union",),
    ),
)

# --------------------------------------------------------------------------- shared vocabulary

BENEFICIARIES = (
    "developing countries",
    "the least developed countries, small island developing states and landlocked developing countries",
    "countries with economies in transition",
    "rural and remote communities",
    "persons with disabilities and persons with specific needs",
    "women and girls",
    "young people",
    "small and medium-sized enterprises",
    "indigenous communities",
)
PARTNERS = (
    "relevant United Nations agencies",
    "regional telecommunication organizations",
    "the United Nations Educational, Scientific and Cultural Organization",
    "the World Health Organization",
    "the United Nations Environment Programme",
    "the United Nations Office for Disaster Risk Reduction",
    "the World Meteorological Organization",
    "UN Women",
    "the United Nations Children's Fund",
    "the United Nations Development Programme",
    "academia and research institutions",
    "the private sector and civil society",
)
QUALIFIERS = (
    ", taking into account the specific needs of developing countries",
    ", within the available financial resources",
    ", in close collaboration with the other two Sectors",
    ", in cooperation with {partner}",
    ", with a view to achieving the Sustainable Development Goals",
    ", in line with the Connect 2030 Agenda",
    ", in particular for {bene}",
    ", avoiding duplication of work with other organizations",
    ", upon request",
    ", within the mandate of the Union",
    ", and to report on progress to the next Plenipotentiary Conference",
    "",
    "",
    "",
)
GOALS = (
    "sustainable development",
    "the achievement of the Sustainable Development Goals",
    "economic growth and social inclusion",
    "the building of an inclusive information society",
    "the objectives of the Connect 2030 Agenda",
    "digital transformation",
)
OFFICIALS = (
    "Secretary-General",
    "Director of the Telecommunication Development Bureau",
    "Director of the Telecommunication Standardization Bureau",
    "Director of the Radiocommunication Bureau",
)
SECTORS = ("ITU-T", "ITU-D", "ITU-R")
STUDY_GROUPS = (
    "ITU-T Study Group 2",
    "ITU-T Study Group 3",
    "ITU-T Study Group 5",
    "ITU-T Study Group 13",
    "ITU-T Study Group 17",
    "ITU-T Study Group 20",
    "ITU-D Study Group 1",
    "ITU-D Study Group 2",
    "ITU-R Study Group 1",
    "ITU-R Study Group 4",
)
FORUMS = (
    "the World Summit on the Information Society (Geneva, 2003 and Tunis, 2005)",
    "the World Telecommunication Development Conference (Kigali, 2022)",
    "the World Telecommunication Standardization Assembly (Geneva, 2022)",
    "the Radiocommunication Assembly (Sharm el-Sheikh, 2019)",
    "the World Telecommunication/ICT Policy Forum (Geneva, 2021)",
    "the United Nations General Assembly at its seventieth session",
    "the Global Symposium for Regulators",
)
ASSEMBLIES = (
    ("Plenipotentiary Conference", ("Dubai, 2018", "Busan, 2014")),
    ("World Telecommunication Development Conference", ("Kigali, 2022", "Buenos Aires, 2017")),
    ("World Telecommunication Standardization Assembly", ("Geneva, 2022", "Hammamet, 2016")),
    ("Radiocommunication Assembly", ("Sharm el-Sheikh, 2019",)),
)
YEARS = ("2019", "2020", "2021", "2022")
FUTURE_YEARS = ("2024", "2025", "2026")

# --------------------------------------------------------------------------- clause templates

INTROS_PREAMBLE = (
    "considering",
    "recalling",
    "recognizing",
    "noting",
    "noting with concern",
    "noting with appreciation",
    "bearing in mind",
    "aware",
    "emphasizing",
    "taking into account",
    "convinced",
    "concerned",
    "reaffirming",
    "further recognizing",
)
INTROS_OPERATIVE = (
    "resolves",
    "decides",
    "instructs the Secretary-General",
    "instructs the Director of the Telecommunication Development Bureau",
    "instructs the Director of the Telecommunication Standardization Bureau",
    "instructs the Director of the Radiocommunication Bureau",
    "instructs the Directors of the three Bureaux",
    "instructs the Council",
    "invites Member States",
    "invites Member States and Sector Members",
    "encourages Member States",
    "requests the Secretary-General",
    "urges Member States",
    "calls upon Member States and Sector Members",
    "invites the Council",
)
# Intros under which a red-line clause ("to ..." / "that ITU shall ...") commits the Union.
COMMITTING = frozenset(
    {
        "resolves",
        "decides",
        "instructs the Secretary-General",
        "instructs the Director of the Telecommunication Development Bureau",
        "instructs the Director of the Telecommunication Standardization Bureau",
        "instructs the Directors of the three Bureaux",
        "instructs the Council",
        "requests the Secretary-General",
    }
)

PREAMBLE_TEMPLATES: dict[str, tuple[str, ...]] = {
    "considering": (
        "that {fact};",
        "the importance of {np} for {goal};",
        "that {np} is essential to {goal}, in particular for {bene};",
        "that many developing countries still lack the resources to {act};",
        "that the Union has a key role to play in {np}, within its mandate;",
    ),
    "recalling": (
        "Resolution {resno} (Rev. {resplace}) of the {assembly}, on {np};",
        "the relevant outcomes of {forum};",
        "the Geneva Declaration of Principles and Plan of Action and the Tunis Agenda for the Information Society;",
        "that {forum} called on ITU to support Member States in {np};",
        "Resolution 146 (Rev. Dubai, 2018) of the Plenipotentiary Conference, on the periodic review of the "
        "International Telecommunication Regulations;",
        "United Nations General Assembly Resolution 70/1, \u201cTransforming our world: the 2030 Agenda for "
        "Sustainable Development\u201d;",
    ),
    "recognizing": (
        "that {fact};",
        "the work carried out by {sg} on {np};",
        "that {bene} face particular challenges with regard to {np};",
        "the contribution of {partner} to {np};",
        "that {np} contributes directly to {goal};",
    ),
    "noting": (
        "the report of the {official} to the Council at its {year} session on {np};",
        "that {fact};",
        "the activities undertaken by {sector} on {np} since the last conference;",
        "that some Member States have proposed new work on {np}, while others consider existing "
        "arrangements sufficient;",
    ),
    "noting with concern": ("that {concern};", "that {concern}, and that {concern2};"),
    "noting with appreciation": (
        "the work of {sg} on {np};",
        "the efforts of the {official} to {act};",
        "the contributions of Member States and Sector Members to {np};",
    ),
    "bearing in mind": (
        "that the activities of the Union on {np} should be carried out within its mandate and in "
        "cooperation with {partner};",
        "the relevant provisions of the ITU Constitution and Convention;",
        "that {fact};",
    ),
    "aware": ("that {fact};", "of the need to {act};", "of the work of {partner} on {np};"),
    "emphasizing": (
        "the importance of {np} for {goal};",
        "that {np} requires the cooperation of all stakeholders;",
        "the need to {act}, in particular in {bene};",
    ),
    "taking into account": (
        "the outcomes of {forum};",
        "Resolution {resno} (Rev. {resplace}) of the {assembly};",
        "that {fact};",
    ),
    "convinced": ("that {np} will contribute significantly to {goal};", "that it is necessary to {act};"),
    "concerned": ("that {concern};", "about the slow progress made on {np} in {bene};"),
    "reaffirming": (
        "the commitment of Member States to {np};",
        "the importance of the multistakeholder approach to {np};",
        "that ITU should continue to {act}, within its mandate;",
    ),
    "further recognizing": ("that {fact};", "the need for closer cooperation on {np} with {partner};"),
}

OPERATIVE_TEMPLATES: dict[str, tuple[str, ...]] = {
    "resolves": (
        "to continue to give high priority to {np}{qual};",
        "that ITU shall continue to {act}{qual};",
        "to {act}{qual};",
        "to encourage {partner} to cooperate with ITU on {np};",
        "that the activities referred to in this resolution shall be carried out within the financial plan "
        "of the Union;",
    ),
    "decides": (
        "to continue the activities of the Union on {np}{qual};",
        "that ITU shall {act}{qual};",
    ),
    "instructs the Secretary-General": (
        "to report annually to the Council on the implementation of this resolution and on {np};",
        "to bring this resolution to the attention of {partner};",
        "to coordinate the activities of the Union on {np}{qual};",
        "to allocate, within the approved budget, the resources necessary for {np};",
        "to {act}{qual};",
    ),
    "instructs the Director of the Telecommunication Development Bureau": (
        "to assist Member States, in particular {bene}, in their efforts to {act}{qual};",
        "to organize, in cooperation with {partner}, regional workshops and training programmes on {np};",
        "to continue to collect and disseminate best practices on {np};",
        "to support {bene} in their efforts to {act};",
        "to include {np} in the work of {sg};",
    ),
    "instructs the Director of the Telecommunication Standardization Bureau": (
        "to support the work of the relevant study groups on {study}{qual};",
        "to promote the participation of developing countries in the work on {study};",
        "to organize workshops on {study}, in cooperation with the Telecommunication Development Bureau;",
    ),
    "instructs the Director of the Radiocommunication Bureau": (
        "to continue to assist Member States on {np}{qual};",
        "to provide the necessary support to {sg} on {np};",
    ),
    "instructs the Directors of the three Bureaux": (
        "to coordinate the work of the Sectors on {np}{qual};",
        "to {act}, each within the mandate of its Sector;",
    ),
    "instructs the Council": (
        "to consider the report of the Secretary-General on {np} and to take the measures it deems appropriate;",
        "to include {np} among the topics discussed at its annual sessions;",
        "to monitor the implementation of this resolution within the strategic plan of the Union;",
    ),
    "invites Member States": (
        "to {act};",
        "to contribute to the work of {sg} on {np};",
        "to share their experience on {np} with other Member States;",
        "to consider including {np} in their national development strategies;",
        "to cooperate with {partner} in order to {act};",
    ),
    "invites Member States and Sector Members": (
        "to {act}{qual};",
        "to participate actively in the work of {sg} on {np};",
        "to submit contributions on {np} to the relevant study groups;",
    ),
    "encourages Member States": (
        "to {act}{qual};",
        "to promote {np} through appropriate policies;",
        "to support the initiatives of the Union on {np};",
    ),
    "requests the Secretary-General": (
        "to {act}{qual};",
        "to ensure the coordination of the activities of the three Sectors on {np};",
    ),
    "urges Member States": ("to {act}{qual};", "to give due priority to {np};"),
    "calls upon Member States and Sector Members": (
        "to {act}{qual};",
        "to contribute voluntary resources to the activities of the Union on {np};",
    ),
    "invites the Council": ("to consider {np} at its next session{qual};",),
}

FOOTNOTES = (
    "These include the least developed countries, small island developing states, landlocked developing "
    "countries and countries with economies in transition.",
    "The term \u201cICT\u201d as used in this resolution refers to telecommunications/information and "
    "communication technologies.",
    "See the report of the {official} to the Council at its {year} session.",
    "Available on the ITU website in the six official languages of the Union.",
    "As defined in Recommendation ITU-T Y.4900 and related Recommendations.",
    "Such as the regional initiatives adopted by {forum}.",
    "See Resolution {resno} (Rev. {resplace}) of the {assembly}.",
)

REASONS = (
    "To update the resolution in the light of the outcomes of {forum} and to strengthen the work of the Union on {np}.",
    "The proposed changes reflect recent developments in {np} and avoid duplication with other organizations.",
    "The resolution needs to be aligned with the Connect 2030 Agenda and the strategic plan of the Union.",
    "{title} is a priority for {bene}; this proposal consolidates the activities of the three Sectors.",
    "Editorial updates and alignment with Resolution {resno} (Rev. {resplace}) of the {assembly}.",
)
SUP_REASONS = (
    "The objectives of this resolution have been achieved and its remaining provisions are covered by Resolution {pp}.",
    "The work foreseen in this resolution has been completed; there is no need to maintain it.",
    "This resolution is merged into Resolution {pp} (Rev. Bucharest, 2022).",
)
NOC_REASONS = (
    "The resolution remains relevant and does not require any change at this conference.",
    "No change is needed; the resolution continues to guide the work of the Union on {np}.",
)
INTRODUCTIONS = (
    "The {group} attach great importance to {np} and propose the following changes to strengthen the "
    "work of the Union in this area.",
    "Since the last conference, {fact}. The proposals below take these developments into account.",
    "The proposals in this Addendum aim to make the resolution more concise and to focus it on {np}, "
    "in accordance with the mandate of the Union.",
    "These proposals were agreed at the final preparatory meeting of the {group} held in {month} 2022.",
)
ADDED_QUALIFIERS = (
    " and to report on the results to the Council",
    ", in particular in the least developed countries",
    ", taking into account the outcomes of the World Telecommunication Development Conference (Kigali, 2022)",
    ", in collaboration with relevant stakeholders",
    ", in full respect of human rights and the rule of law",
    ", in accordance with the multistakeholder approach",
)

# --------------------------------------------------------------------------- red-line clauses
# Own wording: each template crosses one of the red lines of /work/shared/DOMAIN.md.

RED_SLOTS: dict[str, tuple[str, ...]] = {
    "instrument": (
        "a legally binding instrument",
        "an international convention",
        "a binding international legal framework",
        "a universal treaty",
        "an international framework agreement",
        "treaty-level provisions",
    ),
    "secsubject": (
        "information security",
        "ICT security",
        "cybersecurity",
        "international information security",
        "the security of information and communication technologies",
    ),
    "dplaw": (
        "national data-protection legislation",
        "national legislation on the protection of personal data",
        "privacy laws and implementing regulations",
        "legal frameworks for the processing of personal data",
    ),
    "privsubject": (
        "the protection of personal data",
        "privacy in telecommunication networks",
        "cross-border transfers of personal data",
        "the processing of personal data by operators and online platforms",
    ),
    "tech": ("artificial intelligence", "quantum technologies", "the metaverse", "digital platforms"),
    "biometric": (
        "facial recognition",
        "remote biometric identification",
        "face recognition and gait recognition",
        "real-time biometric identification",
    ),
    "surv": (
        "public video surveillance",
        "safe-city camera networks",
        "city-wide surveillance systems",
        "the monitoring of public spaces",
    ),
    "names": (
        "Internet domain names and addresses",
        "the Internet root zone",
        "IP address blocks and autonomous system numbers",
    ),
}

RED_TEMPLATES: dict[str, tuple[str, ...]] = {
    "itr-treaty": (
        "to convene a World Conference on International Telecommunications in {future} in order to revise "
        "the International Telecommunication Regulations;",
        "to prepare a comprehensive revision of the ITRs, including provisions on over-the-top services and "
        "the routing of international traffic, for adoption by a new WCIT;",
        "that the Expert Group on the International Telecommunication Regulations shall continue its work "
        "and prepare a draft revised text of the Regulations;",
        "to place the convening of a new world conference on international telecommunications on the agenda "
        "of its {future} session;",
        "to undertake a full review of the International Telecommunication Regulations with a view to their "
        "revision at a world conference to be held no later than {future};",
    ),
    "cyber-instrument": (
        "to prepare {instrument} on {secsubject} for consideration by the next Plenipotentiary Conference;",
        "that ITU shall serve as the principal platform for negotiating {instrument} on {secsubject};",
        "to convene an intergovernmental expert group to draft {instrument} on {secsubject}, taking into "
        "account the needs of developing countries;",
        "to initiate, under the auspices of the Union, the elaboration of {instrument} on {secsubject};",
    ),
    "privacy-regulation": (
        "to assist Member States in drafting {dplaw}{qual};",
        "to develop model laws on {privsubject} for adoption by Member States;",
        "to elaborate a regulatory framework on {privsubject} applicable to operators and service providers;",
        "to support developing countries in elaborating {dplaw}, on the basis of guidelines prepared by ITU;",
    ),
    "internet-governance": (
        "that ITU shall be responsible for the allocation of IP addresses and for the management of {names};",
        "to establish an intergovernmental mechanism to oversee the management of {names};",
        "to develop, under the authority of Member States, a new network protocol architecture to replace "
        "the current Internet protocols;",
        "that the consultations of the Council Working Group on International Internet-related Public "
        "Policy Issues shall be limited to Member States;",
        "to take over the functions currently performed by the Internet Corporation for Assigned Names and "
        "Numbers in the management of {names};",
    ),
    "mandate-creep": (
        "to develop a global regulatory framework for artificial intelligence;",
        "that ITU shall take the lead role in regulating {tech} in all its aspects, including ethical and "
        "content-related issues;",
        "to prepare binding international rules on the development and use of {tech};",
        "to establish ITU as the global regulator of online content and {tech};",
    ),
    "biometric-surveillance": (
        "to develop Recommendations on large-scale {biometric} for {surv};",
        "to accelerate the standardization of {biometric} systems for {surv}, including the real-time "
        "identification of individuals in public spaces;",
        "to develop technical requirements for {surv} with {biometric} capabilities and centralized watchlists;",
    ),
    "human-rights": (
        "that measures to secure telecommunication networks shall take precedence over the protection of "
        "privacy and human rights;",
        "that Member States may restrict access to telecommunication services on grounds of national "
        "security without further safeguards;",
    ),
    "ukraine": (
        "to discontinue the assistance to Ukraine provided under Council Resolution 1408;",
        "that no further resources of the Union shall be allocated to rebuilding the telecommunication "
        "infrastructure of Ukraine;",
        "to suspend the implementation of Council Resolution 1408 until the next session of the Council;",
    ),
}
RED_RULES = tuple(RED_TEMPLATES)

# --------------------------------------------------------------------------- slot filling


class Slots(dict[str, str]):
    """A format_map mapping that draws each missing slot lazily from the theme and vocabulary.

    A slot used twice in one template gets the same value (dict caching); only slots a template
    names consume random numbers, so templates stay cheap and the draw order deterministic.
    """

    def __init__(self, rng: random.Random, theme: Theme, meeting: Meeting, group: Group) -> None:
        super().__init__()
        self.rng, self.theme, self.meeting, self.group = rng, theme, meeting, group

    def __missing__(self, key: str) -> str:
        value = self._draw(key)
        self[key] = value
        return value

    def _draw(self, key: str) -> str:
        rng, theme = self.rng, self.theme
        pick = rng.choice
        simple: dict[str, Callable[[], str]] = {
            "np": lambda: pick(theme.nps),
            "act": lambda: pick(theme.acts),
            "fact": lambda: pick(theme.facts),
            "concern": lambda: pick(theme.concerns),
            "concern2": lambda: pick(theme.facts),
            "study": lambda: pick(theme.studies or theme.nps),
            "title": lambda: theme.title,
            "bene": lambda: pick(BENEFICIARIES),
            "partner": lambda: pick(PARTNERS),
            "goal": lambda: pick(GOALS),
            "official": lambda: pick(OFFICIALS),
            "sector": lambda: pick(SECTORS),
            "sg": lambda: pick(STUDY_GROUPS),
            "forum": lambda: pick(FORUMS),
            "year": lambda: pick(YEARS),
            "future": lambda: pick(FUTURE_YEARS),
            "pp": lambda: str(pick(THEMES).pp),
            "group": lambda: self.group.title.replace(" common proposals", "").replace(" proposals", ""),
            "month": lambda: pick(MONTHS[:7]),
        }
        if key in simple:
            return simple[key]()
        if key == "qual":
            return pick(QUALIFIERS).format_map(self)
        if key in ("assembly", "resplace", "resno"):
            return self._resolution_ref(key)
        if key in RED_SLOTS:
            return pick(RED_SLOTS[key])
        raise KeyError(key)

    def _resolution_ref(self, key: str) -> str:
        name, places = self.rng.choice(ASSEMBLIES)
        self["assembly"] = name
        self["resplace"] = self.rng.choice(places)
        other = self.rng.choice(THEMES)
        self["resno"] = str(other.pp if name == "Plenipotentiary Conference" else other.wtdc)
        return self[key]


def fill(template: str, slots: Slots) -> str:
    """Fill a clause template from `slots` (items keep their lower-case start, as in ITU texts)."""
    return template.format_map(slots)


def sentence(template: str, slots: Slots) -> str:
    """Fill a template that stands as a sentence (reasons, footnotes, introductions)."""
    text = template.format_map(slots)
    return text[:1].upper() + text[1:]


# --------------------------------------------------------------------------- document model


class FastDraft(Draft):
    """A Draft that resolves each paragraph style name once.

    python-docx resolves a style name by scanning every style of the document, for every
    paragraph; that was half the generation time. The output is the same ``w:pStyle``.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._style_ids: dict[str, str] = {}

    def paragraph(self, content: object = (), *, style: str | None = None, **kwargs: object) -> Paragraph:
        para = super().paragraph(content, **kwargs)  # type: ignore[arg-type]
        if style:
            if style not in self._style_ids:
                self._style_ids[style] = self._doc.styles[style].style_id
            para._p.style = self._style_ids[style]
        return para


@dataclass
class Stats:
    """What one draft holds: words written (every text string), items and red-line items."""

    words: int = 0
    items: int = 0
    red: int = 0
    red_rules: dict[str, int] = field(default_factory=dict)

    def add(self, content: object) -> None:
        self.words += _count_words(content)


def _count_words(content: object) -> int:
    if isinstance(content, str):
        return len(content.split())
    if isinstance(content, Run):
        return len(content.text.split())
    if isinstance(content, Ins | Del):
        return _count_words(content.content)
    if isinstance(content, Footnote):
        return _count_words(content.content)
    if isinstance(content, Sequence):
        return sum(_count_words(c) for c in content)
    return 0


@dataclass
class Context:
    """State shared by the builders of one draft."""

    rng: random.Random
    draft: Draft
    group: Group
    meeting: Meeting
    stats: Stats
    target: int
    tracked: bool  # MOD changes as w:ins/w:del (else underline/strike runs)
    doc_no: int
    addendum: int
    themes: tuple[Theme, ...] = ()  # this draft's subjects, its main one first
    seen: set[str] = field(default_factory=set)  # clauses already used in the current proposal

    def slots(self, theme: Theme) -> Slots:
        return Slots(self.rng, theme, self.meeting, self.group)

    def write(self, content: Sequence[Inline] | str, **kwargs: object) -> None:
        self.stats.add(content)
        self.draft.paragraph(content, **kwargs)  # type: ignore[arg-type]

    @property
    def full(self) -> bool:
        return self.stats.words >= self.target


# --------------------------------------------------------------------------- inline shaping


def split_runs(rng: random.Random, text: str) -> list[Inline]:
    """Split a clause into runs at word boundaries, as Word does after a few editing sessions."""
    if rng.random() > 0.3:
        return [text]
    words = text.split(" ")
    if len(words) < 6:
        return [text]
    cuts = sorted(rng.sample(range(1, len(words)), k=min(2, len(words) - 1)))
    pieces, start = [], 0
    for cut in [*cuts, len(words)]:
        chunk = " ".join(words[start:cut])
        pieces.append(chunk + (" " if cut < len(words) else ""))
        start = cut
    return [p for p in pieces if p]


def inserted(ctx: Context, content: Sequence[Inline] | str) -> Inline:
    """Added text in a MOD proposal: a tracked insertion or an underlined run."""
    if ctx.tracked:
        return Ins(content)  # type: ignore[arg-type]
    text = content if isinstance(content, str) else "".join(_plain(c) for c in content)
    return Run(text, underline=True)


def deleted(ctx: Context, text: str) -> Inline:
    """Removed text in a MOD proposal: a tracked deletion or a struck-through run."""
    return Del(text) if ctx.tracked else Run(text, strike=True)


def _plain(inline: Inline) -> str:
    if isinstance(inline, str):
        return inline
    if isinstance(inline, Run):
        return inline.text
    return ""


def revise(ctx: Context, text: str, preamble: bool) -> tuple[list[Inline], Mark | None, bool]:
    """Show a MOD proposal's change to one item; return (inlines, paragraph mark, protective text cut).

    Most items stay as they are; some are wholly added or deleted, some get a phrase added or
    a few words struck out (operative items also gain or lose a qualifying phrase). Cutting
    "in full respect of human rights" counts as a red-line item.
    """
    rng = ctx.rng
    roll = rng.random()
    mark_ins: Mark | None = "ins" if ctx.tracked else None
    mark_del: Mark | None = "del" if ctx.tracked else None
    if roll < 0.12:
        return [inserted(ctx, text)], mark_ins, False
    if roll < 0.18:
        return [deleted(ctx, text)], mark_del, False
    body, end = (text[:-1], text[-1]) if text[-1:] in ";.," else (text, "")
    if preamble and roll < 0.31:
        roll = 0.35  # a phrase struck out, not a qualifier added or cut
    if roll < 0.30:
        return [body, inserted(ctx, rng.choice(ADDED_QUALIFIERS)), end], None, False
    if roll < 0.31:
        cut = ", in full respect of human rights and the rule of law"
        return [body, deleted(ctx, cut), end], None, True
    if roll < 0.41:
        words = body.split(" ")
        if len(words) > 10:
            i = rng.randrange(2, len(words) - 5)
            j = i + rng.randint(2, 4)
            head, gone, tail = " ".join(words[:i]) + " ", " ".join(words[i:j]) + " ", " ".join(words[j:])
            return [head, deleted(ctx, gone), tail + end], None, False
    return split_runs(rng, text), None, False


# --------------------------------------------------------------------------- blocks


def item_text(ctx: Context, theme: Theme, intro: str, preamble: bool) -> tuple[str, str | None]:
    """One clause for `intro` not yet used in this proposal (a few tries): (text, red-line rule or None)."""
    for _ in range(6):
        text, rule = _draw_item(ctx, theme, intro, preamble)
        if text not in ctx.seen:
            break
    ctx.seen.add(text)
    return text, rule


def _draw_item(ctx: Context, theme: Theme, intro: str, preamble: bool) -> tuple[str, str | None]:
    slots = ctx.slots(theme)
    if not preamble and intro in COMMITTING and ctx.rng.random() < RED_LINE_RATE:
        rule = ctx.rng.choice(RED_RULES)
        templates = RED_TEMPLATES[rule]
        if not intro.startswith(("resolves", "decides")):
            templates = tuple(t for t in templates if t.startswith("to ")) or templates
        return fill(ctx.rng.choice(templates), slots), rule
    bank = PREAMBLE_TEMPLATES[intro] if preamble else OPERATIVE_TEMPLATES[intro]
    return fill(ctx.rng.choice(bank), slots), None


def maybe_footnote(ctx: Context, theme: Theme, inlines: list[Inline]) -> list[Inline]:
    """Attach a footnote to about one item in twenty-five (before the final punctuation)."""
    if ctx.rng.random() > 0.04:
        return inlines
    note = sentence(ctx.rng.choice(FOOTNOTES), ctx.slots(theme))
    last = inlines[-1]
    if isinstance(last, str) and last[-1:] in ";.":
        return [*inlines[:-1], last[:-1], Footnote(note), last[-1]]
    return [*inlines, Footnote(note)]


def block(ctx: Context, theme: Theme, intro: str, *, preamble: bool, action: str, count: int) -> None:
    """An intro phrase followed by `count` lettered (preamble) or numbered (operative) items."""
    ctx.stats.add(intro)
    ctx.draft.intro(intro)
    kind = "letter" if preamble else "decimal"
    for i in range(count):
        text, rule = item_text(ctx, theme, intro, preamble)
        mark: Mark | None = None
        inlines: list[Inline]
        if rule and action == "MOD":
            inlines, mark = [inserted(ctx, text)], ("ins" if ctx.tracked else None)
        elif action == "MOD":
            inlines, mark, cut = revise(ctx, text, preamble)
            rule = "human-rights" if cut else None
        else:
            inlines = split_runs(ctx.rng, text)
        if rule:
            ctx.stats.red += 1
            ctx.stats.red_rules[rule] = ctx.stats.red_rules.get(rule, 0) + 1
        ctx.stats.items += 1
        ctx.write(maybe_footnote(ctx, theme, inlines), numbered=kind, restart=i == 0, mark=mark)
        if ctx.full and not preamble:
            return


def resolution_heading(ctx: Context, theme: Theme, action: str, new_no: int) -> tuple[str, str]:
    """Write the resolution number/title (with a tracked revision for MOD); return (number, title)."""
    meeting = ctx.meeting
    number = theme.pp if meeting is PP22 else theme.wtdc
    title = theme.title
    if action == "ADD":
        label = f"DRAFT NEW RESOLUTION [{ctx.group.code}-{new_no}] ({meeting.revision})"
        content: list[Inline] = [label]
    elif action == "MOD":
        old = ctx.rng.choice(meeting.previous)
        label = f"RESOLUTION {number} (REV. {meeting.revision})"
        content = [f"RESOLUTION {number} (REV. ", deleted(ctx, old), inserted(ctx, meeting.revision), ")"]
    else:
        label = f"RESOLUTION {number} (REV. {ctx.rng.choice(meeting.previous)})"
        content = [label]
    ctx.stats.add(content)
    ctx.stats.add(title)
    ctx.draft.resolution(content, title, conference=None if action == "SUP" else meeting.sentence)
    if action != "SUP":
        ctx.stats.add(meeting.sentence)
    return label, title


def annex_table(ctx: Context, theme: Theme, label: str) -> None:
    """An annex with a table of activities (lead, timeline, outcome), as action plans have."""
    rng = ctx.rng
    heading = f"ANNEX TO {label.split(' (')[0]}"
    ctx.write(heading, style="AnnexNo")
    rows: list[list[str]] = [["Activity", "Lead", "Timeline", "Expected outcome"]]
    for _ in range(rng.randint(3, 8)):
        slots = ctx.slots(theme)
        rows.append(
            [
                sentence("{act}", slots),
                rng.choice(("BDT", "TSB", "BR", "General Secretariat", "BDT and TSB")),
                f"{rng.choice(('2023', '2024', '2025'))}-{rng.choice(('2026', '2027'))}",
                fill("Progress on {np} reported to the Council", slots),
            ]
        )
    for row in rows:
        ctx.stats.add(row)
    ctx.draft.table(rows)  # type: ignore[arg-type]


def proposal(ctx: Context, number: int, new_no: int) -> None:
    """One proposal: header, resolution heading, preamble and operative blocks, annex, reasons."""
    rng = ctx.rng
    action = rng.choices(("ADD", "MOD", "SUP", "NOC"), weights=(30, 55, 7, 8))[0]
    theme = ctx.themes[(number - 1) % len(ctx.themes)]
    ctx.seen.clear()
    ident = f"{ctx.group.code}/{ctx.doc_no}A{ctx.addendum}/{number}"
    ctx.stats.add([action, ident])
    ctx.draft.proposal(action, ident)
    label, _title = resolution_heading(ctx, theme, action, new_no)
    if action in ("ADD", "MOD"):
        body(ctx, theme, action)
        if rng.random() < 0.12:
            annex_table(ctx, theme, label)
    bank = {"SUP": SUP_REASONS, "NOC": NOC_REASONS}.get(action, REASONS)
    reason = sentence(rng.choice(bank), ctx.slots(theme))
    ctx.stats.add(["Reasons:", reason])
    ctx.draft.reasons(reason)


def body(ctx: Context, theme: Theme, action: str) -> None:
    """Preamble then operative part, sized so that a proposal is a few hundred words."""
    rng = ctx.rng
    for intro in rng.sample(INTROS_PREAMBLE, k=rng.randint(2, 5)):
        block(ctx, theme, intro, preamble=True, action=action, count=rng.randint(1, 5))
    intros = ["resolves", *rng.sample(INTROS_OPERATIVE[1:], k=rng.randint(1, 4))]
    for intro in intros:
        block(ctx, theme, intro, preamble=False, action=action, count=rng.randint(1, 6))
        if ctx.full:
            return


def cover(ctx: Context) -> None:
    """First-page block: conference, Addendum, Document NN-E, date, Original, source, title."""
    rng, group, meeting = ctx.rng, ctx.group, ctx.meeting
    month, first, last = meeting.month_days
    date = f"{rng.randint(first, last)} {MONTHS[month - 1]} 2022"
    theme = ctx.themes[0]
    title = f"{group.title} for the work of the Conference\nPart {ctx.addendum} – {theme.title.split(',')[0]}"
    fields = [meeting.cover, "PLENARY MEETING", f"Addendum {ctx.addendum} to", f"Document {ctx.doc_no}-E"]
    ctx.stats.add([*fields, date, f"Original: {group.language}", group.source, title])
    header = f"{meeting.header}/{ctx.doc_no}(Add.{ctx.addendum})-E"
    ctx.stats.add(header)
    ctx.draft.page_header(header)
    ctx.draft.cover(
        addendum=f"Addendum {ctx.addendum} to",
        document=f"Document {ctx.doc_no}-E",
        date=date,
        original=group.language,
        source=group.source,
        title=title,
        conference=meeting.cover,
    )
    if rng.random() < 0.6:
        ctx.stats.add("Introduction")
        ctx.draft.heading("Introduction", 2)
        for template in rng.sample(INTRODUCTIONS, k=rng.randint(1, 3)):
            ctx.write(split_runs(rng, sentence(template, ctx.slots(theme))))


# --------------------------------------------------------------------------- one file


@dataclass(frozen=True)
class Spec:
    index: int
    seed: int
    target: int
    out: str


def build_draft(spec: Spec) -> tuple[Draft, Stats, str]:
    """Build one draft from its own random stream; return it, its stats and its file name."""
    rng = random.Random(f"{spec.seed}:{spec.index}")
    group = rng.choice(GROUPS)
    meeting = PP22 if rng.random() < 0.8 else WTDC22
    doc_no, addendum = rng.randint(20, 99), rng.randint(1, 25)
    month, first, last = meeting.month_days
    day = dt.datetime(2022, month, rng.randint(first, last), 10, 0, 0)
    draft = FastDraft(author=group.author, date=day, title=f"{group.title} for the work of the Conference")
    tracked = rng.random() < 0.75
    themes = tuple(rng.sample(THEMES, k=len(THEMES)))
    ctx = Context(rng, draft, group, meeting, Stats(), spec.target, tracked, doc_no, addendum, themes)
    cover(ctx)
    number = 0
    while not ctx.full:
        number += 1
        proposal(ctx, number, new_no=number)
    name = f"{spec.index:04d}-{group.code}-{meeting.header}-{doc_no}A{addendum}.docx"
    return draft, ctx.stats, name


def write_one(spec: Spec) -> dict[str, object]:
    """Worker: build and save one draft; return its manifest entry."""
    draft, stats, name = build_draft(spec)
    draft.save(Path(spec.out) / name)
    return {
        "file": name,
        "target": spec.target,
        "words": stats.words,
        "items": stats.items,
        "red": stats.red,
        "red_rules": stats.red_rules,
    }


# --------------------------------------------------------------------------- corpus


def target_sizes(files: int, words: int, seed: int) -> list[int]:
    """Per-file word targets: log-normal (median ~2,600), clipped to 800-8,000, summing to ~`words`."""
    rng = random.Random(f"{seed}:sizes")
    raw = [rng.lognormvariate(math.log(2600), 0.65) for _ in range(files)]
    sizes = [min(MAX_WORDS, max(MIN_WORDS, r)) for r in raw]
    for _ in range(5):  # rescale, re-clip: converges in a few rounds
        scale = words / sum(sizes)
        sizes = [min(MAX_WORDS, max(MIN_WORDS, s * scale)) for s in sizes]
    # Each draft overshoots its target by about half a block; aim a little lower.
    return [int(s * 0.97) for s in sizes]


def manifest_params(files: int, seed: int, words: int) -> dict[str, int]:
    return {"files": files, "seed": seed, "words": words, "version": GENERATOR_VERSION}


def is_current(out: Path, files: int, seed: int, words: int) -> bool:
    """True when `out` holds a complete corpus generated with these parameters."""
    manifest = out / "manifest.json"
    if not manifest.exists():
        return False
    data = json.loads(manifest.read_text())
    if data.get("params") != manifest_params(files, seed, words):
        return False
    return all((out / entry["file"]).exists() for entry in data["drafts"])


def generate(out: Path, files: int, seed: int, words: int | None = None, jobs: int | None = None) -> dict:
    """Write the corpus into `out` (cleared of earlier drafts) and its manifest; return the manifest."""
    words = words if words is not None else files * WORDS_PER_FILE
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.docx"):
        old.unlink()
    specs = [Spec(i, seed, t, str(out)) for i, t in enumerate(target_sizes(files, words, seed))]
    jobs = jobs or os.cpu_count() or 1
    if jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            drafts = list(pool.map(write_one, specs, chunksize=4))
    else:
        drafts = [write_one(s) for s in specs]
    manifest = {
        "params": manifest_params(files, seed, words),
        "words": sum(int(d["words"]) for d in drafts),  # type: ignore[call-overload]
        "items": sum(int(d["items"]) for d in drafts),  # type: ignore[call-overload]
        "red": sum(int(d["red"]) for d in drafts),  # type: ignore[call-overload]
        "drafts": drafts,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1))
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--words", type=int, default=None, help="total words [default: 3,025 per file]")
    parser.add_argument("--out", type=Path, default=None, help="[default: bench/out/gen-FILES-SEED]")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes [default: all cores]")
    args = parser.parse_args(argv)
    out = args.out or ROOT / "bench" / "out" / f"gen-{args.files}-{args.seed}"
    start = time.perf_counter()
    manifest = generate(out, args.files, args.seed, args.words, args.jobs)
    seconds = time.perf_counter() - start
    red, items = manifest["red"], manifest["items"]
    print(f"files {args.files}  words {manifest['words']:,}  seconds {seconds:.1f}  -> {out}")
    print(f"items {items:,}, red-line items {red} ({100 * red / max(items, 1):.1f} %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
