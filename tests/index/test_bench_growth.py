"""`python bench/growth.py` (bench/README.md, "Growth") stopped twice without a test noticing:
first at an import that had moved, then (documentation audit 32) at its old-path column, which
runs today's retriever on the pre-schema-2 storage, and today's retriever asks that storage for
what it never held (document codes, postings, document frequencies). Its cheap path runs here
end to end, in a fresh process on the real index, so the next such change fails a test."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_growth_benchmark_runs_and_its_old_path_ranks_as_the_new_one(tmp_path):
    out = tmp_path / "growth.json"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "bench/growth.py", "--sizes", "126", "--questions", "10",
                          "--cold-runs", "1", "--no-ann", "--out", str(out)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    assert f"wrote {out}" in run.stdout  # the kept bench/results/growth.json is left alone
    (row,) = json.loads(out.read_text(encoding="utf-8"))["sizes"]
    assert row["passages"] == 126 and row["questions"] == 10
    for side in ("hybrid", "bm25", "dense", "hybrid_doc_filter"):
        assert row["latency_ms"][side]["median"] > 0
    assert row["cold_search_s"]["median"] > 0 and row["incremental_add"]["total_s"] > 0
    old = row["old"]
    assert old["latency_ms"]["hybrid"]["median"] > 0 and old["latency_ms"]["bm25"]["median"] > 0
    # the OLD column times the same work: on the same data both storages give the same top 10
    assert old["same_top10_as_new"] == 1.0
