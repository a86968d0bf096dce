"""Cold start: wall and CPU time of a fresh `qa search` / `qa ask` process versus the naive torch path.

Usage: python bench/cold_start.py [--quick] [--runs N] [--question "..."] [--compare DIR] [--no-naive]

Each timed run is a new Python process (spawn to exit) against the already built index; the
commands are interleaved run by run so drift hits them alike, after one untimed run of each (so
"cold" means a cold interpreter, not a cold disk cache). Each run's CPU seconds (user + sys of the
child, `resource.getrusage`) are kept beside its wall time: on a loaded machine the wall time
mostly measures the other work. `--compare DIR` also times `qa search` / `qa ask` with another
checkout's code (PYTHONPATH=DIR, e.g. a clone of an older commit whose index folder is a link to
this one's), alternated run by run with this code's. Also reports which heavy modules the query
path imports (`python -X importtime`), the biggest imports, and a phase breakdown in CPU and wall
seconds from an in-process probe (imports, index check, load, ONNX session, first search, the
English word list, first answer; modules imported by then).
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import summary, table, timed_run, write_result

PY = sys.executable
QUESTION = "Which sources were used for SLE?"
HEAVY = ("torch", "sentence_transformers", "transformers", "scipy", "sklearn", "pandas", "haystack")
TARGETS = {"search_s": 1.0, "search_speedup": 5.0, "ask_s": 1.2}

# Runs in a fresh interpreter; prints "phase cpu_seconds wall_seconds" lines (incremental, in order).
PHASE_PROBE = r"""
import sys, time
t, c = time.perf_counter(), time.process_time(); marks = []
def mark(name):
    global t, c
    now, cpu = time.perf_counter(), time.process_time(); marks.append((name, cpu - c, now - t)); t, c = now, cpu
import numpy; mark("import numpy")
import pydantic; mark("import pydantic")
import qa.models, qa.settings; mark("import qa.models/settings (pydantic models)")
import faiss; mark("import faiss")
import onnxruntime; mark("import onnxruntime")
import tokenizers, rank_bm25; mark("import tokenizers, rank_bm25")
import qa.app.cli, qa.retrieval.retriever, qa.app.render; mark("import rest of qa for search (cli)")
from qa.index import store
from qa.settings import Settings
settings = Settings.from_env(); state = store.check(settings); mark("index freshness check")
from qa.index.load import load
index = load(state.build, state.manifest); mark("load index (passages, faiss, bm25)")
index.encoder.load(); mark("ONNX session + tokenizer")
from qa.retrieval.retriever import Retriever
retriever = Retriever(settings, index=index)
retriever.search(sys.argv[1]); mark("first search (expander, encode, rank)")
search_modules = len(sys.modules)
import qa.answer.answerer; mark("import qa.answer (answer stage)")
from qa.retrieval import spelling
spelling.english_word("dose"); mark("English word list, first look-up (qa.retrieval.spelling)")
from qa.answer.answerer import Answerer
Answerer(retriever=retriever).ask(sys.argv[1]); mark("first ask after search (answer units, tables)")
for name, cpu, wall in marks: print(f"{cpu:.4f} {wall:.4f} {name}")
print(f"modules {search_modules} {len(sys.modules)}")
"""


def cpu_run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall and CPU (user + sys) seconds of one fresh process, and its result; fails on a non-zero exit."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall, result = timed_run(cmd, env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, result


def cold_run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run that found the index ready; a run that (re)built it is redone.

    The index key covers the build code, so an edit to qa/ makes the next command rebuild
    (its progress bar lines start with '['): that is a build, not a cold query.
    """
    for _ in range(5):
        seconds, cpu, result = cpu_run(cmd, env)
        if not any(line.startswith("[") for line in result.stderr.splitlines()):
            return seconds, cpu
        print(f"  (index was rebuilt during {' '.join(cmd[1:4])}: run repeated)", file=sys.stderr)
    raise RuntimeError("the index keeps being rebuilt: is someone editing qa/ right now?")


