"""The torch-free query encoder: pooling maths, metadata, corrupt folders, no torch on import."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from qa.errors import IndexError_, QAError
from qa.index.encoder import (
    ENCODER_FILE,
    ONNX_FILE,
    TOKENIZER_FILE,
    EncoderInfo,
    OnnxQueryEncoder,
    l2_normalise,
    pool,
)
from qa.settings import PROJECT_ROOT

# Two sequences, three positions, two dimensions; the second has one padding position.
TOKENS = np.array(
    [
        [[1.0, 2.0], [3.0, 4.0], [5.0, 0.0]],
        [[2.0, -2.0], [4.0, 6.0], [100.0, 100.0]],
    ],
    dtype=np.float32,
)
MASK = np.array([[1, 1, 1], [1, 1, 0]], dtype=np.int64)


def test_mean_pooling_ignores_padding() -> None:
    pooled = pool(TOKENS, MASK, ("mean",))
    np.testing.assert_allclose(pooled, [[3.0, 2.0], [3.0, 2.0]])


def test_cls_max_sqrt_and_lasttoken_pooling() -> None:
    np.testing.assert_allclose(pool(TOKENS, MASK, ("cls",)), [[1.0, 2.0], [2.0, -2.0]])
    np.testing.assert_allclose(pool(TOKENS, MASK, ("max",)), [[5.0, 4.0], [4.0, 6.0]])
    # sum / sqrt(length): row 0 = (9, 6)/sqrt(3), row 1 = (6, 4)/sqrt(2)
    np.testing.assert_allclose(
        pool(TOKENS, MASK, ("mean_sqrt_len_tokens",)),
        [[9 / np.sqrt(3), 6 / np.sqrt(3)], [6 / np.sqrt(2), 4 / np.sqrt(2)]],
        rtol=1e-6,
    )
    np.testing.assert_allclose(pool(TOKENS, MASK, ("lasttoken",)), [[5.0, 0.0], [4.0, 6.0]])


def test_several_pooling_modes_are_concatenated_in_order() -> None:
    pooled = pool(TOKENS, MASK, ("cls", "mean"))
    np.testing.assert_allclose(pooled, [[1.0, 2.0, 3.0, 2.0], [2.0, -2.0, 3.0, 2.0]])
    with pytest.raises(ValueError):
        pool(TOKENS, MASK, ("weightedmean",))


def test_l2_normalise_gives_unit_rows_and_keeps_zero_rows() -> None:
    out = l2_normalise(np.array([[3.0, 4.0], [0.0, 0.0]]))
    np.testing.assert_allclose(out, [[0.6, 0.8], [0.0, 0.0]])
    assert out.dtype == np.float32


def _info(**changes: object) -> EncoderInfo:
    base = dict(
        model_id="m", weights_sha256="", dimension=4, max_seq_length=8, pooling_modes=("mean",),
        normalize=True, do_lower_case=False, input_names=("input_ids", "attention_mask"),
        pad_token_id=0, pad_token="[PAD]", onnx_sha256="x", onnx_bytes=1,
    )
    base.update(changes)
    return EncoderInfo(**base)  # type: ignore[arg-type]


def test_encoder_info_round_trips_and_rejects_malformed_metadata() -> None:
    info = _info()
    assert EncoderInfo.from_json(info.to_json()) == info
    with pytest.raises(ValueError):
        EncoderInfo.from_json(_info(pooling_modes=("weightedmean",)).to_json())
    with pytest.raises(ValueError):
        EncoderInfo.from_json(_info(format_version=99).to_json())
    broken = json.loads(info.to_json())
    del broken["dimension"]
    with pytest.raises(KeyError):
        EncoderInfo.from_json(json.dumps(broken))


def _copy(encoder_dir: Path, dest: Path) -> Path:
    shutil.copytree(encoder_dir, dest)
    return dest


@pytest.mark.slow
def test_missing_or_corrupt_files_raise_index_errors(encoder_dir: Path, tmp_path: Path) -> None:
    for name in (ENCODER_FILE, ONNX_FILE, TOKENIZER_FILE):
        broken = _copy(encoder_dir, tmp_path / f"missing-{name}")
        (broken / name).unlink()
        with pytest.raises(IndexError_, match="missing"):
            OnnxQueryEncoder(broken)

    garbled_meta = _copy(encoder_dir, tmp_path / "garbled-meta")
    (garbled_meta / ENCODER_FILE).write_text("{not json", encoding="utf-8")
    with pytest.raises(IndexError_, match="unreadable"):
        OnnxQueryEncoder(garbled_meta)

    truncated = _copy(encoder_dir, tmp_path / "truncated")
    data = (truncated / ONNX_FILE).read_bytes()
    (truncated / ONNX_FILE).write_bytes(data[: len(data) // 2])
    with pytest.raises(IndexError_, match="truncated"):
        OnnxQueryEncoder(truncated)

    # Same size, garbage content: passes the cheap checks, fails when the session loads.
    garbage = _copy(encoder_dir, tmp_path / "garbage")
    (garbage / ONNX_FILE).write_bytes(b"\x07" * len(data))
    encoder = OnnxQueryEncoder(garbage)
    with pytest.raises(QAError, match="unreadable"):
        encoder.encode(["stem cells"])

    bad_tokenizer = _copy(encoder_dir, tmp_path / "bad-tokenizer")
    (bad_tokenizer / TOKENIZER_FILE).write_text("[]", encoding="utf-8")
    with pytest.raises(IndexError_, match="tokenizer unreadable"):
        OnnxQueryEncoder(bad_tokenizer).load()


@pytest.mark.slow
def test_padding_and_batching_do_not_change_embeddings(encoder_dir: Path) -> None:
    encoder = OnnxQueryEncoder(encoder_dir)
    texts = [
        "MSC",
        "Which studies used umbilical cord-derived MSCs for lupus nephritis?",
        "Mesenchymal stromal cells suppress T-cell proliferation through indoleamine "
        "2,3-dioxygenase, prostaglandin E2 and TGF-β1 in co-culture assays.",
        "",
    ]
    together = encoder.encode(texts, batch_size=16)
    one_by_one = np.vstack([encoder.encode([t]) for t in texts])
    assert together.shape == (4, encoder.dimension) and together.dtype == np.float32
    np.testing.assert_allclose(together, one_by_one, atol=1e-5)
    np.testing.assert_allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    # Distinct texts give distinct vectors (the order of rows is the order of texts).
    assert float(together[0] @ together[1]) < 0.99
    assert encoder.encode([]).shape == (0, encoder.dimension)


def test_duplicates_and_batch_size_give_bit_identical_vectors(encoder_dir: Path) -> None:
    """Real corpus paragraphs of many lengths: a row's vector is the same bits whatever its
    batch (so the build may regroup and de-duplicate texts without changing the index)."""
    text = (PROJECT_ROOT / "corpus" / "kim2013_clinical_applications_of_mscs.txt").read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()][:24]
    texts = paragraphs + paragraphs[:5] + [paragraphs[3]]
    encoder = OnnxQueryEncoder(encoder_dir)
    together = encoder.encode(texts, batch_size=16)
    singly = np.vstack([encoder.encode([t], batch_size=1) for t in paragraphs])
    assert np.array_equal(together[: len(paragraphs)], singly)
    assert np.array_equal(together[len(paragraphs):], singly[[0, 1, 2, 3, 4, 3]])
    assert np.array_equal(encoder.encode(paragraphs, batch_size=5), singly)


def test_tokenizing_in_chunks_gives_the_same_bits(encoder_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A library is tokenized ENCODE_CHUNK texts at a time (memory); chunks regroup batches
    only, so the vectors, duplicates across chunks included, are those of one pass."""
    from qa.index import encoder as encoder_module

    text = (PROJECT_ROOT / "corpus" / "kim2013_clinical_applications_of_mscs.txt").read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()][:30]
    texts = paragraphs + paragraphs[2:9]
    whole = OnnxQueryEncoder(encoder_dir).encode(texts, batch_size=4)
    monkeypatch.setattr(encoder_module, "ENCODE_CHUNK", 7)
    assert np.array_equal(OnnxQueryEncoder(encoder_dir, workers=2).encode(texts, batch_size=4), whole)


