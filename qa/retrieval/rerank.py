"""Second stage: re-score the fused top-N passages with sentence-level evidence the index stores.

The first stage ranks whole passages; a passage that holds the one sentence stating the answer
can sit below a passage that mentions the question's words across several sentences, and a
passage that starts mid-argument lacks words its heading and neighbours carry. The N
candidates are the fused top N and, wherever fusion put them, the candidates of either list whose
best sentence is among the `sentence_pool` nearest the question (`widen`: an answer worded unlike
the question, in a passage whose other sentences are on other things, is low in both lists). For
each of them (N and the pool fixed, so the cost does not grow with the corpus) four signals are read:

- `first`: the first-stage (fused) score;
- `cosine`: the best cosine between the question vector and the passage's answer-unit
  (sentence) vectors, stored at build time;
- `sentence`: the idf-weighted share of the question's terms that its best sentence holds,
  together with the passage's section heading;
- `context`: the same share for the passage, its heading and its neighbouring passages of the
  same document (read from the BM25 postings: nothing is tokenised for it);
- `focus`: the best sentence's share, doubled when that sentence also has what the question
  asks for (`qa.retrieval.sentence_focus.focus_match`: a number of the asked unit, a citation, an
  assertion, ...): a sentence that covers the question *and* states the asked kind of fact.

One prior is added in z units, not standardised: a figure legend (a text passage that opens as
a caption, "Figure 3.", "Fig. 2 Title", "(G) Heatmap ...") loses `legend_penalty`; the legend of
a figure the question names by number ("Looking at Figure 1, ...") gains as much (`named`), and a
question naming a figure without a number demotes no legend (qa.retrieval.priors). A legend names
what a panel shows, with the question's words and few others, and wins every signal; the finding
is stated in the running text. On the research articles' blind-dev questions no gold passage
was a legend and legends were the first hit of 8 of 43 misses (evals/README.md).

A second prior, `requirement_penalty`, is for the question kinds whose focus is not a hint but
the answer itself (`requires`): a *sources* question asks for the studies behind a statement, so
a passage none of whose sentences cites anything cannot answer it (an abstract restating the
finding without references); a *table* question asks for a trial-table row; a *definition*
question that names its term ("What is MK-D1?", "What is the 'three-allele library' ...?") asks for
the sentence introducing it. Two more requirements can be turned on (`rerank_number_requirement`,
`rerank_yesno_requirement`; off by default: on fresh blind questions they moved none to rank 1
and each lost one, evals/README.md, sixteenth session): a *number* question a sentence stating a
number of the asked unit (an abstract or discussion restating the topic has none); a *yes/no*
question, asking whether something is so, a sentence that affirms or denies (no negation, no
"did", "showed", "found", ...: a Methods step such as "For all independence calculations, it
was first determined what proportion ..." cannot say). Such a candidate
loses `requirement_penalty` z units; like a legend it is demoted, not removed, and comes first
only when nothing that meets the requirement is near it.

A third prior, `back_matter_penalty`, is for a passage under a back-matter heading (`BACK_MATTER`:
code and data availability, supplementary files, declarations, author information): such a
section is about the paper, and names its topics without stating a finding (a code statement
naming the analysis it ran, a list of supplementary figure titles). It applies only when the
question shares no word with that heading, so "where is the code?" still finds the statement. On
the research articles' blind-dev questions no gold passage was back matter and back matter was the
first hit of 3 answerable questions (evals/README.md).

A sixth signal, `procedure`, is read only for a question asking how an experiment was done or
with what amounts (`qa.retrieval.protocol.asks_procedure`: "what dose ...", "how was X measured",
"which software was used"): the share of the candidate's sentences written as a laboratory step
(a passive past verb) or giving a lab measure. The Methods passage stating the protocol shares
fewer of the question's words than the Results and Discussion passages restating the topic; for
every other question the share is 0 for all candidates and standardises to nothing.

Another prior, `methods_bonus`, is for the same questions: a candidate lying in its research article's
own Methods part (the part headings the article prints, `qa.retrieval.section_role.in_methods`) gains it in
z units. A Results or Discussion paragraph restating the experiment shares more of the question's words
than the Methods paragraph stating the dose, the instrument or the route; a review has no Methods part.

A fourth prior, `hedge_penalty`, is for a yes/no or comparison question: a candidate whose
best-covering sentence speculates, proposes or defers restates the question rather than stating
the finding (`qa.retrieval.hedge`).

The signals are read from the index by `qa.retrieval.evidence.EvidenceReader` (one `Evidence` per
candidate); `combine` standardises each signal over the candidates (z-scores, as convex fusion does with
the two ranked lists) and adds them with the weights of the `rerank_*` settings, chosen on the
dev and blind-dev splits (evals/README.md).
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from qa.retrieval.evidence import Evidence
from qa.retrieval.question import asks_whether

SIGNALS = ("first", "cosine", "sentence", "context", "focus")
# question kinds whose focus (`focus_match`) the answer cannot do without: a citation for a
# sources question, a table row for a table question (see the module docstring; `requires` adds
# the definition and yes/no questions it reads)
REQUIRED = frozenset({"sources", "table"})


def requires(kind: str, question: str, definitions: bool = True, assertions: bool = True,
             numbers: bool = True) -> bool:
    """Can the question not be answered without its focus? Sources and table questions always
    (`REQUIRED`); a definition question (`definitions`) when it names the term it asks about,
    quoted or as the short subject of "what is ..." (qa.retrieval.defining reads it): a passage none
    of whose sentences introduces that term cannot define it. A definition kind read from a longer
    question ("What does the Kim review say must be standardised for MSC therapy?") is the
    classifier's guess and requires nothing. A yes/no question (`assertions`) needs a sentence that
    affirms or denies (`ASSERTION`), unless it is worded as a comparison ("... worse than ...?",
    `CONTRAST`): two figures side by side ("20% of wildtype animals die ... only 10% of adr
    mutants") answer that without an asserting verb. A number question (`numbers`) needs a
    sentence stating a number of the asked unit ("How big is ...?" a length, "how many" a count),
    unless it asks whether (`question.asks_whether`, also in its last clause after a scene-setting
    phrase): "Were response rates ... as good ...?" reads as a number question by its measure and is
    answered by "... were higher in aGVHD than cGVHD patients"."""
    if kind in REQUIRED:
        return True
    if kind == "yesno":
        from qa.retrieval.sentence_focus import CONTRAST

        return assertions and not CONTRAST.search(question)
    if kind == "number":
        return numbers and not asks_whether(question)
    if kind != "definition" or not definitions:
        return False
    # the answer stage's own reading of the asked term (its quoted term, or its subject phrase)
    from qa.retrieval.defining import names_its_term

    return names_its_term(question)


_DIGITS = 12  # scores compared after rounding, so summation order cannot split ties


def standardise(values: Sequence[float]) -> list[float]:
    """z-scores (population std); all equal -> all 0, so a signal that cannot tell the
    candidates apart changes nothing."""
    if not values:
        return []
    mean = sum(values) / len(values)
    std = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
    if std <= 1e-12:
        return [0.0] * len(values)
    return [(v - mean) / std for v in values]


def combine(evidence: Sequence[Evidence], weights: Sequence[float],
            legend_penalty: float = 0.0, requirement_penalty: float = 0.0,
            back_matter_penalty: float = 0.0, procedure_weight: float = 0.0,
            hedge_penalty: float = 0.0, methods_bonus: float = 0.0) -> list[float]:
    """sum_s weights[s] * z_s(candidate), each signal standardised over the candidates, minus
    `legend_penalty` for a figure legend and `requirement_penalty` for a candidate that lacks
    what the question's kind requires and `back_matter_penalty` for back matter and
    `hedge_penalty` for a hedged best sentence (set only for a question asking a finding); plus
    `procedure_weight` times the standardised procedure share (0 for every candidate unless the
    question asks how something was done, qa.retrieval.protocol)."""
    if len(weights) != len(SIGNALS):
        raise ValueError(f"{len(weights)} weights for {len(SIGNALS)} signals {SIGNALS}")
    scores = [0.0] * len(evidence)
    for s, weight in enumerate(weights):
        if not weight:
            continue
        for i, z in enumerate(standardise([e.values()[s] for e in evidence])):
            scores[i] += weight * z
    if legend_penalty:
        scores = [v + legend_penalty if e.named else v - legend_penalty if e.legend else v
                  for v, e in zip(scores, evidence)]
    if requirement_penalty:
        scores = [v - requirement_penalty if e.lacks else v for v, e in zip(scores, evidence)]
    if back_matter_penalty:
        scores = [v - back_matter_penalty if e.back else v for v, e in zip(scores, evidence)]
    if hedge_penalty:
        scores = [v - hedge_penalty if e.hedged else v for v, e in zip(scores, evidence)]
    if methods_bonus:
        scores = [v + methods_bonus if e.methods else v for v, e in zip(scores, evidence)]
    if procedure_weight:
        for i, z in enumerate(standardise([e.procedure for e in evidence])):
            scores[i] += procedure_weight * z
    return scores


def rerank(ranked: list[tuple[int, float]], evidence_of: Callable[[list[int]], list[Evidence]],
           depth: int, weights: Sequence[float], legend_penalty: float = 0.0,
           requirement_penalty: float = 0.0,
           back_matter_penalty: float = 0.0, procedure_weight: float = 0.0,
           hedge_penalty: float = 0.0, methods_bonus: float = 0.0) -> tuple[list[tuple[int, float]], int]:
    """The first `depth` items of `ranked` re-ordered by `combine` (ties: first-stage order);
    the rest follow unchanged. Returns the new ranking and how many items were re-scored.

    Only the re-scored head carries combined scores; the tail keeps its first-stage scores,
    which are on another scale (callers compare scores within the head only)."""
    head = ranked[:depth]
    if len(head) < 2:
        return list(ranked), len(head)
    scores = combine(evidence_of([row for row, _ in head]), weights, legend_penalty, requirement_penalty,
                     back_matter_penalty, procedure_weight, hedge_penalty, methods_bonus)
    order = sorted(range(len(head)), key=lambda i: (-round(scores[i], _DIGITS), i))
    return [(head[i][0], scores[i]) for i in order] + list(ranked[len(head):]), len(head)


def widen(ranked: list[tuple[int, float]], depth: int, best_cosines: Callable[[list[int]], np.ndarray],
          n: int) -> tuple[list[tuple[int, float]], int]:
    """The head to re-score: the first `depth` of `ranked`, and after them (in first-stage order) the
    candidates below it whose best sentence is among the `n` nearest the question of the whole
    list (`best_cosines`, per row). A passage can state the answer in one sentence worded unlike
    the question (BM25 misses it) among sentences on other things (its passage vector is theirs
    too): both first-stage lists put it low, its sentence vector does not. Only `ranked` is read
    (both retrievers' candidates), so the cost does not grow with the corpus. Returns the
    reordered list and the head's new length."""
    if n <= 0 or len(ranked) <= depth:
        return ranked, depth
    cos = best_cosines([row for row, _ in ranked])
    nearest = set(np.argsort(-np.asarray(cos), kind="stable")[:n].tolist())
    return lifted(ranked, depth, [i for i in range(depth, len(ranked)) if i in nearest])


def lifted(ranked: list[tuple[int, float]], depth: int,
           below: list[int]) -> tuple[list[tuple[int, float]], int]:
    """`ranked` with its items at the positions `below` (each at or past `depth`, in order) moved up
    to just after its first `depth`, and the head's new length: the second stage re-scores them
    (`widen`; the table rows of `qa.retrieval.second_stage.asked_rows`)."""
    if not below:
        return ranked, depth
    moved = set(below)
    head = ranked[:depth] + [ranked[i] for i in below]
    return head + [item for i, item in enumerate(ranked) if i >= depth and i not in moved], len(head)
