"""Isolate what cannot be bounded in-process: read a document in a child process.

The checks in `safety` bound what they can see (sizes, ratios, depth), but a parser can still
spin or balloon on input nobody foresaw (pypdf on a crafted PDF, say). `read_document_isolated`
runs `read_document` in a fresh interpreter (`python -m conflictcheck.documents.isolation`)
under a wall-clock timeout and an address-space limit (RLIMIT_AS, where the platform has it), and
turns a timeout or a crash into a DocumentError. The child answers in JSON, never pickle, so a
compromised child cannot make the parent run anything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conflictcheck.errors import DocumentError
from conflictcheck.model import Location, Part, Passage, TextAnchor

DEFAULT_TIMEOUT = 30.0
DEFAULT_MEMORY_MB = 1024


def read_document_isolated(
    path: str | os.PathLike[str],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    memory_mb: int = DEFAULT_MEMORY_MB,
    formatting_marks: bool | None = None,
    root: str | None = None,
) -> list[Passage]:
    """`read_document` in a child process; a timeout or crash becomes a DocumentError."""
    name = os.fspath(path)
    request = json.dumps({"path": name, "formatting_marks": formatting_marks, "root": root, "memory_mb": memory_mb})
    try:
        done = subprocess.run(
            [sys.executable, "-m", "conflictcheck.documents.isolation"],
            input=request.encode(),
            capture_output=True,
            timeout=timeout,
            env=_child_env(),
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise DocumentError(name, f"reading took longer than {timeout:g} s; gave up") from None
    if done.returncode != 0:
        raise DocumentError(name, f"reader crashed (out of memory?) (exit status {done.returncode})")
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        raise DocumentError(name, "reader crashed (out of memory?) (no answer)") from None
    if "error" in answer:
        raise DocumentError(name, str(answer["error"]))
    return [passage_from_dict(item) for item in answer["passages"]]


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    package_parent = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_parent, env.get("PYTHONPATH")) if p)
    return env


def passage_to_dict(passage: Passage) -> dict[str, object]:
    data = passage.to_dict()
    data["anchors"] = [[a.start, a.end, a.part, a.node, a.node_offset] for a in passage.anchors]
    return data


def passage_from_dict(data: dict) -> Passage:  # type: ignore[type-arg]
    loc = dict(data["location"])
    loc["part"] = Part(loc["part"])
    anchors = tuple(TextAnchor(*a) for a in data.get("anchors", ()))
    return Passage(data["text"], Location(**loc), bool(data["deleted"]), bool(data["inserted"]), anchors)


def _limit_memory(memory_mb: int) -> None:
    try:
        import resource
    except ImportError:  # not on Windows; the timeout still applies
        return
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _child() -> int:
    request = json.loads(sys.stdin.read())
    memory_mb = int(request["memory_mb"])
    _limit_memory(memory_mb)
    try:
        from conflictcheck.documents import read_document

        passages = read_document(request["path"], formatting_marks=request["formatting_marks"], root=request["root"])
        answer: dict[str, object] = {"passages": [passage_to_dict(p) for p in passages]}
    except DocumentError as exc:
        answer = {"error": exc.cause}
    except MemoryError:
        answer = {"error": f"reader ran out of memory (limit {memory_mb} MB)"}
    except RecursionError:
        answer = {"error": "document nested too deeply to read"}
    sys.stdout.write(json.dumps(answer))
    return 0


if __name__ == "__main__":
    sys.exit(_child())
