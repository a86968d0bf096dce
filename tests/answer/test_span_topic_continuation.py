"""The sentence before a first span joined with a follower continuing it (`join_topic_past_continuation`,
qa/answer/joins.py): a span covering the question through the sentence before it ("It is an IDP ...
with 27% positively charged amino acids residues ..." before "ABUW_2433 has 13 repeated AT-hook
DNA binding motifs ..." and its follower "This motif preferentially binds ...") is shown with that
sentence, as it would be had the follower joined by its score; not when the span owes it little."""
from __future__ import annotations

import pytest

from qa.answer.joins import joined
from qa.settings import Settings

from conftest import answerer_with
from test_span_bridge import FakeIndex, passage, scored

SENTENCES = ["The protein is highly charged, with 27% basic residues.",
             "It has 13 repeated DNA binding motifs.",
             "This motif binds AT-rich DNA."]


def first(borrowed: float, **changes) -> str:
    st = Settings().answer.model_copy(update=changes)
    p, spans = passage(SENTENCES)
    units = scored(p, spans, [0.68, 0.74, 0.40])
    for u in units.values():
        u.shape = 0.5
    span = units[("p", spans[1][1])]
    span.borrowed = borrowed
    return joined(FakeIndex(spans), st, span, units, several=False).text


def test_the_sentence_before_joins_past_a_continuing_follower():
    assert first(0.42) == " ".join(SENTENCES)


def test_without_the_rule_only_the_follower_joins():
    assert first(0.42, join_topic_past_continuation=False) == " ".join(SENTENCES[1:])


def test_a_span_owing_the_sentence_before_little_keeps_its_follower_only():
    assert first(0.05) == " ".join(SENTENCES[1:])


QUESTION = "What share of the ABUW_2433 protein's residues are charged?"
STATES_IT = "27% positively charged amino acids residues"


@pytest.fixture(scope="module")
def answers(pdf_library):
    settings, index = pdf_library
    on = answerer_with(settings, index).ask(QUESTION)
    off = answerer_with(settings, index, join_topic_past_continuation=False).ask(QUESTION)
    return on, off


def test_on_the_articles_the_first_quote_states_the_charged_residues(answers):
    on, off = answers
    assert STATES_IT in on.spans[0].text
    assert "13 repeated AT-hook" in on.spans[0].text  # the span the question's words picked, still shown
    assert STATES_IT not in off.spans[0].text
