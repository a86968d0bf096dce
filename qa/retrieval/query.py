"""A question parsed once: every layer (BM25, dense, answer scoring, refusal) reads this value.

Before, each layer re-validated, re-tokenised and re-expanded the raw string (one `ask` ran the
expander four times); a `Query` is built once by `Retriever.parse` and passed down.
"""
from __future__ import annotations

import re
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
    context: str = ""  # the earlier question this one was read with (follow-ups), else ""
    context_tokens: list[str] = field(default_factory=list)  # its words this question lacks

    @property
    def dense_text(self) -> str:
        """What the dense encoder embeds: the question plus its expansion phrases (and the
        earlier question when this one is read as its follow-up)."""
        text = self.expansion.text if self.expand else self.text
        return f"{text} ({self.context})" if self.context else text

    @property
    def bm25_tokens(self) -> list[str]:
        return (self.expansion.tokens if self.expand else self.tokens) + self.context_tokens

    @property
    def bm25_weights(self) -> list[float] | None:
        if not self.expand and not self.context_tokens:
            return None
        own = self.expansion.weights(self.expansion_weight) if self.expand else [1.0] * len(self.tokens)
        return own + [self.expansion_weight] * len(self.context_tokens)

    @property
    def expansion_tokens(self) -> list[str]:
        """Tokens expansion added (not in the question itself)."""
        return self.expansion.expansion_tokens if self.expand else []

    def with_kind(self, kind: str) -> "Query":
        return replace(self, kind=kind)


# A question that leans on the one before it: it opens like a continuation ("and in children?",
# "what about ...") or points back at what was asked ("those sites", "these patients").
POINTS_BACK = re.compile(r"\b(?:those|these|them|they|their|such|the same)\b", re.I)
_LEANS_BACK = re.compile(r"^\s*(?:and|or|but|also|then|so|what about|how about|same)\b|" + POINTS_BACK.pattern, re.I)
FEW_CONTENT_WORDS = 3


def needs_context(text: str, tokens: list[str]) -> bool:
    """Should a follow-up be read with the earlier question? When it has few content words of
    its own, or its wording leans back on what was asked before."""
    return len(set(tokens)) <= FEW_CONTENT_WORDS or bool(_LEANS_BACK.search(text))
