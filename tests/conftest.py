from __future__ import annotations

from pathlib import Path

import pytest

from conflictcheck import load_rulebook
from conflictcheck.rulebook import Rulebook

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def rulebook() -> Rulebook:
    return load_rulebook()
