"""Hand-built findings and scan results, so report tests need neither spaCy nor rule files."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from conflictcheck.model import (
    Explanation,
    Finding,
    LineToTake,
    Location,
    Part,
    Passage,
    Rule,
    Severity,
    TermHit,
)
from conflictcheck.rulebook import Rulebook
from conflictcheck.scan import FileResult, InputFile, ScanResult

HOSTILE = (
    'Recalling <script>alert("x")</script>, resolves to convene a new WCIT "onload=alert(1) '
    "<img src=x onerror=alert(2)> & review the ITRs%0A::error ok, 100%\nnext line"
)
LINE_24 = LineToTake(24, "The EU and its Member States do not support holding another WCIT.")


def make_finding(
    text: str = HOSTILE,
    needle: str = "convene a new WCIT",
    *,
    rule_id: str = "itr-treaty",
    title: str = "No new ITR treaty <or> WCIT",
    severity: Severity = Severity.HIGH,
    file: str = "drafts/a.docx",
    paragraph: int = 3,
    proposal: str | None = "EUR/44A2/1",
    line: int | None = None,
) -> Finding:
    start = text.index(needle)
    end = start + len(needle)
    location = Location(
        file=file,
        paragraph=paragraph,
        part=Part.OPERATIVE,
        intro="resolves",
        proposal=proposal,
        action="ADD" if proposal else None,
        line=line,
    )
    explanation = Explanation(
        pattern="reopen the ITRs",
        part=Part.OPERATIVE,
        terms=(TermHit("wcit", "wcit", "WCIT", end - 4, end),),
        lines_to_take=(LINE_24,),
    )
    return Finding(
        rule_id=rule_id,
        title=title,
        severity=severity,
        confidence=0.9,
        start=start,
        end=end,
        text=text[start:end],
        explanation=explanation,
        suggestion='Replace with: "resolves to focus on <capacity> building"',
        passage=Passage(text, location),
    )


def make_rule(rule_id: str = "itr-treaty", title: str = "No new ITR treaty <or> WCIT") -> Rule:
    return Rule(
        id=rule_id,
        title=title,
        lines_to_take=(LINE_24,),
        rationale="A new treaty would be divisive.",
        suggestion="Focus on capacity building.",
        severity={"operative": Severity.HIGH, "preamble": Severity.LOW},
        patterns=(),
        concepts={},
    )


def file_result(display: str, findings: list[Finding], error: str | None = None) -> FileResult:
    moved = [replace(f, passage=replace(f.passage, location=replace(f.location, file=display))) for f in findings]
    return FileResult(
        InputFile(Path("/scan") / display, display),
        passages=10 if error is None else 0,
        findings=tuple(moved),
        error=error,
    )


def make_result(*files: FileResult, root: Path = Path("/scan")) -> ScanResult:
    rules = (make_rule(), make_rule("cyber-instrument", "No cyber treaty"))
    rulebook = Rulebook(rules=rules, concepts={}, cues=(), fingerprint="f" * 64)
    return ScanResult(files=tuple(files), source=rulebook, root=root)


def sample_result() -> ScanResult:
    """Two documents with findings (one hostile), one clean, one unreadable."""
    return make_result(
        file_result(
            "drafts/a b.docx",
            [
                make_finding(),
                make_finding(needle="review the ITRs", severity=Severity.MEDIUM, paragraph=4),
            ],
        ),
        file_result(
            "drafts/notes,v1.md",
            [
                make_finding(
                    "invites Member States to draft a binding instrument on cybersecurity",
                    "binding instrument on cybersecurity",
                    rule_id="cyber-instrument",
                    title="No cyber treaty",
                    severity=Severity.LOW,
                    proposal=None,
                    line=7,
                )
            ],
        ),
        file_result("drafts/clean.txt", []),
        file_result("drafts/broken.docx", [], error="not a Word file: <zip> damaged"),
    )


def several_files_result() -> ScanResult:
    """A fuller scan: several documents with several findings each (hostile text, a file name
    that needs escaping, every severity), a clean file, an unreadable one and a baseline."""
    from conflictcheck.baseline import BaselineEntry, BaselineOutcome

    cyber = "invites Member States to draft a binding instrument on cybersecurity\tand <b>more</b>"
    files = [
        file_result(
            f"drafts/{name}",
            [
                make_finding(paragraph=n),
                make_finding(needle="review the ITRs", severity=Severity.MEDIUM, paragraph=n + 1),
                make_finding(
                    cyber,
                    "binding instrument on cybersecurity",
                    rule_id="cyber-instrument",
                    title="No cyber treaty",
                    severity=severity,
                    proposal=None,
                    paragraph=n + 2,
                ),
            ],
        )
        for n, (name, severity) in enumerate(
            [
                ("a b.docx", Severity.LOW),
                ("R&D <draft> \u00fc.docx", Severity.INFO),
                ("notes,v1.md", Severity.HIGH),
            ]
        )
    ]
    files.insert(1, file_result("drafts/clean.txt", []))
    files.append(file_result("drafts/broken.docx", [], error='not a Word file: <zip> "damaged" '))
    files.append(file_result("drafts/z.txt", [make_finding(rule_id="retired-rule", line=12, proposal=None)]))
    stale = BaselineEntry("0" * 64, "itr-treaty", "drafts/gone.docx", HOSTILE, proposal="EUR/1", reason="agreed")
    return replace(
        make_result(*files),
        show_info=True,
        baseline=BaselineOutcome(suppressed=2, unmatched=(stale,)),
    )
