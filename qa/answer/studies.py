"""Answers grouped by study: one row per study the answer's spans cite, best supported first.

A span supports each study it cites; a span that cites one study says more about it than a
span listing nine ('[84-92]'), so a span's score is shared out by the square root of the
number of studies it cites. A study's support is the sum over the spans citing it (in any
review, once keys of different reviews are known to be one study), so a trial that several
sentences and reviews back ranks above a study cited once in passing.
"""
from __future__ import annotations

import math

from qa.index.studies import Registry
from qa.models import Answer, AnswerReference, DocumentMeta, Span, StudyRow


def group_studies(spans: list[Span], registry: Registry) -> list[StudyRow]:
    """Study rows for the answer spans, most supported first (ties: full entries first, then in the
    order the answer prints them: user trial 5 saw '[37-39]' listed 39, 38, 37 by id)."""
    rows: dict[str, StudyRow] = {}
    best: dict[str, float] = {}
    first_seen: dict[str, int] = {}  # reading order: the answer's spans in turn, each span's keys in print order
    for i, span in enumerate(spans):
        studies = []
        for key in dict.fromkeys(c.key for c in span.citations):
            study = registry.for_citation(span.doc_id, key)
            if study is not None and study not in studies:
                studies.append(study)
        if not studies:
            continue
        # where each study's first citation ends in the span's text (the study table quotes up to it)
        cited_end: dict[str, int] = {}
        for c in sorted(span.citations, key=lambda c: c.start):
            study = registry.for_citation(span.doc_id, c.key)
            if study is not None and 0 < c.end - span.start <= len(span.text):
                cited_end.setdefault(study.id, c.end - span.start)
        share = max(span.score, 0.0) / math.sqrt(len(studies))
        for study in studies:
            first_seen.setdefault(study.id, len(first_seen))
            row = rows.get(study.id)
            if row is None:
                facts = next((c.facts for c in study.cited_by if c.facts), {})
                row = rows[study.id] = StudyRow(
                    study=study, facts=facts,
                    citations=[f"{c.doc_id} {c.label}" for c in study.cited_by])
            row.support += share
            row.spans.append(i)
            if span.score > best.get(study.id, -math.inf):
                best[study.id] = span.score
                row.sentence = span.text
                row.cited_at = cited_end.get(study.id, -1)
    for row in rows.values():
        row.support = round(row.support, 4)
    # ties (the studies of one citation group, '[37-39]') keep the order the answer prints them in
    return sorted(rows.values(), key=lambda r: (-r.support, r.study.resolved != "entry", first_seen[r.study.id]))


def same_study(study, reference) -> str:
    """How sure the link to another review's entry is: a key linked by its citing sentences alone
    (the review prints no reference list) is 'probably' that study; one linked by author and year
    or a DOI is 'the same study' (user trial 6: a topic-only link was stated as fact)."""
    side = f"{reference.doc_id}:{reference.key}"
    links = [m for m in study.merges if side in (m.a, m.b)]
    topic_only = bool(links) and all(m.evidence.startswith("no reference list") for m in links)
    return "probably the same study as" if topic_only else "the same study as"


def annotate(answer: Answer, index, support: list[Span] | None = None) -> Answer:
    """The answer naming its reviews (manifest metadata) and, for sources questions, its
    studies grouped from the registry: from `support` (every on-topic span, before --k bounds
    the spans shown) when given, so a bounded answer still lists every study it found."""
    if not answer.found:
        return answer
    metas = {d.id: d.meta for d in index.documents}
    docs = [metas[d] for d in dict.fromkeys(s.doc_id for s in answer.spans) if d in metas]
    def with_study(r: AnswerReference) -> AnswerReference:
        study = index.studies.for_citation(r.doc_id, r.key)
        if study is None:
            return r
        reason = ""
        if r.text is None:
            others = [f"{c.doc_id} {c.label}" for c in study.cited_by if c.reference]
            reason = study.reason if not others else f"no entry in this article's text; {same_study(study, r)} {others[0]}"
        return r.model_copy(update={"study": study.id, "reason": reason})

    # the references printed beside the answer's are explained the same way (user trial 16: a
    # review without a reference list read "not in the list as extracted" there)
    update: dict = {"documents": docs, "references": [with_study(r) for r in answer.references],
                    "other_references": [with_study(r) for r in answer.other_references]}
    if answer.kind == "sources":
        update["studies"] = group_studies(support if support is not None else answer.spans, index.studies)
    return answer.model_copy(update=update)


def document_line(meta: DocumentMeta) -> str:
    """How an answer names a review: first author, title, journal, year; unconfirmed said."""
    first = meta.authors[0] if meta.authors else "author unknown"
    authors = f"{first} et al." if len(meta.authors) > 2 else ", ".join(meta.authors) or first
    parts = [f"{meta.id}: {authors}", meta.title or "untitled"]
    source = " ".join(str(x) for x in (meta.journal, meta.year) if x)
    if source:
        parts.append(source)
    line = ". ".join(p.rstrip(".") for p in parts) + "."
    if not meta.confirmed:
        line += " (metadata unconfirmed)"
    return line
