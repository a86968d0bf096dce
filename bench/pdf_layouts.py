"""Round trip of known articles through synthetic reportlab layouts (bench/layouts.py): each
variant is rendered to a PDF, read back with `qa.ingest.pdf.read_pdf`, and added to a fresh
corpus as `qa add` adds it (`plan_add` + `write_added`, then `ingest_corpus` on that corpus),
and scored against the exact gold of what was printed.

    python bench/pdf_layouts.py [--quick] [--keep DIR] [--only v03 v06] [--examples N]

Columns:
  exact    gold body sentences found verbatim in the read text (whitespace collapsed,
           superscript digits read as digits; nothing else normalised: a ligature character
           or a lost hyphen counts as a miss)
  loose    found on letters and digits only (NFKC, case-folded): the text is there, spelled otherwise
  words    difflib ratio of the body's words (read text up to the reference list vs gold)
  order    sections whose first sentence is found appear in gold order (longest increasing run / found)
  leaks    running header / footer / page-number strings found inside the body text (count of
           lines of the read body that are exactly, or begin or end with, a furniture string)
  cite R/P (sentence, key) pairs: gold keys of exact-found sentences vs the keys of citations qa
           found inside them in the ingested document (passages' citations)
  link     cited keys (found and right) whose linked entry is the gold entry for that key
  refs     reference entries parsed with the gold text exactly / gold count (parsed count)
  heads    gold headings that are a passage section (exact; loose in brackets: case and
           numbering aside)
  caps     figure captions that are passages of their own (by design: a legend is quoted under
           its 'Figure N' section, `Span.section`)
  abs      abstract sentences found verbatim in the read text
"""
from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from layouts import Gold, render, variants  # noqa: E402

_SUP = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789–+")  # a raised range dash read as '⁻' counts as '–'



def norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).translate(_SUP).replace("\u00ad", "")).strip()


def loose(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).casefold() if ch.isalnum())


def norm_with_map(text: str) -> tuple[str, list[int]]:
    """norm(text) and, for each of its characters, the offset in `text`."""
    out, where, space = [], [], False
    for i, ch in enumerate(text):
        ch = ch.translate(_SUP)
        if ch == "\u00ad":
            continue
        if ch.isspace():
            if out and not space:
                out.append(" ")
                where.append(i)
            space = True
            continue
        space = False
        out.append(ch)
        where.append(i)
    return "".join(out), where


def body_of(text: str) -> str:
    """The read text before its reference list heading (the last one)."""
    heads = list(re.finditer(r"(?mi)^#?\s*references\s*$", text))
    return text[:heads[-1].start()] if heads else text


def lis(seq: list[int]) -> int:
    import bisect
    tails: list[int] = []
    for x in seq:
        i = bisect.bisect_left(tails, x)
        tails[i:i + 1] = [x]
    return len(tails)


def add_like_qa(pdf_path: Path, work: Path, doc_id: str):
    """A fresh corpus (one placeholder text), the PDF added as `qa add` adds it, then ingested."""
    from qa.ingest.library import plan_add, write_added
    from qa.ingest.pipeline import ingest_corpus

    corpus = work / f"corpus-{doc_id}"
    corpus.mkdir(parents=True, exist_ok=True)
    (corpus / "placeholder.txt").write_text(
        "Placeholder.\n\nThis corpus holds one synthetic article added by the layout benchmark. " * 3, encoding="utf-8")
    (corpus / "manifest.toml").write_text('[[documents]]\nid = "placeholder"\nfile = "placeholder.txt"\n'
                                          'citation_style = "none"\n', encoding="utf-8")
    plan = plan_add([pdf_path], corpus, doc_id=doc_id)
    if plan.errors:
        raise RuntimeError("; ".join(plan.errors))
    write_added(plan.ready, corpus)
    result = ingest_corpus(corpus_dir=corpus)
    doc = result.document(doc_id)
    passages = [p for p in result.passages if p.doc_id == doc_id]
    return plan.ready[0], doc, passages


