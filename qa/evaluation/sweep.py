"""Retrieval-only measurement of the three choice reports under changed retrieval settings.

Usage: python -m qa.evaluation.sweep '{"convex_weight": 0.2}' '{"rerank_first_weight": 1.25}' \
           [--bm25 1.2,0.75] [--k 10]

Choosing a retrieval weight means comparing many settings on dev seeds, blind-dev seeds and
blind-dev pdfs together; `qa eval` also asks every question for an answer and loads the
indexes again for every run. This loads each set's index once, asks only the hybrid
retrieval, and prints hit@1 / MRR@k / gold within 300 words per report for every settings
object given (the first row is always the current settings). `--bm25 K1,B` rebuilds BM25 in
memory from the index texts with other parameters (the index on disk is not touched), so
length normalisation can be compared without rebuilding both indexes.

Only `dev` and `blind-dev` are asked: the sealed split is never an input here.
"""
from __future__ import annotations

import argparse
import json
from collections.abc import Sequence

from qa.errors import QAError
from qa.evaluation.evaluate import _context, _retrieval_row, load_all
from qa.settings import Settings

# the reports retrieval choices are made on (evals/README.md); the sealed split is not one of them
REPORTS = (("dev", "seeds"), ("blind-dev", "seeds"), ("blind-dev", "pdfs"))
METRICS = ("hit@1", "mrr@{k}", "hit@300w")


def bm25_with(index, settings, k1: float, b: float):
    """A BM25 over the index's own texts (section heading + passage, as `qa.index.build`
    indexes them) with other k1 / b; in memory only."""
    from qa.index.analyzer import tokenize
    from qa.index.bm25 import BM25
    from qa.index.build import index_text

    passages = index.passages
    words = settings.ingest.passage_context_words
    tokens = [tokenize(index_text(passages[r], passages[r - 1] if r else None, words))
              for r in range(len(passages))]
    return BM25.build(tokens, k1=k1, b=b)


class Sweep:
    """The three reports' questions and indexes, loaded once; `measure` asks them again."""

    def __init__(self, reports: Sequence[tuple[str, str]] = REPORTS) -> None:
        from qa.evaluation.corpora import settings_for
        from qa.index.load import open_index

        if any(split not in ("dev", "blind-dev") for split, _ in reports):
            raise ValueError("a sweep measures dev and blind-dev only (the sealed split is never chosen on)")
        self.reports = list(reports)
        self.indexes = {name: open_index(settings_for(name, Settings())) for name in {n for _, n in reports}}
        self.questions = {(split, name): [q for q in load_all(split, name) if q.answerable]
                          for split, name in reports}
        self._bm25 = {name: index.bm25 for name, index in self.indexes.items()}

    def use_bm25(self, k1: float | None = None, b: float | None = None) -> None:
        """BM25 with other parameters for later `measure` calls; no arguments: the built one."""
        from qa.evaluation.corpora import settings_for

        for name, index in self.indexes.items():
            index.bm25 = self._bm25[name] if k1 is None else bm25_with(
                index, settings_for(name, Settings()), k1, b if b is not None else 0.75)

    def measure(self, retrieval: dict | None = None, k: int = 10) -> dict[str, dict[str, float]]:
        """Hybrid hit@1 / MRR@k / hit@300w per report with these retrieval settings."""
        from qa.evaluation.corpora import settings_for
        from qa.retrieval.retriever import Retriever

        base = Settings(retrieval=retrieval or {})
        names = [m.format(k=k) for m in METRICS]
        out: dict[str, dict[str, float]] = {}
        for split, name in self.reports:
            retriever = Retriever(settings_for(name, base), index=self.indexes[name])
            questions = self.questions[(split, name)]
            sums = dict.fromkeys(names, 0.0)
            for q in questions:
                row, _ = _retrieval_row(q, retriever.search(q.question, k=k, **_context(q)), k)
                for m in names:
                    sums[m] += row.values[m] or 0.0
            out[f"{split} {name}"] = {m: v / max(len(questions), 1) for m, v in sums.items()}
        return out


def line(label: str, result: dict[str, dict[str, float]]) -> str:
    return f"{label:50s} " + " | ".join(
        f"{report}: " + " / ".join(f"{v:.3f}" for v in values.values()) for report, values in result.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("settings", nargs="*", help="JSON objects of retrieval settings to compare")
    parser.add_argument("--bm25", help="K1,B: BM25 rebuilt in memory with these parameters for every row")
    parser.add_argument("--k", type=int, default=10)
    args = parser.parse_args(argv)
    rows = [("current settings, BM25 k1,b " + args.bm25) if args.bm25 else "current settings", *args.settings]
    retrievals: list[dict] = [{}]
    for text in args.settings:  # every row checked before the indexes load, each error one line
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            parser.error(f"settings {text!r} are not JSON: {exc.msg}")
        if not isinstance(value, dict):
            parser.error(f"settings {text!r} must be a JSON object of retrieval settings")
        try:
            Settings.build({"retrieval": value})
        except QAError as exc:
            parser.error(str(exc))
        retrievals.append(value)
    bm25: tuple[float, float] | None = None
    if args.bm25:
        try:
            k1, b = (float(x) for x in args.bm25.split(","))
        except ValueError:
            parser.error(f"--bm25 {args.bm25!r}: expected two numbers K1,B, e.g. 1.2,0.75")
        bm25 = (k1, b)
    sweep = Sweep()
    if bm25:
        sweep.use_bm25(*bm25)
    for label, retrieval in zip(rows, retrievals):
        print(line(label, sweep.measure(retrieval, args.k)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
