"""Round trip: an article ingested as text -> typeset into a PDF -> read as `qa add` reads it
-> ingested again; what came back is scored against the text path (the ground truth).

The article is what qa's own text ingestion made of a seed review: its body paragraphs and
headings (sections), its sentences (qa.ingest.sentences), its citations with the keys and
reference entries they link to, and its parsed reference list. Tables, figure captions and
skipped blocks (keywords, acknowledgments, abbreviation lists) are left out. Characters the
standard PDF fonts cannot print (Greek letters, Roman-numeral signs) are spelled out first,
so what is typeset and what is expected are the same text.

Scores (see `score`): sentences found verbatim (whitespace aside) and found at all (letters
and digits, qa.evaluation.citation_eval), sentences in order, words in order (difflib),
(sentence, key) citation pairs and their links (citation_eval.score_document), reference
entries, headings.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from typeset import Article, Block, Layout, Word, plain, render
from qa.evaluation.citation_eval import GoldSentence, find_sentence, normalise, score_document
from qa.ingest.pdf.structure import CAPTION_LABEL
from qa.ingest.refparse import first_surname
from qa.ingest.sentences import split_sentences
from qa.models import Citation, Document

BRACKETED = re.compile(r"^[\[(]\s*\d[\d\s,;–-]*[\])]$")
BARE_NUMBERS = re.compile(r"^\d[\d,–-]*$")


def printable(text: str) -> str:
    """Characters the standard fonts (WinAnsi) lack, spelled out: 'Ⅱ' -> 'II', 'β' -> 'beta'."""
    out = []
    for ch in text:
        try:
            ch.encode("cp1252")
            out.append(ch)
            continue
        except UnicodeEncodeError:
            pass
        folded = unicodedata.normalize("NFKD", ch)
        name = unicodedata.name(ch, "")
        if folded != ch and folded.isascii():
            out.append(folded)
        elif name.startswith("GREEK"):
            out.append(name.split()[-1].lower())
        else:
            out.append({"≥": ">=", "≤": "<="}.get(ch, "?"))
    return "".join(out)


@dataclass
class Sentence:
    words: list[Word]
    keys: list[str]  # citation keys in order, no repeats
    refs: dict[str, str]  # key -> first author's surname of the entry it links to


@dataclass
class Source:
    """An article as the text path read it, ready to be typeset in any layout."""

    doc_id: str
    title: str
    # per block: ('heading', text) | ('paragraph', [sentences as lists of segments]) | ('reference', n, text)
    items: list[tuple] = field(default_factory=list)
    references: int = 0


def _segments(doc: Document, a: int, b: int, cites: list[Citation]) -> list[tuple[str, list[str] | None]]:
    """text[a:b] as (text, None) and (citation label, its keys) segments."""
    groups: dict[tuple[int, int], list[str]] = {}
    for c in cites:
        if a <= c.start and c.end <= b:
            groups.setdefault((c.start, c.end), []).append(c.key)
    out: list[tuple[str, list[str] | None]] = []
    pos = a
    for (s, e), keys in sorted(groups.items()):
        if s < pos:
            continue
        out.append((doc.text[pos:s], None))
        out.append((doc.text[s:e], keys))
        pos = e
    out.append((doc.text[pos:b], None))
    return [(t, k) for t, k in out if t or k]


def source(doc: Document) -> Source:
    """Headings, sentence-split paragraphs and reference entries of a text-path Document."""
    src = Source(doc.id, doc.meta.title or doc.id)
    tables = [(t.start, t.end) for t in doc.tables]
    skip = list(doc.skip_spans)
    refs = {r.key: r for r in doc.references}

    def overlaps(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
        return any(s < b and a < e for s, e in spans)

    ref_start = doc.references_span[0] if doc.references_span else len(doc.text)
    for sec in doc.sections:
        printed = doc.text[:sec.start].rstrip().endswith(sec.title)
        caption = not printed and CAPTION_LABEL.match(doc.text[sec.start:sec.end].lstrip())
        if overlaps(sec.start, sec.end, tables) or caption:
            continue
        if sec.start >= ref_start:
            if doc.references:
                src.items.append(("heading", printable(sec.title)))
            break
        paragraphs = []
        for m in re.finditer(r"(?:[^\n]|\n(?!\s*\n))+", doc.text[sec.start:sec.end]):
            a, b = sec.start + m.start(), sec.start + m.end()
            if not doc.text[a:b].strip() or overlaps(a, b, skip):
                continue
            cites = [c for c in doc.citations if c.end > a and c.start < b]
            sentences = []
            for s, e in split_sentences(doc.text, a, b, cites):
                segs = _segments(doc, s, e, cites)
                keys = list(dict.fromkeys(k for _, ks in segs if ks for k in ks))
                linked = {c.key: c.reference for c in cites if s <= c.start < e and c.reference}
                surnames = {k: first_surname(refs[k].authors[0]) for k in keys
                            if k in linked and k in refs and refs[k].authors}
                sentences.append((segs, keys, surnames))
            paragraphs.append(("paragraph", sentences))
        if not paragraphs:
            continue
        if printed:
            src.items.append(("heading", printable(sec.title)))
        src.items.extend(paragraphs)
    for r in doc.references:
        src.items.append(("reference", r.number if r.number is not None else "", printable(r.text)))
    src.references = len(doc.references)
    return src


def cited_words(segs: list[tuple[str, list[str] | None]], superscript: bool) -> list[Word]:
    """A sentence's words with its citations as printed: brackets and author-year as text;
    bare numbers (a superscript review), or any numeric citation when `superscript`, as raised
    numbers glued to the word before, after its punctuation ('cells [3,4].' -> 'cells.³,⁴')."""
    out, pending = "", ""  # superscripts marked \x01...\x02 until the punctuation after them is set
    for text, keys in segs:
        text = printable(text)
        if keys is not None and (BARE_NUMBERS.match(text.strip()) or superscript and BRACKETED.match(text.strip())):
            numbers = re.sub(r"[\s\[\]()]", "", text).replace(";", ",")
            out, pending = out.rstrip(), pending + "\x01" + ("," if pending else "") + numbers + "\x02"
            continue
        if pending:
            punct = re.match(r"^[.,;:]+", text)
            if punct:
                out, text = out + punct.group(0), text[punct.end():]
            out, pending = out + pending, ""
        out += text
    words: list[Word] = []
    for token in (out + pending).split():
        parts = [p for p in re.split(r"(\x01[^\x02]*\x02)", token) if p]
        words.append(tuple((p.strip("\x01\x02"), p.startswith("\x01")) for p in parts))
    return words


def article(src: Source, layout: Layout) -> tuple[Article, list[Sentence], list[str]]:
    """The article to typeset in `layout`, its gold sentences and its headings."""
    art = Article(title=printable(src.title), authors="A. Author, B. Author and C. Author")
    gold: list[Sentence] = []
    headings: list[str] = []
    for item in src.items:
        if item[0] == "heading":
            art.blocks.append(Block("heading", plain(item[1])))
            headings.append(item[1])
        elif item[0] == "paragraph":
            words: list[Word] = []
            for segs, keys, refs in item[1]:
                sw = cited_words(segs, layout.superscript)
                gold.append(Sentence(sw, keys, refs))
                words.extend(sw)
            art.blocks.append(Block("paragraph", words))
        else:
            art.blocks.append(Block("reference", plain(item[2]), label=layout.ref_label.format(n=item[1])))
    return art, gold, headings


def build_pdf(src: Source, layout: Layout, path: Path) -> tuple[Path, list[Sentence], list[str]]:
    from synth import write_pdf
    from typeset import typeset

    art, gold, headings = article(src, layout)
    return write_pdf(path, typeset(art, layout)), gold, headings


def _in_order(positions: list[int]) -> int:
    """Length of the longest increasing run-with-gaps (LIS) of the positions."""
    import bisect

    tails: list[int] = []
    for p in positions:
        k = bisect.bisect_left(tails, p)
        tails[k:k + 1] = [p]
    return len(tails)


def _ws(text: str) -> str:
    return " ".join(text.split())


def score(truth: Document, gold: list[Sentence], headings: list[str], doc: Document) -> dict:
    """How the PDF path's Document `doc` compares with the text path (`truth`, `gold`)."""
    body_end = doc.references_span[0] if doc.references_span else len(doc.text)
    flat = _ws(doc.text)
    norm = normalise(doc.text)
    texts = [render(s.words) for s in gold]
    verbatim = sum(_ws(t) in flat for t in texts)
    found = [find_sentence(t, doc.text, norm) for t in texts]
    positions = [f.start for f in found if f is not None]
    gold_words = " ".join(texts).split()
    pdf_words = doc.text[:body_end].split()
    words = difflib.SequenceMatcher(None, gold_words, pdf_words, autojunk=False).ratio()
    items = [GoldSentence(doc=doc.id, sentence=t, keys=s.keys, refs=s.refs) for t, s in zip(texts, gold) if s.keys]
    cites = score_document(items, doc.text, doc.citations)
    want = {r.key: _ws(printable(r.text)) for r in truth.references}
    got = {r.key: _ws(r.text) for r in doc.references}
    titles = {_ws(s.title) for s in doc.sections}
    return {
        "sentences": len(texts),
        "verbatim": verbatim / len(texts),
        "located": len(positions) / len(texts),
        "in_order": _in_order(positions) / len(positions) if positions else 0.0,
        "words": words,
        "cite_pairs": cites.tp + cites.fn + cites.unlocated_keys,
        "cite_recall": cites.strict_recall,
        "cite_precision": cites.precision,
        "links": cites.linking_accuracy,
        "refs_expected": len(want),
        "refs_parsed": len(got),
        "refs_exact": sum(got.get(k) == v for k, v in want.items()),
        "headings": len(headings),
        "headings_found": sum(_ws(h) in titles for h in headings),
        "sections": len(doc.sections),
        "style": doc.citation_style,
        "errors": {
            "unfound": [t[:100] for t, f in zip(texts, found) if f is None][:20],
            "not_verbatim": [t[:100] for t, f in zip(texts, found) if f is not None and _ws(t) not in flat][:20],
            "citations": [e.model_dump() for e in cites.errors][:20],
            "headings_missing": [h for h in headings if _ws(h) not in titles],
            "refs_wrong": [(k, v[:80], (got.get(k) or "")[:80]) for k, v in want.items() if got.get(k) != v][:10],
        },
    }
