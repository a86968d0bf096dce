"""The per-document embedding cache (qa/index/embed_cache.py): content-keyed entries, checked
before use, and read from another index's cache on a miss (user trial 23: `qa add` to a copy of
the project's corpus embedded the three reviews again)."""
from __future__ import annotations

import shutil

import numpy as np
import pytest

from conftest import ROOT, run_qa
from qa.index.embed_cache import CACHE, EMBEDDINGS, EmbeddingCache

TEXTS = ["MSCs were given to lupus patients.", "Follow-up reached 17.2 months."]


def test_a_miss_reads_the_other_cache_and_copies_the_entry_here(tmp_path):
    vectors = np.arange(2 * 4, dtype=np.float32).reshape(2, 4)
    project = EmbeddingCache(tmp_path / "project", "encoder-1")
    project.put(project.key(TEXTS), vectors, "kim2013")
    mine = EmbeddingCache(tmp_path / "mine", "encoder-1", also=[tmp_path / "project"])
    found = mine.get(mine.key(TEXTS), rows=2, dimension=4)
    assert found is not None and np.array_equal(found, vectors)
    assert (tmp_path / "mine" / CACHE / EMBEDDINGS / f"{mine.key(TEXTS)}.npy").is_file()  # copied here
    mine.used.clear()
    mine.prune()  # prunes its own cache only: the project's entry stays
    assert (tmp_path / "project" / CACHE / EMBEDDINGS / f"{project.key(TEXTS)}.npy").is_file()
    # another encoder's key, or a damaged entry there, is a miss
    assert EmbeddingCache(tmp_path / "other", "encoder-2", also=[tmp_path / "project"]).get(
        EmbeddingCache(tmp_path / "other", "encoder-2").key(TEXTS), 2, 4) is None
    npy = tmp_path / "project" / CACHE / EMBEDDINGS / f"{project.key(TEXTS)}.npy"
    npy.write_bytes(npy.read_bytes()[:-4] + b"\0\0\0\1")
    fresh = EmbeddingCache(tmp_path / "fresh", "encoder-1", also=[tmp_path / "project"])
    assert fresh.get(fresh.key(TEXTS), 2, 4) is None


@pytest.mark.slow
def test_a_library_copied_from_the_project_corpus_reuses_the_project_index(tmp_path):
    corpus = tmp_path / "mylib"
    shutil.copytree(ROOT / "corpus", corpus)
    built = run_qa("--corpus-dir", str(corpus), "index")
    assert built.returncode == 0, built.stderr
    assert "0 documents embedded, 3 reused" in built.stderr, built.stderr
