"""User trial 56 (an orthopaedic surgeon writing a grant's background section, through the TUI, the CLI, the
library and two added PDFs): two kinds of failure.

1. A short question on a new subject read as the follow-up of the earlier one and refused
   (qa.answer.followup.changed_subject, setting `followup_changed_subject`): after "MSC cartilage repair trials
   refs?", the chat read "any tumour risk?" (two content words, no name) as its follow-up, found no cartilage
   passage naming a tumour or a risk and refused, though the library answers it on its own (kim2013's
   tumorigenesis sentence). It is now asked on its own, saying so; a follow-up whose added words the earlier
   topic's quotes do name stays a follow-up.
2. The library had no study listing (qa.app.library_studies): `qa studies cartilage` lists the four cartilage
   studies on the command line, while `qa.studies` was an AttributeError, so a script writing a reference list
   had to run the CLI and parse its JSON. `qa.studies` / `qa.study` return what `qa studies --json` / `qa study
   --json` print."""
from __future__ import annotations

import asyncio

import pytest
from conftest import answerer_with, last_answer, run_qa, started_app, typed_and_answered

import qa

# my own wording (user trial 56), not evaluation questions
CARTILAGE = "MSC cartilage repair trials refs?"
TUMOUR = "any tumour risk?"
EACH = "how many patients in each?"


def test_a_new_subject_after_a_cartilage_question_is_asked_on_its_own(settings, index) -> None:
    answer = answerer_with(settings, index).ask(TUMOUR, k=3, previous=CARTILAGE)
    assert answer.found, answer.message
    assert answer.context == ""  # not read with the cartilage question
    assert f"Read on its own, not as a follow-up of: {CARTILAGE}" in answer.message
    assert "tumor" in answer.spans[0].text, answer.spans[0].text
    before = answerer_with(settings, index, followup_changed_subject=False).ask(TUMOUR, k=3, previous=CARTILAGE)
    assert not before.found and before.context == CARTILAGE  # refused as the cartilage question's follow-up
    # a follow-up asking the earlier question's studies something stays one (the Table 2 rows of [73]-[76])
    each = answerer_with(settings, index).ask(EACH, k=3, previous=CARTILAGE)
    assert each.found and each.context == CARTILAGE, each.message
    assert "Cartilage defects" in each.spans[0].text, each.spans[0].text


def test_the_chat_answers_the_new_subject() -> None:
    """Through Pilot, typed as she typed it, one conversation: the second question is answered, not refused."""
    async def run() -> None:
        async with started_app(size=(160, 50)) as (app, pilot):
            await typed_and_answered(app, pilot, CARTILAGE, timeout=600)
            assert last_answer(app).found
            await typed_and_answered(app, pilot, TUMOUR, timeout=600)
            answer = last_answer(app)
            assert answer.found and not answer.context, answer.message
            assert "tumor" in answer.spans[0].text

    asyncio.run(run())


def test_the_library_lists_the_studies_as_the_cli_does() -> None:
    import json

    listed = run_qa("studies", "cartilage", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [s.id for s in qa.studies("cartilage")] == [s["id"] for s in json.loads(listed.stdout)]
    assert [s.id for s in qa.studies("cartilage")][:4] == ["kuroda2007", "wakitani2002", "wakitani2004", "wakitani2007"]
    # a query with weak matches: both leave out those under studies_relative_floor of the best
    crohn = run_qa("studies", "Crohn's disease", "--json")
    assert [s.id for s in qa.studies("Crohn's disease")] == [s["id"] for s in json.loads(crohn.stdout)]
    assert [s.id for s in qa.studies(author="Wakitani", doc="kim2013")] == ["wakitani2002", "wakitani2004",
                                                                             "wakitani2007"]
    one = qa.study("wakitani2002")
    assert one.title.startswith("Human autologous culture expanded bone marrow")
    assert [(c.doc_id, c.key) for c in one.cited_by] == [("kim2013", "75")]
    shown = run_qa("study", "wakitani2002", "--json")
    assert json.loads(shown.stdout)[0]["entry"] == one.entry


@pytest.mark.parametrize("call, words", [
    (lambda: qa.studies(5), "query must be text"),
    (lambda: qa.studies(year="2002"), "year must be a whole number"),
    (lambda: qa.studies(author="!!"), "author needs a surname"),
    (lambda: qa.studies(doc="nope"), "unknown document 'nope'"),
    (lambda: qa.study("wakitani202"), "nearest: wakitani2002"),
    (lambda: qa.study(7), "study_id must be text"),
])
def test_bad_study_arguments_are_one_line(call, words) -> None:
    with pytest.raises(qa.QAError, match=words) as raised:
        call()
    assert "\n" not in str(raised.value)
