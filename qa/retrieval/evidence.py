"""The second stage's evidence of a candidate passage, read from a loaded index.

`EvidenceReader.read` gives each candidate row its `Evidence`: the signals `qa.retrieval.rerank`
standardises and weighs (the first-stage score, the best sentence cosine, the sentence and context
coverage of the question's terms, the focus) and the marks its priors read (a legend, a lacking
requirement, back matter, a procedure share, a hedged best sentence, a named figure, the Methods).
Apart from `rerank`, which combines them, because reading touches the index (sentence spans and
vectors, BM25 postings, passages) and combining is arithmetic over what was read; the answer stage
reads `coverage` too.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from qa.index.analyzer import tokenize
from qa.retrieval import hedge
from qa.retrieval.priors import figure_label, is_back_matter, is_legend
from qa.retrieval.protocol import procedure_share
from qa.retrieval.sentence_focus import without_citations


@dataclass(frozen=True)
class Evidence:
    """The signals of one candidate passage and the marks the priors read (`qa.retrieval.rerank`)."""

    first: float
    cosine: float
    sentence: float
    context: float
    focus: float = 0.0
    legend: bool = False  # a caption (see `is_legend`): the prior, not a standardised signal
    lacks: bool = False  # no unit has what a `REQUIRED` kind of question needs: the second prior
    back: bool = False  # back matter the question does not ask about (`is_back_matter`): the third prior
    procedure: float = 0.0  # share of its sentences that are lab steps, for a question on how it was done
    hedged: bool = False  # its best sentence speculates, for a question asking a finding (qa.retrieval.hedge)
    named: bool = False  # the legend of a figure the question names: gains what a legend loses
    methods: bool = False  # in its article's Methods, for a question asking how it was done: the Methods prior

    def values(self) -> tuple[float, float, float, float, float]:
        return self.first, self.cosine, self.sentence, self.context, self.focus


def coverage(terms: dict[str, float], tokens: set[str] | frozenset[str]) -> float:
    """Idf-weighted share of the question's terms present in `tokens` (0 without terms)."""
    total = sum(terms.values())
    return sum(w for t, w in terms.items() if t in tokens) / total if total else 0.0


