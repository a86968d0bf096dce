"""The old path of bench/growth.py: the storage before schema 2 (rank-bm25 BM25Okapi rebuilt from
JSON tokens, every passage parsed with pydantic, flat FAISS), searched by today's `Retriever` on
the same grown data, so the growth table can set the new storage's figures beside the old.
Apart from growth.py, which measures the new storage, because it is a whole second storage.
"""
from __future__ import annotations

import json
from pathlib import Path

from _common import summary
from growth_data import timed


class OldBM25:
    """The pre-schema-2 path: rank-bm25 BM25Okapi (with qa's idf floor) scanned per query token."""

    def __init__(self, token_lists):
        from rank_bm25 import BM25Okapi

        from qa.index.bm25_idf import floor_idf

        self.okapi = BM25Okapi(token_lists)
        floored = floor_idf(list(self.okapi.idf.values()), self.okapi.average_idf, self.okapi.epsilon)
        self.okapi.idf = dict(zip(self.okapi.idf, floored))
        self.size = self.rows = len(token_lists)
        # today's retriever also asks for document and collection frequencies and term prefixes,
        # which rank-bm25 does not keep: counted once here, from its own per-row term counts
        self.dfs: dict[str, int] = {}
        self.cfs: dict[str, int] = {}
        for row in self.okapi.doc_freqs:
            for token, count in row.items():
                self.dfs[token] = self.dfs.get(token, 0) + 1
                self.cfs[token] = self.cfs.get(token, 0) + count
        self.vocabulary = sorted(self.dfs)

    def top(self, tokens, n, allowed=None, weights=None):
        import numpy as np

        total = np.zeros(self.size)
        for t, w in zip(tokens, weights or [1.0] * len(tokens)):
            if w:
                total += w * self.okapi.get_scores([t])
        if allowed is not None:
            total = np.where(allowed, total, 0.0)
        rows = np.flatnonzero(total > 0)
        order = np.lexsort((rows, -total[rows]))[:n]
        return [(int(rows[i]), float(total[rows[i]])) for i in order]

    def idf(self, token):
        return float(self.okapi.idf.get(token, 0.0))

    def df(self, token: str) -> int:
        return self.dfs.get(token, 0)

    def occurrences(self, token: str) -> int:
        return self.cfs.get(token, 0)

    def has_prefix(self, prefix: str) -> bool:
        import bisect

        i = bisect.bisect_left(self.vocabulary, prefix)
        return i < len(self.vocabulary) and self.vocabulary[i].startswith(prefix)

    def contains(self, token: str, rows):
        """Per row: a look-up in that row's term counts (rank-bm25 keeps no postings)."""
        import numpy as np

        rows = np.asarray(rows, dtype=np.int64)
        return np.array([token in self.okapi.doc_freqs[r] for r in rows.ravel().tolist()],
                        dtype=bool).reshape(rows.shape)

    def postings(self, token: str):
        """The rows holding the token: a scan of every row's term counts, as get_scores does."""
        import numpy as np

        return np.array([r for r, row in enumerate(self.okapi.doc_freqs) if token in row], dtype=np.int64)


class OldPassages(list):
    """The pre-schema-2 passages: every one parsed with pydantic at load and held in a Python list,
    with the row -> document and id -> row look-ups built in memory (the old `Index.doc_of_row`
    list and `Index.rows` dict). It answers the few calls today's retriever makes of a
    `PassageStore` (`doc_ids`, `doc_codes`, `row_of`, `rows_of_doc`) from those, so today's retriever can run
    on it: the retriever of before schema 2 no longer exists to be run."""

    def __init__(self, passages, doc_ids) -> None:
        import numpy as np

        super().__init__(passages)
        self.doc_ids = list(doc_ids)
        number = {d: i for i, d in enumerate(self.doc_ids)}
        self.doc_codes = np.array([number[p.doc_id] for p in self], dtype=np.int32)
        self.ids = {p.id: row for row, p in enumerate(self)}

    def row_of(self, passage_id: str) -> int | None:
        return self.ids.get(passage_id)

    def doc_of(self, row: int) -> str:
        return self.doc_ids[int(self.doc_codes[row])]

    def rows_of_doc(self, doc_id: str):
        import numpy as np

        if doc_id not in self.doc_ids:
            return np.zeros(0, dtype=np.int64)
        return np.flatnonzero(self.doc_codes == self.doc_ids.index(doc_id))


def old_path(real, build: Path, files: tuple[Path, Path], vectors, parsed, qvecs, settings) -> dict:
    """The pre-schema-2 storage on the same grown data: BM25Okapi rebuilt from the JSON tokens
    (`files[0]`) and every passage parsed with pydantic (`files[1]`) at load, flat FAISS, searched by
    today's `Retriever` (its answer units read from the grown `build`, as the new path reads them)."""
    import tracemalloc

    import faiss

    from qa.index.load import Index, open_index
    from qa.models import Passage
    from qa.retrieval.retriever import Retriever
    from qa.settings import Settings

    def old_load():
        bm25 = OldBM25(json.loads(files[0].read_text(encoding="utf-8")))
        plist = OldPassages([Passage.model_validate_json(x) for x in files[1].read_text(encoding="utf-8").splitlines()],
                            real.doc_ids)
        return bm25, plist
    tracemalloc.start()
    (old_bm25, plist), old_load_s = timed(old_load)
    old_mb = tracemalloc.get_traced_memory()[0] / 2**20
    tracemalloc.stop()
    flat = faiss.IndexFlatIP(vectors.shape[1])
    flat.add(vectors)
    old = Index(build, {**real.manifest, "counts": {"passages": len(plist)}}, plist, real.glossaries, flat, old_bm25)
    old.__dict__["doc_of_row"] = [p.doc_id for p in plist]
    old_retriever = Retriever(settings, index=old)
    for q, v in zip(parsed, qvecs):
        q.vector = v
    depth = settings.retrieval.depth
    old_times: dict[str, list[float]] = {"bm25": [], "hybrid": []}
    old_top = []
    for q in parsed:
        old_times["bm25"].append(timed(lambda: old_bm25.top(q.bm25_tokens, depth, weights=q.bm25_weights))[1])
        hits, seconds = timed(lambda: old_retriever.search(q, k=10))
        old_times["hybrid"].append(seconds)
        old_top.append([h.passage.id for h in hits])
    # the same questions on the new storage of the same data, untimed: both sides must rank alike,
    # or the column would compare different work
    grown = open_index(Settings.from_env(index_dir=str(build.parent)), rebuild=False)
    new_retriever = Retriever(settings, index=grown)
    same = sum([h.passage.id for h in new_retriever.search(q, k=10)] == top for q, top in zip(parsed, old_top))
    return {"load_s": round(old_load_s, 2), "python_mb": round(old_mb, 1),
            "latency_ms": {k: summary(v, 1000) for k, v in old_times.items()},
            "same_top10_as_new": round(same / max(1, len(parsed)), 3)}

