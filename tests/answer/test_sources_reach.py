"""A sources answer with no cited sentence on its topic quotes its best sentence up to the citation
closing its run (`sources_reach_citation`, qa.answer.joins.to_citing_sentence), so the reader sees
the number and its entry; in a research article it is listed as printed, not offered: an uncited
sentence there may be the authors' own finding (qa.answer.references.own_statement)."""
from __future__ import annotations

import pytest

from conftest import answerer_with

pytestmark = pytest.mark.slow

RAOULTELLA = "Which study showed that Raoultella planticola inactivates doxorubicin?"


def test_the_citation_closing_the_run_is_quoted_with_its_entry(pdf_library):
    """User trial 18 (W7): the quote "Raoultella planticola is considered a potent Dox inactivator."
    was answered with "References: none" and no number, while the article cites [23] at the end of
    the next sentence, which continues the same finding in its introduction."""
    settings, index = pdf_library
    answer = answerer_with(settings, index).ask(RAOULTELLA)
    first = answer.spans[0]
    assert first.text.startswith("Raoultella planticola is considered a potent Dox inactivator.")
    assert first.text.rstrip().endswith("toxicity [23].")
    # printed and listed with its entry; not offered (a research article: qa.answer.references.own_statement)
    assert not answer.references and [c.key for c in first.also_cited] == ["23"]
    assert "Doxorubicin in the Human Gut Microbiome" in answer.other_references[0].text
    # (off: neither the reach nor the ordinary first-span joins, which the fallback also applies when no
    # citation is reached, `sources_uncited_joins`, and which join this follower too)
    off = answerer_with(settings, index, sources_reach_citation=0, sources_uncited_joins=False).ask(RAOULTELLA)
    assert off.spans[0].text.rstrip().endswith("Dox inactivator.") and not off.other_references


def test_a_results_sentence_does_not_offer_the_next_sentences_study(pdf_library):
    """User trial 19: "The desiccation phenotype was complemented by expressing csrA in trans from a
    plasmid." (the authors' own result) ran on to "Consistent with this finding, Farrow et al.
    reported ... (25)." and offered (25) as its source."""
    settings, index = pdf_library
    answer = answerer_with(settings, index).ask(
        "is the csrA mutant desiccation phenotype complemented by expressing csrA from a plasmid?")
    first = answer.spans[0]
    assert first.text.startswith("The desiccation phenotype was complemented")
    assert not first.citations
