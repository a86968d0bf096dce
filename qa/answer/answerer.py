"""Extractive answers: verbatim sentences (and table rows) of retrieved passages, with citations.

Nothing is generated. Each candidate unit (a sentence with its trailing citations, or a whole
table row) is scored against the question by dense similarity (sentence vectors precomputed
at build time), idf-weighted term coverage, the passage's retrieval rank and cues of the
question's kind. *sources* questions aggregate the citations of every on-topic unit.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from qa import validate
from qa.models import Answer, AnswerReference, Citation, Hit, Span
from qa.answer.question import classify, has_number, number_unit
from qa.app.render import key_order
from qa.retrieve.query import Query
from qa.retrieve.retriever import Retriever
from qa.settings import Settings
from qa.index.analyzer import tokenize

NOT_FOUND = "The reviews in the corpus do not answer this question."
# Words that say *what kind* of answer is wanted, not what it is about.
ASKING_WORDS = set(tokenize(
    "which what who where when how sources source studies study references reference refs ref trials "
    "trial papers paper articles article publications citations cite cited evidence reports reported "
    "used use using support supports supporting tested test show shown list name give any were was "
    "does did do is are have has been the for of in on a an about mscs msc mesenchymal stem cells cell "
    "stromal therapy treatment treat treated patients patient clinical"))
# A sentence opening like this continues the one before it (its subject is there), so an
# answer sentence is extended by such a follower: "...reported a study (Connick et al., 2012).
# Patients improved on measures of visual function".
CONTINUATION = re.compile(
    r"^(?:This|These|They|Their|It|Its|Such|Both|None|Patients|The (?:patients|results|clinical|"
    r"response|study|trial|authors)|In (?:this|these|that) (?:study|trial|report|model)s?)\b")
CONNECTIVE = re.compile(
    CONTINUATION.pattern + r"|^(?:On the other hand|However|In contrast|Similarly|Conversely|Likewise|"
    r"Nevertheless|Accordingly|Thus|Therefore|Consequently)\b")
# Verb and adjective endings: such words qualify a subject rather than name one.
DEFINING = re.compile(r"\b(is|are|refers? to|defined|known as|characterized)\b")
NOT_A_SUBJECT = re.compile(r"(?:ed|ing|ly|ent|ant|ive|ous|able|ible|[iy]se|[iy]ze|ful|less)$")


@dataclass
class Unit:
    """One answerable piece of a retrieved passage."""

    hit: Hit
    start: int  # document offsets
    end: int
    text: str
    citations: list[Citation]
    tokens: set[str]
    context: set[str]  # tokens of the unit, its section title and the sentence before (scoring)
    vector_row: int | None
    score: float = 0.0
    topic: set[str] | None = None  # what the unit is about (for *sources*; stricter than context)


class Answerer:
    """Answers questions from the index; one instance per process is enough (it caches)."""

    def __init__(self, settings: Settings | None = None, retriever: Retriever | None = None) -> None:
        self.retriever = retriever or Retriever(settings)
        self.settings = self.retriever.settings

    @property
    def index(self):
        return self.retriever.index

    # -- candidate units -------------------------------------------------------------------
    def units(self, hits: list[Hit]) -> list[Unit]:
        index = self.index
        out: list[Unit] = []
        for hit in hits:
            p = hit.passage
            section = set(tokenize(p.section))
            previous: set[str] = set()
            for row, start, end in index.sentence_spans(hit):
                text = p.text[start - p.start:end - p.start]
                cites = [c for c in p.citations if c.start >= start and c.end <= end]
                toks = set(tokenize(text))
                # the section title, and the sentence before when this one continues it, carry
                # the topic a sentence may only refer to ("On the other hand, ... [119]")
                topic = toks | section | (previous if CONNECTIVE.match(text) else set())
                out.append(Unit(hit, start, end, text, cites, toks, toks | section | previous, row,
                                topic=topic))
                previous = toks
        return out

    # -- scoring ---------------------------------------------------------------------------
    def idf(self, token: str) -> float:
        return self.index.bm25.idf(token)

    def coverage(self, terms: dict[str, float], tokens: set[str]) -> float:
        total = sum(terms.values())
        return sum(w for t, w in terms.items() if t in tokens) / total if total else 0.0

    def score_units(self, query: Query, units: list[Unit]) -> None:
        st = self.settings
        kind = query.kind
        floor = st.answer.idf_floor
        q_tokens = [t for t in query.tokens if t not in ASKING_WORDS] or query.tokens
        terms = {t: max(self.idf(t), floor) for t in q_tokens}
        for t in query.expansion.tokens:
            if t not in terms and t not in ASKING_WORDS:
                terms[t] = st.retrieval.expansion_weight * max(self.idf(t), floor)
        rows = [u.vector_row for u in units]
        dense = self.index.sentence_vectors[rows] @ self.retriever.query_vector(query) if units else np.zeros(0)
        unit_kind = number_unit(query.text) if kind == "number" else None
        for u, d in zip(units, dense):
            lexical = self.coverage(terms, u.context)
            prior = 1.0 / math.sqrt(u.hit.rank)
            score = st.answer.span_dense_weight * float(d) + st.answer.span_lexical_weight * lexical + st.answer.span_rank_weight * prior
            if kind == "number" and unit_kind and has_number(_strip_citations(u), unit_kind):
                score += st.answer.number_bonus
            if kind == "table" and u.hit.passage.kind == "table_row":
                score += st.answer.table_bonus
            if kind == "sources" and u.citations:
                score += st.answer.cited_bonus
            if kind == "definition" and DEFINING.search(u.text):
                score += st.answer.definition_bonus
            u.score = score

    # -- the answer ------------------------------------------------------------------------
    def ask(self, question: str, k: int = 10, docs: list[str] | str | None = None,
            mode: str = "hybrid") -> Answer:
        return self.retriever.retrying(lambda: self._ask(question, k, docs, mode))

    def _ask(self, question: str, k: int, docs: list[str] | str | None, mode: str) -> Answer:
        query = self.retriever.parse(question)
        query = query.with_kind(classify(query.text))
        question, kind = query.text, query.kind
        k = validate.k(k)
        depth = max(k, self.settings.answer.sources_depth) if kind == "sources" else k
        hits = self.retriever.search(query, k=depth, mode=mode, docs=docs)
        if not hits:
            return Answer(question=question, found=False, kind=kind, message=NOT_FOUND)
        units = self.units(hits)
        self.score_units(query, units)
        units.sort(key=lambda u: -u.score)
        found = self.is_answerable(query, units)
        evidence = hits[:k]
        if not found:
            return Answer(question=question, found=False, kind=kind, passages=evidence, message=NOT_FOUND)
        chosen = self.select(query, units)
        if kind != "sources":
            chosen = [self.with_continuation(u) for u in chosen]
        spans = [Span(text=u.text, doc_id=u.hit.passage.doc_id, passage_id=u.hit.passage.id, start=u.start,
                      end=u.end, score=round(u.score, 4), citations=u.citations) for u in chosen]
        # the evidence: the top-k hits plus every deeper hit an answer span was taken from
        used = {sp.passage_id for sp in spans}
        evidence = evidence + [h for h in hits[k:] if h.passage.id in used]
        return Answer(question=question, found=True, kind=kind, spans=spans,
                      references=aggregate_references(spans), passages=evidence)

    def with_continuation(self, u: Unit) -> Unit:
        """The unit extended by the next sentence of its passage when that one continues it."""
        spans = self.index.sentence_spans(u.hit)
        p = u.hit.passage
        for (_, start, _), (_, nstart, nend) in zip(spans, spans[1:]):
            if start == u.start:
                follower = p.text[nstart - p.start:nend - p.start]
                if CONTINUATION.match(follower):
                    cites = [c for c in p.citations if c.start >= u.start and c.end <= nend]
                    return Unit(u.hit, u.start, nend, p.text[u.start - p.start:nend - p.start], cites,
                                u.tokens, u.context, u.vector_row, u.score, u.topic)
                break
        return u

    def unknown_terms(self, query: Query) -> list[str]:
        """Subject words the corpus never uses (e.g. a disease the reviews never discuss):
        strong evidence the answer is not here. Not counted: words a glossary or synonym
        phrase covers, hyphenated compounds of known parts, truncations of corpus words,
        everyday English words, and verb/adjective forms ("infusing", "standardised")."""
        bm25 = self.index.bm25
        covered = {t for alts in query.concepts if len(alts) > 1 for alt in alts for t in alt}
        compounds: set[str] = set()
        for word in re.findall(r"\w+(?:-\w+)+", query.text):
            parts = tokenize(word.replace("-", " "))
            if any(bm25.df(p) > 0 for p in parts):
                compounds |= set(tokenize(word)) - set(parts)  # "toll-like" -> "tolllike"
        out = []
        for t in query.tokens:
            if (t in ASKING_WORDS or t in covered or t in compounds or any(c.isdigit() for c in t)
                    or bm25.df(t) > 0 or NOT_A_SUBJECT.search(t)):
                continue
            if len(t) >= 4 and any(v.startswith(t) for v in bm25.doc_freqs):
                continue  # a truncation the user typed ("haplo", "cotransplant")
            if self.index.encoder.knows_word(t, max_id=self.settings.answer.everyday_word_max_id):
                continue  # an everyday word ("delivered", "stay") says nothing about the subject
            out.append(t)
        return out

    def is_answerable(self, query: Query, units: list[Unit]) -> bool:
        """Weak evidence means 'the corpus does not say' (thresholds calibrated on the dev split)."""
        if not units:
            return False
        best = units[0].score
        if best < self.settings.answer.answer_threshold:
            return False
        return not (self.unknown_terms(query) and best < self.settings.answer.answer_threshold_oov)

    def select(self, query: Query, units: list[Unit]) -> list[Unit]:
        if query.kind == "sources":
            return self.supporting(query, units)
        st = self.settings.answer
        limit = st.max_definition_spans if query.kind == "definition" else st.max_spans
        best = units[0].score
        chosen: list[Unit] = []
        seen: set[tuple[str, int]] = set()
        for u in units:
            key = (u.hit.passage.doc_id, u.start)
            if key in seen or u.score < best - self.settings.answer.span_margin:
                continue
            seen.add(key)
            chosen.append(u)
            if len(chosen) >= limit:
                break
        return chosen

    def topic(self, query: Query) -> list[list[list[str]]]:
        """The question's subject as concepts (alternatives each), without the asking words."""
        concepts = []
        for alts in query.concepts:
            alts = [[t for t in alt if t not in ASKING_WORDS] for alt in alts]
            alts = [a for a in alts if a]
            if alts:
                concepts.append(alts)
        return concepts

    def supporting(self, query: Query, units: list[Unit]) -> list[Unit]:
        """Every cited unit on the question's topic (sentence or its section), best first."""
        st = self.settings.answer
        concepts = self.topic(query)
        need = (len(concepts) + 1) // 2
        best = units[0].score
        chosen: list[Unit] = []
        seen: set[tuple[str, int]] = set()
        for u in units:
            key = (u.hit.passage.doc_id, u.start)
            if key in seen or not u.citations:
                continue
            about = u.topic if u.topic is not None else u.context
            matched = sum(any(all(t in about for t in alt) for alt in alts) for alts in concepts)
            if concepts and matched < max(1, need):
                continue
            if u.score < best * st.sources_relative_floor:
                continue
            seen.add(key)
            chosen.append(u)
            if len(chosen) >= st.max_sources_spans:
                break
        if not chosen:
            return units[:1]
        # grouped by review (the review with the best span first), best span first within one
        doc_rank: dict[str, int] = {}
        for u in chosen:
            doc_rank.setdefault(u.hit.passage.doc_id, len(doc_rank))
        return sorted(chosen, key=lambda u: (doc_rank[u.hit.passage.doc_id], -u.score))


