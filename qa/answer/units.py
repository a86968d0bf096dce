"""Answer units: the sentences and table rows of retrieved passages that answers are made of,
and the small operations on them (overlap, joined citations, strongest per review) that span
selection, citation choice and sources answers share."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from qa.models import Citation, Hit, Passage


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
    borrowed: float = 0.0  # share of the question's terms the unit covers only through the sentence before it
    before: tuple[int, float] | None = None  # (end offset, score) of the sentence before, joined as its topic
    # an uncited sentence that goes on describing a study the question names: that study's citation
    describes: list[Citation] = field(default_factory=list)
    lead_in: bool = False  # it only announces what the question asks (qa.answer.lead_in)
    context_only: bool = False  # shown, not cited: a sources answer's sentence below its citation floor
    heading: frozenset[str] = frozenset()  # its section title's tokens it does not say itself (qa.answer.span_order.coverages)
    forms: float = 0.0  # share of the question's terms it holds only in another form ("cytoplasmic" for "cytoplasm")
    other_names: float = 0.0  # share it names only by the name's other form, "OI" for "osteogenesis imperfecta" (qa.answer.forms)
    mismatched: bool = False  # it names another phase / row value than the question's (qa.answer.row_match)


def strongest_per_review(units: list[Unit], k: int, in_order: bool = False) -> list[Unit]:
    """The k strongest units taken in turns across reviews (each review's best first), so a
    bound on the answer cannot hide every study of the second review behind the first's.
    `in_order`: each review's units, and the reviews, in the answer's own order rather than by
    score, so a span a rule put first (the Methods for a procedure question, a finding's Results)
    stays first whatever `--k` (documentation audit 30: `--k 1` showed the sentence it had displaced)."""
    queues: dict[str, list[Unit]] = {}
    for u in (units if in_order else sorted(units, key=lambda u: -u.score)):
        queues.setdefault(u.hit.passage.doc_id, []).append(u)
    out: list[Unit] = []
    while len(out) < k and any(queues.values()):
        for queue in queues.values():
            if queue and len(out) < k:
                out.append(queue.pop(0))
    return out


def citations_in(p: Passage, start: int, end: int) -> list[Citation]:
    """The passage's citations lying wholly between two document offsets (a sentence, a join)."""
    return [c for c in p.citations if c.start >= start and c.end <= end]


def joined_cites(u: Unit, best: float, margin: float) -> bool:
    """Whether the sentence joined after `u` by its score carries citations (within `margin` of the best)."""
    return u.joined is not None and u.joined[1] >= best - margin


def before_cites(u: Unit, best: float, margin: float) -> bool:
    """Whether the sentence joined before `u` as its topic carries citations (within `margin` of the best)."""
    return u.before is not None and u.before[1] >= best - margin


def extra_places(u: Unit, best: float, margin: float) -> int:
    """The answer places a joined span takes beyond its own: one when a joined sentence cites (at most
    one: a first span joined on both sides, `join_prefer_before` 'both', leaves the answer room for
    another span, as a two-sentence span does)."""
    return min(1, int(joined_cites(u, best, margin)) + int(before_cites(u, best, margin)))


def overlaps(a: Unit, b: Unit) -> bool:
    return a.hit.passage.doc_id == b.hit.passage.doc_id and a.start < b.end and b.start < a.end


def value_first(units: list[Unit], states: Callable[[str], bool], margin: float) -> list[Unit]:
    """The units (best first) with the best one stating the asked value (`states`: a number in the unit
    the question asks, qa.answer.focus.states_asked) moved first when the best lacks it and that one
    scores within `margin` of it: on a near tie, the sentence giving the response rate answers "...
    and what response rate?" before one giving a count ("seven of 12 patients")."""
    if margin <= 0 or not units or states(units[0].text):
        return units
    near = next((u for u in units[1:] if u.score >= units[0].score - margin and states(u.text)), None)
    return units if near is None else [near, *(u for u in units if u is not near)]


def named(alts: list[list[str]], tokens: set[str]) -> bool:
    """Whether a unit's tokens name one concept (any of its forms, each written whole)."""
    return any(alt and all(t in tokens for t in alt) for alt in alts)


def concept_coverage(concepts: list[list[list[str]]], terms: dict[str, float], tokens: set[str],
                     of: list[list[list[str]]] | None = None) -> float:
    """Idf-weighted share of the question's concepts (`Query.concepts` less form words: each a list of
    token alternatives, the phrase as asked first) that a unit names, each concept once whichever form
    the unit writes. Term coverage counts a concept once per form it matches, so a sentence writing
    "natural killer (NK)" seemed to name more of "Can NK cells lyse MSCs?" than one writing "NK" alone.
    A concept weighs its asked form's heaviest term (0 without concepts). `of`: the share is of these
    concepts' weight (default: `concepts`' own), so a subset is read as a share of the whole question."""
    def weight(alts: list[list[str]]) -> float:
        return max((terms.get(t, 0.0) for t in alts[0]), default=0.0)

    total = sum(weight(a) for a in (concepts if of is None else of))
    found = sum(weight(a) for a in concepts if named(a, tokens))
    return found / total if total else 0.0
