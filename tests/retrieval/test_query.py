"""When a follow-up is read with the question before it."""
from __future__ import annotations

from qa.index.analyzer import tokenize
from qa.retrieval.query import needs_context


def test_short_or_backward_pointing_questions_need_the_previous_one():
    for q in ("and in children?", "what about the dose?", "how many of those sites are still bound?"):
        assert needs_context(q, tokenize(q)), q
    q = "What surface markers do human bone marrow MSCs express in culture?"
    assert not needs_context(q, tokenize(q))
