"""Extractive answers: verbatim sentences (and table rows) of retrieved passages, with citations.

Nothing is generated. Each candidate unit (a sentence with its trailing citations, or a whole
table row) is scored against the question by dense similarity (sentence vectors precomputed
at build time), idf-weighted term coverage, the passage's retrieval rank and cues of the
question's kind. The first span takes the next sentence of its passage along when that one
scores close to it (a sentence setting up a finding, then the one stating it: `span_join_margin`),
else the sentence before when its words are what the span covers the question through
(`span_topic_share`; qa.answer.joins).
*sources* questions aggregate the citations of every on-topic unit.

This module holds the Answerer: what one answer's steps share (the retriever, the token and reference
caches, the term weights, the refusal model's confidence and threshold); the steps themselves, in order,
are qa.answer.pipeline.
"""
from __future__ import annotations

from collections.abc import Collection

import numpy as np

from qa import validate
from qa.models import Answer, Hit, Reference
from qa.answer import after_quotes, candidates, pipeline, refusal, selection, vague
from qa.answer.written import title_note
from qa.answer.inherited import inherited_citations
from qa.answer.units import Unit
from qa.answer.refusal_evidence import smoothed_idf
from qa.answer.unreported import rare_unwritten
from qa.retrieval.question import QUESTION_FORM, asks_whether
from qa.retrieval.number_units import names_measured
from qa.retrieval.query import Query
from qa.retrieval.retriever import Retriever
from qa.settings import Settings
from qa.index.analyzer import tokenize


