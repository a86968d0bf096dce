"""Hybrid retrieval over the persisted index: BM25 and dense rankings fused into `Hit`s, the
fused top N re-scored by sentence-level evidence (`qa.retrieval.second_stage`, `qa.retrieval.rerank`).

`retrieve()` is the one-line library call (the index is loaded once per process and cached);
`Retriever` gives explicit control over settings and the index.
"""
from __future__ import annotations

import os
import threading

import numpy as np

from qa import validate
from qa.retrieval import burst, fusion, rerank
from qa.retrieval.evidence import EvidenceReader
from qa.index import store
from qa.index.load import BuildRemoved, Index, open_index
from qa.models import Hit
from qa.retrieval.named_article import named_article
from qa.retrieval.query import Query
from qa.retrieval.searchable import searchable
from qa.retrieval.second_stage import defined_terms, second_stage
from qa.retrieval.spelling import with_readings
from qa.settings import Settings


_CHANGES: dict[str, int] = {}  # index folder -> library changes this process made (qa.add, qa.remove)


def note_change(settings: Settings) -> None:
    """This process changed the library of `settings` (`qa.add`, `qa.remove`, `qa.restore`): each
    Retriever that loaded its index earlier reloads it before its next question (`changes`), so a
    script asking after an add is never answered from the index as it was before the add."""
    key = os.path.abspath(settings.index_dir)
    _CHANGES[key] = _CHANGES.get(key, 0) + 1


def changes(settings: Settings) -> int:
    """How many library changes this process made to the index of `settings` (`note_change`)."""
    return _CHANGES.get(os.path.abspath(settings.index_dir), 0)


