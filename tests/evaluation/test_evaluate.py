"""The evaluation runner on hand-computable fakes, and the integrity of evals/questions.jsonl."""
from __future__ import annotations

import json
import math
import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from qa.evaluation.evaluate import (
    KINDS,
    QUESTIONS_PATH,
    EvalReport,
    Question,
    answer_citation_keys,
    is_relevant,
    row_values,
    load_questions,
    run_eval,
    unreachable_questions,
)
from qa.evaluation.report import check_suite, check_thresholds, format_report, load_thresholds, write_results
from qa.evaluation.metrics import alnum_fold, phrase_in
from qa.models import Answer, AnswerReference, Citation, Hit, Passage, Span
from qa.settings import PROJECT_ROOT

QUESTIONS_FILE = load_questions(QUESTIONS_PATH)

# --- a tiny fake corpus, retriever and answerer ------------------------------------------------


def _passage(pid: str, doc: str, text: str) -> Passage:
    return Passage(id=pid, doc_id=doc, section="s", text=text, start=0, end=len(text))


FILLER = " ".join(["filler"] * 150)
P_IRR = _passage("irr", "kim2013", FILLER)  # 150 words, relevant to nothing
P_A = _passage("a", "kim2013", "MSCs suppress T cell proliferation [24-26], as shown.")
P_A_OTHER_DOC = _passage("a2", "pmc3782548", "MSCs suppress T cell proliferation too.")
P_B = _passage("b", "pmc3782548", "MSCs are mainly distributed in the lungs and liver.67")

QA = Question(id="a", split="test", kind="sources", question="qa?", docs=["kim2013"],
              evidence=["MSCs suppress T cell proliferation"], citations=["24", "25"],
              answer="T cell proliferation is suppressed")
QB = Question(id="b", split="test", kind="fact", question="qb?", docs=["pmc3782548"],
              evidence=["mainly distributed in the lungs and liver"], citations=["67"],
              answer="the lungs and the liver mostly")
QC = Question(id="c", split="test", kind="fact", question="qc?", docs=["figueroa2012"],
              evidence=["nothing retrieved contains this"], citations=["Sun 2010"], answer="x")
QU = Question(id="u", split="test", kind="unanswerable", question="qu?")
QV = Question(id="v", split="test", kind="unanswerable", question="qv?")
QUESTIONS = [QA, QB, QC, QU, QV]

RANKINGS = {
    "bm25": {"qa?": [P_IRR, P_A], "qb?": [P_B], "qc?": []},
    "hybrid": {"qa?": [P_A_OTHER_DOC, P_A], "qb?": [P_IRR], "qc?": []},
}


def fake_retrieve(question: str, k: int = 10, mode: str = "hybrid", docs=None) -> list[Hit]:
    ranked = RANKINGS[mode][question][:k]
    return [Hit(passage=p, rank=i + 1, score=1.0 / (i + 1)) for i, p in enumerate(ranked)]


def _span(doc: str, text: str, keys: list[str]) -> Span:
    cites = [Citation(key=k, label=k, start=0, end=1, style="numeric") for k in keys]
    return Span(text=text, doc_id=doc, passage_id="p", start=0, end=len(text), score=1.0,
                citations=cites)


def _ref(doc: str, key: str) -> AnswerReference:
    return AnswerReference(doc_id=doc, key=key, label=key)


ANSWERS = {
    "qa?": Answer(question="qa?", found=True, kind="sources",
                  spans=[_span("kim2013", "MSCs suppress T cell proliferation [24-26]",
                               ["24", "25", "26"])],
                  references=[_ref("kim2013", "24")]),
    "qb?": Answer(question="qb?", found=True, kind="fact",
                  spans=[_span("pmc3782548", "irrelevant text", ["12"]),
                         _span("pmc3782548", "mainly distributed in the lungs and liver", ["67"])],
                  references=[_ref("kim2013", "67")]),  # right key, wrong review
    "qc?": Answer(question="qc?", found=False, kind="fact"),
    "qu?": Answer(question="qu?", found=False, kind="fact"),
    "qv?": Answer(question="qv?", found=True, kind="fact", caution="Weak match (confidence 0.21): check.",
                  spans=[_span("kim2013", "something", [])]),
}