def test_workers_give_the_same_bits_as_one_session(encoder_dir: Path) -> None:
    """Bulk encoding on several threads (a build) may not change a single vector, in either
    embedding mode: each batch is the same computation, only run on another core."""
    text = (PROJECT_ROOT / "corpus" / "kim2013_clinical_applications_of_mscs.txt").read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()][:40]
    texts = paragraphs + paragraphs[:3]
    one, two = OnnxQueryEncoder(encoder_dir), OnnxQueryEncoder(encoder_dir, workers=2)
    assert two.workers == 2 and OnnxQueryEncoder(encoder_dir, workers=0).workers == 1
    single = one.encode(texts, batch_size=4)
    assert np.array_equal(two.encode(texts, batch_size=4), single)
    assert two._session.get_session_options().intra_op_num_threads == 1  # one core per batch
    # late chunking: the first sentence-ish span of each paragraph, and one past its end
    spans = [[(0, min(60, len(p))), (len(p) - 20, len(p))] for p in paragraphs]
    spans[1].append((len(paragraphs[1]) + 5, len(paragraphs[1]) + 9))  # no tokens: encoded alone
    text_one, span_one = one.encode_with_spans(paragraphs, spans, batch_size=4)
    text_two, span_two = two.encode_with_spans(paragraphs, spans, batch_size=4)
    assert np.array_equal(text_two, text_one) and np.array_equal(span_two, span_one)
    assert np.array_equal(text_one, single[: len(paragraphs)])


