"""Benchmark the DOCX reader against a bare zipfile + lxml pass over word/document.xml.

    python bench/bench_reader.py [--files 200] [--words 600000] [--out bench/out] [--repeat 3]

Generates (deterministically, once; reused while the parameters match) ITU-style drafts with
python-docx: proposal headers, resolution headings, italic intro phrases, numbered items, tables,
a tracked insertion and deletion and footnotes per document. Then times
(a) the bare pass: unzip word/document.xml, parse it with lxml, join every w:t;
(b) `read_document` on each file (every story, revisions, structure, anchors);
and prints files, words, seconds and words/s for both, and their ratio. Target: (b) reaches at
least a third of (a)'s speed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import zipfile
from pathlib import Path

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_T = f"{{{W_NS}}}t"

_WORDS = (
    "telecommunication development capacity building Member States Sector Members ITU "
    "information and communication technologies cybersecurity confidence security digital divide "
    "least developed countries small island developing states landlocked connectivity broadband "
    "infrastructure Internet multistakeholder governance study groups Bureau Secretary-General "
    "Council Plenipotentiary Conference resolution report cooperation regional international "
    "standards spectrum satellite emergency climate change energy efficiency accessibility "
    "persons with disabilities gender equality youth innovation partnerships data protection "
    "privacy awareness WSIS Action Lines sustainable goals implementation assistance programme"
)
VOCABULARY = _WORDS.split()
PREAMBLE = ("considering", "recalling", "recognizing", "noting", "bearing in mind", "aware")
OPERATIVE = (
    "resolves",
    "instructs the Secretary-General",
    "instructs the Director of the Telecommunication Development Bureau",
    "invites Member States",
    "encourages Member States and Sector Members",
)
GROUPS = ("EUR", "RCC", "APT", "ATU", "CITEL", "ARB")


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(VOCABULARY) for _ in range(words)).capitalize() + "."


# --- generation ------------------------------------------------------------------------------------


def add_text(paragraph: object, text: str, rng: random.Random, word_like: bool) -> None:
    """Add `text` as one run (python-docx's lean markup) or as Word writes it.

    Word splits a paragraph into many runs (at each edit session, spelling mark and format
    change) and gives each run its properties and revision-session ids; a draft that went
    through a few rounds of editing looks like this, and so do the parser's and reader's costs.
    """
    if not word_like:
        paragraph.add_run(text)  # type: ignore[attr-defined]
        return
    words = text.split(" ")
    i = 0
    while i < len(words):
        n = rng.randint(1, 6)
        chunk = " ".join(words[i : i + n]) + (" " if i + n < len(words) else "")
        i += n
        run = paragraph.add_run(chunk)  # type: ignore[attr-defined]
        _word_run_properties(run, rng)
        if rng.random() < 0.15:
            for kind in ("spellStart", "spellEnd"):
                mark = etree.Element(_w("proofErr"))
                mark.set(_w("type"), kind)
                paragraph._p.append(mark)  # type: ignore[attr-defined]
    paragraph._p.set(_w("rsidR"), f"{rng.getrandbits(32):08X}")  # type: ignore[attr-defined]
    paragraph._p.set(_w("rsidRDefault"), f"{rng.getrandbits(32):08X}")  # type: ignore[attr-defined]


def _word_run_properties(run: object, rng: random.Random) -> None:
    r = run._r  # type: ignore[attr-defined]
    r.set(_w("rsidR"), f"{rng.getrandbits(32):08X}")
    rpr = r.get_or_add_rPr()
    fonts = etree.SubElement(rpr, _w("rFonts"))
    for attr in ("ascii", "hAnsi", "cs"):
        fonts.set(_w(attr), "Times New Roman")
    for tag in ("sz", "szCs"):
        etree.SubElement(rpr, _w(tag)).set(_w("val"), "24")
    etree.SubElement(rpr, _w("lang")).set(_w("val"), "en-GB")


def make_document(path: Path, rng: random.Random, target_words: int, word_like: bool = True) -> int:
    """Write one ITU-style draft; return the number of words written (roughly)."""
    import docx
    from docx.shared import Pt

    doc = docx.Document()
    doc.sections[0].header.paragraphs[0].text = f"PP22/{rng.randint(1, 99)}(Add.{rng.randint(1, 9)})-E"
    footnotes: list[str] = []
    written = 0
    proposal = 0
    while written < target_words:
        proposal += 1
        group = rng.choice(GROUPS)
        action = rng.choice(("ADD", "MOD"))
        doc.add_paragraph(f"{action}\t{group}/{rng.randint(10, 99)}A{rng.randint(1, 9)}/{proposal}")
        doc.add_paragraph(f"RESOLUTION {rng.randint(1, 220)} (REV. BUCHAREST, 2022)")
        doc.add_paragraph(sentence(rng, 8))
        doc.add_paragraph(
            "The Plenipotentiary Conference of the International Telecommunication Union (Bucharest, 2022),"
        )
        written += 30
        for intro in (rng.choice(PREAMBLE), rng.choice(OPERATIVE)):
            run = doc.add_paragraph().add_run(intro)
            run.italic = True
            for item in range(rng.randint(2, 5)):
                text = sentence(rng, rng.randint(25, 70))
                para = doc.add_paragraph(f"{item + 1}\t" if "resolves" in intro else f"{'abcde'[item]})\t")
                add_text(para, text, rng, word_like)
                written += len(text.split())
                if rng.random() < 0.3:
                    footnotes.append(sentence(rng, rng.randint(8, 20)))
                    _footnote_reference(para, len(footnotes))
                    written += len(footnotes[-1].split())
        tracked = doc.add_paragraph("to continue the work ")
        _tracked(tracked, sentence(rng, 6), inserted=True)
        _tracked(tracked, sentence(rng, 4), inserted=False)
        written += 16
        table = doc.add_table(rows=3, cols=3)
        for row in table.rows:
            for cell in row.cells:
                cell.text = sentence(rng, rng.randint(3, 10))
                written += 6
        add_text(doc.add_paragraph(), f"Reasons: {sentence(rng, 20)}", rng, word_like)
        written += 20
    doc.styles["Normal"].font.size = Pt(11)
    _add_footnotes(doc, footnotes)
    doc.save(str(path))
    return written


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _tracked(paragraph: object, text: str, *, inserted: bool) -> None:
    wrapper = etree.SubElement(paragraph._p, _w("ins" if inserted else "del"))  # type: ignore[attr-defined]
    wrapper.set(_w("id"), str(random.Random(text).randint(1, 10**6)))
    wrapper.set(_w("author"), "bench")
    run = etree.SubElement(wrapper, _w("r"))
    t = etree.SubElement(run, _w("t" if inserted else "delText"))
    t.text = " " + text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _footnote_reference(paragraph: object, note_id: int) -> None:
    run = etree.SubElement(paragraph._p, _w("r"))  # type: ignore[attr-defined]
    ref = etree.SubElement(run, _w("footnoteReference"))
    ref.set(_w("id"), str(note_id))


def _add_footnotes(doc: object, notes: list[str]) -> None:
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    body = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:r><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'
        for i, text in enumerate(notes, start=1)
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        f"{body}</w:footnotes>"
    )
    main = doc.part  # type: ignore[attr-defined]
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode(), main.package)
    main.relate_to(part, RT.FOOTNOTES)


def generate(out: Path, files: int, words: int, word_like: bool) -> list[Path]:
    stamp = out / "stamp.json"
    wanted = {"files": files, "words": words, "word_like": word_like, "version": 2}
    paths = [out / f"draft_{i:03d}.docx" for i in range(files)]
    if stamp.exists() and json.loads(stamp.read_text()) == wanted and all(p.exists() for p in paths):
        return paths
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20221001)
    sizes = [rng.uniform(0.1, 1.9) for _ in range(files)]  # a few hundred to several thousand
    scale = words / sum(sizes)
    for path, size in zip(paths, sizes, strict=True):
        make_document(path, rng, max(200, int(size * scale)), word_like)
    stamp.write_text(json.dumps(wanted))
    return paths


# --- timing ----------------------------------------------------------------------------------------


def bare_pass(paths: list[Path]) -> list[str]:
    texts = []
    for path in paths:
        with zipfile.ZipFile(path) as zf:
            root = etree.fromstring(zf.read("word/document.xml"))
        texts.append("".join(t.text or "" for t in root.iter(W_T)))
    return texts


def reader_pass(paths: list[Path]) -> list[str]:
    from conflictcheck.documents import read_document

    return [p.text for path in paths for p in read_document(path)]


def best_of(repeat: int, fn: object, paths: list[Path]) -> tuple[float, int]:
    """Best wall time of `repeat` runs; words are counted outside the timing."""
    best = float("inf")
    texts: list[str] = []
    for _ in range(repeat):
        start = time.perf_counter()
        texts = fn(paths)  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best, sum(len(text.split()) for text in texts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--words", type=int, default=600_000)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="profile the reader pass")
    parser.add_argument(
        "--lean",
        action="store_true",
        help="one run per paragraph, as python-docx writes (default: runs and properties as Word writes)",
    )
    args = parser.parse_args(argv)

    start = time.perf_counter()
    out = args.out / ("lean" if args.lean else "word")
    paths = generate(out, args.files, args.words, not args.lean)
    markup = "lean (python-docx)" if args.lean else "Word-like runs"
    print(f"corpus: {len(paths)} files, {markup}, in {out} ({time.perf_counter() - start:.1f} s to prepare)")
    reader_pass(paths[:1])  # imports and caches outside the timing

    if args.profile:
        import cProfile
        import pstats

        cProfile.runctx("reader_pass(paths)", globals(), {"paths": paths}, "/tmp/bench_reader.prof")
        pstats.Stats("/tmp/bench_reader.prof").sort_stats("cumulative").print_stats(25)
        return 0

    bare_s, bare_words = best_of(args.repeat, bare_pass, paths)
    read_s, read_words = best_of(args.repeat, reader_pass, paths)
    print(f"{'pass':<16}{'files':>7}{'words':>10}{'seconds':>10}{'words/s':>12}")
    print(f"{'bare zip+lxml':<16}{len(paths):>7}{bare_words:>10}{bare_s:>10.2f}{bare_words / bare_s:>12,.0f}")
    print(f"{'read_document':<16}{len(paths):>7}{read_words:>10}{read_s:>10.2f}{read_words / read_s:>12,.0f}")
    # The reader reads more words (footnotes, headers, deleted text): words/s flatters it, so the
    # time ratio on the same files is the figure held against the target.
    print(f"reader/bare, words/s: {(read_words / read_s) / (bare_words / bare_s):.2f}")
    print(f"reader/bare, time on the same files: {bare_s / read_s:.2f} (target >= 0.33)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