def fake_ask(question: str, k: int = 10, docs=None) -> Answer:
    return ANSWERS[question]


@pytest.fixture(scope="module")
def report() -> EvalReport:
    return run_eval("test", modes=("bm25", "hybrid"), k=10, retrieve_fn=fake_retrieve,
                    ask_fn=fake_ask, questions=QUESTIONS)


def test_relevance_needs_evidence_and_the_right_doc() -> None:
    assert is_relevant(QA, "kim2013", P_A.text)
    assert not is_relevant(QA, "pmc3782548", P_A_OTHER_DOC.text)
    assert not is_relevant(QA, "kim2013", FILLER)
    assert not is_relevant(QU, "kim2013", P_A.text)


def test_retrieval_metrics_by_hand(report: EvalReport) -> None:
    bm25 = report.retrieval["bm25"].overall
    assert bm25.n == 3  # unanswerable questions are excluded
    # QA: relevant at rank 2 (after a 150-word passage); QB: rank 1; QC: nothing retrieved.
    expected = {
        "hit@1": 1 / 3, "hit@5": 2 / 3, "hit@10": 2 / 3, "mrr@10": (0.5 + 1) / 3,
        "ndcg@10": (1 / math.log2(3) + 1) / 3, "hit@100w": 1 / 3, "hit@300w": 2 / 3,
    }
    assert bm25.metrics == pytest.approx(expected)
    hybrid = report.retrieval["hybrid"].overall.metrics
    # QA's first hit is the right phrase in the wrong review: relevant only at rank 2.
    assert hybrid["hit@1"] == 0.0
    assert hybrid["hit@10"] == pytest.approx(1 / 3)
    assert hybrid["mrr@10"] == pytest.approx(1 / 6)
    by_kind = report.retrieval["bm25"].by_kind
    assert set(by_kind) == {"sources", "fact"}
    assert by_kind["sources"].metrics["mrr@10"] == 0.5
    assert by_kind["fact"].n == 2 and by_kind["fact"].metrics["hit@1"] == 0.5
    assert report.retrieval["bm25"].by_doc["pmc3782548"].metrics["hit@1"] == 1.0


def test_answer_metrics_by_hand(report: EvalReport) -> None:
    answers = report.answers
    assert answers is not None
    m = answers.overall.metrics
    assert answers.overall.n == 5
    assert m["top_span_hit"] == pytest.approx(1 / 3)  # only QA's first span holds evidence
    assert m["answer_hit"] == pytest.approx(2 / 3)  # QB's second span does too
    # QA: pred [mscs suppress t cell proliferation 2426] vs ref [t cell proliferation is
    # suppressed]: overlap 3, P=1/2, R=3/5 -> 6/11. QB: 8 pred tokens, 4 ref tokens, overlap
    # 3 -> P=3/8, R=3/4 -> 1/2. QC: no spans -> 0.
    assert m["token_f1"] == pytest.approx((6 / 11 + 0.5 + 0) / 3)
    # Micro citations: QA tp2 fp1 fn0; QB tp1 fp2 ('12', 'kim2013:67') fn0; QC tp0 fp0 fn1.
    assert m["citation_precision"] == pytest.approx(3 / 6)
    assert m["citation_recall"] == pytest.approx(3 / 4)
    assert m["citation_f1"] == pytest.approx(0.6)
    assert m["false_refusal_rate"] == pytest.approx(1 / 3)
    assert m["unanswerable_accuracy"] == 0.5
    assert answers.by_kind["unanswerable"].metrics == {"unanswerable_accuracy": 0.5}
    assert answers.by_doc["kim2013"].metrics["citation_precision"] == pytest.approx(2 / 3)
    per_question = {r.id: r for r in report.questions}
    assert per_question["a"].first_relevant_rank == {"bm25": 2, "hybrid": 2}
    assert per_question["b"].citations_predicted == ["12", "67", "kim2013:67"]
    # the answer's cautions, to measure how a caution separates right answers from near misses
    assert per_question["v"].caution.startswith("Weak match") and per_question["a"].caution == ""


