"""An uncited sentence that goes on only by its connective ("Furthermore, ...") takes no citation back
from a sentence citing several list items apart (qa.answer.inherited.goes_on_by_connective_only):
"Which studies back the claim that MSCs induce regulatory T cells?" quoted kim2013's "Furthermore,
through cell to cell contact ... MSCs induce ... regulatory T cells (Tregs)." with [41], the last item
of the sentence before ("... nitric oxide [40], and indoleamine 2,3-dioxygenase (IDO) [41]."), and the
study table led with Meisel 2004, a study of IDO, not of Tregs (user trial 34 Q3)."""
from __future__ import annotations

import json

from conftest import answerer_with, run_qa_once

from qa.answer.inherited import continues_cited_study, goes_on_by_connective_only

QUESTION = "Which studies back the claim that MSCs induce regulatory T cells?"
TREG_SENTENCE = ("Furthermore, through cell to cell contact and the production of soluble factors, MSCs induce an "
                 "immunosuppressive environment by generating regulatory T cells (Tregs).")


def test_a_bare_connective_goes_on_by_its_connective_only():
    assert continues_cited_study(TREG_SENTENCE) and goes_on_by_connective_only(TREG_SENTENCE)
    # a connective before a study's own subjects or a study noun still names what it goes on from
    assert not goes_on_by_connective_only("Furthermore, the majority of patients showed complete responses.")
    assert not goes_on_by_connective_only("In addition, in this trial, no toxicity was seen.")
    assert not goes_on_by_connective_only("Moreover, these children improved.")
    assert not goes_on_by_connective_only("In this study, donor-type chimerism was found.")


def test_the_last_item_of_a_cited_list_is_not_the_treg_sentences_source(settings, index):
    answer = answerer_with(settings, index).ask(QUESTION)
    assert answer.found and answer.kind == "sources"
    keys = {c.key for s in answer.spans for c in s.citations}
    assert {"42", "43", "44", "49"} <= keys
    assert "41" not in keys  # Meisel 2004: IDO-mediated tryptophan degradation
    treg = [s for s in answer.spans if s.text.startswith("Furthermore, through cell to cell contact")]
    assert all(not s.citations for s in treg)


def test_the_cli_study_table_leaves_the_ido_study_out():
    done = run_qa_once("ask", "--json", "--", QUESTION)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    offered = {c["key"] for s in data["spans"] for c in s["citations"]}
    assert "41" not in offered and {"42", "43"} <= offered
    assert not any("Meisel" in json.dumps(st) for st in data["studies"])
