"""The library (`Retriever.search`, `Answerer.ask`, as `qa.retrieve`/`qa.ask` call them) under
generated questions and arguments, on the real index: a result that holds every invariant
(tests/invariants.py) or one QAError line; never another exception, never a wrong result.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from invariants import check_answer, check_hits
from qa import validate
from qa.answer.answerer import Answerer
from qa.errors import QAError
from qa.retrieval.retriever import Retriever

pytestmark = pytest.mark.slow
DOCS = ["kim2013", "figueroa2012", "pmc3782548"]
REAL = ["Which sources were used for SLE?", "intracoronary injection myocardial infarction",
        "What is GVHD?", "umbilical cord blood MSC frequency", "nitric oxide T cell proliferation"]

NOISE = st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=40)
QUESTIONS = st.one_of(
    st.sampled_from(REAL),
    st.builds(lambda q, n, i: q[:i] + n + q[i:], st.sampled_from(REAL), NOISE, st.integers(0, 40)),
    st.binary(max_size=80).map(lambda b: b.decode("utf-8", "surrogateescape")),
    NOISE,
    st.sampled_from(["x" * 3000, "stem cells " * 2000, "\udcff" * 10, "\ud800", "\x00\x01", " ", "??", "a"]),
)
KS = st.one_of(st.integers(-2, 40), st.sampled_from([1000, 1001, 10**9]), st.floats(allow_nan=True),
               st.booleans(), st.none(), st.text(max_size=3))
MODES = st.one_of(st.sampled_from(["hybrid", "bm25", "dense"]), st.text(max_size=8), st.integers(), st.none())
DOCS_ARG = st.one_of(st.none(), st.sampled_from(DOCS), st.lists(st.sampled_from(DOCS + ["nosuch"]), max_size=3),
                     st.integers(), st.just([1]), st.just(""), st.just([]))


@pytest.fixture(scope="module")
def answerer(index, settings):
    return Answerer(retriever=Retriever(settings, index=index))


def expected_docs(docs):
    if docs is None or docs == "":
        return None
    return [docs] if isinstance(docs, str) else docs


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(question=QUESTIONS, k=KS, mode=MODES, docs=DOCS_ARG)
def test_search_is_right_or_one_line_error(answerer, question, k, mode, docs):
    retriever = answerer.retriever
    try:
        hits = retriever.search(question, k=k, mode=mode, docs=docs)
    except QAError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    check_hits(retriever.index, hits, k, expected_docs(docs))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(question=QUESTIONS, k=st.one_of(st.integers(1, 20), KS), mode=MODES, docs=DOCS_ARG)
def test_ask_is_right_or_one_line_error(answerer, question, k, mode, docs):
    try:
        answer = answerer.ask(question, k=k, mode=mode, docs=docs)
    except QAError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert answer.question == validate.question(question)
    answer.model_dump_json().encode("utf-8")  # strict: always valid UTF-8 JSON
    check_answer(answerer.index, answer, k, expected_docs(docs))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(question=st.sampled_from(REAL),
       junk=st.lists(st.sampled_from(["\x01", "\x1b", "\u202e", "\u200b", "\ufeff", "\ud800", "\x7f"]),
                     min_size=1, max_size=4),
       at=st.integers(0, 60))
def test_hidden_characters_give_the_same_answer(answerer, question, junk, at):
    """Never silently different: the noisy question is answered exactly as the clean one."""
    noisy = question[:at] + "".join(junk) + question[at:]
    clean = answerer.ask(question)
    assert answerer.ask(noisy).model_dump() == clean.model_dump()


def test_invalid_utf8_question_is_answered_with_a_replacement_character(answerer):
    answer = answerer.ask("Which sources were used for SLE\udcff?")
    assert answer.question == "Which sources were used for SLE\ufffd?"
    answer.model_dump_json().encode("utf-8")


def test_docs_as_a_number_is_one_line(answerer):
    with pytest.raises(QAError, match="docs must be"):
        answerer.retriever.search("SLE", docs=1)