def test_citation_keys_from_other_reviews_never_match() -> None:
    keys = answer_citation_keys(ANSWERS["qb?"], ["pmc3782548"])
    assert keys == {"12", "67", "kim2013:67"}


def test_format_write_and_thresholds(report: EvalReport, tmp_path: Path) -> None:
    text = format_report(report)
    assert "Retrieval [bm25]" in text and "Answers" in text and "kind:sources" in text
    path = write_results(report, tmp_path / "results" / "test.json")
    assert EvalReport.model_validate_json(path.read_text()).retrieval["bm25"].overall.n == 3
    thresholds = {
        "retrieval": {"hybrid": {"hit@10": 0.85}, "bm25": {"mrr@10": 0.4},
                      "dense": {"hit@10": 0.5}},
        "answers": {"false_refusal_rate": {"max": 0.2}, "citation_f1": 0.5},
        "seconds_total": {"max": 1000},
    }
    assert check_thresholds(report, thresholds) == [
        "hybrid hit@10 0.33 < threshold 0.85",
        "dense hit@10 missing from report",
        "answers false_refusal_rate 0.33 > threshold 0.20",
    ]
    assert check_thresholds(report, {"retrieval": {"bm25": {"hit@10": 0.6}}}) == []
    assert load_thresholds(tmp_path / "absent.json") == {}
    (tmp_path / "t.json").write_text(json.dumps(thresholds))
    assert load_thresholds(tmp_path / "t.json") == thresholds


def test_gates_of_an_earlier_round_stay_on_its_questions() -> None:
    """A later blind round enlarges a split; the gates set before it still hold on the questions
    of the rounds they were set on ('through_round'), so no gate is lowered by new questions."""
    rounds = {"a": "b-a", "b": "b2-b", "c": "b3-c"}
    asked = [q.model_copy(update={"id": rounds.get(q.id, q.id)}) for q in QUESTIONS]
    assert [q.round for q in asked] == [1, 2, 3, None, None]
    report = run_eval("blind-dev", modes=("bm25",), retrieve_fn=fake_retrieve, ask_fn=fake_ask,
                      questions=asked)
    through = report.retrieval["bm25"].through_round
    assert set(through) == {"b1", "b2"}  # round 3 is the last: its set is the whole split
    # round 1 is QA alone (relevant at rank 2); through round 2 adds QB (rank 1)
    assert through["b1"].n == 1 and through["b1"].metrics["mrr@10"] == 0.5
    assert through["b2"].metrics["hit@1"] == 0.5 and through["b2"].metrics["mrr@10"] == 0.75
    assert report.answers is not None and report.answers.through_round["b1"].n == 1
    gates = {"retrieval": {"bm25": {"hit@1": 0.3}},
             "through_round": {"b2": {"retrieval": {"bm25": {"hit@1": 0.6, "mrr@10": 0.7}}},
                               "b9": {"answers": {"answer_hit": 0.5}}}}
    assert check_thresholds(report, gates) == [
        "through b2: bm25 hit@1 0.50 < threshold 0.60",
        "through b9: answers answer_hit missing from report",
    ]
    assert "through:b2" in format_report(report)


def test_unreachable_questions() -> None:
    # QC's evidence is in no passage; QA's phrase in pmc3782548 does not count for kim2013.
    assert unreachable_questions(QUESTIONS, [P_IRR, P_A, P_B]) == ["c"]
    assert unreachable_questions(QUESTIONS, [P_A_OTHER_DOC, P_B]) == ["a", "c"]


def test_every_question_is_reachable_in_the_real_passages() -> None:
    """Gold evidence must survive cleaning and chunking of the real corpus."""
    from qa.ingest import pipeline as ingest  # an import error fails the test (was importorskip: a skip)
    corpus = ingest.ingest_corpus()
    assert unreachable_questions(QUESTIONS_FILE, corpus.passages) == []


def test_retrieval_only_run_skips_answers() -> None:
    report = run_eval("test", modes=("bm25",), retrieve_fn=fake_retrieve, answers=False,
                      questions=QUESTIONS)
    assert report.answers is None and list(report.retrieval) == ["bm25"]


