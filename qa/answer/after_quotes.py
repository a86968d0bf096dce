"""The refusals read once an answer's quotes are chosen: a weak match whose quotes miss what the
question asks (the attribute, the number, the unit, a name no article uses, an unreported element)
is refused after all, saying why.

Apart from qa.answer.answerer because each rule reads the chosen quotes and the confidence only,
never the ranking or the span choice that made them: the answerer asks once, after `select`.
"""
from __future__ import annotations

from qa.answer.abbreviations import refused_names
from qa.answer.unstated import unstated
from qa.answer.counts import as_read, count_unstated, counted_unnamed
from qa.answer.named_unit import unit_unstated
from qa.retrieval.question import asks_whether
from qa.answer.quantity import unstated_quantity
from qa.answer.units import Unit
from qa.answer.unreported import refusal_note
from qa.answer.written import names_line
from qa.models import Hit
from qa.retrieval.query import Query


def attribute_gap(answerer, asked: str, kind: str, confidence: float, quotes: list[str]) -> str:
    """The asked attribute as written when a weak match's quotes never name it and the answer is refused
    for it ('' otherwise): below `attribute_refusal_below` any attribute ("median age"), below
    `quantity_attribute_refusal_below` only a quantity (qa.answer.quantity)."""
    st = answerer.settings.answer
    gap = unstated(asked, kind, quotes, answerer.retriever.expander.concepts) \
        if confidence < max(st.attribute_refusal_below, st.quantity_attribute_refusal_below) else ""
    if gap and confidence >= st.attribute_refusal_below and not unstated_quantity(
            answerer.index, asked, kind, quotes, st.quantity_attribute_share):
        gap = ""  # above the band only a measurement ("gestational age"), not a category ("what parts")
    return gap


def refused_after_quotes(answerer, query: Query, asked: str, kind: str, confidence: float,
                         chosen: list[Unit], hits: list[Hit] = ()) -> str:
    """Why a weak match is refused once its quotes are chosen ('' when it is not): below
    `attribute_refusal_below` none of them names the attribute asked ("median age", "half-life":
    qa.retrieval.attribute), or below `quantity_attribute_refusal_below` when that attribute is a quantity
    (qa.answer.quantity); below `absent_name_refusal_below` the question names what no article uses
    ("Holter", "CXCR7": qa.answer.abbreviations), below `absent_name_yesno_refusal_below` when it asks
    whether something holds; a weak yes/no naming a rare word the quoted articles
    never write, or a follow-up adding an element no quote names (qa.answer.unreported)."""
    st = answerer.settings.answer
    quotes, doc_ids = [u.text for u in chosen], {u.hit.passage.doc_id for u in chosen}
    gap = attribute_gap(answerer, asked, kind, confidence, quotes)
    if gap:
        return f"The passages found are on the topic, but none states the {gap} asked for."
    if confidence < st.count_unstated_refusal_below and count_unstated(asked, kind, quotes):
        return ("The passages found are on the topic, but none states the number asked for: their numbers "
                "measure something else (times, doses, sizes) or are years.")
    counted = counted_unnamed(as_read(asked, query.read_as), kind, quotes) if confidence < st.counted_unnamed_refusal_below else ""
    if counted:
        return f"The passages found are on the topic, but none names the {counted} the question counts."
    unit = unit_unstated(asked, kind, quotes) if confidence < st.named_unit_refusal_below else ""
    if unit:
        return f"The passages found are on the topic, but none states a value in {unit}, the unit the question asks in."
    whether = confidence < st.absent_name_yesno_refusal_below and asks_whether(asked)
    near = [h.passage.text for h in hits]  # an abbreviation written out where the search found it
    unused = refused_names(answerer, asked, query.read_as, quotes, doc_ids, near) \
        if confidence < st.absent_name_refusal_below or whether else []
    if unused:
        if whether:
            return names_line(answerer, unused, ", which the question asks about; the corpus cannot say whether it holds.",
                              " The corpus cannot say whether it holds.")
        return names_line(answerer, unused, ", which the question names; the passages found are about something else.",
                          " The passages found are about something else.")
    return refusal_note(answerer, query, asked, kind, confidence, quotes, doc_ids)
