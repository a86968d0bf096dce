"""Each reference listed on its own carries its own label (user trial 23: the chat's References
pane, its citing window, the copied text and `Answer.references` labelled the entries of a grouped
citation '(8–10) Giannouli', '(8–10) Jawad', ... so a slide could not tell them apart). The quote
itself still prints the group as the article does."""
from __future__ import annotations

import re

import pytest

import qa
from qa.app.tui_text import AnswerItem, citing_text, references_text, span_copy_text

pytestmark = pytest.mark.slow

QUESTION = "Which studies show MSCs prevent dendritic cell differentiation, maturation and activation?"


@pytest.fixture(scope="module")
def answer():
    return qa.ask(QUESTION)


def grouped_span(answer):
    return next(s for s in answer.spans if any(c.label == "[30-37]" for c in s.citations))


def test_the_library_labels_each_entry_of_a_grouped_citation_by_its_number(answer) -> None:
    refs = [r for r in answer.references if r.doc_id == "kim2013" and r.key in {str(n) for n in range(30, 38)}]
    assert [(r.key, r.label) for r in refs] == [(str(n), f"[{n}]") for n in range(30, 38)]
    assert any(c.label == "[30-37]" for c in grouped_span(answer).citations)  # the quote as printed


def test_the_chat_panes_and_copy_list_each_entry_under_its_own_number(answer) -> None:
    span = grouped_span(answer)
    item = AnswerItem(answer=answer, span=span)
    pane = references_text(item, selected=0).plain
    copied = span_copy_text(item)
    for n in range(30, 38):
        assert re.search(rf"^▶? *\[{n}\]  cited in kim2013$", pane, re.M), pane
        assert re.search(rf"^  \[{n}\] \S", copied, re.M), copied
    assert "[30-37]  cited" not in pane and "  [30-37] " not in copied
    citation = next(c for c in span.citations if c.key == "31")
    assert citing_text("kim2013", citation, None, []).plain.startswith("[31]  cited in kim2013")
