"""Writing a complete index build from the corpus, published atomically (see `store`).

Only this module imports torch and sentence-transformers (through `export`); the query path
(`load`) never does.
"""
from __future__ import annotations

import json
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from qa import __version__
from qa.errors import QAError
from qa.index import fingerprints, store
from qa.ingest.corpus import corpus_record

CACHE_DIR = ".cache"  # reusable work between builds (embeddings per document), never a build itself
from qa.models import Passage
from qa.settings import Settings


def index_text(passage: Passage, previous: Passage | None = None, context_words: int = 0) -> str:
    """What the retrievers see: the section title adds the topic a passage may not repeat, and
    the last `context_words` words of the passage before it (same document and section) the
    wording of an argument the passage continues."""
    if passage.kind != "text":
        return passage.text
    lead = ""
    if (context_words and previous is not None and previous.kind == "text"
            and previous.doc_id == passage.doc_id and previous.section == passage.section):
        lead = " ".join(previous.text.split()[-context_words:]) + " "
    return f"{passage.section}. {lead}{passage.text}" if passage.section else f"{lead}{passage.text}"


def weights_fingerprint(source) -> dict | None:
    from qa.index.model_source import WEIGHT_FILES

    if source.path is None:
        return None
    for name in WEIGHT_FILES:
        if (source.path / name).is_file():
            return fingerprints.weights_fingerprint(str(source.path / name))
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


def embed_corpus(corpus, units, source, settings: Settings, encoder_dir: Path,
                 progress: store.Progress = store.no_progress, export: bool = True, prune: bool = True):
    """Passage and answer-unit vectors (float32), re-embedding only documents not in the cache.

    Writes the ONNX encoder into `encoder_dir` (copied from the cache when it holds this
    model's export); `export=False` uses the encoder already there (a segment added to a
    build). `prune=False` keeps the cache entries of documents not in `corpus` (a segment
    holds only some documents). Returns (passage vectors, unit vectors, tokens, statistics).
    """
    import numpy as np

    from qa.index.embed_cache import EmbeddingCache, encoder_key
    from qa.index.export import cached_export, encode_passages, export_cache

    cache = EmbeddingCache(Path(settings.index_dir), encoder_key(
        source.weights_sha256, source.id, settings.index.max_seq_length,
        settings.index.encoder_precision, settings.index.unit_embedding),
        also=[type(settings).model_fields["index_dir"].default] if settings.index.reuse_project_embeddings else [])
    passage_rows: dict[str, list[int]] = {}
    unit_rows: dict[str, list[int]] = {}
    for row, p in enumerate(corpus.passages):
        passage_rows.setdefault(p.doc_id, []).append(row)
    for u, (row, _, _, _) in enumerate(units):
        unit_rows.setdefault(corpus.passages[row].doc_id, []).append(u)
    words = settings.ingest.passage_context_words
    texts = {doc_id: [index_text(corpus.passages[r], corpus.passages[r - 1] if r else None, words) for r in rows] + [units[u][3] for u in unit_rows.get(doc_id, [])]
             for doc_id, rows in passage_rows.items()}
    found: dict[str, np.ndarray] = {}
    for doc_id, doc_texts in texts.items():
        vectors = cache.get(cache.key(doc_texts), len(doc_texts), None)
        if vectors is not None:
            found[doc_id] = vectors
    missing = [d for d in texts if d not in found]
    cached = True
    if export:
        progress(0.2, "preparing the ONNX encoder (the cached export, or a new one)")
        exports = export_cache(settings.index_dir)
        cached = any(exports.glob("encoder-*/encoder.json"))
        cached_export(source, encoder_dir, settings.index.max_seq_length, exports, settings.index.encoder_precision)
        progress(0.25, "reused the cached ONNX export" if cached else "exported the embedding model to ONNX")
    if missing:
        counts = {d: len(passage_rows[d]) for d in missing}
        todo = sum(len(texts[d]) for d in missing)
        progress(0.45, f"embedding {todo} texts of {len(missing)} new or changed documents "
                       f"({len(found)} reused)")
        if settings.index.unit_embedding == "late":
            first, second = _late_chunked(corpus, units, [r for d in missing for r in passage_rows[d]],
                                          [texts[d][:counts[d]] for d in missing], encoder_dir)
            progress(0.65, "answer units pooled from their passages' token outputs (late chunking)")
            a = b = 0
            for d in missing:
                n, m = counts[d], len(texts[d]) - counts[d]
                found[d] = np.concatenate([first[a:a + n], second[b:b + m]])
                a, b = a + n, b + m
        else:
            # passages and answer units in one call: a table row, which is both, is encoded once,
            # and a vector does not depend on its batch, so this gives the vectors two calls gave
            flat = encode_passages([t for d in missing for t in texts[d]], encoder_dir)
            progress(0.65, "passages and answer units (sentences, table rows) embedded")
            a = 0
            for d in missing:
                found[d] = flat[a:a + len(texts[d])]
                a += len(texts[d])
        for d in missing:
            found[d] = np.ascontiguousarray(found[d], dtype="float32")
            cache.put(cache.key(texts[d]), found[d], d)
    dimension = next(iter(found.values())).shape[1]
    passage_vectors = np.zeros((len(corpus.passages), dimension), dtype="float32")
    unit_vectors = np.zeros((len(units), dimension), dtype="float32")
    for d, rows in passage_rows.items():
        passage_vectors[rows] = found[d][:len(rows)]
        if unit_rows.get(d):
            unit_vectors[unit_rows[d]] = found[d][len(rows):]
    from qa.index.analyzer import TOKENIZER_VERSION, tokenize

    tokens: list[list[str]] = [[] for _ in corpus.passages]
    for d, rows in passage_rows.items():
        for row, toks in zip(rows, cache.tokens(texts[d][:len(rows)], tokenize, TOKENIZER_VERSION)):
            tokens[row] = toks
    if prune:
        cache.prune()
    if cache.unwritable:  # the build goes on: the cache only saves time
        progress(0.7, f"warning: the embedding cache cannot be written ({cache.unwritable}); the index is "
                      "built without it, and the next build embeds these documents again")
    stats = {"documents_embedded": len(missing), "documents_reused": len(found) - len(missing),
             "texts_embedded": sum(len(texts[d]) for d in missing), "encoder_cached": cached}
    return passage_vectors, unit_vectors, tokens, stats


