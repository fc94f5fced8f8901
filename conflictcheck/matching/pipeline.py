"""The spaCy pipeline, built once per process: tokenizer and lemma norms; sentence boundaries on demand.

The default is a blank English pipeline: no model download, no trained weights. Each token's
NORM is set to the lookup lemma (spacy-lookups-data) of its lower-cased form ("Regulations" ->
"regulation", "convening" -> "convene"), so one term list matches every inflection and case.
A trained pipeline can be named instead when it is installed; it is never required.
"""

from __future__ import annotations

from functools import lru_cache

import numpy
import spacy
from spacy.attrs import ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from conflictcheck.matching.lemmas import norm_of

# Tokens after which a full stop does not end a sentence ("No. 146", "Res. 130", "Doc. 44").
_ABBREVIATIONS = frozenset(
    [
        "no",
        "nos",
        "art",
        "arts",
        "res",
        "doc",
        "docs",
        "rev",
        "para",
        "paras",
        "vol",
        "p",
        "pp",
        "cf",
        "e.g",
        "i.e",
        "etc",
        "fig",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "ref",
        "approx",
        "ch",
        "sect",
        "sec",
        "annex",
        "app",
        "add",
        "corr",
        "inc",
        "ltd",
        "co",
    ]
)


_NORMED: dict[int, set[int]] = {}


@Language.component("conflictcheck_lemma_norm")
def lemma_norm(doc: Doc) -> Doc:
    """Give every lexeme the lemma of its lower-cased form as NORM, once per vocabulary entry.

    Norms live on the shared vocabulary, so only words never seen before cost anything.
    """
    seen = _NORMED.setdefault(id(doc.vocab), set())
    new = set(doc.to_array(ORTH).tolist()) - seen
    if new:
        for orth in new:
            lexeme = doc.vocab[orth]
            lexeme.norm_ = norm_of(lexeme.orth_)
        seen.update(new)
    return doc


_STOPS = (".", "!", "?")
_NO_BREAK_AFTER = ('"', "'", "(")


def sentence_starts(doc: Doc) -> Doc:
    """Sentence starts after . ! ? unless the full stop closes an abbreviation or a number.

    Not a pipeline step: the matcher asks for sentences only in passages a rule may match.
    Works on the token ids, so only the few full stops become Token objects.
    """
    n = len(doc)
    if not n:
        return doc
    stops = {doc.vocab.strings.add(stop) for stop in _STOPS}
    # spaCy reads this column as uint64, where -1 ("not a start") is its two's complement.
    starts = numpy.full((n, 1), numpy.iinfo(numpy.uint64).max, dtype="uint64")
    starts[0, 0] = 1
    for i, orth in enumerate(doc.to_array(ORTH).tolist()):
        if orth in stops and i + 1 < n and _ends_sentence(doc, i):
            starts[i + 1, 0] = 1
    doc.from_array([SENT_START], starts)
    return doc


def _ends_sentence(doc: Doc, i: int) -> bool:
    token = doc[i]
    previous = doc[i - 1].lower_ if i else ""
    following = doc[i + 1]
    if token.text == "." and (previous in _ABBREVIATIONS or len(previous) == 1):
        return False
    return not (following.is_lower or (following.is_punct and following.text not in _NO_BREAK_AFTER))


def get_pipeline(model: str | None = None) -> Language:
    """The shared pipeline; `model` names an installed trained pipeline to use instead."""
    # One cache key per pipeline: lru_cache tells get_pipeline(), get_pipeline(None) and
    # get_pipeline(model=None) apart, and each would build spaCy again.
    return _build_pipeline(model or None)


@lru_cache(maxsize=2)
def _build_pipeline(model: str | None) -> Language:
    nlp = spacy.load(model, exclude=["ner"]) if model else spacy.blank("en")
    nlp.add_pipe("conflictcheck_lemma_norm", first=True)
    return nlp
