"""Incremental rebuilds: only new or changed documents are embedded (an edit becomes a new
segment, the old version tombstoned: see also test_segments.py); damaged cache entries are
recomputed by a full build; neither path needs torch nor sentence-transformers."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from conftest import CORPUS, ROOT, loaded_index
from qa.index import dense, store
from qa.index.build import build, update
from qa.index.embed_cache import CACHE, EMBEDDINGS
from qa.retrieval.retriever import Retriever
from qa.settings import Settings

EDITED = "pmc3782548_mscs_in_allogeneic_hsct.txt"
MARKER = "\n\nZebrafish xenotransplantation of MSCs is a new marker sentence for the incremental test.\n"


@pytest.fixture()
def workspace(index, settings, tmp_path) -> Settings:
    """A corpus copy and a copy of the real index folder (builds and embedding cache)."""
    shutil.copytree(CORPUS, tmp_path / "corpus")
    shutil.copytree(settings.index_dir, tmp_path / "index", ignore=shutil.ignore_patterns(".lock"))
    return Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index")


def vectors_by_passage(index) -> dict[str, np.ndarray]:
    """Passage id -> vector of the live rows (a replaced document's new version wins)."""
    parts = getattr(index.dense, "parts", [index.dense])
    stored = np.concatenate([dense.vectors(part) for part in parts])
    rows = [int(r) for d in index.doc_ids for r in index.rows_of_doc(d)]
    return {index.passages[r].id: stored[r] for r in rows}


def test_editing_one_document_embeds_only_it_without_torch(workspace):
    """`update` in a fresh process, as `qa add` would call it: the edited document is
    re-ingested and embedded into a new segment with the build's ONNX encoder, the others are
    untouched (their vectors bit for bit), torch never imported."""
    old = vectors_by_passage(loaded_index(workspace))
    path = Path(workspace.corpus_dir) / EDITED
    path.write_text(path.read_text(encoding="utf-8") + MARKER, encoding="utf-8")
    assert store.check(workspace).state == "stale"
    code = (
        "import sys\n"
        "from qa.settings import Settings\n"
        "from qa.index.build import build, update\n"
        f"update(Settings(corpus_dir={str(workspace.corpus_dir)!r}, index_dir={str(workspace.index_dir)!r}),\n"
        "       progress=lambda f, m: print(m))\n"
        "print(sorted(m for m in ('torch', 'sentence_transformers', 'transformers') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stderr[-1000:]
    lines = result.stdout.strip().splitlines()
    assert lines[-1] == "[]"
    assert any("adding 1 and removing 1 documents as a segment" in m for m in lines)
    after = loaded_index(workspace)
    assert after.manifest["embedding"]["documents_embedded"] == 1
    assert after.manifest["segments"][0]["deleted"] == ["pmc3782548"]
    assert after.manifest["segments"][1]["documents"] == ["pmc3782548"]
    assert any("Zebrafish" in after.passages[r].text for r in after.rows_of_doc("pmc3782548"))
    new = vectors_by_passage(after)
    unchanged = [i for i in new if after.passages[after.rows[i]].doc_id != "pmc3782548"]
    assert unchanged and all(np.array_equal(new[i], old[i]) for i in unchanged)
    # an unchanged corpus: update() is a no-op returning the live build
    assert update(workspace) == store.check(workspace).build


def test_a_damaged_cache_entry_is_recomputed(workspace):
    workspace = workspace.replace(reuse_project_embeddings=False)  # (else the project's copy is read)
    cache = Path(workspace.index_dir) / CACHE / EMBEDDINGS
    entries = sorted(cache.glob("*.npy"))
    assert len(entries) == len(loaded_index(workspace).doc_ids)
    victim = next(e for e in entries if json.loads(e.with_suffix(".json").read_text())["doc_id"] != "pmc3782548")
    data = bytearray(victim.read_bytes())
    data[-8:] = b"\xff" * 8  # same size, different content
    victim.write_bytes(bytes(data))
    key = victim.name.split(".")[0]
    doc = json.loads(victim.with_suffix(".json").read_text())["doc_id"]
    path = Path(workspace.corpus_dir) / EDITED
    path.write_text(path.read_text(encoding="utf-8") + MARKER, encoding="utf-8")
    build(workspace)  # a full build reads every document's cache entry (an update only the edited one's)
    embedding = loaded_index(workspace).manifest["embedding"]
    assert embedding["documents_embedded"] == 2  # the edited one and the damaged one
    assert doc != "pmc3782548"
    assert np.load(cache / f"{key}.npy").tobytes() != bytes(data)  # rewritten, and verifiable
    assert update(workspace) == store.check(workspace).build


def test_a_damaged_token_cache_entry_is_recomputed(workspace):
    """Robustness hunt: a token cache entry edited so that it still parsed ("lupus" -> "lupuz")
    survived `qa index --force` and `--verify`, and BM25 no longer found the word. Token
    entries carry the sha256 of their rows, as vector entries do."""
    cache = Path(workspace.index_dir) / CACHE / EMBEDDINGS
    entries = sorted(cache.glob("t*.tokens.json"))
    assert entries
    for entry in entries:
        stored = json.loads(entry.read_text(encoding="utf-8"))
        stored["rows"] = [["zqxdamagedzqx" if t == "gvhd" else t for t in row] for row in stored["rows"]]
        entry.write_text(json.dumps(stored), encoding="utf-8")
    build(workspace)
    hits = Retriever(workspace).search("GVHD", k=3, mode="bm25")
    assert hits and all(json.loads(e.read_text())["sha256"] for e in entries)
    assert not any("zqxdamagedzqx" in row for e in entries for row in json.loads(e.read_text())["rows"])


def test_the_warning_of_a_removed_unreadable_entry_goes_with_it(workspace):
    """User trial 10 (A8): an entry with an empty file ('emptydoc: empty.txt is empty') was
    warned about; after the entry and the file were removed, every later build still carried the
    warning (the document had never been indexed, so it was not among the removed ones)."""
    corpus = Path(workspace.corpus_dir)
    manifest = corpus / "manifest.toml"
    original = manifest.read_text(encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    manifest.write_text(original + '\n[[documents]]\nid = "emptydoc"\nfile = "empty.txt"\n', encoding="utf-8")
    update(workspace)
    assert any(w.startswith("emptydoc: ") for w in loaded_index(workspace).manifest["warnings"])
    manifest.write_text(original, encoding="utf-8")
    (corpus / "empty.txt").unlink()
    path = corpus / EDITED  # another change in the same update: the build is a segment add
    path.write_text(path.read_text(encoding="utf-8") + MARKER, encoding="utf-8")
    update(workspace)
    after = loaded_index(workspace)
    assert after.manifest.get("segments"), "the second update was a segment add"
    assert not any(w.startswith("emptydoc") for w in after.manifest["warnings"]), after.manifest["warnings"]
