"""User trial 49 (a transplant nurse through the CLI, the default library): two first questions
refused as follow-ups with nothing to follow, each fixed by a general reading.

1. An "it" that is the subject of a verb followed by its object asks a question of its own
   (qa.retrieval.query.it_takes_an_object): "can it cause cancer?" (two words of its own, below
   `IT_OWN_WORDS`) was refused while "Is it safe, can it cause cancer?" was asked.
2. A word typed in lower case that an article defines as an abbreviation of capitals names the
   question's subject as it does typed in capitals (qa.answer.vague.with_defined_capitals): "what
   about chronic gvhd" was refused while "what about chronic GVHD" was asked."""
from __future__ import annotations

from conftest import run_qa_once

from qa.answer.vague import with_defined_capitals
from qa.retrieval.query import it_takes_an_object

# my own wording (user trial 49), not evaluation questions
CANCER = "can it cause cancer?"
CHRONIC = "what about chronic gvhd"


def _ask(question: str):
    import json

    done = run_qa_once("ask", "--json", "--k", "3", "--", question)
    return done, (json.loads(done.stdout) if done.returncode == 0 else None)


def test_the_cli_answers_an_it_question_whose_verb_has_an_object() -> None:
    done, answer = _ask(CANCER)
    assert done.returncode == 0, done.stderr
    assert answer["found"] and not answer["too_vague"], answer["message"]
    assert "tumorigenesis" in answer["spans"][0]["text"]


def test_the_cli_answers_a_lower_case_abbreviation_an_article_defines() -> None:
    done, answer = _ask(CHRONIC)
    assert done.returncode == 0, done.stderr
    assert answer["found"] and not answer["too_vague"], answer["message"]
    assert "cGVHD" in answer["spans"][0]["text"]


def test_an_it_question_without_an_object_still_needs_the_earlier_question() -> None:
    for question in ("does it work in children?", "how much does it cost?"):
        done = run_qa_once("ask", "--json", "--", question)
        assert done.returncode == 1 and "too vague" in done.stderr, question


def test_an_it_subject_takes_an_object_only_before_a_content_word() -> None:
    for question in ("can it cause cancer?", "does it cure the fistulas?", "Will it harm a baby?"):
        assert it_takes_an_object(question), question
    for question in ("does it work in children?", "how much does it cost?", "Is it safe?",
                     "does it really work?", "what about its side effects?"):
        assert not it_takes_an_object(question), question


def test_lower_case_abbreviations_are_written_as_the_article_defines_them() -> None:
    glossaries = {"a": {"GVHD": "graft-versus-host disease", "IF": "immunofluorescence", "Allo": "allogeneic"},
                  "b": {"HSCT": "hematopoietic stem cell transplantation", "MS": "multiple sclerosis"}}
    assert with_defined_capitals("what about chronic gvhd", glossaries) == "what about chronic GVHD"
    assert with_defined_capitals("and hsct, if allo?", glossaries) == "and HSCT, if allo?"
    assert with_defined_capitals("what about ms", glossaries) == "what about ms"  # an English word
    assert with_defined_capitals("what about Gvhd", glossaries) == "what about Gvhd"  # not typed in lower case
