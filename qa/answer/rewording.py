"""A sources question asked again in the other names of its subject, for the table rows.

A library's documents name one subject differently, and a trial table most tersely: kim2013's
Table 2 writes "Disease: SLE", "Disease: OI", "Disease: GVHD", where a user asks about lupus,
osteogenesis imperfecta or graft-versus-host disease. Neither BM25 nor the dense side ranked
those rows, and "Which trials treated osteogenesis imperfecta with MSCs?" lost all four trials of
the table. Adding the other names to the question (query expansion) dilutes it and cost every
split (evals/README.md). Here the question is asked again with its rarest concept replaced by
each of its other names that the library uses more (glossaries and `corpus/synonyms.toml`,
`Expander.wordings`; 'lupus' -> 'SLE', never back). Each wording is searched and scored on its
own, its scores put on the question's scale by the median ratio over the sentences both found
(never scaled up: a three-word name matches more words, not better sentences), and it adds or
raises table rows only: a prose sentence of the other name belongs to that name's question ("SLE"
brought Sun et al.'s lupus patients into "mixed results of MSCs in murine arthritis and lupus").
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from qa.retrieval.question import QUESTION_FORM
from qa.answer.sources import rarest_concept
from qa.index.analyzer import tokenize

if TYPE_CHECKING:
    from qa.answer.answerer import Answerer
    from qa.answer.units import Unit
    from qa.retrieval.query import Query


def rewordings(answerer: Answerer, query: Query, limit: int) -> list[str]:
    """Up to `limit` rewordings of a sources question: its rarest concept ('lupus' in "Which
    sources were used for lupus?", 'osteogenesis imperfecta' in "Which trials treated
    osteogenesis imperfecta with MSCs?") in each of its other names that the library uses more."""
    concepts = answerer.topic(query)
    rarest = rarest_concept(answerer, concepts)
    if rarest is None:
        return []
    subject = concepts[rarest]
    if len(subject) < 2:
        return []  # a word with no other name
    out: list[str] = []
    seen = {tuple(query.tokens)}
    for key, counterparts in answerer.retriever.expander.wordings(query.text):
        if [t for t in tokenize(" ".join(key)) if t not in QUESTION_FORM] != subject[0]:
            continue
        asked = answerer.retriever.used(" ".join(key))
        for name, text in counterparts:
            tokens = tuple(tokenize(text))
            # only into a name the library uses more than the one asked ('lupus' -> 'SLE', not back):
            # the asked name already finds what is written that way, and its other names are mostly
            # written beside it; not the same words another way ("graft-versus-host" / "... host")
            if tokens not in seen and answerer.retriever.used(name) > asked:
                seen.add(tokens)
                out.append(text)
    return out[:limit]


def reworded_units(answerer: Answerer, query: Query, units: list[Unit], previous: str | None, depth: int,
                   mode: str, docs: list[str] | None) -> list[Unit]:
    """The question's units together with those of its rewordings (`sources_wordings`), each
    sentence with its best score over the wordings (each wording's on the question's scale), best
    first. The refusal is decided on the question as asked, before this."""
    limit = answerer.settings.answer.sources_wordings
    texts = rewordings(answerer, query, limit) if limit and units else []
    if not texts:
        return units
    own = {(u.hit.passage.id, u.start): u for u in units}
    best = dict(own)
    for text in texts:
        other = answerer.retriever.query_from(text, previous).with_kind(query.kind)
        found = answerer.units(answerer.retriever.search(other, k=depth, mode=mode, docs=docs))
        answerer.score_units(other, found)
        # the wording's scores on the question's scale: the median ratio over the sentences both
        # found (a three-word name matches more words, not better sentences), never above 1
        ratios = sorted(own[key].score / u.score for u in found
                        if (key := (u.hit.passage.id, u.start)) in own and u.score > 0)
        scale = min(1.0, ratios[len(ratios) // 2]) if ratios else 1.0
        for u in found:
            if u.hit.passage.kind == "text":
                continue  # a wording adds or raises table rows only (module doc)
            u.score *= scale
            key = (u.hit.passage.id, u.start)
            if key not in best or u.score > best[key].score:
                best[key] = u
    return sorted(best.values(), key=lambda u: -u.score)
