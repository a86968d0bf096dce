"""Adding and removing documents as segments: only what changed is ingested and embedded.

When the live build is intact and only the corpus changed (same code, settings and model),
`add_segment` writes a new build folder that

- hard-links every file of the live build (segments, encoder; a copy where the filesystem
  has no hard links): unchanged segments are referenced, never rewritten, and their manifest
  entries (size, xxh3, sha256) are carried over instead of re-hashed;
- appends one segment `seg-<n>/` with the new or changed documents only (ingested, embedded
  through the per-document embedding cache, written by the same `write_arrays` as a full
  build);
- tombstones removed or replaced documents in the manifest (their rows are filtered from
  every search until `qa index --optimize` merges the segments);
- rewrites the few global files: BM25 term statistics (`global/`, see
  `qa.index.bm25_segments`) and the study registry (`studies.jsonl`, decided again over the
  segments' stored citation nodes and word counts, `qa.index.study_nodes`: only the new
  article's nodes are computed; identical to a full build's);

then publishes it exactly as a full build does (rename, then an atomic swap of CURRENT), so a
reader sees the old or the new index, never a mix, and a crash leaves the old one live.
Anything it cannot handle (no live build, another code or model version, too many segments,
damage) returns None and the caller runs a full build.
"""
from __future__ import annotations

import json
import os
import shutil
import time
from collections import Counter
from pathlib import Path

import numpy as np

from qa.errors import QAError
from qa.index import store
from qa.index.segments import SegmentInfo, folder_of, segment_infos
from qa.index.study_nodes import NODES, SegmentNodes, WordCounts, idf_of, save_nodes, save_word_df
from qa.settings import Settings

MAX_SEGMENTS = 16  # beyond this many segments an update merges everything (a full build)
MAX_DELETED = 0.5  # ... and when more than this share of the indexed documents is tombstoned
GLOBAL_FILES = ("studies.jsonl", "global/")


def link_tree(source: Path, target: Path, files: dict[str, dict]) -> dict[str, dict]:
    """Hard-link (or copy) the listed files of a build into `target`; returns their entries."""
    out: dict[str, dict] = {}
    for rel, info in files.items():
        if rel.startswith(GLOBAL_FILES):
            continue
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source / rel, dest)
        except OSError:
            shutil.copy2(source / rel, dest)
        out[rel] = info
    return out


def plan(settings: Settings, state: store.IndexState):
    """(metas, keys now, corpus record, documents to add, documents to remove), or None
    if a full build is needed."""
    from qa.index.build import doc_keys
    from qa.ingest.corpus import corpus_record, load_manifest

    manifest = state.manifest or {}
    before = manifest.get("doc_keys")
    if state.state != "stale" or not state.reason.startswith(store.CORPUS_CHANGED) or not isinstance(before, dict):
        return None
    if not store.check_model_and_files(state.build, manifest).ready:
        return None
    try:
        folders = [i.folder for i in segment_infos(manifest)]
    except QAError:
        return None
    if any(("" if f == "." else f + "/") + NODES not in manifest.get("files", {}) for f in folders):
        return None  # a build written before segment-local registry inputs: a full build replaces it
    corpus_dir = Path(settings.corpus_dir)
    try:
        metas = load_manifest(corpus_dir)
    except QAError:
        return None  # a full build reports the broken manifest
    corpus = corpus_record(corpus_dir, manifest.get("corpus"))
    files = corpus["files"]
    now = doc_keys(corpus_dir, files)
    add = [m for m in metas if now.get(m.id) != before.get(m.id)]
    remove = [d for d in manifest.get("documents", []) if now.get(d) != before.get(d)]
    return metas, now, corpus, add, remove


