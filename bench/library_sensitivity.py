"""How much an unrelated change to the library moves the answers to questions about OTHER articles.

A user who adds, removes or re-reads one article should see no answer about another article change:
those answers read nothing of it. Every library-wide statistic (BM25's idf, the refusal's smoothed idf,
the candidates' z-scores, dense ranks) still moves with it. This script copies an evaluation library,
perturbs one document (`--drop DOC:N`: every Nth paragraph of DOC taken out; `--add FILE`: a document of
unrelated text added), builds the copy's index (the embedding cache of the original is copied, so only
the changed document is embedded), asks blind-dev rounds b1-b13 on both libraries and counts the records
of questions NOT about the perturbed document that flip: refused <-> answered, or a different first span.

    python bench/library_sensitivity.py --set pdfs --drop 10.1093_nar_gkae252:8 --alias nar --out /tmp/x.json

With `--features` it also prints, for each refusal flip, the refusal features on both libraries and
coefficient x change, the statistic that moved the decision. Never reads blind-test or rounds b14+.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROUNDS = {"b"} | {f"b{i}" for i in range(2, 14)}  # b1-b13: the rounds a mechanism may be chosen on


def in_rounds(qid: str) -> bool:
    return qid.split("-", 1)[0] in ROUNDS


def perturbed_corpus(source: Path, dest: Path, drop: str | None, add: str | None) -> str:
    """Copy `source` (a corpus folder) to `dest` with the change; returns the changed document's id."""
    dest.mkdir(parents=True, exist_ok=True)
    for f in source.iterdir():
        if f.is_file():
            shutil.copy2(f, dest / f.name)
    cache = source / "index" / ".cache"
    if not cache.is_dir() and (source.parent / "index" / ".cache").is_dir():
        cache = source.parent / "index" / ".cache"
    if cache.is_dir():
        shutil.copytree(cache, dest / "index" / ".cache", dirs_exist_ok=True)
    manifest = (dest / "manifest.toml").read_text(encoding="utf-8")
    if drop:
        doc, n = drop.rsplit(":", 1)
        m = re.search(rf'id = "{re.escape(doc)}"\nfile = "([^"]+)"', manifest)
        if not m:
            raise SystemExit(f"no document {doc!r} in {source}/manifest.toml")
        path = dest / m.group(1)
        paragraphs = path.read_text(encoding="utf-8").split("\n\n")
        body = [i for i, p in enumerate(paragraphs) if p.strip() and not p.lstrip().startswith("#")]
        gone = set(body[int(n) // 2::int(n)])
        path.write_text("\n\n".join(p for i, p in enumerate(paragraphs) if i not in gone), encoding="utf-8")
        print(f"{doc}: {len(gone)} of {len(body)} paragraphs taken out", file=sys.stderr)
        return doc
    assert add
    text = Path(add).read_text(encoding="utf-8")
    (dest / "added_unrelated.txt").write_text(text, encoding="utf-8")
    manifest += ('\n[[documents]]\nid = "added_unrelated"\nfile = "added_unrelated.txt"\n'
                 'title = "Added unrelated text"\ncitation_style = "auto"\n')
    (dest / "manifest.toml").write_text(manifest, encoding="utf-8")
    return "added_unrelated"


def record(answer) -> dict:
    span = answer.spans[0] if answer.spans else None
    return {"found": answer.found, "confidence": answer.confidence,
            "top": [span.doc_id, span.start, span.end] if span else None, "caution": bool(answer.caution)}


def ask_all(answerer, questions) -> dict[str, dict]:
    from qa.evaluation.evaluate import _context

    return {q.id: record(answerer.ask(q.question, k=10, **_context(q))) for q in questions}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=["seeds", "pdfs"], required=True)
    parser.add_argument("--drop", help="DOC:N, every Nth paragraph of DOC taken out")
    parser.add_argument("--add", help="a text file added to the library as a document of its own")
    parser.add_argument("--alias", action="append", default=[],
                        help="a short name of the changed document in question ids (unanswerable ones name no docs)")
    parser.add_argument("--out", help="write both libraries' records as JSON here")
    parser.add_argument("--base", help="records of the unchanged library (a previous --out) instead of asking again")
    parser.add_argument("--features", action="store_true", help="attribute each refusal flip to the features")
    args = parser.parse_args()
    if bool(args.drop) == bool(args.add):
        raise SystemExit("give one of --drop and --add")

    from qa.answer.answerer import Answerer
    from qa.evaluation.corpora import settings_for
    from qa.evaluation.evaluate import load_all

    questions = [q for q in load_all("blind-dev", args.set) if q.split == "blind-dev" and in_rounds(q.id)]
    settings = settings_for(args.set)
    work = Path(tempfile.mkdtemp(prefix="qa-sensitivity-"))
    changed = perturbed_corpus(Path(settings.corpus_dir), work / "corpus", args.drop, args.add)
    aliases = [changed, *args.alias]
    others = [q for q in questions if changed not in q.docs and not any(a in q.id for a in aliases)]
    original = Answerer(settings)
    base = json.loads(Path(args.base).read_text())["original"] if args.base else ask_all(original, others)
    perturbed = Answerer(settings.replace(corpus_dir=work / "corpus", index_dir=work / "corpus" / "index"))
    after = ask_all(perturbed, others)
    flips = {"refused->answered": [], "answered->refused": [], "top span": [], "caution": []}
    for q in others:
        a, b = base[q.id], after[q.id]
        if a["found"] != b["found"]:
            flips["answered->refused" if a["found"] else "refused->answered"].append(q.id)
        elif a["top"] != b["top"]:
            flips["top span"].append(q.id)
        elif a["caution"] != b["caution"]:
            flips["caution"].append(q.id)
    print(f"{len(others)} questions not about {changed}; flips: "
          + ", ".join(f"{k} {len(v)}" for k, v in flips.items()))
    for kind, ids in flips.items():
        for i in ids:
            print(f"  {kind}: {i} confidence {base[i]['confidence']} -> {after[i]['confidence']}")
    if args.features:
        from qa.answer.refusal import FEATURES
        from qa.evaluation.calibrate import features_of

        coefficients = original.settings.answer.refusal_coefficients
        by_id = {q.id: q for q in others}
        for i in flips["refused->answered"] + flips["answered->refused"]:
            fa, fb = features_of(original, by_id[i]), features_of(perturbed, by_id[i])
            if fa is None or fb is None:
                continue
            moved = sorted(((c * (y - x), n) for c, x, y, n in zip(coefficients, fa, fb, FEATURES)),
                           key=lambda t: -abs(t[0]))
            print(f"  {i}: " + ", ".join(f"{n} {d:+.3f}" for d, n in moved[:4] if abs(d) > 1e-4))
    if args.out:
        Path(args.out).write_text(json.dumps({"original": base, "perturbed": after, "flips": flips}, indent=1))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
