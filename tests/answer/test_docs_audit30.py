"""Documentation audit 30 (docs/docs-audit-30.md): the README's shorthand example "CR rate peds aGVHD
Prochymal" was offered "Did you mean: CR rate leds aGVHD Prochymal" once the hint came to answers too:
'peds' is shorthand the synonyms read, not a misspelling (qa.answer.vague.suggestion). A real
misspelling ('lupsu') keeps its hint. Real seeds index."""
from __future__ import annotations

from conftest import answerer_with

from qa.answer.vague import corrections, suggestion


def test_shorthand_the_synonyms_read_gets_no_did_you_mean(settings, index):
    answerer = answerer_with(settings, index)
    question = "CR rate peds aGVHD Prochymal"
    # the spelling reader alone reads 'peds' as a corpus word one edit away: the hint must not offer it
    assert "peds" in corrections(index, settings.answer, question)
    assert suggestion(answerer, question) == ""
    answer = answerer.ask(question)
    assert answer.found and "Read 'CR' as" in answer.message and "'peds' as 'pediatric" in answer.message
    assert "Did you mean" not in answer.message


def test_a_real_misspelling_keeps_its_hint(settings, index):
    answer = answerer_with(settings, index).ask("Were MSCs tried in lupsu nephritis?")
    assert answer.found and "Did you mean: Were MSCs tried in lupus nephritis?" in answer.message


def test_k_never_changes_the_first_span_of_an_answer(pdf_library):
    """README: `--k N` "never changes the answer itself". A rule that puts a lower-scored span first (the
    Methods for a procedure question: qa.answer.span_order.procedure_first) was undone at `--k 1`, which
    kept the highest-scored span (qa.answer.units.strongest_per_review) and so showed the Results sentence
    the rule had displaced."""
    settings, index = pdf_library
    answerer = answerer_with(settings, index)
    question = "What instrument and surgical route were used to get the MH42-LNPs under the macaque retina?"
    full = answerer.ask(question)
    assert "subretinal cannula" in full.spans[0].text
    for k in (1, 2):
        assert answerer.ask(question, k=k).spans[0].text == full.spans[0].text


def test_k_keeps_the_first_span_on_the_dev_seeds(settings, index):
    """The same on every answered dev seed question that is not a sources question (those lead with their
    study table, whose rows `--k` bounds by strength across reviews, as before)."""
    from qa.evaluation.question_set import load_all

    answerer = answerer_with(settings, index)
    checked = 0
    for q in load_all("dev", "seeds"):
        if q.previous:
            continue
        full = answerer.ask(q.question)
        if not full.found or full.kind == "sources" or len(full.spans) < 2:
            continue
        assert answerer.ask(q.question, k=1).spans[0].text == full.spans[0].text, q.id
        checked += 1
    assert checked >= 10
