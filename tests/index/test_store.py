"""The persisted index: round trip, staleness, corruption, killed and concurrent builds."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import CORPUS, ROOT, ask_with_mode, run_qa
from qa.index import fingerprints, store
from qa.index.load import load, open_index
from qa.retrieval.retriever import Retriever
from qa.settings import Settings

pytestmark = pytest.mark.slow
QUESTIONS = ["Which sources were used for GVHD?", "cotransplantation of MSCs with HSCs",
             "nitric oxide T cell proliferation", "umbilical cord blood MSC frequency"]


SMALL_DOC = "pmc3782548"  # the shortest review: builds in seconds, still real text and citations


def small_corpus(dest: Path) -> Path:
    """A one-document copy of the real corpus (its manifest entry and text, unchanged)."""
    dest.mkdir(parents=True)
    header, *entries = (CORPUS / "manifest.toml").read_text(encoding="utf-8").split("\n[[documents]]\n")
    entry = next(e for e in entries if f'id = "{SMALL_DOC}"' in e)
    (dest / "manifest.toml").write_text(header + "\n[[documents]]\n" + entry, encoding="utf-8")
    for name in ("pmc3782548_mscs_in_allogeneic_hsct.txt", "synonyms.toml"):
        shutil.copy2(CORPUS / name, dest / name)
    return dest


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """A small corpus and an index built from it, once for this module (cases copy both)."""
    base = tmp_path_factory.mktemp("built")
    corpus = small_corpus(base / "corpus")
    settings = Settings(corpus_dir=corpus, index_dir=base / "index")
    open_index(settings, progress=store.no_progress)
    return corpus, base / "index"


@pytest.fixture()
def workspace(built, tmp_path) -> Settings:
    corpus, index = built
    shutil.copytree(corpus, tmp_path / "corpus")
    shutil.copytree(index, tmp_path / "index")
    return Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index")


def ranking(settings: Settings) -> list[list[tuple[str, float]]]:
    retriever = Retriever(settings)
    return [[(h.passage.id, round(h.score, 6)) for h in retriever.search(q, k=10)] for q in QUESTIONS]


def test_round_trip_identical(workspace):
    from qa.ingest.pipeline import ingest_corpus

    corpus = ingest_corpus(workspace)
    state = store.check(workspace)
    assert state.ready, state.reason
    index = load(state.build, state.manifest)
    # passages on disk are exactly what ingestion produced, in row order
    assert [p.model_dump() for p in index.passages] == [p.model_dump() for p in corpus.passages]
    before = ranking(workspace)
    from qa.index.build import build

    build(workspace)  # a fresh build of the same corpus gives the same results
    assert store.check(workspace).build != state.build
    assert ranking(workspace) == before
    assert store.verify_files(store.check(workspace).build, store.check(workspace).manifest, full=True) is None


def test_manifest_documents_the_build(workspace):
    state = store.check(workspace)
    m = state.manifest
    assert m["schema_version"] == store.SCHEMA_VERSION
    assert m["model"]["weights_sha256"] == "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
    assert m["model"]["dimension"] == 384
    assert set(m["corpus"]["files"]) >= {"manifest.toml", "pmc3782548_mscs_in_allogeneic_hsct.txt"}
    from qa.index import bm25, rowstore

    assert {"dense.faiss", "encoder/model.onnx", *bm25.FILES, *rowstore.FILES} <= set(m["files"])
    rows = (state.build / "passages.jsonl").read_text().splitlines()
    assert len(rows) == m["counts"]["passages"]


def test_corpus_edit_makes_index_stale_and_rebuilds(workspace):
    doc = Path(workspace.corpus_dir) / "pmc3782548_mscs_in_allogeneic_hsct.txt"
    doc.write_text(doc.read_text() + "\n\nZebrafish xenotransplantation of MSCs is a new marker sentence.\n")
    state = store.check(workspace)
    assert state.state == "stale" and "corpus" in state.reason
    index = open_index(workspace, progress=store.no_progress)
    assert any("Zebrafish" in p.text for p in index.passages)
    assert store.check(workspace).ready


def test_an_edit_during_a_build_leaves_the_index_stale_not_falsely_fresh(workspace):
    """Robustness hunt: a corpus file edited while a build ran was recorded as indexed (its hash
    was taken after the build), so `--check` said up to date and the edit was never searched.
    Here the edit lands right after the corpus is read; the next check must find it stale."""
    from qa.index.build import build

    doc = Path(workspace.corpus_dir) / "pmc3782548_mscs_in_allogeneic_hsct.txt"
    edited = []

    def progress(fraction: float, message: str) -> None:
        if fraction >= 0.15 and not edited:  # the corpus has been read and cleaned
            doc.write_text(doc.read_text() + "\n\nZorblaxian marker sentence added mid-build.\n")
            edited.append(message)

    build(workspace.replace(), progress=progress)
    assert edited
    state = store.check(workspace)
    assert state.state == "stale" and "corpus" in state.reason, state
    index = open_index(workspace, progress=store.no_progress)
    assert any("Zorblaxian" in p.text for p in index.passages)


def test_a_build_that_passes_its_checksums_but_fails_to_load_is_rebuilt(workspace):
    """Robustness hunt: a build file replaced by one that fails to load (a pickled object array,
    which is never unpickled) with its checksums rewritten to match was "rebuilt" as a no-op,
    so every command failed until `qa index --force`. A load failure now forces a full build."""
    import numpy as np

    index_dir = Path(workspace.index_dir)
    name = (index_dir / store.CURRENT).read_text().split()[0]
    build = index_dir / name
    np.save(build / "passages.offsets.npy", np.array([{"x": 1}], dtype=object), allow_pickle=True)
    manifest = json.loads((build / store.MANIFEST).read_text())
    manifest["files"] = store.describe_files(build)
    (build / store.MANIFEST).write_text(json.dumps(manifest))
    (index_dir / store.CURRENT).write_text(f"{name} {fingerprints.file_xxh3(build / store.MANIFEST)}\n")
    assert store.check(workspace).ready  # the damage passes the checksums
    index = open_index(workspace, progress=store.no_progress)
    assert index.passages and store.check(workspace).ready
    assert (index_dir / store.CURRENT).read_text().split()[0] != name  # a new build, not the damaged one


def test_same_size_edit_with_mtime_put_back_is_still_stale(workspace):
    """The freshness check trusts recorded hashes only for files whose stat is unchanged; an
    edit that keeps the size and restores the mtime still changes the ctime."""
    import os

    from qa.index.build import build

    corpus = Path(workspace.corpus_dir)
    old = time.time() - 60
    for path in corpus.iterdir():
        os.utime(path, (old, old))
    build(workspace)  # the manifest now records stats of old, non-racy files
    state = store.check(workspace)
    assert state.ready and state.manifest["corpus"]["stats"]
    doc = corpus / "pmc3782548_mscs_in_allogeneic_hsct.txt"
    text = doc.read_text()
    doc.write_text(text.replace("MSCs", "MSCZ", 1))
    os.utime(doc, (old, old))
    state = store.check(workspace)
    assert state.state == "stale" and "corpus" in state.reason


def test_settings_change_makes_index_stale(workspace):
    changed = workspace.replace(passage_max_words=150)
    assert store.check(changed).state == "stale"


@pytest.mark.parametrize("victim", ["passages.jsonl", "dense.faiss", "bm25.weights.npy", "passages.offsets.npy",
                                    "sentences.vectors.npy", "encoder/model.onnx"])
def test_truncated_file_is_detected_and_rebuilt(workspace, victim):
    build = store.check(workspace).build
    path = build / victim
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    state = store.check(workspace)
    assert state.state == "corrupt" and victim in state.reason
    messages: list[str] = []
    index = open_index(workspace, progress=lambda f, m: messages.append(m))
    assert any("corrupt" in m for m in messages)
    assert len(index.passages) > 0 and store.check(workspace).ready


def test_garbage_manifest_is_corrupt(workspace):
    build = store.check(workspace).build
    (build / "manifest.json").write_text("{not json")
    assert store.check(workspace).state == "corrupt"
    (build / "manifest.json").write_text(json.dumps([1, 2]))
    assert store.check(workspace).state == "corrupt"


def _index_cmd(settings: Settings, *extra: str) -> list[str]:
    return [sys.executable, "-m", "qa", "index", "--force", "--corpus-dir", str(settings.corpus_dir),
            "--index-dir", str(settings.index_dir), *extra]


def test_killed_build_leaves_previous_index_usable(workspace):
    # no cached export or embeddings: the build must do real work after the kill point
    shutil.rmtree(Path(workspace.index_dir) / ".cache", ignore_errors=True)
    before = store.check(workspace)
    proc = subprocess.Popen(_index_cmd(workspace), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={**os.environ, "QA_REUSE_PROJECT_EMBEDDINGS": "false"})
    # kill at a stage, not after a delay: the build reports each stage on stderr, and a fast
    # machine had finished this small build within the second a timed kill waited
    seen = []
    for line in proc.stderr:
        seen.append(line)
        if "embedding" in line:  # the encoder is running; writing and publishing are still to come
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "".join(seen)  # killed mid-build, not finished
    assert any(p.name.startswith(".tmp-") for p in Path(workspace.index_dir).iterdir())
    index_dir = Path(workspace.index_dir)
    after = store.check(workspace)
    assert after.ready and after.build == before.build
    assert ranking(workspace)  # still answers
    # the next build cleans up the dead build's leftovers
    open_index(workspace.replace(passage_max_words=190), progress=store.no_progress)
    assert not any(p.name.startswith(".tmp-") for p in index_dir.iterdir())


def test_two_concurrent_builds_do_not_corrupt(workspace):
    procs = [subprocess.Popen(_index_cmd(workspace), cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    state = store.check(workspace)
    assert state.ready
    assert store.verify_files(state.build, state.manifest, full=True) is None
    builds = [p for p in Path(workspace.index_dir).iterdir() if p.name.startswith("build-")]
    assert 1 <= len(builds) <= 2


def test_unreadable_index_dir_is_one_line_error(tmp_path):
    if hasattr(__import__("os"), "geteuid") and __import__("os").geteuid() == 0:
        # root can read anything: make "index" a file instead, which is unreadable as a folder
        bad = tmp_path / "index"
        bad.write_text("not a folder")
    else:  # pragma: no cover
        bad = tmp_path / "index"
        bad.mkdir()
        bad.chmod(0)
    result = run_qa("search", "SLE", "--index-dir", str(bad))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def _fingerprint(package_root: Path) -> str:
    """The build-code fingerprint as computed by the qa package found under `package_root`."""
    out = subprocess.run([sys.executable, "-c", "from qa.index import fingerprints; print(fingerprints.code_fingerprint())"],
                         cwd=package_root, env={"PYTHONPATH": str(package_root), "PATH": "/usr/bin:/bin"},
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def test_code_fingerprint_sees_moved_added_and_edited_modules(tmp_path):
    shutil.copytree(ROOT / "qa", tmp_path / "qa", ignore=shutil.ignore_patterns("__pycache__"))
    original = _fingerprint(tmp_path)
    assert original == fingerprints.code_fingerprint()  # same code, same fingerprint
    ingest = tmp_path / "qa" / "ingest"
    (ingest / "glossary.py").rename(ingest / "clean" / "glossary.py")  # moved, content unchanged
    moved = _fingerprint(tmp_path)
    assert moved != original
    (ingest / "clean" / "extra_rules.py").write_text("RULES = []\n")  # a new module
    added = _fingerprint(tmp_path)
    assert added not in (original, moved)
    (tmp_path / "qa" / "app" / "render.py").write_text("# front-end code does not shape the index\n")
    assert _fingerprint(tmp_path) == added


def test_garbage_collection_removes_a_pointer_a_killed_publish_left(tmp_path):
    """User trial 25: a build killed between writing `.CURRENT.<pid>` and swapping it in left that
    file in the index folder for good (only folders were collected)."""
    live, old, dead = (tmp_path / name for name in ("build-live", "build-old", "build-dead"))
    for folder in (live, old, dead):
        folder.mkdir()
    (tmp_path / f".{store.CURRENT}.12345").write_text("build-dead 0\n")
    (tmp_path / store.CURRENT).write_text("build-live 0\n")
    (tmp_path / ".lock").write_text("")
    store.collect_garbage(tmp_path, live, old)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".lock", store.CURRENT, "build-live", "build-old"]


def test_an_unreadable_current_is_named_and_not_rebuilt_over(workspace):
    """User trial 25: `CURRENT` chmod 000 said "cannot read the index at DIR: Permission denied",
    naming the folder (readable) rather than the file; it is a permission, so no rebuild (exit 3)."""
    current = Path(workspace.index_dir) / store.CURRENT
    before = current.read_bytes()
    result = ask_with_mode(current, 0, workspace.corpus_dir, workspace.index_dir)
    assert result.returncode == 3 and result.stdout == "", result
    assert result.stderr.strip() == f"qa: cannot read {current} (the index's build pointer): Permission denied"
    assert current.read_bytes() == before


def test_a_stale_index_in_a_read_only_folder_says_it_is_stale(workspace):
    """User trial 25: a stale index in a read-only folder was refused with "the index folder ... is
    not writable" only: right to refuse (exit 3), but the reason a build was needed was missing."""
    text = next(Path(workspace.corpus_dir).glob("*.txt"))
    text.write_text(text.read_text(encoding="utf-8") + "\nA sentence added by hand.\n", encoding="utf-8")
    index_dir = Path(workspace.index_dir)
    before = sorted(p.name for p in index_dir.iterdir())
    result = ask_with_mode(index_dir, 0o555, workspace.corpus_dir, index_dir)
    assert result.returncode == 3 and result.stdout == "", result
    assert result.stderr.strip() == (
        f"qa: the index is stale (the corpus changed) and cannot be updated there: the index folder {index_dir} "
        "is not writable; make the folder writable, or give a writable one with --index-dir (QA_INDEX_DIR)")
    assert sorted(p.name for p in index_dir.iterdir()) == before
