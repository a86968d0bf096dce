"""Building and loading the persisted index; `open_index` rebuilds when stale or corrupt.

The query path (`load`) imports numpy, faiss, rank-bm25 and onnxruntime only: torch and
sentence-transformers are imported by `build` alone.
"""
from __future__ import annotations

import json
import os
import sys
import time
import uuid
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from qa import __version__
from qa import store
from qa.errors import IndexError_, QAError
from qa.models import Document, Passage
from qa.settings import Settings


def index_text(passage: Passage) -> str:
    """What the retrievers see: the section title adds the topic a passage may not repeat."""
    if passage.kind == "text" and passage.section:
        return f"{passage.section}. {passage.text}"
    return passage.text


@dataclass
class Index:
    """A loaded build: passages in row order, both retrievers, the query encoder."""

    build: Path
    manifest: dict
    passages: list[Passage]
    glossaries: dict[str, dict[str, str]]
    dense: object  # faiss.Index
    bm25: object  # qa.bm25.BM25
    _documents: list[Document] | None = field(default=None, repr=False)

    @property
    def doc_ids(self) -> list[str]:
        return list(self.glossaries)

    @property
    def documents(self) -> list[Document]:
        """Full documents (cleaned text, references) are loaded on first use only."""
        if self._documents is None:
            raw = json.loads((self.build / "documents.json").read_text(encoding="utf-8"))
            self._documents = [Document.model_validate(d) for d in raw]
        return self._documents

    def document(self, doc_id: str) -> Document:
        for doc in self.documents:
            if doc.id == doc_id:
                return doc
        raise QAError(f"unknown document {doc_id!r}")

    @cached_property
    def doc_of_row(self) -> list[str]:
        return [p.doc_id for p in self.passages]

    @cached_property
    def rows(self) -> dict[str, int]:
        return {p.id: i for i, p in enumerate(self.passages)}

    @cached_property
    def sentence_table(self) -> dict[int, list[tuple[int, int, int]]]:
        """Passage row -> its answer units (unit number, start, end); see `sentences.json`."""
        data = json.loads((self.build / "sentences.json").read_text(encoding="utf-8"))
        table: dict[int, list[tuple[int, int, int]]] = {}
        for unit, (row, start, end) in enumerate(zip(data["rows"], data["starts"], data["ends"])):
            table.setdefault(row, []).append((unit, start, end))
        return table

    @cached_property
    def sentence_vectors(self):
        import numpy as np

        return np.load(self.build / "sentences.vectors.npy", allow_pickle=False)

    def sentence_spans(self, hit) -> list[tuple[int, int, int]]:
        return self.sentence_table.get(self.rows[hit.passage.id], [])

    @cached_property
    def encoder(self):
        from qa.onnx_encoder import OnnxQueryEncoder

        return OnnxQueryEncoder(self.build / "encoder")