def _late_chunked(corpus, units, rows: list[int], doc_texts: list[list[str]], encoder_dir: Path):
    """(passage vectors, unit vectors) of these passage rows, units in row order, each unit
    pooled from its passage's forward pass over the passage's index text (which ends with the
    passage text: the section title and context words come first)."""
    from qa.index.encoder import BULK_BATCH_SIZE, OnnxQueryEncoder, bulk_workers

    index_texts = [t for texts in doc_texts for t in texts]
    by_row: dict[int, list[tuple[int, int]]] = {}
    for row, s, e, _ in units:
        by_row.setdefault(row, []).append((s, e))
    spans = []
    for row, text in zip(rows, index_texts):
        p = corpus.passages[row]
        offset = len(text) - len(p.text)
        assert text.endswith(p.text), "an index text must end with its passage's text"
        spans.append([(offset + s - p.start, offset + e - p.start) for s, e in by_row.get(row, [])])
    return OnnxQueryEncoder(encoder_dir, workers=bulk_workers()).encode_with_spans(index_texts, spans, BULK_BATCH_SIZE)


def write_arrays(folder: Path, passages, doc_ids: list[str], passage_vectors, units, unit_vectors,
                 token_lists, settings: Settings, previous: Path | None = None) -> str:
    """Everything a query reads, from passages, their vectors, answer units and BM25 tokens.

    `units` are (row, start, end) in row order. Shared by `build` and bench/growth.py. An
    HNSW graph of the `previous` build is extended when this build only appends rows to it
    (see `dense.extend`). Returns how the dense index was made: flat, hnsw or hnsw-extended.
    """
    import faiss

    from qa.index import dense, rowstore
    from qa.index.bm25 import BM25

    rowstore.write_passages(folder, passages, doc_ids)
    rowstore.write_sentences(folder, len(passages), units, unit_vectors)
    index = dense.extend(previous, passage_vectors, settings.index.dense_exact_max,
                         settings.index.hnsw_m) if previous is not None else None
    made = "hnsw-extended" if index is not None else None
    if index is None:
        index = dense.build_index(passage_vectors, settings.index.dense_exact_max, settings.index.hnsw_m,
                                  settings.index.hnsw_ef_construction)
        made = dense.kind(index)
    faiss.write_index(index, str(folder / "dense.faiss"))
    BM25.build(token_lists, k1=settings.index.bm25_k1, b=settings.index.bm25_b).save(folder)
    return made


