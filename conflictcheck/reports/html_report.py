"""One self-contained HTML page: a filterable summary across documents, then every finding.

The page works offline (inline CSS and JS, no external URL) and forbids anything else through
its Content-Security-Policy. Every piece of draft text goes through html.escape; the matched
words are cut from the raw passage by offsets first and each piece escaped on its own, so a
highlight can never split an entity or open a tag.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape
from typing import TYPE_CHECKING

from conflictcheck.model import Finding
from conflictcheck.reports.common import (
    SEVERITIES_DOWN,
    ReportContext,
    describe_location,
    rule_counts,
    tool_version,
)

if TYPE_CHECKING:
    from conflictcheck.scan import FileResult, ScanResult

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"

STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:70rem;padding:1rem 2rem;color:#1d232a}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ccd;padding-bottom:.2rem}
table{border-collapse:collapse;margin:.6rem 0;width:100%}
th,td{border:1px solid #d5d9e0;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f4f7}td.n{text-align:right}
.sev{font-weight:700;text-transform:uppercase;font-size:.8rem;padding:.1rem .35rem;border-radius:.2rem}
.sev-high{background:#fdd;color:#900}.sev-medium{background:#fff1cc;color:#7a5200}
.sev-low{background:#def;color:#124a80}.sev-info{background:#eee;color:#444}
article{border:1px solid #d5d9e0;border-left-width:6px;border-radius:.3rem;margin:1rem 0;padding:.2rem 1rem}
article.sev-high{border-left-color:#c00}article.sev-medium{border-left-color:#d90}
article.sev-low{border-left-color:#38c}article.sev-info{border-left-color:#999}
blockquote{margin:.5rem 0;padding:.5rem .8rem;background:#f7f8fa;white-space:pre-wrap}
mark{background:#ffe14d;padding:0 .1rem}dt{font-weight:600;margin-top:.4rem}dd{margin-left:1rem}
.filters{display:flex;gap:1rem;align-items:center;margin:.6rem 0}.muted{color:#667}
.error{color:#900}[hidden]{display:none!important}
"""

SCRIPT = """
(function(){
  var rule=document.getElementById('filter-rule'),sev=document.getElementById('filter-severity');
  var count=document.getElementById('shown');
  function apply(){
    var shown=0;
    document.querySelectorAll('[data-rule]').forEach(function(el){
      var ok=(!rule.value||el.dataset.rule===rule.value)&&(!sev.value||el.dataset.severity===sev.value);
      el.hidden=!ok;
      if(ok&&el.tagName==='TR'){shown++;}
    });
    count.textContent=shown+' shown';
  }
  rule.addEventListener('change',apply);sev.addEventListener('change',apply);apply();
})();
"""


def render(result: ScanResult, context: ReportContext) -> str:
    return "".join(chunks(result, context))


def chunks(result: ScanResult, context: ReportContext) -> Iterator[str]:
    """The page, a file's rows or articles at a time: the summary's counts come from the scan
    result before any finding is written, so nothing needs the whole list of findings."""
    yield "".join(
        [
            "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>",
            f"<meta http-equiv='Content-Security-Policy' content=\"{CSP}\">",
            "<meta name='viewport' content='width=device-width, initial-scale=1'>",
            "<title>conflictcheck report</title>",
            f"<style>{STYLE}</style></head><body>",
            "<header><h1>conflictcheck report</h1>",
            f"<p class='muted'>{_overview(result, context)}</p></header>",
        ]
    )
    yield from _summary_section(result)
    yield _unreadable_section(result)
    yield from _details_section(result)
    yield (
        f"<footer class='muted'><p>conflictcheck {escape(tool_version())}; rulebook "
        f"{escape(result.rulebook_fingerprint[:12])}</p></footer>"
        f"<script>{SCRIPT}</script></body></html>\n"
    )


def _numbered(result: ScanResult) -> Iterator[tuple[FileResult, Iterator[tuple[int, Finding]]]]:
    """Each file with findings, and its findings numbered across the whole report: the summary
    rows link to the articles by these numbers, so both sections must count alike."""
    number = 0
    for file_result in result.files:
        if file_result.findings:
            yield file_result, enumerate(file_result.findings, number + 1)
            number += len(file_result.findings)


def _overview(result: ScanResult, context: ReportContext) -> str:
    total = result.finding_count
    text = (
        f"{len(result.files)} document(s), {result.passages} passage(s), {total} finding(s); {context.failing_phrase()}"
    )
    if result.baseline is not None:
        text += f"; {result.baseline.suppressed} accepted in the baseline not shown"
    return escape(text) + "."


