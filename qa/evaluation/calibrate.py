"""Fitting the refusal model on the dev splits, and its reliability curve.

`python -m qa.evaluation.calibrate` asks every dev and blind-dev question of both sets (each on
its own corpus), records the evidence features of `qa.answer.refusal` with the label "the
corpus answers it", fits a logistic regression (scikit-learn, a dev dependency) and prints the
coefficients to store as settings, out-of-fold refused / false refusals per set (`cross_validate`:
judge a feature by these, not by the in-sample ones; `leave_group_out`: the same with each *writing
group* held out, the closest to unseen questions that dev data allows; `refusal_shares`,
`group_shares` and `set_intervals`: the same per question, folds stratified by set, round and label,
with a bootstrap interval per set, read by `worth_keeping`), the threshold that keeps false refusals on dev at or
below `MAX_FALSE_REFUSALS` on each question set, and a reliability table (predicted probability bins against the
observed share of answerable questions). The sealed blind-test split is never read.

`--rounds 1-13` keeps the blind-dev questions of those rounds only (the dev questions always): the
rounds a session may choose on, so that a refit leaves the later rounds an out-of-sample check
(`python -m qa.evaluation.calibrate --rounds 1-13 --write` refits on dev + blind-dev b1-b13). The
stored model's `fitted_on` names the rounds.
"""
from __future__ import annotations

import argparse
import json
import re
from collections.abc import Sequence

from qa.answer.answerer import Answerer
from qa.retrieval.question import kind_of
from qa.answer.refusal import FEATURES, probability
from qa.evaluation.corpora import settings_for
from qa.evaluation.evaluate import SEALED, Question, load_all
from qa.settings import REFUSAL_MODEL

DEV_SPLITS = ("dev", "blind-dev")
MAX_FALSE_REFUSALS = 0.04
SET_OF: dict[str, str] = {}  # question id -> the set (corpus) `collect` asked it on


def features_of(answerer: Answerer, question: Question, k: int = 10) -> list[float] | None:
    """The refusal features `Answerer.ask` would compute (None: too vague or nothing found)."""
    query = answerer.retriever.parse(question.question, question.previous)
    query = query.with_kind(kind_of(query, answerer.index))
    if answerer.too_vague(query):
        return None
    depth = max(k, answerer.settings.answer.sources_depth) if query.kind == "sources" else k
    hits = answerer.retriever.search(query, k=depth)
    units = answerer.units(hits)
    if not units:
        return None
    answerer.score_units(query, units)
    units.sort(key=lambda u: -u.score)
    return answerer.refusal_features(query, units, hits)


def parse_rounds(text: str) -> tuple[int, int]:
    """'1-13' -> (1, 13), '4' -> (4, 4): the blind rounds a refit reads; a bad range is one clear error."""
    match = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?", text)
    if match is None:
        raise ValueError(f"--rounds takes a round or a range of rounds such as 1-13, not {text!r}")
    first, last = int(match.group(1)), int(match.group(2) or match.group(1))
    if not 1 <= first <= last:
        raise ValueError(f"--rounds {text!r}: the rounds run from 1, the first no later than the last")
    return first, last


def selected(question: Question, splits: Sequence[str], rounds: tuple[int, int] | None) -> bool:
    """Whether `collect` asks the question: its split is one of `splits` and, for a blind question with
    `rounds` given, its round lies in that range (a question of no round, dev's own, is always kept)."""
    if question.split not in splits:
        return False
    return rounds is None or question.round is None or rounds[0] <= question.round <= rounds[1]


def collect(splits: Sequence[str] = DEV_SPLITS, sets: Sequence[str] = ("seeds", "pdfs"),
            rounds: tuple[int, int] | None = None) -> list[tuple[Question, list[float] | None]]:
    """(question, features) for each question of `splits` and `sets` (`rounds`: blind rounds first..last
    only; None reads every round)."""
    if SEALED in splits:
        raise ValueError("the sealed split is never used for calibration")
    rows = []
    SET_OF.clear()
    for set_name in sets:
        answerer = Answerer(settings_for(set_name))
        for q in load_all("all", set_name):
            if selected(q, splits, rounds):
                SET_OF[q.id] = set_name
                rows.append((q, features_of(answerer, q)))
    return rows


def fit(rows: list[tuple[Question, list[float] | None]]) -> tuple[list[float], float]:
    from sklearn.linear_model import LogisticRegression

    usable = [(q, f) for q, f in rows if f is not None]
    x = [f for _, f in usable]
    y = [int(q.answerable) for q, _ in usable]
    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000).fit(x, y)
    return [round(float(c), 4) for c in model.coef_[0]], round(float(model.intercept_[0]), 4)