def _strip_citations(u: Unit) -> str:
    text = u.text
    for c in sorted(u.citations, key=lambda c: -c.start):
        a, b = c.start - u.start, c.end - u.start
        if 0 <= a <= b <= len(text):
            text = text[:a] + " " + text[b:]
    return text


def aggregate_references(spans: list[Span]) -> list[AnswerReference]:
    """References of the spans, grouped by review (best review first), most supported first."""
    by_doc: dict[str, dict[str, AnswerReference]] = {}
    doc_order: list[str] = []
    for span in spans:
        if span.doc_id not in by_doc:
            by_doc[span.doc_id] = {}
            doc_order.append(span.doc_id)
        refs = by_doc[span.doc_id]
        for key in dict.fromkeys(c.key for c in span.citations):
            c = next(c for c in span.citations if c.key == key)
            if key in refs:
                refs[key].support += 1
            else:
                refs[key] = AnswerReference(doc_id=span.doc_id, key=key, label=c.label, text=c.reference)
    out: list[AnswerReference] = []
    for doc_id in doc_order:
        refs = list(by_doc[doc_id].values())
        refs.sort(key=lambda r: (-r.support, key_order(r.key)))
        out.extend(refs)
    return out


_default: Answerer | None = None


def ask(question: str, k: int = 10, docs: list[str] | str | None = None, mode: str = "hybrid") -> Answer:
    """Answer a question from the reviews (library call; the index is loaded once)."""
    global _default
    if _default is None:
        from qa.retrieve.retriever import default_retriever

        _default = Answerer(retriever=default_retriever())
    return _default.ask(question, k=k, docs=docs, mode=mode)
