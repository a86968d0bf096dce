"""A sources answer with no cited sentence on its topic quotes its best sentence up to the citation
closing its run (`sources_reach_citation`, qa.answer.joins.to_citing_sentence); in a research
article, a passage reviewing the literature offers that citation (qa.answer.references.own_statement)."""
from __future__ import annotations

import pytest

from conftest import answerer_with

pytestmark = pytest.mark.slow

RAOULTELLA = "Which study showed that Raoultella planticola inactivates doxorubicin?"


def test_the_citation_closing_the_run_is_quoted_and_offered(pdf_library):
    """User trial 18 (W7): the quote "Raoultella planticola is considered a potent Dox inactivator."
    was answered with "References: none", while the article cites [23] at the end of the next
    sentence, which continues the same finding in its introduction."""
    settings, index = pdf_library
    answer = answerer_with(settings, index).ask(RAOULTELLA)
    first = answer.spans[0]
    assert first.text.startswith("Raoultella planticola is considered a potent Dox inactivator.")
    assert first.text.rstrip().endswith("toxicity [23].")
    assert [c.key for c in first.citations] == ["23"]
    assert [(r.doc_id, r.key) for r in answer.references] == [("10.3390_cancers14194849", "23")]
    assert "Doxorubicin in the Human Gut Microbiome" in answer.references[0].text
    off = answerer_with(settings, index, sources_reach_citation=0).ask(RAOULTELLA)
    assert off.spans[0].text.rstrip().endswith("Dox inactivator.") and not off.references


def test_a_research_articles_own_results_still_do_not_offer_a_neighbours_citation(pdf_library):
    """The passage rule applies to literature prose only: in a results passage, where few sentences
    cite, an uncited sentence is the authors' own finding (the per-document rule)."""
    from qa.answer.references import passage_cited_share

    settings, index = pdf_library
    answerer = answerer_with(settings, index)
    hits = answerer.retriever.search(answerer.retriever.query_from(RAOULTELLA), k=10)
    units = answerer.units(hits)
    intro = next(u for u in units if "Raoultella" in u.text)
    assert passage_cited_share(index, intro) >= settings.answer.own_finding_share
    results = [u for u in answerer.units(index_hits(answerer, "Did doxorubicin shift the gut bacterial microbiome?"))
               if u.hit.passage.section == "Doxorubicin Shifts the Gut Bacterial Microbiome"]
    assert results and all(passage_cited_share(index, u) < settings.answer.own_finding_share for u in results)


def index_hits(answerer, question: str):
    return answerer.retriever.search(answerer.retriever.query_from(question), k=10)
