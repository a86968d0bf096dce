"""Round-trip robustness of the PDF layout reader: each seed review, as the text path ingests
it, typeset into PDFs of layouts the reader was not tuned on (tests/ingest/pdf/typeset.py),
read as `qa add` reads them (qa.ingest.pdf.read_pdf, then the normal ingestion) and scored
against the text path (tests/ingest/pdf/roundtrip.py).

    python bench/pdf_roundtrip.py [--quick] [--only kim2013] [--layouts one_column superscript] [--keep DIR]

Columns: verbatim = text-path sentences found with the same characters (whitespace aside);
located = found on letters and digits; order = located sentences in order (longest increasing
run); words = difflib ratio of the body's words; cite R/P = (sentence, key) pairs against the
text path's (a sentence not found counts its keys as missed); links = cited keys linked to the
entry with the right first author; refs = reference entries parsed with the text path's text
exactly / expected; heads = headings that became sections / typeset.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, table, write_result

sys.path.insert(0, str(ROOT / "tests" / "ingest" / "pdf"))


def run(only: list[str] | None, layouts: list[str] | None, keep: Path | None) -> list[dict]:
    from roundtrip import build_pdf, score, source
    from typeset import LAYOUTS

    from qa.evaluation.pdf_citation_eval import ingest_text
    from qa.ingest.corpus import read_corpus
    from qa.ingest.pdf import read_pdf
    from qa.ingest.pipeline import ingest_document

    results = []
    folder = keep or Path(tempfile.mkdtemp(prefix="roundtrip-"))
    folder.mkdir(parents=True, exist_ok=True)
    for raw in read_corpus(ROOT / "corpus").documents:
        if only and raw.meta.id not in only:
            continue
        truth, _ = ingest_document(raw)
        src = source(truth)
        for name, layout in LAYOUTS.items():
            if layouts and name not in layouts:
                continue
            if layout.superscript and truth.citation_style not in ("numeric", "numeric_paren", "superscript"):
                continue  # raised numbers stand for numbered citations only
            started = time.perf_counter()
            path, gold, headings = build_pdf(src, layout, folder / f"{raw.meta.id}-{name}.pdf")
            pdf = read_pdf(path)
            doc = ingest_text(raw.meta.id, pdf.text)
            if keep:
                (folder / f"{raw.meta.id}-{name}.txt").write_text(pdf.text, encoding="utf-8")
            row = {"review": raw.meta.id, "layout": name, "pages": pdf.pages,
                   "seconds": round(time.perf_counter() - started, 2), **score(truth, gold, headings, doc)}
            results.append(row)
            print(f"{raw.meta.id:14s} {name:12s} done in {row['seconds']} s", file=sys.stderr)
    return results


def show(results: list[dict]) -> str:
    rows = []
    for r in results:
        links = "-" if r["links"] is None else f"{r['links']:.3f}"
        refs = f"{r['refs_exact']}/{r['refs_expected']}"
        if r["refs_parsed"] != r["refs_expected"]:
            refs += f" ({r['refs_parsed']})"
        rows.append([r["review"], r["layout"], r["pages"], r["verbatim"], r["located"], r["in_order"], r["words"],
                     r["cite_recall"], r["cite_precision"], links, refs, f"{r['headings_found']}/{r['headings']}"])
    return table(["review", "layout", "pp", "verbatim", "located", "order", "words", "cite R", "cite P", "links",
                  "refs", "heads"], rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="*", help="review ids (default: all three seeds)")
    parser.add_argument("--layouts", nargs="*", help="layout names (default: all)")
    parser.add_argument("--keep", type=Path, help="write the PDFs and their extracted text here")
    parser.add_argument("--name", default="pdf_roundtrip", help="result file name under bench/results")
    parser.add_argument("--quick", action="store_true", help="two reviews in the two two-column layouts")
    args = parser.parse_args()
    if args.quick:
        args.only = args.only or ["kim2013", "pmc3782548"]
        args.layouts = args.layouts or ["two_column", "superscript"]
    results = run(args.only, args.layouts, args.keep)
    print(show(results))
    path = write_result(args.name, {"results": results})
    print(f"\nwritten {path}")


if __name__ == "__main__":
    main()
