"""bench/build_time.py and bench/build_scaling.py time "a full `qa` build of the real corpus into an empty temporary index dir"
(bench/README.md; the README's "full index build from an empty `index/`"). Since the ONNX export is
cached per user and a build reads the project index's embedding cache, a build into an empty folder
skipped the export and the embedding, and the script timed 7.5 s of ingestion and writing
(documentation audit 32). Their build environment (`bench/_common.cold_env`) must leave both caches
out: read here by the real settings and the real export-cache lookup the build uses."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from qa.index.export import export_cache
from qa.settings import Settings

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _bench(name: str):
    sys.path.insert(0, str(BENCH))  # the scripts import their sibling _common
    try:
        spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCH))


def test_a_timed_build_reuses_no_export_and_no_project_vectors(tmp_path, monkeypatch):
    cache, index = tmp_path / "cache", tmp_path / "index"
    common = _bench("_common")
    # both build benchmarks run their builds in it
    for script in ("build_time.py", "build_scaling.py"):
        assert "cold_env(" in (BENCH / script).read_text(encoding="utf-8"), script
    env = common.cold_env(str(cache))
    assert env["HF_HUB_OFFLINE"] == "1"
    for name in ("QA_CACHE_DIR", "QA_REUSE_PROJECT_EMBEDDINGS"):
        monkeypatch.setenv(name, env[name])
    # the build's own readings: the export is looked up (and so made) in the run's empty folder ...
    assert export_cache(index) == cache and list(cache.iterdir()) == []
    # ... and the project index's embedding cache is not read
    assert Settings.from_env(index_dir=index).index.reuse_project_embeddings is False
    # without them, a user's build reuses both (what the script timed before)
    monkeypatch.delenv("QA_CACHE_DIR")
    monkeypatch.delenv("QA_REUSE_PROJECT_EMBEDDINGS")
    assert export_cache(index) != cache
    assert Settings.from_env(index_dir=index).index.reuse_project_embeddings is True
