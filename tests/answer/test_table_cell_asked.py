"""A question asking an attribute that is a table's column is answered by the row's cell (docs audit 26,
left open 2): read as a table question in the plural too, the rows of the first-stage candidates
re-scored, and a row holding the asked column's cell for the question's subject has the asked shape
(qa/retrieval/table_fields.py asked_field / states_field, qa/retrieval/retriever.py asked_rows), on the
real index."""
from __future__ import annotations

from qa.answer.answerer import Answerer
from qa.retrieval.question import classify
from qa.retrieval.table_fields import asked_field, states_field, table_fields
from qa.index.analyzer import tokenize
from qa.retrieval.retriever import Retriever

LUPUS_ROUTE = "What route was used for MSCs in the lupus trials?"


def _row(index, key: str) -> str:
    return next(p.text for p in index.passages if p.kind == "table_row" and key in p.text)


def test_a_column_asked_of_trials_is_a_table_question(index):
    fields = table_fields(index)
    assert classify(LUPUS_ROUTE, fields) == "table"
    assert classify("What route was used for MSCs in the lupus trial?", fields) == "table"  # as before
    # the trials asked, not a column of theirs: a sources question stays one
    assert classify("Which trials used the intravenous route?", fields) == "sources"
    # an attribute no column names is no table question, trials or not
    assert classify("What dose was used in the lupus trials?", fields) != "table"


def test_the_asked_field_is_the_attribute_when_a_column_names_it(index):
    fields = table_fields(index)
    assert asked_field(LUPUS_ROUTE, "table", fields) == ("route",)
    assert asked_field("What MSC source did Wu et al. use for acute GVHD according to Table 2?", "table",
                       fields) == ("msc", "source")
    assert asked_field(LUPUS_ROUTE, "fact", fields) == ()  # another kind asks no field


def test_a_row_states_the_field_by_its_cell_for_the_subject(index):
    liang = _row(index, "Liang et al. [116]")
    lazarus = _row(index, "Lazarus et al. [79]")
    lupus = set(tokenize("SLE"))

    def subject(values: set[str]) -> bool:
        return bool(lupus & values)

    assert states_field(("route",), liang, True, subject)
    assert not states_field(("route",), lazarus, True, subject)  # an HSCT trial's route is not the lupus trials'
    assert not states_field(("surface", "marker"), liang, True)  # a column of another table (Table 1)
    # a sentence states the field by naming it
    assert states_field(("route",), "MSCs were given by the intravenous route.", False)
    assert not states_field(("route",), "MSCs were infused in lupus patients.", False)


def test_the_rows_are_among_the_answers_passages(settings, index):
    """Both first-stage lists put the SLE rows below the lupus prose (they write 'SLE', and 'route'
    once): the second stage now re-scores them, so they are among the ten passages answered from."""
    hits = Retriever(settings, index=index).search(LUPUS_ROUTE, k=10)
    assert any(h.passage.kind == "table_row" and "Disease: SLE" in h.passage.text for h in hits)


def test_the_lupus_route_is_quoted_from_the_table(settings, index):
    answer = Answerer(retriever=Retriever(settings, index=index)).ask(LUPUS_ROUTE)
    assert answer.found
    assert any("Disease: SLE" in s.text and "Route: IV" in s.text for s in answer.spans)
    assert "names a route" not in answer.caution


def test_the_field_read_once_with_the_kind_ranks_as_when_read_again(settings, index):
    """The answerer reads the asked field once with the question's kind (`Query.table_field`); the
    second stage and the span scores use it, and a query searched on its own reads it itself."""
    retriever = Retriever(settings, index=index)
    query = retriever.query_from(LUPUS_ROUTE, None)
    field = asked_field(LUPUS_ROUTE, "table", table_fields(index))
    carried = query.with_kind("table", field)
    assert carried.table_field == ("route",) and query.with_kind("table").table_field is None
    assert [h.passage.id for h in retriever.search(carried, k=10)] == \
        [h.passage.id for h in retriever.search(query.with_kind("table"), k=10)]
