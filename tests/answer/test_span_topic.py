"""The first span joined with a neighbour beyond the forward join (fifth top-span round,
qa/answer/joins.py), on the real index: a span that covers the question only through the
sentence before it (its topic) is shown with that sentence; a question asking for several
things or comparing two may take the next sentence within a wider margin. Whatever joins,
the first span is whole consecutive sentences, at most two besides those the bridge join
(`span_bridge`) reaches over uncited sentences, and no span repeats another."""
from __future__ import annotations

import pytest

from qa.answer.answerer import Answerer
from qa.answer.units import Unit, before_cites, extra_places, joined_cites
from qa.models import Hit, Passage

from conftest import answerer_with, checked_first_span

# the best sentence concludes from the one naming CD146 ("Therefore, the use of an appropriate
# origin ... is important"): it covers 'CD146' and 'marker' only through the sentence before
CONCLUDES = "CD146 is a marker of what in MSCs?"
# a comparison whose two sides are stated in two sentences (TLR3 priming, then what TLR4 does)
COMPARES = "How do TLR3 and TLR4 priming of MSCs differ?"
QUESTIONS = [CONCLUDES, COMPARES, "Which in vitro properties characterise human MSCs?",
             "Which soluble factors mediate MSC immunosuppression?", "What does CD146 mark in cord blood MSCs?",
             "How long did MSCs stay viable after intracoronary injection in acute MI?"]


@pytest.fixture(scope="module")
def before(settings, index) -> Answerer:
    """The joins of the fourth round only."""
    return answerer_with(settings, index, span_topic_share=0.0, span_join_margin_several=0.15)


def test_a_span_concluding_from_the_sentence_before_is_shown_with_it(answerer, before):
    alone = before.ask(CONCLUDES).spans[0]
    both = answerer.ask(CONCLUDES).spans[0]
    assert alone.text.startswith("Therefore") and "a marker for multipotency" not in alone.text
    assert "a marker for multipotency" in both.text and both.text.endswith(alone.text)
    assert both.end == alone.end and both.start < alone.start


def test_the_sentence_before_joins_only_within_the_margin_and_share(settings, index, before):
    """The sentence before must score within span_join_margin of the span, and the span must owe it
    at least span_topic_share of the question's terms (unless it cites nothing: join_uncited_before,
    tests/answer/test_span_bridge.py)."""
    alone = before.ask(CONCLUDES).spans[0]
    for changes in ({"span_join_margin": 0.0}, {"span_topic_share": 0.99, "join_uncited_before": False}):
        kept = answerer_with(settings, index, **changes).ask(CONCLUDES).spans[0]
        assert (kept.start, kept.end) == (alone.start, alone.end)


def test_a_comparison_may_take_the_next_sentence_within_the_wider_margin(answerer, before):
    one = before.ask(COMPARES).spans[0]
    two = answerer.ask(COMPARES).spans[0]
    assert answerer.ask(COMPARES).kind == "comparison"
    assert two.start == one.start and two.end > one.end and two.text.startswith(one.text)


@pytest.mark.parametrize("question", QUESTIONS)
def test_first_spans_are_whole_sentences_bridged_only_over_uncited_ones_and_never_repeat(answerer, index, question):
    first, hit, starts, ends = checked_first_span(answerer.ask(question), index)
    last, opening = ends.index(first.end), starts.index(first.start)
    assert last - opening <= 1 + answerer.settings.answer.span_bridge  # two, or bridged to a finding
    if last - opening > 1:  # what the bridge took cites nothing
        assert not [c for c in hit.passage.citations if starts[opening + 2] <= c.start and c.end <= first.end]


def test_a_joined_sentence_takes_a_place_only_when_it_would_cite_on_its_own():
    hit = Hit(passage=Passage(id="p", doc_id="d", section="", start=0, end=10, text="x" * 10), rank=1, score=1.0)
    u = Unit(hit, 5, 10, "xxxxx", [], set(), set(), None, score=0.8)
    assert extra_places(u, 0.8, 0.1) == 0
    u.before, u.joined = (5, 0.75), (8, 0.65)
    assert before_cites(u, 0.8, 0.1) and not joined_cites(u, 0.8, 0.1)
    # both citing: still one place beyond its own, so the answer keeps room for another span
    assert extra_places(u, 0.8, 0.1) == 1 and extra_places(u, 0.8, 0.2) == 1
