"""Writing a complete index build from the corpus, published atomically (see `store`).

Only this module imports torch and sentence-transformers (through `export`); the query path
(`load`) never does.
"""
from __future__ import annotations

import json
import os
import time
import uuid
from pathlib import Path

from qa import __version__
from qa.errors import QAError
from qa.index import store
from qa.models import Passage
from qa.settings import Settings


def index_text(passage: Passage) -> str:
    """What the retrievers see: the section title adds the topic a passage may not repeat."""
    if passage.kind == "text" and passage.section:
        return f"{passage.section}. {passage.text}"
    return passage.text


def weights_fingerprint(source) -> dict | None:
    from qa.index.export import WEIGHT_FILES

    if source.path is None:
        return None
    for name in WEIGHT_FILES:
        if (source.path / name).is_file():
            return store.weights_fingerprint(str(source.path / name))
    return None


def answer_units(corpus) -> list[tuple[int, int, int, str]]:
    """(passage row, start, end, text) of every sentence of a text passage and every table row."""
    from qa.ingest.sentences import split_sentences

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

    from qa.index.bm25 import BM25
    from qa.index.export import encode_passages, export_encoder, resolve_model
    from qa.ingest.pipeline import ingest_corpus
    from qa.index.analyzer import tokenize

    from qa.retrieve.expand import load_synonyms

    index_dir = store.writable_index_dir(Path(settings.index_dir))
    started = time.perf_counter()
    # what can be checked cheaply is checked before the minute of ingestion and embedding
    source = resolve_model(settings.index.model)
    model_files = store.model_files(source.path) if source.path is not None else {}
    load_synonyms(Path(settings.corpus_dir) / "synonyms.toml")
    progress(0.02, "reading and cleaning the corpus")
    corpus = ingest_corpus(settings)
    if not corpus.passages:
        raise QAError("the corpus produced no passages: " + "; ".join(corpus.warnings))
    progress(0.15, f"{len(corpus.documents)} documents, {len(corpus.passages)} passages")
    tmp = index_dir / f".tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        tmp.mkdir(parents=True)
    except OSError as exc:
        raise QAError(f"cannot write the index folder {index_dir}: {exc.strerror}") from None
    try:
        progress(0.2, "exporting the embedding model to ONNX")
        info = export_encoder(source, tmp / "encoder", settings.index.max_seq_length)
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
        BM25.build([tokenize(t) for t in texts], k1=settings.index.bm25_k1, b=settings.index.bm25_b).save(tmp)
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
        key = store.index_key(settings, corpus_files, source.weights_sha256, model_files)
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
                "files": model_files,
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
