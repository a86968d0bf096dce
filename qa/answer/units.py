"""Answer units: the sentences and table rows of retrieved passages that answers are made of,
and the small operations on them (overlap, joined citations, strongest per review) that span
selection, citation choice and sources answers share."""
from __future__ import annotations

from dataclasses import dataclass

from qa.models import Citation, Hit


@dataclass
class Unit:
    """One answerable piece of a retrieved passage."""

    hit: Hit
    start: int  # document offsets
    end: int
    text: str
    citations: list[Citation]
    tokens: set[str]
    context: set[str]  # tokens of the unit, its section title and the sentence before (scoring)
    vector_row: int | None
    score: float = 0.0
    topic: set[str] | None = None  # what the unit is about (for *sources*; stricter than context)
    dense: float = 0.0  # cosine between the unit and the question
    joined: tuple[int, float] | None = None  # (offset, score) of a next sentence joined by its score
    shape: float = 0.5  # answer-type match (qa.answer.focus.answer_type): 1 has the asked shape, 0 lacks it


def strongest_per_review(units: list[Unit], k: int) -> list[Unit]:
    """The k strongest units taken in turns across reviews (each review's best first), so a
    bound on the answer cannot hide every study of the second review behind the first's."""
    queues: dict[str, list[Unit]] = {}
    for u in sorted(units, key=lambda u: -u.score):
        queues.setdefault(u.hit.passage.doc_id, []).append(u)
    out: list[Unit] = []
    while len(out) < k and any(queues.values()):
        for queue in queues.values():
            if queue and len(out) < k:
                out.append(queue.pop(0))
    return out


def joined_cites(u: Unit, best: float, margin: float) -> bool:
    """Whether the sentence joined to `u` by its score carries citations (within `margin` of the best)."""
    return u.joined is not None and u.joined[1] >= best - margin


def overlaps(a: Unit, b: Unit) -> bool:
    return a.hit.passage.doc_id == b.hit.passage.doc_id and a.start < b.end and b.start < a.end
