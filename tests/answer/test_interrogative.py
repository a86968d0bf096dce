"""The interrogative grammar split out of qa.retrieval.question (qa.retrieval.interrogative): read the same
from either module, and on its own (own phrasings; none of them evaluation questions)."""
from __future__ import annotations

from qa.retrieval import interrogative, question


def test_the_kind_reading_re_exports_the_grammar_it_reads():
    for name in ("WH_WORDS", "AUXILIARIES", "asks_whether", "asks_nothing_itself"):
        assert getattr(question, name) is getattr(interrogative, name)


def test_a_yes_no_question_and_a_follow_up_asking_nothing_itself():
    assert interrogative.asks_whether("In the Crohn's fistula trials, were the cells autologous?")
    assert not interrogative.asks_whether("Which label, e.g. iron oxide, was used to track the cells?")
    assert interrogative.asks_nothing_itself("and in children?")
    assert not interrogative.asks_nothing_itself("and how long did it last?")
