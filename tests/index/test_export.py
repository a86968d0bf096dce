"""Model resolution (sha256 check) and the ONNX export, compared with sentence-transformers."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from qa.index.export import (
    encode_passages,
    encode_with_sentence_transformers,
    load_sentence_transformer,
)
from qa.index.model_source import packaged_model_path, resolve_model, sha256_file
from qa.errors import QAError
from qa.index.encoder import ENCODER_FILE, ONNX_FILE, EncoderInfo, OnnxQueryEncoder
from qa.settings import PACKAGED_MODEL, PACKAGED_MODEL_SHA256, PROJECT_ROOT

MAX_SEQ_LENGTH = 256

QUESTIONS = [
    "?",
    "MSC",
    "GVHD",
    "Which sources were used for SLE?",
    "What is the role of IDO in MSC-mediated immunosuppression?",
    "Do MSCs express HLA class II?",
    "Which trials used umbilical cord-derived cells for lupus nephritis, and what was the outcome?",
    "How do TGF-β1, IFN-γ and TNF-α affect the immunomodulatory phenotype of stromal cells?",
    "Dose: 1 × 10^6 cells/kg intravenously — was that safe?",
    "Are MSCs CD105+, CD73+ and CD90+ but CD34−, CD45− and HLA-DR−?",
    "Mesenchymale Stammzellen bei Morbus Crohn: welche Studien?",
    "骨髓间充质干细胞 治疗 狼疮",
    "steroid-resistant acute graft-versus-host disease",
    "What happened in the phase III trial of remestemcel-L (Prochymal)?",
    "chimerism of donor-derived MSCs after allogeneic HSCT",
    "Can MSCs become malignant or promote tumour growth?",
    "Compare adipose tissue and bone marrow as MSC sources for osteoarthritis cartilage repair.",
    "   leading and trailing whitespace   ",
    # Longer than the 256-token limit: exercises truncation.
    "Systematic comparison of mesenchymal stem cell therapies in autoimmune disease, including "
    "systemic lupus erythematosus, rheumatoid arthritis, multiple sclerosis, type 1 diabetes, "
    "Crohn's disease and systemic sclerosis, with attention to cell source, passage number, dose, "
    "route of administration, timing relative to immunosuppression, outcome measures, adverse "
    "events, follow-up duration and the mechanisms proposed for the observed effects. " * 4,
    "α β γ δ ε — Greek letters only",
]


@pytest.fixture(scope="session")
def packaged_source() -> Any:
    return resolve_model(PACKAGED_MODEL)


@pytest.fixture(scope="session")
def st_model(packaged_source: Any) -> Any:
    return load_sentence_transformer(packaged_source, MAX_SEQ_LENGTH)


def test_packaged_model_resolves_to_verified_weights(packaged_source: Any) -> None:
    assert packaged_source.id == PACKAGED_MODEL
    assert packaged_source.path == packaged_model_path()
    assert (packaged_source.path / "model.safetensors").is_file()
    assert packaged_source.weights_sha256 == PACKAGED_MODEL_SHA256


def test_altered_packaged_weights_are_refused(tmp_path: Path) -> None:
    copy = tmp_path / "model"
    shutil.copytree(packaged_model_path(), copy)
    weights = copy / "model.safetensors"
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 0xFF
    weights.write_bytes(bytes(data))
    with pytest.raises(QAError, match="sha256") as caught:
        resolve_model(PACKAGED_MODEL, packaged_path=copy)
    assert "\n" not in str(caught.value)
    # The same folder given as a local path is accepted, with its own (different) hash.
    local = resolve_model(str(copy))
    assert local.path == copy.resolve()
    assert local.weights_sha256 == sha256_file(weights) != PACKAGED_MODEL_SHA256


def test_other_model_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(QAError, match="unknown packaged model"):
        resolve_model("packaged:bge-small")
    with pytest.raises(QAError, match="not found"):
        resolve_model(str(tmp_path / "no-such-model"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(QAError, match="modules.json"):
        resolve_model(str(tmp_path / "empty"))
    # offline (the default), a hub name not in the local cache fails before any work
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(QAError, match="not in the Hugging Face cache"):
        resolve_model("no-such-org/no-such-model-for-qa")
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")  # downloads allowed: left to sentence-transformers
    hub = resolve_model("sentence-transformers/all-mpnet-base-v2")
    assert hub.path is None and hub.load_target == hub.id and hub.weights_sha256 == ""


def test_a_failed_export_in_the_child_process_is_one_clear_line(tmp_path: Path) -> None:
    """The export runs in a child interpreter (torch stays out of the building process); a
    model folder sentence-transformers cannot load comes back as the same one-line QAError."""
    from qa.index.export import cached_export
    from qa.index.model_source import ModelSource

    broken = tmp_path / "model"
    broken.mkdir()
    (broken / "modules.json").write_text("not json", encoding="utf-8")
    source = ModelSource("broken-model", broken, "0" * 64)
    with pytest.raises(QAError, match="cannot load embedding model 'broken-model'") as caught:
        cached_export(source, tmp_path / "encoder", MAX_SEQ_LENGTH, tmp_path / "cache")
    assert "\n" not in str(caught.value) and "Traceback" not in str(caught.value)
    assert not (tmp_path / "encoder" / ENCODER_FILE).exists()
    assert not any((tmp_path / "cache").glob("*.result.json"))


def test_a_build_exports_while_it_ingests_and_reports_the_exports_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`build` runs the export beside ingestion: the body runs while the export does, leaving
    waits for the export, and an export error is still the one clear line (after the body)."""
    import threading

    from qa.index import export as export_module
    from qa.index.build import CACHE_DIR, _export_alongside
    from qa.index.export import export_entry
    from qa.index.model_source import ModelSource
    from qa.settings import Settings

    monkeypatch.setenv("QA_CACHE_DIR", str(tmp_path / "exports"))
    broken = tmp_path / "model"
    broken.mkdir()
    (broken / "modules.json").write_text("not json", encoding="utf-8")
    source = ModelSource("broken-model", broken, "0" * 64)
    settings = Settings.from_env(index_dir=tmp_path / "index")
    with pytest.raises(QAError, match="cannot load embedding model 'broken-model'"):
        with _export_alongside(source, settings, tmp_path / "index") as exporting:
            assert exporting
    # concurrency, without timing: an export that can only finish once the body has run
    body_ran, finished = threading.Event(), []

    def export_waiting_for_the_body(*args: Any) -> Path:
        assert body_ran.wait(60), "the body did not run beside the export"
        finished.append(True)
        return tmp_path

    with monkeypatch.context() as patch:
        patch.setattr(export_module, "ensure_export", export_waiting_for_the_body)
        with _export_alongside(source, settings, tmp_path / "other") as exporting:
            assert exporting and not finished
            body_ran.set()
    assert finished  # leaving waited for the export
    # the body's own error wins, and nothing is left half-written in the cache
    with pytest.raises(ValueError, match="ingestion failed"):
        with _export_alongside(source, settings, tmp_path / "index"):
            raise ValueError("ingestion failed")
    cache = tmp_path / "exports"
    assert not list(cache.glob(".tmp-encoder-*")) and not list(cache.glob("encoder-*"))
    assert not (tmp_path / "index" / CACHE_DIR).exists()  # exports are cached per user, not per index
    # an export already in the cache: nothing runs beside the body
    entry = export_entry(source, settings.index.max_seq_length, cache)
    entry.mkdir(parents=True)
    (entry / ENCODER_FILE).write_text("{}", encoding="utf-8")
    with _export_alongside(source, settings, tmp_path / "index") as exporting:
        assert not exporting


