"""A question naming two articles hears from each: "Do figueroa2012 and kim2013 agree on whether MSCs
work in MS?", "Compare the response rates in the autoimmune review and the clinical review".

Retrieval over the named articles is one ranked list, so the article with more sentences on the
subject fills the answer and the other is not quoted: a comparison across two articles quoted one
(user trials 40, 41 and 42). When the question names two or more articles (their ids, or their
names: `qa.retrieval.named_article.named_articles`) and the chosen quotes leave one out, that
article's best sentence for the question (searched in it alone when the shared list did not reach
it) is added after them. Nothing here knows a topic: the named articles come from the question.
"""
from __future__ import annotations

from qa.answer.units import Unit, overlaps
from qa.models import Hit


def each_named(answerer, query, chosen: list[Unit], named: list[str], mode: str, depth: int,
               retrieved: list[Hit]) -> tuple[list[Unit], list[Hit]]:
    """The chosen units with the best unit of every named article they leave out appended, and the
    retrieved hits with those units' own added (the answer's evidence)."""
    if len(named) < 2 or not chosen:
        return chosen, retrieved
    quoted = {u.hit.passage.doc_id for u in chosen}
    added: list[Unit] = []
    hits: list[Hit] = []
    for doc in named:
        if doc in quoted:
            continue
        own = answerer.retriever.search(query, k=depth, mode=mode, docs=[doc])
        units = answerer.units(own)
        if not units:
            continue
        answerer.score_units(query, units)
        best = max((u for u in units if not any(overlaps(u, c) for c in chosen + added)),
                   key=lambda u: u.score, default=None)
        if best is not None:
            added.append(best)
            hits.append(best.hit)
    seen = {h.passage.id for h in retrieved}
    return chosen + added, retrieved + [h for h in hits if h.passage.id not in seen]