def choose_threshold(probs: list[tuple[bool, float]], max_false: float = MAX_FALSE_REFUSALS) -> float:
    """The highest threshold whose false-refusal rate on answerable questions is <= max_false."""
    answerable = sorted(p for a, p in probs if a)
    allowed = int(max_false * len(answerable))
    return round(max(0.05, answerable[allowed] - 1e-6) if answerable else 0.5, 4)


def set_threshold(probs: list[tuple[bool, float]], sets: Sequence[str],
                  max_false: float = MAX_FALSE_REFUSALS) -> float:
    """The threshold that keeps false refusals at or below `max_false` on each question set
    (seeds, pdfs), not only on the pool: the lowest of the sets' own `choose_threshold`. The
    issue's target is false refusals <= 0.05 on both, and the pool is dominated by the seeds."""
    by_set: dict[str, list[tuple[bool, float]]] = {}
    for name, pair in zip(sets, probs):
        by_set.setdefault(name, []).append(pair)
    return min(choose_threshold(pairs, max_false) for pairs in by_set.values())


def question_set(question: Question) -> str:
    """The question set (seeds, pdfs) `collect` asked `question` on; "all" if it did not."""
    return SET_OF.get(question.id, "all")


def writing_group(question: Question) -> str:
    """Who wrote the question: the project's own dev questions, or one blind round (the id's
    prefix: b-, b2-, b3-), on its set. Questions of one group share a writer's habits (lay
    wording, follow-ups), so holding a whole group out is nearer to unseen questions than a fold."""
    round_ = "dev" if question.split == "dev" else question.id.split("-", 1)[0]
    return f"{question_set(question)}:{round_}"


def _held_out(usable: list[tuple[Question, list[float]]], sets: list[str],
              splits, max_false: float) -> dict[str, dict[str, float]]:
    """Refused / false refusals per set over the test parts of `splits` ((train, test) index
    lists): each model and per-set threshold chosen on its training part only."""
    counts = {s: {"refused": 0, "unanswerable": 0, "false": 0, "answerable": 0} for s in sets}
    for train, test in splits:
        coefficients, intercept = fit([usable[i] for i in train])
        threshold = set_threshold([(usable[i][0].answerable, probability(usable[i][1], coefficients, intercept))
                                   for i in train], [sets[i] for i in train], max_false)
        for i in test:
            q, f = usable[i]
            low = probability(f, coefficients, intercept) < threshold
            c = counts[sets[i]]
            if q.answerable:
                c["answerable"] += 1
                c["false"] += low
            else:
                c["unanswerable"] += 1
                c["refused"] += low
    return {s: {"refused": c["refused"] / max(1, c["unanswerable"]),
                "false_refusals": c["false"] / max(1, c["answerable"])} for s, c in counts.items()}


def cross_validate(rows: list[tuple[Question, list[float] | None]], folds: int = 5, repeats: int = 5,
                   max_false: float = MAX_FALSE_REFUSALS) -> dict[str, dict[str, float]]:
    """Out-of-fold unanswerable refused / false refusals per question set: `folds`-fold
    cross-validation (stratified by set and label) repeated `repeats` times; each fold's model and
    per-set threshold are chosen on the training folds only, as `--write` does on all of them.
    In-sample figures flatter a feature; these are what a new feature must improve."""
    from sklearn.model_selection import StratifiedKFold

    usable = [(q, f) for q, f in rows if f is not None]
    sets = [question_set(q) for q, _ in usable]
    strata = [f"{s}:{int(q.answerable)}" for (q, _), s in zip(usable, sets)]
    splits = [split for seed in range(repeats)
              for split in StratifiedKFold(folds, shuffle=True, random_state=seed).split(usable, strata)]
    return _held_out(usable, sets, splits, max_false)


def leave_group_out(rows: list[tuple[Question, list[float] | None]],
                    max_false: float = MAX_FALSE_REFUSALS) -> dict[str, dict[str, float]]:
    """Refused / false refusals per set with each `writing_group` held out in turn (model and
    threshold fitted on the other groups). Folds mix every writer's questions into training; a
    new user's questions come from no group the model has seen."""
    usable = [(q, f) for q, f in rows if f is not None]
    sets = [question_set(q) for q, _ in usable]
    groups = [writing_group(q) for q, _ in usable]
    splits = [([i for i, h in enumerate(groups) if h != g], [i for i, h in enumerate(groups) if h == g])
              for g in sorted(set(groups))]
    return _held_out(usable, sets, splits, max_false)


