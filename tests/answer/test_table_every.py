"""User trial 42: a table question asking for *every* row quotes every row its own words select
(qa/answer/table_every.py), and a caution reads the question's shorthand as the synonyms read it
(qa/answer/cautions.py): on rows rendered as ingestion renders them and on the real reviews' index."""
from __future__ import annotations

import pytest

from conftest import answerer_with, table_row as row
from qa.retrieval.question import QUESTION_FORM
from qa.answer.table_every import EVERY, every_rows, rows_as_hits
from qa.index.analyzer import tokenize
from qa.models import Hit, Passage

ROWS = [row(0, "Trial: Alpha; Disease: MI; No. of patients: 12; Route: IV"),
        row(1, "Trial: Beta; Disease: SLE; No. of patients: 40; Route: IV"),
        row(2, "Trial: Gamma; Disease: MI; No. of patients: 87; Route: Intracoronary"),
        row(3, "Trial: Delta; Disease: MI, SLE; No. of patients: 5; Route: IV")]


def every(question: str, kind: str = "table", rows: list[Passage] = ROWS, first: int = 1) -> list[str]:
    hits = [Hit(passage=rows[first], rank=1, score=1.0)]
    return [p.id for p in every_rows(question, kind, tokenize(question), hits, lambda _: rows, tokenize,
                                     QUESTION_FORM)]


@pytest.mark.parametrize("question, says", [("List every MI trial", True), ("each SLE study", True),
                                            ("all the trials", True), ("Which trial used IV?", False),
                                            ("the overall response", False), ("eachother", False)])
def test_the_universal_quantifiers(question: str, says: bool):
    assert (EVERY.search(question) is not None) is says


def test_the_question_s_words_select_every_row_in_table_order():
    # the first hit is an SLE row; the question's 'MI' selects the three MI rows, in table order
    assert every("List every MI trial with its no. of patients and route") == ["r0", "r2", "r3"]
    assert every("What route did each SLE trial use?") == ["r1", "r3"]


def test_nothing_without_a_quantifier_a_table_kind_a_selection_or_a_table():
    assert every("List the MI trials with their route") == []               # no 'every'
    assert every("Did every MI trial improve?", kind="yesno") == []          # not a table or list question
    assert every("List every trial with its route") == []                    # column and caption words only
    assert every("List every Gamma trial") == []                             # one row is no list
    text = Passage(id="t", doc_id="d", section="Results", kind="text", text="A sentence.", start=0, end=11)
    assert every_rows("List every MI trial", "table", tokenize("every MI trial"), [Hit(passage=text, rank=1, score=1.0)],
                      lambda _: ROWS, tokenize, QUESTION_FORM) == []


def test_rows_retrieval_did_not_reach_get_hits_after_the_retrieved():
    retrieved = [Hit(passage=ROWS[1], rank=1, score=2.0)]
    hits, evidence = rows_as_hits([ROWS[0], ROWS[1]], retrieved)
    assert [h.passage.id for h in hits] == ["r0", "r1"] and hits[1] is retrieved[0]
    assert [h.rank for h in evidence] == [1, 2]


AGVHD = ["84", "85", "86", "87", "88", "89", "90", "91", "92", "94", "96"]


def test_every_agvhd_trial_of_the_review_s_table(settings, index):
    """User trial 42 (Q2): 'List every aGVHD trial with its no. of pts and route' quoted three of the
    eleven rows of kim2013's Table 2 whose Disease cell names aGVHD (user trial 40's cap of three)."""
    question = "List every aGVHD trial with its no. of pts and route"
    answer = answerer_with(settings, index).ask(question, k=15)
    rows = [s for s in answer.spans if s.text.startswith("Table 2")]
    assert [c.key for s in rows for c in s.citations] == AGVHD
    assert all("aGVHD" in s.text and "Route: " in s.text for s in rows)
    assert answer.spans[:len(AGVHD)] == rows
    before = answerer_with(settings, index, table_every=False).ask(question, k=15)
    assert len([s for s in before.spans if s.text.startswith("Table 2")]) <= 3


def test_a_caution_reads_the_question_s_shorthand(settings, index):
    """User trial 42 (Q16): 'What was the 2-year OS in the Kuzmina GVHD trial?' ('OS' read as 'overall
    survival') quoted the trial's table row with no warning; written out, it had one."""
    answerer = answerer_with(settings, index)
    short = answerer.ask("What was the 2-year OS in the Kuzmina GVHD trial?")
    assert "deaths or survival" in short.caution
    written = answerer.ask("What was the 2-year overall survival in the Kuzmina GVHD trial?")
    assert "deaths or survival" in written.caution
    # shorthand read as words that ask nothing of the kind adds no caution
    assert "deaths or survival" not in answerer.ask("How many pts were in Sun's UC-MSC lupus trial?").caution
