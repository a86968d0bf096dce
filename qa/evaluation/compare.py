"""Two evaluation reports of the same questions side by side: is a change real or noise?

Usage: python -m qa.evaluation.compare BEFORE.json AFTER.json [--mode hybrid] [--list]

With ~100 questions a split, one question moves a metric by ~0.01, so a change of +0.02 can
be chance. For every metric this prints both values, the difference, the questions that went
up and down, and a 95% paired-bootstrap interval of the difference (the same resampled
questions for both reports, `RESAMPLES` times, fixed seed). Metrics are recomputed from the
per-question results (`questions` in a report written by `qa eval --write` / `--json`), as
`qa.evaluation.evaluate` computes them: means over the questions a metric applies to, and
citation precision / recall micro-averaged over the questions with gold citations.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from qa.evaluation.metrics import set_counts

RESAMPLES = 2000
SEED = 20261202

# metric -> (which questions it applies to, the per-question value)
RANKED = ("hit@1", "mrr@10")
ANSWERS = ("top_span_hit", "answer_hit", "false_refusal_rate", "unanswerable_accuracy")
CITATIONS = ("citation_precision", "citation_recall")


@dataclass
class Row:
    """One metric of the comparison."""

    metric: str
    n: int
    before: float
    after: float
    up: int  # questions whose value rose
    down: int
    low: float  # 95% paired-bootstrap interval of after - before
    high: float

    @property
    def delta(self) -> float:
        return self.after - self.before


def load_report(path: Path) -> dict:
    """A report as `qa eval --write` writes it, or the first of `qa eval --json`'s list."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SystemExit(f"error: cannot read the report {path}: {exc}") from None
    if isinstance(data, list) and data:
        data = data[0]
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        raise SystemExit(f"error: {path} is not a qa eval report (no per-question results)")
    return data


def question_value(q: dict, metric: str, mode: str) -> float | None:
    """The per-question value of `metric`, None where it does not apply (as in evaluate.py)."""
    ranks = q.get("first_relevant_rank") or {}
    answerable = bool(q.get("docs"))
    if metric in RANKED:
        if not answerable or mode not in ranks:
            return None
        rank = ranks[mode]
        if metric == "hit@1":
            return float(rank == 1)
        return 1.0 / rank if rank is not None and rank <= 10 else 0.0
    if metric == "unanswerable_accuracy":
        return None if answerable else float(not q.get("found"))
    if metric == "false_refusal_rate":
        return float(not q.get("found")) if answerable else None
    value = q.get(metric)
    return None if value is None else float(value)


def citation_counts(q: dict) -> tuple[int, int, int] | None:
    """(tp, fp, fn) of a question with gold citations, None for one without (not counted)."""
    gold = q.get("citations_gold") or []
    return set_counts(q.get("citations_predicted") or [], gold) if gold else None


def micro(counts: np.ndarray, other: int, axis: int) -> np.ndarray:
    """tp / (tp + counts[other]) summed along `axis` (other = 1: precision, 2: recall); 0 when empty."""
    tp, rest = counts[..., 0].sum(axis=axis), counts[..., other].sum(axis=axis)
    return np.divide(tp, tp + rest, out=np.zeros_like(tp, dtype=float), where=(tp + rest) > 0)


def _interval(samples: np.ndarray) -> tuple[float, float]:
    return float(np.percentile(samples, 2.5)), float(np.percentile(samples, 97.5))


def compare(before: dict, after: dict, mode: str = "hybrid", resamples: int = RESAMPLES,
            seed: int = SEED) -> tuple[list[Row], dict[str, list[str]]]:
    """Rows for every metric over the questions both reports share, and per metric the ids of
    the questions that went down (so a reader can look at them)."""
    a = {q["id"]: q for q in before["questions"]}
    b = {q["id"]: q for q in after["questions"]}
    ids = sorted(set(a) & set(b))
    if not ids:
        raise SystemExit("error: the two reports share no question ids")
    rng = np.random.default_rng(seed)
    rows: list[Row] = []
    worse: dict[str, list[str]] = {}
    for metric in (*RANKED, *ANSWERS):
        pairs = [(i, question_value(a[i], metric, mode), question_value(b[i], metric, mode)) for i in ids]
        pairs = [(i, x, y) for i, x, y in pairs if x is not None and y is not None]
        if not pairs:
            continue
        x = np.array([p[1] for p in pairs])
        y = np.array([p[2] for p in pairs])
        picks = rng.integers(0, len(pairs), size=(resamples, len(pairs)))
        low, high = _interval((y[picks] - x[picks]).mean(axis=1))
        better = 1 if metric != "false_refusal_rate" else -1
        rows.append(Row(metric, len(pairs), float(x.mean()), float(y.mean()),
                        int(((y - x) * better > 0).sum()), int(((y - x) * better < 0).sum()), low, high))
        worse[metric] = [i for i, p, q in pairs if (q - p) * better < 0]
    counted = [(i, citation_counts(a[i]), citation_counts(b[i])) for i in ids]
    counted = [(i, x, y) for i, x, y in counted if x is not None and y is not None]
    if counted:
        x = np.array([c[1] for c in counted], dtype=float)  # (questions, [tp, fp, fn])
        y = np.array([c[2] for c in counted], dtype=float)
        picks = rng.integers(0, len(counted), size=(resamples, len(counted)))
        for metric, other in (("citation_precision", 1), ("citation_recall", 2)):
            per_x = micro(x[:, None, :], other, axis=1)  # each question's own ratio
            per_y = micro(y[:, None, :], other, axis=1)
            low, high = _interval(micro(y[picks], other, axis=1) - micro(x[picks], other, axis=1))
            rows.append(Row(metric, len(counted), float(micro(x, other, axis=0)), float(micro(y, other, axis=0)),
                            int((per_y > per_x).sum()), int((per_y < per_x).sum()), low, high))
            worse[metric] = [c[0] for c, px, py in zip(counted, per_x, per_y) if py < px]
    return rows, worse


def format_rows(rows: list[Row]) -> str:
    lines = [f"{'metric':<22} {'n':>4} {'before':>7} {'after':>7} {'delta':>7}   95% interval     up  down"]
    for r in rows:
        lines.append(f"{r.metric:<22} {r.n:>4} {r.before:>7.3f} {r.after:>7.3f} {r.delta:>+7.3f}   "
                     f"[{r.low:+.3f}, {r.high:+.3f}] {r.up:>4} {r.down:>5}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--mode", default="hybrid", help="retrieval mode of hit@1 / MRR (default hybrid)")
    parser.add_argument("--list", action="store_true", help="also list the questions that went down")
    args = parser.parse_args(argv)
    before, after = load_report(args.before), load_report(args.after)
    if (before.get("split"), before.get("set")) != (after.get("split"), after.get("set")):
        print(f"note: comparing {before.get('split')}/{before.get('set')} with "
              f"{after.get('split')}/{after.get('set')}: only shared question ids count", file=sys.stderr)
    if args.list and "blind-test" in (before.get("split"), after.get("split")):
        print("error: blind-test is sealed: its questions are not listed, only aggregates", file=sys.stderr)
        return 2
    rows, worse = compare(before, after, args.mode)
    print(format_rows(rows))
    if args.list:
        for metric, ids in worse.items():
            if ids:
                print(f"down in {metric}: {' '.join(ids)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
