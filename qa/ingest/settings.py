"""Settings of the ingestion stage: how texts become passages.

One stage group of `qa.settings.Settings` (`settings.ingest.passage_max_words`, `QA_PASSAGE_MAX_WORDS`).
Kept in the ingestion package, which is part of the index's code fingerprint
(`qa.index.fingerprints.BUILD_CODE`): every field here shapes what a build holds, and
`Settings.index_settings()` keys the built index on them.
"""
from __future__ import annotations

from pydantic import BaseModel, Field, model_validator

from qa.models import STRICT_SETTINGS as _STRICT


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
