"""Incremental updates as segments, on real articles: an added document is its own segment
(only it ingested and embedded, the rest hard-linked), scored exactly as a full rebuild and
rank-bm25 score it; removal tombstones; optimize merges; damage and crashes are survived.

Start: a one-review corpus indexed with a copy of the real index's embedding cache (so no
test re-embeds a review), then the two other real reviews are added with `qa add`'s path.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from conftest import CORPUS, ROOT, loaded_index, run_qa
from qa.index import store
from qa.index.analyzer import tokenize
from qa.index.bm25_idf import floor_idf
from qa.index.build import build, index_text, update
from qa.index.embed_cache import CACHE
from qa.index.load import load
from qa.retrieval.retriever import Retriever
from qa.settings import Settings

pytestmark = pytest.mark.slow
FIRST = "pmc3782548"
QUESTIONS = ("steroid-resistant acute GVHD", "MSCs for SLE", "Which sources were used for SLE?",
             "bone marrow mesenchymal stem cells in lupus nephritis", "nitric oxide T cell proliferation",
             "How many patients were in the Yang et al. myocardial infarction trial?")


def entries() -> tuple[str, dict[str, str]]:
    header, *rest = (CORPUS / "manifest.toml").read_text(encoding="utf-8").split("\n[[documents]]\n")
    return header, {e.split('id = "')[1].split('"')[0]: e for e in rest}


def corpus_with(dest: Path, ids: list[str]) -> None:
    """A corpus folder holding the real reviews `ids` (entries and texts unchanged)."""
    header, by_id = entries()
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(CORPUS / "synonyms.toml", dest / "synonyms.toml")
    for doc in ids:
        name = by_id[doc].split('file = "')[1].split('"')[0]
        shutil.copy2(CORPUS / name, dest / name)
    (dest / "manifest.toml").write_text(header + "".join("\n[[documents]]\n" + by_id[d] for d in ids),
                                        encoding="utf-8")
    for stale in set(p.name for p in dest.glob("*.txt")) - {by_id[d].split('file = "')[1].split('"')[0] for d in ids}:
        (dest / stale).unlink()


def fresh(tmp: Path, name: str, ids: list[str], real: Settings) -> Settings:
    """A corpus of `ids` and an empty index folder holding a copy of the real embedding cache."""
    corpus_with(tmp / f"{name}-corpus", ids)
    shutil.copytree(Path(real.index_dir) / CACHE, tmp / f"{name}-index" / CACHE)
    return Settings(corpus_dir=tmp / f"{name}-corpus", index_dir=tmp / f"{name}-index")


def working_copy(seg: Settings, tmp_path: Path, own_files: bool = False) -> Settings:
    """The grown corpus and its segmented index under `tmp_path`, for a test that changes them.
    The index files are hard links (cheap; every write replaces a file whole) unless the test
    damages a file in place (`own_files`), which must not reach the shared fixture."""
    work = Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index")
    shutil.copytree(seg.corpus_dir, work.corpus_dir)
    shutil.copytree(seg.index_dir, work.index_dir, copy_function=shutil.copy2 if own_files else os.link,
                    ignore=shutil.ignore_patterns(".lock"))
    return work


def by_id(index, scores: np.ndarray) -> dict[str, float]:
    return {index.passages[r].id: float(scores[r]) for r in np.flatnonzero(scores)}


def hits(settings: Settings, index) -> list[list[tuple[str, float]]]:
    retriever = Retriever(settings, index=index)
    return [[(h.passage.id, h.score) for h in retriever.search(q, k=10)] for q in QUESTIONS]


@pytest.fixture(scope="module")
def grown(index, settings, tmp_path_factory):
    """(segmented settings, full-build settings): one review built, the other two added as a
    segment; the same three-review corpus built in one go."""
    tmp = tmp_path_factory.mktemp("segments")
    others = [d for d in index.doc_ids if d != FIRST]
    seg = fresh(tmp, "seg", [FIRST], settings)
    build(seg)
    before = store.check(seg).build
    corpus_with(Path(seg.corpus_dir), [FIRST, *others])
    update(seg)
    full = fresh(tmp, "full", [FIRST, *others], settings)
    build(full)
    return seg, full, before


def test_an_added_document_is_a_segment_referencing_the_old_files(grown):
    seg, _, before = grown
    index = loaded_index(seg)
    infos = index.manifest["segments"]
    assert [i["dir"] for i in infos] == [".", "seg-1"] and infos[1]["documents"] == index.doc_ids[1:]
    assert index.manifest["embedding"]["documents_embedded"] + index.manifest["embedding"]["documents_reused"] == 2
    new = index.build
    for rel in ("passages.jsonl", "dense.faiss", "bm25.weights.npy", "encoder/model.onnx"):
        assert os.stat(new / rel).st_ino == os.stat(before / rel).st_ino  # referenced, not rewritten
    assert {p.doc_id for p in index.passages.stores[1]} == set(index.doc_ids[1:])
    assert store.verify_files(new, index.manifest, full=True) is None


def test_added_document_scores_equal_a_full_rebuild_and_rank_bm25(grown):
    seg, full, _ = grown
    a, f = loaded_index(seg), loaded_index(full)
    assert type(a.bm25).__name__ == "SegmentedBM25" and type(f.bm25).__name__ == "BM25"
    assert sorted(p.id for p in a.passages) == sorted(p.id for p in f.passages)
    rows = [tokenize(index_text(p)) for p in f.passages]
    okapi = BM25Okapi(rows)
    okapi.idf = dict(zip(okapi.idf, floor_idf(list(okapi.idf.values()), okapi.average_idf, okapi.epsilon)))
    for q in QUESTIONS:
        tokens = tokenize(q)
        segmented = by_id(a, a.bm25.scores(tokens))
        assert segmented == by_id(f, f.bm25.scores(tokens))  # bit for bit
        reference = by_id(f, okapi.get_scores(tokens))
        assert segmented.keys() == reference.keys()
        assert all(segmented[k] == pytest.approx(reference[k], rel=1e-9) for k in reference)
    for token in ("msc", "lupus", "gvhd", "the", "never-seen"):
        assert (a.bm25.idf(token), a.bm25.df(token)) == (f.bm25.idf(token), f.bm25.df(token))
    assert a.bm25.size == f.bm25.size
    assert hits(seg, a) == hits(full, f)  # hybrid: the same passages with the same scores
    assert (a.build / "studies.jsonl").read_bytes() == (f.build / "studies.jsonl").read_bytes()
    assert [d.id for d in a.documents] == [d.id for d in f.documents]
    hit = Retriever(seg, index=a).search(QUESTIONS[1], k=1)[0]
    assert [s for _, *s in a.sentence_spans(hit)] == [s for _, *s in f.sentence_spans(hit)]


def test_remove_tombstones_then_optimize_merges(grown, tmp_path):
    seg, full, _ = grown
    work = working_copy(seg, tmp_path)
    removed = run_qa("remove", FIRST, "--corpus-dir", str(work.corpus_dir), "--index-dir", str(work.index_dir))
    assert removed.returncode == 0, removed.stderr
    index = loaded_index(work)
    assert index.manifest["segments"][0]["deleted"] == [FIRST] and FIRST not in index.doc_ids
    assert index.rows_of_doc(FIRST).size == 0 and all(d.id != FIRST for d in index.documents)
    rest = Settings(corpus_dir=tmp_path / "rest-corpus", index_dir=tmp_path / "rest-index")
    shutil.copytree(work.corpus_dir, rest.corpus_dir)
    shutil.copytree(Path(full.index_dir) / CACHE, Path(rest.index_dir) / CACHE)
    build(rest)
    reference = loaded_index(rest)
    for q in QUESTIONS:
        tokens = tokenize(q)
        got, want = by_id(index, index.bm25.scores(tokens)), by_id(reference, reference.bm25.scores(tokens))
        assert got.keys() == want.keys() and all(got[k] == pytest.approx(want[k], rel=1e-12) for k in want)
    assert all(p.doc_id != FIRST for ranking in hits(work, index) for p in
               [index.passages[index.rows[i]] for i, _ in ranking])
    assert [[i for i, _ in r] for r in hits(work, index)] == [[i for i, _ in r] for r in hits(rest, reference)]
    assert (index.build / "studies.jsonl").read_bytes() == (reference.build / "studies.jsonl").read_bytes()
    result = run_qa("index", "--optimize", "--corpus-dir", str(work.corpus_dir), "--index-dir", str(work.index_dir))
    assert result.returncode == 0, result.stderr
    merged = loaded_index(work)
    assert "segments" not in merged.manifest and type(merged.bm25).__name__ == "BM25"
    assert hits(work, merged) == hits(rest, reference)


def test_a_damaged_segment_file_is_detected_and_rebuilt(grown, tmp_path):
    seg, full, _ = grown
    work = working_copy(seg, tmp_path, own_files=True)
    build_dir = store.check(work).build
    path = build_dir / "seg-1" / "bm25.tf.npy"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 1
    path.write_bytes(bytes(data))
    state = store.check(work)
    assert state.state == "corrupt" and "seg-1/bm25.tf.npy" in state.reason
    result = run_qa("index", "--corpus-dir", str(work.corpus_dir), "--index-dir", str(work.index_dir))
    assert result.returncode == 0 and "corrupt" in result.stderr, result.stderr
    assert hits(work, loaded_index(work)) == hits(full, loaded_index(full))


def test_a_crash_mid_add_leaves_the_old_index_readable(grown, tmp_path):
    seg, _, _ = grown
    work = Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index")
    corpus_with(Path(work.corpus_dir), [FIRST])
    shutil.copytree(Path(seg.index_dir) / CACHE, Path(work.index_dir) / CACHE)
    build(work)
    old = store.check(work)
    before = hits(work, load(old.build, old.manifest))
    corpus_with(Path(work.corpus_dir), [FIRST, "kim2013"])
    code = ("import os\nfrom qa.index import store, incremental\nfrom qa.settings import Settings\n"
            "store.publish = lambda *a: os._exit(9)  # killed after writing the segment, before the switch\n"
            f"s = Settings(corpus_dir={str(work.corpus_dir)!r}, index_dir={str(work.index_dir)!r})\n"
            "incremental.add_segment(s, store.check(s))\n")
    crashed = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert crashed.returncode == 9, crashed.stderr[-800:]
    assert any(p.name.startswith(".tmp-") for p in Path(work.index_dir).iterdir())  # the half-done add
    assert store.current_build(Path(work.index_dir)) == old.build
    assert store.verify_files(old.build, old.manifest, full=True) is None
    assert hits(work, load(old.build, old.manifest)) == before  # the old state, intact
    update(work)  # the next update adds the segment and clears the leftover
    assert not any(p.name.startswith(".tmp-") for p in Path(work.index_dir).iterdir())
    assert "kim2013" in loaded_index(work).doc_ids


def test_a_change_that_reaches_the_segment_limit_merges_in_the_background(grown, tmp_path):
    seg, _, _ = grown
    work = working_copy(seg, tmp_path)
    dirs = ("--corpus-dir", str(work.corpus_dir), "--index-dir", str(work.index_dir))
    removed = run_qa("remove", "kim2013", *dirs, env={"QA_MERGE_SEGMENTS_AT": "2"})
    assert removed.returncode == 0, removed.stderr
    assert "merging 2 index segments in the background" in removed.stderr
    assert "segments" in loaded_index(work).manifest  # the command returned before the merge finished
    deadline = time.monotonic() + 300
    while "segments" in loaded_index(work).manifest and time.monotonic() < deadline:
        time.sleep(1)
    merged = loaded_index(work)
    log = (Path(work.index_dir) / "merge.log").read_text(encoding="utf-8")
    assert "segments" not in merged.manifest, log  # one full-build layout, published atomically
    assert "kim2013" not in merged.doc_ids and len(merged.doc_ids) == 2
    assert "index ready" in log
    quiet = run_qa("remove", FIRST, *dirs, env={"QA_MERGE_SEGMENTS_AT": "0"})
    assert quiet.returncode == 0 and "background" not in quiet.stderr, quiet.stderr


def test_an_article_added_as_a_third_segment_computes_only_its_own_registry_inputs(grown, tmp_path):
    """Remove the last review, then add it back, through the real CLI: three segments, the
    registry decided from two stored segments' nodes and the new one's, equal to a full build's."""
    seg, full, _ = grown
    last = loaded_index(full).doc_ids[-1]
    work = working_copy(seg, tmp_path)
    dirs = ("--corpus-dir", str(work.corpus_dir), "--index-dir", str(work.index_dir))
    ids = loaded_index(full).doc_ids
    corpus_with(Path(work.corpus_dir), ids[:-1])
    assert (r := run_qa("index", *dirs, env={"QA_MERGE_SEGMENTS_AT": "0"})).returncode == 0, r.stderr
    corpus_with(Path(work.corpus_dir), ids)
    assert (r := run_qa("index", *dirs, env={"QA_MERGE_SEGMENTS_AT": "0"})).returncode == 0, r.stderr
    index = loaded_index(work)
    infos = index.manifest["segments"]
    assert [i["dir"] for i in infos] == [".", "seg-1", "seg-2"] and infos[1]["deleted"] == [last]
    assert infos[2]["documents"] == [last] and index.doc_ids == ids
    import json

    nodes = json.loads((index.build / "seg-2" / "studies.nodes.json").read_text(encoding="utf-8"))
    assert nodes["documents"] == [last] and nodes["nodes"] and {n["doc"] for n in nodes["nodes"]} == {last}
    assert (index.build / "studies.jsonl").read_bytes() == (loaded_index(full).build / "studies.jsonl").read_bytes()


def test_a_half_written_registry_file_is_detected_and_rebuilt(grown, tmp_path):
    from qa.errors import IndexError_
    from qa.index.study_nodes import SegmentNodes

    seg, full, _ = grown
    work = working_copy(seg, tmp_path, own_files=True)
    build_dir = store.check(work).build
    path = build_dir / "seg-1" / "studies.nodes.json"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(IndexError_, match="studies.nodes.json is corrupt"):
        SegmentNodes(build_dir / "seg-1")  # even where no manifest check ran first
    state = store.check(work)
    assert state.state == "corrupt" and "seg-1/studies.nodes.json" in state.reason
    result = run_qa("index", "--corpus-dir", str(work.corpus_dir), "--index-dir", str(work.index_dir))
    assert result.returncode == 0 and "corrupt" in result.stderr, result.stderr
    rebuilt = loaded_index(work)
    assert (rebuilt.build / "studies.jsonl").read_bytes() == (loaded_index(full).build / "studies.jsonl").read_bytes()
