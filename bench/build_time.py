"""Index build time: a full `qa` build of the real corpus into an empty temporary index dir.

Usage: python bench/build_time.py [--quick] [--runs N]

Each build runs in a fresh process (so torch and sentence-transformers imports count, as in
`qa index`). Stages are timed from the build's own progress messages: the time from one
message to the next is charged to the first (ingest, ONNX export, embedding passages,
embedding answer units, BM25 + writing files, publishing).

A build from nothing: each run gets an empty ONNX export cache of its own (`QA_CACHE_DIR`) and does
not read the project index's embedding cache (`QA_REUSE_PROJECT_EMBEDDINGS=false`). Since both
caches came (2026-12-04), a build into an empty folder otherwise reuses the user's export and the
project's vectors, and this script timed a 7.5 s build with no export and no embedding in it
(documentation audit 32; `_common.cold_env`).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile

from _common import cold_env, summary, table, timed_run, write_result

TARGET_S = 30.0

# Runs in a fresh interpreter: build into argv[1], print {"stages": [[message, seconds]], ...}.
BUILD_PROBE = r"""
import json, sys, time
t0 = time.perf_counter()
from pathlib import Path
from qa.index.build import build
from qa.settings import Settings
marks = [("import qa.index", time.perf_counter())]
def progress(fraction, message):
    marks.append((message, time.perf_counter()))
final = build(Settings.from_env(index_dir=Path(sys.argv[1])), progress)
marks.append(("done", time.perf_counter()))
stages = [[m, round(t1 - t, 4)] for (m, t), (_, t1) in zip(marks, marks[1:])]
manifest = json.loads((final / "manifest.json").read_text())
print(json.dumps({"stages": stages, "total": round(marks[-1][1] - t0, 4),
                  "passages": manifest["counts"]["passages"]}))
"""

STAGE_NAMES = (  # message prefix -> short stage name (numbers inside messages vary)
    ("import", "imports (qa.index)"), ("reading", "ingest (read, clean, passages)"),
    ("exporting", "ONNX export"), ("embedding answer", "embed answer units"),
    ("embedding", "embed passages"), ("building the BM25", "BM25 + write files"),
    ("publishing", "publish"), ("index ready", "garbage collection"),
    ("", "resolve model (sha256 check)"),  # the "N documents, M passages" message precedes it
)


def stage_name(message: str) -> str:
    for prefix, name in STAGE_NAMES:
        if message.startswith(prefix):
            return name
    raise AssertionError("unreachable: the empty prefix matches")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 build instead of 3")
    parser.add_argument("--runs", type=int)
    args = parser.parse_args()
    runs = args.runs or (1 if args.quick else 3)
    walls, totals, stages, passages = [], [], {}, 0
    for i in range(runs):
        tmp, cache = tempfile.mkdtemp(prefix="qa-bench-index-"), tempfile.mkdtemp(prefix="qa-bench-cache-")
        try:
            wall, result = timed_run([sys.executable, "-c", BUILD_PROBE, tmp], cold_env(cache))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
            shutil.rmtree(cache, ignore_errors=True)
        report = json.loads(result.stdout.strip().splitlines()[-1])
        walls.append(wall)
        totals.append(report["total"])
        passages = report["passages"]
        for message, secs in report["stages"]:
            stages.setdefault(stage_name(message), []).append(secs)
        print(f"build {i + 1}/{runs}: {wall:.2f}s", file=sys.stderr)
    stats = summary(walls)
    stage_rows = [[name, round(statistics.median(v), 3)] for name, v in stages.items()]
    checks = {f"build <= {TARGET_S:.0f} s": stats["median"] <= TARGET_S}
    path = write_result("build_time", {
        "runs": runs, "passages": passages, "seconds": stats, "target_s": TARGET_S,
        "stages_s": stage_rows,
        "process_overhead_s": round(statistics.median(w - t for w, t in zip(walls, totals)), 3),
        "checks": checks,
    })
    print(f"\nFull build of the real corpus ({passages} passages), {runs} run(s), fresh process each\n")
    print(table(["", "median s", "min s", "max s"], [["wall time", stats["median"], stats["min"], stats["max"]]]))
    print("\nstages (median):")
    print(table(["stage", "s"], stage_rows))
    overhead = statistics.median(w - t for w, t in zip(walls, totals))
    print(f"  sum {sum(s for _, s in stage_rows):.2f}s; interpreter start + exit (torch teardown): "
          f"{overhead:.2f}s")
    print("\nchecks: " + "  ".join(f"{k}: {'PASS' if v else 'MISS'}" for k, v in checks.items()))
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
