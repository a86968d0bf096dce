"""Tables through the synthetic layout round trip: each variant of bench/layout_tables.py (a
clinical-trial table in one article layout) is rendered with reportlab, read back with
`qa.ingest.pdf.read_pdf`, added as `qa add` adds it (bench/pdf_layouts.py `add_like_qa`) and
scored against the exact gold of the printed table.

    python bench/pdf_tables.py [--keep DIR] [--only t01 t05] [--examples N] [--out bench/results/pdf_tables]

Columns (rows = the table's gold body rows; a cell is compared with whitespace collapsed and
superscript digits as digits, 'loose' on letters and digits only):
  rows_tr   gold rows with a table_row passage holding all the row's cells and no other row's
            (another row's reference cell, or a long cell of its own) / gold rows
  rows_any  the same with any passage
  loose     rows_tr on letters and digits only (spacing, hyphens and joins aside)
  order     of the rows found (rows_tr or else loose), those whose cells appear in gold order
  head      (row, non-empty cell) pairs printed in the row passage as 'Header: value' with the
            gold header / pairs of the rows found (qa renders 'Phase: II')
  cap       table_row passages whose section or text carries the caption's title / table_row passages
  foot      table_row passages holding a footnote definition ('IV, intravenous') (pollution)
  around    the 2 body sentences before and 2 after the table found verbatim in the document text
  body      all gold body sentences found verbatim in the document text (the layout round trip's
            'exact'); body0 the same article and layout printed without the table (its baseline)
  swal      gold body sentences that qa put inside a table_row or table passage (swallowed)
  mixed     text passages (kind 'text') holding a distinctive cell (a reference cell or a cell
            of 12+ characters not in the body text): cells interleaved with the body
  cite      rows whose citation is found inside the row passage with the gold key / rows found
  link      of those, linked to the gold reference entry
  cite_any  rows whose reference cell is in some passage (any kind) that carries a citation with the
            row's gold key linked to its gold entry / rows (the citation survives, the row aside)
  read      reader stage (read_pdf's text, before the text pipeline): gold rows whose words are all
            in the read lines from the row's first line up to the next row's (recoverable in principle)
  fields    reader stage: rows whose first read line has as many ' | ' cells as the row has
            non-empty cells (each cell's first line is on the row's first baseline)
  npass     table_row passages made (gold rows in brackets); 'table' passages after a '+'
  pp        pages the table is printed on (two: it broke over a page)
"""
from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from layout_tables import VARIANTS, TableGold, render_variant  # noqa: E402
from pdf_layouts import add_like_qa, example_lines, loose, norm, table_lines  # noqa: E402


def _find_in_order(text: str, cells: list[str]) -> bool:
    pos = 0
    for c in cells:
        i = text.find(c, pos)
        if i < 0:
            return False
        pos = i + len(c)
    return True


def read_stage(t: TableGold, read_text: str, examples: list) -> tuple[float, float]:
    """Rows as read_pdf printed them: (rows whose cells are all in the row's lines, rows whose
    first line has one ' | ' cell per non-empty gold cell)."""
    lines = [norm(ln) for ln in read_text.splitlines()]
    firsts, at = [], 0
    for r in t.rows:
        cells = [norm(c) for c in r if c]
        j = next((k for k in range(at, len(lines)) if lines[k].startswith(cells[0].split()[0])
                  and all(c.split()[0] in lines[k] for c in cells[1:2])), None)
        firsts.append(j)
        if j is not None:
            at = j + 1
    whole = fields = 0
    for i, (r, j) in enumerate(zip(t.rows, firsts)):
        if j is None:
            examples.append({"kind": "read: row's first line not found", "gold": " | ".join(r), "read": None})
            continue
        nxt = next((k for k in firsts[i + 1:] if k is not None), min(j + 5, len(lines)))
        window = Counter(loose(w) for w in " ".join(lines[j:max(nxt, j + 1)]).split())
        cells = [c for c in r if c]
        ok = not Counter(loose(w) for c in cells for w in norm(c).split()) - window
        whole += ok
        n = len(lines[j].split(" | "))
        fields += n == len(cells)
        if n != len(cells):
            examples.append({"kind": f"read: {n} cells on the first line, {len(cells)} printed",
                             "gold": " | ".join(r), "read": " / ".join(lines[j:max(nxt, j + 1)])[:300]})
    return whole / len(t.rows), fields / len(t.rows)