@pytest.mark.slow
def test_export_metadata_describes_the_files(encoder_dir: Path) -> None:
    info = EncoderInfo.read(encoder_dir)
    assert info.model_id == PACKAGED_MODEL
    assert info.weights_sha256 == PACKAGED_MODEL_SHA256
    assert info.onnx_sha256 == sha256_file(encoder_dir / ONNX_FILE)
    assert info.onnx_bytes == (encoder_dir / ONNX_FILE).stat().st_size
    # all-MiniLM-L6-v2: 384-d mean pooling followed by a Normalize module.
    assert (info.dimension, info.pooling_modes, info.normalize) == (384, ("mean",), True)
    assert info.max_seq_length == MAX_SEQ_LENGTH
    assert set(info.input_names) == {"input_ids", "attention_mask", "token_type_ids"}


@pytest.mark.slow
def test_onnx_question_embeddings_match_sentence_transformers(encoder_dir: Path, st_model: Any) -> None:
    longest = max(len(st_model.tokenizer(q)["input_ids"]) for q in QUESTIONS)
    assert longest > MAX_SEQ_LENGTH, "the question set must exercise truncation"
    onnx = OnnxQueryEncoder(encoder_dir).encode(QUESTIONS)
    reference = st_model.encode(QUESTIONS, normalize_embeddings=True, convert_to_numpy=True)
    cosine = (onnx * reference).sum(axis=1)
    assert onnx.shape == reference.shape == (len(QUESTIONS), 384)
    np.testing.assert_allclose(np.linalg.norm(onnx, axis=1), 1.0, atol=1e-5)
    assert cosine.min() >= 0.9999, dict(zip(QUESTIONS, cosine.round(6)))


