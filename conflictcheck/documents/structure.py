"""Where a paragraph stands in an ITU text: proposal, resolution, part, intro phrase and item.

A `StructureTracker` is fed the paragraphs of the main flow in order and answers, for each, the
context a negotiator would cite: `ADD EUR/44A2/1`, `RESOLUTION 130 (REV. BUCHAREST, 2022)`,
the part (preamble, operative, invitation, reasons, annex), the intro phrase that opened it
("instructs the Secretary-General") and the item number ("1", "a)").

`infer_part(text)` does the same for a lone passage that carries its own intro phrase; it is
conservative and answers None when the text does not say.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from conflictcheck.model import Part

# --- recognisers ----------------------------------------------------------------------------------

_ACTIONS = ("ADD", "MOD", "SUP", "NOC")
_PROPOSAL = re.compile(
    r"^\(?(ADD|MOD|SUP|NOC)\)?[\s\u00a0]+"
    r"([A-Z][A-Z0-9]{0,9}(?:/[A-Za-z0-9()]+){1,4}/\d+[A-Za-z]?)(?=[\s\u00a0]|$)"
)
_RESOLUTION = re.compile(
    r"^(?:(?:DRAFT|PROPOSED)\s+)?(?:(?:NEW|REVISED|REVISION\s+OF)\s+)?"
    r"(?:RESOLUTION|DECISION|RECOMMENDATION)\s+(?:\d+|\[[^\]]{1,40}\]|[A-Z]{1,10}[-/ ]?\d*)"
    r"(?:\s*\([^)]{0,80}\))?\s*$"
)
_RESOLUTION_MIXED = re.compile(
    r"^(?:Draft\s+)?(?:New\s+)?(?:Resolution|Decision)\s+(?:\d+|\[[^\]]{1,40}\])\s*\([^)]{0,80}\)\s*$"
)
_CONFERENCE = re.compile(
    r"^The\s+(?:[A-Z][\w-]*\s+){0,6}(?:Conference|Assembly|Council)\b[^.;]{0,160}\),?\s*$"
    r"|^The\s+(?:ITU\s+)?Council,\s*$"
)
_REASONS = re.compile(r"^(?:Reasons?|Motifs?|Motivos?)\s*:", re.IGNORECASE)
_ANNEX = re.compile(
    r"^(?:ANNEX|APPENDIX|ATTACHMENT|Annex|Appendix|Attachment)"
    r"(?:\s+(?:\d+|[A-Z]|[IVX]+))?(?:\s+(?:TO|to)\s+.{0,120})?\s*$"
)
_ITEM = re.compile(
    r"^(?:"
    r"(\d{1,2}(?:\.\d{1,2})*(?:bis|ter|quater|quinquies|sexies)?)\.?(?=\t|\s+[a-z(\"'\u201c])"
    r"|(\(?[a-z](?:bis|ter)?\)|\(?[ivx]{1,5}\)|\(\d{1,2}\))(?=\s)"
    r")"
)
_HEADING_STYLES = re.compile(r"^(?:heading\d?|title|subtitle|restitle|annextitle|headingb|headingi)$", re.I)
_RESNO_STYLES = re.compile(r"^(?:resno|decno|recno)$", re.I)
_ANNEX_STYLES = re.compile(r"^(?:annexno|appendixno|annexref)$", re.I)
_CALL_STYLES = re.compile(r"^call$", re.I)
_PROPOSAL_STYLES = re.compile(r"^proposal$", re.I)

# Intro phrases. Each maps to the part it opens; the words after the verb name the addressee.
_PREAMBLE_VERBS = (
    "considering",
    "recalling",
    "recognizing",
    "recognising",
    "noting",
    "bearing in mind",
    "aware",
    "emphasizing",
    "emphasising",
    "taking into account",
    "taking into consideration",
    "taking note",
    "convinced",
    "concerned",
    "deeply concerned",
    "reaffirming",
    "affirming",
    "acknowledging",
    "welcoming",
    "mindful",
    "observing",
    "stressing",
    "underlining",
    "highlighting",
    "realizing",
    "realising",
    "having regard",
    "having considered",
    "having noted",
    "keeping in mind",
    "cognizant",
    "conscious",
    "guided by",
    "expressing",
    "referring to",
)
_OPERATIVE_VERBS = (
    "resolves",
    "decides",
    "instructs",
    "requests",
    "urges",
    "approves",
    "adopts",
    "endorses",
    "agrees",
    "charges",
    "directs",
)
_INVITATION_VERBS = ("invites", "encourages", "calls upon", "calls on", "appeals to")

_MODIFIER = (
    r"(?:\s+(?:further|also|in addition|moreover"
    r"|with\s+(?:great\s+|deep\s+)?(?:concern|satisfaction|appreciation|interest)))?"
)
_PREFIX = r"(?:(?:further|also|moreover)\s+)?"


def _verbs(verbs: tuple[str, ...]) -> str:
    return "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in sorted(verbs, key=len, reverse=True))


_ALL_VERBS = _verbs(_PREAMBLE_VERBS + _OPERATIVE_VERBS + _INVITATION_VERBS)
_INTRO = re.compile(
    rf"^{_PREFIX}(?P<verb>{_ALL_VERBS})\b{_MODIFIER}",
    re.IGNORECASE,
)
# Words that may follow an intro verb in running text ("requests for ..." is no intro).
_INTRO_FOLLOW = re.compile(
    r"^(?:$|[,:;.]|\s*\u2026|\s+(?:that|to|the|all|each|every|its|their|ITU|Member|Members|Sector|"
    r"of|on|how|this|these|a|an|it|administrations?|governments?|States|Council|Secretary|Director|Directors|Bureaux?|Study|"
    r"regional|relevant|with|in|further|also|Resolution|Resolutions|Decision|Recommendation|"
    r"Article|No\.|Nos\.|Opinion|Plenipotentiary|World|WSIS|UN|United|Tunis|Geneva|"
    r"paragraph|document)(?!\w))",
)
_ADDRESSEE_END = re.compile(r",|;|:|\s+to\s|\s+to$|\s+that\s|\s+that$|\.\s*$")
_MAX_INTRO_WORDS = 14


def _part_of(verb: str) -> Part:
    v = " ".join(verb.lower().split())
    if v in _INVITATION_VERBS:
        return Part.INVITATION
    if v in _OPERATIVE_VERBS:
        return Part.OPERATIVE
    return Part.PREAMBLE


def match_proposal(text: str) -> tuple[str, str] | None:
    """`ADD EUR/44A2/1` -> ("ADD", "EUR/44A2/1")."""
    m = _PROPOSAL.match(text)
    return (m.group(1), m.group(2)) if m else None


def match_resolution(text: str) -> str | None:
    if len(text) > 320:  # a heading is short; spare the long paragraphs the split below
        return None
    line = " ".join(text.split())
    if len(line) > 160:
        return None
    if _RESOLUTION.match(line) or _RESOLUTION_MIXED.match(line):
        return line
    return None


def is_conference_line(text: str) -> bool:
    return len(text) < 200 and text.startswith("The") and bool(_CONFERENCE.match(" ".join(text.split())))


def is_reasons(text: str) -> bool:
    return bool(_REASONS.match(text))


def is_annex(text: str) -> bool:
    if len(text) > 280:
        return False
    line = " ".join(text.split())
    return len(line) < 140 and bool(_ANNEX.match(line))


def match_item(text: str) -> str | None:
    """A typed item number at the start of a paragraph: "1", "1bis", "a)", "(ii)"."""
    m = _ITEM.match(text)
    if not m:
        return None
    return m.group(1) or m.group(2)


def match_intro(
    text: str, *, italic: bool | Callable[[], bool] = False, call_style: bool = False
) -> tuple[str, Part] | None:
    """The intro phrase a paragraph opens with, and the part it opens.

    A paragraph counts when the phrase stands alone (ITU style: "resolves" on its own line), is
    typeset as an intro (italic, or the ITU "Call" style), or flows into its object the way an
    intro does ("instructs the Council to ...", "noting that ..."). `italic` may be a function,
    called only when the wording alone does not decide (it may have to read styles).
    """
    m = _INTRO.match(text)
    if not m:
        return None
    rest = text[m.end() :]
    if not (call_style or _INTRO_FOLLOW.match(rest) or (italic() if callable(italic) else italic)):
        return None
    verb = m.group("verb")
    part = _part_of(verb)
    phrase = _phrase(text, m.end(), part)
    return phrase, part


def _phrase(text: str, verb_end: int, part: Part) -> str:
    """The intro as cited: the verb and, for operative ones, the addressee.

    "instructs the Council to convene" -> "instructs the Council".
    """
    head = " ".join(text[:verb_end].split())
    if part is Part.PREAMBLE:
        return head.rstrip(",:;")
    rest = text[verb_end:]
    end = _ADDRESSEE_END.search(rest)
    addressee = rest[: end.start()] if end else rest
    words = addressee.split()
    if not words or len(words) > _MAX_INTRO_WORDS or words[0].lower() in ("that", "to"):
        return head.rstrip(",:;")
    return " ".join([head, *words]).rstrip(",:;.")


# --- the lone-passage inference used by the matcher ---------------------------------------------

_LONE_ITEM = re.compile(r"^\(?[a-z]\)\s+that\b")


def infer_part(text: str) -> Part | None:
    """The part a lone passage announces about itself, or None when it does not say.

    "instructs the Council to ..." -> OPERATIVE; "invites Member States ..." -> INVITATION;
    "recalling ...", "noting that ..." and preamble-style lettered items "a) that ..." ->
    PREAMBLE; "Reasons: ..." -> REASONS.
    """
    stripped = text.strip().lstrip("*_\u2022-").strip()
    if not stripped:
        return None
    if is_reasons(stripped):
        return Part.REASONS
    found = match_intro(stripped)
    if found is not None:
        return found[1]
    if _LONE_ITEM.match(stripped):
        return Part.PREAMBLE
    return None


# --- the tracker --------------------------------------------------------------------------------


class Context(NamedTuple):
    """The Location fields structure decides (file, story and paragraph are the reader's)."""

    part: Part = Part.OTHER
    intro: str | None = None
    heading: str | None = None
    item: str | None = None
    proposal: str | None = None
    action: str | None = None
    resolution: str | None = None


# First words that can open an intro phrase: a set lookup spares the regex on most paragraphs.
_INTRO_FIRST = frozenset(v.split()[0] for v in _PREAMBLE_VERBS + _OPERATIVE_VERBS + _INVITATION_VERBS) | {
    "further",
    "also",
    "moreover",
}
_HEADING_FIRST = frozenset("RDNP")  # RESOLUTION, DRAFT, NEW, PROPOSED, DECISION, ...
# The first three letters of each of those words (none is shorter than four letters). `_INTRO`
# is an alternation of some seventy phrases that costs a microsecond even when it fails at once.
_INTRO_HEADS = frozenset(word[:3] for word in _INTRO_FIRST)


def _may_open_intro(text: str) -> bool:
    """False only when `_INTRO` cannot match `text`, decided on its first three characters.

    Under re.IGNORECASE an ASCII character matches only ASCII letters of the same case-folding,
    so an ASCII head must be one of `_INTRO_HEADS`; any other head is left to the regex.
    """
    head = text[:3]
    return not head.isascii() or head.lower() in _INTRO_HEADS


def intro_candidate(text: str) -> bool:
    """Cheap test: could `text` open with an intro phrase?"""
    head = text[:30].split(None, 1)
    return bool(head) and head[0].lower().rstrip(",:;") in _INTRO_FIRST


_tuple_new = tuple.__new__


class StructureTracker:
    """Feeds on the main flow, paragraph by paragraph; remembers what is still in force.

    Most paragraphs are running text, so each recogniser is guarded by a test on the first
    characters before its regex runs; this keeps the tracker off the reader's profile.
    """

    def __init__(self) -> None:
        self._part = Part.OTHER
        self._intro: str | None = None
        self._heading: str | None = None
        self._proposal: str | None = None
        self._action: str | None = None
        self._resolution: str | None = None
        self._in_annex = False
        self._expect_title = False
        self._plain = Context()  # the state with no item, rebuilt only when the state moves

    def _moved(self) -> None:
        self._plain = Context(
            self._part,
            self._intro,
            self._heading,
            None,
            self._proposal,
            self._action,
            self._resolution,
        )

    def _now(self, part: Part | None = None, item: str | None = None) -> Context:
        plain = self._plain
        if part is None and item is None:
            return plain
        # tuple.__new__ spares NamedTuple._replace's keyword handling on the hot path
        return _tuple_new(Context, (part or plain[0], plain[1], plain[2], item, plain[4], plain[5], plain[6]))

    def satellite(self) -> Context:
        """Context for a footnote, text box or note: the paragraph it hangs from, but no part."""
        return self._plain._replace(part=Part.OTHER, intro=None)

    def peek(self, text: str, label: str | None = None) -> Context:
        """Context for text that does not move the structure (a wholly deleted paragraph)."""
        return self._now(item=label or _item(text))

    def feed(
        self,
        text: str,
        style: str | None = None,
        label: str | None = None,
        italic: bool | Callable[[], bool] = False,
    ) -> Context:
        """The context of the next paragraph of the main flow; `italic` may be computed lazily."""
        text = text.strip()
        if not text:
            return self._now(item=label)
        first = text[0]
        if first in "AMSN(" and (found := match_proposal(text)):
            return self._on_proposal(*found)
        if (first in _HEADING_FIRST and len(text) < 160) or (style and _RESNO_STYLES.match(style)):
            heading = match_resolution(text)
            if heading is None and style and _RESNO_STYLES.match(style):
                heading = _line(text)
            if heading is not None:
                return self._on_resolution(heading)
        if (first == "A" and is_annex(text)) or (style and _ANNEX_STYLES.match(style) and len(text) < 140):
            return self._on_annex(text)
        if first in "RrM" and is_reasons(text):
            return self._on_reasons()
        if first == "T" and is_conference_line(text):
            self._expect_title = False
            self._part, self._intro = Part.PREAMBLE, None
            self._moved()
            return self._now(part=Part.HEADING)
        call = bool(style) and bool(_CALL_STYLES.match(style or ""))
        if (call or not self._in_annex) and _may_open_intro(text) and _INTRO.match(text):
            found_intro = match_intro(text, italic=italic, call_style=call)
            if found_intro is not None:
                return self._on_intro(*found_intro, label)
        if self._expect_title:
            self._expect_title = False
            self._heading, self._intro = _line(text), None
            self._moved()
            return self._now(part=Part.HEADING)
        if style and _HEADING_STYLES.match(style):
            self._heading, self._intro = _line(text), None
            self._part = Part.ANNEX if self._in_annex else Part.OTHER
            self._moved()
            return self._now(part=Part.HEADING)
        return self._now(item=label or _item(text))

    def _on_proposal(self, action: str, ident: str) -> Context:
        self._in_annex = self._expect_title = False
        self._part, self._intro, self._heading, self._resolution = Part.OTHER, None, None, None
        self._proposal, self._action = ident, action
        self._moved()
        return self._now(part=Part.HEADING)

    def _on_resolution(self, heading: str) -> Context:
        self._in_annex, self._expect_title = False, True
        self._part, self._resolution, self._heading, self._intro = Part.OTHER, heading, None, None
        self._moved()
        return self._now(part=Part.HEADING)

    def _on_annex(self, text: str) -> Context:
        self._in_annex = self._expect_title = True
        self._part, self._heading, self._intro = Part.ANNEX, _line(text), None
        self._moved()
        return self._plain

    def _on_reasons(self) -> Context:
        self._in_annex = self._expect_title = False
        self._part, self._intro = Part.REASONS, None
        self._moved()
        return self._plain

    def _on_intro(self, phrase: str, part: Part, label: str | None) -> Context:
        self._expect_title = False
        self._part, self._intro = (Part.ANNEX if self._in_annex else part), phrase
        self._moved()
        return self._now(item=label)


def _item(text: str) -> str | None:
    # Item numbers start with a digit or a bracket, or have one within their first characters.
    if text and (text[0].isdigit() or ")" in text[:7]):
        return match_item(text)
    return None


def _line(text: str) -> str:
    return " ".join(text.split())


__all__ = [
    "Context",
    "StructureTracker",
    "infer_part",
    "intro_candidate",
    "is_annex",
    "is_conference_line",
    "is_reasons",
    "match_intro",
    "match_item",
    "match_proposal",
    "match_resolution",
]
