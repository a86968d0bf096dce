"""A question asking whether something is so, or how two things compare, asks for a finding.

"Do APOBEC mutations actually go up in unmethylated stretches of DNA?", "Do the worms without
ADARs cope worse with heat shock than normal worms?", "Have genetically engineered MSCs been
tested on cancer patients yet?": the passage that names the question's words most often is a
Discussion or closing paragraph weighing the topic ("..., speculatively, might contribute to
...", "Future research aimed at determining the susceptibility of ADAR mutants ...", "The
development of such safety mechanisms ... may ..."), while the finding ("also showed a 35%
increase", "only 10% of adr mutant animals die", "have not yet been reported") is stated in a
sentence sharing fewer of them. A sentence that speculates, proposes or defers (`HEDGE`: the
epistemic modals and the words of conjecture and of work still to do) restates the question
rather than answering it.

`hedged` reads the candidate's best-covering sentence (the one the second stage's `sentence`
signal scores); for a *yesno* or *comparison* question (`asks_finding`) such a candidate loses
`rerank_hedge_penalty` z units, like a legend: demoted, not removed, so it still comes first when
nothing that states a finding is near it. "could not" states an inability that was observed ("most
cells could not be reverted"), not a conjecture; "would" and "whether" are left out (reported
speech, the opening of a finding: "Whether CB contains MSCs has been of interest ... CB contains
MSCs, but ...").
"""
from __future__ import annotations

import re
from collections.abc import Sequence

# epistemic modals; conjecture; work still to do
HEDGE = re.compile(r"\b(?:might|may|could(?!\s+not\b)|possibl\w*|perhaps|speculat\w*|hypothes\w*"
                   r"|future|remains?\s+to\s+be|warrant\w*)\b", re.I)

# the question kinds asking for a finding about what they name (qa.retrieval.question.classify)
FINDING_KINDS = frozenset({"yesno", "comparison"})


def asks_finding(kind: str | None) -> bool:
    """Does a question of this kind ask whether something is so, or how two things compare?"""
    return kind in FINDING_KINDS


def is_hedged(text: str) -> bool:
    """Does a sentence speculate, propose or defer (`HEDGE`) rather than state a finding?"""
    return HEDGE.search(text) is not None


def hedged(coverages: Sequence[float], texts: Sequence[str]) -> bool:
    """Is the best-covering sentence (the first of equals) hedged? False without sentences."""
    if not coverages:
        return False
    best = max(range(len(coverages)), key=coverages.__getitem__)
    return is_hedged(texts[best])