def _summary_section(result: ScanResult) -> Iterator[str]:
    table = rule_counts(result)  # rules with findings, sorted: the counts and the rule filter
    if not table:
        yield "<section id='summary'><h2>Summary</h2><p>No findings.</p></section>"
        return
    yield (
        "<section id='summary'><h2>Summary</h2>"
        + _counts_table(table)
        + "<div class='filters'>"
        + _select("filter-rule", "Rule", list(table))
        + _select("filter-severity", "Severity", [s.label for s in SEVERITIES_DOWN])
        + "<span id='shown' class='muted'></span></div>"
        + "<table id='findings'><thead><tr><th>#</th><th>Document</th><th>Where</th><th>Rule</th>"
        + "<th>Severity</th><th>Matched text</th></tr></thead><tbody>"
    )
    for file_result, numbered in _numbered(result):
        yield "".join(_summary_row(n, file_result, f) for n, f in numbered)
    yield "</tbody></table></section>"


def _counts_table(table: dict[str, dict[str, int]]) -> str:
    labels = [s.label for s in SEVERITIES_DOWN]
    head = "".join(f"<th>{escape(x)}</th>" for x in labels)
    rows = "".join(
        f"<tr><td>{escape(rule_id)}</td>" + "".join(f"<td class='n'>{counts.get(x, 0)}</td>" for x in labels) + "</tr>"
        for rule_id, counts in table.items()
    )
    return f"<table id='counts'><thead><tr><th>Rule</th>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _select(ident: str, label: str, values: list[str]) -> str:
    options = "".join(f"<option value='{escape(v)}'>{escape(v)}</option>" for v in values)
    return f"<label>{label} <select id='{ident}'><option value=''>all</option>{options}</select></label>"


def _summary_row(number: int, file_result: FileResult, finding: Finding) -> str:
    return (
        f"<tr {_data(finding)}><td><a href='#f{number}'>{number}</a></td>"
        f"<td>{escape(file_result.display)}</td>"
        f"<td>{escape(describe_location(finding.location))}</td>"
        f"<td>{escape(finding.rule_id)}</td>"
        f"<td>{_badge(finding)}</td><td>{escape(finding.text)}</td></tr>"
    )


def _unreadable_section(result: ScanResult) -> str:
    if not result.unreadable:
        return ""
    items = "".join(f"<li><b>{escape(r.display)}</b>: {escape(r.error or '')}</li>" for r in result.unreadable)
    return f"<section id='unreadable'><h2 class='error'>Files that could not be read</h2><ul>{items}</ul></section>"


def _details_section(result: ScanResult) -> Iterator[str]:
    yield "<section id='details'>"
    for file_result, numbered in _numbered(result):
        yield f"<h2>{escape(file_result.display)}</h2>" + "".join(_article(n, f) for n, f in numbered)
    yield "</section>"


def _article(number: int, finding: Finding) -> str:
    items = [
        ("Where", escape(describe_location(finding.location))),
        ("Why", escape(finding.explanation.summary())),
        ("Confidence", f"{finding.confidence:.2f}"),
    ]
    for line in finding.explanation.lines_to_take:
        items.append(("Line to take", f"§{line.paragraph}: <q>{escape(line.text)}</q>"))
    if finding.suggestion:
        items.append(("Suggested wording", escape(finding.suggestion)))
    details = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in items)
    return (
        f"<article id='f{number}' class='sev-{finding.severity.label}' {_data(finding)}>"
        f"<h3>{number}. {_badge(finding)} {escape(finding.title)} "
        f"<span class='muted'>({escape(finding.rule_id)})</span></h3>"
        f"<blockquote class='passage'>{highlight(finding)}</blockquote><dl>{details}</dl></article>"
    )


def highlight(finding: Finding) -> str:
    """The passage with the matched words in <mark>, cut on raw text, each piece escaped."""
    text = finding.passage.text
    start = max(0, min(finding.start, len(text)))
    end = max(start, min(finding.end, len(text)))
    return escape(text[:start]) + "<mark>" + escape(text[start:end]) + "</mark>" + escape(text[end:])


def _badge(finding: Finding) -> str:
    label = finding.severity.label
    return f"<span class='sev sev-{label}'>{label}</span>"


def _data(finding: Finding) -> str:
    return f'data-rule="{escape(finding.rule_id)}" data-severity="{finding.severity.label}"'
