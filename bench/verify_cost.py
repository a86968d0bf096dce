"""What verifying every index file on every load costs, as a fraction of a cold start.

Usage: python bench/verify_cost.py [--runs N]

Measured side by side in one run, against the already built index (warm disk cache, as for
every cold start after the first): the wall time of a fresh `qa search` process (which
includes the verification), the in-process time of the load-time check (size + xxh3-128 of
every file the manifest lists, `store.verify_files(full=False)`), the whole freshness check
(`store.check`: CURRENT, manifest checksum, code/corpus/model fingerprints, files), and the
full sha256 verification of `qa index --verify` for comparison. Also per file.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

from _common import ROOT, summary, table, timed_run, write_result

QUESTION = "Which sources were used for SLE?"


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        out.append(time.perf_counter() - started)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from qa.index import fingerprints, store
    from qa.index.load import open_index
    from qa.settings import Settings

    settings = Settings.from_env()
    open_index(settings)  # build first if needed: a build is not a cold start
    state = store.check(settings)
    assert state.ready, state.reason
    build, manifest = state.build, state.manifest
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-m", "qa", "search", QUESTION, "--k", "3"]
    timed_run(cmd, env)  # untimed warm-up (disk cache)
    cold, verify, check, full = [], [], [], []
    for _ in range(args.runs):  # interleaved so machine load hits all alike
        cold.append(timed_run(cmd, env)[0])
        verify += timed(lambda: store.verify_files(build, manifest, full=False), 1)
        check += timed(lambda: store.check(settings), 1)
        full += timed(lambda: store.verify_files(build, manifest, full=True), 1)
    per_file = []
    for rel, info in sorted(manifest["files"].items(), key=lambda kv: -kv[1]["size"]):
        path = build / rel
        xs = timed(lambda: fingerprints.file_xxh3(path), 3)
        sh = timed(lambda: fingerprints.file_sha256(path), 1)
        per_file.append([rel, info["size"], round(min(xs) * 1000, 2), round(min(sh) * 1000, 2)])
    cold_med = statistics.median(cold)
    rows = [
        ["cold start: fresh `qa search` process (s)", round(cold_med, 3), 1.0],
        ["load-time verification: size + xxh3 of all files (s)", round(statistics.median(verify), 4),
         round(statistics.median(verify) / cold_med, 4)],
        ["whole freshness check, store.check (s)", round(statistics.median(check), 4),
         round(statistics.median(check) / cold_med, 4)],
        ["full sha256 verification, qa index --verify (s)", round(statistics.median(full), 4),
         round(statistics.median(full) / cold_med, 4)],
    ]
    total = sum(info["size"] for info in manifest["files"].values())
    print(f"index {build.name}: {len(manifest['files'])} files, {total / 1e6:.1f} MB; {args.runs} runs, medians\n")
    print(table(["measure", "value", "fraction of cold start"], rows))
    print()
    print(table(["file", "bytes", "xxh3 ms", "sha256 ms"], per_file))
    write_result("verify_cost", {
        "files": len(manifest["files"]), "bytes": total,
        "cold_start_s": summary(cold), "verify_s": summary(verify), "check_s": summary(check),
        "sha256_verify_s": summary(full),
        "verify_fraction_of_cold_start": round(statistics.median(verify) / cold_med, 4),
        "check_fraction_of_cold_start": round(statistics.median(check) / cold_med, 4),
        "per_file_ms": per_file,
    })
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
