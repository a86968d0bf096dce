"""Warm latency: `qa.retrieve` per mode and `qa.ask`, p50/p95 over every evaluation question.

Usage: python bench/warm_latency.py [--quick] [--repeat N]

Warm means the index, ONNX session and query expander are loaded and one untimed pass over
all questions has run. The retriever's query-embedding cache is emptied before every timed
call, so each timing includes encoding the question (as for a question never seen before).
A full run also repeats one pass with one core kept busy by a spinning process, to show how
the ONNX thread pool copes with a shared machine.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time

from _common import summary, table, write_result

TARGETS_MS = {"hybrid_p50": 15.0, "ask_p50": 30.0}
MODES = ("bm25", "dense", "hybrid")


def forget_query_vectors() -> None:
    """Empty the default retriever's question-embedding cache (see Retriever.query_vector)."""
    from qa.retrieval.retriever import default_retriever

    cache = getattr(default_retriever(), "_vectors", None)
    if cache is not None:
        cache.clear()


def time_calls(calls: dict, questions: list[str], repeat: int) -> dict[str, list[float]]:
    """Seconds per call; the calls are interleaved question by question so drift hits all alike."""
    seconds: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(repeat):
        for q in questions:
            for name, fn in calls.items():
                forget_query_vectors()
                started = time.perf_counter()
                fn(q)
                seconds[name].append(time.perf_counter() - started)
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one timed pass instead of three")
    parser.add_argument("--repeat", type=int, help="timed passes over the questions (default 3)")
    parser.add_argument("--k", type=int, default=10)
    args = parser.parse_args()
    repeat = args.repeat or (1 if args.quick else 3)

    import qa
    from qa.evaluation.evaluate import load_questions
    from qa.retrieval.retriever import default_retriever

    questions = [q.question for q in load_questions(split="all")]
    started = time.perf_counter()
    qa.retrieve(questions[0], k=args.k)  # loads the index
    load_s = time.perf_counter() - started
    calls = {f"retrieve:{m}": (lambda q, m=m: qa.retrieve(q, k=args.k, mode=m)) for m in MODES}
    calls["ask"] = lambda q: qa.ask(q, k=args.k)
    encoder = default_retriever().index.encoder
    calls["encode only (ONNX)"] = lambda q: encoder.encode([q])  # the part dense/hybrid/ask share
    for fn in calls.values():  # warm-up pass
        for q in questions:
            fn(q)
    stats = {name: summary(v, scale=1000) for name, v in time_calls(calls, questions, repeat).items()}
    contended = None
    if not args.quick:  # the same with one core kept busy by another process (a shared machine)
        busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
        try:
            time.sleep(0.3)
            contended = {name: summary(v, scale=1000) for name, v in time_calls(calls, questions, 1).items()}
        finally:
            busy.kill()
            busy.wait()
    checks = {
        "hybrid p50 <= 15 ms": stats["retrieve:hybrid"]["median"] <= TARGETS_MS["hybrid_p50"],
        "ask p50 <= 30 ms": stats["ask"]["median"] <= TARGETS_MS["ask_p50"],
    }
    path = write_result("warm_latency", {
        "questions": len(questions), "repeat": repeat, "k": args.k, "first_load_s": round(load_s, 3),
        "ms": stats, "ms_one_core_busy": contended, "targets_ms": TARGETS_MS, "checks": checks,
    })
    print(f"Warm latency over {len(questions)} questions x {repeat} pass(es), k={args.k} "
          f"(first call incl. index load: {load_s:.3f}s)\n")
    rows = [[n, s["median"], s["p95"], s["min"], s["max"]] for n, s in stats.items()]
    print(table(["call", "p50 ms", "p95 ms", "min ms", "max ms"], rows))
    if contended:
        print("\nsame, one core kept busy by another process (1 pass):\n")
        print(table(["call", "p50 ms", "p95 ms", "min ms", "max ms"],
                    [[n, s["median"], s["p95"], s["min"], s["max"]] for n, s in contended.items()]))
    print("\nchecks: " + "  ".join(f"{k}: {'PASS' if v else 'MISS'}" for k, v in checks.items()))
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
