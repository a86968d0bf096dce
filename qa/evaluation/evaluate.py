"""Evaluation runner: retrieval and answer quality on the hand-written question set.

`run_eval` asks every question of a split through the public API (`qa.retrieve`, `qa.ask`),
judges passages and spans against the gold evidence phrases with `phrase_in`, and returns an
`EvalReport`. The retrieval and answer functions are parameters so that the runner can be
tested with small fakes whose metric values are computed by hand.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from pydantic import BaseModel, Field

from qa.evaluation.metrics import (
    first_relevant_rank,
    hit_at_k,
    hit_within_words,
    mean_by_group,
    mrr_at_k,
    ndcg_at_k,
    phrase_in,
    prf,
    set_counts,
    token_f1,
)
from qa.errors import QAValueError
from qa.evaluation.question_set import (  # noqa: F401 - re-exported
    BLIND_DIR,
    KINDS,
    QUESTION_FILES,
    QUESTIONS_PATH,
    ROUND_ID,
    SEALED,
    SETS,
    SPLITS,
    Question,
    load_all,
    load_questions,
)
from qa.models import Answer, Hit, Passage

WORD_BUDGETS = (100, 300)
CITATION_METRICS = ("citation_precision", "citation_recall", "citation_f1")

RetrieveFn = Callable[..., list[Hit]]
AskFn = Callable[..., Answer]


class Scores(BaseModel):
    n: int = Field(description="Questions in this group.")
    metrics: dict[str, float] = Field(default_factory=dict)


class Breakdown(BaseModel):
    overall: Scores
    by_kind: dict[str, Scores] = Field(default_factory=dict)
    by_doc: dict[str, Scores] = Field(default_factory=dict)
    through_round: dict[str, Scores] = Field(
        default_factory=dict,
        description="Key 'bN': the questions of blind rounds 1..N, i.e. the split as it stood "
                    "after round N. A gate set on that set stays attached to it when a later "
                    "round enlarges the split (evals/thresholds.json 'through_round').")


class QuestionResult(BaseModel):
    """Per-question outcome, for finding what went wrong."""

    id: str
    kind: str
    docs: list[str]
    first_relevant_rank: dict[str, int | None] = Field(
        default_factory=dict, description="Per retrieval mode; null when not in the top k."
    )
    found: bool | None = None
    top_span_hit: bool | None = None
    answer_hit: bool | None = None
    token_f1: float | None = None
    citations_predicted: list[str] = Field(default_factory=list)
    citations_gold: list[str] = Field(default_factory=list)
    caution: str = Field(default="", description="The answer's cautions (qa.Answer.caution).")


class EvalReport(BaseModel):
    split: str
    set: str = Field(default="seeds", description="Question set (decides the corpus).")
    k: int
    modes: list[str]
    n_questions: int
    retrieval: dict[str, Breakdown] = Field(default_factory=dict, description="Per mode.")
    answers: Breakdown | None = None
    seconds_total: float = 0.0
    seconds: dict[str, float] = Field(default_factory=dict, description="Per stage.")
    questions: list[QuestionResult] = Field(default_factory=list)


# --- questions (the set itself: qa.evaluation.question_set) ------------------------------------


def _context(question: Question) -> dict[str, str]:
    """Keyword arguments giving a follow-up its earlier question as context."""
    return {"previous": question.previous} if question.previous else {}


def row_values(rendered: str) -> str:
    """The cells of a rendered table row as the printed table shows them: caption and column
    labels dropped ("Table 2 (...). Reference: Kebriaei et al. [94]; Phase: II" ->
    "Kebriaei et al. [94] II"); the inverse of `qa.ingest.clean.tables`' `Column: value; ...`.
    """
    parts = rendered.rstrip().rstrip(".").split("; ")
    return " ".join(part.split(": ", 1)[-1] for part in parts)


def as_printed(text: str, kind: str = "text") -> str:
    """The text a gold phrase is looked for in: a table row also as its printed cells.

    Evidence is quoted from the article as a reader sees it; a table row is rendered with its
    column labels ("Phase: II; No. of patients: 32"), which would otherwise hide a quoted row
    ("aGVHD II 32 Allo-BM IV") from the matcher however well it was retrieved.
    """
    return f"{text}\n{row_values(text)}" if kind == "table_row" else text


def is_relevant(question: Question, doc_id: str, text: str, kind: str = "text") -> bool:
    """A passage is relevant if it is from one of the question's docs and holds gold evidence."""
    seen = as_printed(text, kind)
    return doc_id in question.docs and any(phrase_in(e, seen) for e in question.evidence)


