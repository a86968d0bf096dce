"""Which sentence comes first (third top-span round), on the real index: a follow-up naming its own
subject is answered by its own words, one pointing back keeps the earlier question's; a *why*
question prefers a sentence giving a reason, a present-tense *how* question one naming a means."""
from __future__ import annotations

import pytest

from qa.answer.answerer import Answerer
from qa.answer.focus import asks_plural
from qa.retrieval.sentence_focus import focus_match

from conftest import answerer_with

GVHD = "What initial response rate did Prochymal give in steroid-resistant GVHD?"



@pytest.fixture(scope="module")
def before(settings, index) -> Answerer:
    """The earlier question's words at the expansion weight for every follow-up (the old scoring); its
    answers are shown, not refused for quoting no word a follow-up adds (`followup_addition_refusal_below`)."""
    return answerer_with(settings, index, followup_context_weight=settings.retrieval.expansion_weight,
                         followup_addition_refusal_below=0.0)


def test_a_follow_up_naming_its_own_subject_is_answered_about_that_subject(answerer, before):
    answer = answerer.ask("and in Crohn's disease?", previous=GVHD)
    assert answer.context == GVHD and answer.found
    assert "crohn" in answer.spans[0].text.lower()
    # weighed as much as before, the earlier question's words pulled the first span back to GVHD
    old = before.ask("and in Crohn's disease?", previous=GVHD)
    assert "crohn" not in old.spans[0].text.lower() and "gvhd" in old.spans[0].text.lower()


@pytest.mark.parametrize("follow_up", ["how many of those patients responded?", "What fraction of them responded?"])
def test_a_follow_up_pointing_back_keeps_the_earlier_question_as_its_subject(answerer, before, follow_up):
    previous = "Was Prochymal given to steroid-resistant GVHD patients right at diagnosis?"
    answer = answerer.ask(follow_up, previous=previous)
    old = before.ask(follow_up, previous=previous)
    assert answer.context == previous and answer.found
    assert [(s.doc_id, s.start, s.end) for s in answer.spans] == [(s.doc_id, s.start, s.end) for s in old.spans]
    # the first span is on the Prochymal-at-diagnosis trial: its sentence, or the one after it stating
    # its patients' response ("Ninety-four percent of the patients had an initial response")
    first = answer.spans[0]
    passage = next(h.passage for h in answer.passages if h.passage.id == first.passage_id)
    assert "prochymal" in first.text.lower() or "directly after diagnosis" in passage.text


def test_a_why_question_is_answered_by_the_sentence_giving_the_reason(answerer):
    answer = answerer.ask("why do MSCs escape recognition by T cells?")
    first = answer.spans[0].text
    assert first.startswith("Since they exhibit low levels of major histocompatibility"), first[:120]
    assert focus_match("fact", answer.question, first, is_table_row=False, cited=True) == 1.0


def test_the_reason_and_means_focus_reads_the_question_tense_and_the_sentence_connectives(index):
    reason = next(u for u in _sentences(index) if u.startswith("Since they exhibit low levels"))
    plain = next(u for u in _sentences(index) if u.startswith("In spite of this array of effects"))
    why = "Why do MSCs escape T cell recognition?"
    assert focus_match("fact", why, reason, is_table_row=False, cited=True) == 1.0
    assert focus_match("fact", why, plain, is_table_row=False, cited=True) == 0.0
    means = "The effect seems to be dependent on the MSC-driven proteolytic processing of CCL2."
    assert focus_match("fact", "How do MSCs reverse neuroinflammation in EAE?", means, is_table_row=False,
                       cited=False) == 1.0
    # past tense asks what a study did or found, not a mechanism: no means focus
    assert focus_match("fact", "How did they group genes by methylation?", means, is_table_row=False,
                       cited=False) == 0.0


def _sentences(index) -> list[str]:
    out = []
    for doc in index.documents:
        text = index.document(doc.id).text
        out += [s.strip() for s in text.replace("\n", " ").split(". ")]
    return out


def test_a_list_question_is_answered_by_the_sentence_carrying_the_enumeration(answerer):
    question = "Which cytokines activate mouse MSCs?"
    answer = answerer.ask(question)
    assert asks_plural(question, answer.kind)  # its plural head, whatever the noun (no list of nouns)
    assert "interferon-γ, tumor necrosis factor-α, interleukin (IL)-1-α or IL-1-β" in answer.spans[0].text