# --- the question set --------------------------------------------------------------------------

MANIFEST = tomllib.loads((PROJECT_ROOT / "corpus" / "manifest.toml").read_text("utf-8"))
DOC_FILES = {d["id"]: PROJECT_ROOT / "corpus" / d["file"] for d in MANIFEST["documents"]}
LIGATURE_SPLIT = re.compile(r"\b(\w*?(?:ffi|ffl|ff|fi|fl|f))[ \t]+(?=[a-z])")
NOT_WORD_ENDS = {"of", "if", "off", "ref", "self", "half", "f"}


def reader_text(raw: str) -> str:
    """The raw text as a reader sees it: line-break hyphens joined, ligature splits closed."""
    text = re.sub(r"(\w)-[ \t]*\n\s*(\w)", r"\1\2", raw)

    def close(match: re.Match[str]) -> str:
        word = match.group(1)
        return match.group(0) if word.lower() in NOT_WORD_ENDS else word

    text = LIGATURE_SPLIT.sub(close, text)
    return re.sub(r"\s+", " ", text)


READER = {doc: reader_text(path.read_text(encoding="utf-8")) for doc, path in DOC_FILES.items()}


def test_reader_text_repairs_pdf_artifacts() -> None:
    assert reader_text("anti-inflam-\nmatory eff ects of infl ammation") == (
        "anti-inflammatory effects of inflammation"
    )
    assert reader_text("signifi cant benef it; kind of like") == "significant benefit; kind of like"


def test_question_counts() -> None:
    ids = [q.id for q in QUESTIONS_FILE]
    assert len(ids) == len(set(ids)) >= 110
    kinds = Counter(q.kind for q in QUESTIONS_FILE)
    assert set(kinds) <= set(KINDS)
    minimum = {"sources": 15, "table": 15, "number": 12, "fact": 25, "definition": 10,
               "list": 10, "unanswerable": 10}
    for kind, count in minimum.items():
        assert kinds[kind] >= count, kind
    per_doc = Counter(d for q in QUESTIONS_FILE for d in q.docs)
    assert set(per_doc) == set(DOC_FILES)
    assert all(n >= 25 for n in per_doc.values()), per_doc
    splits = Counter(q.split for q in QUESTIONS_FILE)
    assert set(splits) == {"dev", "test"}
    assert abs(splits["dev"] - splits["test"]) <= 0.1 * len(QUESTIONS_FILE)
    for kind in kinds:  # stratified: every kind in both splits, roughly halved
        per_split = Counter(q.split for q in QUESTIONS_FILE if q.kind == kind)
        assert abs(per_split["dev"] - per_split["test"]) <= 2, kind


def test_question_fields() -> None:
    for q in QUESTIONS_FILE:
        assert q.question.strip() and q.answer.strip() and "\n" not in q.answer, q.id
        if q.answerable:
            assert q.docs and q.evidence and not q.absent_terms, q.id
            assert set(q.docs) <= set(DOC_FILES), q.id
        else:
            assert not q.docs and not q.evidence and not q.citations, q.id
            assert q.absent_terms, q.id
        for key in q.citations:  # numeric '116' or ASCII author-year 'Le Blanc 2008'
            assert re.fullmatch(r"\d+|[A-Za-z][A-Za-z' -]* \d{4}", key), (q.id, key)


def test_every_evidence_phrase_is_in_its_documents() -> None:
    for q in QUESTIONS_FILE:
        for phrase in q.evidence:
            assert 4 <= len(phrase.split()) <= 12, (q.id, phrase)
            assert not re.fullmatch(r"[0-9a-f]{8,}", phrase), (q.id, phrase)  # not a passage id
            found = [d for d in q.docs if phrase_in(phrase, READER[d])]
            assert found, (q.id, phrase)
            # Distinctive: at most twice in the document that holds it.
            assert max(alnum_fold(READER[d]).count(alnum_fold(phrase)) for d in found) <= 2
        for doc in q.docs:  # every listed doc is backed by at least one phrase
            assert any(phrase_in(p, READER[doc]) for p in q.evidence), (q.id, doc)


