"""Every format, on hand-built results: shape, validity, and escaping of hostile draft text."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from reportdata import HOSTILE, make_finding, sample_result

from conflictcheck.model import Severity
from conflictcheck.reports import FORMATS, ReportContext, render
from conflictcheck.reports.github import escape_data, escape_property

SCHEMA = Path(__file__).resolve().parents[2] / ".." / "shared" / "schemas" / "sarif-schema-2.1.0.json"
CONTEXT = ReportContext(fail_on=Severity.MEDIUM)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_renders_text(result, name: str) -> None:
    out = render(name, result, CONTEXT)
    assert isinstance(out, str)
    assert out.endswith("\n") or out == ""


def test_json_has_the_documented_shape(result) -> None:
    document = json.loads(render("json", result, CONTEXT))
    assert set(document) >= {"version", "rulebook", "files", "summary"}
    assert document["rulebook"]["fingerprint"] == "f" * 64
    paths = [f["path"] for f in document["files"]]
    assert paths == ["drafts/a b.docx", "drafts/notes,v1.md", "drafts/clean.txt", "drafts/broken.docx"]
    assert document["files"][3]["error"].startswith("not a Word file")
    finding = document["files"][0]["findings"][0]
    for key in ("rule_id", "severity", "confidence", "text", "location", "explanation", "suggestion", "fingerprint"):
        assert key in finding
    assert finding["text"] == "convene a new WCIT"
    assert finding["location"]["file"] == "drafts/a b.docx"
    assert re.fullmatch(r"[0-9a-f]{64}", finding["fingerprint"])
    summary = document["summary"]
    assert summary["findings"] == 3
    assert summary["unreadable"] == 1
    assert summary["by_severity"] == {"high": 1, "medium": 1, "low": 1, "info": 0}
    assert summary["by_rule"]["itr-treaty"] == {"high": 1, "medium": 1}
    assert summary["exit_code"] == 3


def test_jsonl_is_one_finding_per_line(result) -> None:
    lines = render("jsonl", result, CONTEXT).splitlines()
    assert len(lines) == 3
    records = [json.loads(line) for line in lines]
    assert [r["path"] for r in records] == ["drafts/a b.docx", "drafts/a b.docx", "drafts/notes,v1.md"]


def test_sarif_validates_against_the_schema(result) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.is_file():
        pytest.skip(f"no SARIF schema at {SCHEMA}")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    document = json.loads(render("sarif", result, CONTEXT))
    validator = jsonschema.Draft7Validator(schema)
    assert [e.message for e in validator.iter_errors(document)] == []
    # The validator really checks: a broken log is rejected.
    assert list(validator.iter_errors({"version": "2.1.0", "runs": [{"tool": {}}]}))


def test_sarif_content(result) -> None:
    run = json.loads(render("sarif", result, CONTEXT))["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["itr-treaty"]["shortDescription"]["text"] == "No new ITR treaty <or> WCIT"
    assert "§24" in rules["itr-treaty"]["help"]["text"]
    assert "§24" in rules["itr-treaty"]["help"]["markdown"]
    assert rules["itr-treaty"]["defaultConfiguration"]["level"] == "error"
    first = run["results"][0]
    assert first["ruleId"] == "itr-treaty"
    assert first["level"] == "error"
    physical = first["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "drafts/a%20b.docx", "uriBaseId": "SRCROOT"}
    assert physical["region"]["snippet"]["text"] == "convene a new WCIT"
    assert physical["region"]["startLine"] == 4  # paragraph 3, counted from 1
    names = [x["name"] for x in first["locations"][0]["logicalLocations"]]
    assert "EUR/44A2/1" in names
    assert re.fullmatch(r"[0-9a-f]{64}", first["partialFingerprints"]["conflictcheck/v1"])
    assert run["results"][2]["locations"][0]["physicalLocation"]["region"]["startLine"] == 7
    assert run["invocations"][0]["executionSuccessful"] is False
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"].endswith("/")


def test_junit_is_parseable_and_fails_at_threshold(result) -> None:
    root = ET.fromstring(render("junit", result, CONTEXT).encode())
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert set(suites) == {"drafts/a b.docx", "drafts/notes,v1.md", "drafts/clean.txt", "drafts/broken.docx"}
    first = suites["drafts/a b.docx"]
    cases = {c.get("name"): c for c in first.iter("testcase")}
    assert set(cases) == {"itr-treaty", "cyber-instrument"}
    assert cases["itr-treaty"].find("failure") is not None
    assert cases["cyber-instrument"].find("failure") is None
    # A low finding is below --fail-on medium: listed, not failed.
    notes = {c.get("name"): c for c in suites["drafts/notes,v1.md"].iter("testcase")}
    assert notes["cyber-instrument"].find("failure") is None
    assert "binding instrument" in notes["cyber-instrument"].find("system-out").text
    assert suites["drafts/broken.docx"].find("testcase/error") is not None
    assert root.get("failures") == "1" and root.get("errors") == "1"


def test_github_escapes_messages_and_properties(result) -> None:
    lines = render("github", result, CONTEXT).splitlines()
    assert len(lines) == 4  # one unreadable file, three findings
    assert all("\r" not in line for line in lines)
    error = next(line for line in lines if line.startswith("::error file=drafts/a b.docx"))
    assert ",title=itr-treaty%3A No new ITR treaty <or> WCIT::" in error
    low = next(line for line in lines if "notes%2Cv1.md" in line)
    assert low.startswith("::warning file=drafts/notes%2Cv1.md,line=7,title=")
    assert escape_data("100%\r\nx") == "100%25%0D%0Ax"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_markdown_escapes_draft_text(result) -> None:
    out = render("markdown", result, CONTEXT)
    assert "<script>" not in out
    assert "&lt;script&gt;" in out
    assert "<b>convene a new WCIT</b>" in out
    assert "| itr-treaty | 1 | 1 | 0 | 0 |" in out
    assert "§24" in out


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.marks: list[str] = []
        self._in_mark = False
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_mark = tag == "mark" or self._in_mark
        if tag == "mark":
            self.marks.append("")
        self.scripts += tag == "script"

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._in_mark = False

    def handle_data(self, data: str) -> None:
        if self._in_mark:
            self.marks[-1] += data


def test_html_escapes_hostile_passages_and_highlights(result) -> None:
    out = render("html", result, CONTEXT)
    parser = _Collector()
    parser.feed(out)
    assert parser.scripts == 1  # ours only
    assert not any(tag == "img" for tag, _ in parser.tags)
    assert not any("onload" in attrs or "onerror" in attrs for _, attrs in parser.tags)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in out
    assert "&quot;onload=alert(1)" in out
    assert parser.marks == ["convene a new WCIT", "review the ITRs", "binding instrument on cybersecurity"]


def test_html_is_self_contained_and_filterable(result) -> None:
    out = render("html", result, CONTEXT)
    assert not re.search(r"(src|href)\s*=\s*['\"]?(https?:)?//", out)
    assert "http://" not in out and "https://" not in out
    assert "Content-Security-Policy" in out
    assert "id='filter-rule'" in out and "id='filter-severity'" in out
    assert out.count('data-rule="itr-treaty"') == 4  # two summary rows, two articles
    assert "§24: <q>The EU and its Member States" in out
    assert "Replace with: &quot;resolves to focus on &lt;capacity&gt; building&quot;" in out
    assert "not a Word file: &lt;zip&gt; damaged" in out


def test_html_highlight_escapes_each_piece() -> None:
    from conflictcheck.reports.html_report import highlight

    finding = make_finding("a <b>&amp; WCIT</b> z", "&amp; WCIT")
    assert highlight(finding) == "a &lt;b&gt;<mark>&amp;amp; WCIT</mark>&lt;/b&gt; z"


def test_text_report_lists_findings_and_unreadable(result) -> None:
    out = render("text", result, CONTEXT)
    assert "drafts/a b.docx" in out
    assert "HIGH" in out and "itr-treaty" in out
    assert "line to take §24" in out
    assert "drafts/broken.docx: cannot read" in out
    assert "\x1b[" not in out  # no colour unless asked


def test_text_report_keeps_the_spaces_around_the_match(result) -> None:
    out = render("text", result, ReportContext(color=True))
    assert "resolves to \x1b[" in out  # the space before the styled words survives
    plain = render("text", result, CONTEXT)
    assert 'resolves to convene a new WCIT "onload' in plain


def test_text_report_colours_on_request(result) -> None:
    out = render("text", result, ReportContext(color=True))
    assert "\x1b[" in out


def test_no_findings_is_said_plainly() -> None:
    from reportdata import file_result, make_result

    clean = make_result(file_result("a.txt", []))
    assert "No findings." in render("text", clean)
    assert "No findings." in render("markdown", clean)
    assert render("jsonl", clean) == ""
    assert render("github", clean) == ""


def test_hostile_text_is_in_every_machine_format_verbatim() -> None:
    result = sample_result()
    document = json.loads(render("json", result, CONTEXT))
    assert document["files"][0]["findings"][0]["passage"] == HOSTILE
    root = ET.fromstring(render("junit", result, CONTEXT).encode())
    assert HOSTILE.split("\n")[0] in "".join(root.itertext())


@pytest.mark.parametrize("name", ["html", "markdown"])
def test_the_opening_line_says_what_fails(result, name: str) -> None:
    from html import unescape

    assert "failing at" in render(name, result, CONTEXT) and "medium" in render(name, result, CONTEXT)
    never = unescape(render(name, result, ReportContext(fail_on=None)))
    assert "never failing on findings" in never and "failing at never" not in never


def test_the_summary_says_what_fails(result) -> None:
    from conflictcheck.reports.summary import render_summary

    assert "failing at medium and above." in render_summary(result, CONTEXT)
    assert "; never failing on findings." in render_summary(result, ReportContext(fail_on=None))
