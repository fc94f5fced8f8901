"""spaCy imported without its command line, which still loads on first use; a plain import otherwise.

Each case runs in a fresh interpreter: what it checks is what the first import of spaCy leaves.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap


def _run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_checker_imports_spacy_without_its_command_line_which_loads_when_used():
    out = _run(
        """
        import sys
        from conflictcheck import check_text, load_rulebook
        text = "instructs the Secretary-General to prepare a legally binding convention on cybersecurity,"
        assert check_text(text, load_rulebook())
        assert "spacy" in sys.modules
        assert "spacy.cli" not in sys.modules and "typer" not in sys.modules
        import spacy
        assert spacy.cli.info.__module__ == "spacy.cli.info"  # the real one, imported on this use
        assert "spacy_version" in spacy.info()
        from spacy.cli import setup_cli
        print("ok")
        """
    )
    assert out == "ok"


def test_spacy_info_alone_loads_the_command_line():
    out = _run(
        """
        import sys
        from conflictcheck.matching.spacy_import import import_spacy
        spacy = import_spacy()
        assert "spacy.cli" not in sys.modules
        info = spacy.info()
        print(info["spacy_version"] == spacy.__version__, "spacy.cli" in sys.modules)
        """
    )
    assert out == "True True"


def test_a_failed_import_with_placeholders_falls_back_to_the_plain_import():
    out = _run(
        """
        import sys
        from types import ModuleType
        from conflictcheck.matching import spacy_import

        def wanting():  # as if spaCy wanted more of its command line than `info`
            cli = ModuleType("spacy.cli")
            cli.__path__ = []
            return {"spacy.cli": cli, "spacy.cli.info": ModuleType("spacy.cli.info")}

        spacy_import._placeholders = wanting
        spacy = spacy_import.import_spacy()
        assert "typer" in sys.modules and sys.modules["spacy.cli"].__file__.endswith("__init__.py")
        assert spacy.blank("en")("a legally binding convention").text == "a legally binding convention"
        print("ok")
        """
    )
    assert out == "ok"


def test_spacy_imported_before_is_left_as_it_is():
    out = _run(
        """
        import sys
        import spacy
        from conflictcheck.matching.spacy_import import import_spacy
        assert import_spacy() is spacy and "spacy.cli" in sys.modules and "__getattr__" not in vars(spacy)
        print("ok")
        """
    )
    assert out == "ok"