def test_an_enumeration_is_items_joined_by_and_or_not_any_two_commas():
    ask = "List the cytokines that activate MSCs."  # no plural wh-head: any enumeration is a list's focus
    items = "MSCs become activated by proinflammatory cytokines interferon-γ, tumor necrosis factor-α, IL-1-α or IL-1-β."
    clauses = ("Thus, the therapeutic effects of MSCs depend on the inflammatory microenvironment, which should be "
               "taken into consideration when MSCs are used, for instance, in patients.")
    numbered = "They are characterized by (1) adherence to plastic; (2) trilineage differentiation."
    assert focus_match("list", ask, items, is_table_row=False, cited=False) == 1.0
    assert focus_match("list", ask, numbered, is_table_row=False, cited=False) == 1.0
    assert focus_match("list", ask, clauses, is_table_row=False, cited=False) == 0.0


def test_value_caution_by_hand():
    from qa.answer.focus import value_caution

    # a dose asked, no quote states one
    assert "No quote states a dose" in value_caution(
        "What dose of MSCs was given?", "number", ["MSCs were infused in 53 patients with MI."])
    assert value_caution("What dose of MSCs was given?", "number", ["Patients received 2 × 10⁶ cells/kg."]) == ""
    assert "time or duration" in value_caution("How long was follow-up?", "number", ["The trial enrolled 15 patients."])
    assert value_caution("How long was follow-up?", "number", ["Follow-up reached 17.2 (3-36) months."]) == ""
    # a median's range between the number and its unit still states a time
    assert value_caution("How long was follow-up?", "number", ["Follow-up was 12 (IQR 6-18) months."]) == ""
    # a value the question states itself is no answer to a 'what dose' question
    assert "dose" in value_caution("What dose, 1 mg/kg?", "number", ["The dose was 1 mg/kg."])
    # "how much" without a dose word asks an amount of any kind (user trial 21: "~19%" was one); "how much
    # of X" asks a share (tests/answer/test_asked_unit.py), which a quote with no number does not state
    assert value_caution("how much variance did PC1 explain?", "number", ["PCA was run."]) == ""
    assert value_caution("how much of the variance did PC1 explain?", "number", ["PC1 explained ∼19%."]) == ""
    assert "percentage" in value_caution("how much of the variance did PC1 explain?", "number", ["PCA was run."])
    # a duration in words states a time (user trial 23: "for days to several months" was flagged)
    for stated in ("It survives on dry surfaces for days to several months.", "Effects lasted a few weeks."):
        assert value_caution("how long does it survive on dry surfaces?", "number", [stated]) == ""
    assert value_caution("how long does it survive?", "number", ["It survives for several reasons."]) != ""
    # a rate as a share of a count states a rate (docs audit: "seven of 12 patients showed complete responses")
    for stated in ("Overall, seven of 12 patients showed complete responses.", "a response in 3/9 patients"):
        assert value_caution("CR rate peds aGVHD Prochymal", "number", [stated]) == ""
    assert "percentage or rate" in value_caution("CR rate peds aGVHD Prochymal", "number", ["Responses were seen."])
    # a yes/no question, or one asking no value, gets no note
    assert value_caution("Was 1 mg/kg the dose used?", "yesno", ["The dose was 1 mg/kg."]) == ""
    assert value_caution("Which cells secrete IL-10?", "fact", ["Tregs secrete IL-10."]) == ""


def test_an_answer_quoting_no_asked_value_says_so():
    """User trial 20: near misses asking a quantity were answered with quotes holding none of it."""
    import qa

    answer = qa.ask("what dose of MSCs was given in the Hare MI trial?")
    assert answer.found and "No quote states a dose" in answer.caution
    assert answer.message.count("No quote states") == 1
    follow_up = qa.ask("and f/u duration?", previous="how many pts in the Liang 2010 SLE MSC trial?")
    assert follow_up.found and "No quote states" not in follow_up.caution  # "17.2 (3-36) months"


