"""Citations read from the answer's context (real index, questions worded for these tests): a
question about "the review" cites from one document (`cite_one_document`); an uncited span that
refers back to the study of the sentence before takes that sentence's citation
(`inherit_citations`); in a list under a head ("... models, including EAE (...), ... and lupus
models (...)"), the items naming what the question asks cite alone (`item_head_rule`). Each test
also runs its rule switched off, so it fails if the rule does nothing."""
from __future__ import annotations

import pytest

from qa.answer.inherited import continues_cited_study
from qa.answer.references import names_one_document

from conftest import answerer_with

REVIEW_QUESTION = "Which references does the review cite for MSCs suppressing T cell proliferation?"
CHIMERISM_QUESTION = ("After haploidentical HSCT with co-transplanted MSCs, in how many patients was donor MSC "
                      "chimerism found at 3 months?")
LUPUS_QUESTION = "Which papers used MSCs in murine lupus models?"
EAE_AND_CIA = {"Rafei 2009", "Bai 2009", "Augello 2007", "Gonzalez 2009"}  # the list's other items


def _cited(answer) -> set[tuple[str, str]]:
    return {(s.doc_id, c.key) for s in answer.spans for c in s.citations}


@pytest.mark.parametrize("question,one", [
    ("Which in vitro features define MSCs according to this review?", True),
    ("What does the HSCT review say about NK cells?", True),
    ("What do the authors propose next?", True),
    ("Which studies found MSCs ineffective in arthritis?", False),
    ("What response rate does each of the clinical-applications review and the HSCT review report?", False),
])
def test_names_one_document(question: str, one: bool):
    assert names_one_document(question) is one


@pytest.mark.parametrize("sentence,back", [
    ("In this study, donor-type chimerism was detected in 3 of 14 patients.", True),
    ("These patients showed no toxicity.", True),
    ("In this study, we show that PARP1 recruits MRE11.", False),  # the article's own work
    ("MSCs have been used to treat cirrhosis in a limited number of trials.", False),
    # user trial 14: a model named with words between ("In this well known model of ..."), a
    # connective adding to the study, and its subjects named with a quantifier
    ("In this well known model of chronic kidney disease, a single intravenous infusion of MSCs was "
     "associated with a reduction of serum creatinine.", True),
    ("Furthermore, the majority of patients showed no differences in MRI assessments after 12 months.", True),
    ("However, the patients relapsed within a year.", True),
    ("Treated rats exhibited a significant induction in epitheliogenic molecules.", True),
    ("Moreover, MSCs were well tolerated.", True),
    ("However, MSCs can also promote tumour growth.", False),  # a new statement, not the study's
    ("Most MSCs are trapped in the lungs.", False),
    ("Most patients with SLE respond poorly to cyclophosphamide.", False),  # a fact of its own
    ("Two of the treated mice died before week 4.", True),
    ("These 12 children had severe disease.", True),
    ("Overall, seven of 12 patients showed complete responses.", True),  # a count out of its cohort
    ("Six out of eight treated patients had no relapse.", True),
    # any count below a hundred in words, and any subjects a study treats (no list of the reviews' own)
    ("Thirteen of the 40 rabbits developed osteoarthritis.", True),
    ("Twenty-four of the volunteers completed the study.", True),
    ("Treatment of many patients with SLE requires immunosuppression.", False),  # no count of a cohort
    # user trial 17: a share of the study's subjects, named with a demonstrative
    ("Sixty-eight percent of these patients showed complete responses.", True),
    ("60% of those children responded within a month.", True),
    ("Half of these mice died.", True),
    ("Sixty-eight percent of patients respond to steroids.", False),  # no demonstrative: a fact of its own
    # user trial 27: the study's subjects named back inside the sentence, not at its opening
    ("Despite high doses, the fraction of donor cells was less than 1% when chimerism analyses of these "
     "children were performed between 18 and 34 mo after the infusions.", True),
    ("The MSCs of those patients failed to proliferate.", True),
    ("Donor cells were rare in patients given MSCs.", False),  # no demonstrative: a fact of its own
    # user trial 28: a count of the study's subjects and what they showed; what was not seen, past tense
    ("Two patients showed normal healing of the infiltrated area.", True),
    ("There were no serious adverse events following MSC administration.", True),
    ("There are still no effective treatments available.", False),  # present tense: a fact of its own
    ("Five patients with Crohn disease were treated with autologous MSCs.", False),  # a new study introduced
    # the study's subjects, bare, and what they did in the past tense (follow-ups helper, 25th session)
    ("Patients improved on measures of visual function, without evidence of significant adverse events.", True),
    ("Patients received one infusion of allogeneic BM-MSCs.", True),
    ("Patients treated with steroids often relapse.", False),  # a participle naming which patients
    ("Mice injected by the tail vein survived longer.", False),
    ("Patients with SLE have a high risk of nephritis.", False),  # present tense: a fact of its own
])
def test_continues_cited_study(sentence: str, back: bool):
    assert continues_cited_study(sentence) is back


