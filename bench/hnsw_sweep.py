"""HNSW efSearch sweep: recall@10 against exact flat search and latency, one graph, one run.

Usage: python bench/hnsw_sweep.py [--size 1000000] [--ef 256,512,768,1024,1536] [--seed 1]

The vectors are `growth.mixtures` of the real index's passage vectors (distinct: a real
passage's vector + half of another's + noise), the queries are every evaluation question's
vector; the graph has the index settings' M and efConstruction and is built with every core,
searched with one thread (as the query path does). Used to choose `retrieval.hnsw_ef_search`.
"""
from __future__ import annotations

import argparse
import os
import time

from _common import summary, table, write_result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--ef", default="256,512,768,1024,1536")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    import faiss
    import numpy as np

    from growth_data import mixtures
    from qa.evaluation.evaluate import load_questions
    from qa.index import dense
    from qa.index.load import open_index
    from qa.retrieval.retriever import Retriever
    from qa.settings import Settings

    settings = Settings.from_env()
    real = open_index(settings)
    retriever = Retriever(settings, index=real)
    queries = np.array([retriever.query_vector(retriever.parse(q.question)) for q in load_questions(split="all")],
                       dtype="float32")
    data = mixtures(np.array(dense.vectors(real.dense)), args.size, np.random.default_rng(args.seed))
    faiss.omp_set_num_threads(1)
    exact = dense.build_index(data, len(data), 1, 1)
    truth = [{r for r, _ in dense.search(exact, q, 10)} for q in queries]
    del exact
    faiss.omp_set_num_threads(os.cpu_count() or 1)
    started = time.perf_counter()
    graph = dense.build_index(data, 0, settings.index.hnsw_m, settings.index.hnsw_ef_construction)
    build_s = time.perf_counter() - started
    faiss.omp_set_num_threads(1)
    rows = []
    for ef in [int(x) for x in args.ef.split(",")]:
        got = [{r for r, _ in dense.search(graph, q, 10, ef_search=ef)} for q in queries]
        recall = sum(len(t & g) for t, g in zip(truth, got)) / (10 * len(queries))
        times = []
        for q in queries:
            t = time.perf_counter()
            dense.search(graph, q, 100, ef_search=ef)
            times.append(time.perf_counter() - t)
        rows.append({"ef_search": ef, "recall@10": round(recall, 4), "latency_ms": summary(times, 1000)})
    print(f"\n{args.size:,} vectors, M {settings.index.hnsw_m}, efConstruction {settings.index.hnsw_ef_construction}, "
          f"built in {build_s:.0f} s; {len(queries)} questions\n")
    print(table(["efSearch", "recall@10", "p50 ms", "p95 ms"],
                [[r["ef_search"], r["recall@10"], r["latency_ms"]["median"], r["latency_ms"]["p95"]] for r in rows]))
    path = write_result("hnsw_sweep", {"size": args.size, "seed": args.seed, "hnsw_m": settings.index.hnsw_m,
                                       "ef_construction": settings.index.hnsw_ef_construction,
                                       "build_s": round(build_s, 1), "by_ef_search": rows})
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
