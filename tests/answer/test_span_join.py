"""The first span joined with the next sentence of its passage when that one scores within
`span_join_margin` of it: a sentence that sets a finding up ("we recently evaluated ...") and the
one that states it ("a single infusion of 0.5x10^6 MSCs was associated with ..."). Real index."""
from __future__ import annotations

import pytest

from qa.answer.answerer import Answerer

from conftest import answerer_with, checked_first_span


SETUP_THEN_FINDING = "What did MSCs do in the rat 5/6 nephrectomy model?"
QUESTIONS = [SETUP_THEN_FINDING, "Does umbilical cord blood actually contain MSCs?",
             "How long did MSCs stay viable after intracoronary injection in acute MI?",
             "Which cytokines license MSCs to become immunosuppressive?"]



# the forward join alone: the backward join (span_topic_share) and the wider margin for questions
# asking several things (span_join_margin_several) are tested in test_span_topic.py; a follower
# referring back ("In this well known model of chronic kidney disease, ...") joins whatever it scores
# (refers_back_all, lead_in, join_prefer_before: test_span_lead_in.py)
FORWARD_ONLY = {"span_topic_share": 0.0, "refers_back_all": False, "lead_in": False, "join_prefer_before": "off"}


@pytest.fixture(scope="module")
def joined(settings, index) -> Answerer:
    return answerer_with(settings, index, span_join_margin=0.15, span_join_margin_several=0.15, **FORWARD_ONLY)


@pytest.fixture(scope="module")
def single(settings, index) -> Answerer:
    return answerer_with(settings, index, span_join_margin=0.0, span_join_margin_several=0.0, **FORWARD_ONLY)


def test_a_setup_sentence_is_shown_with_the_finding_after_it(joined, single, index):
    alone = single.ask(SETUP_THEN_FINDING).spans[0]
    both = joined.ask(SETUP_THEN_FINDING).spans[0]
    assert "0.5×106 MSCs" not in alone.text and "0.5×106 MSCs" in both.text
    assert both.start == alone.start and both.end > alone.end


@pytest.mark.parametrize("question", QUESTIONS)
def test_joined_spans_are_verbatim_consecutive_sentences_without_repeats(joined, index, question):
    checked_first_span(joined.ask(question), index)


def test_the_first_span_is_joined_only_within_the_margin(joined, single, settings, index):
    """A margin of 0 keeps the first span as before; a follower scoring further below than the
    margin is never joined, so the first span never spans more than two sentences by score."""
    for question in QUESTIONS:
        a, b = single.ask(question).spans[0], joined.ask(question).spans[0]
        assert b.start == a.start and b.end >= a.end
    wide = answerer_with(settings, index, span_join_margin=1.0, **FORWARD_ONLY).ask(SETUP_THEN_FINDING).spans[0]
    assert wide.end >= joined.ask(SETUP_THEN_FINDING).spans[0].end


def test_a_span_is_never_joined_across_a_paragraph_break(settings, index):
    """User trial 4: "... (Tyndall, 2011). More than 50 years ago Dr. Paul Klemperer ..." was one
    span, the second sentence opening the next paragraph. With every join on and wide margins, no
    joined span holds a paragraph break; the sentences are shown as spans of their own instead."""
    wide = answerer_with(settings, index, span_join_margin=1.0, span_join_margin_several=1.0, span_topic_share=0.01)
    asked = QUESTIONS + ["How many patients were enrolled in the EULAR lupus trial?",
                         "Which sources were used for SLE?", "What is GVHD?"]
    joined = 0
    for question in asked:
        for span in wide.ask(question).spans:
            assert "\n\n" not in span.text, (question, span.text[:200])
            joined += sum(span.text.count(end) for end in (". ", ".\n"))
    assert joined  # the wide margins do join sentences within a paragraph


def test_a_contrast_after_the_first_span_is_shown_with_it(settings, index):
    """User trial 8: "Were MSCs used in rheumatoid arthritis?" was answered "... MSCs could offer a
    novel therapeutic approach to treat RA." alone; the next sentence of the article says the
    opposite of what that suggests: "However, the role of MSCs in RA has not yet been reported in
    clinical trials." A follower opening with a contrast is shown with the span (`join_contrast`);
    it cites only within `citation_margin`, as any joined sentence."""
    question = "Were MSCs used in rheumatoid arthritis?"
    with_it = answerer_with(settings, index).ask(question).spans[0]
    without = answerer_with(settings, index, join_contrast=False).ask(question).spans[0]
    assert without.text.endswith("could offer a novel therapeutic approach to treat RA.")
    assert with_it.start == without.start
    assert with_it.text.endswith("However, the role of MSCs in RA has not yet been reported in clinical trials.")


def test_a_contrast_shown_with_a_span_does_not_lend_it_its_citation(settings, index):
    """The sentence shown for its contrast states another finding with its own source: "Recent
    studies have clearly demonstrated that CB contains MSCs, but its frequency is ... extremely
    low ... However, CB-derived MSCs show tremendous proliferation ....[6,7]" does not offer [6,7]
    for the frequency (user trial 7 judged [6,7] to back the expansion, not the frequency); the
    number stays listed as printed in the quote."""
    first = answerer_with(settings, index).ask("How rare are MSCs in cord blood?").spans[0]
    assert first.text.startswith("Recent studies have clearly demonstrated that CB contains MSCs")
    assert "However, CB-derived MSCs show tremendous proliferation" in first.text
    assert first.citations == [] and {c.key for c in first.also_cited} == {"6", "7"}


