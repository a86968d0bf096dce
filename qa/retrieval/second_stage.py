"""The second stage of hybrid retrieval: the fused top N re-scored by sentence-level evidence.

What the question asks decides how a candidate is read (`qa.retrieval.rerank` scores it): its kind
and focus, a measure with its unit, a procedure's Methods part, a figure it names, a table field it
asks (`asked_rows`), a defined term (`defined_terms`). Kept apart from `qa.retrieval.retriever`,
which takes the two first-stage rankings and fuses them, so each module holds one step.
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from qa.retrieval import hedge, measure, rerank
from qa.retrieval.evidence import Evidence
from qa.retrieval.priors import named_figures, names_figure, stating_more
from qa.retrieval.query import Query

if TYPE_CHECKING:  # pragma: no cover
    from qa.index.load import Index
    from qa.retrieval.retriever import Retriever


def second_stage(retriever: Retriever, query: Query, fused: list[tuple[int, float]],
                 depth: int) -> tuple[list[tuple[int, float]], int]:
    """The fused top `depth` re-ordered by sentence-level evidence (qa.retrieval.rerank);
    returns the ranking and how many items at its head were re-scored."""
    st = retriever.settings.retrieval
    reader = retriever.evidence_reader
    extra = [*query.expansion_tokens]
    if query.context_weight is None:
        extra += query.context_tokens
    if st.bridge_rerank:  # the bridged library words count in the sentence coverage too
        extra += [t for t, _ in query.bridged]
    terms = reader.terms(list(dict.fromkeys(query.tokens)), extra, st.expansion_weight)
    if query.context_weight is not None:  # the earlier question's words at their own weight
        carried = reader.terms([], query.context_tokens, query.context_weight)
        terms.update({t: w for t, w in carried.items() if t not in terms})
    if query.aside:  # the words of a clause the question sets aside ("apart from X, ...")
        terms = {t: w * query.aside_weight if t in query.aside else w for t, w in terms.items()}
    vector = retriever.query_vector(query)
    cosines = reader.cosines_of(vector)  # the pool and the read share them
    fused, depth = rerank.widen(fused, depth, cosines, st.rerank_sentence_pool)
    fused, depth = asked_rows(retriever, query, fused, depth)
    first = dict(fused[:depth])
    weights = (st.rerank_first_weight, st.rerank_cosine_weight, st.rerank_sentence_weight,
               st.rerank_context_weight, st.rerank_focus_weight)
    focus, required, procedure = None, False, False
    if st.rerank_procedure_weight or st.rerank_focus_weight or st.rerank_requirement_penalty \
            or st.rerank_hedge_penalty or st.rerank_methods_bonus:
        from qa.retrieval.question import kind_of

        kind = query.kind or kind_of(query, retriever.index)
    if st.rerank_procedure_weight or st.rerank_methods_bonus:
        from qa.retrieval.protocol import asks_procedure

        procedure = asks_procedure(query.text, kind)
    if st.rerank_focus_weight or st.rerank_requirement_penalty:
        from qa.retrieval.sentence_focus import focus_match

        required = bool(st.rerank_requirement_penalty) and rerank.requires(
            kind, query.text, st.rerank_definition_requirement, st.rerank_yesno_requirement,
            st.rerank_number_requirement)

        defined = defined_terms(retriever.index, query.text) if kind == "definition" else None

        unit = measure.value_unit(kind, query.text) if st.rerank_value_focus else None

        def focus(text: str, cited: bool, table_row: bool) -> float:
            found = focus_match(kind, query.text, text, is_table_row=table_row, cited=cited, terms=defined)
            return found or float(unit is not None and measure.states_value(query.text, text, unit))

        if measure.asks_measure(kind, query.text, unit):  # a measure asked: its focus is precise
            weights = measure.value_weights(weights, st.rerank_value_focus_weight)
    finding = bool(st.rerank_hedge_penalty) and hedge.asks_finding(kind)
    # a question naming a figure asks what its legend says (qa.retrieval.priors): the legend of the
    # figure it names by number gains what a legend loses; a figure named without a number leaves
    # every legend undemoted
    figures = named_figures(query.text)
    legend = st.rerank_legend_penalty if figures or not names_figure(query.text) else 0.0

    def evidence(rows: list[int]) -> list[Evidence]:
        read = reader.read(rows, [first[r] for r in rows], vector, terms, focus, required, procedure,
                           cosines, finding, figures)
        if procedure and st.rerank_methods_bonus:  # the article's own Methods, for a question on how it was done
            from qa.retrieval.section_role import in_methods

            read = [replace(e, methods=in_methods(retriever.index, retriever.index.passages[r])) for e, r in zip(read, rows)]
        if not (legend and st.rerank_legend_new_terms and terms):
            return read
        # a legend holding a question word its article's running text (as re-scored) lacks keeps its score
        held = [terms.keys() & set().union(*reader.sentence_tokens(r)[0]) for r in rows]
        docs = [retriever.index.passages[r].doc_id for r in rows]
        more = stating_more(held, [e.legend for e in read], docs)
        return [replace(e, legend=False) if m else e for e, m in zip(read, more)]

    return rerank.rerank(
        fused, evidence, depth, weights, legend, st.rerank_requirement_penalty,
        st.rerank_back_matter_penalty, st.rerank_procedure_weight, st.rerank_hedge_penalty,
        st.rerank_methods_bonus)


def asked_rows(retriever: Retriever, query: Query, fused: list[tuple[int, float]],
               depth: int) -> tuple[list[tuple[int, float]], int]:
    """The head to re-score, with every table row of the first-stage candidates below it when the
    question asks a table's field as its attribute ("What route was used in the lupus trials?":
    qa.retrieval.table_fields.asked_field). A row names its trial by the table's own wording ("SLE")
    and each field by one word ("Route"), so both first-stage lists put it below the prose on the
    topic ("lupus"); the second stage reads it as a row, which a table question requires."""
    from qa.retrieval.question import kind_of
    from qa.retrieval.table_fields import asked_field, table_fields

    if len(fused) <= depth:
        return fused, depth
    field = query.table_field  # read once by the answerer; a query searched on its own reads it here
    if field is None:
        field = asked_field(query.text, query.kind or kind_of(query, retriever.index), table_fields(retriever.index))
    if not field:
        return fused, depth
    return rerank.lifted(fused, depth, [i for i in range(depth, len(fused))
                                        if retriever.index.passages[fused[i][0]].kind == "table_row"])


def defined_terms(index: Index, question: str) -> tuple[str, ...]:
    """What a definition question asks about, with the other written form each has in the
    articles' glossaries (qa.retrieval.defining)."""
    from qa.retrieval.defining import asked_terms, with_abbreviations

    return with_abbreviations(asked_terms(question), index.glossaries)
