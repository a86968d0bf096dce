"""A name the question gives is in the library when the articles write it in another form
(`qa.answer.refusal.library_holds`): another inflection ("crosslinking" / "crosslinked"), a
derivation ("transdifferentiating" / "transdifferentiation") or a code's plural ("L1s" / "L1").

Reading only the form typed refused an answerable blind-dev question as naming what no article
uses ("No article uses 'L1s'") and put the 'No article uses' caution on right answers
(evals/README.md, twenty-sixth session, "False refusals, rule by rule").
"""
from __future__ import annotations

import pytest

from conftest import answerer_with
from qa.answer.refusal import absent_names, library_holds

pytestmark = pytest.mark.slow


def test_another_form_of_a_review_word_is_no_absent_name(settings, index):
    answerer = answerer_with(settings, index)
    bm25 = index.bm25
    # the reviews write 'transdifferentiation' and 'overexpress', never the forms asked
    assert bm25.df("transdifferentiating") == 0 and library_holds(bm25, "transdifferentiating")
    assert bm25.df("overexpression") == 0 and library_holds(bm25, "overexpression")
    assert absent_names(answerer, "Can MSCs start transdifferentiating into neurons after overexpression of a gene?") == []
    # a name no article uses in any form stays absent
    assert not library_holds(bm25, "vancomycin")
    assert absent_names(answerer, "Were MSCs given with vancomycin?") == ["vancomycin"]


def test_a_code_plural_and_an_inflection_in_the_pdfs(pdf_library):
    settings, index = pdf_library
    answerer = answerer_with(settings, index)
    bm25 = index.bm25
    assert bm25.df("l1s") == 0 and library_holds(bm25, "l1s")  # the worm paper writes 'L1'
    assert bm25.df("crosslinking") == 0 and library_holds(bm25, "crosslinking")  # 'crosslinked'
    assert absent_names(answerer, "How long were the synchronized L1s grown before crosslinking?") == []
    assert absent_names(answerer, "Did niraparib sensitize the UFL1 knockout cells?") == ["niraparib"]
    # the plural rule reads codes only: an English word ending in -s is no plural of a code
    assert not library_holds(bm25, "zz9s")
    # the weak match that was refused for 'L1s' is answered from the RNA-seq methods
    answer = answerer.ask("For the RNA-seq exposure experiment, how long were synchronized L1s grown on OP50 "
                          "before the Pseudomonas exposure?")
    assert answer.found and "No article uses 'L1s'" not in answer.message
