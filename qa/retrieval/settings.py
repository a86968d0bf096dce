"""Settings of the retrieval stage: how the BM25 and dense rankings are taken, fused and re-scored.

One stage group of `qa.settings.Settings` (`settings.retrieval.fusion`, `QA_FUSION`). Kept in the
retrieval package, outside the index's code fingerprint (`qa.index.fingerprints.BUILD_CODE`), as the
answer stage's `qa.answer.settings` is: nothing here shapes a build, so tuning a retrieval weight
never forces a rebuild.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from qa.models import STRICT_SETTINGS as _STRICT


class RetrievalSettings(BaseModel):
    """How the BM25 and dense rankings are taken and fused."""

    model_config = _STRICT
    fusion: Literal["convex", "rrf"] = Field(default="convex", description="Hybrid fusion: 'convex' or 'rrf'.")
    rrf_k: float = Field(default=60.0, gt=0.0, le=10000.0, description="Reciprocal rank fusion constant.")
    convex_weight: float = Field(
        default=0.3, ge=0.0, le=1.0, description="Weight of the dense score in convex fusion (BM25 gets 1-w)."
    )
    fusion_norm: Literal["minmax", "zscore"] = Field(
        default="zscore",
        description="How convex fusion puts BM25 and dense scores on one scale: 'minmax' (each list "
        "to [0, 1]) or 'zscore' (standardised per list: a hit far above its list's mean stays strong).",
    )
    diversity_ratio: float = Field(
        default=0.9, ge=0.0, le=1.0,
        description="A review absent from the top k gets one place for a passage scoring at least "
        "this fraction of the k-th score (0 disables).",
    )
    depth: int = Field(default=50, ge=1, le=100000, description="Candidates taken from each retriever.")
    rerank_depth: int = Field(
        default=20, ge=0, le=1000,
        description="Hybrid: the fused top-N passages re-scored by the second stage (qa.retrieval.rerank); "
        "0 turns it off. At least k are re-scored.")
    rerank_sentence_pool: int = Field(
        default=10, ge=0, le=1000,
        description="Second stage: the candidates of both first-stage lists whose best sentence is among the n "
        "nearest the question (stored sentence vectors) are re-scored too, wherever fusion ranked them "
        "(qa.retrieval.rerank.widen); 0 re-scores the fused top rerank_depth only.")
    rerank_first_weight: float = Field(
        default=1.5, ge=0.0, le=10.0, description="Second stage: weight of the first-stage (fused) score.")
    rerank_cosine_weight: float = Field(
        default=0.45, ge=0.0, le=10.0,
        description="Second stage: weight of the best sentence's cosine to the question.")
    rerank_sentence_weight: float = Field(
        default=0.6, ge=0.0, le=10.0,
        description="Second stage: weight of the question's idf-weighted term coverage by the best "
        "sentence with its section heading.")
    rerank_context_weight: float = Field(
        default=0.3, ge=0.0, le=10.0,
        description="Second stage: weight of the coverage by the passage, its heading and its "
        "neighbouring passages.")
    rerank_focus_weight: float = Field(
        default=0.2, ge=0.0, le=10.0,
        description="Second stage: weight of the best sentence's coverage doubled when it has what the "
        "question asks for (a number of the asked unit, a citation, an assertion; 0 disables).")
    rerank_legend_penalty: float = Field(
        default=3.0, ge=0.0, le=100.0,
        description="Second stage: subtracted (in z units) from a figure legend's combined score; a caption "
        "names what a panel shows, the running text states the finding (0 disables).")
    rerank_legend_new_terms: bool = Field(
        default=True,
        description="Second stage: a legend holding a question word that no running-text candidate of its "
        "article holds is not demoted by rerank_legend_penalty: it states what the text does not "
        "(qa.retrieval.priors.stating_more).")
    rerank_back_matter_penalty: float = Field(
        default=3.0, ge=0.0, le=100.0,
        description="Second stage: subtracted (in z units) from a passage under a back-matter heading "
        "(funding, data availability, supplementary files, declarations, ...) that shares no word with the "
        "question; such a section is about the paper, not its findings (0 disables).")
    rerank_requirement_penalty: float = Field(
        default=5.0, ge=0.0, le=100.0,
        description="Second stage: subtracted (in z units) from a candidate that lacks what the question's "
        "kind cannot be answered without (a citation for a sources question, a table row for a table "
        "question; 0 disables).")
    rerank_hedge_penalty: float = Field(
        default=3.0, ge=0.0, le=100.0,
        description="Second stage: subtracted (in z units) from a candidate whose best-covering sentence "
        "speculates, proposes or defers ('might', 'may', 'possibly', 'future', ...), for a yes/no or comparison "
        "question: such a sentence restates the question instead of stating the finding (qa.retrieval.hedge; "
        "0 disables).")
    rerank_definition_requirement: bool = Field(
        default=True,
        description="Second stage: a definition question that names its term (quoted, or the short subject of "
        "'what is ...') requires a sentence introducing it, as a sources question requires a citation: a "
        "candidate without one loses rerank_requirement_penalty.")
    rerank_yesno_requirement: bool = Field(
        default=False,
        description="Second stage: a yes/no question not worded as a comparison requires a sentence that asserts "
        "or denies (a negation, 'did', 'showed', 'found', 'observed', ...): a candidate without one (a Methods "
        "step, a legend) loses rerank_requirement_penalty. Off: on the fourth blind round's dev questions, which "
        "the helper who wrote it never saw, it lost a review's yes/no follow-up at rank 1 and gained nothing.")
    rerank_number_requirement: bool = Field(
        default=False,
        description="Second stage: a number question that does not open as a yes/no question requires a sentence "
        "stating a number of the asked unit (a count, a length, a temperature, ...): a candidate without one "
        "loses rerank_requirement_penalty. Off: on the fourth blind round's fresh dev questions it moved no "
        "question to rank 1, and it lost user trial 14's 'what dose was that?' follow-up (the passage stating "
        "'1x106 human UC-MSCs' left the candidates for one stating a prednisone dose).")
    rerank_value_focus: bool = Field(
        default=True,
        description="Second stage: a fact or list question naming a measure ('HU dose given to ...?', 'which "
        "antibiotics, and at what concentrations?') reads a sentence stating a number of that measure as having "
        "its focus, as a number question does (qa.retrieval.measure.value_unit).")
    rerank_value_focus_weight: float | None = Field(
        default=0.6, ge=0.0, le=10.0,
        description="Second stage: the focus weight for a question asking a measure written with a unit (a dose, "
        "concentration, temperature, volume, speed or length; a number question or a fact question naming it), "
        "taken from the sentence weight so their sum stays: such a value is a precise focus, where percentages, "
        "times and counts are in nearly every sentence (qa.retrieval.measure). None: rerank_focus_weight as for "
        "every question.")
    rerank_procedure_weight: float = Field(
        default=0.0, ge=0.0, le=10.0,
        description="Second stage: weight of the share of a candidate's sentences written as laboratory steps "
        "(a passive past verb) or giving a lab measure, for questions asking how an experiment was done or with "
        "what amounts (qa.retrieval.protocol); 0 disables. Off (1.0 before): chosen on rounds 1-3, where it won two "
        "PDF questions at rank 1, it lost two on the rounds written after it (6 and 7) and an answer hit; off, "
        "every dev and blind-dev figure holds or rises (evals/README.md, twenty-second session).")
    rerank_methods_bonus: float = Field(
        default=3.0, ge=0.0, le=10.0,
        description="Second stage: z units a candidate in its research article's own Methods part gains (the part "
        "headings the article prints, qa.retrieval.section_role.in_methods), for a question asking how an experiment "
        "was done or with what amounts (qa.retrieval.protocol.asks_procedure); 0 disables. 3 chosen on blind-dev "
        "PDF rounds 1-13 (hit@1 327 -> 329 of 436 at 3; 1, 2, 4, 5: 326, 328, 327, 326), as the legend and back-matter "
        "priors; a review has no Methods part (evals/README.md, thirty-sixth session).")
    bm25_burstiness: float = Field(
        default=0.0, ge=0.0, le=1.0,
        description="BM25 query words weighted by how their occurrences cluster (residual idf, "
        "qa.retrieval.burst): (1 - w) + w x clip(RIDF, 0, 1). 0 disables (default: on the reviews' own "
        "126-passage index it cost two blind-dev review questions; evals/README.md, twentieth session).")
    set_aside_weight: float = Field(
        default=0.3, ge=0.0, le=1.0,
        description="Weight (BM25 and second-stage terms) of the words of a clause a question opens by setting "
        "aside ('Apart from X, what other ...', 'Besides X, which ...'; qa.retrieval.query.set_aside); 1 "
        "disables.")
    hnsw_ef_search: int = Field(
        default=1024, ge=8, le=4096,
        description="HNSW search beam width (only for indexes above dense_exact_max passages). Measured "
        "(bench/growth.py, bench/README.md; M 32, efConstruction 80, distinct vectors): recall@10 at 100k "
        "0.964 / 0.989 for 256 / 512; at 1M 0.89-0.90 / 0.948-0.951 / 0.968 for 256 / 512 / 1024, the "
        "last in 3.0 ms p50 (one thread).")
    expand_queries: bool = Field(
        default=False, description="Glossary/synonym query expansion (off: it cost hit@1 on the dev splits, "
        "see evals/README.md).")
    expansion_weight: float = Field(
        default=0.5, ge=0.0, le=1.0, description="Weight of an expansion term relative to a question term."
    )
    followup_carry_weight: float | None = Field(
        default=0.5, ge=0.0, le=1.0,
        description="Weight of the earlier question's words in a follow-up's BM25 query and second-stage sentence "
        "terms, for a follow-up of at most followup_carry_words own content words (None: expansion_weight, as "
        "before). A longer follow-up names what it looks for itself and carries them at this x "
        "followup_carry_words / its own count (qa.retrieval.query.carried_weight): 'and for the monkey?' leans on "
        "the earlier question, 'how did they make sure the colonies counted came from the pathogen?' less.")
    followup_carry_words: int = Field(
        default=4, ge=0, le=20,
        description="Own content words up to which a follow-up carries the earlier question at "
        "followup_carry_weight in full (0: never scaled). 4 chosen on blind-dev follow-ups by round: 3 and 2 lose "
        "rounds 11-14, 5 loses round 13's gain (evals/README.md, twenty-eighth session).")
    bridge_weight: float = Field(
        default=0.0, ge=0.0, le=1.0, description="A question word no passage holds joins the BM25 query with its "
        "nearest library words in the embedding model's space, each at this weight times its cosine "
        "(qa.retrieval.bridge); 0 disables.")
    library_form_ratio: float = Field(
        default=0.0, ge=0.0, le=1000.0, description="A known phrase of the question whose glossary/synonym "
        "counterpart the library uses at least this many times as often is joined by that counterpart at the "
        "expansion weight (Expander.library_forms); 0 disables.")
    bridge_rerank: bool = Field(
        default=False, description="The bridged words (bridge_weight, library_form_ratio) also count in the second "
        "stage's term coverage, at the expansion weight.")
    bridge_floor: float = Field(
        default=0.6, ge=0.0, le=1.0, description="Lowest cosine of a bridged library word to the absent word.")
    bridge_top: int = Field(default=3, ge=1, le=50, description="Library words bridged per absent word.")
    library_names: bool = Field(
        default=True, description="A known phrase of the question that no passage holds is read as its "
        "glossary/synonym counterpart the library uses most ('scleroderma' -> 'systemic sclerosis', 'pts' -> "
        "'patients'); the answer says so (Expander.in_library_names).")
    library_spellings: bool = Field(
        default=True, description="A question word no passage holds is read in the other English spelling "
        "(British / American: ae / e, oe / e, -our / -or, -ise / -ize, -tre / -ter, -ll- / -l-, -logue / -log ...) "
        "that the most passages hold ('aetiology' -> 'etiology', 'behavioural' -> 'behavioral'); every later stage "
        "reads the question so and the answer says so (qa.retrieval.spelling_variants).")
