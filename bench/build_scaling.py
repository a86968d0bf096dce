"""Build cost against corpus size: `qa index` of a research-paper library at several sizes.

Usage: python bench/build_scaling.py [--copies 1,3,7] [--quick] [--modes fp32/sentence,int8/late] [--name N]
       (--quick: --copies 1,2; a mode is encoder_precision/unit_embedding, see qa/settings.py,
       optionally @W for W encoder workers (QA_ENCODE_WORKERS; default one per core), e.g.
       fp32/sentence@1,fp32/sentence compares one session on both cores with one batch per core;
       the result goes to bench/results/<N>.json, default build_scaling)

The library is made of real text: the ten PDFs of ../shared/pdfs read by qa's layout reader
(as `qa add` reads them) and the three seed reviews, 13 documents of ~880 passages. `--copies
k` holds k variants of each. A variant is not a verbatim copy (the embedding cache and any
de-duplication would then make the bench meaningless): in every copy after the first, 40% of
the document's distinct lowercase words of four letters or more are each replaced, everywhere
in that copy, by another word of the same document (a consistent substitution, seeded by the
copy number), so nearly every sentence and passage differs while lengths, layout, headings,
citations and reference lists stay those of real papers. k = 7 gives ~6k passages, the size of
the issue's 77-paper library.

Each build runs `qa.index.build.build` in a fresh interpreter into an empty index folder (no
embedding cache, the ONNX export included: `_common.cold_env`, since a user's cached export and
the project index's vectors would otherwise be reused), timing its stages from its progress messages, and
reports its peak RSS (getrusage ru_maxrss), its export child's, and the peak of both at once
(the build's and its children's RSS summed every 50 ms: the export runs beside ingestion).
Linear cost shows as a constant seconds per 1,000 passages across sizes (ratio to the smallest
size near 1); a library under 6,000 passages is projected linearly to 6,000 for the time check.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sys
import tempfile
from pathlib import Path

from _common import ROOT, cold_env, table, timed_run, write_result

PDF_DIR = next((d for d in (ROOT.parent / "shared" / "pdfs", ROOT.parent.parent / "shared" / "pdfs") if d.is_dir()),
               ROOT.parent / "shared" / "pdfs")
TARGET_S, TARGET_RSS_MB, TARGET_PASSAGES = 180.0, 1536.0, 6000
WORD_RE = re.compile(r"\b[a-z]{4,}\b")

BUILD_PROBE = r"""
import json, os, resource, sys, threading, time
t0 = time.perf_counter()
from pathlib import Path
def tree_rss_kb(pid=os.getpid()):
    # resident KB of pid and its descendants (the export child runs beside ingestion)
    total = 0
    try:
        total = next(int(l.split()[1]) for l in open(f"/proc/{pid}/status") if l.startswith("VmRSS:"))
        for task in os.listdir(f"/proc/{pid}/task"):
            for child in open(f"/proc/{pid}/task/{task}/children").read().split():
                total += tree_rss_kb(int(child))
    except (OSError, StopIteration, ValueError):
        pass
    return total
tree_peak = [0]
def sample():
    while True:
        tree_peak[0] = max(tree_peak[0], tree_rss_kb())
        time.sleep(0.05)
threading.Thread(target=sample, daemon=True).start()
from qa.index.build import build
from qa.settings import Settings
marks = [("import qa.index", time.perf_counter())]
def progress(fraction, message):
    marks.append((message, time.perf_counter()))
final = build(Settings.from_env(corpus_dir=Path(sys.argv[1]), index_dir=Path(sys.argv[2])), progress)
marks.append(("done", time.perf_counter()))
stages = [[m, round(t1 - t, 3)] for (m, t), (_, t1) in zip(marks, marks[1:])]
manifest = json.loads((final / "manifest.json").read_text())
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"stages": stages, "total": round(marks[-1][1] - t0, 3), "counts": manifest["counts"],
                  "peak_rss_mb": round(me.ru_maxrss / 1024, 1), "child_peak_rss_mb": round(kids.ru_maxrss / 1024, 1),
                  "tree_peak_rss_mb": round(tree_peak[0] / 1024, 1),
                  "cpu_s": round(me.ru_utime + me.ru_stime, 1), "child_cpu_s": round(kids.ru_utime + kids.ru_stime, 1)}))