def score(gold: Gold, read_text: str, doc, passages, examples: list) -> dict:
    body_read = body_of(read_text)
    nread = norm(read_text)
    lread = loose(read_text)
    # (a) fidelity
    exact = [norm(s.text) in nread for s in gold.sentences]
    looseok = [loose(s.text) in lread for s in gold.sentences]
    for s, e, lo in zip(gold.sentences, exact, looseok):
        if not e:
            examples.append({"kind": "sentence " + ("spelled otherwise" if lo else "not found"), "gold": s.text,
                             "read": _nearest(s.text, read_text)})
    by_section: dict[str, list[str]] = {}
    for s in gold.sentences:
        by_section.setdefault(s.section, []).append(s.text)
    gold_words = " ".join([*(s.text for s in gold.abstract),
                           *(t for h in gold.headings for t in [h, *by_section.get(h, [])]),
                           *gold.captions]).translate(_SUP).split()
    read_words = body_read.translate(_SUP).split()
    words = difflib.SequenceMatcher(None, gold_words, read_words, autojunk=False).ratio()
    # (b) order of sections: position of each section's first sentence found
    firsts: dict[str, int] = {}
    for s in gold.sentences:
        if s.section in firsts:
            continue
        pos = nread.find(norm(s.text))
        if pos >= 0:
            firsts[s.section] = pos
    positions = [firsts[h] for h in gold.headings if h in firsts]
    order = lis(positions) / len(positions) if positions else 0.0
    # sentence order overall
    pos_all = [nread.find(norm(s.text)) for s in gold.sentences]
    pos_all = [p for p in pos_all if p >= 0]
    sent_order = lis(pos_all) / len(pos_all) if pos_all else 0.0
    # (c) furniture leaks in the body
    leaks = []
    for line in body_read.splitlines():
        ln = norm(line)
        if not ln:
            continue
        for f in gold.furniture:
            f = norm(f)
            if ln == f or (len(f) > 3 and (ln.startswith(f + " ") or ln.endswith(" " + f) or f" {f} " in f" {ln} ")) \
                    or (f.isdigit() is False and f.startswith("Page") and f in ln):
                leaks.append((f, line.strip()[:120]))
                break
    if re.search(r"(?<![\w.])(?:Page \d+)(?!\w)", body_read):
        pass
    for f, line in leaks[:3]:
        examples.append({"kind": "furniture leak", "gold": f, "read": line})
    # (d) citations: locate gold sentences in the ingested document text
    dtext, dmap = norm_with_map(doc.text)
    cites = sorted({(c.start, c.end, c.key, c.reference or "") for p in passages for c in p.citations})
    tp = fn = fp = linked_ok = linked_n = 0
    for s in gold.sentences:
        i = dtext.find(norm(s.text))
        if i < 0:
            continue
        start, end = dmap[i], dmap[i + len(norm(s.text)) - 1] + 1
        found = [(k, r) for (a, b, k, r) in cites if start <= a < end]
        gold_keys = {gold.key_of[k] for k in s.keys}
        got = {k for k, _ in found}
        gold_l = {k.lower() for k in gold_keys}
        got_l = {k.lower() for k in got}
        tp += len(gold_l & got_l)
        fn += len(gold_l - got_l)
        fp += len(got_l - gold_l)
        if gold_l - got_l or got_l - gold_l:
            examples.append({"kind": "citation keys", "gold": f"{s.text}  => {sorted(gold_keys)}",
                             "read": f"{sorted(got)}"})
        for k, ref in found:
            if k.lower() in gold_l:
                gk = next(g for g in gold_keys if g.lower() == k.lower())
                linked_n += 1
                ok = norm(ref) == norm(gold.references[gk]) or (
                    ref and difflib.SequenceMatcher(None, norm(ref), norm(gold.references[gk])).ratio() > 0.97)
                linked_ok += bool(ok)
                if not ok:
                    examples.append({"kind": "citation link", "gold": f"{k} -> {gold.references[gk]}",
                                     "read": f"{k} -> {ref or None}"})
    # (e) references
    parsed = {r.key.lower(): r.text for r in doc.references}
    by_text = {norm(r.text) for r in doc.references}
    refs_exact = sum(norm(t) in by_text for t in gold.references.values())
    refs_keyed = sum(k.lower() in parsed and norm(parsed[k.lower()]) == norm(t) for k, t in gold.references.items())
    for k, t in gold.references.items():
        if norm(t) not in by_text:
            examples.append({"kind": "reference entry", "gold": f"{k}: {t}", "read": f"{parsed.get(k.lower())}"})
            break
    # (f) headings
    sections = {p.section for p in passages}
    heads_exact = sum(h in sections for h in gold.headings)

    def lh(h: str) -> str:
        return loose(re.sub(r"^\d+(\.\d+)*\.?\s+", "", h))
    lsections = {lh(s) for s in sections}
    heads_loose = sum(lh(h) in lsections for h in gold.headings)
    for h in gold.headings:
        if h not in sections:
            examples.append({"kind": "heading", "gold": h, "read": sorted(sections)[:12]})
            break
    caps = sum(any(loose(c)[:60] in loose(p.text) for p in passages) for c in gold.captions)
    abstract = sum(norm(s.text) in nread for s in gold.abstract)
    return {
        "sentences": len(gold.sentences), "exact": sum(exact) / len(exact), "loose": sum(looseok) / len(looseok),
        "words": words, "order": order, "sent_order": sent_order, "leaks": len(leaks),
        "cite_R": tp / (tp + fn) if tp + fn else None, "cite_P": tp / (tp + fp) if tp + fp else None,
        "cite_tp": tp, "cite_fn": fn, "cite_fp": fp,
        "link": linked_ok / linked_n if linked_n else None,
        "refs_exact": refs_exact, "refs_keyed": refs_keyed, "refs_gold": len(gold.references),
        "refs_parsed": len(doc.references), "heads_exact": heads_exact, "heads_loose": heads_loose,
        "heads": len(gold.headings), "caption_leaks": caps, "abstract": f"{abstract}/{len(gold.abstract)}",
        "style": doc.citation_style,
    }