class Answerer:
    """Answers questions from the index; one instance per process is enough (it caches)."""

    def __init__(self, settings: Settings | None = None, retriever: Retriever | None = None) -> None:
        validate.instance(retriever, Retriever, "retriever", "a qa.Retriever")
        self.retriever = retriever or Retriever(settings)
        self.settings = self.retriever.settings
        self._tokens: dict[str, frozenset[str]] = {}
        self._first_stage: tuple[tuple[int, int], Retriever] | None = None  # for top_standout
        self._entries: tuple[object, dict[tuple[str, str], Reference]] | None = None  # (index, table)

    @property
    def index(self):
        return self.retriever.index

    # -- candidate units -------------------------------------------------------------------
    def units(self, hits: list[Hit]) -> list[Unit]:
        """The candidate units of the hits: their sentences and table rows (qa.answer.candidates)."""
        return candidates.units(self, hits)

    # -- scoring ---------------------------------------------------------------------------
    def idf(self, token: str) -> float:
        return self.index.bm25.idf(token)

    def smooth_idf(self, token: str) -> float:
        """`refusal_evidence.smoothed_idf` over the library's passages."""
        bm25 = self.index.bm25
        return smoothed_idf(bm25.size, bm25.df(token))

    def terms(self, query: Query, smooth: bool = False, context_weight: float | None = None,
              weigh=None) -> dict[str, float]:
        """The question's content terms, idf-weighted; expansion and follow-up context terms
        weigh `expansion_weight` of that (the earlier question's words `context_weight` when
        given). `smooth` weighs unseen words most (refusal); `weigh`, a token's weight, replaces both."""
        st = self.settings
        floor = st.answer.idf_floor
        expansion = st.retrieval.expansion_weight
        context = expansion if context_weight is None else context_weight

        def weight(t: str) -> float:
            if weigh is not None:  # the refusal's own weights (qa.answer.refusal.scoped_weights)
                return weigh(t)
            return self.smooth_idf(t) if smooth else max(self.idf(t), floor)

        own = [t for t in query.tokens if t not in QUESTION_FORM] or query.tokens
        terms = {t: weight(t) for t in own}
        for t in query.expansion.tokens:
            if t not in terms and t not in QUESTION_FORM:
                terms[t] = expansion * weight(t)
        for t in query.context_tokens:
            if t not in terms and t not in QUESTION_FORM:
                terms[t] = context * weight(t)
        return terms

    def score_units(self, query: Query, units: list[Unit]) -> np.ndarray:
        """Score every unit in place; returns the units' question cosines (refusal features;
        qa.answer.candidates)."""
        return candidates.score_units(self, query, units)

    # -- refusal ---------------------------------------------------------------------------
    def standout(self, query: Query, hits: list[Hit], mode: str = "hybrid",
                 docs: list[str] | str | None = None) -> float:
        """How far the best passage stands above the other candidates of the same question on the
        same index: its first-stage hybrid fused score, a sum of z-scores over each retriever's
        candidates (`top_standout`; read from the fused ranking before the second stage
        re-scores it, and for another mode from the hybrid one)."""
        if mode != "hybrid" or self.settings.retrieval.rerank_depth > 0:
            key = (id(self.retriever.index), id(self.settings))
            if self._first_stage is None or self._first_stage[0] != key:
                self._first_stage = (key, Retriever(self.settings.replace(rerank_depth=0),
                                                    index=self.retriever.index))
            hits = self._first_stage[1].search(query, k=1, mode="hybrid", docs=docs)
        return max((h.score for h in hits), default=0.0)

    def refusal_features(self, query: Query, units: list[Unit], hits: list[Hit],
                         standout: float | None = None) -> list[float]:
        """The evidence features of `qa.answer.refusal` (units sorted best first)."""
        standout = self.standout(query, hits) if standout is None else standout
        return refusal.evidence_features(self, query, units, hits, standout)

    def confidence(self, query: Query, units: list[Unit], hits: list[Hit], mode: str = "hybrid",
                   docs: list[str] | str | None = None) -> float:
        """Calibrated probability that the corpus answers (0 without candidate units)."""
        if not units:
            return 0.0
        st = self.settings.answer
        features = self.refusal_features(query, units, hits, self.standout(query, hits, mode, docs))
        return refusal.probability(features, st.refusal_coefficients, st.refusal_intercept)

    def threshold(self, asked: str, read: Collection[str] = ()) -> float:
        """The refusal model's threshold for this question: `refusal_threshold` for a yes/no question or one
        naming a rare word no article writes (`unreported.rare_unwritten`: no check after the quotes reads it),
        a share of it (`open_question_threshold_share`) for one asking a value, whose weak matches the checks
        after the quotes read again (out of fold by blind-dev round the margin refused mostly answerable ones).
        A rare word naming what the question measures in a unit ("how much slurry", "cohort size":
        `number_units.names_measured`) is the writer's name for it, not an unreported condition
        (`measured_name_keeps_share`); nor is one the library's synonyms read as a name it writes (`read`:
        `unreported.library_read`, 'scleroderma' / 'systemic sclerosis')."""
        st = self.settings.answer
        if st.open_question_threshold_share >= 1 or asks_whether(asked):
            return st.refusal_threshold
        rare = [w for w in rare_unwritten(self, asked, (), st.unreported_frequency, read=read)
                if not (st.measured_name_keeps_share and names_measured(asked, w))]
        return st.refusal_threshold * (1.0 if rare else st.open_question_threshold_share)

    def tokens_of(self, text: str) -> set[str]:
        """The token set of a sentence or title (cached: the same passages serve many questions)."""
        tokens = self._tokens.get(text)
        if tokens is None:
            if len(self._tokens) > 50000:
                self._tokens.clear()
            tokens = self._tokens[text] = frozenset(tokenize(text))
        return tokens

    def reference(self, doc_id: str, key: str) -> Reference | None:
        """The parsed reference-list entry of a cited key (authors, year, title, journal, doi, as
        `qa ask --json` adds them; `answer.references` has the text only); None without one. A
        document this index does not hold is an error, not None (user trial 23: a reference of
        one's own library looked up in the project's index read as 'no entry')."""
        validate.text_argument(doc_id, "doc_id")
        validate.text_argument(key, "key")
        index = self.index
        validate.docs([doc_id], index.doc_ids)
        if self._entries is None or self._entries[0] is not index:  # built once per loaded index
            table: dict[tuple[str, str], Reference] = {}
            for doc in index.documents:
                for ref in doc.references:
                    table.setdefault((doc.id, ref.key), ref)
            self._entries = (index, table)
        return self._entries[1].get((doc_id, key))

    def passage_tokens(self, passage) -> set[str]:
        """The tokens of a passage and its section title."""
        return self.tokens_of(passage.section) | self.tokens_of(passage.text)

    def too_vague(self, query: Query) -> str:
        """Why the question is too vague to answer ('' when it is not; qa.answer.vague)."""
        return vague.vagueness(self.index, query)[0]

    # -- the answer ------------------------------------------------------------------------
    def ask(self, question: str, k: int = 10, docs: list[str] | str | None = None,
            mode: str = "hybrid", previous: str | None = None) -> Answer:
        """The answer to `question` from this Answerer's library: verbatim spans (`k` at most), their
        references and cautions. `docs` limits it to those document ids, `mode` is hybrid, bm25 or
        dense, `previous` the earlier question of a conversation (read as its follow-up when it leans
        on it). Bad arguments raise qa.QAError (user trial 47: `help()` showed no description)."""
        return self.retriever.retrying(lambda: self._ask(question, k, docs, mode, previous))

    def _ask(self, question: str, k: int, docs: list[str] | str | None, mode: str,
             previous: str | None, hint: bool = True) -> Answer:
        """One answer's steps (qa.answer.pipeline); `hint` off for the hint's and follow-up's own checks."""
        return pipeline.answer(self, question, k, docs, mode, previous, hint)

    def title_note(self, query: Query, asked: str) -> str:
        """A refusal's line naming the cited studies whose reference titles alone write the question's words
        (qa.answer.written), '' for none or with `refusal_title_note` off."""
        if not self.settings.answer.refusal_title_note:
            return ""
        return title_note(self, asked, [a for a, _ in query.read_as])

    def refused_after_quotes(self, query: Query, asked: str, kind: str, confidence: float,
                             chosen: list[Unit], hits: list[Hit] = ()) -> str:
        """Why a weak match is refused once its quotes are chosen ('' when it is not;
        qa.answer.after_quotes)."""
        return after_quotes.refused_after_quotes(self, query, asked, kind, confidence, chosen, hits)

    def select(self, query: Query, units: list[Unit]) -> list[Unit]:
        """The answer's spans, in order, from the scored units (qa.answer.selection)."""
        return selection.select(self, query, units)

    def topic(self, query: Query) -> list[list[list[str]]]:
        """The question's subject as concepts (alternatives each), without the form words."""
        concepts = []
        for alts in query.concepts:
            alts = [[t for t in alt if t not in QUESTION_FORM] for alt in alts]
            alts = [a for a in alts if a]
            if alts:
                concepts.append(alts)
        return concepts

    def cites(self, u: Unit) -> bool:
        """Whether a unit cites a study: its own citation, or (`inherit_citations`) the one of the
        study it refers back to ("The results indicated that ..." after "... controls [100].")."""
        mode = self.settings.answer.inherit_citations
        return bool(u.citations) or (mode in ("back", "both") and bool(inherited_citations(u, self.index, "back")))

_default: Answerer | None = None


def ask(question: str, k: int = 10, docs: list[str] | str | None = None, mode: str = "hybrid",
        previous: str | None = None) -> Answer:
    """Answer a question from the library `QA_CORPUS_DIR` names, else the project's reviews (library
    call; the index is loaded once per library); `previous` is the earlier question of a
    conversation, the context of a follow-up."""
    global _default
    from qa.retrieval.retriever import default_retriever

    retriever = default_retriever()
    if _default is None or _default.retriever is not retriever:
        _default = Answerer(retriever=retriever)
    return _default.ask(question, k=k, docs=docs, mode=mode, previous=previous)
