"""A question parsed once: every layer (BM25, dense, answer scoring, refusal) reads this value.

Before, each layer re-validated, re-tokenised and re-expanded the raw string (one `ask` ran the
expander four times); a `Query` is built once by `Retriever.parse` and passed down.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from qa.retrieval.expand import Expansion


@dataclass
class Query:
    """Validated text, its tokens, expansion, dense text, concepts and (lazily) its vector."""

    text: str
    tokens: list[str]
    expansion: Expansion
    expand: bool
    expansion_weight: float
    concepts: list[list[list[str]]]
    kind: str | None = None
    vector: np.ndarray | None = field(default=None, repr=False)

    @property
    def dense_text(self) -> str:
        """What the dense encoder embeds: the question plus its expansion phrases."""
        return self.expansion.text if self.expand else self.text

    @property
    def bm25_tokens(self) -> list[str]:
        return self.expansion.tokens if self.expand else self.tokens

    @property
    def bm25_weights(self) -> list[float] | None:
        return self.expansion.weights(self.expansion_weight) if self.expand else None

    @property
    def expansion_tokens(self) -> list[str]:
        """Tokens expansion added (not in the question itself)."""
        return self.expansion.expansion_tokens if self.expand else []

    def with_kind(self, kind: str) -> "Query":
        return replace(self, kind=kind)