def score(t: TableGold, gold, doc, passages, examples: list) -> dict:
    rows = [[norm(c) for c in r] for r in t.rows]
    lrows = [[loose(c) for c in r] for r in t.rows]
    body = norm(" ".join(s.text for s in gold.sentences))
    # a row's own distinctive cells: its reference cell, and long cells no other row prints
    distinct = []
    for i, r in enumerate(rows):
        others = {c for j, o in enumerate(rows) if j != i for c in o}
        own = {c for k, c in enumerate(r) if c and (k == t.ref_col or (len(c) >= 12 and c not in others))}
        distinct.append(own)
    tr = [p for p in passages if p.kind == "table_row"]
    ptexts = {p.id: norm(p.text) for p in passages}
    ltexts = {p.id: loose(p.text) for p in passages}

    def holds(p, i: int, lo: bool = False) -> bool:
        text = ltexts[p.id] if lo else ptexts[p.id]
        cells = lrows[i] if lo else rows[i]
        if not all(c in text for c in cells if c):
            return False
        foreign = {c for j in range(len(rows)) if j != i for c in distinct[j]} - set(rows[i])
        return not any((loose(c) if lo else c) in text for c in foreign)

    found_tr, found_any, found_loose, order, head_ok, head_n, cite_ok, link_ok = [], [], [], [], 0, 0, 0, 0
    for i, r in enumerate(rows):
        p_tr = next((p for p in tr if holds(p, i)), None)
        p_any = p_tr or next((p for p in passages if holds(p, i)), None)
        p_lo = next((p for p in tr if holds(p, i, lo=True)), None)
        found_tr.append(p_tr is not None)
        found_any.append(p_any is not None)
        found_loose.append(p_lo is not None)
        p = p_tr or p_lo
        if p is None:
            near = max(passages, key=lambda q: sum(c in ptexts[q.id] for c in r if c), default=None)
            examples.append({"kind": "row not recovered", "gold": " | ".join(t.rows[i]),
                             "read": f"[{near.kind}] {near.text[:400]}" if near else None})
            continue
        if p_tr is None:
            examples.append({"kind": "row only loose", "gold": " | ".join(t.rows[i]), "read": p.text[:400]})
        text = ptexts[p.id] if p_tr else ltexts[p.id]
        cells = [c for c in (r if p_tr else lrows[i]) if c]
        ok = _find_in_order(text, cells)
        order.append(ok)
        if not ok:
            examples.append({"kind": "cell order", "gold": " | ".join(t.rows[i]), "read": p.text[:400]})
        pairs = [(h, c) for h, c in zip(t.columns, t.rows[i]) if c]
        good = [f"{norm(h)}: {norm(c)}" in ptexts[p.id] for h, c in pairs]
        head_ok += sum(good)
        head_n += len(pairs)
        if not all(good):
            examples.append({"kind": "header association",
                             "gold": "; ".join(f"{h}: {c}" for h, c in pairs), "read": p.text[:400]})
        key = t.keys[i]
        hit = [c for c in p.citations if c.key == key]
        cite_ok += bool(hit)
        entry = t.references[key]
        link_ok += any(c.reference and difflib.SequenceMatcher(None, norm(c.reference), norm(entry)).ratio() > 0.97
                       for c in hit)
        if not hit:
            examples.append({"kind": "cell citation", "gold": f"{t.rows[i][t.ref_col]} -> key {key}",
                             "read": [(c.label, c.key) for c in p.citations]})
    title = norm(t.caption.split(". ", 1)[1])
    cap = sum(title in norm(p.section) or title in ptexts[p.id] for p in tr)
    if tr and cap < len(tr):
        examples.append({"kind": "caption", "gold": t.caption, "read": sorted({p.section for p in tr})[:4]})
    defs = [norm(d) for d in t.footnote.rstrip(".").split("; ")]
    foot = [p for p in tr if any(d in ptexts[p.id] for d in defs)]
    for p in foot[:1]:
        examples.append({"kind": "footnote in a row", "gold": t.footnote, "read": p.text[:400]})
    dtext = norm(doc.text)
    around = [s for s in t.before + t.after if norm(s) in dtext]
    for s in t.before + t.after:
        if norm(s) not in dtext:
            examples.append({"kind": "sentence around the table", "gold": s, "read": _nearest(s, doc.text)})
    body_ok = sum(norm(s.text) in dtext for s in gold.sentences)
    cells = {c for r in rows for k, c in enumerate(r) if c and (k == t.ref_col or len(c) >= 12) and c not in body}
    mixed = [p for p in passages if p.kind == "text" and any(c in ptexts[p.id] for c in cells)]
    tables = [p for p in passages if p.kind != "text"]
    swallowed = [s.text for s in gold.sentences if any(norm(s.text) in ptexts[p.id] for p in tables)]
    for s in swallowed[:1]:
        examples.append({"kind": "body sentence in a table passage", "gold": s,
                         "read": next(p.text[:400] for p in tables if norm(s) in ptexts[p.id])})
    for p in mixed[:2]:
        examples.append({"kind": "cells in body text", "gold": [c for c in cells if c in ptexts[p.id]][:4],
                         "read": p.text[:400]})
    cite_any = 0
    for i, r in enumerate(rows):
        ref = r[t.ref_col] if t.ref_col >= 0 else ""
        entry = norm(t.references[t.keys[i]])
        cite_any += any(ref and ref in ptexts[p.id] and any(
            c.key == t.keys[i] and c.reference and difflib.SequenceMatcher(None, norm(c.reference), entry).ratio() > 0.97
            for c in p.citations) for p in passages)
    n = len(rows)
    nfound = len(order)
    return {"rows": n, "rows_tr": sum(found_tr) / n, "rows_any": sum(found_any) / n, "loose": sum(found_loose) / n,
            "order": sum(order) / nfound if nfound else None, "head": head_ok / head_n if head_n else None,
            "cap": f"{cap}/{len(tr)}", "foot": len(foot), "around": f"{len(around)}/{len(t.before + t.after)}",
            "body": body_ok / len(gold.sentences), "mixed": len(mixed),
            "cite": cite_ok / nfound if nfound else None, "link": link_ok / nfound if nfound else None, "cite_any": cite_any / n,
            "swal": len(swallowed), "npass": f"{len(tr)} ({n})" + (f" +{len(tables) - len(tr)}" if len(tables) > len(tr)
                                                                 else ""),
            "tables": len(doc.tables), "pages": gold.pages, "pp": ",".join(map(str, t.pages))}


