"""The cheaper embedding modes on real data: the int8 encoder and late-chunked answer units.

Both change vectors, so both are settings (`encoder_precision`, `unit_embedding`) that are part
of the index key and the embedding cache key; bench/README.md ("Build scaling") has their cost
and evaluation.
"""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from qa.index.build import answer_units, embed_corpus, index_text
from qa.index.embed_cache import encoder_key
from qa.index.encoder import ONNX_FILE, EncoderInfo, OnnxQueryEncoder, pool
from qa.settings import PACKAGED_MODEL_SHA256, Settings


@pytest.fixture(scope="module")
def fp32_dir(index) -> Path:
    return index.build / "encoder"


@pytest.fixture(scope="module")
def int8_dir(fp32_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from qa.index.quantize import quantize_encoder

    out = tmp_path_factory.mktemp("int8") / "encoder"
    quantize_encoder(fp32_dir, out)
    return out


def _texts(corpus, n: int) -> tuple[list[str], list[str]]:
    """Index texts of every k-th real passage and the sentences of those passages."""
    step = max(1, len(corpus.passages) // n)
    rows = list(range(0, len(corpus.passages), step))[:n]
    units = answer_units(corpus)
    chosen = set(rows)
    return ([index_text(corpus.passages[r]) for r in rows], [u[3] for u in units if u[0] in chosen])


def test_int8_vectors_stay_close_to_fp32_on_real_passages(corpus, fp32_dir: Path, int8_dir: Path) -> None:
    info = EncoderInfo.read(int8_dir)
    assert info.precision == "int8" and EncoderInfo.read(fp32_dir).precision == "fp32"
    assert info.onnx_bytes == (int8_dir / ONNX_FILE).stat().st_size < 0.5 * (fp32_dir / ONNX_FILE).stat().st_size
    passages, sentences = _texts(corpus, 40)
    fp32 = OnnxQueryEncoder(fp32_dir).encode(passages + sentences)
    int8 = OnnxQueryEncoder(int8_dir).encode(passages + sentences)
    cosine = (fp32 * int8).sum(axis=1)
    np.testing.assert_allclose(np.linalg.norm(int8, axis=1), 1.0, atol=1e-5)
    assert cosine.mean() >= 0.985 and cosine.min() >= 0.95, (cosine.mean(), cosine.min())
    # what retrieval needs: each sentence's nearest passage is mostly the same under both
    # encoders (measured 0.94 here: close neighbours of one review can swap)
    near32 = (fp32[len(passages):] @ fp32[: len(passages)].T).argmax(axis=1)
    near8 = (int8[len(passages):] @ int8[: len(passages)].T).argmax(axis=1)
    assert (near32 == near8).mean() >= 0.9


def test_late_chunk_vector_of_a_one_sentence_text_is_the_text_vector(corpus, fp32_dir: Path) -> None:
    encoder = OnnxQueryEncoder(fp32_dir)
    sentence = next(u[3] for u in answer_units(corpus) if len(u[3].split()) > 8)
    texts, spans = encoder.encode_with_spans([sentence], [[(0, len(sentence))]])
    np.testing.assert_array_equal(texts, spans)
    np.testing.assert_allclose(texts, encoder.encode([sentence]), atol=1e-6)


def test_late_chunk_vectors_pool_the_passage_pass(corpus, fp32_dir: Path) -> None:
    """A sentence of a real passage is the mean of its own tokens' outputs in the passage's
    pass (checked against the session run by hand); a sentence cut off by the token limit is
    encoded alone."""
    encoder = OnnxQueryEncoder(fp32_dir).load()
    units = answer_units(corpus)
    row = next(r for r, p in enumerate(corpus.passages) if p.kind == "text" and sum(u[0] == r for u in units) >= 3)
    p = corpus.passages[row]
    spans = [(s - p.start, e - p.start) for r, s, e, _ in units if r == row]
    _, vectors = encoder.encode_with_spans([p.text], [spans])
    encoding = encoder._tokenizer.encode(p.text.lower())
    feeds = {"input_ids": np.array([encoding.ids]), "attention_mask": np.ones((1, len(encoding.ids)), dtype=np.int64),
             "token_type_ids": np.zeros((1, len(encoding.ids)), dtype=np.int64)}
    tokens = encoder._session.run(None, {n: feeds[n] for n in encoder.info.input_names})[0]
    starts = np.array([a for a, _ in encoding.offsets])
    special = np.array(encoding.special_tokens_mask, dtype=bool)
    for (s, e), vector in zip(spans, vectors):
        mask = (~special & (starts >= s) & (starts < e)).astype(np.int64)[None, :]
        expected = pool(tokens, mask, ("mean",))[0]
        np.testing.assert_allclose(vector, expected / np.linalg.norm(expected), atol=1e-5)
    # past the token limit: 300 words of the passage, then a sentence of its own
    tail = " Mesenchymal stromal cells were infused twice."
    long = ((p.text + " ") * 20).split()[:300]
    text = " ".join(long) + tail
    _, cut = encoder.encode_with_spans([text], [[(0, 20), (len(text) - len(tail) + 1, len(text))]])
    np.testing.assert_allclose(cut[1], encoder.encode([tail.strip()])[0], atol=1e-6)


def test_modes_are_part_of_both_cache_keys(tmp_path: Path) -> None:
    keys = {encoder_key(PACKAGED_MODEL_SHA256, "m", 256, p, u) for p in ("fp32", "int8") for u in ("sentence", "late")}
    assert len(keys) == 4
    assert encoder_key(PACKAGED_MODEL_SHA256, "m", 256) == encoder_key(PACKAGED_MODEL_SHA256, "m", 256, "fp32", "sentence")
    settings = {Settings(encoder_precision=p, unit_embedding=u).index_settings()["encoder_precision"]
                + Settings(encoder_precision=p, unit_embedding=u).index_settings()["unit_embedding"]
                for p in ("fp32", "int8") for u in ("sentence", "late")}
    assert len(settings) == 4


def test_late_build_embeds_units_from_their_passages(corpus, fp32_dir: Path, tmp_path: Path) -> None:
    """embed_corpus in late mode on real documents: passage vectors are the sentence mode's,
    a table row's unit vector is its passage's, and the vectors are cached under their own key."""
    from qa.index.embed_cache import EmbeddingCache
    from qa.index.model_source import resolve_model

    doc = next(d.id for d in corpus.documents
               if any(p.kind != "text" for p in corpus.passages if p.doc_id == d.id))
    one = SimpleNamespace(documents=[d for d in corpus.documents if d.id == doc],
                          passages=[p for p in corpus.passages if p.doc_id == doc])
    source = resolve_model(Settings().index.model)
    late = Settings(index_dir=tmp_path, unit_embedding="late")
    units = answer_units(one)
    passages, unit_vectors, _, stats = embed_corpus(one, units, source, late, fp32_dir, export=False)
    assert stats["documents_embedded"] == 1
    encoder = OnnxQueryEncoder(fp32_dir)
    np.testing.assert_allclose(passages[:30], encoder.encode([index_text(p) for p in one.passages[:30]]), atol=1e-5)
    rows = [i for i, u in enumerate(units) if one.passages[u[0]].kind != "text"]
    np.testing.assert_allclose(unit_vectors[rows], passages[[units[i][0] for i in rows]], atol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(unit_vectors, axis=1), 1.0, atol=1e-5)
    # sentences differ from their encoding alone (they carry their passage's context)
    text_units = [i for i, u in enumerate(units) if one.passages[u[0]].kind == "text"][:40]
    alone = encoder.encode([units[i][3] for i in text_units])
    assert float((alone * unit_vectors[text_units]).sum(axis=1).mean()) < 0.99
    # cached under the late key only: the same texts under the sentence mode's key are a miss
    texts = [index_text(p) for p in one.passages] + [u[3] for u in units]
    for mode, hit in (("late", True), ("sentence", False)):
        cache = EmbeddingCache(tmp_path, encoder_key(source.weights_sha256, source.id, 256, "fp32", mode))
        assert (cache.get(cache.key(texts), len(texts), None) is not None) == hit


def test_int8_export_is_cached_beside_the_fp32_one_and_redone_when_damaged(fp32_dir: Path, tmp_path: Path) -> None:
    """What a build with encoder_precision=int8 does after the fp32 export: the int8 folder is
    made once beside the fp32 cache entry, reused, remade when damaged, and copied into the
    build's encoder folder (which the query side then loads)."""
    import shutil

    from qa.errors import QAError
    from qa.index.quantize import publish_entry

    entry = tmp_path / "cache" / "encoder-test"
    shutil.copytree(fp32_dir, entry)
    info = publish_entry(entry, tmp_path / "build1", "int8")
    made = [p for p in entry.parent.iterdir() if p.name.startswith("encoder-test-int8-")]
    assert info.precision == "int8" and len(made) == 1
    assert EncoderInfo.read(tmp_path / "build1").onnx_sha256 == EncoderInfo.read(made[0]).onnx_sha256
    stamp = (made[0] / ONNX_FILE).stat().st_mtime_ns
    publish_entry(entry, tmp_path / "build2", "int8")
    assert (made[0] / ONNX_FILE).stat().st_mtime_ns == stamp  # reused
    (made[0] / ONNX_FILE).write_bytes(b"damaged")
    publish_entry(entry, tmp_path / "build3", "int8")
    assert EncoderInfo.read(made[0]).onnx_sha256 == info.onnx_sha256  # quantisation is deterministic
    assert OnnxQueryEncoder(tmp_path / "build3").encode(["MSCs suppress T-cell proliferation."]).shape == (1, 384)
    assert publish_entry(entry, tmp_path / "build4", "fp32").precision == "fp32"
    with pytest.raises(QAError, match="unknown encoder precision"):
        publish_entry(entry, tmp_path / "build5", "int4")
