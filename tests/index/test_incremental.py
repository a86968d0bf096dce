"""Incremental rebuilds: only new or changed documents are embedded; damaged cache entries are
recomputed; a rebuild from the cache needs neither torch nor sentence-transformers."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from conftest import CORPUS, ROOT
from qa.index import dense, store
from qa.index.build import update
from qa.index.embed_cache import CACHE, EMBEDDINGS
from qa.index.load import load
from qa.settings import Settings

EDITED = "pmc3782548_mscs_in_allogeneic_hsct.txt"
MARKER = "\n\nZebrafish xenotransplantation of MSCs is a new marker sentence for the incremental test.\n"


@pytest.fixture()
def workspace(index, settings, tmp_path) -> Settings:
    """A corpus copy and a copy of the real index folder (builds and embedding cache)."""
    shutil.copytree(CORPUS, tmp_path / "corpus")
    shutil.copytree(settings.index_dir, tmp_path / "index", ignore=shutil.ignore_patterns(".lock"))
    return Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index")


def loaded(settings: Settings):
    state = store.check(settings)
    assert state.ready, state.reason
    return load(state.build, state.manifest)


def vectors_by_passage(index) -> dict[str, np.ndarray]:
    stored = dense.vectors(index.dense)
    return {p.id: stored[row] for row, p in enumerate(index.passages)}


def test_editing_one_document_embeds_only_it_without_torch(workspace):
    """`update` in a fresh process, as `qa add` would call it: one document embedded with the
    cached ONNX export, the others' vectors reused bit for bit, torch never imported."""
    old = vectors_by_passage(loaded(workspace))
    path = Path(workspace.corpus_dir) / EDITED
    path.write_text(path.read_text(encoding="utf-8") + MARKER, encoding="utf-8")
    assert store.check(workspace).state == "stale"
    code = (
        "import sys\n"
        "from qa.settings import Settings\n"
        "from qa.index.build import update\n"
        f"update(Settings(corpus_dir={str(workspace.corpus_dir)!r}, index_dir={str(workspace.index_dir)!r}),\n"
        "       progress=lambda f, m: print(m))\n"
        "print(sorted(m for m in ('torch', 'sentence_transformers', 'transformers') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stderr[-1000:]
    lines = result.stdout.strip().splitlines()
    assert lines[-1] == "[]"
    assert any("reused the cached ONNX export" in m for m in lines)
    after = loaded(workspace)
    assert after.manifest["embedding"]["documents_embedded"] == 1
    assert after.manifest["embedding"]["documents_reused"] == len(after.doc_ids) - 1
    assert any("Zebrafish" in p.text for p in after.passages)
    new = vectors_by_passage(after)
    unchanged = [p for p in after.passages if p.doc_id != "pmc3782548"]
    assert unchanged and all(np.array_equal(new[p.id], old[p.id]) for p in unchanged)
    # an unchanged corpus: update() is a no-op returning the live build
    assert update(workspace) == store.check(workspace).build


def test_a_damaged_cache_entry_is_recomputed(workspace):
    cache = Path(workspace.index_dir) / CACHE / EMBEDDINGS
    entries = sorted(cache.glob("*.npy"))
    assert len(entries) == len(loaded(workspace).doc_ids)
    victim = next(e for e in entries if json.loads(e.with_suffix(".json").read_text())["doc_id"] != "pmc3782548")
    data = bytearray(victim.read_bytes())
    data[-8:] = b"\xff" * 8  # same size, different content
    victim.write_bytes(bytes(data))
    key = victim.name.split(".")[0]
    doc = json.loads(victim.with_suffix(".json").read_text())["doc_id"]
    path = Path(workspace.corpus_dir) / EDITED
    path.write_text(path.read_text(encoding="utf-8") + MARKER, encoding="utf-8")
    update(workspace)
    embedding = loaded(workspace).manifest["embedding"]
    assert embedding["documents_embedded"] == 2  # the edited one and the damaged one
    assert doc != "pmc3782548"
    assert np.load(cache / f"{key}.npy").tobytes() != bytes(data)  # rewritten, and verifiable
    assert update(workspace) == store.check(workspace).build