@contextmanager
def _export_alongside(source, settings: Settings, index_dir: Path) -> Iterator[bool]:
    """Runs the model's ONNX export (a child process, mostly one core) while the body ingests
    (one core), when the cache lacks it; yields whether it does. Leaving waits for the export
    and re-raises its error, so the build goes on with the export in the cache. Memory: the
    export child (~1.2 GB) and ingestion (~160 MB at 5k passages) overlap, embedding does not."""
    from qa.index.encoder import ENCODER_FILE
    from qa.index.export import ensure_export, export_cache, export_entry

    cache_dir = export_cache(index_dir)
    if (export_entry(source, settings.index.max_seq_length, cache_dir) / ENCODER_FILE).is_file():
        yield False  # cached (checked again, by its sha256, before it is used)
        return
    cache_dir.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="qa-export") as pool:
        job = pool.submit(ensure_export, source, settings.index.max_seq_length, cache_dir)
        yield True
        job.result()


def build(settings: Settings, progress: store.Progress = store.no_progress) -> Path:
    """Ingest the corpus and write a complete new build; publish it atomically.

    Embeddings of documents whose texts did not change come from the cache (see
    `qa.index.embed_cache`), so a rebuild after adding one article embeds only that article.
    """
    from qa.index.model_source import resolve_model
    from qa.ingest.pipeline import ingest_corpus

    from qa.index.synonyms import load_synonyms, synonyms_path

    index_dir = store.buildable(settings)
    started = time.perf_counter()
    # what can be checked cheaply is checked before the minute of ingestion and embedding
    source = resolve_model(settings.index.model)
    model_files = fingerprints.model_files(source.path) if source.path is not None else {}
    load_synonyms(synonyms_path(settings.corpus_dir))  # the file the retriever will read
    from qa.index.encoder import bulk_workers

    bulk_workers()  # a bad QA_ENCODE_WORKERS is one line now, not after the ingestion
    # the corpus as it is before it is read: a file edited while the build runs then disagrees
    # with the recorded hash, and the next check finds the index stale (taken after the build,
    # the record claimed the edit was indexed: robustness hunt)
    record = corpus_record(Path(settings.corpus_dir))
    with _export_alongside(source, settings, index_dir) as exporting:
        progress(0.02, "reading and cleaning the corpus" + (" (the ONNX export runs alongside)" if exporting else ""))
        corpus = ingest_corpus(settings)
        if not corpus.passages:
            raise QAError("the corpus produced no passages: " + "; ".join(corpus.warnings))
    progress(0.15, f"{len(corpus.documents)} documents, {len(corpus.passages)} passages")
    with store.build_folder(index_dir) as tmp:
        units = answer_units(corpus)
        vectors, unit_vectors, tokens, embedding = embed_corpus(corpus, units, source, settings, tmp / "encoder", progress)
        embedding["encoder_cached"] = embedding["encoder_cached"] and not exporting
        progress(0.85, "writing the passage store, BM25 and dense indexes")
        doc_ids = [d.id for d in corpus.documents]
        made = write_arrays(tmp, corpus.passages, doc_ids, vectors, [u[:3] for u in units], unit_vectors,
                            tokens, settings, previous=_intact_build(index_dir))
        from qa.index import studies  # the study registry (studies.jsonl): one bibliography across reviews

        # from the vectors as stored (float16), as a segment added later computes its own; the
        # nodes and the units' word counts are kept for those adds (qa.index.study_nodes)
        from qa.index.study_nodes import save_nodes, save_word_df

        df = studies.word_df(corpus.documents, corpus.passages, units)
        save_word_df(tmp, df, len(units))
        nodes, cites = studies.make_nodes(corpus.documents, corpus.passages, units,
                                          unit_vectors.astype("float16").astype("float32"))
        save_nodes(tmp, corpus.documents, nodes, cites)
        studies.save(tmp, studies.registry_of(nodes, cites, doc_ids, {d.id for d in corpus.documents if d.references},
                                              studies.idf_from_df(df, len(units))))
        from qa.index.encoder import EncoderInfo

        info = EncoderInfo.read(tmp / "encoder")
        (tmp / "documents.json").write_text(
            json.dumps([d.model_dump(mode="json") for d in corpus.documents], ensure_ascii=False),
            encoding="utf-8",
        )
        (tmp / "glossary.json").write_text(
            json.dumps({d.id: d.glossary for d in corpus.documents}, ensure_ascii=False, indent=1),
            encoding="utf-8",
        )
        corpus_files = record["files"]
        key = store.index_key(settings, corpus_files, source.weights_sha256, model_files)
        manifest = {
            "schema_version": store.SCHEMA_VERSION,
            "qa_version": __version__,
            "code": fingerprints.code_fingerprint(),
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "key": key,
            "settings": settings.index_settings(),
            "corpus": {"dir": str(settings.corpus_dir), **record},
            "model": {
                "id": source.id,
                "path": str(source.path),
                "weights_sha256": source.weights_sha256,
                "weights_fingerprint": weights_fingerprint(source),
                "files": model_files,
                "dimension": int(vectors.shape[1]),
                "encoder": json.loads(info.to_json()),
            },
            "counts": {"documents": len(corpus.documents), "passages": len(corpus.passages),
                       "answer_units": len(units)},
            "documents": doc_ids,
            "doc_keys": doc_keys(Path(settings.corpus_dir), corpus_files),
            "dense": "flat" if made == "flat" else "hnsw",
            "dense_made": made,
            "embedding": embedding,
            "warnings": corpus.warnings,
            "build_seconds": round(time.perf_counter() - started, 2),
            "files": store.describe_files(tmp),
        }
        final, previous = store.publish_build(index_dir, tmp, manifest, progress)
    store.collect_garbage(index_dir, final, previous)
    progress(1.0, f"index ready ({len(corpus.passages)} passages; {embedding['documents_embedded']} "
                  f"documents embedded, {embedding['documents_reused']} reused)")
    return final


