"""A sources answer reaching no citing sentence is an ordinary answer: its best sentence is joined as
any first span is (`sources_uncited_joins`, qa.answer.sources.supporting; qa.answer.joins), so a
contrast after it ("However, ...") is not cut off (user trial 42, Q3). Hand-written question."""
from __future__ import annotations

import pytest

from conftest import answerer_with

pytestmark = pytest.mark.slow

RA = "Any randomized trials in RA?"


def test_the_contrast_that_answers_is_joined(settings, index):
    answer = answerer_with(settings, index).ask(RA)
    assert answer.kind == "sources"
    first = answer.spans[0]
    assert first.doc_id == "kim2013"
    assert "could offer a novel therapeutic approach to treat RA." in first.text
    assert first.text.rstrip().endswith("the role of MSCs in RA has not yet been reported in clinical trials.")
    # it cites nothing, as before: the join adds no study
    assert not answer.references


def test_off_the_sentence_is_shown_alone(settings, index):
    first = answerer_with(settings, index, sources_uncited_joins=False).ask(RA).spans[0]
    assert first.text.rstrip().endswith("novel therapeutic approach to treat RA.")


def test_a_sources_answer_with_citing_sentences_is_unchanged(settings, index):
    asked = "Which references does the review give for MSC suppression of T-cell proliferation?"
    on = answerer_with(settings, index).ask(asked)
    off = answerer_with(settings, index, sources_uncited_joins=False).ask(asked)
    assert [s.text for s in on.spans] == [s.text for s in off.spans] and on.references
