"""Secondary quotes that cite despite the citation margins: they state another part of what is asked.

qa.answer.references holds a secondary quote's citations back when it scores well below the first quote
or names clearly less of the question's concepts (`citation_margin`, `citation_concept_margin`): such a
sentence usually states a neighbouring finding. Two kinds state the answer's other half instead, and
their numbers are missed otherwise (evals/README.md, twenty-sixth session): one naming question concepts
the first quote writes in no form (`citation_adds_concept`), and the sentence the first quote goes on from
with 'also' (`also_cites_before`). Two more rules read an answer's quotes (twenty-eighth session): a sentence
commenting on the quoted one before it offers no number of its own (`comments`), and an uncited first quote of
a review leaves its review's first citing quote citing (`first_citing`). In a question asking what several
reviews say, another review's quote offers its number for a study the first quote offers (`cite_same_study`,
thirty-seventh session). A first quote offering nothing offers the number of the sentence joined before it as its
topic when that one names as much of what is asked (`joined_before_answers`, forty-second session).
"""
from __future__ import annotations

import re

from collections.abc import Callable

from qa.answer.lead_in import DEMONSTRATIVE
from qa.retrieval.word_forms import stems
from qa.answer.units import Unit, concept_coverage
from qa.models import Citation
from qa.settings import AnswerSettings


ALSO = re.compile(r"\b(?:also|as well)\b", re.I)


def continued_by(u: Unit, first: Unit, index) -> bool:
    """Whether `u` is the sentence just before the first quote (`references.sentence_before`), which
    goes on from it with 'also' / 'as well' ("Osteoblasts, ... also are demonstrated to be cellular
    constituents of HSC niche;43,44" after "In animal models, nestin-positive cells are shown to be MSCs
    that comprise the HSC niche in BM.42"): the two state one list's items, and the earlier one's number
    is the answer's as much."""
    from qa.answer.references import sentence_before

    own_end = first.joined[0] if first.joined else first.end
    return sentence_before(first, [u], index) is u and ALSO.search(first.text[:own_end - first.start]) is not None


def written(alts: list[list[str]], tokens: set[str]) -> bool:
    """Whether `tokens` write one concept in any form: as asked, another form of the word (a shared stem,
    `qa.retrieval.word_forms.stems`) or inside a longer word ('immunosuppressive' for 'suppress')."""
    held = set().union(*(stems(t) for t in tokens)) if tokens else set()

    def has(t: str) -> bool:
        return t in tokens or bool(stems(t) & held) or (len(t) >= 5 and any(t in w for w in tokens))
    return any(alt and all(has(t) for t in alt) for alt in alts)


def cites_anyway(u: Unit, first: Unit, concepts: list[list[list[str]]], terms: dict[str, float], index,
                 st: AnswerSettings) -> bool:
    """Whether the secondary quote `u` cites whatever its score and concept share: it names at least
    `citation_adds_concept` of the question's concept weight in concepts `first` writes in no form, or
    `first` goes on from it (`continued_by`)."""
    if st.citation_adds_concept > 0 and concept_coverage(
            [c for c in concepts if not written(c, first.tokens)], terms, u.tokens, concepts) >= st.citation_adds_concept:
        return True
    return st.also_cites_before and continued_by(u, first, index)


def study_of(index, doc_id: str, key: str) -> str | None:
    """The registry's study id of a review's citation key (`index.studies`), None when unresolved."""
    registry = getattr(index, "studies", None)
    study = registry.for_citation(doc_id, key) if registry is not None else None
    return study.id if study is not None else None


def same_study_citations(chosen: list[Unit], out: dict[int, list[Citation]], index) -> None:
    """Offer, in each secondary quote of another review than the first quote's, the citations of the
    studies the first quote offers (`cite_same_study`): the study registry resolves both reviews' keys
    to one study, so the number is that study's in the other review, whatever the quote's score or
    wording ("Sun et al. [117]" in one review's trial table beside another review's account of Sun et
    al., 2010). Read for a question asking what several reviews say (`references.choose_citations`):
    a question written on one review wants that review's number alone. Only those keys: the quote's
    other citations back other findings, held to the margins."""
    if not chosen:
        return
    first = chosen[0]
    offered = {study_of(index, first.hit.passage.doc_id, c.key) for c in out.get(id(first), [])} - {None}
    if not offered:
        return
    for u in chosen[1:]:
        doc = u.hit.passage.doc_id
        if doc == first.hit.passage.doc_id:
            continue
        have = {c.key for c in out.get(id(u), [])}
        for c in u.citations:
            inside = u.start <= c.start and c.end <= u.end
            if inside and c.key not in have and study_of(index, doc, c.key) in offered:
                out.setdefault(id(u), []).append(c)
                have.add(c.key)