def doc_keys(corpus_dir: Path, files: dict[str, str]) -> dict[str, str]:
    """Per document of the corpus manifest: sha256 of its entry and its file's sha256 (what
    decides whether an added segment must re-ingest it)."""
    import hashlib

    from qa.ingest.corpus import load_manifest

    try:
        metas = load_manifest(corpus_dir)
    except QAError:
        return {}
    return {m.id: hashlib.sha256((m.model_dump_json() + "\0" + files.get(m.file, "")).encode()).hexdigest()
            for m in metas}


def _intact_build(index_dir: Path) -> Path | None:
    """The live build if its files pass the load-time checks (its HNSW graph may be extended)."""
    build = store.current_build(index_dir)
    try:
        manifest = json.loads((build / store.MANIFEST).read_text(encoding="utf-8")) if build else None
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or store.verify_files(build, manifest, full=False):
        return None
    return build


def update(settings: Settings, progress: store.Progress = store.no_progress, force: bool = False) -> Path:
    """Bring the index up to date with the corpus (after `qa add`, an edit or a removal).

    Under the build lock: nothing happens when the index is current; when only the corpus
    changed, the new or changed documents become a new segment and removed ones are
    tombstoned (`qa.index.incremental`); otherwise a full build is written in which only new
    or changed documents are embedded (the rest come from the embedding cache). Either is
    published atomically (`force`: a full build whatever the checks say, for a build that passed
    them but failed to load, robustness hunt). Returns the live build folder; its
    manifest's "embedding" entry says how many documents were embedded and reused.
    """
    from qa.index.incremental import add_segment

    index_dir = Path(settings.index_dir)
    with store.build_lock(index_dir, progress):
        state = store.check(settings)
        if force:  # `force`: the live build passed its checks but failed to load
            return build(settings, progress)
        if state.ready:
            return state.build
        return add_segment(settings, state, progress) or build(settings, progress)
