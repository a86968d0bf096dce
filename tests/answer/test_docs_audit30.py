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
