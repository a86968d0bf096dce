"""Span choice and citations are coupled (sixth top-span round, evals/README.md "Top span, sixth
round"): in a review, a study is cited where it is introduced ("A second trial from this group in
Nanjing ... (Sun et al., 2010)") and its findings follow one to three sentences later, uncited
("Follow-up was only 8.25 months, ..."). Every re-scoring measured in that round that put such a
finding first (the asked kind of number as the answer type, a window cosine) dropped the study's
citation and let a secondary span of another study cite instead. These tests hold the present
behaviour: the introducing sentence comes first and cites, the finding is shown after it; since the
fifteenth session's bridge join (`span_bridge`, qa/answer/joins.py) in the first span itself, when
the sentences between cite nothing and score below it."""
from __future__ import annotations

import pytest


from conftest import answerer_with

# own wording (not an evaluation question): the Nanjing umbilical-cord lupus trial's follow-up
FOLLOW_UP = "How long was the follow-up of the umbilical cord MSC trial in lupus from Nanjing?"
# the intracoronary pilot study in acute MI, then "The results indicated that MSCs were still viable ..."
VIABLE = "For how long were intracoronary MSCs found viable in acute myocardial infarction?"


@pytest.mark.parametrize("question, finding, study", [
    (FOLLOW_UP, "Follow-up was only 8.25 months", "Sun 2010"),
    (VIABLE, "MSCs were still viable 3 months", "100"),
])
def test_a_finding_is_shown_after_the_cited_sentence_introducing_its_study(answerer, question, finding, study):
    answer = answerer.ask(question)
    assert answer.found
    texts = [s.text for s in answer.spans]
    shown = [i for i, t in enumerate(texts) if finding in t]
    assert shown, texts  # the finding is among the spans ...
    first = answer.spans[0]
    # ... and the answer cites the study it belongs to, through the sentence introducing it
    assert study in {c.key for c in first.citations}, (first.text, first.citations)
    assert {c.key for s in answer.spans for c in s.citations} == {study}


def test_the_first_span_bridges_to_the_finding_of_the_study_it_cites(answerer):
    """The introduction, two sentences of detail and the finding are one verbatim quote: the
    finding is in the first span, cited through its introduction, with no other study."""
    first = answerer.ask(FOLLOW_UP).spans[0]
    assert first.text.startswith("A second trial") and "Follow-up was only 8.25 months" in first.text
    assert {c.key for c in first.citations} == {"Sun 2010"}


def test_without_the_bridge_the_uncited_finding_does_not_borrow_another_studys_citation(settings, index):
    answer = answerer_with(settings, index, span_bridge=0).ask(FOLLOW_UP)
    assert "Follow-up was only 8.25 months" not in answer.spans[0].text
    finding = next(s for s in answer.spans if "Follow-up was only 8.25 months" in s.text)
    assert not finding.citations