def concept_margin(u: Unit, first: Unit, st: AnswerSettings) -> float:
    """The concept margin (`citation_concept_margin`) the secondary quote `u` is held to: for a quote of
    another document than `first`'s, at most `citation_other_document_margin`. A blind question's gold
    names the one review it was written on; another review's sentence naming less of what is asked than
    the first quote states a neighbouring finding of that review (its list's other items), while one
    naming as much restates the answer (twenty-seventh session)."""
    if u.hit.passage.doc_id != first.hit.passage.doc_id:
        return min(st.citation_concept_margin, st.citation_other_document_margin)
    return st.citation_concept_margin


# a sentence drawing a consequence from the one before it
CONSEQUENCE = re.compile(r"^(?:Therefore|Thus|Hence|Consequently|Accordingly|As a result)\b")


def comments(u: Unit, bounds: list[tuple[int, int]], terms: dict[str, float], tokens_of: Callable[[str], set[str]],
             concepts: list[list[list[str]]], always: bool) -> list[tuple[int, int]]:
    """The sentences of a quote (`bounds`, document offsets) that comment on the sentence before them
    (`joined_comment`): one opens by referring back to it (a continuation, a demonstrative among its first
    words, a consequence connective: "These findings might reflect ... 12,13" after "... MSC-like cells can be
    isolated ... patients with breast cancer,10 ..."), the sentence before cites, and (unless `always`) names at
    least as much of the question's concepts (`concept_coverage`). The comment's numbers back the comment (an
    interpretation, what was done therefore), not the statement it refers to. One saying 'also' in its first
    words ("Their group also reported ...") adds another finding, as a list's next item does (`continued_by`)."""
    from qa.answer.joins import CONTINUATION

    def named(a: int, b: int) -> float:
        return concept_coverage(concepts, terms, tokens_of(u.text[a - u.start:b - u.start]))
    out: list[tuple[int, int]] = []
    for (a, b), (c, d) in zip(bounds, bounds[1:]):
        later = u.text[c - u.start:d - u.start].lstrip()
        if not (CONTINUATION.match(later) or DEMONSTRATIVE.match(later) or CONSEQUENCE.match(later)):
            continue
        if ALSO.search(" ".join(later.split()[:5])):  # "Their group also reported ...": another finding, an item
            continue
        if any(a <= x.start and x.end <= b for x in u.citations) and (always or named(a, b) >= named(c, d)):
            out.append((c, d))
    return out


def without_comments(u: Unit, kept: list[Citation], spans: list[tuple[int, int]]) -> list[Citation]:
    """`kept` without the numbers the comment sentences `spans` (`comments`) print and the statement before
    them does not, while a number of that statement is offered: with none offered, the comment's numbers are
    the quote's only printed source, and dropping them would leave the quote citing nothing (a follow-up "and
    in children?" quoting "... children (84%) ... [86]. Therefore, Prochymal was used ... pediatric ... [89]")."""
    for a, b in spans:
        earlier = {c.key for c in u.citations if c.start < a}
        if any(c.key in earlier for c in kept):
            kept = [c for c in kept if not a <= c.start < b or c.key in earlier]
    return kept


def first_citing(chosen: list[Unit], out: dict[int, list[Citation]]) -> tuple[Unit, list[Citation]] | None:
    """The span that offers its keys when the first span offers none (`cite_uncited_first`), with its own
    sentence's citations: the first span after it, of its document, printing a citation, when no span of that
    document offers one. None otherwise."""
    doc = chosen[0].hit.passage.doc_id
    mine = [u for u in chosen if u.hit.passage.doc_id == doc]
    if any(out[id(u)] for u in mine):
        return None
    u = next((u for u in mine[1:] if u.citations and not u.context_only), None)
    if u is None:
        return None
    return u, [c for c in u.citations
               if not (u.joined and c.start >= u.joined[0]) and not (u.before and c.end <= u.before[0])]


def joined_before_answers(u: Unit, terms: dict[str, float], tokens_of: Callable[[str], set[str]],
                          concepts: list[list[list[str]]]) -> list[Citation]:
    """The citations of the sentence joined before a first quote as its topic (`Unit.before`), when the quote
    offers none, its own sentence cites nothing and the joined sentence names at least as much of the
    question's concepts (`concept_coverage`): that sentence, printed first, states what is asked, and its
    number is held back only because it scored below `citation_margin` ("As a positive control, we observed
    that SBS9 ... localized at active promoters (Figure 1B) as expected (54). However, when considering the
    central section of the gene ..."). The sentence-before rule of a separate quote (`cite_sentence_before`),
    read for the sentence joined into the quote. Empty otherwise."""
    if u.before is None:
        return []
    split = u.before[0]
    own_end = u.joined[0] if u.joined else u.end
    mine = [c for c in u.citations if c.end <= split]
    if not mine or any(split <= c.start < own_end for c in u.citations):
        return []
    p = u.hit.passage
    before = tokens_of(p.text[u.start - p.start:split - p.start])
    own = tokens_of(p.text[split - p.start:own_end - p.start])
    return mine if concept_coverage(concepts, terms, before) >= concept_coverage(concepts, terms, own) else []