def load(build: Path, manifest: dict) -> Index:
    """Read a build folder; any inconsistency is reported as corruption (the caller rebuilds)."""
    import faiss

    faiss.omp_set_num_threads(1)  # one question at a time: extra OpenMP threads only add latency

    from qa.bm25 import BM25

    try:
        passages = [
            Passage.model_validate_json(line)
            for line in (build / "passages.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        glossaries = json.loads((build / "glossary.json").read_text(encoding="utf-8"))
        dense = faiss.read_index(str(build / "dense.faiss"))
        bm25 = BM25.load(build)
    except QAError:
        raise
    except Exception as exc:  # any parse failure means a damaged build
        raise IndexError_(f"index build {build.name} is corrupt: {type(exc).__name__}: {exc}") from None
    n = len(passages)
    if dense.ntotal != n or bm25.size != n or manifest.get("counts", {}).get("passages") != n:
        raise IndexError_(
            f"index build {build.name} is corrupt: {n} passages, {dense.ntotal} vectors, "
            f"{bm25.size} BM25 rows"
        )
    return Index(build, manifest, passages, glossaries, dense, bm25)


def weights_fingerprint(source) -> dict | None:
    from qa.embed import WEIGHT_FILES

    if source.path is None:
        return None
    for name in WEIGHT_FILES:
        if (source.path / name).is_file():
            return store.weights_fingerprint(str(source.path / name))
    return None


def answer_units(corpus) -> list[tuple[int, int, int, str]]:
    """(passage row, start, end, text) of every sentence of a text passage and every table row."""
    from qa.sentences import split_sentences

    texts = {d.id: d.text for d in corpus.documents}
    units: list[tuple[int, int, int, str]] = []
    for row, p in enumerate(corpus.passages):
        text = texts[p.doc_id]
        spans = split_sentences(text, p.start, p.end, p.citations) if p.kind == "text" else [(p.start, p.end)]
        units.extend((row, s, e, text[s:e]) for s, e in spans)
    return units


def build(settings: Settings, progress: store.Progress = store.no_progress) -> Path:
    """Ingest the corpus and write a complete new build; publish it atomically."""
    import faiss
    import numpy as np

    from qa.bm25 import BM25
    from qa.embed import encode_passages, export_encoder, resolve_model
    from qa.ingest import ingest_corpus
    from qa.tokenize import tokenize

    index_dir = Path(settings.index_dir)
    started = time.perf_counter()
    progress(0.02, "reading and cleaning the corpus")
    corpus = ingest_corpus(settings)
    if not corpus.passages:
        raise QAError("the corpus produced no passages: " + "; ".join(corpus.warnings))
    progress(0.15, f"{len(corpus.documents)} documents, {len(corpus.passages)} passages")
    source = resolve_model(settings.model)
    tmp = index_dir / f".tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir(parents=True)
    try:
        progress(0.2, "exporting the embedding model to ONNX")
        info = export_encoder(source, tmp / "encoder", settings.max_seq_length)
        texts = [index_text(p) for p in corpus.passages]
        progress(0.45, f"embedding {len(texts)} passages")
        vectors = np.ascontiguousarray(
            encode_passages(texts, tmp / "encoder"),
            dtype="float32",
        )
        progress(0.65, "embedding answer units (sentences and table rows)")
        units = answer_units(corpus)
        unit_vectors = np.ascontiguousarray(
            encode_passages([t for _, _, _, t in units], tmp / "encoder"), dtype="float32")
        np.save(tmp / "sentences.vectors.npy", unit_vectors, allow_pickle=False)
        (tmp / "sentences.json").write_text(json.dumps(
            {"rows": [u[0] for u in units], "starts": [u[1] for u in units], "ends": [u[2] for u in units]}
        ), encoding="utf-8")
        dense = faiss.IndexFlatIP(vectors.shape[1])
        dense.add(vectors)
        faiss.write_index(dense, str(tmp / "dense.faiss"))
        progress(0.85, "building the BM25 index")
        BM25.build([tokenize(t) for t in texts], k1=settings.bm25_k1, b=settings.bm25_b).save(tmp)
        with open(tmp / "passages.jsonl", "w", encoding="utf-8") as fh:
            for p in corpus.passages:
                fh.write(p.model_dump_json() + "\n")
        (tmp / "documents.json").write_text(
            json.dumps([d.model_dump(mode="json") for d in corpus.documents], ensure_ascii=False),
            encoding="utf-8",
        )
        (tmp / "glossary.json").write_text(
            json.dumps({d.id: d.glossary for d in corpus.documents}, ensure_ascii=False, indent=1),
            encoding="utf-8",
        )
        corpus_files = store.corpus_fingerprint(Path(settings.corpus_dir))
        key = store.index_key(settings, corpus_files, source.weights_sha256)
        manifest = {
            "schema_version": store.SCHEMA_VERSION,
            "qa_version": __version__,
            "code": store.code_fingerprint(),
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "key": key,
            "settings": settings.index_settings(),
            "corpus": {"dir": str(settings.corpus_dir), "files": corpus_files},
            "model": {
                "id": source.id,
                "path": str(source.path),
                "weights_sha256": source.weights_sha256,
                "weights_fingerprint": weights_fingerprint(source),
                "dimension": int(vectors.shape[1]),
                "encoder": json.loads(info.to_json()),
            },
            "counts": {"documents": len(corpus.documents), "passages": len(corpus.passages)},
            "documents": [d.id for d in corpus.documents],
            "warnings": corpus.warnings,
            "build_seconds": round(time.perf_counter() - started, 2),
            "files": store.describe_files(tmp),
        }
        (tmp / store.MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        progress(0.97, "publishing the new index")
        previous = store.current_build(index_dir)
        final = store.publish(index_dir, tmp, key)
    except BaseException:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
        raise
    store.collect_garbage(index_dir, final, previous)
    progress(1.0, f"index ready ({len(corpus.passages)} passages)")
    return final


def open_index(settings: Settings | None = None, progress: store.Progress | None = None,
               rebuild: bool = True) -> Index:
    """The current index, (re)built first when missing, stale or corrupt."""
    settings = settings or Settings.from_env()
    progress = progress or stderr_progress
    state = store.check(settings)
    if state.ready:
        try:
            return load(state.build, state.manifest)
        except IndexError_ as exc:
            state = store.IndexState("corrupt", str(exc), state.build, state.manifest)
    if not rebuild:
        raise IndexError_(f"index is {state.state}: {state.reason}; run 'qa index'")
    if state.state == "corrupt":
        progress(0.0, f"index is corrupt ({state.reason}); rebuilding")
    elif state.state == "stale":
        progress(0.0, f"index is stale ({state.reason}); rebuilding")
    else:
        progress(0.0, "building the index (first use)")
    with store.build_lock(Path(settings.index_dir), progress):
        state = store.check(settings)  # another process may have built it meanwhile
        if not state.ready:
            build(settings, progress)
            state = store.check(settings)
    if not state.ready:
        raise IndexError_(f"index still {state.state} after rebuilding: {state.reason}")
    return load(state.build, state.manifest)


def stderr_progress(fraction: float, message: str) -> None:
    """A progress bar on stderr (plain lines when stderr is not a terminal)."""
    width = 30
    filled = int(round(width * max(0.0, min(1.0, fraction))))
    bar = "#" * filled + "-" * (width - filled)
    line = f"[{bar}] {int(fraction * 100):3d}% {message}"
    if sys.stderr.isatty():
        end = "\n" if fraction >= 1.0 else ""
        sys.stderr.write("\r\033[K" + line + end)
    else:
        sys.stderr.write(line + "\n")
    sys.stderr.flush()
