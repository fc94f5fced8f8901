"""Drafts whose verdicts the bundled rulebook is sure of (see each rule's examples)."""

from __future__ import annotations

HIGH = (
    "The Plenipotentiary Conference,\n\nresolves\n\n"
    "1 to convene a new World Conference on International Telecommunications in 2025 "
    "to revise the International Telecommunication Regulations.\n"
)
MEDIUM = "invites Member States\n\nto draft a legally binding instrument on cybersecurity.\n"
INFO_ONLY = (
    "The Plenipotentiary Conference,\n\nrecalling\n\n"
    "a) Resolution 146 on the periodic review of the International Telecommunication Regulations;\n"
)
