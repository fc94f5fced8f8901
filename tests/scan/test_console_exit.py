"""The console script leaves without tearing the interpreter down, and loses nothing by it."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path


def _python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


RUN = """
    import sys
    from conflictcheck.cli import run
    sys.argv = ["conflictcheck", *sys.argv[1:]]
    run()
"""


def test_the_report_on_stdout_is_whole_and_the_exit_code_kept(drafts: Path, tmp_path: Path) -> None:
    done = _python(RUN, "scan", str(drafts), "-f", "json", "--no-cache")
    assert done.returncode == 1, done.stderr  # findings at the default --fail-on
    assert json.loads(done.stdout)["summary"]["exit_code"] == 1
    assert "Scanned 3 file(s)" in done.stderr


def test_a_usage_error_keeps_its_exit_code_and_message() -> None:
    done = _python(RUN, "scan", "--jobs", "none")
    assert done.returncode == 2
    assert "Invalid value" in done.stderr


def test_exit_handlers_registered_after_the_start_still_run(drafts: Path, tmp_path: Path) -> None:
    marker = tmp_path / "handler-ran"
    report = tmp_path / "report.json"
    done = _python(
        f"""
        import atexit, sys
        from pathlib import Path
        import conflictcheck.cli as cli

        real = cli.main
        def main():
            atexit.register(lambda: Path({str(marker)!r}).write_text("yes"))
            real()
        cli.main = main
        sys.argv = ["conflictcheck", *sys.argv[1:]]
        cli.run()
        """,
        "scan",
        str(drafts),
        "-f",
        "json",
        "-o",
        str(report),
        "--no-cache",
        "--fail-on",
        "never",
    )
    assert done.returncode == 0, done.stderr
    assert marker.read_text() == "yes"
    assert json.loads(report.read_text())["summary"]["findings"] == 2


def test_an_uncaught_exception_is_still_reported() -> None:
    done = _python(
        """
        import conflictcheck.cli as cli
        def main():
            raise RuntimeError("boom")
        cli.main = main
        cli.run()
        """
    )
    assert done.returncode == 1
    assert "RuntimeError: boom" in done.stderr
