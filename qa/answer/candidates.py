"""Candidate answer units and their scores: what an answer's spans are chosen from.

Each unit (a sentence with its trailing citations, or a whole table row) is scored against the
question by dense similarity (sentence vectors precomputed at build time), idf-weighted term
coverage, the passage's retrieval rank and cues of the question's kind. Apart from
qa.answer.answerer, which refuses, selects and cites; its `units` and `score_units` call these.
"""
from __future__ import annotations

import functools
import math
import re
from typing import TYPE_CHECKING

import numpy as np

from qa.answer import span_order
from qa.answer.focus import answer_type, echo
from qa.retrieval.plural_head import plural_head
from qa.answer.followup import goes_on_from_earlier, setting_coverage
from qa.answer.forms import other_forms, other_name_share, other_names_asked
from qa.answer.joins import CONTINUATION
from qa.answer.lead_in import is_lead_in
from qa.retrieval.question import QUESTION_FORM
from qa.retrieval.sentence_focus import focus_match, without_citations
from qa.answer.row_match import asks_phase, cited_phases, cites_other_phase, contradicts, other_phase
from qa.retrieval.table_fields import asked_field, states_field, table_fields
from qa.answer.units import Unit, citations_in, named
from qa.index.analyzer import tokenize
from qa.models import Hit
from qa.retrieval.query import Query, subject_from_earlier
from qa.retrieval.evidence import coverage

if TYPE_CHECKING:
    from qa.answer.answerer import Answerer

# what every row of a trials table is (the words `question._TRIAL_REF` reads and the literature nouns)
_TABLE_WORDS = frozenset(tokenize("trial trials table tables study studies"))
CONNECTIVE = re.compile(
    CONTINUATION.pattern + r"|^(?:On the other hand|However|In contrast|Similarly|Conversely|Likewise|"
    r"Nevertheless|Accordingly|Thus|Therefore|Consequently)\b")


def units(answerer: Answerer, hits: list[Hit]) -> list[Unit]:
    """The candidate units of the hits, in order: each sentence (or table row) with its citations, tokens
    and the topic it may only refer to (its section title; the sentence before, when it continues it)."""
    index = answerer.index
    out: list[Unit] = []
    for hit in hits:
        p = hit.passage
        section = answerer.tokens_of(p.section)
        previous: set[str] = set()
        for row, start, end in index.sentence_spans(hit):
            text = p.text[start - p.start:end - p.start]
            cites = citations_in(p, start, end)
            toks = answerer.tokens_of(text)
            # the section title, and the sentence before when this one continues it, carry
            # the topic a sentence may only refer to ("On the other hand, ... [119]")
            topic = toks | section | (previous if CONNECTIVE.match(text) else set())
            out.append(Unit(hit, start, end, text, cites, toks, toks | section | previous, row,
                            topic=topic, heading=frozenset(section - toks)))
            previous = toks
    return out


