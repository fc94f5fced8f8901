"""Many files in, their analyses out, each handed on as soon as it is ready: in this process for
one job; for more, in child processes (overlapped_scan.py where forking is safe, elsewhere a
process pool whose workers start afresh and receive the rulebook once, in their initializer)."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from conflictcheck.file_analysis import FileAnalysis, analyse_file, analyse_isolated, prepare_checker

if TYPE_CHECKING:
    from concurrent.futures import Future

    from conflictcheck.rulebook import Rulebook

Progress = Callable[[int], None]
Keep = Callable[[int, FileAnalysis], FileAnalysis]

# The pool is used where forking is not safe (see overlapped_scan.fork_available), so its workers
# start afresh: they import what they need and receive the rulebook pickled.
POOL_START_METHOD = "spawn"
# Allocations between two collections of the youngest generation during a scan (Python's default: 700).
GC_FIRST_GENERATION = 10_000


def analyse_all(
    paths: Sequence[Path],
    load_rulebook: Callable[[], Rulebook],
    jobs: int | None,
    tick: Progress,
    keep: Keep = lambda _i, analysis: analysis,
) -> list[FileAnalysis]:
    """Analyse every path with `jobs` processes (None: every core); `keep` receives each result as
    soon as it is ready, and what it returns is what the list holds. The rulebook is loaded when
    the analysis needs it: a parallel scan starts reading drafts first."""
    with _fewer_collections():
        return _analyse_all(paths, load_rulebook, jobs, tick, keep)


def _analyse_all(
    paths: Sequence[Path], load_rulebook: Callable[[], Rulebook], jobs: int | None, tick: Progress, keep: Keep
) -> list[FileAnalysis]:
    workers = min(jobs or os.cpu_count() or 1, len(paths))
    if workers <= 1:
        rulebook = load_rulebook()
        prepare_checker(rulebook)
        return [keep(i, _tick_after(analyse_file(p, rulebook), tick)) for i, p in enumerate(paths)]
    results: list[FileAnalysis | None] = [None] * len(paths)

    def finish(index: int, analysis: FileAnalysis) -> None:
        results[index] = keep(index, _tick_after(analysis, tick))

    from conflictcheck.overlapped_scan import analyse_overlapped, fork_available

    if fork_available():
        analyse_overlapped(paths, load_rulebook, workers, finish)
    else:
        _analyse_in_pool(paths, load_rulebook(), workers, finish)
    return [r for r in results if r is not None]


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """The garbage collector's first generation made 14 times larger while drafts are analysed
    (and in the processes forked meanwhile). Loading spaCy and reading drafts allocate millions of
    objects but make next to no reference cycles (the reader makes none: tests/documents/
    test_fast_path.py). In a one-job scan of the benchmark's 200 drafts the collector ran 468 times
    at the default threshold of 700 and found 3,027 objects in cycles; at this one it runs 38
    times and finds 2,794, so memory is freed all the same."""
    old = gc.get_threshold()
    gc.set_threshold(GC_FIRST_GENERATION, *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def _analyse_in_pool(
    paths: Sequence[Path], rulebook: Rulebook, workers: int, finish: Callable[[int, FileAnalysis], None]
) -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context(POOL_START_METHOD)
    done: set[int] = set()
    try:
        with ProcessPoolExecutor(workers, context, initializer=_init_worker, initargs=(rulebook,)) as pool:
            futures = {pool.submit(_analyse_in_worker, p): i for i, p in enumerate(paths)}
            _collect(futures, finish, done)
    except BrokenProcessPool:
        pass  # a worker died (a hostile file?): retry what is left, each file alone
    for index, path in enumerate(paths):
        if index not in done:
            finish(index, analyse_isolated(path, rulebook))


def _collect(futures: Mapping[Future, int], finish: Callable[[int, FileAnalysis], None], done: set[int]) -> None:
    from concurrent.futures import as_completed
    from concurrent.futures.process import BrokenProcessPool

    for future in as_completed(futures):
        index = futures[future]
        try:
            analysis = future.result()
        except BrokenProcessPool:
            raise
        except Exception as exc:  # pragma: no cover - analyse_file already catches
            analysis = FileAnalysis(error=f"internal error: {exc}")
        done.add(index)
        finish(index, analysis)


_WORKER_RULEBOOK: list[Rulebook] = []


def _init_worker(rulebook: Rulebook) -> None:
    """Runs once per worker process: the rulebook arrives here, not with every file."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    _WORKER_RULEBOOK[:] = [rulebook]
    prepare_checker(rulebook)


def _analyse_in_worker(path: Path) -> FileAnalysis:
    return analyse_file(path, _WORKER_RULEBOOK[0])


def _tick_after(result: FileAnalysis, tick: Progress) -> FileAnalysis:
    tick(1)
    return result
