"""How well the PDF reader reads each article, in figures that mean the same on any article.

Each PDF of ../shared/pdfs is read as `qa add` reads it (qa.ingest.pdf.read_pdf, then the normal
ingestion) and compared with an independent plain-text copy of the same article (default
../blind/text/<stem>.txt, made by another extractor; it carries its own running headers and
figure lettering, so repeated lines and bare numbers are dropped from it first). Words are
compared folded (NFKC, case, letters and digits only), so hyphenation and spacing never count.

Per article:
- found: share of the reference text's sentences (>= 8 words; not reference entries, not front
  matter the reader set apart) that lie whole inside ONE passage (or nearly: a partial ratio >= 90,
  for signs the plain copy prints otherwise); `text` the share found anywhere in
  the cleaned text (the gap is sentences cut between passages);
- extra: share of running-text passage words in no 4-word run of the reference text (running headers/footers,
  line numbers, figure lettering, words glued from elsewhere);
- glued: passages whose first sentence is not a reference sentence but ends with one (a heading or
  other text glued before the sentence's start);
- mid: passages of running text starting mid-sentence (lower-case first letter, or the passage
  before it in the same section does not end a sentence);
- cites: in-text citations found and the share resolving to a reference entry;
- refs: entries parsed vs entries in the article's list (numbered lists: the highest entry
  number printed at a line start of the reference text in sequence; author-year lists: lines of the
  reference section opening with 'Surname, I.' / 'Surname IJ' after a line that ends an entry),
  and entries without a year or without authors;
- tables: tables captioned in the article ('Table N' at a line start) vs tables read, rows read.

    python bench/reading_quality.py [--show STEM] [--json PATH]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from _common import ROOT  # noqa: F401  (puts the repo root on sys.path)

from qa.ingest.corpus import RawDocument
from qa.ingest.pdf import read_pdf
from qa.ingest.pipeline import ingest_document
from qa.models import Document, DocumentMeta, Passage
from qa.settings import pdf_dir
from rapidfuzz import fuzz

REFERENCE_DIR = ROOT.parent / "blind" / "text"
MIN_SENTENCE_WORDS = 8
NGRAM = 4
FUZZY = 90
HYPHENS = "-\u2010\u2011\u00ad\ufffe"
REF_HEADING = re.compile(r"^(?:references?|references and notes|literature cited|bibliography)\b", re.I)


def fold(word: str) -> str:
    """A word as compared: NFKC, case-folded, letters and digits only."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", word).casefold() if ch.isalnum())


def words(text: str) -> list[str]:
    return [w for w in (fold(t) for t in text.split()) if w]


def reference_lines(text: str) -> list[str]:
    """The reference text's lines less its furniture: lines printed three times or more
    (digits ignored: running headers and footers) and lines of digits alone (page numbers)."""
    lines = [ln.strip() for ln in text.splitlines()]
    shape = Counter(re.sub(r"\d+", "#", ln) for ln in lines if ln)
    return [ln for ln in lines if ln and shape[re.sub(r"\d+", "#", ln)] < 3
            and not re.fullmatch(r"[\d\s.,–-]+", ln)]


def joined(lines: list[str]) -> str:
    """Lines joined into running text: a line ending in a hyphen joins the next without a space."""
    out: list[str] = []
    for ln in lines:
        ln = ln.replace("\ufffe", "")
        if out and out[-1].endswith(tuple(HYPHENS)):
            out[-1] = out[-1].rstrip(HYPHENS) + ln
        else:
            out.append(ln)
    return " ".join(out)


