"""Growth: retrieval latency, build/load time and memory with the corpus replicated to 10k/100k.

Usage: python bench/growth.py [--quick] [--sizes 10000,100000]

Each size runs in its own process (clean memory figures). Passages are the real index's,
replicated with noise so the statistics are not degenerate: every copy of a passage's
qa.index.analyzer tokens drops 10% of them, replaces 10% with tokens drawn from the corpus unigram
distribution and 3% with new pseudo-words (so the vocabulary grows), and renumbers numbers;
every copy of its embedding gets Gaussian noise (sigma 0.02 per dimension, cosine ~0.93 to
the original) and is renormalised. Timed per question (all evaluation questions):
- bm25:   qa.index.bm25.BM25.top over the expanded question tokens with weights (as the retriever);
- dense:  faiss IndexFlatIP search of the question vector (encoding excluded: it is constant),
          with FAISS's default OpenMP threads and with one thread;
- hybrid: the real Retriever.search (both sides, qa.retrieval.fusion.convex, Hit objects) over the grown
          index, with question vectors cached so encoding is again excluded.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from _common import ROOT, rss_mb, summary, table, write_result

NOTE_1M = """At 1M passages (what would change):
- BM25: rank-bm25 keeps one dict per passage and scans every passage per query token in
  Python, so latency and load time grow linearly (extrapolate the 100k row x10: seconds per
  query). Use an inverted index: a scipy.sparse CSC term-passage matrix of precomputed BM25
  weights (score = sum of the query terms' columns, ms at 1M) or bm25s, which does exactly
  that and saves to .npz; store it instead of rebuilding from JSON tokens at every start.
- Dense: flat FAISS 1M x 384 fp32 = 1.5 GB in RAM and on disk, ~linear scan per query
  (extrapolate x10). Use IndexHNSWFlat (sub-ms, +~0.5 GB graph), IndexIVFFlat (nprobe tunes
  recall/speed) or IVF-PQ / fp16 / int8 scalar quantisation (4-32x less memory), loaded with
  faiss.read_index(..., faiss.IO_FLAG_MMAP) so cold start does not read 1.5 GB.
- passages.jsonl parsed with pydantic at every start would also grow linearly: keep passages
  in a memory-mapped/columnar store or SQLite and materialise only the top-k hits."""


def grow_tokens(token_lists: list[list[str]], size: int, rng) -> list[list[str]]:
    """`size` noisy copies of the passages' token lists (see the module docstring)."""
    import numpy as np

    vocab = sorted({t for row in token_lists for t in row})
    ids = {t: i for i, t in enumerate(vocab)}
    counts = np.bincount([ids[t] for row in token_lists for t in row], minlength=len(vocab))
    unigram = counts / counts.sum()
    base = [np.array([ids[t] for t in row], dtype=np.int64) for row in token_lists]
    is_number = np.array([t.isdigit() for t in vocab])
    pool = max(1000, int(20 * (size * 70) ** 0.5))  # new words grow like Heaps' law ~ sqrt(tokens)
    words = np.array(vocab + [f"zq{i}" for i in range(pool)] + [str(i) for i in range(1000)], dtype=object)
    new0, num0 = len(vocab), len(vocab) + pool
    out = []
    for i in range(size):
        row = base[i % len(base)]
        if i >= len(base):
            u = rng.random(row.size)
            row = row.copy()
            swap = u < 0.10
            row[swap] = rng.choice(len(vocab), size=int(swap.sum()), p=unigram)
            novel = (u >= 0.10) & (u < 0.13)
            row[novel] = new0 + rng.integers(0, pool, size=int(novel.sum()))
            numbers = is_number[np.minimum(row, len(vocab) - 1)] & (row < len(vocab))
            row[numbers] = num0 + rng.integers(0, 1000, size=int(numbers.sum()))
            row = row[rng.random(row.size) >= 0.10]  # drop 10%
        out.append(words[row].tolist())
    return out


def grow_vectors(vectors, size: int, rng):
    import numpy as np

    reps = -(-size // len(vectors))
    grown = np.tile(vectors, (reps, 1))[:size].astype("float32")
    grown[len(vectors):] += rng.normal(0.0, 0.02, grown[len(vectors):].shape).astype("float32")
    grown /= np.linalg.norm(grown, axis=1, keepdims=True)
    return np.ascontiguousarray(grown)


def sparse_bm25(bm25):
    """The same BM25Okapi scores as a CSC passage x term matrix of precomputed weights.

    A sketch of the inverted-index fix for large corpora: a query sums a few columns instead
    of scanning every passage's dict in Python. Returns (matrix, term -> column).
    """
    import numpy as np
    from scipy import sparse

    okapi = bm25._okapi
    columns = {t: j for j, t in enumerate(okapi.idf)}
    rows, cols, freqs = [], [], []
    for i, doc in enumerate(okapi.doc_freqs):
        rows.extend([i] * len(doc))
        cols.extend(columns[t] for t in doc)
        freqs.extend(doc.values())
    rows, cols, f = np.array(rows), np.array(cols), np.array(freqs, dtype=float)
    dl = np.asarray(okapi.doc_len, dtype=float)[rows]
    idf = np.array(list(okapi.idf.values()))[cols]
    k1, b = okapi.k1, okapi.b
    weights = idf * f * (k1 + 1) / (f + k1 * (1 - b + b * dl / okapi.avgdl))
    return sparse.csc_matrix((weights, (rows, cols)), shape=(len(okapi.doc_freqs), len(columns))), columns


def sparse_top(matrix, columns, tokens, weights, n):
    import numpy as np

    picked = [(columns[t], w) for t, w in zip(tokens, weights) if t in columns and w]
    if not picked:
        return []
    scores = matrix[:, [c for c, _ in picked]] @ np.array([w for _, w in picked])
    top = np.argpartition(-scores, min(n, scores.size - 1))[:n]
    return sorted(((int(r), float(scores[r])) for r in top if scores[r] > 0), key=lambda x: (-x[1], x[0]))


def one_thread(fn):
    """Run fn with FAISS (OpenMP) limited to one thread: a single query does not gain from more."""
    import faiss

    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        return fn()
    finally:
        faiss.omp_set_num_threads(threads)


def run_size(size: int, max_questions: int) -> dict:
    """Everything for one corpus size, in this process."""
    import faiss
    import numpy as np

    from qa.index.bm25 import BM25
    from qa.evaluation.evaluate import load_questions
    from qa.index.load import Index, open_index
    from qa.retrieval.retriever import Retriever
    from qa.settings import Settings

    settings = Settings.from_env()
    real = open_index(settings)
    questions = [q.question for q in load_questions(split="all")][:max_questions]
    real_retriever = Retriever(settings, index=real)
    expansions = [real_retriever.expander.expand(q) for q in questions]
    qvecs = [real_retriever.query_vector(real_retriever.parse(q)) for q in questions]
    encode = []
    for q in questions:  # the encoder is warm now: time a second encode of each question
        t = time.perf_counter()
        real.encoder.encode([q])
        encode.append(time.perf_counter() - t)
    rng = np.random.default_rng(0)
    token_lists = grow_tokens(real.bm25.token_lists, size, rng)
    vectors = grow_vectors(real.dense.reconstruct_n(0, real.dense.ntotal), size, rng)
    t = time.perf_counter()
    bm25 = BM25.build(token_lists, k1=settings.index.bm25_k1, b=settings.index.bm25_b)
    bm25_build = time.perf_counter() - t
    t = time.perf_counter()
    dense = faiss.IndexFlatIP(vectors.shape[1])
    dense.add(vectors)
    dense_build = time.perf_counter() - t
    with tempfile.TemporaryDirectory(prefix="qa-bench-growth-") as tmp:
        bm25.save(tmp)
        faiss.write_index(dense, str(Path(tmp) / "dense.faiss"))
        del bm25, dense, token_lists, vectors
        gc.collect()
        disk = {p.name: round(p.stat().st_size / 2**20, 2) for p in Path(tmp).iterdir()}
        t = time.perf_counter()
        bm25 = BM25.load(tmp)  # the query path's load: JSON tokens -> BM25Okapi
        bm25_load = time.perf_counter() - t
        t = time.perf_counter()
        dense = faiss.read_index(str(Path(tmp) / "dense.faiss"))
        dense_load = time.perf_counter() - t
        faiss_mb = dense.ntotal * dense.d * 4 / 2**20  # IndexFlat holds exactly the fp32 matrix
        tracemalloc.start()  # Python-side size of a loaded BM25 (tokens + rank-bm25 dicts)
        loaded = BM25.load(tmp)
        bm25_mb = tracemalloc.get_traced_memory()[0] / 2**20
        tracemalloc.stop()
        del loaded
        gc.collect()
    t = time.perf_counter()
    matrix, columns = sparse_bm25(bm25)
    sparse_build = time.perf_counter() - t
    for e in expansions[:5]:  # same scores as the rank-bm25 path, or the comparison is void
        expected = bm25.scores(e.tokens, e.weights())
        got = matrix[:, [columns[t] for t in e.tokens if t in columns]] @ np.array(
            [w for t, w in zip(e.tokens, e.weights()) if t in columns])
        assert np.allclose(expected, got), "sparse BM25 disagrees with rank-bm25"
    passages = [real.passages[i % len(real.passages)] for i in range(size)]
    grown = Index(real.build, real.manifest, passages, real.glossaries, dense, bm25)
    retriever = Retriever(settings, index=grown)
    for q in questions:
        retriever.query_vector(retriever.parse(q))  # cached: hybrid timings exclude the constant encode
    depth = settings.retrieval.depth
    sides = {
        "bm25": lambda i: bm25.top(expansions[i].tokens, depth, weights=expansions[i].weights()),
        "bm25_sparse": lambda i: sparse_top(matrix, columns, expansions[i].tokens, expansions[i].weights(), depth),
        "dense": lambda i: dense.search(qvecs[i][None, :], depth),
        "dense_1thread": lambda i: one_thread(lambda: dense.search(qvecs[i][None, :], depth)),
        "hybrid": lambda i: retriever.search(questions[i], k=10),
    }
    for fn in sides.values():  # warm-up
        fn(0)
    times: dict[str, list[float]] = {name: [] for name in sides}
    for i in range(len(questions)):
        for name, fn in sides.items():
            t = time.perf_counter()
            fn(i)
            times[name].append(time.perf_counter() - t)
    return {
        "passages": size, "questions": len(questions), "vocabulary": len(bm25._okapi.idf),
        "latency_ms": {name: summary(v, scale=1000) for name, v in times.items()},
        "encode_ms_constant": round(sorted(encode)[len(encode) // 2] * 1000, 3),
        "build_s": {"bm25": round(bm25_build, 3), "bm25_sparse": round(sparse_build, 3),
                    "faiss": round(dense_build, 3)},
        "load_s": {"bm25_json": round(bm25_load, 3), "faiss": round(dense_load, 3)},
        "memory_mb": {"bm25_python": round(bm25_mb, 1), "faiss_vectors": round(faiss_mb, 1),
                      "process_rss": round(rss_mb(), 1)},
        "disk_mb": disk,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="40 questions instead of all")
    parser.add_argument("--sizes", default="126,10000,100000", help="comma-separated passage counts")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--questions", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    max_questions = args.questions or (40 if args.quick else 10_000)
    if args.child:
        print(json.dumps(run_size(args.child, max_questions)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    for size in sizes:
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, __file__, "--child", str(size), "--questions", str(max_questions)],
            cwd=ROOT, capture_output=True, text=True, env={**os.environ, "HF_HUB_OFFLINE": "1"},
        )
        if result.returncode != 0:
            raise SystemExit(f"size {size} failed: {result.stderr[-2000:]}")
        rows.append(json.loads(result.stdout.strip().splitlines()[-1]))
        print(f"{size} passages: {time.perf_counter() - started:.1f}s", file=sys.stderr)
    path = write_result("growth", {"sizes": rows, "note_1m": NOTE_1M})
    print(f"\nRetrieval with the corpus grown by noisy replication ({rows[0]['questions']} questions)\n")
    print(table(
        ["passages", "bm25 p50", "p95", "sparse-bm25 p50", "p95", "dense p50", "p95", "dense-1t p50", "p95",
         "hybrid p50", "p95"],
        [[r["passages"], *(r["latency_ms"][s][m] for s in ("bm25", "bm25_sparse", "dense", "dense_1thread", "hybrid")
                           for m in ("median", "p95"))]
         for r in rows]))
    print("(ms; + a constant ~%.1f ms to encode the question; sparse-bm25 = same scores from a\n"
          " precomputed scipy CSC weight matrix, a sketch of the fix, not used by qa; dense-1t = the\n"
          " same FAISS search with OpenMP limited to one thread)\n" % rows[0]["encode_ms_constant"])
    print(table(
        ["passages", "vocab", "bm25 build s", "sparse build s", "bm25 load s", "faiss build s", "faiss load s",
         "bm25 MB", "faiss MB", "RSS MB", "tokens.json MB"],
        [[r["passages"], r["vocabulary"], r["build_s"]["bm25"], r["build_s"]["bm25_sparse"], r["load_s"]["bm25_json"], r["build_s"]["faiss"],
          r["load_s"]["faiss"], r["memory_mb"]["bm25_python"], r["memory_mb"]["faiss_vectors"], r["memory_mb"]["process_rss"],
          r["disk_mb"].get("bm25.tokens.json", 0.0)] for r in rows]))
    print("\n" + NOTE_1M)
    print(f"\nwrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