"""

STAGES = (  # progress-message prefix -> the stage that runs until the next message
    ("import", "imports + model check"), ("reading", "ingest (read, clean, passages; a needed ONNX export runs beside it)"),
    ("preparing", "ONNX export (torch import; 0 when it ran beside ingestion)"), ("exported", "other"), ("reused", "other"),
    ("embedding answer", "embed answer units + BM25 tokens"), ("embedding", "embed passages (and answer units)"),
    ("answer units pooled", "BM25 tokens (late: units pooled with the passages)"),
    ("passages and answer units", "BM25 tokens"),
    ("writing", "write BM25, stores, FAISS, studies"), ("publishing", "publish"), ("index ready", "other"),
    ("", "answer units + cache lookup"),  # after the "N documents, M passages" message
)


def stage_name(message: str) -> str:
    return next(name for prefix, name in STAGES if message.startswith(prefix))


def sources() -> list[tuple[str, str]]:
    """(name, text) of the ten PDFs (layout reader) and the three seed reviews."""
    from qa.ingest.pdf import read_pdf

    texts = [(p.stem, read_pdf(p).text) for p in sorted(PDF_DIR.glob("*.pdf"))]
    return texts + [(p.stem, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "corpus").glob("*.txt"))]


def variant(text: str, copy: int) -> str:
    """The text with a consistent substitution of 40% of its distinct long lowercase words."""
    if copy == 0:
        return text
    words = sorted(set(WORD_RE.findall(text)))
    rng = random.Random(copy)
    chosen = rng.sample(words, int(0.4 * len(words)))
    mapping = dict(zip(chosen, rng.sample(words, len(chosen))))
    return WORD_RE.sub(lambda m: mapping.get(m.group(0), m.group(0)), text)


def make_corpus(folder: Path, copies: int, texts: list[tuple[str, str]]) -> None:
    folder.mkdir(parents=True)
    entries = []
    for k in range(copies):
        for i, (name, text) in enumerate(texts):
            doc_id = f"c{k}-d{i:02d}"
            (folder / f"{doc_id}.txt").write_text(variant(text, k), encoding="utf-8")
            entries.append(f'[[documents]]\nid = "{doc_id}"\nfile = "{doc_id}.txt"\ntitle = "{name} (variant {k})"\n'
                           f'citation_style = "auto"\n')
    (folder / "manifest.toml").write_text("\n".join(entries), encoding="utf-8")
    shutil.copy(ROOT / "corpus" / "synonyms.toml", folder / "synonyms.toml")


def run(copies: int, texts: list[tuple[str, str]], env: dict[str, str], mode: str = "fp32/sentence") -> dict:
    with tempfile.TemporaryDirectory(prefix="qa-bench-scaling-") as tmp:
        corpus, index = Path(tmp) / "corpus", Path(tmp) / "index"
        make_corpus(corpus, copies, texts)
        encoder, _, workers = mode.partition("@")
        precision, units = encoder.split("/")
        env = {**env, "QA_ENCODER_PRECISION": precision, "QA_UNIT_EMBEDDING": units}
        if workers:
            env["QA_ENCODE_WORKERS"] = workers
        else:
            env.pop("QA_ENCODE_WORKERS", None)
        env = cold_env(str(Path(tmp) / "export-cache"), env)  # the export and every vector made anew
        wall, result = timed_run([sys.executable, "-c", BUILD_PROBE, str(corpus), str(index)], env)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    stages: dict[str, float] = {}
    for message, seconds in report["stages"]:
        name = stage_name(message)
        stages[name] = round(stages.get(name, 0.0) + seconds, 2)
    return {"copies": copies, "mode": mode, "documents": report["counts"]["documents"], "passages": report["counts"]["passages"],
            "answer_units": report["counts"]["answer_units"], "wall_s": round(wall, 1),
            "peak_rss_mb": report["peak_rss_mb"], "export_child_peak_rss_mb": report["child_peak_rss_mb"],
            "tree_peak_rss_mb": report["tree_peak_rss_mb"],
            "cpu_s": report["cpu_s"], "export_child_cpu_s": report["child_cpu_s"],
            "loadavg_1m_after": round(os.getloadavg()[0], 2), "stages_s": stages}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", default="1,3,7", help="comma-separated variants per document")
    parser.add_argument("--quick", action="store_true", help="--copies 1,2")
    parser.add_argument("--modes", default="fp32/sentence",
                        help="comma-separated encoder_precision/unit_embedding pairs, each size built in each")
    parser.add_argument("--name", default="build_scaling", help="result file name in bench/results/")
    args = parser.parse_args()
    modes = args.modes.split(",")
    for mode in modes:
        encoder, _, workers = mode.partition("@")
        if (encoder.count("/") != 1 or encoder.split("/")[0] not in ("fp32", "int8")
                or encoder.split("/")[1] not in ("sentence", "late") or (workers and not workers.isdigit())):
            parser.error(f"bad mode {mode!r}: use fp32|int8 / sentence|late [@workers], e.g. int8/late or fp32/sentence@1")
    sizes = [1, 2] if args.quick else [int(c) for c in args.copies.split(",")]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "PYTHONPATH": str(ROOT)}
    texts = sources()
    rows = []
    for copies in sizes:
        for mode in modes:
            rows.append(run(copies, texts, env, mode))
            r = rows[-1]
            print(f"{copies} copies {mode}: {r['passages']} passages, {r['wall_s']} s, CPU {r['cpu_s']} s, "
                  f"{r['peak_rss_mb']} MB", file=sys.stderr, flush=True)
    base = {m: next(r for r in rows if r["mode"] == m) for m in modes}
    per_k = lambda r, s: s / (r["passages"] / 1000)
    # what grows with the corpus: everything but the fixed start-up (imports, model, export)
    fixed = ("imports + model check", "ONNX export (torch import)")
    variable = lambda r: sum(v for k, v in r["stages_s"].items() if k not in fixed)
    print(f"\nqa index of the paper library, fresh process, empty index folder (load average "
          f"{os.getloadavg()[0]:.2f})\n")
    print(table(["copies", "mode", "docs", "passages", "units", "wall s", "CPU s (build + export)",
                 "peak RSS MB (build / export / both at once)",
                 "corpus-dependent s", "s per 1k passages", "ratio to smallest"],
                [[r["copies"], r["mode"], r["documents"], r["passages"], r["answer_units"], r["wall_s"],
                  f"{r['cpu_s']} + {r['export_child_cpu_s']}", f"{r['peak_rss_mb']} / {r['export_child_peak_rss_mb']} / {r['tree_peak_rss_mb']}",
                  round(variable(r), 1), round(per_k(r, variable(r)), 2),
                  round(per_k(r, variable(r)) / per_k(base[r["mode"]], variable(base[r["mode"]])), 2)] for r in rows]))
    names = list(dict.fromkeys(k for r in rows for k in r["stages_s"]))
    print("\nstages, seconds (and per 1k passages)\n")
    print(table(["stage", *[f"{r['passages']} p {r['mode']}" for r in rows], *[f"/1k @{r['passages']} {r['mode']}" for r in rows]],
                [[n, *[r["stages_s"].get(n, 0.0) for r in rows],
                  *[round(per_k(r, r["stages_s"].get(n, 0.0)), 2) for r in rows]] for n in names]))
    checks = {}
    big = [r for r in rows if r["passages"] >= 0.85 * TARGET_PASSAGES]
    for r in big:
        # a library a little smaller than the is projected to its size: the fixed start-up
        # plus the corpus-dependent stages scaled linearly (linearity is what the sizes above show)
        scale = max(1.0, TARGET_PASSAGES / r["passages"])
        r["projected_wall_s"] = round(r["wall_s"] - variable(r) + variable(r) * scale, 1)
        print(f"{r['mode']}: {r['wall_s']} s at {r['passages']} passages -> {r['projected_wall_s']} s "
              f"projected to {TARGET_PASSAGES} passages")
        checks.update({f"{r['mode']}: {TARGET_PASSAGES} passages <= {TARGET_S:.0f} s": r["projected_wall_s"] <= TARGET_S,
                       f"{r['mode']}: peak RSS <= {TARGET_RSS_MB:.0f} MB": max(
                           r["peak_rss_mb"], r["export_child_peak_rss_mb"], r["tree_peak_rss_mb"]) <= TARGET_RSS_MB})
    if big:
        print("\nchecks: " + "  ".join(f"{k}: {'PASS' if v else 'MISS'}" for k, v in checks.items()))
    path = write_result(args.name, {"sizes": rows, "checks": checks, "modes": modes})
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
