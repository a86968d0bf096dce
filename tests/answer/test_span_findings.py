"""A question asking whether a treatment did harm is answered by the sentence reporting a harm
finding, not by the one beside it on the topic or on its benefit (qa.answer.findings; user trial 28,
cause 1), on the real index."""
from __future__ import annotations

import pytest

from qa.answer.answerer import Answerer
from qa.answer.findings import asks_result, reports_outcome, reports_result
from qa.answer.focus import answer_type

from conftest import answerer_with

SIDE_EFFECTS = "Were there any side effects when the GVHD patients got the cells?"
LUPUS_HARM = "Did any lupus patients die or have side effects after the treatment?"


@pytest.fixture(scope="module")
def without(settings, index) -> Answerer:
    """The same answerer with the finding focus off (the scoring before)."""
    return answerer_with(settings, index, finding_focus="off")


def _sentence(index, opening: str) -> str:
    """The sentence of the real corpus opening with `opening` (up to its full stop)."""
    for doc in index.documents:
        text = index.document(doc.id).text.replace("\n", " ")
        at = text.find(opening)
        if at >= 0:
            return text[at:text.index(". ", at) + 1]
    raise AssertionError(f"no sentence opens with {opening!r}")


def test_a_side_effects_question_quotes_the_sentence_saying_there_were_none(answerer, without):
    first = answerer.ask(SIDE_EFFECTS).spans[0]
    assert first.text.startswith("None of the patients had side effects"), first.text[:100]
    assert [c.key for c in first.citations] == ["Le Blanc 2008"]
    # before: the sentence beside it, on the placebo-controlled trials' benefit, won on dense similarity
    old = without.ask(SIDE_EFFECTS).spans[0]
    assert old.text.startswith("The most recent placebo controlled trials"), old.text[:100]


def test_a_question_on_deaths_or_side_effects_quotes_a_harm_finding(answerer):
    answer = answerer.ask(LUPUS_HARM)
    first = answer.spans[0].text
    assert first.startswith("None had complications"), first[:100]
    assert any("no adverse effects, deaths or ensuing GVHD" in s.text for s in answer.spans)


def test_the_question_focus_is_read_from_its_form_and_wording():
    for question, kind in ((SIDE_EFFECTS, "yesno"), ("is it safe for children?", "yesno"),
                           ("any side effects?", "fact"), (LUPUS_HARM, "yesno")):
        assert asks_result(question, kind) == "harm", question
    # a wh-question asks for something else than whether; a sources question for citations
    assert asks_result("Which side effects were reported?", "list") is None
    assert asks_result("What side effects did steroids cause?", "fact") is None
    assert asks_result("Which studies reported no side effects?", "sources") is None
    # benefit is read only when asked for ('both'), and nothing when 'off'
    assert asks_result("Does it work for lupus?", "yesno") is None
    assert asks_result("Does it work for lupus?", "yesno", "both") == "benefit"
    assert asks_result(SIDE_EFFECTS, "yesno", "off") is None


def test_a_harm_finding_names_harm_and_reports_or_denies_it(index):
    none = _sentence(index, "None of the patients had side effects")
    deaths = _sentence(index, "Follow-up reached 17.2")
    tolerated = _sentence(index, "Allogeneic MSCs were well tolerated")
    benefit = _sentence(index, "The most recent placebo controlled trials")
    steroids = _sentence(index, "The most widely used immunosuppressive therapy")  # a risk, not a finding
    assert all(reports_result(s, "harm") for s in (none, deaths, tolerated))
    assert not reports_result(benefit, "harm") and not reports_result(steroids, "harm")
    # the benefit reading: a finding of any outcome, not a sentence on the treatment's rationale
    assert reports_result(benefit, "benefit")
    assert reports_result(_sentence(index, "In 2006, six of eight patients"), "benefit")
    assert not reports_result(_sentence(index, "In a clinical setting, MSCs are now being explored"), "benefit")
    # a participle qualifying a noun is no outcome ('collagen induced arthritis'), nor a time point a share
    assert not reports_result("therapies have been tested in collagen induced arthritis", "benefit")
    assert not reports_result("found evidence of MSCs in kidney tissues at week 2 of infusion", "benefit")


def test_the_answer_type_carries_the_finding_but_not_for_a_table_row():
    text = "None of the patients had side effects either during or immediately after the MSC infusion."
    assert answer_type(SIDE_EFFECTS, "yesno", text) == 1.0
    assert answer_type(SIDE_EFFECTS, "yesno", "MSCs are being explored for GVHD.") == 0.0
    assert answer_type(SIDE_EFFECTS, "yesno", "Outcome: no side effects", row=True) == 0.5
    assert answer_type(SIDE_EFFECTS, "yesno", "MSCs are being explored for GVHD.", findings="off") == 0.5


def test_a_share_counted_in_any_number_words_reports_an_outcome():
    """The share is read with the same cardinals the citation inheritance reads (below a hundred),
    not a list ending at twenty."""
    assert reports_outcome("seventeen of the twenty-four recipients")
    assert reports_outcome("thirteen of forty-one children")
    assert not reports_outcome("cells of the bone marrow stroma")