def _shares(usable: list[tuple[Question, list[float]]], splits) -> list[float]:
    """Per usable question, the share of the (train, test) `splits` testing it in which the model and
    per-set threshold fitted on the training part refused it."""
    sets = [question_set(q) for q, _ in usable]
    refused, tested = [0] * len(usable), [0] * len(usable)
    for train, test in splits:
        coefficients, intercept = fit([usable[i] for i in train])
        threshold = set_threshold([(usable[i][0].answerable, probability(usable[i][1], coefficients, intercept))
                                   for i in train], [sets[i] for i in train], MAX_FALSE_REFUSALS)
        for i in test:
            tested[i] += 1
            refused[i] += probability(usable[i][1], coefficients, intercept) < threshold
    return [r / max(1, t) for r, t in zip(refused, tested)]


def refusal_shares(rows: list[tuple[Question, list[float] | None]], folds: int = 5,
                   repeats: int = 20) -> list[float]:
    """Per usable question (rows with features, in order), the share of `repeats` in which the model
    and per-set threshold fitted without it refused it. Folds are stratified by writing group (set
    and round: `writing_group`) and label, so every fold holds each set's and each round's answerable
    and unanswerable questions in proportion: a pooled split can hide a per-set false-refusal rise
    (the nineteenth session's attribute feature), and a few questions decide these rates."""
    import warnings

    from sklearn.model_selection import StratifiedKFold

    usable = [(q, f) for q, f in rows if f is not None]
    strata = [f"{writing_group(q)}:{int(q.answerable)}" for q, _ in usable]
    with warnings.catch_warnings():  # a small round has fewer than `folds` questions of a label
        warnings.simplefilter("ignore", UserWarning)
        splits = [split for seed in range(repeats)
                  for split in StratifiedKFold(folds, shuffle=True, random_state=seed).split(usable, strata)]
    return _shares(usable, splits)


def group_shares(rows: list[tuple[Question, list[float] | None]]) -> list[float]:
    """Per usable question, 1 when the model fitted with its whole writing group held out refused it
    (`leave_group_out`, per question): the check for a feature whose weight is learnt from one
    writer's habits and does not carry to the next round."""
    usable = [(q, f) for q, f in rows if f is not None]
    groups = [writing_group(q) for q, _ in usable]
    return _shares(usable, [([i for i, h in enumerate(groups) if h != g], [i for i, h in enumerate(groups) if h == g])
                            for g in sorted(set(groups))])


def _per_set(rows: list[tuple[Question, list[float] | None]]) -> dict[str, dict[bool, list[int]]]:
    """Indices of the usable rows by set and label (answerable or not)."""
    out: dict[str, dict[bool, list[int]]] = {}
    for i, (q, _) in enumerate((q, f) for q, f in rows if f is not None):
        out.setdefault(question_set(q), {True: [], False: []})[q.answerable].append(i)
    return out


def _interval(values: list[float], draws: int, rng) -> tuple[float, float, float]:
    """(mean, 2.5th, 97.5th percentile of the bootstrap means)."""
    import numpy as np

    v = np.asarray(values, dtype=float)
    if not len(v):
        return 0.0, 0.0, 0.0
    means = v[rng.integers(0, len(v), size=(draws, len(v)))].mean(axis=1)
    return (round(float(v.mean()), 4), round(float(np.quantile(means, 0.025)), 4),
            round(float(np.quantile(means, 0.975)), 4))


def set_intervals(rows: list[tuple[Question, list[float] | None]], shares: Sequence[float],
                  baseline: Sequence[float] | None = None, draws: int = 2000,
                  seed: int = 0) -> dict[str, dict[str, tuple[float, float, float]]]:
    """Per set: out-of-fold unanswerable refused and false refusals (`refusal_shares`) with a 95%
    bootstrap interval over that set's questions; with `baseline` (the shares of another model on
    the same rows), the paired difference instead, resampling the same questions for both."""
    import numpy as np

    rng = np.random.default_rng(seed)
    out = {}
    for name, by_label in sorted(_per_set(rows).items()):
        def values(idx: list[int]) -> list[float]:
            return [shares[i] - (baseline[i] if baseline is not None else 0.0) for i in idx]
        out[name] = {"refused": _interval(values(by_label[False]), draws, rng),
                     "false_refusals": _interval(values(by_label[True]), draws, rng)}
    return out


def worth_keeping(difference: dict[str, dict[str, tuple[float, float, float]]]) -> bool:
    """The keeping rule for a refusal change, on `set_intervals(..., baseline=...)`: false refusals
    do not rise on any set's out-of-fold estimate, and refused rises on at least one set by more
    than noise (its paired 95% interval above 0)."""
    return all(d["false_refusals"][0] <= 0 for d in difference.values()) \
        and any(d["refused"][1] > 0 for d in difference.values())