def import_probe(question: str, env: dict[str, str]) -> dict:
    """Modules imported by a real `qa search` run: heavy ones present, largest top-level imports."""
    _, result = timed_run([PY, "-X", "importtime", "-m", "qa", "search", question], env)
    modules: dict[str, int] = {}
    top: list[tuple[str, float]] = []
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, cumulative, name = line[len("import time:"):].split("|")
        modules[name.strip()] = int(cumulative)
        if name.startswith(" ") and not name.startswith("  "):
            top.append((name.strip(), int(cumulative) / 1e6))
    heavy = {h: any(m == h or m.startswith(h + ".") for m in modules) for h in HEAVY}
    top.sort(key=lambda x: -x[1])
    return {
        "modules_imported": len(modules),
        "heavy_imported": heavy,
        "torch_free": not heavy["torch"] and not heavy["sentence_transformers"],
        "top_imports_s": [[n, round(s, 4)] for n, s in top[:12]],
        "total_import_s": round(sum(s for _, s in top), 4),
    }


def phase_probe(question: str, envs: dict[str, dict[str, str]], runs: int) -> dict[str, dict]:
    """Per code (this one, and `--compare`'s), alternated run by run: the median CPU and wall seconds of
    each phase over `runs` fresh processes, and the modules imported after the first search / ask."""
    samples: dict[str, dict[str, list[tuple[float, float]]]] = {code: {} for code in envs}
    modules: dict[str, list[int]] = {}
    for _ in range(runs):
        for code, env in envs.items():
            _, result = timed_run([PY, "-c", PHASE_PROBE, question], env)
            for line in result.stdout.splitlines():
                if line.startswith("modules "):
                    modules[code] = [int(x) for x in line.split()[1:]]
                    continue
                cpu, wall, name = line.split(" ", 2)
                samples[code].setdefault(name, []).append((float(cpu), float(wall)))
    out: dict[str, dict] = {}
    for code, phases in samples.items():
        rows = [[name, round(statistics.median(c for c, _ in v), 4), round(statistics.median(w for _, w in v), 4)]
                for name, v in phases.items()]
        out[code] = {"phases_cpu_wall_s": rows, "modules_after_search": modules[code][0],
                     "modules_after_ask": modules[code][1]}
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 runs instead of 9")
    parser.add_argument("--runs", type=int, help="timed runs per command (default 9, quick 3)")
    parser.add_argument("--question", default=QUESTION)
    parser.add_argument("--compare", type=Path, metavar="DIR",
                        help="another checkout (its index folder this one's): its qa search / ask alternated with these")
    parser.add_argument("--no-naive", action="store_true", help="skip the naive torch path (~5 s CPU a run)")
    args = parser.parse_args()
    runs = args.runs or (3 if args.quick else 9)
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false",
           "PYTHONPATH": str(root), "PYTHONSAFEPATH": "1"}  # qa from PYTHONPATH, never the working directory
    q = args.question
    commands = {
        "python_startup": [PY, "-c", "print(1)"],
        "qa_search": [PY, "-m", "qa", "search", q],
        "qa_search_source": [PY, "-m", "qa", "search", q],
        "qa_ask": [PY, "-m", "qa", "ask", q],
        "naive_query": [PY, "bench/naive_query.py", q],
    }
    if args.no_naive:
        del commands["naive_query"]
    # scripts/setup.sh compiles qa/ once (`compileall`): this machine sets PYTHONDONTWRITEBYTECODE, so
    # without it every start compiles every qa module from source. qa_search_source is the start with no
    # bytecode at all: a bytecode folder of its own, left empty, so Python compiles EVERY module from
    # source, the standard library's and the packages' too (more than the qa modules a start without
    # setup.sh's compileall compiles: `--compare` with a checkout of older code shows that one)
    source_env = {**env, "PYTHONDONTWRITEBYTECODE": "1",
                  "PYTHONPYCACHEPREFIX": tempfile.mkdtemp(prefix="qa-bench-nopyc-")}
    envs = {name: source_env if name.endswith("_source") else env for name in commands}
    envs["naive_query"] = {k: v for k, v in env.items() if k != "PYTHONSAFEPATH"}  # imports from bench/
    probe_envs = {"this": env}
    if args.compare:
        base_env = {**env, "PYTHONPATH": str(args.compare.resolve())}
        for name in ("qa_search", "qa_ask"):
            commands[f"{name}_compare"] = commands[name]
            envs[f"{name}_compare"] = base_env
        probe_envs["compare"] = base_env
    timed_run([PY, "-m", "qa", "index"], env)  # builds the index if missing or stale
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for name, cmd in commands.items():
        timed_run(cmd, envs[name])  # untimed: page cache
    for i in range(runs):
        for name, cmd in commands.items():
            wall, cpu = cold_run(cmd, envs[name])
            times[name].append(wall)
            cpus[name].append(cpu)
        print(f"run {i + 1}/{runs}: " + "  ".join(f"{n} {t[-1]:.3f}s/{cpus[n][-1]:.3f}cpu" for n, t in times.items()),
              file=sys.stderr)
    stats = {name: summary(v) for name, v in times.items()}
    cpu_stats = {name: summary(v) for name, v in cpus.items()}
    med = {name: s["median"] for name, s in stats.items()}
    ratios = {}
    if "naive_query" in med:
        ratios = {"naive_over_search": round(med["naive_query"] / med["qa_search"], 2),
                  "naive_over_ask": round(med["naive_query"] / med["qa_ask"], 2)}
    checks = {"search_s <= 1.0": med["qa_search"] <= TARGETS["search_s"], "ask_s <= 1.2": med["qa_ask"] <= TARGETS["ask_s"]}
    if ratios:
        checks["search >= 5x faster than naive"] = ratios["naive_over_search"] >= TARGETS["search_speedup"]
    imports = import_probe(q, env)
    checks["torch/sentence_transformers not imported"] = imports["torch_free"]
    probes = phase_probe(q, probe_envs, 3 if args.quick else 5)
    compiled = any((root / "qa" / "__pycache__").glob("*.pyc"))
    result = {"question": q, "runs": runs, "bytecode_cache": {"qa_search": compiled, "qa_search_source": False},
              "compare": str(args.compare) if args.compare else None,
              "seconds": stats, "cpu_seconds": cpu_stats, "ratios": ratios, "targets": TARGETS,
              "checks": checks, "imports": imports, "phases": probes,
              "raw_seconds": {n: [round(x, 4) for x in v] for n, v in times.items()},
              "raw_cpu_seconds": {n: [round(x, 4) for x in v] for n, v in cpus.items()}}
    path = write_result("cold_start", result)

    print(f"\nCold start, {runs} runs each (fresh process, index built, disk cache warm)\n")
    rows = [[n, s["median"], s["p95"], s["min"], cpu_stats[n]["median"], cpu_stats[n]["min"]] for n, s in stats.items()]
    print(table(["command", "median s", "p95 s", "min s", "CPU median s", "CPU min s"], rows))
    if ratios:
        print(f"\nnaive / qa search = {ratios['naive_over_search']}x   naive / qa ask = {ratios['naive_over_ask']}x")
    print("\nheavy modules imported by `qa search`: "
          + ", ".join(f"{k}={'yes' if v else 'no'}" for k, v in imports["heavy_imported"].items()))
    print(f"{imports['modules_imported']} modules, top-level imports {imports['total_import_s']:.3f}s; largest:")
    print(table(["module", "cumulative s"], imports["top_imports_s"][:8]))
    for code, probe in probes.items():
        print(f"\nphases of a cold query, {code} code (in-process probe, median; modules imported: "
              f"{probe['modules_after_search']} after the search, {probe['modules_after_ask']} after the ask):")
        rows = probe["phases_cpu_wall_s"]
        print(table(["phase", "CPU s", "wall s"], rows))
        print(f"  sum CPU {sum(r[1] for r in rows):.3f}s, wall {sum(r[2] for r in rows):.3f}s + interpreter startup")
    print("\nchecks: " + "  ".join(f"{k}: {'PASS' if v else 'MISS'}" for k, v in checks.items()))
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
