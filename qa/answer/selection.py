"""Which scored units become an answer's spans, and in what order.

The units arrive scored and sorted (qa.answer.candidates), after the refusal model has read the
scores; here only the order among near ties changes: legends demoted, the asked forms and deed
credited, a research article's Results finding, Methods procedure or named part first, the asked
phase (over a first sentence of another phase: qa.answer.row_match), the asked value first (a short follow-up: the earlier question's value for what it adds); then spans are taken within `span_margin` of the best (`several_margin` for a second
span when several things are asked), the first one joined to its neighbours (qa.answer.joins).
A *sources* question's spans are every on-topic citing unit (qa.answer.sources).
"""
from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING

from qa.answer.alternatives import names_alternative
from qa.answer.counts import asked_count
from qa.answer.focus import asked_items, asked_value, asks_plural, legend_keeps
from qa.answer.followup import carried_value_first
from qa.answer.forms import credit
from qa.answer.joins import joined, with_continuation
from qa.answer.named_part import named_part_first, named_parts
from qa.answer.predicate import credit_predicate
from qa.answer.row_match import names_asked_phase
from qa.retrieval.question import asked_unit
from qa.answer.sources import supporting
from qa.answer import span_order
from qa.answer.units import Unit, extra_places, overlaps, value_first
from qa.retrieval.priors import names_figure
from qa.retrieval.protocol import asks_procedure
from qa.retrieval.query import Query

if TYPE_CHECKING:
    from qa.answer.answerer import Answerer


def select(answerer: Answerer, query: Query, units: list[Unit]) -> list[Unit]:
    """The answer's spans, best first, from units scored and sorted best first."""
    if query.kind == "sources":
        return supporting(answerer, query, units)
    st = answerer.settings.answer
    limit = st.max_definition_spans if query.kind == "definition" else st.max_spans
    # the asked value in its unit (several things: items or names the question lacks) first on a near
    # tie; a first span lacking the value reaches for it; a legend stating a protocol's asked measure
    # keeps its score (`span_legend_keeps_measure`)
    states = asked_value(query.text, query.kind)
    # several things asked or two compared: two sentences may answer, a second span within several_margin
    several = query.kind == "comparison" or asks_plural(query.text, query.kind)
    keep = states if st.span_legend_keeps_measure and legend_keeps(asked_unit(query.text), several) else None
    # a "how many X" question's asked value is a count of X (qa.answer.counts.asked_count)
    counted = asked_count(query.text, query.kind)
    # a question naming a figure asks what its legend says (qa.retrieval.priors.names_figure)
    penalty = 0.0 if names_figure(query.text) else st.span_legend_penalty
    # demoted: a legend sentence keying its image's colours, or lacking the value asked (in a unit or a count)
    units = span_order.demote_legends(units, penalty, keep, states or counted)  # refusal has read the scores
    units = credit(units, st.span_form_credit * st.span_lexical_weight)  # a question word in another form
    # a sentence or row naming what is asked by the name's other form ("Disease: OI"): its full weight
    units = credit(units, st.span_other_name_credit * st.span_lexical_weight, attrgetter("other_names"))
    units = credit_predicate(units, query.text, st.span_predicate_credit)  # the deed asked, in any form
    if query.kind in st.finding_first_kinds:  # a research article's finding as stated in its Results first
        units = span_order.finding_first(answerer.index, units, st.finding_first_margin)
    if st.procedure_first_margin and asks_procedure(query.text, query.kind):  # how it was done: the Methods
        units = span_order.procedure_first(answerer.index, units, st.procedure_first_margin)
    # a question naming the part it asks of ("per the intro", "in the Discussion"): that part's sentence first
    units = named_part_first(answerer.index, units, named_parts(query.text), st.named_part_margin)
    # "and in children?": the earlier question's rate first, when the follow-up asks no value of its own
    units = carried_value_first(query, units, st.followup_value_margin, states is not None)
    # a best sentence of another phase than the question's: the best naming the asked one, within the span margin
    phase = names_asked_phase(query.text, units[0].mismatched) if st.asked_phase_first else None
    units = value_first(units, phase, st.span_margin) if phase else units
    # "given intravenously or into the hepatic artery?": the best sentence stating one of the two first (off)
    either = names_alternative(query.text, query.concepts) if st.alternative_first else None
    units = value_first(units, either, st.span_margin) if either else units
    best = units[0].score
    scores = {(u.hit.passage.id, u.start): u for u in units}
    count = counted if st.count_focus_first else None
    has = states or count or (asked_items(query.text) if several else None)
    units = value_first(units, has, st.value_first_margin) if has is not None else units
    chosen: list[Unit] = []
    for u in units:
        if u.score < best - (st.several_margin if several and len(chosen) == 1 else st.span_margin):
            break
        # extended first, so a sentence already shown as another span's continuation leaves
        # its place to the next candidate rather than to nothing; a sentence whose extension
        # would repeat a chosen span is shown alone. Joined by score (either way): first only
        extended = (joined(answerer.index, st, u, scores, several) if not chosen
                    else with_continuation(answerer.index, st, u))
        if extended is not u and any(overlaps(extended, c) for c in chosen):
            extended = u
        u = extended
        if any(overlaps(u, c) for c in chosen):
            continue  # the same sentence reached through another passage, or already shown
        chosen.append(u)
        # a sentence joined by its score takes a place when it cites, as it would as a span of its
        # own: the joined answer carries no more citing sentences than before
        if sum(1 + extra_places(c, best, st.citation_margin) for c in chosen) >= limit:
            break
    return chosen
