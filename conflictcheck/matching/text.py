"""The text the matcher reads: normalised, with in-word hyphens opened into spaces.

"data-protection", "multi-stakeholder" and "cyber-security" then tokenise like their spaced
forms, and every character still maps back to the passage (the replacement is one for one).
"""

from __future__ import annotations

import re

from conflictcheck.documents.normalize import NormalizedText, normalize

_IN_WORD_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=\w)|(?<=\d)-(?=[^\W\d_])")


def matching_text(text: str) -> NormalizedText:
    normalized = normalize(text)
    if "-" not in normalized.text:
        return normalized
    opened = _IN_WORD_HYPHEN.sub(" ", normalized.text)
    return NormalizedText(opened, normalized.origin, normalized.source_length)
