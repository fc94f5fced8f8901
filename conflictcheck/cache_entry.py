"""One file's cache entry: what a rescan needs to report the file without reading it again.

An entry is a header, one line of JSON, then the body:

    {"passages": 12, "findings": [["itr-treaty", "high", 803, 1611], ...], "sha256": "9f2c..."}
    <each finding as the JSON report writes it, in two pieces around its file's name><the records>

The header is what a rescan reads first: the passage count and, for each finding in order, its rule,
its severity and the lengths of its two pieces of text. Its sha256, of those values and the body,
tells a whole entry from a damaged one (a damaged entry is a miss), and costs a tenth of parsing the
body. The body is kept as text and used only as far as the reports ask:
- the JSON report copies each finding's text, with the file's name put in: no finding is decoded,
  turned into a report record and encoded again, which was most of what a warm rescan cost;
- every other use (the other formats, a baseline, annotated copies) decodes the records
  (finding_codec), which keep every field, anchors included.

An entry whose sha256 matches was written by `make_entry`. Its records are still decoded with
every type checked: one forged to match raises DamagedEntry, which names the entry, when it is
decoded.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from json.encoder import encode_basestring  # type: ignore[attr-defined]

from conflictcheck.errors import ConflictcheckError
from conflictcheck.finding_codec import findings_from_records, findings_to_records, severity_from_label
from conflictcheck.model import Finding, Severity


class DamagedEntry(ConflictcheckError):
    """An entry that is not as `make_entry` wrote it."""


Kind = tuple[str, Severity]  # a finding's rule and severity


@dataclass(frozen=True)
class CacheEntry:
    passages: int
    kinds: tuple[Kind, ...]  # each finding's, in the file's order
    pieces: tuple[tuple[int, int], ...]  # the lengths of each finding's two pieces of JSON text
    data: bytes = field(repr=False)  # the entry as written: header line, body
    body_at: int = field(repr=False)
    name: str = "cache entry"  # where it was read, for error messages

    @property
    def body(self) -> str:
        return self.data[self.body_at :].decode("utf-8")

    @property
    def size(self) -> int:
        """Findings, info findings included: what holding the entry costs, in findings."""
        return len(self.kinds)

    def count(self, with_info: bool) -> int:
        return len(self.kinds) if with_info else sum(1 for _, severity in self.kinds if severity > Severity.INFO)

    def hidden_info(self, with_info: bool) -> int:
        return 0 if with_info else len(self.kinds) - self.count(False)

    def tally(self, with_info: bool) -> Counter[Kind]:
        return Counter(kind for kind in self.kinds if with_info or kind[1] > Severity.INFO)

    def json_texts(self, file: str, with_info: bool) -> list[str]:
        """Each finding's record as the JSON report writes it at no indent, naming `file`."""
        body, quoted = self.body, encode_basestring(file)
        texts = []
        at = 0
        for (_, severity), (head, tail) in zip(self.kinds, self.pieces, strict=True):
            if with_info or severity > Severity.INFO:
                texts.append(body[at : at + head] + quoted + body[at + head : at + head + tail])
            at += head + tail
        return texts

    def findings(self, file: str | None = None, with_info: bool = True) -> tuple[Finding, ...]:
        """The findings, every one or the conflicts alone; `file`, when given, names the file in
        their locations (the same content may be found under another path)."""
        records_at = sum(head + tail for head, tail in self.pieces)
        try:
            findings = findings_from_records(json.loads(self.body[records_at:]), file, with_info)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise DamagedEntry(
                f"{self.name}: damaged ({type(exc).__name__}: {exc}); delete it or scan with --no-cache"
            ) from exc
        if len(findings) != self.count(with_info):
            raise DamagedEntry(f"{self.name}: damaged (its header and records count different findings)")
        return findings


def make_entry(passages: int, findings: Sequence[Finding]) -> CacheEntry:
    from conflictcheck.reports.json_report import finding_text_pieces

    kinds, pieces, texts = [], [], []
    for finding in findings:
        head, tail = finding_text_pieces(finding)
        kinds.append((finding.rule_id, finding.severity))
        pieces.append((len(head), len(tail)))
        texts += (head, tail)
    texts.append(json.dumps(findings_to_records(findings), ensure_ascii=False))
    body = "".join(texts).encode("utf-8")
    rows = [[rule_id, severity.label, *lengths] for (rule_id, severity), lengths in zip(kinds, pieces, strict=True)]
    header = {"passages": passages, "findings": rows, "sha256": _vouched(passages, rows, body)}
    head = json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n"
    return CacheEntry(passages, tuple(kinds), tuple(pieces), head + body, len(head))


def read_entry(data: bytes, name: str = "cache entry", verify: bool = True) -> CacheEntry:
    """The entry `make_entry` made, from its `data`. Raises DamagedEntry when the header is not
    whole and well typed or, with `verify`, when its sha256 is not that of its values and body."""
    body_at = data.find(b"\n") + 1
    try:
        if not body_at:
            raise ValueError("no header line")
        header = json.loads(data[:body_at])
        passages, rows, sha256 = header["passages"], header["findings"], header["sha256"]
        if type(passages) is not int or type(rows) is not list or type(sha256) is not str:
            raise TypeError("header fields of the wrong type")
        body = memoryview(data)[body_at:]
        if verify and _vouched(passages, rows, body) != sha256:
            raise ValueError("its header and body are not those its sha256 vouches for")
        # Bytes bound the characters; the sha256 vouches for the rest, and the body is decoded
        # only when a report uses it.
        kinds, pieces = _rows(rows, len(body))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:  # AttributeError: a mistyped label
        raise DamagedEntry(f"{name}: {exc}") from exc
    return CacheEntry(passages, kinds, pieces, data, body_at, name)


def _vouched(passages: int, rows: list, body: bytes | memoryview) -> str:  # type: ignore[type-arg]
    """The sha256 of an entry's header values and body: JSON encodes the values read back from a
    header exactly as it encoded them when the header was written."""
    digest = hashlib.sha256(json.dumps([passages, rows], ensure_ascii=False).encode("utf-8"))
    digest.update(b"\n")
    digest.update(body)
    return digest.hexdigest()


def _rows(rows: list[object], body_bytes: int) -> tuple[tuple[Kind, ...], tuple[tuple[int, int], ...]]:
    kinds, pieces = [], []
    total = 0
    for row in rows:
        if type(row) is not list or len(row) != 4:
            raise TypeError("a finding's row is not [rule, severity, head, tail]")
        rule_id, label, head, tail = row
        if type(rule_id) is not str or type(head) is not int or type(tail) is not int or head < 0 or tail < 0:
            raise TypeError("a finding's row holds a value of the wrong type")
        kinds.append((rule_id, severity_from_label(label)))
        pieces.append((head, tail))
        total += head + tail
    if total > body_bytes:
        raise ValueError("its pieces of text run past its body")
    return tuple(kinds), tuple(pieces)