def paragraphs(lines: list[str]) -> list[str]:
    """The reference text cut after every line that ends a paragraph or is a heading: a line well
    short of the usual length (a paragraph's last line, a heading's, a caption's end), or a line
    between a sentence's end and a capital that ends no sentence itself (a one-line heading). The
    plain copy has no blank lines, and a heading joined to the sentence under it would make that
    sentence unfindable in a reading that set the heading apart."""
    usual = sorted(len(ln) for ln in lines)[len(lines) // 2] if lines else 0
    out: list[list[str]] = [[]]
    for i, ln in enumerate(lines):
        out[-1].append(ln)
        before = lines[i - 1] if i else "."
        after = lines[i + 1] if i + 1 < len(lines) else "A"
        short = len(ln) < 0.6 * usual and not ln.endswith(tuple(HYPHENS))
        heading = (re.search(r"[.!?]$", before) is not None and re.search(r"[.!?,;:]$", ln) is None
                   and after[:1].isupper() and len(out[-1]) == 1)
        if short or heading:
            out.append([])
    return [joined(p) for p in out if p]


def reference_sentences(lines: list[str]) -> list[list[str]]:
    parts = [s for p in paragraphs(lines) for s in re.split(r"(?<=[.!?])\s+(?=[A-Z(\[])", p)]
    return [w for w in (words(p) for p in parts) if len(w) >= MIN_SENTENCE_WORDS]


def inside(needle: list[str], hay: str) -> bool:
    return f" {' '.join(needle)} " in hay


def near(needle: list[str], hay: str) -> bool:
    """Whole in `hay`, or nearly (partial ratio >= FUZZY where `hay` shares one of its 4-word runs):
    the plain copy prints some signs otherwise ('D' for a symbol font's delta, 'm' for micro), and a
    sign misread by either side must not count as a lost sentence."""
    if inside(needle, hay):
        return True
    runs = [" ".join(needle[i:i + NGRAM]) for i in range(0, len(needle) - NGRAM + 1, 2)]
    if not any(f" {r} " in hay for r in runs):
        return False
    return fuzz.partial_ratio(" ".join(needle), hay, score_cutoff=FUZZY) >= FUZZY


def expected_references(lines: list[str]) -> int:
    """Entries in the article's own list, read from the reference text (see the module doc)."""
    best = 0
    for i, ln in enumerate(lines):  # the longest run 1, 2, 3 ... of numbers opening lines
        if not re.match(r"^(?:.*\b(?:references|notes)\s+)?\[?1[.\]]?\s", ln, re.I):
            continue
        n = 1
        for later in lines[i:]:
            later = re.sub(r"^.*\b(?:references|notes)\s+(?=\[?1[.\]]?\s)", "", later, flags=re.I)
            m = re.match(r"^\[?(\d{1,3})[.\]]?\s", later)
            if m and int(m.group(1)) == n:
                n += 1
        best = max(best, n - 1)
    if best >= 5:
        return best
    starts = [i for i, ln in enumerate(lines) if REF_HEADING.match(ln)]
    if not starts:
        return 0
    section = "\n".join(lines[starts[-1]:])  # author-year: one year closing the authors per entry
    return len(re.findall(r"\(\d{4}[a-z]?\)\.|\b[A-Z]{1,3}\.? \d{4}[a-z]?\.\s", section))


@dataclass
class Quality:
    article: str
    sentences: int
    found: float
    text: float
    extra: float
    glued: int
    mid: int
    passages: int
    citations: int
    resolved: float
    refs: int
    refs_expected: int
    refs_no_year: int
    refs_no_authors: int
    tables_captioned: int
    tables_read: int
    table_rows: int


def extra_words(passages: list[Passage], grams: set[tuple[str, ...]]) -> tuple[float, list[str]]:
    """Share of running-text passage words in no 4-word run of the reference text, and the runs
    of such words (a table row is rendered with its column names, not in the printed order)."""
    extra = total = 0
    stretches: list[str] = []
    for p in passages:
        if p.kind != "text":
            continue
        w = words(p.text)
        covered = [False] * len(w)
        for i in range(len(w) - NGRAM + 1):
            if tuple(w[i:i + NGRAM]) in grams:
                covered[i:i + NGRAM] = [True] * NGRAM
        total += len(w)
        extra += covered.count(False)
        run: list[str] = []
        for word, ok in zip(w + [""], covered + [True]):
            if not ok:
                run.append(word)
            elif run:
                stretches.append(" ".join(run))
                run = []
    return extra / max(1, total), stretches


def cut_sentences(passages: list[Passage], body: list[list[str]], sentences: list[list[str]],
                  lines: list[str]) -> tuple[list[str], list[str]]:
    """Sentences with a reference paragraph glued before them (a heading read as text), and
    passages of running text that start mid-sentence."""
    sentence_set = {" ".join(s) for s in sentences}
    ends: dict[str, list[str]] = {}
    for sent in body:
        ends.setdefault(" ".join(sent[-4:]), []).append(" ".join(sent))
    blocks = {" ".join(words(p)) for p in paragraphs(lines)}
    glued: list[str] = []
    mid: list[str] = []
    prev: Passage | None = None
    for p in passages:
        if p.kind == "text":
            for piece in re.split(r"(?<=[.!?])\s+(?=[A-Z])", p.text.strip()):
                fw = " ".join(words(piece))
                if fw in sentence_set:
                    continue
                tails = [t for t in ends.get(" ".join(fw.split()[-4:]), [])
                         if fw.endswith(" " + t) and fw[:-len(t) - 1] in blocks]
                if tails:
                    extra_words = len(fw.split()) - len(tails[0].split())
                    glued.append(" ".join(piece.split()[:extra_words + 3])[:100])
            starts_low = bool(re.match(r"[a-z]", p.text.strip())) and not re.match(r"[a-z]+[A-Z\d-]", p.text.strip())
            unended = (prev is not None and prev.kind == "text" and prev.section == p.section
                       and not re.search(r"[.!?:)\]\d]\W*$", prev.text.strip()))
            if starts_low or unended:
                mid.append(p.text[:80])
        prev = p
    return glued, mid


def measure(stem: str, reference: str, doc: Document, passages: list[Passage], front: list[str],
            show: bool = False) -> Quality:
    lines = reference_lines(reference)
    ref_words = words(joined(lines))
    grams = {tuple(ref_words[i:i + NGRAM]) for i in range(len(ref_words) - NGRAM + 1)}
    sentences = reference_sentences(lines)
    hay = [f" {' '.join(words(p.text))} " for p in passages]
    whole = f" {' '.join(words(doc.text))} "
    refspan = doc.text[doc.references_span[0]:doc.references_span[1]] if doc.references_span else ""
    apart = f" {' '.join(words(refspan + ' ' + ' '.join(front)))} "
    body = [s for s in sentences if not inside(s, apart)]
    found = [s for s in body if any(near(s, h) for h in hay)]
    in_text = [s for s in body if s in found or near(s, whole)]
    extra, stretches = extra_words(passages, grams)
    glued, mid = cut_sentences(passages, body, sentences, lines)
    refs = doc.references
    captioned = {m.group(1) for m in re.finditer(r"(?m)^\s*table\s+(\d+)\b", reference, re.I)}
    quality = Quality(
        article=stem, sentences=len(body), found=len(found) / max(1, len(body)),
        text=len(in_text) / max(1, len(body)), extra=extra, glued=len(glued), mid=len(mid),
        passages=len(passages), citations=len(doc.citations),
        resolved=sum(c.resolved for c in doc.citations) / max(1, len(doc.citations)),
        refs=len(refs), refs_expected=expected_references(lines),
        refs_no_year=sum(r.year is None for r in refs), refs_no_authors=sum(not r.authors for r in refs),
        tables_captioned=len(captioned), tables_read=len(doc.tables),
        table_rows=sum(len(t.rows) for t in doc.tables),
    )
    if show:
        print(f"== {stem}: sentences not in one passage ({len(body) - len(found)})")
        for s in body:
            if s not in found:
                print("  ", "[text]" if s in in_text else "[none]", " ".join(s)[:150])
        print(f"== extra stretches (>= 3 words) ({len(stretches)})")
        for s in stretches:
            if len(s.split()) >= 3:
                print("  ", s[:150])
        print(f"== glued before a sentence ({len(glued)})")
        for g in glued:
            print("  ", g)
        print(f"== passages starting mid-sentence ({len(mid)})")
        for m in mid:
            print("  ", m)
    return quality


def read_article(pdf: Path) -> tuple[Document, list[Passage], list[str]]:
    read = read_pdf(pdf)
    raw = RawDocument(meta=DocumentMeta(id=pdf.stem, file=f"{pdf.stem}.txt"), text=read.text, sha256="")
    doc, passages = ingest_document(raw)
    return doc, passages, read.front_matter


def table(rows: list[Quality]) -> str:
    head = ("| article | sentences | found | text | extra | glued | mid | cites (resolved) | "
            "refs / list (no year, no authors) | tables read / captioned (rows) |")
    out = [head, "|" + "---|" * 10]
    for q in rows:
        out.append(f"| {q.article} | {q.sentences} | {q.found:.3f} | {q.text:.3f} | {q.extra:.3f} | {q.glued} | "
                   f"{q.mid} / {q.passages} | {q.citations} ({q.resolved:.2f}) | {q.refs} / {q.refs_expected} "
                   f"({q.refs_no_year}, {q.refs_no_authors}) | {q.tables_read} / {q.tables_captioned} ({q.table_rows}) |")
    n = len(rows)
    if n:
        out.append(f"| mean | {sum(q.sentences for q in rows) / n:.0f} | {sum(q.found for q in rows) / n:.3f} | "
                   f"{sum(q.text for q in rows) / n:.3f} | {sum(q.extra for q in rows) / n:.3f} | "
                   f"{sum(q.glued for q in rows)} | {sum(q.mid for q in rows)} / {sum(q.passages for q in rows)} | "
                   f"{sum(q.citations for q in rows)} ({sum(q.resolved for q in rows) / n:.2f}) | "
                   f"{sum(q.refs for q in rows)} / {sum(q.refs_expected for q in rows)} | |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pdfs", type=Path, default=pdf_dir())
    ap.add_argument("--reference", type=Path, default=REFERENCE_DIR, help="folder of <stem>.txt plain texts")
    ap.add_argument("--show", action="append", default=[], help="list one article's misses (repeatable)")
    ap.add_argument("--only", action="append", default=[], help="measure only these stems")
    ap.add_argument("--json", type=Path, help="write the figures as JSON here")
    args = ap.parse_args(argv)
    rows: list[Quality] = []
    for pdf in sorted(args.pdfs.glob("*.pdf")):
        ref = args.reference / f"{pdf.stem}.txt"
        if not ref.is_file() or (args.only and pdf.stem not in args.only):
            continue
        doc, passages, front = read_article(pdf)
        rows.append(measure(pdf.stem, ref.read_text(encoding="utf-8"), doc, passages, front,
                            show=pdf.stem in args.show))
    if not rows:
        print(f"no article has both a PDF in {args.pdfs} and a text in {args.reference}", file=sys.stderr)
        return 1
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps([asdict(q) for q in rows], indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
