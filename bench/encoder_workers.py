"""Bulk encoding: one ONNX session on all cores vs one batch per core, side by side in one run.

Usage: python bench/encoder_workers.py [--index-dir DIR] [--passages 600] [--sentences 3000] [--rounds 2]
       [--batches 16,8,4]

A build encodes tens of thousands of texts. `OnnxQueryEncoder(workers=1)` runs one batch at a
time and splits every operator across the cores (intra-op threads, as a single question needs);
`workers=N` (the build's default, N = usable cores) runs N batches at once on a shared session
with one thread each, so no operator waits for a second core. Both are timed on the same real
passages and sentences (the PDF evaluation corpus's index when built, else the project's),
configurations interleaved round by round so that load changes hit all alike, and every
configuration's vectors are compared bit for bit with the first's. Reports wall seconds, tokens
per wall second, process CPU seconds and the speed-up over workers=1 at batch 16 (the build's
setting before 2026-12-03).
"""
from __future__ import annotations

import argparse
import os
import time

import numpy as np

from _common import table, write_result
from encoder_modes import add_sample_arguments, real_texts, sampled_build


def main() -> int:
    from qa.index.encoder import OnnxQueryEncoder, bulk_workers

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_sample_arguments(parser, passages=600, sentences=3000)
    parser.add_argument("--batches", default="16,8,4", help="batch sizes tried with workers")
    args = parser.parse_args()
    build = sampled_build(args.index_dir)
    if build is None:
        return 2
    passages, sentences, _ = real_texts(build, args.passages, args.sentences)
    workers = max(2, bulk_workers())
    single = OnnxQueryEncoder(build / "encoder").load()
    spread = OnnxQueryEncoder(build / "encoder", workers=workers).load()
    tokens = sum(len(e.ids) for e in single._tokenizer.encode_batch([t.lower() for t in passages + sentences]))
    configs = {"workers=1, batch 16 (before)": (single, 16)}
    configs.update({f"workers={workers}, batch {b}": (spread, int(b)) for b in args.batches.split(",")})
    runs: dict[str, list[tuple[float, float]]] = {k: [] for k in configs}
    reference = None
    identical = {k: True for k in configs}
    for _ in range(args.rounds):
        for name, (encoder, batch) in configs.items():
            cpu, wall = time.process_time(), time.perf_counter()
            vectors = np.vstack([encoder.encode(passages, batch), encoder.encode(sentences, batch)])
            runs[name].append((time.perf_counter() - wall, time.process_time() - cpu))
            reference = vectors if reference is None else reference
            identical[name] &= bool(np.array_equal(vectors, reference))
    base = min(w for w, _ in runs["workers=1, batch 16 (before)"])
    rows = [[name, round(min(w for w, _ in r), 2), round(tokens / min(w for w, _ in r)), round(min(c for _, c in r), 1),
             round(base / min(w for w, _ in r), 2), "yes" if identical[name] else "NO"] for name, r in runs.items()]
    print(f"{len(passages)} passages + {len(sentences)} sentences ({tokens} tokens), best of {args.rounds} rounds; "
          f"load average {os.getloadavg()[0]:.2f}\n")
    print(table(["configuration", "wall s", "tokens per wall s", "CPU s", "speed-up", "same bits"], rows))
    path = write_result("encoder_workers", {
        "index": str(build), "passages": len(passages), "sentences": len(sentences), "tokens": tokens,
        "rounds": {k: [[round(w, 2), round(c, 2)] for w, c in r] for k, r in runs.items()},
        "speedup": {r[0]: r[4] for r in rows}, "identical": identical, "loadavg_1m": round(os.getloadavg()[0], 2)})
    print(f"wrote {path}")
    return 0 if all(identical.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