class EvidenceReader:
    """Reads the four signals of candidate rows from a loaded index. Sentence token sets,
    heading tokens and term weights are cached (bounded): popular passages and words serve
    many questions."""

    CACHE = 20000

    def __init__(self, index) -> None:
        self.index = index
        # per row: unit token sets, legend?, unit texts, back-matter heading tokens (one passage read)
        self._rows: dict[int, tuple[list[frozenset[str]], bool, list[tuple[str, bool, bool]],
                                    frozenset[str] | None]] = {}
        self._headings: dict[str, frozenset[str]] = {}
        self._idf: dict[str, float] = {}

    def idf(self, token: str) -> float:
        value = self._idf.get(token)
        if value is None:
            if len(self._idf) > self.CACHE:
                self._idf.clear()
            value = self._idf[token] = self.index.bm25.idf(token)
        return value

    def terms(self, tokens: Sequence[str], extra: Sequence[str], extra_weight: float,
              idf_floor: float = 0.1) -> dict[str, float]:
        """The question's terms weighted by idf (floored: common words still count a little);
        expansion or follow-up terms weigh `extra_weight` of that. Words the corpus never uses
        are left out: no candidate can hold them."""
        terms = {t: max(self.idf(t), idf_floor) for t in tokens if self.idf(t) > 0}
        for t in extra:
            if t not in terms and self.idf(t) > 0:
                terms[t] = extra_weight * max(self.idf(t), idf_floor)
        return terms

    def heading(self, section: str) -> frozenset[str]:
        tokens = self._headings.get(section)
        if tokens is None:
            if len(self._headings) > self.CACHE:
                self._headings.clear()
            tokens = self._headings[section] = frozenset(tokenize(section)) if section else frozenset()
        return tokens

    def _row(self, row: int) -> tuple[list[frozenset[str]], bool, list[tuple[str, bool, bool]],
                                      frozenset[str] | None]:
        """What the signals read of a row, from one read of its passage (cached, bounded)."""
        cached = self._rows.get(row)
        if cached is None:
            if len(self._rows) > self.CACHE:
                self._rows.clear()
            p = self.index.passages[row]
            heading = self.heading(p.section)
            token_sets, units = [], []
            for _, s, e in self.index.sentences.spans(row):
                text = p.text[s - p.start:e - p.start]
                inside = [c for c in p.citations if s <= c.start < e]
                token_sets.append(frozenset(tokenize(text)) | heading)
                units.append((without_citations(text, s, inside), bool(inside), p.kind == "table_row"))
            back = heading if is_back_matter(p.section) else None
            cached = self._rows[row] = (token_sets, is_legend(p.kind, p.text), units, back)
        return cached

    def sentence_tokens(self, row: int) -> tuple[list[frozenset[str]], bool, list[tuple[str, bool, bool]]]:
        """Token sets of the answer units of a row, each with its section heading's tokens
        (tokenised on first use), whether the row is a figure legend, and per unit its text
        without citation labels, whether it cites, whether it is a table row (for `focus`)."""
        token_sets, legend, units, _ = self._row(row)
        return token_sets, legend, units

    def back_heading(self, row: int) -> frozenset[str] | None:
        """The heading tokens of a row under a back-matter section (`is_back_matter`), else None."""
        return self._row(row)[3]

    def context_coverage(self, terms: dict[str, float], rows: np.ndarray) -> np.ndarray:
        """Per row: the idf-weighted share of the terms in the row (its indexed text holds the
        section heading) or in the rows just before and after it of the same document."""
        total = sum(terms.values())
        if not total or rows.size == 0:
            return np.zeros(len(rows))
        codes = self.index.doc_codes
        near = np.clip(np.concatenate([rows, rows - 1, rows + 1]), 0, len(codes) - 1)
        same = np.asarray(codes[near]) == np.tile(np.asarray(codes[rows]), 3)
        bm25 = self.index.bm25
        out = np.zeros(len(rows))
        for term, weight in terms.items():
            present = (bm25.contains(term, near) & same).reshape(3, -1).any(axis=0)
            out += weight * present
        return out / total

    def best_cosines(self, rows: Sequence[int], vector: np.ndarray) -> np.ndarray:
        """Per row: the best cosine between the question vector and one of its answer units (the
        unit vectors stored at build time; 0 for a row without units)."""
        sentences = self.index.sentences
        array = np.asarray(rows, dtype=np.int64)
        lo, hi = np.asarray(sentences.indptr[array]), np.asarray(sentences.indptr[array + 1])
        out = np.zeros(len(array))
        if not len(array) or not (hi > lo).any():
            return out
        units = np.concatenate([np.arange(a, z) for a, z in zip(lo, hi)])
        cosines = np.asarray(self.index.sentence_vectors[units], dtype=np.float32) @ vector
        at = 0
        for i, count in enumerate((hi - lo).tolist()):
            if count:
                out[i] = float(cosines[at:at + count].max())
            at += count
        return out

    def cosines_of(self, vector: np.ndarray) -> Callable[[Sequence[int]], np.ndarray]:
        """`best_cosines` for one question, remembering each row's value: the sentence pool
        (`widen`) and `read` ask for the same head rows, which are computed once."""
        memo: dict[int, float] = {}

        def best(rows: Sequence[int]) -> np.ndarray:
            missing = [r for r in dict.fromkeys(rows) if r not in memo]
            if missing:
                memo.update(zip(missing, self.best_cosines(missing, vector).tolist()))
            return np.asarray([memo[r] for r in rows], dtype=float)

        return best

    def read(self, rows: list[int], first: Sequence[float], vector: np.ndarray,
             terms: dict[str, float],
             focus: Callable[[str, bool, bool], float] | None = None,
             required: bool = False, procedure: bool = False,
             cosines: Callable[[Sequence[int]], np.ndarray] | None = None,
             finding: bool = False, figures: frozenset[str] = frozenset()) -> list[Evidence]:
        """The evidence of each candidate row (`first` = its first-stage score; `focus(text,
        cited, table_row)` says whether a sentence has what the question asks for; `required`:
        the question's kind cannot be answered without it, so a row none of whose units has it
        is marked `lacks`; `cosines`: a question's `cosines_of`, to reuse what it computed;
        `finding`: the question asks one, so a hedged best sentence is marked, qa.retrieval.hedge;
        `figures`: the figure numbers the question names, whose legends are marked `named`)."""
        array = np.asarray(rows, dtype=np.int64)
        best_cosines = cosines(rows) if cosines is not None else self.best_cosines(rows, vector)
        context = self.context_coverage(terms, array)
        out: list[Evidence] = []
        for i, row in enumerate(rows):
            best_cos = float(best_cosines[i])
            token_sets, legend, texts = self.sentence_tokens(row)
            covs = [coverage(terms, toks) for toks in token_sets] if terms else []
            best_cov = max(covs, default=0.0)
            best_focus = max((c * (1.0 + focus(*t)) for c, t in zip(covs, texts) if c), default=0.0) \
                if focus is not None else best_cov
            lacks = required and focus is not None and not any(focus(*t) for t in texts)
            heading = self.back_heading(row)
            back = heading is not None and not heading & terms.keys()  # unless the question asks about it
            steps = procedure_share([t for t, _, table_row in texts if not table_row]) if procedure else 0.0
            hedged = finding and hedge.hedged(covs, [t for t, _, _ in texts])
            p = self.index.passages[row] if figures else None
            named = p is not None and p.kind == "text" and figure_label(p.section, p.text) in figures
            out.append(Evidence(float(first[i]), best_cos, best_cov, float(context[i]), best_focus, legend, lacks,
                                back, steps, hedged, named))
        return out
