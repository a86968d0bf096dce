"""A follow-up's earlier question says where to look, its own words what to find there
(`followup_setting_weight`, qa.answer.followup.setting_coverage), on the real evaluation library."""
from __future__ import annotations

import pytest

from conftest import answerer_with
from qa.answer.followup import setting_coverage

pytestmark = pytest.mark.slow

MACAQUES = "What dose of GFP mRNA was injected subretinally in the macaques?"
SIZE = "what size were the particles?"


def test_the_earlier_questions_setting_picks_the_passage(pdf_library):
    """User trial: the particle size asked after the macaque dose is the macaque formulation's
    ("Formulated nanoparticles were 91.6 nm"), not the mouse LNPs' ("70 to 76 nm"), which share
    more of the follow-up's own words ("LNP size") but sit in the mouse experiment."""
    settings, index = pdf_library
    answer = answerer_with(settings, index).ask(SIZE, previous=MACAQUES)
    assert answer.found and "91.6 nm" in answer.spans[0].text
    off = answerer_with(settings, index, followup_setting_weight=0.0).ask(SIZE, previous=MACAQUES)
    assert "91.6 nm" not in off.spans[0].text  # the mouse LNPs' size first without it


def test_setting_coverage_reads_the_passage_not_the_sentence(pdf_library):
    settings, index = pdf_library
    answerer = answerer_with(settings, index)
    query = answerer.retriever.query_from(SIZE, MACAQUES)
    units = answerer.units(answerer.retriever.search(query, k=10))
    setting = setting_coverage(answerer, query, units)
    macaque = next(u for u in units if "91.6 nm" in u.text)
    mouse = next(u for u in units if "70 to 76 nm" in u.text)
    assert setting[macaque.hit.passage.id] > setting[mouse.hit.passage.id]
    # every sentence of a passage shares its passage's value (the sentence is the follow-up's to pick)
    same = [u for u in units if u.hit.passage.id == macaque.hit.passage.id]
    assert len(same) > 1 and len({setting[u.hit.passage.id] for u in same}) == 1
    # a question asked on its own has no setting
    alone = answerer.retriever.query_from(SIZE)
    assert setting_coverage(answerer, alone, units) == {}


def test_a_followup_pointing_back_is_not_answered_by_the_earlier_answer(settings, index):
    """"How were the cells produced for it?" after the Nanjing lupus trial: the trial's sentence
    answered the earlier question and led the answer through the joint cosine; the follow-up's own
    text now picks the sentence on how the cords were cultured."""
    answer = answerer_with(settings, index).ask(
        "How were the cells produced for it?",
        previous="What did the Nanjing group's umbilical cord MSC trial in severe lupus involve?")
    assert answer.found and "Cords for MSC culture were derived from normal deliveries" in answer.spans[0].text


ANTICANCER = "What kinds of anticancer genes have MSCs been engineered to overexpress?"


def test_a_followup_sources_answer_stays_in_the_earlier_setting(settings, index):
    """'refs for the interleukin ones?' after the anticancer-genes question asks for the studies of
    MSCs engineered with interleukins ([134-138]); it offered every interleukin sentence of the three
    reviews too (IL-10 from dendritic cells [50], licensing by IL-1, ...), thirteen keys of other
    topics (`sources_followup_setting_share`)."""
    answerer = answerer_with(settings, index)
    answer = answerer.ask("refs for the interleukin ones?", previous=ANTICANCER)
    assert answer.found and "ILs [134-138]" in answer.spans[0].text
    assert all("anticancer" in s.text or "tumor" in s.text.lower() for s in answer.spans), \
        [s.text[:80] for s in answer.spans]
    off = answerer_with(settings, index, sources_followup_setting_share=0.0)
    assert len(off.ask("refs for the interleukin ones?", previous=ANTICANCER).spans) > len(answer.spans)
