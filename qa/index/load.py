"""Reading a published build (`load`) and getting a usable index (`open_index`).

The query path imports numpy, faiss, the memory-mapped arrays and onnxruntime only. Library calls never
print: progress goes to the callback the caller passes (the CLI and the TUI pass theirs).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from qa.errors import IndexError_, QAError, literal
from qa.index import store
from qa.index.rowstore import PassageStore, RowDocs, RowsById, SentenceStore
from qa.models import Document
from qa.settings import Settings


class BuildRemoved(IndexError_):
    """The build this process loaded was deleted (rebuilt twice by another process): reload."""


@dataclass
class Index:
    """A loaded build: lazily read passages in row order, both retrievers, the query encoder.

    Nothing here grows with the corpus at load time: passages, answer units, their vectors and
    the BM25 postings are memory-mapped, and a passage is parsed when it is asked for.
    """

    build: Path
    manifest: dict
    passages: PassageStore
    glossaries: dict[str, dict[str, str]]
    dense: object  # faiss.Index (flat or HNSW, see qa.index.dense), or SegmentedDense
    bm25: object  # qa.index.bm25.BM25, or SegmentedBM25 for several segments
    _documents: list[Document] | None = field(default=None, repr=False)
    # several segments (qa.index.segments): their manifest entries; None for one root segment
    segments: list | None = None

    @property
    def doc_ids(self) -> list[str]:
        return list(self.glossaries)

    @property
    def removed(self) -> bool:
        """Whether the build folder is gone (files not yet read can no longer be read)."""
        return not self.build.is_dir()

    def _read(self, rel: str) -> bytes:
        """A file of this build read on first use; a vanished build raises `BuildRemoved`."""
        try:
            return (self.build / rel).read_bytes()
        except FileNotFoundError:
            if self.removed:
                raise BuildRemoved(f"index build {self.build.name} was replaced by a newer build") from None
            raise IndexError_(f"index build {self.build.name} is corrupt: {rel} is missing") from None

    @property
    def documents(self) -> list[Document]:
        """Full documents (cleaned text, references) are loaded on first use only."""
        if self._documents is None:
            if self.segments is None:
                raw = json.loads(self._read("documents.json").decode("utf-8"))
            else:  # every segment's own documents, without removed or replaced ones
                raw = [d for info in self.segments
                       for d in json.loads(self._read(f"{info.folder}/documents.json").decode("utf-8"))
                       if d["meta"]["id"] not in set(info.deleted)]
            self._documents = self._parse_documents(raw)
        return self._documents

    def _parse_documents(self, raw: object) -> list[Document]:
        """documents.json read lazily, so checked here: a damaged one is one line naming the mend
        (robustness sweep 30: it was a pydantic ValidationError, or "unknown document")."""
        from pydantic import ValidationError

        try:
            documents = [Document.model_validate(d) for d in raw]  # type: ignore[union-attr]
        except (TypeError, ValidationError) as exc:
            first = str(exc).splitlines()[0]
            documents, problem = [], f"{type(exc).__name__}: {first}"
        else:
            problem = None if sorted(d.id for d in documents) == sorted(self.doc_ids) else "other documents"
        if problem:
            raise IndexError_(f"index build {self.build.name} is corrupt: documents.json holds {problem}; "
                              "rebuild it with 'qa index --force'")
        return documents

    def document(self, doc_id: str) -> Document:
        for doc in self.documents:
            if doc.id == doc_id:
                return doc
        raise QAError(f"unknown document {doc_id!r}")

    @property
    def doc_codes(self):
        """int32 array: the document number of every row (an index into `passages.doc_ids`)."""
        return self.passages.doc_codes

    @cached_property
    def doc_of_row(self) -> RowDocs:
        """Row -> document id (backed by `doc_codes`)."""
        return RowDocs(self.passages)

    @cached_property
    def rows(self) -> RowsById:
        """Passage id -> row."""
        return RowsById(self.passages)

    def rows_of_doc(self, doc_id: str):
        return self.passages.rows_of_doc(doc_id)

    def doc_mask(self, docs: list[str]):
        """Boolean mask of the rows of the given documents."""
        import numpy as np

        wanted = [i for i, d in enumerate(self.passages.doc_ids) if d in set(docs)]
        mask = np.isin(self.doc_codes, np.asarray(wanted, dtype=np.int32))
        live = getattr(self.passages, "live", None)
        return mask if live is None else mask & live

    @cached_property
    def sentences(self) -> SentenceStore:
        if self.segments is None:
            return SentenceStore(self.build, len(self.passages), int(self.dense.d))
        from qa.index.segments import SegmentedSentences, folder_of

        return SegmentedSentences([SentenceStore(folder_of(self.build, info), info.rows, int(self.dense.d))
                                   for info in self.segments], self.passages.offsets)

    @property
    def sentence_vectors(self):
        """(answer units, dimension) float16, memory-mapped; row u = unit u."""
        return self.sentences.vectors

    def sentence_spans(self, hit) -> list[tuple[int, int, int]]:
        return self.sentences.spans(self.rows[hit.passage.id])

    @cached_property
    def studies(self):
        """The study registry of this build (`studies.jsonl`), loaded on first use."""
        from qa.index.studies import Registry, load as load_studies

        return Registry(load_studies(self.build))

    @cached_property
    def encoder(self):
        from qa.index.encoder import OnnxQueryEncoder

        if self.removed:
            raise BuildRemoved(f"index build {self.build.name} was replaced by a newer build")
        return OnnxQueryEncoder(self.build / "encoder")


def load(build: Path, manifest: dict) -> Index:
    """Read a build folder; any inconsistency is reported as corruption (the caller rebuilds)."""
    import faiss

    faiss.omp_set_num_threads(1)  # one question at a time: extra OpenMP threads only add latency

    from qa.index import dense as dense_index
    from qa.index.bm25 import BM25

    from qa.index.segments import segment_infos

    try:
        infos = segment_infos(manifest)
    except IndexError_ as exc:
        raise IndexError_(f"index build {build.name} is corrupt: {exc}") from None
    except (AttributeError, TypeError, ValueError, KeyError) as exc:  # a field of another JSON type
        raise IndexError_(f"index build {build.name} is corrupt: the manifest is malformed "
                          f"({type(exc).__name__}: {exc})") from None
    if len(infos) > 1 or infos[0].deleted:
        return _load_segments(build, manifest, infos)
    try:
        doc_ids = manifest.get("documents")
        if not isinstance(doc_ids, list):
            raise IndexError_(f"index build {build.name} is corrupt: the manifest lists no documents")
        passages = PassageStore(build, doc_ids)
        glossaries = json.loads((build / "glossary.json").read_text(encoding="utf-8"))
        dense = dense_index.read_index(build / "dense.faiss")
        bm25 = BM25.load(build)
        n = len(passages)
        if dense.ntotal != n or bm25.size != n or manifest.get("counts", {}).get("passages") != n:
            raise IndexError_(
                f"index build {build.name} is corrupt: {n} passages, {dense.ntotal} vectors, "
                f"{bm25.size} BM25 rows"
            )
        _check_shapes(build, manifest, doc_ids, glossaries, dense)
    except QAError:
        raise
    except Exception as exc:  # any parse failure means a damaged build
        raise IndexError_(f"index build {build.name} is corrupt: {type(exc).__name__}: {exc}") from None
    return Index(build, manifest, passages, glossaries, dense, bm25)


def _check_shapes(build: Path, manifest: dict, doc_ids: list, glossaries: object, dense: object) -> None:
    """The glossaries and the vectors' width agree with the manifest (robustness sweep 30: a
    glossary of another JSON type or a FAISS file of another width failed later, mid-answer, as an
    internal error, and so was never rebuilt)."""
    if not isinstance(glossaries, dict) or sorted(glossaries) != sorted(doc_ids) or not all(
            isinstance(g, dict) for g in glossaries.values()):
        raise IndexError_(f"index build {build.name} is corrupt: glossary.json does not match its documents")
    dimension = manifest.get("model", {}).get("dimension")
    if dimension is not None and int(dense.d) != dimension:
        raise IndexError_(f"index build {build.name} is corrupt: dense.faiss holds vectors of {dense.d} "
                          f"dimensions, the model {dimension}")


def _load_segments(build: Path, manifest: dict, infos: list) -> Index:
    """An index of several segments (or with removed documents): one view over all of them."""
    from qa.index import dense as dense_index
    from qa.index.bm25 import BM25
    from qa.index.bm25_segments import SegmentedBM25
    from qa.index.segments import SegmentedDense, SegmentedPassages, folder_of, live_mask

    try:
        stores, parts, denses, glossaries = [], [], [], {}
        for info in infos:
            folder = folder_of(build, info)
            stores.append(PassageStore(folder, info.documents))
            denses.append(dense_index.read_index(folder / "dense.faiss"))
            parts.append(BM25.load(folder))
            own = json.loads((folder / "glossary.json").read_text(encoding="utf-8"))
            glossaries.update({d: g for d, g in own.items() if d not in set(info.deleted)})
            if not len(stores[-1]) == denses[-1].ntotal == parts[-1].rows == info.rows:
                raise IndexError_(f"index build {build.name} is corrupt: segment {info.folder} holds "
                                  f"{len(stores[-1])} passages, {denses[-1].ntotal} vectors, "
                                  f"{parts[-1].rows} BM25 rows; the manifest says {info.rows}")
        live = live_mask(infos, stores)
        passages = SegmentedPassages(stores, live)
        dense = SegmentedDense(denses, passages.offsets, live)
        bm25 = SegmentedBM25(build, parts, passages.offsets[:-1].tolist(), live)
    except QAError:
        raise
    except Exception as exc:  # any parse failure means a damaged build
        raise IndexError_(f"index build {build.name} is corrupt: {type(exc).__name__}: {exc}") from None
    order = list(manifest.get("documents", []))
    if sorted(order) != sorted(glossaries) or bm25.size != manifest.get("counts", {}).get("passages"):
        raise IndexError_(f"index build {build.name} is corrupt: the segments disagree with the manifest")
    glossaries = {d: glossaries[d] for d in order}
    return Index(build, manifest, passages, glossaries, dense, bm25, segments=infos)


# what to do about an index folder that cannot hold a build, naming the setting `index_dir` (the
# command line says '--index-dir': QAError.worded); `store.writable_index_dir` may give its own
WRITABLE_ADVICE = "make the folder writable, or give a writable one with {0} (QA_INDEX_DIR)"


def cannot_rebuild(state: store.IndexState, why: str, advice: str | None = None) -> IndexError_:
    """One line for an index that must be rebuilt in a folder that cannot hold a build (user trial
    25: a read-only folder said only "not writable", not that the index was stale); `advice` is a
    template naming the index folder's setting as '{0}'."""
    verb = {"stale": "updated", "missing": "built"}.get(state.state, "rebuilt")
    return IndexError_.named(f"the index is {literal(state.state)} ({literal(state.reason)}) and cannot be {verb} "
                             f"there: {literal(why)}; {advice or WRITABLE_ADVICE}", "index_dir")


