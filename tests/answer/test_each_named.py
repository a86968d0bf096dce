"""User trial 42: a question naming two articles quotes each (qa/answer/each_named.py), whether it
names them by id or by name (qa/retrieval/named_article.named_articles), on the real reviews' index."""
from __future__ import annotations

from conftest import answerer_with
from qa.retrieval.named_article import named_articles

MS_IDS = "Do figueroa2012 and kim2013 agree on whether MSCs work in multiple sclerosis?"
# 'clinical' alone names no article of the three reviews (all write it); in user trial 42's library it did
RATE = ("Do the autoimmune review and the clinical-applications review agree on the response rate in Le Blanc's "
        "phase II GVHD study?")


def test_two_named_articles_are_read_by_name(settings, index):
    expander = answerer_with(settings, index).retriever.expander
    found = named_articles(index, RATE, expander)
    assert found is not None and found.doc_ids == ["figueroa2012", "kim2013"]
    assert found.question == "Do agree on the response rate in Le Blanc's phase II GVHD study?"
    assert "Asked of figueroa2012 and kim2013" in found.note
    # one name, or two names of one article, or a name no article clearly has: not two articles
    assert named_articles(index, expander=expander, question="In the autoimmune review, what response rate did Le Blanc report?") is None
    assert named_articles(index, "Do the autoimmune review and the autoimmunity review agree?", expander) is None
    assert named_articles(index, "Do the clinical review and the stem cell review agree on GVHD?", expander) is None


def test_each_article_a_question_names_by_id_is_quoted(settings, index):
    """The shared ranked list held only figueroa2012's sentences (user trial 41 Q11, 42 Q10)."""
    answer = answerer_with(settings, index).ask(MS_IDS)
    assert {s.doc_id for s in answer.spans} == {"figueroa2012", "kim2013"}
    before = answerer_with(settings, index, each_named_article=False).ask(MS_IDS)
    assert before.message.startswith("Asked of figueroa2012 and kim2013")


def test_each_article_a_question_names_by_name_is_quoted(settings, index):
    """User trial 42 (Q1): the 70% initial response (figueroa2012) and the [86] phase II row (kim2013)."""
    answer = answerer_with(settings, index).ask(RATE)
    assert {s.doc_id for s in answer.spans} == {"figueroa2012", "kim2013"}
    assert any("70% initial response rate" in s.text for s in answer.spans)
    assert any([c.key for c in s.citations] == ["86"] for s in answer.spans if s.doc_id == "kim2013")
    assert "Asked of figueroa2012 and kim2013, which the question names." in answer.message
    off = answerer_with(settings, index, each_named_article=False).ask(RATE)
    assert "Asked of" not in off.message
