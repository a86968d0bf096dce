"""An index-corruption matrix: truncate, flip one byte, delete or replace with garbage EVERY
file of a build (as the manifest lists them, plus manifest.json and CURRENT): each is detected
and reported in one line naming the file, and rebuilt; never a wrong answer, never a crash.

One small fixture build (the smallest review) is made once; each case damages a private copy
of it (hard links, the damaged file rewritten), so the matrix runs in seconds. Real rebuilds
are exercised on a few cases; a reader whose build folder vanished reloads the current one.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS, ROOT
from qa.answer.answerer import Answerer
from qa.errors import IndexError_
from qa.index import fingerprints, store
from qa.index.load import open_index
from qa.retrieval.retriever import Retriever
from qa.settings import Settings

pytestmark = pytest.mark.slow
DOC = "pmc3782548_mscs_in_allogeneic_hsct.txt"
QUESTIONS = ["Which sources of MSCs were used?", "What is the chimerism of donor-derived MSCs?"]


@pytest.fixture(scope="module")
def fixture_build(tmp_path_factory) -> tuple[Path, Path, dict]:
    """(corpus, index folder, reference results) of one small pristine build."""
    base = tmp_path_factory.mktemp("matrix")
    corpus = base / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / DOC, corpus / DOC)
    shutil.copy(CORPUS / "synonyms.toml", corpus / "synonyms.toml")
    (corpus / "manifest.toml").write_text(f'[[documents]]\nid = "pmc"\nfile = "{DOC}"\n', encoding="utf-8")
    settings = Settings(corpus_dir=corpus, index_dir=base / "index")
    open_index(settings)
    return corpus, base / "index", results(settings)


def results(settings: Settings) -> dict:
    answerer = Answerer(retriever=Retriever(settings))
    return {q: answerer.ask(q).model_dump() for q in QUESTIONS}


def private_copy(fixture_build, tmp_path: Path) -> Settings:
    """The fixture index, hard-linked (damage must rewrite a file, never edit it in place)."""
    corpus, index, _ = fixture_build
    shutil.copytree(index, tmp_path / "index", copy_function=os.link)
    return Settings(corpus_dir=corpus, index_dir=tmp_path / "index")


def rewrite(path: Path, data: bytes | None) -> None:
    path.unlink()
    if data is not None:
        path.write_bytes(data)


def damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "delete":
        rewrite(path, None)
    elif how == "truncate":
        rewrite(path, data[: len(data) // 2])
    elif how == "garbage":  # same size: only a checksum can tell
        rewrite(path, os.urandom(len(data)))
    else:  # flip-first, flip-middle, flip-last: one bit of one byte
        at = {"flip-first": 0, "flip-middle": len(data) // 2, "flip-last": len(data) - 1}[how]
        changed = bytearray(data)
        changed[at] ^= 0x01
        rewrite(path, bytes(changed))


def build_files(fixture_build) -> list[str]:
    _, index, _ = fixture_build
    build = store.current_build(index)
    manifest = json.loads((build / store.MANIFEST).read_text())
    return sorted(manifest["files"])


DAMAGE = ["truncate", "flip-first", "flip-middle", "flip-last", "delete", "garbage"]


def test_the_matrix_covers_every_file_of_the_build(fixture_build):
    files = build_files(fixture_build)
    assert {"passages.jsonl", "dense.faiss", "sentences.vectors.npy", "bm25.weights.npy",
            "encoder/model.onnx", "encoder/tokenizer.json"} <= set(files)
    build = store.current_build(fixture_build[1])
    on_disk = {p.relative_to(build).as_posix() for p in build.rglob("*") if p.is_file()}
    assert on_disk == set(files) | {store.MANIFEST}  # nothing unlisted escapes verification


@pytest.mark.parametrize("how", DAMAGE)
def test_damage_to_any_build_file_is_detected_in_one_line(fixture_build, tmp_path, how):
    for rel in build_files(fixture_build) + [store.MANIFEST]:
        case = tmp_path / f"{rel.replace('/', '_')}"
        settings = private_copy(fixture_build, case)
        build = store.current_build(Path(settings.index_dir))
        damage(build / rel, how)
        state = store.check(settings)
        assert state.state == "corrupt", (rel, how, state)
        assert rel in state.reason and "\n" not in state.reason, (rel, how, state.reason)
        with pytest.raises(IndexError_) as caught:
            open_index(settings, rebuild=False)
        assert "\n" not in str(caught.value) and rel in str(caught.value)
        shutil.rmtree(case)


@pytest.mark.parametrize("how", DAMAGE + ["empty", "no newline", "extra line", "other build", "folder"])
def test_damage_to_current_is_detected_in_one_line(fixture_build, tmp_path, how):
    settings = private_copy(fixture_build, tmp_path)
    pointer = Path(settings.index_dir) / store.CURRENT
    text = pointer.read_text()
    if how in DAMAGE:
        damage(pointer, how)
    elif how == "empty":
        rewrite(pointer, b"")
    elif how == "no newline":
        rewrite(pointer, text.strip().encode())
    elif how == "extra line":
        rewrite(pointer, (text + text).encode())
    elif how == "other build":
        rewrite(pointer, text.replace("build-", "build-0").encode())
    else:
        rewrite(pointer, None)
        pointer.mkdir()
    state = store.check(settings)
    if how == "delete":  # no pointer at all: nothing built yet, as far as anyone can tell
        assert state.state == "missing"
        return
    assert state.state == "corrupt" and "CURRENT" in state.reason and "\n" not in state.reason, state


def test_current_undecodable_is_repaired_by_the_next_command(fixture_build, tmp_path):
    """Through the CLI: one line says why, the index is rebuilt, the answer is the right one."""
    settings = private_copy(fixture_build, tmp_path)
    rewrite(Path(settings.index_dir) / store.CURRENT, b"\xff\xfe\x00garbage\n")
    result = subprocess.run(
        [sys.executable, "-m", "qa", "ask", QUESTIONS[0], "--json", "--corpus-dir", str(settings.corpus_dir),
         "--index-dir", str(settings.index_dir)], capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert result.returncode == 0, result.stderr
    assert "index is corrupt (CURRENT is damaged" in result.stderr
    assert "Traceback" not in result.stderr
    same = ("text", "doc_id", "passage_id", "start", "end")  # the CLI's JSON adds display fields
    assert ([{k: sp[k] for k in same} for sp in json.loads(result.stdout)["spans"]]
            == [{k: sp[k] for k in same} for sp in fixture_build[2][QUESTIONS[0]]["spans"]])
    assert store.check(settings).ready


def test_flipped_sentence_vector_is_rebuilt_never_a_wrong_answer(fixture_build, tmp_path):
    settings = private_copy(fixture_build, tmp_path)
    build = store.current_build(Path(settings.index_dir))
    damage(build / "sentences.vectors.npy", "flip-middle")
    messages: list[str] = []
    index = open_index(settings, progress=lambda f, m: messages.append(m))
    assert any("corrupt" in m and "sentences.vectors.npy" in m for m in messages), messages
    assert index.build != build
    assert results(settings) == fixture_build[2]


def test_swapped_tokenizer_entries_make_the_index_stale(fixture_build, tmp_path):
    """The model folder's tokenizer and vocabulary are part of what the index was built with."""
    from qa.index.model_source import packaged_model_path

    model = tmp_path / "model"
    shutil.copytree(packaged_model_path(), model, copy_function=os.link)
    settings = private_copy(fixture_build, tmp_path / "copy").replace(model=str(model))
    manifest = store.check(private_copy(fixture_build, tmp_path / "ref")).manifest
    # point the copy's manifest at the model copy, as if it had been built from it
    build = store.current_build(Path(settings.index_dir))
    manifest = {**manifest, "settings": settings.index_settings(),
                "model": {**manifest["model"], "path": str(model)}}
    rewrite(build / store.MANIFEST, json.dumps(manifest, indent=1).encode())
    rewrite(Path(settings.index_dir) / store.CURRENT,
            f"{build.name} {fingerprints.file_xxh3(build / store.MANIFEST)}\n".encode())
    assert store.check(settings).ready
    vocab = (model / "vocab.txt").read_text(encoding="utf-8").split("\n")
    vocab[2000], vocab[2001] = vocab[2001], vocab[2000]
    rewrite(model / "vocab.txt", "\n".join(vocab).encode())
    state = store.check(settings)
    assert state.state == "stale" and "vocab.txt" in state.reason


def test_reader_whose_build_was_deleted_reloads_the_current_one(fixture_build, tmp_path):
    """Another process rebuilt twice: the old build folder is gone. A long-lived reader (an idle
    TUI, a library user) keeps answering, from the current build, with the same answers."""
    from qa.app.service import QAService

    settings = private_copy(fixture_build, tmp_path)
    index_dir = Path(settings.index_dir)
    answerer = Answerer(retriever=Retriever(settings))
    service = QAService(settings)
    service.ensure_index()
    old = answerer.index.build  # loaded; sentence vectors and documents not read yet
    # what two rebuilds leave on disk: a new build published through CURRENT, the old one gone
    new = index_dir / "build-000000000000-1"
    shutil.copytree(old, new, copy_function=os.link)
    rewrite(index_dir / store.CURRENT, f"{new.name} {fingerprints.file_xxh3(new / store.MANIFEST)}\n".encode())
    shutil.rmtree(old)
    assert {q: answerer.ask(q).model_dump() for q in QUESTIONS} == fixture_build[2]
    assert answerer.index.build == new
    assert service.ask(QUESTIONS[0]).model_dump() == fixture_build[2][QUESTIONS[0]]
    assert service.passages_citing("pmc", "1") is not None
