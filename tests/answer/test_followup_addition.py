"""A follow-up that only adds an element ("and in chronic GVHD?") whose quotes name none of the words
it adds answers the earlier question again: it says so in a caution (`followup_addition_caution`,
qa.answer.followup.unnamed_addition; user trial 30). Real reviews' index and the real CLI; questions
worded for these tests, each also asked with the setting off."""
from __future__ import annotations

from conftest import answerer_with, run_qa

LE_BLANC = "What overall response rate did MSC infusion give in steroid-resistant acute GVHD in the Le Blanc study?"


def test_a_followup_whose_quotes_never_name_its_addition_is_refused(settings, index):
    """At any confidence (`followup_addition_refusal_below` 1.01): its quotes answer the earlier question
    again (the Le Blanc study's acute GVHD response), which is no answer to what it adds."""
    answer = answerer_with(settings, index).ask("and in chronic GVHD?", previous=LE_BLANC)
    assert not answer.found and answer.context == LE_BLANC and not answer.spans
    assert "No passage found names 'chronic', which this follow-up adds" in answer.message
    assert answer.message.count("does not answer") == 1


def test_a_followup_whose_quotes_never_name_its_addition_is_cautioned(settings, index):
    """With the refusal off (or above its band) the answer stands, with the caution."""
    answer = answerer_with(settings, index, followup_addition_refusal_below=0.0).ask("and in chronic GVHD?",
                                                                                  previous=LE_BLANC)
    assert answer.found and answer.context == LE_BLANC
    assert not any("chronic" in s.text or "cGVHD" in s.text for s in answer.spans)  # the acute trials again
    assert "No quote names 'chronic', which this follow-up adds" in answer.caution
    off = answerer_with(settings, index, followup_addition_caution=False, followup_addition_refusal_below=0.0).ask(
        "and in chronic GVHD?", previous=LE_BLANC)
    assert "which this follow-up adds" not in off.caution


def test_a_quote_naming_the_addition_in_any_form_is_no_caution(settings, index):
    answer = answerer_with(settings, index).ask("and in children?", previous="Were MSCs tried for GVHD in adults?")
    assert answer.found and any("children" in s.text or "pediatric" in s.text for s in answer.spans)
    assert "which this follow-up adds" not in answer.caution
    # a follow-up asking something of its own may be answered by a value without its word
    route = answerer_with(settings, index).ask("which route?", previous="How many SLE patients were in Sun's trial?")
    assert "which this follow-up adds" not in route.caution


def test_the_cli_prints_the_caution_first():
    done = run_qa("ask", "and in chronic GVHD?", "--previous", LE_BLANC, "--brief", "--color", "never",
                  env={"QA_FOLLOWUP_ADDITION_REFUSAL_BELOW": "0"})
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    first_quote = next(i for i, line in enumerate(lines) if line.startswith("1. "))
    assert "which this follow-up adds" in " ".join(lines[:first_quote])


def test_a_route_question_whose_quotes_name_no_route_is_cautioned(settings, index):
    """'which route?' after a question on the Nanjing umbilical cord trial quoted its patients and
    preconditioning, no route (qa.answer.focus.ASKED_THINGS); a quote naming one is no caution."""
    earlier = "How many lupus patients were in the Nanjing umbilical cord MSC trial?"
    answer = answerer_with(settings, index).ask("which route?", previous=earlier)
    routes = ("intravenous", "IV", "intrathecal", "infusion into")
    assert not any(r in s.text for s in answer.spans for r in routes)
    assert "No quote names a route of administration" in answer.caution
    ms = answerer_with(settings, index).ask("How were the MSCs given to multiple sclerosis patients?")
    assert "intrathecal" in ms.spans[0].text and "route of administration" not in ms.caution


def test_asked_thing_caution_reads_the_closed_class_of_routes():
    from qa.answer.focus import asked_thing_caution

    assert asked_thing_caution("Which route was used?", ["cells were given prior to MSC infusion"])
    for stated in ("injected via the tail vein", "Route: IV", "by intra-arterial injection", "given orally"):
        assert not asked_thing_caution("Which route was used?", [stated]), stated
    assert not asked_thing_caution("What was the dose?", ["prior to MSC infusion"])  # (the dose caution's)
    # 'systemic' in a disease's name is no route (docs audit 25: "What route was used for MSCs in the
    # lupus trials?" quoted "... systemic lupus erythematosus (SLE) ..." uncautioned)
    for disease in ("documented in systemic lupus erythematosus (SLE)", "patients with systemic sclerosis"):
        assert asked_thing_caution("What route was used for MSCs in the lupus trials?", [disease]), disease
    for stated in ("after systemic administration of MSCs", "MSCs given systemically", "by systemic infusion"):
        assert not asked_thing_caution("Which route was used?", [stated]), stated
    # only an administration route counts among the 'intra-' words (docs audit 25, open item 4): a
    # sentence of the library naming intracellular microbiota names no route
    place = ("Interestingly, it was recently shown in a murine spontaneous breast tumor model (MMTV-PyMT) that "
             "intracellular microbiota could travel through the circulation with cancer cells")
    for named in (place, "intraepithelial lymphocytes were counted", "the intra-assay coefficient of variation"):
        assert asked_thing_caution("Which route was used?", [named]), named
    for stated in ("MSCs were injected intravenously", "by intramyocardial injection", "intra-bone marrow",
                   "an intraperitoneal injection", "intrathecal administration", "intra-articular"):
        assert not asked_thing_caution("Which route was used?", [stated]), stated
