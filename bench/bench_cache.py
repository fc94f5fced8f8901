"""Cold scan versus warm rescan of corpus/ with a fresh cache folder.

    python bench/bench_cache.py [FOLDER]

Prints two pairs of timings: through the API in one process (what the cache itself saves:
reading and checking every file versus finding its entry and reading that), and through the
command line in a fresh interpreter each time (what a user waits for, interpreter start and
rule loading included). The target (warm at most a tenth of cold) is measured by bench_scan.py on 200
to 3,200 drafts: on corpus/'s 16 files a warm rescan is almost all the interpreter's start and imports
(0.10-0.17 s in six runs), so the command line's ratio sits near a tenth.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def api_timings(folder: Path, cache_dir: Path) -> tuple[float, float]:
    from conflictcheck import load_rulebook
    from conflictcheck.scan import ScanOptions, scan_paths

    rulebook = load_rulebook()
    options = ScanOptions(cache_dir=cache_dir)
    start = time.perf_counter()
    cold = scan_paths([folder], rulebook, options)
    middle = time.perf_counter()
    warm = scan_paths([folder], rulebook, options)
    end = time.perf_counter()
    assert warm.analysed == 0, "the warm rescan analysed files: the cache missed"
    assert cold.analysed == len(cold.files)
    return middle - start, end - middle


def cli_timings(folder: Path, cache_dir: Path) -> tuple[float, float]:
    command = [sys.executable, "-m", "conflictcheck", "scan", str(folder), "--cache-dir", str(cache_dir), "-q"]
    command += ["--fail-on", "never"]
    times = []
    for _ in range(2):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=REPO)
        times.append(time.perf_counter() - start)
    return times[0], times[1]


def report(label: str, cold: float, warm: float) -> None:
    print(f"{label:<32} cold {cold:7.3f} s   warm {warm:7.3f} s   warm/cold {warm / cold:6.3f}")


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "corpus"
    files = [p for p in folder.rglob("*") if p.suffix.lower() in {".docx", ".txt", ".md", ".pdf"}]
    print(f"{folder}: {len(files)} file(s)")
    with tempfile.TemporaryDirectory() as api_cache, tempfile.TemporaryDirectory() as cli_cache:
        report("API (one process)", *api_timings(folder, Path(api_cache)))
        report("command line (new process each)", *cli_timings(folder, Path(cli_cache)))


if __name__ == "__main__":
    main()
