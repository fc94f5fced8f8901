"""The hand-built findings of tests/reports, shared with the scan tests."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))

from reportdata import make_finding

__all__ = ["make_finding"]
