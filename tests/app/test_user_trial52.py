"""User trial 52 (a hepatologist and gastroenterologist through the CLI and the Python library, the default
library): two answerable Crohn's disease questions refused or answered with another trial's row.

1. An abbreviation of the asked measure that the article only writes out in full (qa.answer.unstated.unstated
   reads `abbreviations.spelled_out` in the quotes): "What CDAI response did Onken and colleagues report?" was
   refused ("never write of 'CDAI' ... report other measures") although figueroa2012's quote writes "the Crohn
   Disease Activity Index".
2. A question naming a trial's phase whose best sentence names another phase (qa.answer.row_match
   .names_asked_phase, setting `asked_phase_first`): "Is there a phase III trial of MSCs in Crohn's disease?"
   quoted the phase I Garcia-Olmo row first, above figueroa2012's "Currently, there is a phase III ... study"."""
from __future__ import annotations

from conftest import ask_json

import qa
from qa.answer.unstated import unstated
from qa.answer.row_match import names_asked_phase

# my own wording (user trial 52), not evaluation questions
CDAI = "What CDAI response did Onken and colleagues report?"
PHASE_III = "Is there a phase III trial of MSCs in Crohn's disease?"
ONKEN = "Crohn Disease Activity Index"  # figueroa2012's words, never abbreviated there


def _corpus_passage(words: str) -> str:
    """The retrieved passage of the real corpus writing `words` (figueroa2012's Crohn's disease passage)."""
    return next(h.passage.text for h in qa.retrieve(CDAI, k=5) if words in h.passage.text)


def test_an_abbreviation_the_quote_writes_out_is_named_there() -> None:
    quote = _corpus_passage(ONKEN)
    assert unstated(CDAI, "fact", [quote]) == ""
    # a quote that writes neither the abbreviation nor its words leaves the attribute unstated
    assert unstated(CDAI, "fact", ["Onken et al. treated nine patients."]) != ""


def test_the_library_answers_the_cdai_question_with_onkens_sentence() -> None:
    answer = qa.ask(CDAI, k=3)
    assert answer.found, answer.message
    first = answer.spans[0]
    assert ONKEN in first.text and "3/9 (33.3%)" in first.text
    assert first.doc_id == "figueroa2012" and any("Onken" in c.label for c in first.citations)
    assert "never write" not in answer.caution


def test_the_cli_answers_the_cdai_question() -> None:
    out = ask_json("--k", "3", CDAI)
    assert out["found"], out["message"]
    assert ONKEN in out["spans"][0]["text"]


def test_names_asked_phase_reads_only_a_first_sentence_of_another_phase() -> None:
    names = names_asked_phase(PHASE_III, first_mismatched=True)
    assert names is not None
    assert names("Currently, there is a phase III, multicenter, placebo-controlled ... study")
    assert not names("These results were confirmed ... in a phase II multicenter ... trial")
    assert names_asked_phase(PHASE_III, first_mismatched=False) is None
    assert names_asked_phase("Is there a trial of MSCs in Crohn's disease?", first_mismatched=True) is None


def test_the_cli_quotes_the_phase_iii_sentence_first_and_the_setting_turns_it_off() -> None:
    on = ask_json("--k", "3", PHASE_III)
    assert on["found"] and "phase III" in on["spans"][0]["text"], on["spans"][0]["text"]
    assert "Osiris" in on["spans"][0]["text"]
    off = ask_json("--k", "3", PHASE_III, env={"QA_ASKED_PHASE_FIRST": "0"})
    assert "Phase: I;" in off["spans"][0]["text"]  # the phase I Garcia-Olmo row, as before the change
    assert all("phase III" not in s["text"] for s in off["spans"])
