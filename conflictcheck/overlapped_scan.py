"""A parallel scan that loads spaCy once, while the drafts are already being read (Linux only).

Loading spaCy and building the checker costs as much as reading a hundred drafts. A process pool
makes every worker pay it, before any of them reads a word. Here, on platforms that fork:

- a *reader* process starts at once, imports no spaCy, and reads drafts, keeping their passages
  found but not built (`documents.read_deferred`);
- meanwhile this process loads spaCy and builds the checker, then sends the reader the prefilter
  and forks *checkers*, one per job but one, that inherit the loaded pipeline (no start of their
  own) and read and check the drafts left;
- the reader builds and sends on only the passages of its drafts that some rule may match (about
  1 in 15), then goes on reading drafts as the last job, with the prefilter at hand; this process
  checks what it sends.

The reader is a job rather than a helper that ends: one process fewer to fork from this one, whose
memory (spaCy, the compiled rules) each forked process copies page by page as it writes to it, and
one fewer that starts with empty memories of the words it has seen. In a two-job scan of the
benchmark's 200 drafts that is 2 % fewer instructions (callgrind, 17.01 G against 17.36 G), and
the scan took 1.74-1.90 s against 1.78-2.04 s in six alternated runs.

A shared counter hands out the drafts, so whichever process is free takes the next one. A process
that dies (a hostile draft?) loses only the drafts it had taken: they are retried one by one, each
read in a child process of its own, as after a broken pool.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TYPE_CHECKING

from conflictcheck.model import Passage

if TYPE_CHECKING:
    from multiprocessing.sharedctypes import Synchronized

    from conflictcheck.documents.passages import DeferredPassages
    from conflictcheck.file_analysis import FileAnalysis
    from conflictcheck.matching.prefilter import Prefilter
    from conflictcheck.rulebook import Rulebook

# Drafts the reader keeps while it waits for the prefilter: the start takes about a hundred
# drafts' reading time, and each kept draft holds its passages in memory.
MAX_WAITING_DRAFTS = 160


def fork_available() -> bool:
    """Linux only, and only while this process runs one thread: macOS offers fork, but system
    frameworks that numpy may load do not survive it; and a thread holding a lock when the process
    forks (a library caller's, say) would leave the child waiting on it for ever."""
    return (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )


@dataclass(frozen=True)
class _Read:
    """The reader's answer for one draft: how many passages it has, and those a rule may match."""

    index: int
    passages: int
    admitted: tuple[Passage, ...] = ()
    error: str | None = None


@dataclass(frozen=True)
class _Checked:
    """A checker's answer for one draft."""

    index: int
    analysis: FileAnalysis


def analyse_overlapped(
    paths: Sequence[Path],
    load_rulebook: Callable[[], Rulebook],
    workers: int,
    keep: Callable[[int, FileAnalysis], None],
) -> None:
    """Analyse every path with a reader and `workers - 1` checkers; `keep` gets each result here."""
    from conflictcheck.file_analysis import analyse_isolated, prepare_checker

    context = multiprocessing.get_context("fork")
    counter = context.Value("q", 0)
    done: set[int] = set()
    children: list[multiprocessing.process.BaseProcess] = []
    try:
        reader_end, ours = context.Pipe()
        children.append(_start(context, _reader_main, (paths, counter, reader_end)))
        reader_end.close()
        # What this process pays while the reader reads: the rules, spaCy, the pipeline, the
        # compiled rules. A rulebook that fails to load stops the reader (finally, below).
        rulebook = load_rulebook()
        prefilter = prepare_checker(rulebook).prefilter
        with contextlib.suppress(OSError):  # a reader that died (its drafts are retried below)
            ours.send(prefilter)
        connections = [ours]
        for _ in range(workers - 1):  # the reader is the last job
            child_end, parent_end = context.Pipe(duplex=False)
            children.append(_start(context, _checker_main, (paths, counter, rulebook, parent_end)))
            parent_end.close()
            connections.append(child_end)
        _receive(connections, rulebook, keep, done)
    finally:
        _stop(children)
    for index in range(len(paths)):
        if index not in done:  # taken by a process that died
            keep(index, analyse_isolated(paths[index], rulebook))


def _start(
    context: multiprocessing.context.ForkContext, target: Callable[..., None], args: tuple
) -> multiprocessing.process.BaseProcess:
    process = context.Process(target=target, args=args, daemon=True)
    process.start()
    return process


def _receive(
    connections: list[Connection], rulebook: Rulebook, keep: Callable[[int, FileAnalysis], None], done: set[int]
) -> None:
    """Take answers as they come, until every child has closed its end."""
    from conflictcheck.file_analysis import FileAnalysis, check_read

    open_ends = list(connections)
    while open_ends:
        for end in wait(open_ends):
            try:
                answer = end.recv()  # type: ignore[union-attr]
            except (EOFError, OSError):
                open_ends.remove(end)  # type: ignore[arg-type]
                continue
            if isinstance(answer, _Read):
                # check_read asks the prefilter again: the reader's copy has no tokenizer and
                # lets through words it cannot split, which this process's copy can turn away.
                analysis = (
                    FileAnalysis(error=answer.error)
                    if answer.error is not None
                    else check_read(answer.passages, answer.admitted, rulebook)
                )
                index = answer.index
            else:
                index, analysis = answer.index, answer.analysis
            done.add(index)
            keep(index, analysis)


def _stop(children: list[multiprocessing.process.BaseProcess]) -> None:
    # Every answer is in by now (each child closes its end last), or the scan is being abandoned.
    for child in children:
        if child.is_alive():
            child.kill()
        child.join()


# --- in the children ---------------------------------------------------------------------------


def _take(counter: Synchronized, total: int) -> int | None:
    """The next draft nobody has taken, or None when all are."""
    with counter.get_lock():
        index = counter.value
        if index >= total:
            return None
        counter.value = index + 1
    return index


def _reader_main(paths: Sequence[Path], counter: Synchronized, end: Connection) -> None:
    from conflictcheck.file_analysis import try_read_deferred
    from conflictcheck.matching.lemmas import known_words

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops its children
    # The prefilter will need the lemma table: loaded now, while the other core is busy with
    # spaCy's start, rather than once the prefilter comes and every core has drafts to check.
    known_words()
    # Each draft is read whole, its passages built only once the prefilter has said which.
    waiting: list[tuple[int, DeferredPassages | None, str | None]] = []
    # Reads only until the prefilter comes: from then on the checkers, which have spaCy, read.
    while not end.poll() and len(waiting) < MAX_WAITING_DRAFTS:
        index = _take(counter, len(paths))
        if index is None:
            break
        waiting.append((index, *try_read_deferred(paths[index])))
        # What waits for the prefilter lives until the reader ends (and makes no reference cycles):
        # frozen, the collector's full passes do not walk it again for every draft read after it.
        gc.freeze()
    prefilter: Prefilter = end.recv()
    _send_read(end, prefilter, waiting)
    # Then it reads on as one of the jobs, with the prefilter at hand; what it admits is checked here.
    while (index := _take(counter, len(paths))) is not None:
        _send_admitted(end, index, paths[index], prefilter)
    end.close()


def _send_admitted(end: Connection, index: int, path: Path, prefilter: Prefilter) -> None:
    from conflictcheck.file_analysis import read_admitted

    read, error = read_admitted(path, prefilter.admits)
    end.send(_Read(index, 0, error=error) if read is None else _Read(index, *read))


def _send_read(
    end: Connection, prefilter: Prefilter, waiting: list[tuple[int, DeferredPassages | None, str | None]]
) -> None:
    from conflictcheck.file_analysis import build_admitted

    for index, deferred, error in waiting:
        if deferred is not None:
            admitted, error = build_admitted(deferred, prefilter.admits)
            if admitted is not None:
                end.send(_Read(index, deferred.count, admitted))
                continue
        end.send(_Read(index, 0, error=error))
    waiting.clear()


def _checker_main(paths: Sequence[Path], counter: Synchronized, rulebook: Rulebook, end: Connection) -> None:
    from conflictcheck.file_analysis import analyse_file

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while (index := _take(counter, len(paths))) is not None:
        end.send(_Checked(index, analyse_file(paths[index], rulebook)))
    end.close()
