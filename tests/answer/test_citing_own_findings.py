"""An uncited sentence of a research article states the authors' own finding (`own_finding_share`):
the citation of the sentence shown with it belongs to that sentence, not to the answer. Real
seeds + ten-PDF evaluation index, built through the real CLI when missing (the evaluation gate
reads the same folder later); each test also runs the rule switched off, so it fails if the rule
does nothing."""
from __future__ import annotations

import pytest

from qa.answer.references import cited_share

from conftest import answerer_with

REVIEWS = ("kim2013", "figueroa2012", "pmc3782548")
# user trial 7: the quote "We observed that PARP1 depletion led to decreased CHK1 activation, which
# was restored by reexpressing PARP1-WT, but not K548R- ... mutant PARP1 ..." is shown with "Here,
# R591K was as a control of WGR domain mutation and inhibits its PARylation (31)."
OWN_FINDING = "What happens to CHK1 activation in cells expressing the K548R mutant of PARP1?"
PNAS = "10.1073_pnas.2322520121"


def test_reviews_cite_in_most_sentences_research_articles_in_few(pdf_library):
    settings, index = pdf_library
    shares = {d: cited_share(index, d) for d in index.passages.doc_ids}
    articles = [d for d in shares if d not in REVIEWS]
    assert len(articles) == 10
    threshold = settings.answer.own_finding_share
    assert min(shares[d] for d in REVIEWS) > threshold > max(shares[d] for d in articles), shares
    assert all(0.0 < s < 1.0 for s in shares.values())


def test_an_uncited_own_finding_does_not_offer_the_next_sentences_citation(pdf_library):
    settings, index = pdf_library
    on = answerer_with(settings, index).ask(OWN_FINDING)
    off = answerer_with(settings, index, answer={"own_finding_share": 0.0}).ask(OWN_FINDING)
    for answer in (on, off):
        first = answer.spans[0]
        assert first.doc_id == PNAS and first.text.startswith("We observed that PARP1 depletion")
        assert "(31)" in first.text
    assert [c.key for c in off.spans[0].citations] == ["31"]
    assert on.spans[0].citations == [] and [c.key for c in on.spans[0].also_cited] == ["31"]