def add_segment(settings: Settings, state: store.IndexState,
                progress: store.Progress = store.no_progress) -> Path | None:
    """Publish the live build plus one segment for the corpus's changes (see the module doc)."""
    started = time.perf_counter()
    planned = plan(settings, state)
    if planned is None:
        return None
    metas, keys, corpus, add, remove = planned
    files = corpus["files"]
    from qa.index.synonyms import load_synonyms, synonyms_path

    load_synonyms(synonyms_path(settings.corpus_dir))  # a broken file fails here, as in a build
    old, manifest = state.build, state.manifest
    infos = segment_infos(manifest)
    if len(infos) >= MAX_SEGMENTS:
        return None
    for info in infos:
        info.deleted = sorted(set(info.deleted) | (set(info.documents) & set(remove)))
    if sum(len(i.deleted) for i in infos) > MAX_DELETED * sum(len(i.documents) for i in infos):
        return None  # mostly tombstones: a full build is smaller and faster to query
    index_dir = Path(settings.index_dir)
    with store.build_folder(index_dir) as tmp:
        progress(0.05, f"adding {len(add)} and removing {len(remove)} documents as a segment")
        described = link_tree(old, tmp, manifest["files"])
        # a kept warning is about a document still listed and unchanged: one whose entry was
        # removed (a never-indexed empty file, say) must not be reported forever (user trial 10)
        listed = {m.id for m in metas}
        warnings = [w for w in manifest.get("warnings", [])
                    if not any(w.startswith(f"{d}:") for d in [*remove, *(m.id for m in add)])
                    and "; ignored" not in w and w.split(": ", 1)[0] in listed]
        new, embedding = _write_segment(settings, manifest, add, tmp, infos, warnings, progress)
        if new is not None:
            infos.append(new)
        warnings += _unlisted(Path(settings.corpus_dir), metas)
        live = [d for info in infos for d in info.documents if d not in set(info.deleted)]
        progress(0.8, "BM25 statistics of the whole corpus, study registry")
        live_rows = _write_globals(tmp, infos, settings, progress)
        out = {k: v for k, v in manifest.items() if k not in ("files", "segments")}
        out.update({
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "key": store.index_key(settings, files, manifest["model"]["weights_sha256"],
                                   manifest["model"].get("files")),
            "corpus": {"dir": str(settings.corpus_dir), **corpus},
            "counts": {"documents": len(live), "passages": live_rows,
                       "answer_units": sum(i.units for i in infos)},
            "documents": live, "doc_keys": keys, "warnings": warnings, "embedding": embedding,
            "segments": [i.to_json() for i in infos],
            "build_seconds": round(time.perf_counter() - started, 2),
        })
        out["files"] = dict(sorted({**described, **store.describe_files(tmp, known=described)}.items()))
        final, previous = store.publish_build(index_dir, tmp, out, progress)
    store.collect_garbage(index_dir, final, previous)
    embedded, reused = embedding["documents_embedded"], embedding["documents_reused"]
    vectors = f"; {embedded} documents embedded, {reused} reused from the embedding cache" if embedded + reused else ""
    progress(1.0, f"index ready ({out['counts']['passages']} passages in {len(infos)} "
                  f"segment{'s' if len(infos) != 1 else ''}{vectors})")
    return final


def _unlisted(corpus_dir: Path, metas) -> list[str]:
    from qa.ingest.corpus import MANIFEST_NAME, TEXT_SUFFIXES

    listed = {m.file for m in metas}
    return [f"{p.name} is not in {MANIFEST_NAME}; ignored" for p in sorted(corpus_dir.iterdir())
            if p.suffix in TEXT_SUFFIXES and p.name not in listed]


def _write_segment(settings: Settings, manifest: dict, metas, tmp: Path, infos: list[SegmentInfo],
                   warnings: list[str], progress: store.Progress):
    """Ingest and embed `metas` into a new segment folder of `tmp`: (its SegmentInfo or None, stats)."""
    from qa.index.build import answer_units, embed_corpus, write_arrays
    from qa.index.model_source import ModelSource
    from qa.ingest.corpus import DocumentError, read_raw
    from qa.ingest.pipeline import Corpus, ingest_document

    corpus = Corpus()
    for meta in metas:
        try:
            raw = read_raw(Path(settings.corpus_dir), meta, settings.ingest.max_file_mb)
            warnings.extend(raw.warnings)
            doc, passages = ingest_document(raw, settings.ingest.passage_min_words,
                                            settings.ingest.passage_max_words)
        except DocumentError as exc:
            warnings.append(str(exc))
            continue
        except Exception as exc:  # one broken article must not sink the corpus
            warnings.append(f"{meta.id}: ingestion failed: {type(exc).__name__}: {exc}")
            continue
        corpus.documents.append(doc)
        corpus.passages.extend(passages)
        warnings.extend(doc.warnings)
    empty = {"documents_embedded": 0, "documents_reused": 0, "texts_embedded": 0, "encoder_cached": True}
    if not corpus.passages:
        return None, empty
    model = manifest["model"]
    source = ModelSource(model["id"], Path(model["path"]) if model.get("path") not in (None, "None") else None,
                         model["weights_sha256"])
    units = answer_units(corpus)
    progress(0.3, f"vectors of {len(corpus.passages)} passages and {len(units)} answer units "
                  "(embedded, or reused from the embedding cache)")
    vectors, unit_vectors, tokens, embedding = embed_corpus(corpus, units, source, settings, tmp / "encoder",
                                                            progress, export=False, prune=False)
    used = [int(i.folder[4:]) for i in infos if i.folder != "."]
    name = f"seg-{max(used, default=0) + 1}"
    folder = tmp / name
    folder.mkdir()
    doc_ids = [d.id for d in corpus.documents]
    write_arrays(folder, corpus.passages, doc_ids, vectors, [u[:3] for u in units], unit_vectors, tokens, settings)
    from qa.index.studies import make_nodes, word_df

    save_word_df(folder, word_df(corpus.documents, corpus.passages, units), len(units))
    # the article's citation nodes, from its unit vectors as stored (float16), as a build does
    nodes, cites = make_nodes(corpus.documents, corpus.passages, units,
                              unit_vectors.astype("float16").astype("float32"))
    save_nodes(folder, corpus.documents, nodes, cites)
    (folder / "documents.json").write_text(
        json.dumps([d.model_dump(mode="json") for d in corpus.documents], ensure_ascii=False), encoding="utf-8")
    (folder / "glossary.json").write_text(
        json.dumps({d.id: d.glossary for d in corpus.documents}, ensure_ascii=False, indent=1), encoding="utf-8")
    return SegmentInfo(name, len(corpus.passages), len(units), doc_ids), embedding


