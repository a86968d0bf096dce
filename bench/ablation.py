"""Ablation by writing round and by article: what a setting contributes, where.

Usage: python bench/ablation.py '{"echo_penalty": 0}' '{"rerank_procedure_weight": 1}' [--fresh 5] [--quick]

A setting chosen on the blind rounds that existed at the time may only fit their questions. This
asks dev-seeds, blind-dev seeds and blind-dev pdfs once with the current settings and once per
override given (indexes loaded once; retrieval reused when only answer settings change), and
prints default - override per group as question counts: dev-seeds, each blind round (b1 = ids
'b-', b2 = 'b2-', ...) and, for the PDFs, each article. h hit@1, t top span, a answer hit, k true
citation keys, fk false keys, r unanswerable questions refused, fr false refusals. `--fresh N`
also sums rounds N and later apart from the earlier ones (a setting's own rounds vs. those
written after it), and the questions that moved are listed. Only `dev` and `blind-dev` are
asked: the sealed split is never an input here (evals/README.md, twenty-second session).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

REPORTS = (("dev", "seeds"), ("blind-dev", "seeds"), ("blind-dev", "pdfs"))
COUNTS = (("hit1", "h"), ("top", "t"), ("ahit", "a"), ("tp", "k"), ("fp", "fk"), ("ref", "r"), ("fref", "fr"))


class Ablation:
    """The three reports' questions and indexes, loaded once; `run` asks every question."""

    def __init__(self, limit: int | None = None) -> None:
        from qa.evaluation.corpora import settings_for
        from qa.evaluation.evaluate import load_all
        from qa.index.load import open_index
        from qa.settings import Settings

        self.indexes = {name: open_index(settings_for(name, Settings())) for name in ("seeds", "pdfs")}
        self.questions = {(split, name): load_all(split, name)[:limit] for split, name in REPORTS}
        self._ranked: dict[tuple[str, str, str], dict[str, float]] = {}

    def run(self, override: dict | None = None) -> dict[str, dict]:
        """Per question id: group, docs and its outcomes under these settings."""
        from qa.answer.answerer import Answerer
        from qa.evaluation.corpora import settings_for
        from qa.evaluation.evaluate import _answer_row, _context, _retrieval_row
        from qa.retrieval.retriever import Retriever
        from qa.settings import Settings

        base = Settings(**(override or {}))
        retrieval = base.retrieval.model_dump_json()
        out: dict[str, dict] = {}
        for split, name in REPORTS:
            settings = settings_for(name, base)
            retriever = Retriever(settings, index=self.indexes[name])
            answerer = Answerer(settings, retriever)
            ranked = self._ranked.setdefault((retrieval, split, name), {})
            for q in self.questions[(split, name)]:
                row = {"report": f"{split}-{name}", "group": "dev" if split == "dev" else f"b{q.round}",
                       "docs": q.docs, "answerable": q.answerable}
                if q.answerable:
                    if q.id not in ranked:
                        hits = retriever.search(q.question, k=10, mode="hybrid", **_context(q))
                        ranked[q.id] = _retrieval_row(q, hits, 10)[0].values["hit@1"]
                    row["hit1"] = ranked[q.id]
                answer = answerer.ask(q.question, k=10, **_context(q))
                scored, result = _answer_row(q, answer)
                row.update(found=bool(answer.found), top=bool(result.top_span_hit),
                           ahit=bool(result.answer_hit), cit=list(scored.counts or (0, 0, 0)))
                out[f"{split}-{name}:{q.id}"] = row
        return out


def difference(default: dict, other: dict, keys) -> dict[str, int]:
    """default - other, summed over these questions, as counts."""
    out: dict[str, int] = defaultdict(int)
    for key in keys:
        a, b = default[key], other[key]
        if a["answerable"]:
            for m in ("hit1", "top", "ahit"):
                out[m] += int(a[m]) - int(b[m])
            out["tp"] += a["cit"][0] - b["cit"][0]
            out["fp"] += a["cit"][1] - b["cit"][1]
            out["fref"] += int(not a["found"]) - int(not b["found"])
        else:
            out["ref"] += int(not a["found"]) - int(not b["found"])
    return out


def show(counts: dict[str, int]) -> str:
    return " ".join(f"{short}{counts[m]:+d}" for m, short in COUNTS if counts.get(m)) or "0"


def moved(default: dict, other: dict) -> list[str]:
    fields = ("hit1", "top", "ahit", "found", "cit")
    return [key.split(":", 1)[1] for key in default if any(default[key].get(f) != other[key].get(f) for f in fields)]


def report(default: dict, other: dict, fresh: int | None) -> list[str]:
    groups: dict[str, list[str]] = defaultdict(list)
    for key, row in default.items():
        short = row["report"].replace("blind-dev-", "")
        groups[f"{short}:{row['group']}"].append(key)
        if row["report"] == "blind-dev-pdfs":
            for doc in row["docs"]:
                groups[f"pdfs:{doc}"].append(key)
    lines = [f"  {group}: {show(difference(default, other, keys))}" for group, keys in sorted(groups.items())
             if show(difference(default, other, keys)) != "0"]
    if fresh is not None:
        later = [k for k, r in default.items() if r["group"] != "dev" and int(r["group"][1:]) >= fresh]
        earlier = [k for k in default if k not in set(later)]
        lines.insert(0, f"  rounds < {fresh} and dev: {show(difference(default, other, earlier))}; "
                        f"rounds >= {fresh}: {show(difference(default, other, later))}")
    lines.append(f"  moved: {', '.join(moved(default, other)) or 'none'}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("overrides", nargs="+", help="settings as JSON objects of flat names")
    parser.add_argument("--fresh", type=int, default=None, help="first round counted apart")
    parser.add_argument("--quick", action="store_true", help="the first 20 questions of each report only")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    ablation = Ablation(20 if args.quick else None)
    default = ablation.run()
    for text in args.overrides:
        print(f"{text} (default - this)")
        print("\n".join(report(default, ablation.run(json.loads(text)), args.fresh)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
