"""Typo repair: which term word a damaged word stands for."""

from __future__ import annotations

import random

from rapidfuzz import fuzz, process

from conflictcheck.matching.fuzzy import TYPO_CUTOFF, TypoRepairer

VOCABULARY = frozenset(
    [
        "cybersecurity",
        "cybercrime",
        "regulation",
        "regulations",
        "telecommunication",
        "treaty",
        "treaties",
        "surveillance",
        "biometric",
        "governance",
        "multistakeholder",
        "internet",
        "mandate",
        "convention",
    ]
)


def _over_every_word(word: str) -> tuple[str, float] | None:
    """The repair as a pass over the whole vocabulary gives it, in alphabetical order."""
    candidates = [c for c in sorted(VOCABULARY) if abs(len(c) - len(word)) <= 1 and c[0] == word[0]]
    best = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF)
    return None if best is None else (best[0], float(best[1]))


def _damaged(word: str, rng: random.Random) -> str:
    i = rng.randrange(len(word))
    letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
    return rng.choice([word[:i] + word[i + 1 :], word[:i] + letter + word[i:], word[:i] + letter + word[i + 1 :]])


def test_typos_are_repaired_to_their_term_word():
    repairer = TypoRepairer(VOCABULARY)
    assert repairer.verdict("cybersecurty") == ("cybersecurity", _over_every_word("cybersecurty")[1])
    assert repairer.verdict("survelliance")[0] == "surveillance"
    assert repairer.verdict("regulation") is None  # a real word is never corrected
    assert repairer.verdict("Cyber") is None  # too short to carry a typo


def test_looking_up_candidates_gives_what_a_pass_over_every_term_word_gives():
    """Candidates are filed by first letter and length, and looked up for lengths within one."""
    repairer = TypoRepairer(VOCABULARY)
    rng = random.Random(7)
    words = [_damaged(w, rng) for w in sorted(VOCABULARY) for _ in range(40)]
    words += ["treatis", "treatie", "regulatio", "cybercrim", "xylophone", "internets"]
    repaired = 0
    for word in words:
        expected = _over_every_word(word)
        assert repairer._closest(word) == expected, word
        repaired += expected is not None
    assert repaired > len(words) // 2
