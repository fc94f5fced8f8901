"""Importing spaCy without its command line, which a quarter of a second of every start went to.

spaCy's package imports its command line (typer, weasel, requests, httpx and their imports: about
360 modules) for one name, `spacy.info`. spaCy's maintainers have tried to make that import lazy
(explosion/spaCy pull requests 12962, 13721 and 13933); until a release does, `import_spacy` does
it for this tool: while spaCy is imported, `spacy.cli` and `spacy.cli.info` are placeholders, and
after it they are taken away again, so the first use of `spacy.cli` or `spacy.info` imports the
real command line as spaCy would have. If the import fails with placeholders in place (a spaCy
that needs more of its command line while importing), spaCy is imported plainly instead.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import Any


def import_spacy() -> ModuleType:
    """spaCy, imported without its command line when this call is what imports it."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    before = set(sys.modules)
    placeholders = _placeholders()
    sys.modules.update(placeholders)
    try:
        import spacy
    except Exception:  # whatever it was, the plain import below raises it again or succeeds
        _forget_new_spacy_modules(before)  # the placeholders among them
        return importlib.import_module("spacy")
    finally:
        for name, module in placeholders.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    _make_cli_lazy(spacy, placeholders["spacy.cli"])
    return spacy


def _placeholders() -> dict[str, ModuleType]:
    cli = ModuleType("spacy.cli")
    cli.__path__ = []  # a package, so that spacy.cli.info can be found under it
    info = ModuleType("spacy.cli.info")
    info.info = _info  # type: ignore[attr-defined]
    cli.info = info  # type: ignore[attr-defined]
    return {"spacy.cli": cli, "spacy.cli.info": info}


def _make_cli_lazy(spacy: ModuleType, placeholder: ModuleType) -> None:
    if spacy.__dict__.get("cli") is placeholder:
        del spacy.cli
    if "__getattr__" not in spacy.__dict__:
        spacy.__getattr__ = _spacy_getattr  # type: ignore[attr-defined]


def _spacy_getattr(name: str) -> Any:
    """`spacy.cli`, imported on first use (PEP 562: asked only when the attribute is missing)."""
    if name == "cli":
        return importlib.import_module("spacy.cli")
    raise AttributeError(f"module 'spacy' has no attribute {name!r}")


def _info(*args: Any, **kwargs: Any) -> Any:
    """`spacy.info`: the command line's, imported now."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def _forget_new_spacy_modules(before: set[str]) -> None:
    for name in set(sys.modules) - before:
        if name == "spacy" or name.startswith("spacy."):
            del sys.modules[name]