def test_a_question_about_the_review_cites_from_one_document(answerer, settings, index):
    """Two reviews state the T cell finding; asked what "the review" cites, only the first span's
    review cites, the other's sentence is shown as context."""
    answer = answerer.ask(REVIEW_QUESTION)
    assert {doc for doc, _ in _cited(answer)} == {answer.spans[0].doc_id}
    assert {r.doc_id for r in answer.references} == {answer.spans[0].doc_id}
    assert len({s.doc_id for s in answer.spans}) > 1  # the other review is still shown
    # by default the sources citation floor alone leaves the other review's sentence uncited (the test
    # passed with this rule off): with the floor off, this rule alone keeps the answer to one review
    floorless = answerer_with(settings, index, sources_citation_floor=0.0).ask(REVIEW_QUESTION)
    assert {doc for doc, _ in _cited(floorless)} == {floorless.spans[0].doc_id}
    loose = answerer_with(settings, index, cite_one_document=False, sources_citation_floor=0.0).ask(REVIEW_QUESTION)
    assert len({doc for doc, _ in _cited(loose)}) > 1


def test_a_span_referring_back_takes_the_citation_of_the_sentence_before(answerer, settings, index):
    """'... did not confer acceleration of ... engraftment but prevented graft rejection.53 In this
    study, donor-type chimerism ... in 3 out of 14 patients': the answer sentence has no citation of
    its own; 'In this study' is the trial cited just before."""
    span = answerer.ask(CHIMERISM_QUESTION).spans[0]
    assert span.text.startswith("In this study, donor-type chimerism")
    assert [c.key for c in span.citations] == ["53"]
    assert not span.citations[0].start >= span.start  # the label is printed before the span
    off = answerer_with(settings, index, inherit_citations="off").ask(CHIMERISM_QUESTION).spans[0]
    assert off.text == span.text and not off.citations


def test_the_asked_items_of_a_list_under_its_head_cite_alone(answerer, settings, index):
    """'... tested in a variety of immune-mediated disease models, including experimental allergic
    encephalomyelitis (Rafei ...; Bai ...), ..., collagen-induced arthritis (Augello ...; Gonzalez
    ...) and several lupus murine models (Zhou ...; ...)': asked about lupus models, the EAE and
    arthritis items do not cite; without the rule they do."""
    span = next(s for s in answerer.ask(LUPUS_QUESTION).spans if "several lupus murine models" in s.text)
    keys = {c.key for c in span.citations}
    assert {"Zhou 2008", "Sun 2009", "Chang 2011", "Schena 2010"} <= keys
    assert not keys & EAE_AND_CIA
    # the sources clause rule alone also drops the other items (the test passed with this rule off):
    # with it off, this rule alone keeps only the lupus items
    alone = answerer_with(settings, index, sources_clause_share=0.0).ask(LUPUS_QUESTION)
    alone_keys = {c.key for c in next(s for s in alone.spans if "several lupus murine models" in s.text).citations}
    assert {"Zhou 2008", "Sun 2009", "Chang 2011", "Schena 2010"} <= alone_keys and not alone_keys & EAE_AND_CIA
    off = answerer_with(settings, index, item_head_rule=False, sources_clause_share=0.0).ask(LUPUS_QUESTION)
    loose = next(s for s in off.spans if "several lupus murine models" in s.text)
    assert EAE_AND_CIA <= {c.key for c in loose.citations}


def test_a_quote_whose_own_sentence_cites_nothing_offers_the_citation_printed_in_it(answerer):
    """User trial 6: "Recently, a safety system ... has been developed. The safety mechanism is a
    suicide system ... (CID) [154]." is one quote (the second sentence joined to the first); [154]
    was printed in it but not offered, so the answer had no source at all."""
    answer = answerer.ask("What safety switch has been developed to kill MSCs after infusion?")
    first = answer.spans[0]
    assert "caspase-9" in first.text and "[154]" in first.text
    assert [c.key for c in first.citations] == ["154"] and not first.also_cited
    assert [r.key for r in answer.references] == ["154"]


@pytest.mark.parametrize("sentence", [
    "This was also the first study to follow and detect the viability of MSCs.",
    "That was the largest trial so far.",
])
def test_a_sentence_saying_what_this_was_continues_the_cited_study(sentence: str):
    assert continues_cited_study(sentence)


def test_an_uncited_sentence_about_the_study_before_takes_its_citation_over_sentences_between(answerer):
    """User trial 6: "... controls [100]. There were no serious adverse events ... This was also
    the first study to follow and detect the viability of MSCs ..." was offered with no source;
    the study it refers to is cited two sentences before, in the same paragraph."""
    answer = answerer.ask("Which study followed MSC viability with cardiac electromechanical mapping?")
    assert answer.found and "first study to follow" in answer.spans[0].text
    assert [c.key for c in answer.spans[0].citations] == ["100"]
    assert answer.studies and [c.label for c in answer.studies[0].study.cited_by if c.doc_id == "kim2013"] == ["[100]"]


