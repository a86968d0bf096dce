"""Does a follow-up's answer stay on the earlier question's topic?

"Which sources were used for SLE?" then "and in children?" asks about lupus in children. The
follow-up's own words ("children") pick the sentence, so without a check the answer can be a
sentence about children with GVHD: on the new words, off the conversation's topic. This module
measures how close the answer's passage is to the earlier question, against how close the
passages that answer the earlier question itself are:

- `reference`: the best cosine between the earlier question and a sentence of the passages it
  retrieves on its own (what "on that topic" looks like in this corpus);
- `topical`: the best cosine between the earlier question and a sentence of the passage the
  follow-up's answer comes from.

A passage whose `topical` falls more than `AnswerSettings.followup_topic_margin` below
`reference` is off the earlier topic. Cosines relative to the corpus's own best, not a word
list, so the check means the same on any article (the margin is chosen on dev + blind-dev).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qa.answer.units import Unit


@dataclass
class TopicCheck:
    """How close a follow-up's candidate passages are to the earlier question's topic."""

    reference: float  # best earlier-question cosine among the earlier question's own passages
    by_passage: dict[str, float]  # passage id -> best earlier-question cosine of its sentences


def best_by_passage(units: list[Unit], vectors, question_vector: np.ndarray) -> dict[str, float]:
    rows = [u.vector_row for u in units if u.vector_row is not None]
    if not rows:
        return {}
    cosines = np.asarray(vectors[rows], dtype=np.float32) @ question_vector
    out: dict[str, float] = {}
    for u, c in zip((u for u in units if u.vector_row is not None), cosines):
        pid = u.hit.passage.id
        out[pid] = max(out.get(pid, -1.0), float(c))
    return out


def check_topic(answerer, context: str, units: list[Unit], depth: int, mode: str,
                docs) -> TopicCheck:
    """The earlier question (`context`) against its own passages and the follow-up's units."""
    retriever = answerer.retriever
    earlier = retriever.query_from(context)
    vector = retriever.query_vector(earlier)
    own = answerer.units(retriever.search(earlier, k=depth, mode=mode, docs=docs))
    vectors = answerer.index.sentence_vectors
    reference = max(best_by_passage(own, vectors, vector).values(), default=-1.0)
    return TopicCheck(reference, best_by_passage(units, vectors, vector))


def off_topic_note(answerer, query, units: list[Unit], mode: str, docs) -> str:
    """'' when the follow-up's best unit is on the earlier question's topic (or the check is
    off); else the line that tells the user why the follow-up is not answered."""
    st = answerer.settings.answer
    if not (query.context and units and st.followup_topic_ratio > 0):
        return ""
    best = units[0]
    own = [u for u in units if u.hit.passage.id == best.hit.passage.id]
    check = check_topic(answerer, query.context, own, st.followup_topic_depth, mode, docs)
    topical = check.by_passage.get(best.hit.passage.id, -1.0)
    if check.reference <= 0 or topical >= st.followup_topic_ratio * check.reference:
        return ""
    return (f"The closest passage to this follow-up is not about the earlier question's topic "
            f"(\"{query.context}\").")