@pytest.mark.slow
def test_passage_embeddings_match_sentence_transformers(encoder_dir: Path, st_model: Any) -> None:
    words = " ".join(p.read_text(encoding="utf-8") for p in sorted((PROJECT_ROOT / "corpus").glob("*.txt"))).split()
    passages = [" ".join(words[i : i + 150]) for i in range(0, 150 * 40, 150)]
    vectors = encode_passages(passages, encoder_dir)
    reference = encode_with_sentence_transformers(st_model, passages)
    assert vectors.dtype == np.float32 and vectors.shape == (40, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert (vectors * reference).sum(axis=1).min() >= 0.9999


def test_the_export_cache_is_the_users_unless_it_cannot_be_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One export serves every library and rebuilt index of a user: QA_CACHE_DIR, else
    $XDG_CACHE_HOME/qa; an index's own .cache when that folder cannot be made."""
    from qa.index.export import export_cache

    monkeypatch.setenv("QA_CACHE_DIR", str(tmp_path / "mine"))
    assert export_cache(tmp_path / "index") == tmp_path / "mine" and (tmp_path / "mine").is_dir()
    monkeypatch.delenv("QA_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert export_cache(tmp_path / "index") == tmp_path / "xdg" / "qa"
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("QA_CACHE_DIR", str(tmp_path / "file" / "qa"))
    assert export_cache(tmp_path / "index") == tmp_path / "index" / ".cache"


def test_an_export_finished_by_another_build_first_is_used(encoder_dir: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Two libraries building at once share the cache: the export that loses the rename uses
    the winner's complete entry instead of failing; a damaged winner is still an error."""
    from qa.index import export as export_module
    from qa.index import export_child
    from qa.index.model_source import ModelSource

    source = ModelSource("some-model", tmp_path / "model", "1" * 64)
    cache = tmp_path / "cache"
    entry = export_module.export_entry(source, MAX_SEQ_LENGTH, cache)

    def another_build_wins(source: Any, out: Path, max_seq_length: int) -> None:
        shutil.copytree(encoder_dir, out)  # ours, complete
        shutil.copytree(encoder_dir, entry)  # the other build's, renamed into place first

    monkeypatch.setattr(export_child, "export_in_child", another_build_wins)
    assert export_module.ensure_export(source, MAX_SEQ_LENGTH, cache) == entry
    assert not list(cache.glob(".tmp-encoder-*"))

    def a_damaged_folder_is_there(source: Any, out: Path, max_seq_length: int) -> None:
        shutil.copytree(encoder_dir, out)
        shutil.copytree(encoder_dir, entry)
        (entry / ONNX_FILE).write_bytes(b"damaged")

    shutil.rmtree(entry)
    monkeypatch.setattr(export_child, "export_in_child", a_damaged_folder_is_there)
    with pytest.raises(OSError):
        export_module.ensure_export(source, MAX_SEQ_LENGTH, cache)
    assert not list(cache.glob(".tmp-encoder-*"))