def test_a_sources_answer_takes_a_sentence_that_states_the_finding_of_the_study_before(answerer):
    """User trial 6: "The results indicated that MSCs were still viable 3 months after
    transplantation." cites nothing itself, so a sources answer skipped it and listed only the
    studies that came after ([101-105]); it now counts with the citation of its study ([100])."""
    answer = answerer.ask("Which study showed MSCs were still viable 3 months after transplantation in "
                          "heart attack patients?")
    viable = [s for s in answer.spans if "still viable 3 months" in s.text]
    assert viable and [c.key for c in viable[0].citations] == ["100"]
    assert answer.studies[0].study.id.startswith("chen2004")


def test_a_quote_referring_back_cites_its_study_beside_a_joined_sentence_citing_another(answerer):
    """"In this report, they demonstrated the partial female donor epithelium chimerism (4%) ..."
    refers to the study cited just before it ([38]); the sentence joined after it ("A large study
    from the same group ... [39]") cites another. The quote offers [38] whether or not [39] cites
    too: offering only [39] credited the 4% to the wrong study."""
    for question in ("What fraction of colon epithelium was of donor origin in biopsies after MSC infusion "
                     "for gut GVHD?", "Colon biopsies after MSCs for gut GVHD: how much donor chimerism?"):
        answer = answerer.ask(question)
        first = answer.spans[0]
        assert first.doc_id == "pmc3782548" and "(4%)" in first.text, question
        assert "38" in [c.key for c in first.citations], question


def test_an_uncited_result_sentence_takes_the_study_of_its_paragraph_not_the_next_sentences(answerer):
    """User trial 14 F2: "In a pilot study, 10 patients ... [111]. ... Furthermore, the majority of
    patients showed no differences in MRI assessments after 12 months ... Subsequent trials
    similarly showed mixed results [112-114]." The MRI finding is the pilot study's: it was offered
    [112-114], the next sentence's other trials."""
    answer = answerer.ask("did the MRI change?",
                          previous="MS pilot with intrathecal MSCs - how many patients, and who ran it?")
    first = answer.spans[0]
    assert "no differences in MRI" in first.text
    assert [c.key for c in first.citations] == ["111"]
    assert {c.key for c in first.also_cited} == {"112", "113", "114"}


def test_an_uncited_sentence_in_this_model_takes_the_study_before(answerer):
    """User trial 14 R7: "... rats subjected to 5/6 nephrectomy (NPX) (Villanueva et al., 2011). In
    this well known model of chronic kidney disease, a single intravenous infusion of 0.5x10^6 MSCs
    ..." was answered with "References: none"."""
    answer = answerer.ask("dose of MSCs in the rat 5/6 nephrectomy CKD model?")
    assert "single intravenous infusion" in answer.spans[0].text
    assert [c.key for c in answer.spans[0].citations] == ["Villanueva 2011"]


def test_a_quote_of_two_sentences_keeps_the_second_sentences_study(answerer):
    """User trial 13 H / 14 E: "In humans, the most studied application for MSCs is GVHD, ...
    (English et al., 2010). In 2004, Le Blanc et al, treated a 9-year-old boy ... (Le Blanc et al.,
    2004)." is one quote of two statements; the item rule for one sentence listing findings had
    read the second sentence as a sibling item of the first and dropped Le Blanc 2004, the study
    of the quoted case, to "not offered". (Asked as "mscs gvhd kids response?" until 'kids' was read
    as 'pediatric or children', which now finds the pediatric Prochymal result first.)"""
    answer = answerer.ask("mscs gvhd response?")
    first = answer.spans[0]
    assert "9-year-old boy" in first.text
    assert {"English 2010", "Le Blanc 2004"} <= {c.key for c in first.citations}
    assert "Le Blanc 2004" not in {c.key for c in first.also_cited}


def test_an_uncited_sentence_naming_the_studys_subjects_inside_takes_its_citation(answerer):
    """User trial 27: "Horwitz et al. reported ... [66] Despite high doses of infused MSCs, the
    fraction of donor cells ... of these children were performed between 18 and 34 mo after the MSC
    infusions." The answering sentence refers to [66]'s children mid-sentence; it was offered with
    "References: none" and [66] only as "also printed"."""
    answer = answerer.ask("When was PCR chimerism of the OI children's osteoblasts measured after the MSC boosts?")
    first = answer.spans[0]
    assert "between 18 and 34 mo" in first.text
    assert [c.key for c in first.citations] == ["66"]


def test_a_count_of_the_study_s_subjects_and_a_no_adverse_events_sentence_take_its_citation(answerer):
    """User trial 28: "Two patients showed normal healing ... 75% of treated fistulas had closed" and
    "There were no serious adverse events following MSC administration" were quoted with no source;
    the sentences before cite the studies they report ([109], [100])."""
    fistulas = answerer.ask("What percentage of the fistulas healed?",
                            previous="how many Crohn patients were in the adipose stem cell study")
    assert "75% of treated fistulas" in fistulas.spans[0].text and [c.key for c in fistulas.spans[0].citations] == ["109"]
    safety = answerer.ask("Were there serious side effects in the heart attack study?")
    assert "no serious adverse events" in safety.spans[0].text and [c.key for c in safety.spans[0].citations] == ["100"]
