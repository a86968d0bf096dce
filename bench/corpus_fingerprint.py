"""What the corpus part of the freshness check costs as the library grows.

Usage: python bench/corpus_fingerprint.py [--sizes 100 1000 5000] [--runs N]

Every `qa search` / `qa ask` checks that the index still matches the corpus. A synthetic
library of N text files (the seed reviews' texts, each copy with its own first line, so
~60 kB per file as in a real library) is fingerprinted, side by side in one run:
- `full`: sha256 of every file (what the check did before: it reads the whole library);
- `stat`: `corpus_record` with the record a build wrote, which re-hashes only files whose
  (size, mtime, ctime, inode) changed or that were racily fresh when hashed.
Both must give the same hashes; the ratio is full / stat.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from _common import ROOT, summary, table, write_result


def make_library(folder: Path, n: int) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    lines = []
    for i in range(n):
        name = f"article{i:06d}.txt"
        (folder / name).write_text(f"Copy {i}\n" + texts[i % len(texts)], encoding="utf-8")
        lines.append(f'[[documents]]\nid = "a{i:06d}"\nfile = "{name}"\ntitle = "Copy {i}"\n')
    (folder / "manifest.toml").write_text("\n".join(lines), encoding="utf-8")
    old = time.time() - 3600  # a library's files are older than its last build
    for path in folder.iterdir():
        os.utime(path, (old, old))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from qa.ingest.corpus import corpus_record

    rows, out = [], {}
    for n in args.sizes:
        folder = Path(tempfile.mkdtemp(prefix=f"qa-fp-{n}-"))
        try:
            make_library(folder, n)
            record = corpus_record(folder)  # what a build stores in its manifest
            size = sum(p.stat().st_size for p in folder.iterdir())
            full, stat = [], []
            for _ in range(args.runs):  # interleaved, so machine load hits both alike
                t = time.perf_counter()
                a = corpus_record(folder)["files"]
                full.append(time.perf_counter() - t)
                t = time.perf_counter()
                b = corpus_record(folder, record)["files"]
                stat.append(time.perf_counter() - t)
                assert a == b == record["files"]
        finally:
            shutil.rmtree(folder)
        ratio = statistics.median(full) / statistics.median(stat)
        rows.append([n, round(size / 1e6, 1), round(statistics.median(full) * 1000, 1),
                     round(statistics.median(stat) * 1000, 1), round(ratio, 1)])
        out[str(n)] = {"bytes": size, "full_s": summary(full), "stat_s": summary(stat),
                       "ratio": round(ratio, 2)}
    print(f"{args.runs} runs each, medians (files read from the OS cache)\n")
    print(table(["files", "MB", "full sha256 ms", "stat-checked ms", "ratio"], rows))
    write_result("corpus_fingerprint", {"runs": args.runs, "sizes": out})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
