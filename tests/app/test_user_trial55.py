"""User trial 55 (a GMP manufacturing and regulatory scientist, through the TUI, the CLI and the library, the
default library): two kinds of answer that misled her.

1. A table row naming the asked subject only by its article's abbreviation (qa.answer.forms.other_name_share,
   setting `span_other_name_credit`, now on for table rows only): "which GVHD trial used
   umbilical cord blood-derived MSCs" quoted two bone-marrow rows (Muller [88], Lucchini [87]) above kim2013's
   "Wu et al. [92]; ... MSC source: Allo-UCB", which its table's footnote defines ("UCB, umbilical cord blood").
2. A caution claiming the quoted article never writes 'dose' over a quote stating the dose by its value
   (qa.answer.unstated.valued_measures, setting `caution_reads_valued_measure`): "What cell dose was infused
   intravenously in the rat 5/6 nephrectomy model?" quoted figueroa2012's "a single intravenous infusion of
   0.5×10^6 MSCs" and warned that the article may not give the dose."""
from __future__ import annotations

import asyncio

from conftest import answerer_with, ask_json, last_answer, started_app, typed_and_answered

from qa.answer.unstated import valued_measures

# my own wording (user trial 55), not evaluation questions
CORD_ROW = "In Table 2, which GVHD trial used umbilical cord blood-derived MSCs, and how many patients did it treat?"
RAT_DOSE = "What cell dose was infused intravenously in the rat 5/6 nephrectomy model?"
NO_DOSE = "What dose of MSCs per kilogram was given in the Prochymal dose-range trial after myocardial infarction?"


def test_the_chat_quotes_the_cord_blood_row_first() -> None:
    """Through Pilot, typed as she typed it: the Wu et al. row (Allo-UCB, 2 patients) is the first quote."""
    async def run() -> None:
        async with started_app(size=(160, 50)) as (app, pilot):
            await typed_and_answered(app, pilot, CORD_ROW, timeout=600)
            answer = last_answer(app)
            assert answer.found, answer.message
            first = answer.spans[0]
            assert "Wu et al. [92]" in first.text and "Allo-UCB" in first.text, first.text
            assert [c.label for c in first.citations] == ["[92]"]

    asyncio.run(run())


def test_running_text_is_not_credited_and_the_cord_row_needs_the_credit(settings, index) -> None:
    """Rows only: the multiple sclerosis route question keeps kim2013's intrathecal sentence first
    (figueroa2012's sentences writing 'MS', its section title's 'Multiple Sclerosis (MS)', rose above it when
    running text was credited too: evals/README.md, thirty-ninth session, h7)."""
    question = "How were the MSCs given to multiple sclerosis patients?"
    rows_only = answerer_with(settings, index).ask(question, k=3)
    assert "intrathecal" in rows_only.spans[0].text, rows_only.spans[0].text
    off = answerer_with(settings, index, span_other_name_credit=0.0).ask(CORD_ROW, k=3)
    assert "Wu et al. [92]" not in off.spans[0].text  # as before the change


def test_a_dose_stated_by_its_value_is_not_cautioned_as_unwritten(settings, index) -> None:
    out = ask_json("--k", "3", RAT_DOSE)
    assert out["found"], out["message"]
    assert "0.5×106 MSCs" in out["spans"][0]["text"]
    assert "never write 'dose'" not in out["caution"], out["caution"]
    before = answerer_with(settings, index, caution_reads_valued_measure=False).ask(RAT_DOSE, k=3)
    assert "never write 'dose'" in before.caution  # the misleading caution, as before the change
    # a question whose quotes state no dose keeps its caution (the near miss of the trial)
    near_miss = answerer_with(settings, index).ask(NO_DOSE, k=3)
    assert "dose" in near_miss.caution, near_miss.caution


def test_valued_measures_reads_a_new_number_in_the_measures_unit() -> None:
    question = "What cell dose was infused?"
    assert valued_measures(question, ("cell", "dose"), ["a single infusion of 0.5×106 MSCs"]) == {"dose"}
    assert valued_measures(question, ("cell", "dose"), ["2 x 10^6 cells/kg were given"]) == {"dose"}
    # no number, or only the question's own: the dose is not stated
    assert valued_measures(question, ("cell", "dose"), ["a dose-range safety trial"]) == set()
    assert valued_measures("What cell dose was given to the 5 patients?", ("cell", "dose"),
                           ["the 5 patients were infused"]) == set()
    # not a measure word: nothing is read
    assert valued_measures("What cell type was infused?", ("cell", "type"), ["0.5×106 MSCs"]) == set()
