"""The shared spaCy pipeline."""

from __future__ import annotations

from conflictcheck.matching.pipeline import get_pipeline


def test_every_way_of_asking_for_the_default_gives_one_pipeline():
    default = get_pipeline()
    assert get_pipeline(None) is default
    assert get_pipeline(model=None) is default
    assert get_pipeline("") is default


def test_the_default_pipeline_gives_lemma_norms():
    doc = get_pipeline()("The Regulations were convening")
    assert [t.norm_ for t in doc] == ["the", "regulation", "be", "convene"]
