"""User trial 36 (a cell-therapy manufacturing / QC scientist): two general fixes.

1. A share of "the" subjects ("Ninety-four percent of the patients had an initial response ...")
   goes on from the study the sentence before cites (qa.answer.inherited.CONTINUES_STUDY): kim2013's
   sentence reporting the Prochymal study's results offered no key although "Prochymal was used in a
   randomized prospective study ... [94]" stands just before it.
2. A verb taking "to" and a verb ("need to be standardised") ends the asked noun phrase
   (qa.retrieval.attribute.CATENATIVE): a refusal read "none states the manufacturing parameters need
   asked for".
3. An -ing word before the phrase's last noun, right before the auxiliary, is part of a compound
   noun ("what population doubling time did ..."), not a participle ending the phrase: the question
   had no attribute, so a weak match quoting Treg sentences was answered, not refused."""
from __future__ import annotations

import json

import pytest
from conftest import run_qa_once

from qa.retrieval.attribute import asked_attribute
from qa.answer.inherited import continues_cited_study

TOXICITY = "Were infusional toxicities or ectopic tissue formation seen after MSC infusion?"


@pytest.mark.parametrize("sentence, goes_on", [
    ("Ninety-four percent of the patients had an initial response and showed no infusional toxicities.", True),
    ("94% of the patients had an initial response.", True),
    ("68.5 per cent of the treated mice survived.", True),
    ("Sixty-eight percent of these patients responded.", True),  # as before
    ("Treatment of the patients was difficult.", False),  # no share: no study's subjects
    ("Most patients with SLE have nephritis.", False),  # a fact of its own, as before
])
def test_a_percentage_of_the_subjects_goes_on_from_the_cited_study(sentence, goes_on):
    assert continues_cited_study(sentence) is goes_on


def test_the_cli_offers_the_prochymal_study_for_its_results_sentence():
    done = run_qa_once("ask", "--json", "--", TOXICITY)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    first = data["spans"][0]
    assert first["text"].startswith("Ninety-four percent of the patients")
    assert [c["key"] for c in first["citations"]] == ["94"]
    entry = next(r for r in data["references"] if r["key"] == "94")
    assert entry["doc_id"] == "kim2013" and entry["text"].startswith("Kebriaei P")


@pytest.mark.parametrize("question, words", [
    ("Which manufacturing parameters need to be standardised because they change MSC phenotype and function?",
     ("manufacturing", "parameters")),
    ("Which cells seem to home to the lung after infusion?", ("cells",)),
    ("What unmet need do MSCs address?", ("unmet", "need")),  # 'need' as a noun: no 'to' after it
    ("What dose did they need?", ("dose",)),
])
def test_a_verb_taking_to_ends_the_asked_phrase(question, words):
    attribute = asked_attribute(question)
    assert attribute is not None and attribute.words == words


def test_the_cli_never_names_a_verb_as_the_asked_attribute():
    done = run_qa_once("ask", "--brief", "--", "Which manufacturing parameters need to be standardised because "
                                                "they change MSC phenotype and function?")
    assert done.returncode == 0, done.stderr
    assert "parameters need asked for" not in done.stdout


@pytest.mark.parametrize("question, words", [
    ("What population doubling time did bone marrow MSCs have at passage 5?", ("population", "doubling", "time")),
    ("What DNA binding affinity was measured?", ("DNA", "binding", "affinity")),
    ("What cells expressing CD146 were found?", None),  # a participle with its object, as before
    ("What cells expressing markers were found?", None),  # a plural head, then its participle
])
def test_an_ing_word_inside_a_compound_noun_is_part_of_the_phrase(question, words):
    attribute = asked_attribute(question)
    assert (attribute.words if attribute else None) == words


def test_the_cli_refuses_an_unprinted_doubling_time_naming_it():
    done = run_qa_once("ask", "--brief", "--", "What population doubling time did bone marrow MSCs have at passage 5?")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("The corpus does not answer this question.")
    assert "none states the population doubling time asked for" in " ".join(done.stdout.split())