def score_units(answerer: Answerer, query: Query, units: list[Unit]) -> np.ndarray:
    """Score every unit in place; returns the units' question cosines (refusal features)."""
    st = answerer.settings.answer
    # a follow-up naming its own subject ("and after exposure to Pseudomonas?"): its own words
    # pick the sentence, the earlier question's words weigh `followup_context_weight` (0: they
    # act through the cosine, whose text joins both, the passage's setting and retrieval only); one
    # pointing back ("them", "those patients") has its subject there and keeps them at
    # `followup_pointing_context_weight`
    own_subject = bool(query.context) and not subject_from_earlier(query.text)
    terms = answerer.terms(query, context_weight=st.followup_context_weight if own_subject
                       else st.followup_pointing_context_weight)
    # the question's own words (and their expansion), not an earlier question's: the answer to a
    # follow-up may restate the topic it follows up
    own = answerer.terms(query, context_weight=0.0)
    idf_of = functools.cache(answerer.idf)  # a token's idf, looked up once per question (echo)
    rows = [u.vector_row for u in units]
    dense = answerer.index.sentence_vectors[rows] @ answerer.retriever.query_vector(query) if units else np.zeros(0)
    mix = st.followup_own_dense_weight
    # its own question picks the sentence as much as the conversation (the joint text's nearest
    # sentence is the one that answered the earlier question)
    if query.context and units and mix:
        own_vector = answerer.index.encoder.encode([query.text]).astype("float32")[0]
        dense = (1.0 - mix) * dense + mix * (answerer.index.sentence_vectors[rows] @ own_vector)
    # the earlier question's words say where to look, not which sentence: they weigh the passage
    setting = setting_coverage(answerer, query, units) if st.followup_setting_weight else {}
    # the sentences going on from the earlier question's answer (a conversation reads on)
    # (not a sources follow-up, "which ref is that?": it asks who reported the earlier answer itself)
    goes_on = goes_on_from_earlier(answerer, query, units, st.followup_after_reach) \
        if st.followup_after_weight and query.kind != "sources" else set()
    defined = answerer.retriever.defined_terms(query.text) if query.kind == "definition" else None
    # a table question asking a field ("What route was used in the lupus trials?"): the row's cell
    # under that column states it (qa.retrieval.table_fields), a sentence by naming it
    # (read once by the answerer with the question's kind: `Query.table_field`)
    field = query.table_field if query.table_field is not None else \
        asked_field(query.text, query.kind, table_fields(answerer.index))
    # ... by a row naming what the question asks it of (a concept other than the field and its trial)
    of = [alts for alts in query.concepts if not set(alts[0]) <= set(field) | QUESTION_FORM | _TABLE_WORDS]

    def subject(values: set[str]) -> bool:
        return not of or any(named(alts, values) for alts in of)
    # a plural wh-head's enumeration is credited once, as the answer's shape (answer_type), not twice
    focus_kind = "fact" if query.kind == "list" and plural_head(query.text) else query.kind
    # the question's long forms each article abbreviates, read once, for the table rows naming one by its
    # abbreviation (credited to rows only: a ranking without a row needs none)
    other_names = other_names_asked(answerer.index, query.text) \
        if st.span_other_name_credit and any(u.hit.passage.kind == "table_row" for u in units) else {}
    # the cited studies' phases are looked up only for a question naming one (qa.answer.row_match)
    phase_asked = st.cited_phase_mismatch and asks_phase(query.text)
    before = [None, *units[:-1]]
    previous_dense = [float(dense[i - 1]) if i and before[i].hit is u.hit else float(d)
                      for i, (u, d) in enumerate(zip(units, dense))]
    for i, (u, d, dp) in enumerate(zip(units, dense, previous_dense)):
        # the sentence before carries the topic a result sentence may only refer to
        d = (1.0 - st.context_dense_weight) * float(d) + st.context_dense_weight * max(float(d), dp)
        full, lexical = span_order.coverages(lambda words: coverage(terms, words), u, st.span_heading_discount)
        # what it covers only through the sentence before (qa.answer.joins: that sentence is its topic)
        u.borrowed = full - coverage(terms, u.tokens | answerer.tokens_of(u.hit.passage.section))
        u.forms = other_forms(terms, u.tokens)  # question words it writes in another form (qa.answer.forms)
        row = u.hit.passage.kind == "table_row"
        # ... or, a table row, names by the abbreviation its article defines for them, "Disease: OI"
        # (qa.answer.forms: running text has the long form around it already)
        u.other_names = other_name_share(terms, other_names.get(u.hit.passage.doc_id), u.text, u.tokens) \
            if row else 0.0
        prior = 1.0 / math.sqrt(u.hit.rank)
        clean = without_citations(u.text, u.start, u.citations)
        focus = focus_match(focus_kind, query.text, clean, is_table_row=row,
                            cited=bool(u.citations), terms=defined)
        # the asked answer's shape (a new number, an enumeration), and how much of the sentence
        # only repeats the question (qa.answer.focus)
        u.shape = answer_type(query.text, query.kind, clean, row=row, findings=st.finding_focus,
                              field=states_field(field, u.text, row, subject) if field else None)
        repeats = echo(own, u.tokens, idf_of, query.kind, query.text)
        # a sentence only announcing what is asked hands over to the one continuing it (qa.answer.lead_in)
        u.lead_in = st.lead_in and is_lead_in(u, query.text, clean)
        u.dense = float(d)
        # a definition question's focus (the sentence defining the asked term) weighs more
        focus_weight = st.focus_weight + (st.definition_focus_weight if query.kind == "definition" else 0.0)
        u.score = (st.span_dense_weight * float(d) + st.span_lexical_weight * lexical
                   + st.span_rank_weight * prior + focus_weight * focus
                   + st.answer_type_weight * (u.shape - 0.5) - st.echo_penalty * repeats
                   + st.followup_setting_weight * setting.get(u.hit.passage.id, 0.0)
                   + (st.followup_after_weight if i in goes_on else 0.0))
        if row and st.row_mismatch_penalty and \
                contradicts(query.tokens, u.text, tokenize):  # the question's 'phase II', the row's 'I'
            u.score -= st.row_mismatch_penalty
            u.mismatched = True
        elif not row and st.row_mismatch_penalty and (
                other_phase(query.text, u.text)  # a sentence about a trial of another phase
                or (phase_asked and u.citations and cites_other_phase(
                    query.text, u.text, cited_phases(answerer.index.studies, u.hit.passage.doc_id,
                                                     [c.key for c in u.citations])))):  # ... by its studies' rows
            u.score -= st.row_mismatch_penalty
            u.mismatched = True
    if goes_on:  # a tie-break for the first span only: the rest keep their order (and their citations)
        best = max(range(len(units)), key=lambda i: units[i].score)
        for i in goes_on - {best}:
            units[i].score -= st.followup_after_weight
    return dense
