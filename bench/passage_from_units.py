"""Passage vectors taken from their answer units' vectors instead of encoded: what it would cost.

Usage: python bench/passage_from_units.py [--alphas 1,0.5] [--splits dev:seeds,blind-dev:seeds,blind-dev:pdfs]

A build encodes every passage (with its heading and context words) and every answer unit, about
the same amount of text each. Taking a passage's vector as the normalised mean of its units'
vectors would halve the encoder's time. Before building that, this measures its quality: the
passage vectors of the live indexes are replaced in memory by `alpha * mean(units) + (1 - alpha)
* passage` (normalised; alpha 0 is today's index), and the evaluation runs on the non-sealed
splits named, side by side with alpha 0 in the same process. The refusal model is not refitted.
The sealed blind-test split is never run here.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from _common import table, write_result

METRICS = [("retrieval", "hit@1"), ("retrieval", "mrr@10"), ("answers", "top_span_hit"),
           ("answers", "false_refusal_rate"), ("answers", "unanswerable_accuracy")]


def mixed_vectors(folder: Path, passages: np.ndarray, alpha: float) -> np.ndarray:
    """alpha * (normalised mean of each row's unit vectors) + (1 - alpha) * its own vector, normalised."""
    indptr = np.load(folder / "sentences.indptr.npy")
    units = np.load(folder / "sentences.vectors.npy").astype(np.float32)
    mean = passages.copy()
    for row in range(len(passages)):
        a, b = indptr[row], indptr[row + 1]
        if b > a:
            v = units[a:b].mean(axis=0)
            mean[row] = v / (np.linalg.norm(v) or 1.0)
    mixed = alpha * mean + (1.0 - alpha) * passages
    return mixed / np.linalg.norm(mixed, axis=1, keepdims=True)


def evaluate(alpha: float, split: str, set_name: str) -> dict[str, float]:
    """One split-set evaluated with the passage vectors mixed at `alpha` (read_index patched)."""
    import faiss

    import qa.index.dense as dense
    from qa.evaluation.evaluate import run_suite

    original = dense.read_index

    def patched(path: Path):
        index = original(path)
        vectors = mixed_vectors(Path(path).parent, dense.vectors(index).astype(np.float32), alpha)
        flat = faiss.IndexFlatIP(vectors.shape[1])
        flat.add(vectors)
        return flat

    dense.read_index = patched if alpha else original
    try:
        (report,) = run_suite(split, set_name, modes=("hybrid",))
    finally:
        dense.read_index = original
    data = report.model_dump()
    out = {m: data["retrieval"]["hybrid"]["overall"]["metrics"][m] for part, m in METRICS if part == "retrieval"}
    out.update({m: data["answers"]["overall"]["metrics"].get(m) for part, m in METRICS if part == "answers"})
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alphas", default="1,0.5")
    parser.add_argument("--splits", default="dev:seeds,blind-dev:seeds,blind-dev:pdfs")
    args = parser.parse_args()
    alphas = [0.0] + [float(a) for a in args.alphas.split(",")]
    pairs = [tuple(s.split(":")) for s in args.splits.split(",")]
    if any(split in ("blind-test", "all") for split, _ in pairs):
        parser.error("the sealed split is not run here")
    rows, results = [], []
    for split, set_name in pairs:
        for alpha in alphas:
            figures = evaluate(alpha, split, set_name)
            results.append({"split": split, "set": set_name, "alpha": alpha, **figures})
            rows.append([f"{split}-{set_name}", alpha, *(figures[m] for _, m in METRICS)])
    print(table(["split-set", "alpha", *(m for _, m in METRICS)], rows))
    print(f"wrote {write_result('passage_from_units', {'results': results})}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
