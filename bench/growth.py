"""Growth: the index at 10k / 100k (/ 1M, opt-in) passages, new path next to the old one.

Usage: python bench/growth.py [--quick] [--sizes 126,10000,100000] [--out PATH]   (1,000,000: --sizes 1000000)
       python bench/growth.py --sizes 126 --questions 10 --cold-runs 1 --no-ann --out PATH   (a check, ~20 s)
       python bench/growth.py --sizes 1000000 --keep DIR   (keep the grown index in DIR/<size>)
       python bench/growth.py --cold DIR/1000000            (cold `qa search` only, on a kept index)

`--keep` exists because a 1M index takes ~40 minutes to grow: the cold start, which needs an
idle machine to mean anything, can then be re-measured later without growing it again.

Each size runs in its own process (clean memory figures). Passages are the real index's,
replicated with noise so the statistics are not degenerate: every copy of a passage's
qa.index.analyzer tokens drops 10% of them, replaces 10% with tokens drawn from the corpus
unigram distribution and 3% with new pseudo-words (the vocabulary grows like Heaps' law),
and renumbers numbers; every copy of a passage's embedding is that vector plus half of another
random real passage's vector plus Gaussian noise (sigma 0.02 per dimension), renormalised
(distinct vectors: near-duplicate replicas of 126 vectors, used before, are HNSW's
degenerate worst case and not what a library of distinct articles looks like); every copy
of an answer unit's embedding gets the Gaussian noise alone.
The grown index is written by the real `qa.index.build.write_arrays` into a real build
folder with a real manifest, so the real CLI can answer from it. Measured, per size:
- warm: the real `Retriever.search` (hybrid, and bm25 / dense alone) over all evaluation
  questions, question vectors cached (encoding is a constant, reported apart);
- cold: `python -m qa search` in a fresh process against the grown index (median of 5);
- build: `write_arrays` (BM25 CSR, passage/unit stores, FAISS); embedding is extrapolated
  from the measured ONNX throughput (ingestion is not part of this bench);
- incremental add of one real document (its passages and answer units): embed it, read
  every other document's vectors and tokens from the real embedding cache, write the arrays;
- ANN: HNSW (the index's settings) recall@10 against exact flat search, and its latency, at
  several efSearch values;
- memory (RSS after load + warm queries; peak) and disk;
- old path (rank-bm25 BM25Okapi rebuilt from JSON tokens + pydantic passages in memory + flat
  FAISS), as the code before schema 2 did it, up to 100k.
The grown corpus is made and written by bench/growth_data.py, the old path is bench/growth_old_path.py.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, rss_mb, summary, table, write_result
from growth_data import grown_corpus, timed, write_grown
from growth_old_path import old_path

OLD_PATH_MAX = 100_000
COLD_RUNS = 5
EF_SEARCH = (32, 64, 128, 256, 512)
ADD_MAX = 100_000  # the incremental-add measurement rewrites every array: opt-in above (--add)


def cold_search(folder: Path, question: str) -> dict:
    """Median wall time of `python -m qa search` in a fresh process against the grown index."""
    cmd = [sys.executable, "-m", "qa", "search", question, "--k", "10", "--index-dir", str(folder)]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "PYTHONPATH": str(ROOT)}
    subprocess.run(cmd, cwd=ROOT, capture_output=True, env=env, check=True)  # untimed: warm the OS cache
    times = []
    for _ in range(COLD_RUNS):
        t = time.perf_counter()
        result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
        times.append(time.perf_counter() - t)
        if result.returncode != 0 or "rebuild" in result.stderr:
            raise RuntimeError(f"qa search failed on the grown index: {result.stderr[-500:]}")
    return summary(times)


def incremental_add(real, folder: Path, passages, units, vectors, unit_vectors, tokens, settings) -> dict:
    """Add one real document to the grown index the way `update` does (ingestion aside)."""
    import numpy as np

    from qa.index.analyzer import tokenize
    from qa.index.build import index_text, write_arrays
    from qa.index.embed_cache import EmbeddingCache
    from qa.index.export import encode_passages

    per_doc = max(1, len(real.passages) // len(real.doc_ids))  # rows per cached "document"
    cache = EmbeddingCache(folder / "cache-index", "growth-bench")
    starts = list(range(0, len(passages), per_doc))
    unit_ptr = np.searchsorted(np.array([u[0] for u in units]), starts + [len(passages)])
    for i, a in enumerate(starts):  # fill the cache as earlier builds would have (untimed)
        z = min(a + per_doc, len(passages))
        texts = [f"{a}:{r}" for r in range(a, z)]
        cache.put(cache.key(texts), np.concatenate([vectors[a:z], unit_vectors[unit_ptr[i]:unit_ptr[i + 1]]]), str(i))
        path = cache.folder / f"t{cache.key(texts)}.tokens.json"
        path.write_text(json.dumps(tokens[a:z]), encoding="utf-8")
    doc = real.doc_ids[0]
    rows = [r for r in range(len(real.passages)) if real.doc_of_row[r] == doc]
    new_texts = [index_text(real.passages[r]) for r in rows]
    new_units = [(r, s, e) for r in rows for _, s, e in real.sentences.spans(r)]
    unit_texts = [real.passages[r].text[s - real.passages[r].start:e - real.passages[r].start] for r, s, e in new_units]
    gc.collect()
    started = time.perf_counter()
    got_v, got_u, got_t = [], [], []
    for i, a in enumerate(starts):  # every unchanged document: vectors and tokens from the cache
        z = min(a + per_doc, len(passages))
        texts = [f"{a}:{r}" for r in range(a, z)]
        v = cache.get(cache.key(texts), (z - a) + int(unit_ptr[i + 1] - unit_ptr[i]), None)
        got_v.append(v[: z - a])
        got_u.append(v[z - a:])
        got_t.extend(json.loads((cache.folder / f"t{cache.key(texts)}.tokens.json").read_text(encoding="utf-8")))
    read_s = time.perf_counter() - started
    t = time.perf_counter()
    new_v = encode_passages(new_texts, real.build / "encoder")
    new_u = encode_passages(unit_texts, real.build / "encoder")
    new_tokens = [tokenize(x) for x in new_texts]
    embed_s = time.perf_counter() - t
    n = len(passages)
    all_passages = list(passages) + [real.passages[r].model_copy(update={"id": real.passages[r].id + "-new"}) for r in rows]
    all_units = list(units) + [(n + rows.index(r), s, e) for r, s, e in new_units]
    out = folder / "build-add"
    out.mkdir()
    t = time.perf_counter()
    made = write_arrays(out, all_passages, real.doc_ids, np.concatenate(got_v + [new_v]),
                        all_units, np.concatenate(got_u + [new_u.astype("float16")]), got_t + new_tokens, settings,
                        previous=folder / "index" / "build-growth")
    write_s = time.perf_counter() - t
    return {"passages_added": len(rows), "units_added": len(new_units),
            "read_cache_s": round(read_s, 2), "embed_new_s": round(embed_s, 2), "write_arrays_s": round(write_s, 2),
            "total_s": round(read_s + embed_s + write_s, 2), "dense_made": made}


def ann(vectors, qvecs, settings, built: Path | None = None) -> dict:
    """HNSW (the index's M / efConstruction) vs exact flat search on the grown passage vectors:
    recall@10 and latency by efSearch. `built`: the grown build's dense.faiss, used when it is
    an HNSW graph (above dense_exact_max; a graph of 1M vectors takes many minutes to build on
    2 cores, so it is built once, by write_arrays); below, a graph is built here."""
    import faiss
    import numpy as np

    from qa.index import dense

    queries = np.asarray(qvecs, dtype="float32")
    out = {"hnsw_m": settings.index.hnsw_m, "ef_construction": settings.index.hnsw_ef_construction}
    exact = dense.build_index(vectors, len(vectors), 1, 1)
    truth = [{r for r, _ in dense.search(exact, q, 10)} for q in queries]
    approx = build_s = None
    if built is not None and built.is_file():
        approx = faiss.read_index(str(built))
        approx = approx if dense.kind(approx) == "hnsw" else None
    if approx is None:
        faiss.omp_set_num_threads(os.cpu_count() or 1)  # building uses every core
        approx, build_s = timed(lambda: dense.build_index(vectors, 0, settings.index.hnsw_m,
                                                          settings.index.hnsw_ef_construction))
        faiss.omp_set_num_threads(1)  # searched one question at a time, as the query path does
    part = {"build_s": None if build_s is None else round(build_s, 1), "by_ef_search": {}}
    for ef in EF_SEARCH:
        got = [{r for r, _ in dense.search(approx, q, 10, ef_search=ef)} for q in queries]
        recall = sum(len(t & g) for t, g in zip(truth, got)) / (10 * len(queries))
        times = [timed(lambda: dense.search(approx, q, 100, ef_search=ef))[1] for q in queries]
        part["by_ef_search"][ef] = {"recall@10": round(recall, 4), "latency_ms": summary(times, 1000)}
    part["flat_latency_ms"] = summary([timed(lambda: dense.search(exact, q, 100))[1] for q in queries], 1000)
    out["mixtures"] = part
    return out


def probe(folder: Path, max_questions: int) -> dict:
    """In a fresh process: open the grown index as the CLI does, then warm latencies and RSS."""
    from qa.evaluation.evaluate import load_questions
    from qa.index.load import open_index
    from qa.retrieval.retriever import Retriever
    from qa.settings import Settings

    settings = Settings.from_env(index_dir=str(folder))
    rss_start = rss_mb()
    index, load_s = timed(lambda: open_index(settings, rebuild=False))
    retriever = Retriever(settings, index=index)
    questions = [q.question for q in load_questions(split="all")][:max_questions]
    parsed = [retriever.parse(q) for q in questions]
    encode = [timed(lambda: retriever.query_vector(q))[1] for q in parsed]  # cached from here on
    doc = index.doc_ids[0]
    depth = settings.retrieval.depth
    sides = {
        "bm25": lambda q: index.bm25.top(q.bm25_tokens, depth, weights=q.bm25_weights),
        "dense": lambda q: retriever.dense_ranking(q, depth, None),
        "hybrid": lambda q: retriever.search(q, k=10),
        "hybrid_doc_filter": lambda q: retriever.search(q, k=10, docs=[doc]),
    }
    for fn in sides.values():
        fn(parsed[0])
    times: dict[str, list[float]] = {name: [] for name in sides}
    for q in parsed:
        for name, fn in sides.items():
            times[name].append(timed(lambda: fn(q))[1])
    return {"load_s": round(load_s, 3), "dense_kind": index.manifest.get("dense", "flat"),
            "latency_ms": {name: summary(v, 1000) for name, v in times.items()},
            "encode_ms": summary(encode, 1000),
            "rss_mb": {"interpreter_and_imports": round(rss_start, 1), "after_load_and_queries": round(rss_mb(), 1)},
            "peak_rss_mb": round(_vm_hwm_mb(), 1)}


def _vm_hwm_mb() -> float:
    """This process's own peak RSS (VmHWM): ru_maxrss would report the builder's, since Linux
    keeps it across the fork/exec that started this probe."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_size(size: int, max_questions: int, with_ann: bool, with_add: bool, keep: Path | None = None) -> dict:
    """Everything for one corpus size (this process builds; a fresh one queries)."""
    import numpy as np

    from qa.evaluation.evaluate import load_questions
    from qa.index.encoder import OnnxQueryEncoder
    from qa.index.load import open_index
    from qa.retrieval.retriever import Retriever
    from qa.settings import Settings

    settings = Settings.from_env()
    real = open_index(settings)
    questions = [q.question for q in load_questions(split="all")][:max_questions]
    real_retriever = Retriever(settings, index=real)
    parsed = [real_retriever.parse(q) for q in questions]
    qvecs = [real_retriever.query_vector(q) for q in parsed]
    rng = np.random.default_rng(0)
    result: dict = {"passages": size, "questions": len(questions)}
    (passages, units, vectors, unit_vectors, tokens), grow_s = timed(lambda: grown_corpus(real, size, rng))
    result["grow_s"] = round(grow_s, 1)
    probe_texts = [p.text for p in list(real.passages)[:64]]
    _, s = timed(lambda: OnnxQueryEncoder(real.build / "encoder").encode(probe_texts))
    import faiss

    faiss.omp_set_num_threads(os.cpu_count() or 1)  # open_index set 1 (query path); a build uses every core
    with tempfile.TemporaryDirectory(prefix="qa-bench-growth-", dir=keep) as tmp:
        folder = Path(tmp) / "index"
        result["write"] = write_grown(real, folder, passages, units, vectors, unit_vectors, tokens, settings)
        result["answer_units"] = len(units)
        result["embed_all_s_extrapolated"] = round((len(passages) + len(units)) * s / len(probe_texts), 1)
        run = subprocess.run([sys.executable, __file__, "--probe", str(folder), "--questions", str(max_questions)],
                             cwd=ROOT, capture_output=True, text=True,
                             env={**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)})
        if run.returncode != 0:
            raise RuntimeError(f"probe failed: {run.stderr[-3000:]}")
        result.update(json.loads(run.stdout.strip().splitlines()[-1]))
        result["cold_search_s"] = cold_search(folder, questions[0])
        if with_add:
            result["incremental_add"] = incremental_add(real, Path(tmp), passages, units, vectors, unit_vectors,
                                                        tokens, settings)
        if with_ann and size >= 10_000:
            del unit_vectors, units  # memory for the ANN copies at 1M
            gc.collect()
            result["ann"] = ann(vectors, qvecs, settings, folder / "build-growth" / "dense.faiss")
        if size <= OLD_PATH_MAX:
            with tempfile.TemporaryDirectory(prefix="qa-bench-growth-old-") as old_tmp:
                files = Path(old_tmp) / "bm25.tokens.json", Path(old_tmp) / "passages.jsonl"
                files[0].write_text(json.dumps(tokens, separators=(",", ":")), encoding="utf-8")
                files[1].write_text("".join(p.model_dump_json() + "\n" for p in passages), encoding="utf-8")
                del tokens
                gc.collect()
                result["old"] = old_path(real, folder / "build-growth", files, vectors, parsed, qvecs, settings)
        if keep is not None:  # survive the temporary folder: the cold start is re-measured later
            kept = keep / str(size)
            shutil.rmtree(kept, ignore_errors=True)
            folder.rename(kept)
            result["kept"] = str(kept)
    result["builder_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result


def main() -> int:
    global COLD_RUNS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="40 questions instead of all")
    parser.add_argument("--sizes", default="126,10000,100000", help="comma-separated passage counts")
    parser.add_argument("--no-ann", action="store_true", help="skip the HNSW recall measurement")
    parser.add_argument("--add", action="store_true",
                        help=f"measure the incremental add above {ADD_MAX:,} passages too (rewrites every array)")
    parser.add_argument("--keep", type=Path, help="keep each grown index in KEEP/<size> (same file system)")
    parser.add_argument("--cold", type=Path, help="only measure cold `qa search` on a kept grown index")
    parser.add_argument("--out", type=Path, help="write the JSON here instead of bench/results/growth.json")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--questions", type=int, help="the first N questions (--quick: 40; default all)")
    parser.add_argument("--cold-runs", type=int, default=COLD_RUNS, help=f"timed cold `qa search` runs ({COLD_RUNS})")
    parser.add_argument("--probe", help=argparse.SUPPRESS)
    args = parser.parse_args()
    max_questions = args.questions or (40 if args.quick else 10_000)
    COLD_RUNS = max(1, args.cold_runs)  # read by cold_search, in this process and in each child
    if args.probe:
        print(json.dumps(probe(Path(args.probe), max_questions)))
        return 0
    if args.cold:
        from qa.evaluation.evaluate import load_questions

        if not (args.cold / "CURRENT").is_file():
            raise SystemExit(f"error: {args.cold} is not a kept grown index (no CURRENT)")
        cold = cold_search(args.cold, load_questions(split="all")[0].question)
        print(json.dumps({"index": str(args.cold), "load_avg": os.getloadavg(), "cold_search_s": cold}))
        return 0
    if args.child:
        keep = args.keep.resolve() if args.keep else None
        if keep:
            keep.mkdir(parents=True, exist_ok=True)
        print(json.dumps(run_size(args.child, max_questions, not args.no_ann, args.add or args.child <= ADD_MAX, keep)))
        return 0
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        started = time.perf_counter()
        cmd = [sys.executable, __file__, "--child", str(size), "--questions", str(max_questions),
               "--cold-runs", str(COLD_RUNS)]
        cmd += (["--no-ann"] if args.no_ann else []) + (["--add"] if args.add else [])
        cmd += ["--keep", str(args.keep)] if args.keep else []
        result = subprocess.run(cmd, cwd=ROOT, capture_output=True,
                                text=True, env={**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)})
        if result.returncode != 0:
            raise SystemExit(f"size {size} failed: {result.stderr[-3000:]}")
        rows.append(json.loads(result.stdout.strip().splitlines()[-1]))
        print(f"{size} passages: {time.perf_counter() - started:.1f}s", file=sys.stderr)
    path = write_result("growth", {"sizes": rows}, args.out)
    report(rows)
    print(f"\nwrote {path}")
    return 0