def dump_rows(rows: list[tuple[Question, list[float] | None]], coefficients: Sequence[float],
              intercept: float, threshold: float) -> list[dict]:
    """One record per question: its label, the features the refusal sees (by name) and the
    probability and decision of the given model, e.g. to list the unanswerable questions answered
    and the answerable ones refused, and to measure a candidate feature against them offline."""
    out = []
    for q, f in rows:
        p = probability(f, coefficients, intercept) if f is not None else 0.0
        out.append({"id": q.id, "set": question_set(q), "split": q.split, "group": writing_group(q),
                    "answerable": q.answerable, "question": q.question, "previous": q.previous,
                    "features": dict(zip(FEATURES, f)) if f is not None else None,
                    "probability": round(p, 4), "refused": p < threshold})
    return out


def reliability(probs: list[tuple[bool, float]], bins: int = 5) -> list[tuple[str, int, float, float]]:
    """(bin, n, mean predicted, observed answerable share) per probability bin."""
    out = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(a, p) for a, p in probs if lo <= p < hi or (b == bins - 1 and p == 1.0)]
        if inside:
            out.append((f"{lo:.1f}-{hi:.1f}", len(inside), sum(p for _, p in inside) / len(inside),
                        sum(a for a, _ in inside) / len(inside)))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--set", default="all", choices=["seeds", "pdfs", "all"])
    parser.add_argument("--folds", type=int, default=5, help="out-of-fold figures (0: skip)")
    parser.add_argument("--max-false", type=float, default=MAX_FALSE_REFUSALS,
                        help="false-refusal bound per set that sets the threshold (measuring a policy; "
                             "--write keeps the project's rule unless told otherwise)")
    parser.add_argument("--write", action="store_true", help="store the model in qa/answer/refusal_model.json")
    parser.add_argument("--dump", metavar="PATH", help="write each question's features, probability and decision "
                        "under the stored model (JSON lines)")
    parser.add_argument("--rounds", metavar="FIRST-LAST", help="blind-dev rounds to read, e.g. 1-13 (the "
                        "rounds a session chooses on); every round when not given. Dev's own questions always")
    args = parser.parse_args(argv)
    try:
        rounds = parse_rounds(args.rounds) if args.rounds is not None else None
    except ValueError as exc:
        parser.error(str(exc))
    rows = collect(sets=("seeds", "pdfs") if args.set == "all" else (args.set,), rounds=rounds)
    coefficients, intercept = fit(rows)
    probs = [(q.answerable, probability(f, coefficients, intercept) if f is not None else 0.0) for q, f in rows]
    threshold = set_threshold(probs, [question_set(q) for q, _ in rows], args.max_false)
    refused = [not a and p < threshold for a, p in probs]
    n_unans = sum(1 for a, _ in probs if not a)
    n_ans = len(probs) - n_unans
    false_ref = sum(1 for a, p in probs if a and p < threshold)
    result = {"features": FEATURES, "refusal_coefficients": coefficients, "refusal_intercept": intercept,
              "refusal_threshold": threshold, "dev_questions": len(rows),
              "dev_unanswerable_refused": sum(refused) / max(1, n_unans),
              "dev_false_refusals": false_ref / max(1, n_ans),
              "reliability": reliability(probs)}
    if args.folds > 1:
        result["out_of_fold"] = cross_validate(rows, folds=args.folds, max_false=args.max_false)
        result["leave_group_out"] = leave_group_out(rows, max_false=args.max_false)
        result["stratified_by_round"] = set_intervals(rows, refusal_shares(rows, folds=args.folds))
        result["leave_group_out_intervals"] = set_intervals(rows, group_shares(rows))
    if args.write:
        REFUSAL_MODEL.write_text(json.dumps({
            "features": list(FEATURES), "coefficients": coefficients, "intercept": intercept,
            "threshold": threshold, "fitted_on": f"{'+'.join(DEV_SPLITS)}"
                         f"{f' rounds {rounds[0]}-{rounds[1]}' if rounds else ''} of set {args.set}, {len(rows)} questions",
            "dev_unanswerable_refused": round(result["dev_unanswerable_refused"], 4),
            "dev_false_refusals": round(result["dev_false_refusals"], 4),
            "reliability": [[b, n, round(p, 4), round(o, 4)] for b, n, p, o in result["reliability"]],
        }, indent=1) + "\n", encoding="utf-8")
    if args.dump:
        stored = settings_for("seeds").answer  # the model `ask` uses (environment included), not the refit above
        with open(args.dump, "w", encoding="utf-8") as out:
            for record in dump_rows(rows, stored.refusal_coefficients, stored.refusal_intercept,
                                    stored.refusal_threshold):
                out.write(json.dumps(record) + "\n")
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        for name, value in result.items():
            if name != "reliability":
                print(f"{name}: {value}")
        print("\nreliability (dev): bin, n, mean predicted, observed answerable")
        for row in result["reliability"]:
            print(f"  {row[0]}  {row[1]:>4}  {row[2]:.3f}  {row[3]:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