def unreachable_questions(questions: Iterable[Question], passages: Iterable[Passage]) -> list[str]:
    """Ids of answerable questions whose evidence sits in no passage of their docs.

    Such a question cannot be hit by any retriever: the gold phrase was cut by passage
    boundaries or dropped by ingestion. Telling these apart from retrieval misses saves time.
    """
    pool = list(passages)
    return [
        q.id
        for q in questions
        if q.answerable and not any(is_relevant(q, p.doc_id, p.text, p.kind) for p in pool)
    ]


# --- per-question scoring --------------------------------------------------------------------


class _Row(BaseModel):
    kind: str
    docs: list[str]
    round: int | None = None
    values: dict[str, float | None]
    counts: tuple[int, int, int] | None = None  # citation tp, fp, fn


def _retrieval_row(question: Question, hits: Sequence[Hit], k: int) -> tuple[_Row, int | None]:
    relevance = [is_relevant(question, h.passage.doc_id, h.passage.text, h.passage.kind)
                 for h in hits[:k]]
    words = [len(h.passage.text.split()) for h in hits[:k]]
    values: dict[str, float | None] = {
        f"hit@{cut}": hit_at_k(relevance, cut) for cut in sorted({1, 5, k}) if cut <= k
    }
    values[f"mrr@{k}"] = mrr_at_k(relevance, k)
    values[f"ndcg@{k}"] = ndcg_at_k(relevance, k)
    for budget in WORD_BUDGETS:
        values[f"hit@{budget}w"] = hit_within_words(words, relevance, budget)
    return _Row(kind=question.kind, docs=question.docs, round=question.round,
                values=values), first_relevant_rank(
        relevance
    )


def answer_citation_keys(answer: Answer, docs: Iterable[str]) -> set[str]:
    """Citation keys an answer carries (spans and references).

    Keys from documents outside the question's docs are qualified as 'doc:key' so that they
    can never match a gold key: citing the wrong review is an error, not a coincidence.
    """
    allowed = set(docs)
    pairs = {(c.key, s.doc_id) for s in answer.spans for c in s.citations}
    pairs |= {(r.key, r.doc_id) for r in answer.references}
    return {key if doc in allowed else f"{doc}:{key}" for key, doc in pairs}


def _answer_row(question: Question, answer: Answer) -> tuple[_Row, QuestionResult]:
    result = QuestionResult(
        id=question.id, kind=question.kind, docs=question.docs, found=answer.found, caution=answer.caution
    )
    values: dict[str, float | None] = {}
    counts = None
    if not question.answerable:
        values["unanswerable_accuracy"] = 0.0 if answer.found else 1.0
    else:
        kinds = {h.passage.id: h.passage.kind for h in answer.passages}
        texts = [as_printed(s.text, kinds.get(s.passage_id, "text"))
                 for s in answer.spans if s.doc_id in question.docs]
        first = texts[0] if answer.spans and answer.spans[0].doc_id in question.docs else ""
        result.top_span_hit = any(phrase_in(e, first) for e in question.evidence)
        result.answer_hit = any(phrase_in(e, t) for e in question.evidence for t in texts)
        result.token_f1 = token_f1(" ".join(s.text for s in answer.spans), question.answer)
        values["top_span_hit"] = float(result.top_span_hit)
        values["answer_hit"] = float(result.answer_hit)
        values["token_f1"] = result.token_f1
        values["false_refusal_rate"] = 0.0 if answer.found else 1.0
        if question.citations:
            predicted = answer_citation_keys(answer, question.docs)
            counts = set_counts(predicted, question.citations)
            result.citations_predicted = sorted(predicted)
            result.citations_gold = sorted(question.citations)
    return _Row(kind=question.kind, docs=question.docs, round=question.round, values=values,
                counts=counts), result


# --- aggregation -----------------------------------------------------------------------------


def _scores(rows: Sequence[_Row], means: dict[str, float]) -> Scores:
    metrics = dict(means)
    counted = [r.counts for r in rows if r.counts is not None]
    if counted:
        tp, fp, fn = (sum(c[i] for c in counted) for i in range(3))
        metrics.update(zip(CITATION_METRICS, prf(tp, fp, fn)))
    return Scores(n=len(rows), metrics=metrics)