def test_unanswerable_terms_are_absent_from_every_document() -> None:
    words = {doc: " " + " ".join(re.findall(r"[a-z0-9]+", text.lower())) + " "
             for doc, text in READER.items()}
    for q in QUESTIONS_FILE:
        for term in q.absent_terms:
            needle = " " + " ".join(re.findall(r"[a-z0-9]+", term.lower()))
            for doc, text in words.items():
                assert needle not in text, (q.id, term, doc)


def test_load_questions_split_filter() -> None:
    test = load_questions(QUESTIONS_PATH, "test")
    dev = load_questions(QUESTIONS_PATH, "dev")
    assert len(test) + len(dev) == len(QUESTIONS_FILE)
    assert {q.split for q in test} == {"test"}


# --- all question sets, splits, follow-ups and the suite gate ---------------------------------

from qa.evaluation.evaluate import QUESTION_FILES, SEALED, load_all  # noqa: E402


def test_load_all_reads_every_set_and_split() -> None:
    every = load_all()
    assert {q.set for q in every} == {"seeds", "pdfs"}
    assert {q.split for q in every} == {"dev", "test", "blind-dev", "blind-test"}
    assert len(every) >= 400 and len({q.id for q in every}) == len(every)
    assert sum(q.split.startswith("blind") for q in every) >= 200
    assert sum(not q.answerable for q in every) >= 60
    pdfs = load_all("blind-dev", "pdfs")
    assert pdfs and {(q.set, q.split) for q in pdfs} == {("pdfs", "blind-dev")}
    followups = [q for q in every if q.kind == "followup"]
    assert followups and all(q.previous for q in followups)
    assert len(QUESTION_FILES) == 3


def test_a_follow_up_is_asked_with_its_previous_question() -> None:
    seen: dict[str, str | None] = {}

    def ask(question: str, k: int = 10, previous: str | None = None) -> Answer:
        seen[question] = previous
        return Answer(question=question, found=False, kind="fact")

    q = Question(id="f", split="blind-dev", kind="followup", question="and in children?",
                 previous="Was it tried in adults?", docs=["kim2013"], evidence=["x y z w"])
    run_eval("blind-dev", modes=(), ask_fn=ask, questions=[q, QB])
    assert seen == {"and in children?": "Was it tried in adults?", "qb?": None}


def test_check_suite_reads_thresholds_per_split_and_set(report: EvalReport) -> None:
    thresholds = {"_comment": "x", "test-seeds": {"retrieval": {"bm25": {"hit@1": 0.9}}},
                  "blind-test-pdfs": {"retrieval": {"bm25": {"hit@1": 0.9}}}}
    failures = check_suite([report], thresholds)
    assert failures == [f"test-seeds bm25 hit@1 {1 / 3:.2f} < threshold 0.90"]
    assert SEALED == "blind-test"


def test_a_quoted_printed_table_row_is_found_in_its_rendered_row() -> None:
    """Blind questions quote a trial-table row as printed ("Kebriaei et al. [94] aGVHD Ⅱ 32 ...");
    the ingester renders it with column labels. The matcher must see the row through the labels,
    and only in a table row: the same words in running text are not made relevant by it."""
    from qa.ingest import pipeline as ingest  # an import error fails the test (was importorskip: a skip)
    rows = [p for p in ingest.ingest_corpus().passages if p.kind == "table_row"]
    blind = [q for q in load_questions(PROJECT_ROOT / "evals" / "blind" / "seeds.jsonl")
             if q.kind == "table" and q.split == "blind-dev"]
    assert len(blind) >= 5
    through_labels = 0
    for q in blind:
        seen = [p for p in rows if is_relevant(q, p.doc_id, p.text, p.kind)]
        assert seen, q.id
        through_labels += not any(is_relevant(q, p.doc_id, p.text) for p in seen)
    assert through_labels >= 4  # whole printed rows, hidden by the labels without `as_printed`
    assert row_values("Table 2 (Trials). Reference: Kebriaei et al. [94]; Phase: Ⅱ; No. of patients: 32.") \
        == "Kebriaei et al. [94] Ⅱ 32"