def open_index(settings: Settings | None = None, progress: store.Progress | None = None,
               rebuild: bool = True) -> Index:
    """The current index, (re)built first when missing, stale or corrupt."""
    settings = settings or Settings.from_env()
    progress = progress or store.no_progress
    state = store.check(settings)
    failed = False  # the checksums passed but the build does not load: only a full build mends it
    if state.ready:
        try:
            return load(state.build, state.manifest)
        except (IndexError_, OSError) as exc:  # OSError: a file that cannot be read (permissions)
            why = str(exc) if isinstance(exc, IndexError_) else f"{exc.filename} is unreadable ({exc.strerror})"
            state, failed = store.IndexState("corrupt", why, state.build, state.manifest), True
    if not rebuild:
        raise IndexError_(f"index is {state.state}: {state.reason}; run 'qa index'")
    try:
        store.buildable(settings)  # before announcing a build
    except IndexError_ as exc:
        if state.state in ("stale", "corrupt", "missing"):  # say why a build was needed (missing: sweep 28)
            raise cannot_rebuild(state, str(exc), getattr(exc, "advice", None)) from None
        raise
    from qa.index.encoder import bulk_workers
    from qa.index.model_source import check_model_name

    check_model_name(settings.index.model)
    bulk_workers()  # a bad QA_ENCODE_WORKERS is refused before announcing a build
    if state.state == "corrupt":
        progress(0.0, f"index is corrupt ({state.reason}); rebuilding")
    elif state.state == "stale":
        progress(0.0, f"index is stale ({state.reason}); updating it")
    else:
        progress(0.0, "building the index (first use)")
    from qa.index.build import update

    update(settings, progress, force=failed)  # under the build lock: a segment for corpus changes, else a full build
    state = store.check(settings)
    if not state.ready:
        raise IndexError_(f"index still {state.state} after rebuilding: {state.reason}")
    return load(state.build, state.manifest)
