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


def test_an_unwritable_cache_is_skipped_not_fatal(tmp_path):
    """User trial 25: with `index/.cache/embeddings` unwritable every build stopped with "internal
    error: PermissionError" (the cache only saves time). Here the cache path is a file, which no
    user (root included) can write entries into."""
    (tmp_path / CACHE).mkdir()
    (tmp_path / CACHE / EMBEDDINGS).write_text("not a folder")
    cache = EmbeddingCache(tmp_path, "encoder-1")
    cache.put(cache.key(TEXTS), np.ones((2, 4), dtype=np.float32), "kim2013")
    assert cache.tokens(TEXTS, str.split, "v1") == [t.split() for t in TEXTS]
    cache.prune()
    assert "not a directory" in cache.unwritable.lower() or "exists" in cache.unwritable.lower(), cache.unwritable
    assert cache.get(cache.key(TEXTS), 2, 4) is None  # nothing was stored


@pytest.mark.slow
def test_a_build_with_an_unwritable_cache_succeeds_and_says_so(tmp_path):
    corpus = tmp_path / "mylib"
    shutil.copytree(ROOT / "corpus", corpus)
    index_dir = tmp_path / "mylib-index"
    (index_dir / CACHE).mkdir(parents=True)
    (index_dir / CACHE / EMBEDDINGS).write_text("not a folder")
    built = run_qa("index", "--corpus-dir", str(corpus))  # vectors come from the project's cache
    assert built.returncode == 0, built.stderr
    assert "warning: the embedding cache cannot be written" in built.stderr
    assert "internal error" not in built.stderr and "Traceback" not in built.stderr
    asked = run_qa("search", "umbilical cord MSCs in lupus", "--k", "1", "--corpus-dir", str(corpus))
    assert asked.returncode == 0 and asked.stdout.strip(), asked.stderr