def _nearest(sentence: str, text: str) -> str:
    """The stretch of `text` most like `sentence` (by a window over the words)."""
    words, target = text.split(), sentence.split()
    n = len(target)
    if not words:
        return ""
    anchor = target[min(3, n - 1)]
    best, best_r = "", 0.0
    for i, w in enumerate(words):
        if w != anchor and w != target[0]:
            continue
        lo = max(0, i - 5)
        cand = " ".join(words[lo:lo + n + 8])
        r = difflib.SequenceMatcher(None, sentence, cand).ratio()
        if r > best_r:
            best, best_r = cand, r
    return best


def fmt(v, pct=True) -> str:
    if v is None:
        return "-"
    return f"{v:.3f}" if isinstance(v, float) else str(v)


def table_lines(cols: list[str], table: list[list]) -> list[str]:
    """The header and rows of a figures table, each column as wide as its widest cell."""
    widths = [max(len(str(x[i])) for x in [cols, *table]) for i in range(len(cols))]
    return ["  ".join(str(x).ljust(w) for x, w in zip(line, widths)) for line in [cols, *table]]


def example_lines(all_examples: dict[str, list[dict]], per_kind: int, width: int) -> list[str]:
    """Up to `per_kind` examples of each kind of miss per variant, gold beside what was read."""
    lines = ["", "Examples (gold vs read), per variant and kind:"]
    for name, exs in all_examples.items():
        shown: dict[str, int] = {}
        for e in exs:
            if shown.get(e["kind"], 0) >= per_kind:
                continue
            shown[e["kind"]] = shown.get(e["kind"], 0) + 1
            lines.append(f"[{name}] {e['kind']}\n    gold: {str(e['gold'])[:width]}\n    read: {str(e['read'])[:width]}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="four variants instead of all")
    parser.add_argument("--keep", type=Path, help="keep PDFs, read texts, gold and examples here")
    parser.add_argument("--only", nargs="*", help="variant name prefixes")
    parser.add_argument("--examples", type=int, default=2, help="examples shown per failure kind and variant")
    args = parser.parse_args()
    from qa.ingest.pdf import read_pdf

    work = args.keep or Path(tempfile.mkdtemp(prefix="pdf-layouts-"))
    work.mkdir(parents=True, exist_ok=True)
    rows, all_examples = [], {}
    started = time.perf_counter()
    for layout, article in variants(args.quick):
        if args.only and not any(layout.name.startswith(o) for o in args.only):
            continue
        t0 = time.perf_counter()
        pdf_path = work / f"{layout.name}.pdf"
        gold = render(article, layout, pdf_path)
        pdf = read_pdf(pdf_path)
        _, doc, passages = add_like_qa(pdf_path, work, layout.name.split("_")[0])
        examples: list = []
        row = {"variant": layout.name, "article": article.name, "pages": gold.pages,
               **score(gold, pdf.text, doc, passages, examples), "seconds": round(time.perf_counter() - t0, 2)}
        rows.append(row)
        all_examples[layout.name] = examples
        if args.keep:
            (work / f"{layout.name}.read.txt").write_text(pdf.text, encoding="utf-8")
            (work / f"{layout.name}.doc.txt").write_text(doc.text, encoding="utf-8")
            (work / f"{layout.name}.gold.json").write_text(json.dumps(gold.__dict__, default=lambda o: o.__dict__,
                                                                      ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"{layout.name} done in {row['seconds']} s", file=sys.stderr)
    cols = ["variant", "pages", "exact", "loose", "words", "order", "sent_order", "leaks", "cite_R", "cite_P", "link",
            "refs", "heads", "caps", "abs", "style"]
    table = []
    for r in rows:
        refs = f"{r['refs_exact']}/{r['refs_gold']} ({r['refs_parsed']})"
        heads = f"{r['heads_exact']}/{r['heads']} ({r['heads_loose']})"
        table.append([r["variant"], r["pages"], fmt(r["exact"]), fmt(r["loose"]), fmt(r["words"]), fmt(r["order"]),
                      fmt(r["sent_order"]), r["leaks"], fmt(r["cite_R"]), fmt(r["cite_P"]), fmt(r["link"]), refs,
                      heads, r["caption_leaks"], r["abstract"], r["style"]])
    # overall: sentence-weighted means, pooled citation counts
    n = sum(r["sentences"] for r in rows)
    tp, fn, fp = (sum(r[k] for r in rows) for k in ("cite_tp", "cite_fn", "cite_fp"))
    overall = ["OVERALL", sum(r["pages"] for r in rows),
               fmt(sum(r["exact"] * r["sentences"] for r in rows) / n), fmt(sum(r["loose"] * r["sentences"] for r in rows) / n),
               fmt(sum(r["words"] for r in rows) / len(rows)), fmt(sum(r["order"] for r in rows) / len(rows)),
               fmt(sum(r["sent_order"] for r in rows) / len(rows)), sum(r["leaks"] for r in rows),
               fmt(tp / (tp + fn) if tp + fn else None), fmt(tp / (tp + fp) if tp + fp else None), "",
               f"{sum(r['refs_exact'] for r in rows)}/{sum(r['refs_gold'] for r in rows)}",
               f"{sum(r['heads_exact'] for r in rows)}/{sum(r['heads'] for r in rows)} ({sum(r['heads_loose'] for r in rows)})",
               sum(r["caption_leaks"] for r in rows), "", ""]
    table.append(overall)
    print("\n".join(table_lines(cols, table)))
    print(f"\n{len(rows)} variants in {time.perf_counter() - started:.1f} s; files in {work}")
    if args.examples:
        print("\n".join(example_lines(all_examples, args.examples, 300)))
    if args.keep:
        (work / "results.json").write_text(json.dumps({"rows": rows, "examples": all_examples}, ensure_ascii=False,
                                                      indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