def _write_globals(build: Path, infos: list[SegmentInfo], settings: Settings,
                   progress: store.Progress = store.no_progress) -> int:
    """global/ (BM25 statistics of the live rows) and studies.jsonl; returns the live rows."""
    from qa.index.bm25 import BM25
    from qa.index.bm25_segments import global_stats, save_stats
    from qa.index.rowstore import PassageStore

    parts, deleted, stores = [], [], []
    for info in infos:
        folder = folder_of(build, info)
        parts.append(BM25.load(folder))
        stores.append(PassageStore(folder, info.documents))
        gone = [i for i, d in enumerate(info.documents) if d in set(info.deleted)]
        deleted.append(np.isin(np.asarray(stores[-1].doc_codes), gone) if gone else None)
    arrays, stats = global_stats(parts, deleted, settings.index.bm25_k1, settings.index.bm25_b)
    save_stats(build, arrays, stats)
    progress(0.9, "rebuilding the study registry")
    _write_studies(build, infos, stores, deleted)
    return int(stats["live_rows"])


def _write_studies(build: Path, infos: list[SegmentInfo], stores, deleted) -> None:
    """The study registry over every live document from the segments' stored nodes and word
    counts (`qa.index.study_nodes`): no unchanged document is read, no unit re-tokenised. Its
    cost is the library's citations (the merge decisions run over all of them, as in a full
    build) plus, for a removal, the removed documents' units (tokenised once more to leave
    the word counts)."""
    from qa.index import studies

    nodes, cites, doc_ids, lists, counts = [], {}, [], set(), []
    removed: Counter[str] = Counter()
    removed_units = 0
    for info, store_, gone in zip(infos, stores, deleted):
        folder = folder_of(build, info)
        part = SegmentNodes(folder, info.deleted)
        nodes += part.nodes
        cites.update(part.cites)
        doc_ids += part.documents
        lists |= part.references
        counts.append(WordCounts(folder))
        if gone is not None and gone.any():
            df, n = _removed_units_df(folder, info, store_, gone)
            removed.update(df)
            removed_units += n
    words = set().union(*(n.tokens for n in nodes)) if nodes else set()
    idf = idf_of(sorted(words), counts, removed, removed_units)
    studies.save(build, studies.registry_of(nodes, cites, doc_ids, lists, idf))


def _removed_units_df(folder: Path, info: SegmentInfo, store_, gone: np.ndarray) -> tuple[Counter[str], int]:
    """Word counts and number of the answer units of a segment's removed documents."""
    from types import SimpleNamespace

    from qa.index import studies
    from qa.index.rowstore import SentenceStore
    from qa.models import Document

    raw = json.loads((folder / "documents.json").read_text(encoding="utf-8"))
    docs = [Document.model_validate(d) for d in raw if d["meta"]["id"] in set(info.deleted)]
    sentences = SentenceStore(folder, info.rows, None)  # type: ignore[arg-type]
    indptr = np.asarray(sentences.indptr)
    starts, ends = np.asarray(sentences.starts), np.asarray(sentences.ends)
    codes = np.asarray(store_.doc_codes)
    rows, units = [], []
    for r in np.flatnonzero(gone).tolist():
        a, z = int(indptr[r]), int(indptr[r + 1])
        if a < z:
            rows.append(SimpleNamespace(doc_id=info.documents[codes[r]]))
            units.extend((len(rows) - 1, int(starts[u]), int(ends[u]), "") for u in range(a, z))
    return studies.word_df(docs, rows, units), len(units)
