"""The benchmark samples a short scan more often than a long one: (b) and (c) alternate, pair after
pair, until the round's time for them is spent."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from bench import bench_scan
from bench.bench_scan import ChildRun


def _scans_taking(monkeypatch: pytest.MonkeyPatch, one_job: float, two_jobs: float) -> list[str]:
    """Fake scans of fixed seconds (slower each time, so the fastest is the first); the jobs asked for."""
    asked: list[str] = []
    slower = itertools.count()

    def scan(folder: Path, *extra: str) -> ChildRun:
        jobs = extra[extra.index("--jobs") + 1]
        asked.append(jobs)
        seconds = (one_job if jobs == "1" else two_jobs) + 0.001 * next(slower)
        return ChildRun(seconds, 0, 0, "", "", 0.0)

    monkeypatch.setattr(bench_scan, "scan", scan)
    return asked


@pytest.mark.parametrize(
    ("one_job", "two_jobs", "pairs"),
    [(2.5, 1.5, 3), (20.0, 12.0, 1), (0.1, 0.1, bench_scan.MAX_PAIRS)],
)
def test_pairs_fill_the_time_given_to_them(
    monkeypatch: pytest.MonkeyPatch, one_job: float, two_jobs: float, pairs: int
) -> None:
    asked = _scans_taking(monkeypatch, one_job, two_jobs)
    ones, twos = bench_scan._one_and_two_jobs(Path("drafts"))
    assert asked == ["1", "2"] * pairs  # alternated, one job first
    assert len(ones) == len(twos) == pairs
    assert min(run.seconds for run in ones) == pytest.approx(one_job)
