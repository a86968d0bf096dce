"""Extractive answers: verbatim sentences (and table rows) of retrieved passages, with citations.

Nothing is generated. Each candidate unit (a sentence with its trailing citations, or a whole
table row) is scored against the question by dense similarity (sentence vectors precomputed
at build time), idf-weighted term coverage, the passage's retrieval rank and cues of the
question's kind. The first span takes the next sentence of its passage along when that one
scores close to it (a sentence setting up a finding, then the one stating it: `span_join_margin`),
else the sentence before when its words are what the span covers the question through
(`span_topic_share`; qa.answer.joins).
*sources* questions aggregate the citations of every on-topic unit.
"""
from __future__ import annotations

from collections.abc import Collection

import numpy as np

from qa import validate
from qa.models import NOT_FOUND_MESSAGE, Answer, Hit, Reference, Span
from qa.answer import after_quotes, candidates, refusal, selection, vague
from qa.answer.cautions import answer_caution
from qa.answer.written import TITLE_MARK, read_as_line, title_note
from qa.answer.more_note import more_note
from qa.answer.attribute_first import attribute_first
from qa.answer.abbreviations import name_writer_first
from qa.answer.counts import as_read, count_first
from qa.answer.followup import (addition_caution, changed_subject, earlier_row_first, earlier_statement_first, on_topic, unnamed_addition,
                               without_refused_earlier)
