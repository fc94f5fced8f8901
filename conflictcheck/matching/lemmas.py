"""The lemma table, without spaCy: the NORM every token gets, and the words that are not typos.

Lookup lemmas come from spacy-lookups-data (a data file; reading it imports no spaCy), so the
prefilter can give words their norms in processes that never load the language pipeline.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache

# Lookup-table entries that would mislead cue and term matching.
_LEMMA_FIXES = {"does": "do", "data": "data", "media": "media", "us": "us", "binding": "binding"}


@lru_cache(maxsize=1)
def lemma_table() -> dict[str, str]:
    import spacy_lookups_data

    path = spacy_lookups_data.get_file("en_lemma_lookup.json.gz")
    with gzip.open(str(path), "rt", encoding="utf-8") as handle:
        lemmas: dict[str, str] = json.load(handle)
    lemmas.update(_LEMMA_FIXES)
    return lemmas


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Every form and lemma the table knows: such words are not typos."""
    table = lemma_table()
    return frozenset(table) | frozenset(table.values())


def norm_of(word: str) -> str:
    """The NORM a token with this exact text gets: its lemma, lower-cased."""
    lower = word.lower()
    # Abbreviations keep their letters: the table would read "AI" as the verb "ai" -> "have".
    return lower if _is_abbreviation(word) else lemma_table().get(lower, lower)


def _is_abbreviation(text: str) -> bool:
    return len(text) >= 2 and text.isupper() and text.isalpha()