def _breakdown(rows: Sequence[_Row]) -> Breakdown:
    """Overall, per kind and per doc (a multi-doc question counts for each of its docs)."""
    overall = mean_by_group([(["all"], r.values) for r in rows]).get("all", {})
    by_kind = mean_by_group([([r.kind], r.values) for r in rows])
    by_doc = mean_by_group([(r.docs, r.values) for r in rows])
    rounds = sorted({r.round for r in rows if r.round is not None})
    through = {}
    for last in rounds[:-1]:  # the last round's set is the whole split: `overall`
        earlier = [r for r in rows if r.round is not None and r.round <= last]
        means = mean_by_group([(["all"], r.values) for r in earlier]).get("all", {})
        through[f"b{last}"] = _scores(earlier, means)
    return Breakdown(
        overall=_scores(rows, overall),
        by_kind={g: _scores([r for r in rows if r.kind == g], m) for g, m in by_kind.items()},
        by_doc={g: _scores([r for r in rows if g in r.docs], m) for g, m in by_doc.items()},
        through_round=through,
    )


# --- the runner ------------------------------------------------------------------------------


def run_eval(
    split: str = "test",
    modes: Sequence[str] = ("bm25", "dense", "hybrid"),
    k: int = 10,
    *,
    retrieve_fn: RetrieveFn | None = None,
    ask_fn: AskFn | None = None,
    answers: bool = True,
    questions: Sequence[Question] | None = None,
    questions_path: Path | str = QUESTIONS_PATH,
    settings=None,
) -> EvalReport:
    """Evaluate retrieval for each mode and (optionally) answers, on one split.

    Unanswerable questions are left out of retrieval metrics; answers use `ask_fn`
    (hybrid retrieval, the library default).
    """
    if settings is not None and (retrieve_fn is None or ask_fn is None):
        from qa.answer.answerer import Answerer

        answerer = Answerer(settings)
        retrieve_fn = retrieve_fn or answerer.retriever.search
        ask_fn = ask_fn or answerer.ask
    if retrieve_fn is None and modes:
        from qa import retrieve as retrieve_fn
    if ask_fn is None and answers:
        from qa import ask as ask_fn
    items = list(questions) if questions is not None else load_questions(questions_path, split)
    results = {q.id: QuestionResult(id=q.id, kind=q.kind, docs=q.docs) for q in items}
    report = EvalReport(split=split, k=k, modes=list(modes), n_questions=len(items))
    started = time.perf_counter()
    answerable = [q for q in items if q.answerable]
    for mode in modes:
        stage = time.perf_counter()
        rows = []
        for question in answerable:
            hits = retrieve_fn(question.question, k=k, mode=mode, **_context(question))
            row, rank = _retrieval_row(question, hits, k)
            rows.append(row)
            results[question.id].first_relevant_rank[mode] = rank
        report.retrieval[mode] = _breakdown(rows)
        report.seconds[f"retrieval:{mode}"] = time.perf_counter() - stage
    if answers:
        assert ask_fn is not None
        stage = time.perf_counter()
        rows = []
        for question in items:
            row, result = _answer_row(question, ask_fn(question.question, k=k, **_context(question)))
            rows.append(row)
            result.first_relevant_rank = results[question.id].first_relevant_rank
            results[question.id] = result
        report.answers = _breakdown(rows)
        report.seconds["answers"] = time.perf_counter() - stage
    report.seconds_total = time.perf_counter() - started
    report.questions = list(results.values())
    return report


def run_suite(
    split: str = "test",
    set_name: str = "all",
    k: int = 10,
    settings=None,
    modes: Sequence[str] = ("bm25", "dense", "hybrid"),
    answers: bool = True,
) -> list[EvalReport]:
    """One report per (split, set) present: each set on its own corpus (evaluation.corpora).

    The sealed split's reports keep only aggregates (no per-question results), so nobody
    choosing a mechanism can look at its individual outcomes.
    """
    from qa.answer.answerer import Answerer
    from qa.evaluation.corpora import require_documents, settings_for

    questions = load_all(split, set_name)
    if not questions:  # sweep 30: was exit 0 with an empty report (and `--write` would have kept it)
        raise QAValueError(f"no question of split {split!r} and set {set_name!r} in the question files; "
                           "nothing to evaluate")
    reports: list[EvalReport] = []
    for name in SETS:
        subset = [q for q in questions if q.set == name]
        if not subset:
            continue
        answerer = Answerer(settings_for(name, settings))
        require_documents(name, subset, answerer)
        for part in SPLITS:
            items = [q for q in subset if q.split == part]
            if not items:
                continue
            report = run_eval(part, modes, k, retrieve_fn=answerer.retriever.search, ask_fn=answerer.ask,
                              answers=answers, questions=items)
            report.set = name
            if part == SEALED:
                report.questions = []
            reports.append(report)
    return reports