def report(rows: list[dict]) -> None:
    lat = lambda r, s, m: r["latency_ms"][s][m]
    print(f"\nWarm retrieval, ms, {rows[0]['questions']} questions (question encoding excluded: "
          f"p50 {rows[0]['encode_ms']['median']:.1f} ms)\n")
    print(table(
        ["passages", "dense", "hybrid p50", "p95", "bm25 p50", "p95", "dense p50", "p95", "hybrid --doc p50",
         "OLD hybrid p50", "p95", "OLD bm25 p50", "speed-up p50", "same top 10"],
        [[r["passages"], r["dense_kind"], lat(r, "hybrid", "median"), lat(r, "hybrid", "p95"),
          lat(r, "bm25", "median"), lat(r, "bm25", "p95"), lat(r, "dense", "median"), lat(r, "dense", "p95"),
          lat(r, "hybrid_doc_filter", "median"),
          *( [r["old"]["latency_ms"]["hybrid"]["median"], r["old"]["latency_ms"]["hybrid"]["p95"],
              r["old"]["latency_ms"]["bm25"]["median"],
              f"{r['old']['latency_ms']['hybrid']['median'] / lat(r, 'hybrid', 'median'):.0f}x",
              r["old"].get("same_top10_as_new", "-")]
             if "old" in r else ["-", "-", "-", "-", "-"])] for r in rows]))
    print("\nStart-up, build, add, memory, disk\n")
    print(table(
        ["passages", "units", "cold qa search s", "load s", "OLD load s", "write arrays s", "embed all s (extrap.)",
         "add 1 doc s", "(cache read / embed / write)", "query RSS MB", "OLD BM25+passages MB", "disk MB"],
        [[r["passages"], r["answer_units"], r["cold_search_s"]["median"], r["load_s"],
          r.get("old", {}).get("load_s", "-"), r["write"]["write_arrays_s"], r["embed_all_s_extrapolated"],
          r["incremental_add"]["total_s"] if "incremental_add" in r else "-",
          "{read_cache_s} / {embed_new_s} / {write_arrays_s}".format(**r["incremental_add"])
          if "incremental_add" in r else "(not run)",
          r["rss_mb"]["after_load_and_queries"], r.get("old", {}).get("python_mb", "-"),
          round(sum(r["write"]["disk_mb"].values()), 1)] for r in rows]))
    ann_rows = [(r["passages"], data, r["ann"], ef, v) for r in rows if "ann" in r
                for data in ("mixtures",) for ef, v in r["ann"][data]["by_ef_search"].items()]
    if ann_rows:
        print("\nHNSW vs exact flat search (recall@10 over the questions' vectors)\n")
        print(table(["passages", "vectors", "M", "efConstruction", "build s", "efSearch", "recall@10", "p50 ms",
                     "p95 ms", "flat p50 ms"],
                    [[n, data, a["hnsw_m"], a["ef_construction"],
                      "(in write)" if a[data]["build_s"] is None else a[data]["build_s"], ef, v["recall@10"],
                      v["latency_ms"]["median"], v["latency_ms"]["p95"], a[data]["flat_latency_ms"]["median"]]
                     for n, data, a, ef, v in ann_rows]))


if __name__ == "__main__":
    raise SystemExit(main())
