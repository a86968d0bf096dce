"""A dilution is an asked value: "What dilution ...?", "How much was the antibody diluted?" ask the
value a protocol writes as a ratio to one ("1:200", "1:10,000") or as what a reagent is diluted to, as a
dose or a concentration question asks its unit (qa.retrieval.number_units; evals/README.md, thirty-ninth session, helper h4)."""
from __future__ import annotations

import json

from conftest import answerer_with, library_args, run_qa

from qa.answer.focus import asked_value
from qa.retrieval.number_units import asked_unit, has_number

ELIFE = "10.7554_elife.91357.3"
DILUTED = "How much was the phospho S2 polymerase II antibody diluted?"


def test_a_dilution_question_asks_a_dilution_and_a_ratio_to_one_states_it():
    assert asked_unit("What dilution of the Ki-67 antibody was used?") == "dilution"
    assert asked_unit(DILUTED) == "dilution"  # not the dose "how much" asks otherwise
    assert asked_unit("At what dilution and for how long was the antibody applied?") == "time"  # 'how long' first
    for written in ("in 1:500 anti-γH2Av antibody", "IF: (1:200).", "at 1:10,000 dilution", "(1 : 50)",
                    "incubated with LabelX diluted to 0.002 mg/mL"):
        assert has_number(written, "dilution"), written
    # a journal's volume and its pages, a clock time, a ratio not to one, a percentage: no dilution
    for written in ("Cell Systems 1:349–360.", "imaged at 11:30", "a 21:1 ratio", "with 0.0025% MMS"):
        assert not has_number(written, "dilution"), written
    assert has_number("used at a concentration of 1:500", "concentration")  # a concentration written as one
    states = asked_value("What dilution of the Ki-67 antibody was used?", "number")
    assert states is not None and states("Ki-67 antibody (Cell Signaling Cat#, 12202;1:100 dilution)")
    assert not states("The first set of vials were treated with 250 μL of mutagen, diluted in ddH2O.")


def test_the_antibody_row_stating_its_dilution_is_the_first_quote(pdf_library):
    """Before: a fly article's "250 μL of mutagen, diluted in ddH2O" came first ('how much' read as a
    dose, 250 μL one), the key resources row "IF: (1:200)" second."""
    settings, index = pdf_library
    answer = answerer_with(settings, index).ask(DILUTED)
    assert answer.found and answer.spans[0].doc_id == ELIFE
    assert "Phospho S2 polymerase II" in answer.spans[0].text and "1:200" in answer.spans[0].text


def test_the_cli_quotes_the_dilution_first(pdf_library):
    settings, _ = pdf_library
    run = run_qa("ask", DILUTED, "--json", "--k", "3", *library_args(settings))
    assert run.returncode == 0, run.stderr
    first = json.loads(run.stdout)["spans"][0]
    assert first["doc_id"] == ELIFE and "IF: (1:200)" in first["text"]