def test_a_failing_batch_fails_the_whole_bulk_encode(encoder_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    encoder = OnnxQueryEncoder(encoder_dir, workers=2).load()
    calls = []
    real = encoder._run

    def flaky(encodings):
        calls.append(len(encodings))
        if len(calls) == 3:
            raise RuntimeError("worker failed")
        return real(encodings)

    monkeypatch.setattr(encoder, "_run", flaky)
    with pytest.raises(RuntimeError, match="worker failed"):
        encoder.encode([f"mesenchymal stromal cells, text {i}" for i in range(40)], batch_size=4)


def test_bulk_workers_is_the_number_of_usable_cores_unless_set(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from qa.index.encoder import bulk_workers

    monkeypatch.delenv("QA_ENCODE_WORKERS", raising=False)
    assert bulk_workers() == len(os.sched_getaffinity(0)) >= 1
    monkeypatch.setenv("QA_ENCODE_WORKERS", "3")
    assert bulk_workers() == 3
    for bad in ("0", "two", "-1"):
        monkeypatch.setenv("QA_ENCODE_WORKERS", bad)
        with pytest.raises(QAError, match="QA_ENCODE_WORKERS must be a positive integer"):
            bulk_workers()


@pytest.mark.slow
def test_query_path_never_imports_torch(encoder_dir: Path) -> None:
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from qa.index.encoder import OnnxQueryEncoder\n"
        f"vectors = OnnxQueryEncoder(Path({str(encoder_dir)!r})).encode(['bone marrow MSCs'])\n"
        "assert vectors.shape == (1, 384), vectors.shape\n"
        "heavy = sorted(m for m in ('torch', 'sentence_transformers', 'transformers') if m in sys.modules)\n"
        "print(','.join(heavy) or 'none')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "none"


@pytest.mark.slow
def test_knows_word_uses_the_tokenizers_vocabulary_and_normaliser(encoder_dir: Path) -> None:
    encoder = OnnxQueryEncoder(encoder_dir)
    assert encoder.knows_word("cells") and encoder.knows_word("delivered")
    assert encoder.knows_word("Cells")  # the uncased model lower-cases inside its normaliser
    assert encoder.knows_word("naïve")  # ...and strips accents
    assert not encoder.knows_word("remestemcel")  # split into word pieces: not a common word
    assert encoder._session is None  # the vocabulary check does not start onnxruntime
