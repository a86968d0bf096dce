"""User trial 53 (a pulmonologist's own library, `qa add`): "What MMS dose were the rad51 and brca2 mutant
larvae given?" quoted the sentence writing "increasing doses of MMS" (no value) first, the legend stating
"treated with 0.08% MMS" third, and cautioned that no quote states a dose. A chemical given in the food,
the drinking water or a culture medium is dosed by its percentage there; a percentage right before a word
the question names (the agent) now states the asked dose (`number_units.doses_asked_agent`), in the
ranking, the span's asked value and the caution alike."""
from __future__ import annotations

import pytest

from conftest import PDF_DIR, ask_json, library_args, run_qa, sentences_holding

QUESTION = "What MMS dose were the rad51 and brca2 mutant larvae given?"
LEGEND = "treated with 0.08% MMS"
PREPRINT = PDF_DIR / "10.1101_2024.02.13.580051.pdf"


@pytest.fixture(scope="module")
def preprint_sentences() -> list[str]:
    """The preprint's sentences holding 'MMS' as its PDF reads (the real text, not a hand copy)."""
    return sentences_holding(PREPRINT, "MMS")


def test_a_percentage_of_the_asked_agent_states_its_dose(preprint_sentences) -> None:
    from qa.answer.focus import states_asked
    from qa.retrieval.number_units import doses_asked_agent, has_number

    legend = next(s for s in preprint_sentences if LEGEND in s)
    assert not has_number(legend, "dose")  # the unit's own pattern reads no percentage
    assert doses_asked_agent(QUESTION, legend) and states_asked(QUESTION, "number", legend)
    # a share or an outcome in percent is no dose, nor an agent the question does not name
    share = next(s for s in preprint_sentences if "fewer than 5% of" in s)
    assert not doses_asked_agent(QUESTION, share)
    assert not doses_asked_agent(QUESTION, "Approximately 50% survival was reached by day 20.")
    assert not doses_asked_agent("What dose of hydroxyurea was given?", legend)
    # "how much" without the word "dose" asks a change or an amount of any kind, not a dose
    assert not doses_asked_agent("How much did the foci rise after MMS?", legend)


def test_the_dose_question_quotes_the_legend_first_in_her_own_library(added_pdfs_library) -> None:
    """Through the library and the CLI (`qa ask --json` in a subprocess) on a library `qa.add` filled."""
    import qa

    settings, _ = added_pdfs_library
    answer = qa.Answerer(retriever=qa.Retriever(settings)).ask(QUESTION, k=3)
    assert answer.found and LEGEND in answer.spans[0].text
    assert "states a dose" not in answer.caution
    printed = ask_json(*library_args(settings), "--k", "3", QUESTION)
    assert LEGEND in printed["spans"][0]["text"] and "states a dose" not in printed["caution"]


def test_a_text_file_named_pdf_is_told_to_be_named_txt(tmp_path) -> None:
    """Her ventilation notes saved as `notes.pdf` were refused as "not a PDF (no %PDF header)", which says
    what the file is not; the refusal now says it is text and how to add it. Through the real CLI; nothing
    is written. A file of other bytes keeps the bare refusal."""

    notes = tmp_path / "notes.pdf"
    notes.write_text("ARDS notes: tidal volume 6 ml/kg predicted body weight, plateau pressure ≤30 cmH₂O.\n",
                     encoding="utf-8")
    binary = tmp_path / "dump.pdf"
    binary.write_bytes(b"\x00\x01\x02\x03 binary")
    corpus = tmp_path / "lib"
    expected = {notes: "qa: notes.pdf is not a PDF (no %PDF header; it is plain text: name it .txt to add it as a "
                       "text article)\n",
                binary: "qa: dump.pdf is not a PDF (no %PDF header)\n"}
    for path, line in expected.items():
        done = run_qa("add", str(path), "--corpus-dir", str(corpus), "--no-index")
        assert (done.returncode, done.stdout, done.stderr) == (2, "", line)
    assert not corpus.exists() or not any(corpus.glob("*.txt"))
