"""Ingestion time against input size: is it linear? (issue 15: a 1 MB text never finished)

Usage: python bench/ingest_scaling.py [--sizes 0.1 1 10 50]   (default: 0.1 and 1 MB)

Each size is one synthetic article made by repeating the real corpus texts (so it has the
corpus's real structure: headings, tables, citations, reference lists) cut to that many MB,
ingested alone in a fresh process (`ingest_corpus`, as `qa index` does before embedding) with
QA_MAX_FILE_MB raised above it. Prints wall and CPU seconds, CPU seconds per MB (wall time on a
shared machine mostly measures the others) and the per-MB ratio to the smallest size: a linear pipeline keeps that ratio near 1 (a quadratic one doubles it with
every doubling of the size). Also checks that the limit refuses a file just above it.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, table, write_result

PROBE = r"""
import resource, sys, time
from qa.ingest.pipeline import ingest_corpus
from qa.settings import Settings
ingest_corpus(Settings.from_env(corpus_dir=sys.argv[2]))  # warm-up: lazy imports, vocabulary
t, c = time.perf_counter(), time.process_time()
corpus = ingest_corpus(Settings.from_env(corpus_dir=sys.argv[1]))
print(f"{time.perf_counter() - t:.3f} {time.process_time() - c:.3f} {len(corpus.passages)} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}")
"""


def body(text: str) -> str:
    """An article without its reference list (repeated lists would make most of a big text
    one reference list, which is not what a long article or a book looks like)."""
    match = re.search(r"(?im)^\s*(?:references?|bibliography)\s*$", text)
    return text[: match.start()] if match else text


def synthetic_corpus(folder: Path, megabytes: float) -> Path:
    """A corpus folder with one article of `megabytes` MB built from the real texts."""
    from qa.ingest.corpus import read_corpus

    base = "\n\n".join(body(d.text) for d in read_corpus(ROOT / "corpus").documents)
    size = int(megabytes * 1e6)
    data = (base * (size // len(base.encode()) + 2)).encode()[:size]
    folder.mkdir(parents=True)
    (folder / "big.txt").write_bytes(data.decode("utf-8", "ignore").encode())
    (folder / "manifest.toml").write_text('[[documents]]\nid = "big"\nfile = "big.txt"\n', encoding="utf-8")
    return folder


def run(corpus: Path, warmup: Path, limit_mb: float, timeout: float) -> tuple[float, float, int, str]:
    env = dict(os.environ, QA_MAX_FILE_MB=str(limit_mb), PYTHONPATH=str(ROOT))
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", PROBE, str(corpus), str(warmup)], capture_output=True, text=True,
                            env=env, timeout=timeout, cwd=ROOT)
    wall = time.perf_counter() - started
    if result.returncode != 0:
        return wall, 0.0, 0, result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "failed"
    seconds, cpu, passages, peak_mb = result.stdout.split()
    return float(seconds), float(cpu), int(passages), f"peak RSS {peak_mb} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.1, 1.0], help="sizes in MB")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds allowed per size")
    args = parser.parse_args()
    rows, results = [], []
    with tempfile.TemporaryDirectory() as tmp:
        warmup = synthetic_corpus(Path(tmp) / "warmup", 0.01)
        for mb in sorted(args.sizes):
            corpus = synthetic_corpus(Path(tmp) / f"c{mb}", mb)
            seconds, cpu, passages, note = run(corpus, warmup, limit_mb=mb * 2, timeout=args.timeout)
            results.append({"mb": mb, "seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3),
                            "passages": passages, "note": note})
            print(f"{mb} MB: {seconds:.1f} s wall, {cpu:.1f} s CPU, {passages} passages, {note}",
                  file=sys.stderr, flush=True)
        per_mb0 = results[0]["cpu_seconds"] / results[0]["mb"]
        for r in results:
            r["cpu_s_per_mb"] = round(r["cpu_seconds"] / r["mb"], 3)
            r["ratio_to_smallest"] = round(r["cpu_s_per_mb"] / per_mb0, 2) if per_mb0 else None
            rows.append([r["mb"], r["seconds"], r["cpu_seconds"], r["cpu_s_per_mb"], r["ratio_to_smallest"],
                         r["passages"], r["note"]])
        # the limit: a file just above QA_MAX_FILE_MB is refused with one line, in no time
        smallest = Path(tmp) / f"c{results[0]['mb']}"
        env = dict(os.environ, QA_MAX_FILE_MB=str(results[0]["mb"] / 2), PYTHONPATH=str(ROOT))
        started = time.perf_counter()
        cli = subprocess.run([sys.executable, "-m", "qa", "passages", "--corpus-dir", str(smallest)],
                             capture_output=True, text=True, env=env, timeout=120, cwd=ROOT)
        seconds, refusal = time.perf_counter() - started, f"exit {cli.returncode}: {cli.stderr.strip()}"
    print(table(["MB", "wall s", "CPU s", "CPU s/MB", "CPU s/MB vs smallest", "passages", "note"], rows))
    print(f"\nabove QA_MAX_FILE_MB: {refusal!r} ({seconds:.2f} s)")
    print("(the ingestion call only, a fresh process per size; CPU time is what to compare on a busy machine)")
    write_result("ingest_scaling", {"sizes": results, "limit_refusal": refusal})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