def test_how_fast_a_process_acts_is_stated_by_the_time_it_takes():
    """User trial 26: "how fast does the caspase-9 suicide switch kill the MSCs" was told "No quote
    states a speed" above "killing within 24 hours": asked of a process, how fast is a time. A
    centrifuge's speed still wants its own units."""
    import qa
    from qa.answer.focus import value_caution

    answer = qa.ask("how fast does the caspase-9 suicide switch kill the MSCs")
    assert answer.found and "within 24 hours" in answer.spans[0].text
    assert "No quote states" not in answer.caution
    assert "154" in {c.key for c in answer.spans[0].citations}
    assert "No quote states a speed" in value_caution("How fast were the lysates centrifuged?", "fact",
                                                      ["Lysates were centrifuged for 10 min."])
    assert "No quote states a speed" in value_caution("How fast does the switch kill the cells?", "fact",
                                                      ["The switch kills the cells."])


def test_k_does_not_change_the_value_caution():
    """User trial 23: with k=1 the one quote shown lacked the duration a second quote stated, and the
    answer gained 'No quote states a time' that k=10 did not have: --k bounds what is shown, the
    caution reads every on-topic span."""
    import qa

    question = "Le Blanc phase II steroid-refractory aGVHD: how many pts (kids vs adults) and what response rate?"
    shown_one, shown_all = qa.ask(question, k=1), qa.ask(question)
    assert len(shown_one.spans) == 1 and len(shown_all.spans) > 1
    assert shown_one.caution == shown_all.caution


def test_statistic_caution_by_hand():
    from qa.answer.focus import asked_thing_caution as statistic_caution

    asked = "Which statistical test did Sun et al. use to compare SLEDAI before and after infusion?"
    assert "No quote states a p-value or statistical test" in statistic_caution(
        asked, ["Follow-up was only 8.25 months, but significant improvement was verified for SLEDAI score."])
    assert statistic_caution(asked, ["Tumor volumes over time were evaluated by a two-way ANOVA."]) == ""
    assert statistic_caution("What p-value was reported?", ["Statistical significance was calculated using a "
                                                           "t test: *, P , 0.05."]) == ""
    assert statistic_caution("How many patients were treated?", ["Twelve patients were treated."]) == ""


def test_statistic_caution_in_the_article_library(pdf_library):
    """User trial 27: a review reports that SLEDAI improved significantly, not the test; the answer
    said nothing of it. A Methods sentence naming the test carries no caution."""
    from conftest import answerer_with

    settings, index = pdf_library
    answerer = answerer_with(settings, index)
    near_miss = answerer.ask("Which statistical test did Sun et al. use to compare SLEDAI before and after "
                             "UC-MSC infusion?")
    assert "No quote states a p-value or statistical test" in near_miss.caution
    stated = answerer.ask("What statistical test was used for tumor volumes over time in the doxorubicin TNBC "
                          "mouse study?")
    assert "two-way ANOVA" in stated.spans[0].text and "statistical test" not in stated.caution


def test_outcome_caution_by_hand():
    from qa.answer.focus import asked_thing_caution as outcome_caution

    rates = ["Overall, seven of 12 patients showed complete responses suggesting that pediatric patients "
             "may respond better to MSC treatment."]
    assert "a cost or price" in outcome_caution("How much does the Prochymal treatment cost?", rates)
    assert "deaths or survival" in outcome_caution("How many children died in the GVHD trials?", rates)
    assert outcome_caution("How many children died?", ["Follow-up reached 17.2 months, with no adverse "
                                                       "effects, deaths or ensuing GVHD."]) == ""
    assert outcome_caution("What did the treatment cost?", ["The cost was $12,000 per infusion."]) == ""
    assert outcome_caution("How many children responded?", rates) == ""


def test_outcome_caution_on_the_reviews(settings, index):
    """User trial 28: a cost and a death count no review gives were answered with response rates
    and no warning; a question the quotes answer with deaths carries none."""
    from conftest import answerer_with

    answerer = answerer_with(settings, index)
    assert "a cost or price" in answerer.ask("How much does the Prochymal treatment cost?").caution
    assert "deaths or survival" in answerer.ask("How many children died in the GVHD trials?").caution
    stated = answerer.ask("Were there deaths or adverse effects during follow-up in the Liang lupus trial?")
    assert "deaths or survival" not in stated.caution
