"""PDF ingestion speed: qa's layout reader (`qa.ingest.pdf.read_pdf`) on the ten dev PDFs, side
by side with PDFium's plain text extraction (`get_text_range`, what a text-only reader would do)
in the same run; pages/s for each, and where the layout reader's time goes.

    python bench/pdf_ingest.py [--quick] [--pdf-dir ../shared/pdfs]
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from _common import ROOT, table, write_result


def plain_text(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    n = 0
    for i in range(len(pdf)):
        n += len(pdf[i].get_textpage().get_text_range())
    return n


def stages(path: Path) -> dict[str, float]:
    """Seconds per stage of one read (glyphs, lines, the rest)."""
    from qa.ingest.pdf.chars import page_chars
    from qa.ingest.pdf.lines import make_lines
    from qa.ingest.pdf.reader import open_pdf, read_pdf

    pdf = open_pdf(path)
    t0 = time.perf_counter()
    chars = [page_chars(pdf[i], i) for i in range(len(pdf))]
    t1 = time.perf_counter()
    for c in chars:
        make_lines(c.chars, c.number)
    t2 = time.perf_counter()
    read_pdf(path)
    t3 = time.perf_counter()
    return {"glyphs": t1 - t0, "lines": t2 - t1, "whole_read": t3 - t2}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="one pass instead of three")
    from qa.settings import pdf_dir

    parser.add_argument("--pdf-dir", type=Path, default=pdf_dir())
    args = parser.parse_args()
    from qa.ingest.pdf import read_pdf

    pdfs = sorted(args.pdf_dir.glob("*.pdf"))
    if not pdfs:
        raise SystemExit(f"no PDFs in {args.pdf_dir}")
    passes = 1 if args.quick else 3
    rows, per_pdf = [], []
    total_pages = total_layout = total_plain = 0.0
    for path in pdfs:
        layout, plain = [], []
        for _ in range(passes):  # interleaved, so load changes hit both alike
            t = time.perf_counter()
            got = read_pdf(path)
            layout.append(time.perf_counter() - t)
            t = time.perf_counter()
            plain_text(path)
            plain.append(time.perf_counter() - t)
        lay, pla = min(layout), min(plain)
        total_pages += got.pages
        total_layout += lay
        total_plain += pla
        per_pdf.append({"pdf": path.name, "pages": got.pages, "layout_s": round(lay, 3), "plain_s": round(pla, 3),
                        "layout_pages_per_s": round(got.pages / lay, 2), "plain_pages_per_s": round(got.pages / pla, 2)})
        rows.append([path.stem[:30], got.pages, lay, got.pages / lay, pla, got.pages / pla, lay / pla])
    rows.append(["all", int(total_pages), total_layout, total_pages / total_layout, total_plain,
                 total_pages / total_plain, total_layout / total_plain])
    print(table(["pdf", "pages", "layout s", "layout p/s", "plain s", "plain p/s", "ratio"], rows))
    split = stages(pdfs[0])
    print(f"\nstages of {pdfs[0].name}: " + ", ".join(f"{k} {v:.2f} s" for k, v in split.items()))
    path = write_result("pdf_ingest", {
        "passes": passes, "pdfs": per_pdf,
        "total": {"pages": int(total_pages), "layout_s": round(total_layout, 2), "plain_s": round(total_plain, 2),
                  "layout_pages_per_s": round(total_pages / total_layout, 2),
                  "plain_pages_per_s": round(total_pages / total_plain, 2)},
        "stages_first_pdf": {k: round(v, 3) for k, v in split.items()},
    })
    print(f"\nwrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