from qa.answer.reference_list import aggregate_references
from qa.answer.references import choose_citations
from qa.answer.inherited import inherited_citations
from qa.answer.units import Unit, strongest_per_review
from qa.retrieval.named_article import asked_of
from qa.answer.named_study import about_named_study
from qa.answer.rewording import reworded_units
from qa.answer.refusal_evidence import smoothed_idf
from qa.answer.unreported import library_read, rare_unwritten
from qa.answer.table_extremes import extreme_rows, rows_first, table_rows_of
from qa.answer.table_every import with_every_rows
from qa.answer.each_named import each_named
from qa.retrieval.table_fields import asked_field, table_fields
from qa.retrieval.question import QUESTION_FORM, asks_whether, kind_of
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
        def hint_of(text: str) -> str:  # 'Did you mean', for a refusal (not for the hint's own check)
            return vague.suggestion(self, text, docs, mode, previous) if hint else ""

        # cheap checks first: bad input is refused before the index is touched
        question = validate.question(question)
        k = validate.k(k)
        mode = validate.mode(mode)
        validate.doc_ids(docs)
        # the articles the question names (by id or by name) are asked of, as --doc; several each quoted
        of = asked_of(self.retriever.index, question, docs, self.retriever.expander,
                      self.settings.answer.each_named_article)
        asked, docs, named_note, compared = of.question, of.doc_ids, of.note, of.compared
        query = self.retriever.query_from(asked, previous)
        asked = query.asked or asked  # in the library's spelling ('aetiology' -> 'etiology'), as retrieval read it
        query, previous, refused_earlier = without_refused_earlier(self, query, asked, previous)
        docs = validate.docs(docs, self.retriever.index.doc_ids)  # also when the question is too vague
        # 'wich studies' is a sources question; a table's fields are the library's columns
        kind = kind_of(query, self.index)
        query = query.with_kind(kind, asked_field(query.text, kind, table_fields(self.index)))
        vague_note, too_vague = vague.message(self.index, query)
        if vague_note:
            return Answer(question=question, found=False, kind=kind, context=query.context, confidence=0.0,
                          too_vague=too_vague, message="\n".join(m for m in (vague_note, hint_of(asked)) if m))
        # the answer is decided on a fixed depth, so k only bounds what is shown; a k beyond the
        # depth retrieves its longer list of passages for the evidence shown, not for the answer
        depth = self.settings.answer.sources_depth if kind == "sources" else self.settings.answer.answer_depth
        hits = self.retriever.search(query, k=depth, mode=mode, docs=docs)
        retrieved = hits if k <= depth else self.retriever.search(query, k=k, mode=mode, docs=docs)
        if not hits:
            return Answer(question=question, found=False, kind=kind, message=NOT_FOUND_MESSAGE)
        units = self.units(hits)
        self.score_units(query, units)
        units.sort(key=lambda u: -u.score)
        confidence = self.confidence(query, units, hits, mode, docs)
        found = confidence >= self.threshold(asked, library_read(self, query))
        units, off_topic = on_topic(self, query, units, mode, docs) if found else (units, "")
        found = found and not off_topic
        extreme = extreme_rows(asked, query.tokens, hits, table_rows_of(self.index), tokenize) \
            if found and self.settings.answer.table_extremes else None
        if extreme is not None:  # "which trial had the most patients?": the rows holding it first
            units, retrieved = rows_first(self, extreme, units, retrieved)
        evidence = retrieved[:k]
        context_note = "\n".join(n for n in (
            named_note, f"Read as a follow-up of: {query.context}" if query.context else "",
            read_as_line(self, query.read_as), extreme.note() if extreme else "") if n)
        named = about_named_study(self, query, asked, previous, docs, None if not found else units[0])
        if named is not None:  # "What did Connick et al. find?": the sentences citing that study
            hits, units, note = named
            evidence, found = hits[:k], True
            context_note = "\n".join(n for n in (context_note, note) if n)
        if not found:
            return Answer(question=question, found=False, kind=kind, passages=evidence, context=query.context,
                          confidence=round(confidence, 4),
                          message="\n".join(m for m in (context_note, off_topic or NOT_FOUND_MESSAGE,
                                                         "" if off_topic else self.title_note(query, asked),
                                                         hint_of(asked), vague.not_english_caution(self.index, asked))
                                             if m))
        if kind == "sources":  # refusal and topic decided on the question as asked
            units = reworded_units(self, query, units, previous, depth, mode, docs)
        chosen = self.select(query, units)
        if kind != "sources":  # the first quote from an article writing the names the question gives
            chosen = name_writer_first(self, asked, chosen)
        # a quote stating the count first; the counted noun as its shorthand was read ('pts': 'patients')
        chosen = count_first(as_read(asked, query.read_as), kind, chosen)
        chosen = earlier_row_first(self, query, kind, chosen, units)  # "how many patients did it include?": its row
        chosen = earlier_statement_first(self, query, kind, chosen, units)  # "who found that?": what it said
        # an answer about to be refused for not naming the asked attribute quotes one that does, when close
        if named is None and after_quotes.attribute_gap(self, asked, kind, confidence, [u.text for u in chosen]):
            chosen = attribute_first(asked, kind, chosen, units, self.retriever.expander.concepts,
                                     self.settings.answer.attribute_first_share, self.settings.answer.max_spans)
        if self.settings.answer.table_every and extreme is None and named is None:  # "list every aGVHD trial"
            chosen, retrieved = with_every_rows(self, asked, kind, query, hits, retrieved, chosen)
        if compared and self.settings.answer.each_named_article and named is None:  # each named article quoted
            chosen, retrieved = each_named(self, query, chosen, compared, mode, depth, retrieved)
        # a weak match whose quotes miss what the question asks is refused after all, saying why
        refused = "" if named is not None else self.refused_after_quotes(query, asked, kind, confidence, chosen, hits)
        if refused:
            alone = changed_subject(self, question, k, docs, mode, query, [u.text for u in chosen], hint)
            if alone is not None:  # "any tumour risk?" after a cartilage question: a new question
                return alone
            return Answer(question=question, found=False, kind=kind, passages=evidence, context=query.context,
                          confidence=round(confidence, 4),
                          message="\n".join(m for m in (context_note, f"{NOT_FOUND_MESSAGE} {refused}",
                                                         "" if TITLE_MARK in refused else self.title_note(query, asked),
                                                         hint_of(asked))
                                             if m))
        terms = self.terms(query)

        # a follow-up's own words (not the earlier question's): what its secondary spans must name to cite
        followup = {t for t in query.tokens if t in terms and t not in QUESTION_FORM} if query.context else None
        citing = choose_citations(asked, kind, chosen, terms, self.index, self.tokens_of,
                                  self.settings.answer, self.topic(query), followup, len(compared) >= 2)

        def as_span(u: Unit) -> Span:
            offered = {c.key for c in citing[id(u)]}
            printed = [c for c in u.citations if u.start <= c.start and c.end <= u.end and c.key not in offered]
            return Span(text=u.text, doc_id=u.hit.passage.doc_id, passage_id=u.hit.passage.id,
                        section=u.hit.passage.section, start=u.start,
                        end=u.end, score=round(u.score, 4), citations=citing[id(u)],
                        also_cited=list({c.key: c for c in printed}.values()))

        support = [as_span(u) for u in chosen]  # every on-topic span: the study table's evidence
        more = max(0, len(chosen) - k)
        if more:
            # the cited spans first: a sentence shown as context only (below a sources answer's
            # citation floor) does not take the place of another review's cited one
            citing_first = strongest_per_review([u for u in chosen if not u.context_only], k, kind != "sources")
            keep = {id(u) for u in citing_first + [u for u in chosen if u.context_only][:k - len(citing_first)]}
            chosen = [u for u in chosen if id(u) in keep]
        spans = [as_span(u) for u in chosen]
        # the evidence: the top-k hits plus every deeper hit an answer span was taken from
        used = {sp.passage_id for sp in spans}
        evidence = evidence + [h for h in (hits if named else retrieved)[k:] if h.passage.id in used]
        notes = [context_note] if context_note else []
        weak = answer_caution(self, asked, kind, query.read_as, confidence, [sp.text for sp in support], bool(named),
                              {sp.doc_id for sp in support}, support[0].doc_id if support else "")
        if self.settings.answer.followup_addition_caution:  # a follow-up whose quotes never name what it adds
            added = addition_caution(unnamed_addition(query, [self.tokens_of(sp.text) for sp in support]))
            alone = changed_subject(self, question, k, docs, mode, query, [sp.text for sp in support], hint) \
                if added else None
            if alone is not None:
                return alone
            weak = " ".join(w for w in (weak, added) if w)
        weak = " ".join(w for w in (weak, refused_earlier) if w)  # read with an earlier question refused alone
        if weak:
            notes.append(weak)
        spelling = hint_of(asked)  # a misspelt word read as present: still offer the reading
        if spelling:
            notes.append(spelling)
        if more:
            notes.append(more_note(k, more))
        from qa.answer.studies import annotate  # reviews named, studies grouped (qa/answer/studies.py)

        return annotate(Answer(question=question, found=True, kind=kind, spans=spans,
                               references=aggregate_references(spans),
                               other_references=aggregate_references(spans, also=True), passages=evidence, more=more,
                               context=query.context, confidence=round(confidence, 4), caution=weak,
                               message="\n".join(notes)), self.index, support)

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
