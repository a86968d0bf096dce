"""Cross-review study identity against the judged pairs of `evals/study_identity_gold.jsonl`.

Each gold row names a key `a` of one review and either a key `b` of another review (`same`
true or false) or `b: null` (no counterpart in that review). The registry's prediction for
`a` in `b`'s review is the key of that review merged into `a`'s study, if any:
- a true pair is a true positive when the prediction is `b`, else a false negative;
- a false pair is a false positive when the prediction is `b`;
- a null row is a false positive when there is any prediction;
- a wrong key predicted for a true pair counts as a false positive too.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from qa.index.studies import Registry

GOLD = Path(__file__).resolve().parents[2] / "evals" / "study_identity_gold.jsonl"
# Written blind after the thresholds were fixed (never used to choose anything): judged pairs
# of keys that are NOT the same study, so it measures false merges on unseen keys.
HELDOUT = GOLD.with_name("study_identity_heldout.jsonl")


@dataclass
class IdentityScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    rows: int = 0
    negatives: int = 0  # judged rows saying "not the same study" (false pairs and `b: null`)
    false_merges: int = 0  # merges made on those rows
    missing: list[str] = field(default_factory=list)  # gold keys the registry does not know
    errors: list[str] = field(default_factory=list)

    @property
    def false_merge_rate(self) -> float:
        """Share of the judged not-same rows the registry merged anyway (0 when none judged)."""
        return self.false_merges / self.negatives if self.negatives else 0.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def summary(self) -> str:
        return (f"study identity: precision {self.precision:.3f} ({self.tp}/{self.tp + self.fp}), "
                f"recall {self.recall:.3f} ({self.tp}/{self.tp + self.fn}) on {self.rows} judged rows; "
                f"false merges {self.false_merges}/{self.negatives} not-same rows")


def load_gold(path: Path = GOLD) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def predicted(registry: Registry, doc_id: str, key: str, other_doc: str) -> str | None:
    """The key of `other_doc` merged into the study that `doc_id`'s `key` resolves to."""
    study = registry.for_citation(doc_id, key)
    if study is None:
        return None
    return next((c.key for c in study.cited_by if c.doc_id == other_doc), None)


def score_identity(registry: Registry, gold: list[dict]) -> IdentityScore:
    score = IdentityScore(rows=len(gold))
    seen_fp: set[tuple] = set()
    for row in gold:
        a = row["a"]
        b = row.get("b")
        if b is None or not row["same"]:
            score.negatives += 1
        for side in (a, b):  # a key the registry does not know would make a row pass vacuously
            if side is not None and registry.for_citation(side["doc"], side["key"]) is None:
                score.missing.append(f"{side['doc']}:{side['key']}")
        if b is None:
            others = {c.doc_id for s in [registry.for_citation(a["doc"], a["key"])] if s for c in s.cited_by}
            hits = sorted(others - {a["doc"]})
            if hits and (a["doc"], a["key"]) not in seen_fp:
                seen_fp.add((a["doc"], a["key"]))
                score.fp += 1
                score.false_merges += 1
                score.errors.append(f"false merge: {a['doc']}:{a['key']} has no counterpart, merged with {hits}")
            continue
        got = predicted(registry, a["doc"], a["key"], b["doc"])
        if row["same"]:
            if got == b["key"]:
                score.tp += 1
            else:
                score.fn += 1
                score.errors.append(f"missed: {a['doc']}:{a['key']} = {b['doc']}:{b['key']} (got {got})")
                if got is not None and (a["doc"], a["key"], got) not in seen_fp:
                    seen_fp.add((a["doc"], a["key"], got))
                    score.fp += 1
        elif got == b["key"] and (a["doc"], a["key"], got) not in seen_fp:
            seen_fp.add((a["doc"], a["key"], got))
            score.fp += 1
            score.false_merges += 1
            score.errors.append(f"false merge: {a['doc']}:{a['key']} with {b['doc']}:{b['key']}")
    return score