class Retriever:
    """Ranks passages for a question with BM25, dense vectors, or both fused."""

    def __init__(self, settings: Settings | None = None, index: Index | None = None,
                 progress: store.Progress | None = None) -> None:
        validate.instance(settings, Settings, "settings", "a qa.Settings")
        validate.instance(index, Index, "index", "a loaded index (qa.index.load.Index)")
        self.settings = settings if settings is not None else Settings.from_env()
        self._index = index
        self._changes = changes(self.settings)  # this process's library changes the index has seen
        self._progress = progress
        self._expander = None
        self._bridge = None
        self._lock = threading.Lock()
        self._vectors: dict[str, np.ndarray] = {}
        self._evidence: EvidenceReader | None = None

    @property
    def index(self) -> Index:
        if self._index is None:
            with self._lock:
                if self._index is None:
                    self._changes = changes(self.settings)
                    self._index = open_index(self.settings, progress=self._progress)
        return self._index

    def refresh(self) -> None:
        """Load the current build again when the loaded one was deleted by later rebuilds
        (another process rebuilt the index twice): a long-lived reader keeps answering; and when
        this process changed the library since (`qa.add`, `qa.remove`: `note_change`)."""
        index = self._index
        if index is not None and (index.removed or changes(self.settings) != self._changes):
            with self._lock:
                if self._index is index:
                    self._changes = changes(self.settings)
                    self._index = open_index(self.settings, progress=self._progress)
                    self._expander = None
                    self._bridge = None
                    self._evidence = None
                    self._vectors.clear()

    def retrying(self, call):
        """Run `call()`; if the build vanished under it, reload once and run it again."""
        self.refresh()
        try:
            return call()
        except BuildRemoved:
            self.refresh()
            return call()

    @property
    def expander(self):
        if self._expander is None:
            from qa.index.synonyms import synonyms_path
            from qa.retrieval.expand import Expander

            self._expander = Expander(self.index.glossaries, synonyms_path(self.settings.corpus_dir),
                                      expansion_weight=self.settings.retrieval.expansion_weight)
        return self._expander

    @property
    def bridge(self):
        """The library's vocabulary in the embedding space (qa.retrieval.bridge), built on first use."""
        if self._bridge is None:
            from qa.retrieval.bridge import Bridge

            st = self.settings.retrieval
            self._bridge = Bridge(self.index.bm25, self.index.encoder, st.bridge_floor, st.bridge_top,
                                  st.bridge_weight)
        return self._bridge

    def doc_rows(self, docs: list[str] | None) -> np.ndarray | None:
        """Boolean mask of the rows a --doc filter allows (None: all rows)."""
        if not docs:
            return None
        return self.index.doc_mask(list(docs))

    def parse(self, question: str | Query, previous: str | None = None) -> Query:
        """Validate, tokenise and expand a question once; a `Query` passes through unchanged.

        `previous` is the earlier question of a conversation: a follow-up with few content
        words of its own (or one that points back, "and in children?") is read with it, its
        words added at the expansion weight (`Query.context` says so)."""
        if isinstance(question, Query):
            return question
        return self.query_from(validate.question(question), previous)

    def query_from(self, text: str, previous: str | None = None) -> Query:
        """The `Query` of an already validated question text (loads the index for expansion)."""
        from qa.index.analyzer import tokenize
        from qa.retrieval.count_notation import read_count_notation
        from qa.retrieval.query import carried_weight, needs_context, set_aside

        expander = self.expander
        text = read_count_notation(text)  # "n patients ...?" asks how many (an extraction sheet's notation)
        spelled = self.library_spellings(text)
        text = with_readings(text, spelled)
        asked = text
        read_as: list[tuple[str, str]] = list(spelled)
        if self.settings.retrieval.library_names:
            read, names = expander.in_library_names(text, self.used)
            text = read if names else text
            read_as += names
        typos = self.question_word_typos(text)
        text = with_readings(text, typos)
        read_as = typos + read_as
        tokens = tokenize(text)
        context, context_tokens = "", []
        previous = validate.previous(previous)
        if previous and needs_context(text, tokens):
            context = previous
            known = set(tokens)
            context_tokens = [t for t in dict.fromkeys(tokenize(context)) if t not in known]
        carried = carried_weight(self.settings.retrieval, tokens) if context_tokens else None
        return Query(text=text, tokens=tokens, expansion=expander.expand(text), context_weight=carried,
                     expand=self.settings.retrieval.expand_queries,
                     expansion_weight=self.settings.retrieval.expansion_weight,
                     concepts=expander.concepts(text), context=context, context_tokens=context_tokens,
                     read_as=read_as, typos=typos, aside=set_aside(text, tokens),
                     aside_weight=self.settings.retrieval.set_aside_weight, asked=asked,
                     bridged=self.extra_words(text, tokens))

    def extra_words(self, text: str, tokens: list[str]) -> list[tuple[str, float]]:
        """Library words joining the BM25 query: the embedding bridge's neighbours of words no
        passage holds, the library's own form of a phrase it rarely writes as asked."""
        from qa.index.analyzer import tokenize

        st = self.settings.retrieval
        words = self.bridge.near(tokens) if st.bridge_weight else []
        if st.library_form_ratio:
            known = set(tokens) | {t for t, _ in words}
            for form in self.expander.library_forms(text, self.used, st.library_form_ratio):
                for t in tokenize(form):
                    if t not in known:
                        known.add(t)
                        words.append((t, st.expansion_weight))
        return words

    def library_spellings(self, text: str) -> list[tuple[str, str]]:
        """Question words no passage holds, read in the other English spelling the library writes
        (qa.retrieval.spelling_variants: 'aetiology' -> 'etiology')."""
        from qa.index.analyzer import tokenize
        from qa.retrieval.spelling_variants import library_spellings

        if not self.settings.retrieval.library_spellings:
            return []
        return library_spellings(text, self.index.bm25.df, tokenize)

    def question_word_typos(self, text: str) -> list[tuple[str, str]]:
        """Misspelt function words and how they are read (qa.retrieval.spelling)."""
        from qa.index.analyzer import tokenize
        from qa.retrieval.spelling import english_word, question_word_typos

        if not self.settings.answer.suggest_spelling:
            return []
        knows = self.index.encoder.knows_word
        return question_word_typos(text, self.index.bm25.df, tokenize, lambda w: knows(w) or english_word(w))

    def used(self, name: str) -> int:
        """How many passages can hold a name: the fewest passages holding one of its words."""
        from qa.index.analyzer import tokenize

        return min((self.index.bm25.df(t) for t in tokenize(name)), default=0)

    def bm25_ranking(self, query: Query, depth: int, allowed: np.ndarray | None) -> list[tuple[int, float]]:
        tokens = query.bm25_tokens
        if not tokens:
            return []
        weights = query.bm25_weights
        if self.settings.retrieval.bm25_burstiness:  # framing words count less (qa.retrieval.burst)
            weights = burst.weights(self.index.bm25, tokens, weights, self.settings.retrieval.bm25_burstiness)
        return self.index.bm25.top(tokens, depth, allowed=allowed, weights=weights)

    def query_vector(self, query: Query) -> np.ndarray:
        """The (expanded) question's embedding, shape (dim,), computed once per `Query`."""
        if query.vector is None:
            text = query.dense_text
            vector = self._vectors.get(text)
            if vector is None:
                vector = self.index.encoder.encode([text]).astype("float32")[0]
                if len(self._vectors) > 256:
                    self._vectors.clear()
                self._vectors[text] = vector
            query.vector = vector
        return query.vector

    def dense_ranking(self, query: Query, depth: int, allowed: np.ndarray | None) -> list[tuple[int, float]]:
        from qa.index import dense

        return dense.search(self.index.dense, self.query_vector(query), depth, allowed,
                            ef_search=self.settings.retrieval.hnsw_ef_search)

    @property
    def evidence_reader(self) -> EvidenceReader:
        """The sentence-level evidence the second stage reads (qa.retrieval.evidence), built on first use."""
        if self._evidence is None:
            self._evidence = EvidenceReader(self.index)
        return self._evidence

    def second_stage(self, query: Query, fused: list[tuple[int, float]],
                     depth: int) -> tuple[list[tuple[int, float]], int]:
        """The fused top `depth` re-ordered by sentence-level evidence (qa.retrieval.second_stage);
        returns the ranking and how many items at its head were re-scored."""
        return second_stage(self, query, fused, depth)

    def defined_terms(self, question: str) -> tuple[str, ...]:
        """What a definition question asks about, with the other written form each has in the
        articles' glossaries (qa.retrieval.defining; read by the second stage and the span scoring)."""
        return defined_terms(self.index, question)

    def search(self, question: str | Query, k: int = 10, mode: str = "hybrid",
               docs: list[str] | str | None = None, previous: str | None = None) -> list[Hit]:
        """The top-k passages of this Retriever's library as `qa.Hit`s (passage, rank, fused score,
        each retriever's rank and score): what `qa.retrieve` returns for the default library, here
        for any (`Retriever(Settings(corpus_dir=...))`). Bad arguments raise qa.QAError."""
        return self.retrying(lambda: self._search(question, k, mode, docs, previous))

    def _search(self, question: str | Query, k: int, mode: str, docs: list[str] | str | None,
                previous: str | None) -> list[Hit]:
        # cheap checks first: bad input is refused before the index is touched
        text = question.text if isinstance(question, Query) else searchable(validate.question(question))
        k = validate.k(k)
        mode = validate.mode(mode)
        validate.doc_ids(docs)
        if not docs and not isinstance(question, Query):  # "In the X paper, ...": that article
            article = named_article(self.index, text, self.expander)
            if article is not None:
                text, docs = article.question, [article.doc_id]
        query = question if isinstance(question, Query) else self.query_from(text, previous)
        docs = validate.docs(docs, self.index.doc_ids)
        allowed = self.doc_rows(docs)
        depth = max(self.settings.retrieval.depth, k)
        bm25 = self.bm25_ranking(query, depth, allowed) if mode in ("bm25", "hybrid") else []
        dense = self.dense_ranking(query, depth, allowed) if mode in ("dense", "hybrid") else []
        if mode == "bm25":
            fused = bm25
        elif mode == "dense":
            fused = dense
        elif self.settings.retrieval.fusion == "convex":
            w = self.settings.retrieval.convex_weight
            fused = fusion.convex([dict(bm25), dict(dense)], weights=[1.0 - w, w],
                                  norm=self.settings.retrieval.fusion_norm)
        else:
            fused = fusion.rrf([[r for r, _ in bm25], [r for r, _ in dense]], k=self.settings.retrieval.rrf_k)
        head = len(fused)
        if mode == "hybrid" and self.settings.retrieval.rerank_depth > 0:
            fused, head = self.second_stage(query, fused, max(k, self.settings.retrieval.rerank_depth))
        if mode == "hybrid" and not docs and self.settings.retrieval.diversity_ratio > 0:
            # on the re-scored head only: the tail's first-stage scores are on another scale
            fused = fusion.diversify(fused[:head], self.index.doc_of_row, k,
                                     self.settings.retrieval.diversity_ratio) + fused[head:]
        bm25_pos = {row: (i + 1, s) for i, (row, s) in enumerate(bm25)}
        dense_pos = {row: (i + 1, s) for i, (row, s) in enumerate(dense)}
        hits: list[Hit] = []
        for rank, (row, score) in enumerate(fused[:k], start=1):
            b = bm25_pos.get(row, (None, None))
            d = dense_pos.get(row, (None, None))
            hits.append(Hit(passage=self.index.passages[row], rank=rank, score=float(score),
                            bm25_rank=b[0], bm25_score=b[1], dense_rank=d[0], dense_score=d[1]))
        return hits


_default: Retriever | None = None
_default_environment: tuple[tuple[str, str], ...] = ()
_default_lock = threading.Lock()


def default_retriever() -> Retriever:
    """The Retriever of `qa.retrieve` and `qa.ask`: of the library and settings the `QA_*`
    environment names now, so a script that sets QA_CORPUS_DIR after a first question is answered
    from that library, as `qa.documents` and `qa.add` read it (docs audit 34: they followed it, and
    `qa.ask` kept the first library); unchanged, the same loaded index serves every call."""
    global _default, _default_environment
    environment = tuple(sorted((name, value) for name, value in os.environ.items() if name.startswith("QA_")))
    with _default_lock:
        if _default is None or environment != _default_environment:
            _default, _default_environment = Retriever(), environment
    return _default


def retrieve(question: str, k: int = 10, mode: str = "hybrid",
             docs: list[str] | str | None = None, previous: str | None = None) -> list[Hit]:
    """Top-k passages for a question (read with `previous`, the earlier question, when it is a
    follow-up); the index is loaded (or built) once and cached."""
    return default_retriever().search(question, k=k, mode=mode, docs=docs, previous=previous)


__all__ = ["Retriever", "retrieve", "default_retriever"]