def _nearest(sentence: str, text: str) -> str:
    words = sentence.split()
    anchor = " ".join(words[:4])
    i = text.find(anchor)
    if i < 0:
        anchor = " ".join(words[-4:])
        i = max(0, text.find(anchor) - len(sentence))
        if text.find(anchor) < 0:
            return ""
    return text[i:i + len(sentence) + 80]


def _baseline(v, work: Path) -> float:
    """Body sentences found verbatim when the same article and layout are printed without the table."""
    path = work / f"{v.name}.notable.pdf"
    gold, _, _ = render_variant(v, path, table=False)
    _, doc, _ = add_like_qa(path, work, v.name.split("_")[0] + "base")
    dtext = norm(doc.text)
    return sum(norm(s.text) in dtext for s in gold.sentences) / len(gold.sentences)


def fmt(v) -> str:
    return "-" if v is None else f"{v:.2f}" if isinstance(v, float) else str(v)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--keep", type=Path, help="keep PDFs, read texts, doc texts and passages here")
    ap.add_argument("--only", nargs="*", help="variant name prefixes")
    ap.add_argument("--examples", type=int, default=2)
    ap.add_argument("--out", type=Path, help="write OUT.json and OUT.txt")
    args = ap.parse_args()
    from qa.ingest.pdf import read_pdf

    work = args.keep or Path(tempfile.mkdtemp(prefix="pdf-tables-"))
    work.mkdir(parents=True, exist_ok=True)
    results, all_examples, lines = [], {}, []
    started = time.perf_counter()
    for v in VARIANTS:
        if args.only and not any(v.name.startswith(o) for o in args.only):
            continue
        t0 = time.perf_counter()
        pdf_path = work / f"{v.name}.pdf"
        gold, tgold, _ = render_variant(v, pdf_path)
        pdf = read_pdf(pdf_path)
        _, doc, passages = add_like_qa(pdf_path, work, v.name.split("_")[0])
        examples: list = []
        read_rows, fields = read_stage(tgold, pdf.text, examples)
        row = {"variant": v.name, **score(tgold, gold, doc, passages, examples), "read": read_rows, "fields": fields,
               "body0": _baseline(v, work),
               "seconds": round(time.perf_counter() - t0, 2)}
        results.append(row)
        all_examples[v.name] = examples
        if args.keep:
            (work / f"{v.name}.read.txt").write_text(pdf.text, encoding="utf-8")
            (work / f"{v.name}.doc.txt").write_text(doc.text, encoding="utf-8")
            (work / f"{v.name}.passages.txt").write_text("\n\n".join(
                f"[{p.kind}] ({p.section}) {p.text}" for p in passages if p.kind != "text"), encoding="utf-8")
            (work / f"{v.name}.gold.json").write_text(json.dumps(tgold.__dict__, ensure_ascii=False, indent=1),
                                                      encoding="utf-8")
        print(f"{v.name} done in {row['seconds']} s", file=sys.stderr)
    cols = ["variant", "pp", "rows", "rows_tr", "rows_any", "loose", "order", "head", "cap", "foot", "around",
            "body", "body0", "swal", "mixed", "cite", "link", "cite_any", "npass", "read", "fields"]
    table = [[fmt(r[c]) if c != "variant" else r[c] for c in cols] for r in results]
    n = sum(r["rows"] for r in results)
    table.append(["OVERALL", "", str(n),
                  *(fmt(sum(r[c] * r["rows"] for r in results) / n) for c in ("rows_tr", "rows_any", "loose")),
                  "", "", "", str(sum(r["foot"] for r in results)), "", "", "", str(sum(r["swal"] for r in results)),
                  str(sum(r["mixed"] for r in results)), "", "", fmt(sum(r["cite_any"] * r["rows"] for r in results) / n), "",
                  *(fmt(sum(r[c] * r["rows"] for r in results) / n) for c in ("read", "fields"))])
    lines += table_lines(cols, table)
    lines.append(f"\n{len(results)} variants in {time.perf_counter() - started:.1f} s; files in {work}")
    if args.examples:
        lines += example_lines(all_examples, args.examples, 400)
    print("\n".join(lines))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.with_suffix(".txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        args.out.with_suffix(".json").write_text(json.dumps({"rows": results, "examples": all_examples},
                                                            ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
