"""A route of administration written as a verb phrase, the place the cells were given into ("MSCs embedded in
collagen gel were transplanted into the knee joints ... [73-76]"), is a route: no "No quote names a route of
administration" caution over it (qa.answer.focus, user trial 56 Q3). Cells given into their subjects ("into Ai-9
mice", "into 15 patients") or into a volume name no route. Real reviews' index and the real library sentences;
questions my own wording (user trial 56), not evaluation questions."""
from __future__ import annotations

from conftest import answerer_with

from qa.answer.focus import asked_thing_caution

CARTILAGE = "MSC cartilage repair trials refs?"
ROUTE = "how were the cells delivered into the knee?"
NO_ROUTE = "No quote names a route of administration"


def test_the_knee_joint_sentence_names_its_route(settings, index) -> None:
    """Asked as the follow-up of the cartilage question (as the surgeon asked it in the chat), the answer quotes
    kim2013's knee-joint sentence, which says where the cells went: no caution that no quote names a route."""
    answer = answerer_with(settings, index).ask(ROUTE, previous=CARTILAGE)
    assert answer.found, answer.message
    knee = [s.text for s in answer.spans if "transplanted into the knee joints" in s.text]
    assert knee, [s.text for s in answer.spans]
    assert NO_ROUTE not in answer.caution, answer.caution


def test_a_place_given_into_is_a_route_its_subjects_are_not(index) -> None:
    """Read on the library's own sentences: each review sentence giving cells into a place names a route; into
    the subjects or a volume (the research articles' "injected into Ai-9 mice", "inoculated into 2 mL")
    does not."""
    texts = {d.id: d.text for d in index.documents}
    knee = next(s for s in texts["kim2013"].split(". ") if "transplanted into the knee joints" in s)
    cavity = next(s for s in texts["pmc3782548"].split(". ") if "administration into the BM cavity" in s)
    for sentence in (knee, cavity):
        assert not asked_thing_caution("Which route was used?", [sentence]), sentence
    for given in ("LNPs were subsequently injected into Ai-9 mice.", "MSCs were infused into 15 patients",
                  "after transplantation into mice with neurodegeneration", "cells were infused into the patients",
                  "colonies were inoculated into 2 mL of TSB", "MSCs were infused in lupus patients"):
        assert asked_thing_caution("Which route was used?", [given]), given
