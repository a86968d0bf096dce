"""Shared helpers for the benchmark scripts: statistics, subprocess timing, tables, JSON results.

Kept tiny and free of `qa` imports so that importing it costs nothing measurable.
"""
from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Sequence

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "bench" / "results"
if str(ROOT) not in sys.path:  # `python bench/x.py` puts bench/, not the repo root, on sys.path
    sys.path.insert(0, str(ROOT))


def p95(values: Sequence[float]) -> float:
    """95th percentile by sorted quantiles (inclusive method: no extrapolation past the max)."""
    if len(values) < 2:
        return float(values[0])
    return statistics.quantiles(sorted(values), n=100, method="inclusive")[94]


def summary(values: Sequence[float], scale: float = 1.0) -> dict[str, float]:
    """median, p95, min, max of `values` times `scale` (e.g. 1000 for ms), rounded."""
    v = [x * scale for x in values]
    return {
        "n": len(v),
        "median": round(statistics.median(v), 4),
        "p95": round(p95(v), 4),
        "min": round(min(v), 4),
        "max": round(max(v), 4),
    }


def timed_run(cmd: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, subprocess.CompletedProcess]:
    """Wall time of one fresh process (spawn to exit), and its result; fails on a non-zero exit."""
    started = time.perf_counter()
    result = subprocess.run(list(cmd), cwd=ROOT, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - started
    if result.returncode != 0 or not result.stdout.strip():
        raise RuntimeError(f"{' '.join(cmd)} failed ({result.returncode}): {result.stderr[-500:]}")
    return seconds, result


def cold_env(cache_dir: str, base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of one index build from nothing, for the build benchmarks: an empty ONNX export
    cache of its own (`QA_CACHE_DIR`) and no reuse of the project index's vectors. Since both caches
    came (2026-12-04), a build into an empty folder otherwise skips the export and the embedding of any
    text the project index holds, which these scripts are meant to time (documentation audit 32)."""
    return {**(os.environ if base is None else base), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
            "QA_CACHE_DIR": cache_dir, "QA_REUSE_PROJECT_EMBEDDINGS": "false"}


def machine() -> dict[str, Any]:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "loadavg_1m": round(os.getloadavg()[0], 2),  # other work on the machine skews timings
        "commit": commit,
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


def write_result(name: str, data: dict[str, Any], path: Path | None = None) -> Path:
    """bench/results/<name>.json (or `path`: a trial run leaves the kept results alone) with the
    machine description added."""
    path = Path(path) if path is not None else RESULTS_DIR / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"benchmark": name, "machine": machine(), **data}, indent=1) + "\n",
                    encoding="utf-8")
    return path


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A plain aligned text table; floats get 3 significant decimals."""
    def cell(x: Any) -> str:
        return f"{x:.3f}" if isinstance(x, float) else str(x)

    text = [[cell(x) for x in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in text)) for i, h in enumerate(headers)]
    line = lambda r: "  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths)))
    return "\n".join([line(headers), "  ".join("-" * w for w in widths), *(line(r) for r in text)])


def rss_mb() -> float:
    """Current resident set size of this process in MB (from /proc, else peak via getrusage)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
