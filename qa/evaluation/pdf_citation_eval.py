"""Score citation detection and reference parsing on real articles against blind gold.

The gold (`evals/citation_gold_pdfs.jsonl`) was written by people who read the PDFs: sentence
records {doc, sentence, keys, refs} and reference records {doc, reference, key, first_author,
year, title_start, journal, doi}. Each article's text goes through the normal ingestion; each
gold sentence is found again in the cleaned text (letters and digits only, then words in order
with gaps, then a fuzzy alignment for the few characters extraction mangles, e.g. Greek letters
or primes), and the citation keys detected inside that span are compared with the gold keys.
Reference records check that an entry was parsed under the right key with its first author,
year and title.

Seven articles are for development; three (one per style family) are held out and only
reported, never tuned on.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, Field
from rapidfuzz import fuzz

from qa.evaluation.citation_eval import (
    CitationScores, GoldSentence, Located, canonical_key, find_sentence, merge_scores, normalise,
    score_document,
)
from qa.evaluation.metrics import prf
from qa.models import Document, DocumentMeta, Reference

HELD_OUT = ("10.1073_pnas.2322520121", "10.3390_cancers14194849", "10.7554_elife.91357.3")
FUZZY_MIN = 90.0
"""Least rapidfuzz alignment score (0-100) for a sentence found only approximately."""


class GoldReference(BaseModel):
    """One hand-checked reference entry."""

    doc: str = Field(description="Document id (PDF file stem).")
    key: str = Field(description="Citation key the entry answers to ('12' or 'Smith 2010').")
    first_author: str = Field(description="First author's surname as printed.")
    year: str | None = Field(default=None, description="Year as printed.")
    title_start: str | None = Field(default=None, description="First words of the title.")
    journal: str | None = Field(default=None, description="Journal as printed.")
    doi: str | None = Field(default=None, description="DOI when printed in the entry.")


class ReferenceScores(BaseModel):
    """How many gold entries were parsed under the right key, and with which fields right."""

    total: int = Field(default=0, description="Gold reference records.")
    keyed: int = Field(default=0, description="An entry exists under the gold key.")
    author: int = Field(default=0, description="... and its first author matches.")
    year: int = Field(default=0, description="... and its year matches.")
    title: int = Field(default=0, description="... and its title starts as in the gold.")
    doi: int = Field(default=0, description="Gold DOIs parsed exactly (of doi_total).")
    doi_total: int = Field(default=0, description="Gold records with a DOI.")
    errors: list[str] = Field(default_factory=list, description="What went wrong, per record.")

    @property
    def right(self) -> int:
        """Entries under the right key with first author, year and title right."""
        return self._right

    _right: int = 0

    def add(self, other: "ReferenceScores") -> None:
        for name in ("total", "keyed", "author", "year", "title", "doi", "doi_total"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self._right += other._right
        self.errors += other.errors

    @property
    def accuracy(self) -> float:
        return self._right / self.total if self.total else 0.0


def load_pdf_gold(path: Path | str) -> tuple[list[GoldSentence], list[GoldReference]]:
    sentences: list[GoldSentence] = []
    references: list[GoldReference] = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if record.get("reference"):
                references.append(GoldReference.model_validate(record))
            else:
                sentences.append(GoldSentence.model_validate(record))
        except ValueError as exc:
            raise ValueError(f"{path}:{number}: {exc}") from exc
    return sentences, references


def style_family(items: Iterable[GoldSentence]) -> str:
    """How the gold sentences print their citations: author_year, brackets, parentheses or
    superscript (read from the gold itself, so the detector's own guess is not trusted)."""
    votes = {"author_year": 0, "brackets": 0, "parentheses": 0, "superscript": 0}
    for item in items:
        if not item.keys:
            continue
        if not item.keys[0].isdigit():
            votes["author_year"] += 1
        elif re.search(r"\[\s*\d", item.sentence):
            votes["brackets"] += 1
        elif re.search(r"\(\s*\d{1,3}(?:\s*[,–—-]\s*\d{1,3})*\s*\)", item.sentence):
            votes["parentheses"] += 1
        else:
            votes["superscript"] += 1
    return max(votes, key=lambda k: votes[k])


def fuzzy_find(sentence: str, text: str, normalised: tuple[str, list[int]]) -> Located | None:
    """Exact / gapped search first; then the best rapidfuzz alignment on folded characters."""
    found = find_sentence(sentence, text, normalised)
    if found is not None:
        return found
    needle, _ = normalise(sentence)
    haystack, offsets = normalised
    if len(needle) < 20:
        return None
    hit = fuzz.partial_ratio_alignment(needle, haystack, score_cutoff=FUZZY_MIN)
    if hit is None:
        return None
    return Located(offsets[hit.dest_start], offsets[max(hit.dest_end - 1, hit.dest_start)] + 1, True)


def _located_scores(gold: list[GoldSentence], doc: Document) -> CitationScores:
    """score_document, with sentences that only a fuzzy alignment finds substituted in place."""
    normalised = normalise(doc.text)
    text = doc.text
    patched: list[GoldSentence] = []
    for item in gold:
        found = fuzzy_find(item.sentence, text, normalised)
        if found is not None and find_sentence(item.sentence, text, normalised) is None:
            # score on the aligned span itself (its own words), keeping the gold keys
            item = item.model_copy(update={"sentence": text[found.start:found.end]})
        patched.append(item)
    return score_document(patched, text, doc.citations)


def _surname_ok(reference: Reference, surname: str) -> bool:
    from qa.ingest.refparse import first_surname

    if not reference.authors:
        return False
    return normalise(first_surname(reference.authors[0]))[0] == normalise(surname)[0]


def score_references(gold: list[GoldReference], doc: Document) -> ReferenceScores:
    by_key = {canonical_key(r.key): r for r in doc.references}
    scores = ReferenceScores()
    for item in gold:
        scores.total += 1
        scores.doi_total += int(bool(item.doi))
        ref = by_key.get(canonical_key(item.key))
        if ref is None:
            scores.errors.append(f"{item.doc} {item.key}: no entry under this key")
            continue
        scores.keyed += 1
        author = _surname_ok(ref, item.first_author)
        year = item.year is None or str(ref.year) == item.year[:4]
        gold_title = normalise(item.title_start or "")[0]
        title = not gold_title or normalise(ref.title)[0].startswith(gold_title[:60])
        doi = bool(item.doi) and ref.doi.lower() == item.doi.lower()
        scores.author += author
        scores.year += year
        scores.title += title
        scores.doi += doi
        scores._right += author and year and title
        if not (author and year and title):
            scores.errors.append(f"{item.doc} {item.key}: authors {ref.authors[:1]} year {ref.year} "
                                 f"title {ref.title[:50]!r}")
    return scores


class ArticleResult(BaseModel):
    doc: str
    split: str = Field(description="'dev' or 'held_out'.")
    style: str = Field(description="Style family read from the gold.")
    detected_style: str = Field(description="Style the ingestion detected.")
    citations: CitationScores
    references: ReferenceScores
    seconds: float = 0.0


def ingest_text(doc_id: str, text: str) -> Document:
    """One article through the normal ingestion, style detected ('auto')."""
    from qa.ingest.corpus import RawDocument
    from qa.ingest.pipeline import ingest_document

    raw = RawDocument(meta=DocumentMeta(id=doc_id, file=f"{doc_id}.txt"), text=text, sha256="")
    return ingest_document(raw)[0]


def evaluate_articles(texts: dict[str, str], gold_path: Path | str) -> list[ArticleResult]:
    """Score every article in `texts` (doc id -> extracted text) that the gold covers."""
    import time

    sentences, references = load_pdf_gold(gold_path)
    results = []
    for doc_id in sorted(texts):
        gold_s = [s for s in sentences if s.doc == doc_id]
        gold_r = [r for r in references if r.doc == doc_id]
        if not gold_s and not gold_r:
            continue
        start = time.perf_counter()
        doc = ingest_text(doc_id, texts[doc_id])
        results.append(ArticleResult(
            doc=doc_id, split="held_out" if doc_id in HELD_OUT else "dev",
            style=style_family(gold_s), detected_style=doc.citation_style,
            citations=_located_scores(gold_s, doc), references=score_references(gold_r, doc),
            seconds=time.perf_counter() - start))
    return results


def summarise(results: list[ArticleResult]) -> dict[str, dict[str, float]]:
    """Micro-averaged P/R/F1 and reference accuracy per split, per style and per article."""
    groups: dict[str, list[ArticleResult]] = {}
    for r in results:
        groups.setdefault(r.doc, []).append(r)
        groups.setdefault(f"split:{r.split}", []).append(r)
        groups.setdefault(f"style:{r.style}" + ("" if r.split == "dev" else " (held out)"), []).append(r)
    table: dict[str, dict[str, float]] = {}
    for name, members in groups.items():
        c = merge_scores(m.citations for m in members)
        refs = ReferenceScores()
        for m in members:
            refs.add(m.references)
        p = prf(c.tp, c.fp, c.fn)
        table[name] = {"precision": p.precision, "recall": p.recall, "f1": p.f1,
                       "located": c.located, "sentences": c.sentences,
                       "refs_right": refs.accuracy, "refs_keyed": refs.keyed / refs.total if refs.total else 0.0,
                       "refs_total": refs.total}
    return table


def pdf_texts(pdf_dir: Path | str) -> dict[str, str]:
    """Plain pypdfium2 text of every PDF (pages joined as pdfium's own text dump does): the
    stand-in for what a user's pdftotext-like extraction hands the text path."""
    import pypdfium2 as pdfium

    texts = {}
    for path in sorted(Path(pdf_dir).glob("*.pdf")):
        pdf = pdfium.PdfDocument(str(path))
        try:
            pages = [page.get_textpage().get_text_range().replace("\r\n", "\n") for page in pdf]
        finally:
            pdf.close()
        texts[path.stem] = "\n\f\n".join(pages)
    return texts


def layout_texts(pdf_dir: Path | str) -> dict[str, str]:
    """Each PDF's body text as the layout reader gives it (what `qa add` ingests): Unicode
    superscripts for raised citations, running headers and front matter removed, columns in
    reading order, captions apart from the body."""
    from qa.ingest.pdf import read_pdf

    return {path.stem: read_pdf(path).text for path in sorted(Path(pdf_dir).glob("*.pdf"))}


READERS = {"layout": layout_texts, "text": pdf_texts}
"""How a folder of PDFs is read: 'layout' is what `qa add` does, 'text' a flat extraction."""


def _report(result: ArticleResult) -> dict:
    """An article's scores; a held-out article's without its error listing (only reported)."""
    if result.split == "dev":
        return result.model_dump()
    return result.model_dump(exclude={"citations": {"errors", "unlocated_sentences"},
                                      "references": {"errors"}})


def main(argv: list[str] | None = None) -> int:
    """`python -m qa.evaluation.pdf_citation_eval PDF_DIR|TEXT_DIR [--reader layout|text] [--gold F]
    [--json] [--errors]`"""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("source", help="folder of PDFs (read with pypdfium2) or of .txt files")
    parser.add_argument("--gold", default="evals/citation_gold_pdfs.jsonl")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--errors", action="store_true", help="list every error")
    parser.add_argument("--reader", choices=sorted(READERS), default="layout",
                        help="PDF reading: 'layout' (what `qa add` uses) or 'text' (flat pypdfium2 text)")
    parser.add_argument("--only", nargs="*", default=None, help="article ids (substrings)")
    args = parser.parse_args(argv)
    source = Path(args.source)
    if any(source.glob("*.pdf")):
        texts = READERS[args.reader](source)
    else:
        texts = {p.stem: p.read_text(encoding="utf-8", errors="replace") for p in source.glob("*.txt")}
    if args.only:
        texts = {k: v for k, v in texts.items() if any(o in k for o in args.only)}
    results = evaluate_articles(texts, args.gold)
    table = summarise(results)
    if args.json:
        print(json.dumps({"reader": args.reader, "articles": [_report(r) for r in results], "summary": table},
                         indent=1))
        return 0
    for name, row in table.items():
        print(f"{name:42s} P {row['precision']:.3f} R {row['recall']:.3f} F1 {row['f1']:.3f} "
              f"located {row['located']}/{row['sentences']}  refs {row['refs_right']:.3f} "
              f"(keyed {row['refs_keyed']:.3f} of {row['refs_total']})")
    for r in results:
        print(f"{r.doc}: {r.detected_style} ({r.style}) {r.seconds:.1f}s")
        if args.errors and r.split == "dev":  # held-out articles: scores only, never their errors
            for e in r.citations.errors:
                print(f"   {e.sentence[:70]!r} missing {e.missing} extra {e.extra}")
            for s in r.citations.unlocated_sentences:
                print(f"   unlocated {s!r}")
            for e in r.references.errors:
                print(f"   ref {e}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