def test_a_legend_span_is_shown_with_its_panel_title(pdf_library):
    """User trial 11 (S2): PNAS Fig. 6 describes two survival panels in the same words, "a single dose
    of HU (2,000 mg/kg ...)" and "(150 mg/kg ...)"; only the panel titles say the second is the MNU
    experiment. The first span now opens with its title; without the rule it does not."""
    from conftest import answerer_with, checked_first_span

    settings, index = pdf_library
    question = "What dose of HU was given to the mice in the survival experiment?"
    on = answerer_with(settings, index).ask(question)
    off = answerer_with(settings, index, join_panel_title=False).ask(question)
    assert on.spans[0].text.startswith("(F) PARP1 UFMylation deficiency sensitized mice to MNU.")
    assert "single dose of HU (150 mg/kg" in on.spans[0].text
    assert not off.spans[0].text.startswith("(F)") and "150 mg/kg" in off.spans[0].text


@pytest.mark.parametrize("sentence, title", [
    ("(F) PARP1 UFMylation deficiency sensitized mice to MNU.", True),
    ("(B and C) Quantification of foci.", True),
    ("(D–F) Survival curves.", True),
    ("(n = 5) mice per group.", False),
    ("The survival of mice was shown.", False),
])
def test_panel_titles(sentence, title):
    from qa.answer.joins import PANEL_TITLE

    assert (PANEL_TITLE.match(sentence) is not None) is title


def test_a_bridged_first_span_takes_no_citing_sentence_after_its_follower(settings, index):
    """The bridge (`span_bridge`) reaches past the follower only over sentences citing nothing, to
    a sentence citing nothing: the citations of a bridged span are those of its first two sentences."""
    answerer = answerer_with(settings, index)
    asked = QUESTIONS + ["How long was the follow-up of the umbilical cord MSC trial in lupus from Nanjing?",
                         "What improved in SLE patients after umbilical cord MSCs in Nanjing?"]
    bridged = 0
    for question in asked:
        answer = answerer.ask(question)
        first = answer.spans[0]
        hit = next(h for h in answer.passages if h.passage.id == first.passage_id)
        sentences = [(s, e) for _, s, e in index.sentence_spans(hit) if first.start <= s and e <= first.end]
        if len(sentences) > 2:
            bridged += 1
            after = sentences[2][0]
            assert not [c for c in hit.passage.citations if after <= c.start and c.end <= first.end]
        assert len(sentences) <= 4
    assert bridged


def test_a_follower_naming_the_study_s_subjects_is_shown_with_its_span(settings, index):
    """'... (Connick et al., 2012). Patients improved on measures of visual function': a follower whose
    subject is the cited study's subjects continues it (the subjects' class is the one
    qa.answer.inherited reads, not a list of its own)."""
    span = answerer_with(settings, index).ask("What did Connick et al. report for MSCs in multiple sclerosis?").spans[0]
    assert "(Connick et al., 2012). Patients improved on measures of visual function" in span.text


@pytest.mark.parametrize("opening, continues", [
    ("Patients improved", True), ("The mice died", True), ("These children", True), ("Participants were", True),
    ("The trial enrolled", True), ("The authors found", True), ("In this cohort", True), ("They showed", True),
    # the class is complete for who a study treats, not the subjects of the evaluation's articles
    ("The rabbits received", True), ("Volunteers reported", True), ("Zebrafish larvae", True),
    ("The clinical response was", False), ("Cartilage regenerated", False), ("In addition", False)])
def test_continuation_openings_share_the_study_classes_of_inherited(opening, continues):
    from qa.answer.joins import CONTINUATION

    assert (CONTINUATION.match(opening) is not None) is continues


@pytest.mark.parametrize("opening", ["Six of the sheep recovered", "The majority of rabbits", "Treated monkeys showed",
                                     "Sixty percent of these volunteers"])
def test_an_uncited_sentence_goes_on_with_the_study_of_any_subjects(opening):
    from qa.answer.inherited import CONTINUES_STUDY

    assert CONTINUES_STUDY.match(opening)


def test_a_span_opening_with_a_demonstrative_is_shown_with_the_sentence_it_refers_to(settings, index):
    """`join_referred_demonstrative` (twenty-seventh session): "To address this issue, the ... Committee
    developed the minimal criteria [9]" says what was done, not why; "this issue" is the sentence
    before ("growing interest in MSCs has led to questioning the equivalence ..."), which is shown
    with it although a follower ("The criteria include ...") joined too."""
    question = "Why were minimal criteria for defining human MSCs developed?"
    first = answerer_with(settings, index).ask(question).spans[0]
    assert first.text.startswith("However, growing interest in MSCs has led to questioning the equivalence")
    assert "To address this issue" in first.text and "The criteria include" in first.text
    assert [c.label for c in first.citations] == ["[9]"]
    off = answerer_with(settings, index, join_referred_demonstrative=False).ask(question).spans[0]
    assert off.text.startswith("To address this issue")


@pytest.mark.parametrize("opening, refers", [
    ("To address this issue, the committee developed criteria.", True),
    ("Of these, three patients relapsed.", True),
    ("These data indicate that ...", True),
    ("The committee developed criteria to define MSCs.", False),
    ("To date, no trial has reported it.", False),
])
def test_openings_referring_to_the_sentence_before(settings, opening, refers):
    from qa.answer.joins import opens_referring

    assert opens_referring(settings.answer, opening) is refers
