"""Index-time side of the embedding layer: export the model to ONNX, embed passages.

Which model and where it lives (the packaged one, a folder, a hub name) is `qa.index.model_source`.

Only `export_encoder` (and `encode_with_sentence_transformers`) import torch and
sentence-transformers; queries use `qa.index.encoder`, which never does.

Passages are embedded with the exported ONNX model as well: on 2 CPU cores it was faster
than sentence-transformers (1,000 passages of 100-200 words: ~19-22 s against ~35 s) and
agreed with it to cosine >= 0.99999, and it guarantees that passages and questions go
through exactly the same graph.
"""
from __future__ import annotations

import logging
import hashlib
import os
import shutil
import time
from pathlib import Path
from typing import Any

import numpy as np

from qa.errors import QAError
from qa.index.store import file_sha256 as sha256_file
from qa.index.encoder import (
    BULK_BATCH_SIZE,
    ENCODER_FILE,
    ONNX_FILE,
    SUPPORTED_POOLING,
    TOKENIZER_FILE,
    EncoderInfo,
    OnnxQueryEncoder,
    bulk_workers,
)
from qa.index.model_source import ModelSource

log = logging.getLogger(__name__)

TOKEN_INPUTS = ("input_ids", "attention_mask", "token_type_ids")
MIN_AGREEMENT = 0.9999
# Verification texts for an export: different lengths so padding and truncation are exercised.
_PROBES = (
    "?",
    "Which trials used bone marrow-derived cells for graft-versus-host disease?",
    "Cytokines such as IFN-γ, TNF-α and IL-1β license the immunosuppressive phenotype. " * 40,
)


def load_sentence_transformer(source: ModelSource, max_seq_length: int) -> Any:
    """Load the model with torch on CPU, offline unless the user configured otherwise."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    # our own progress bar is on stderr; keep the libraries' bars and banners out of it
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TQDM_DISABLE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer

    try:
        model = SentenceTransformer(source.load_target, device="cpu")
    except Exception as exc:
        raise QAError(f"cannot load embedding model {source.id!r}: {_first_line(exc)}") from None
    model.eval()
    model.max_seq_length = _effective_max_length(model, max_seq_length)
    return model


def encode_with_sentence_transformers(model: Any, texts: list[str], batch_size: int = 32) -> np.ndarray:
    """The reference embeddings: sentence-transformers' own encode, L2-normalised."""
    vectors = model.encode(
        list(texts), batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True,
        show_progress_bar=False,
    )
    return np.asarray(vectors, dtype=np.float32)


def export_encoder(source: ModelSource, out_dir: Path, max_seq_length: int) -> EncoderInfo:
    """Export `source` to `out_dir` (model.onnx, tokenizer.json, encoder.json) and verify it.

    The transformer is traced with eager attention (the pattern onnxruntime's optimizer fuses
    into its Attention kernel); the fused graph is kept only if it reproduces
    sentence-transformers on probe texts to cosine >= MIN_AGREEMENT, otherwise the plain
    export is, and if that fails too a QAError is raised. encoder.json is written last, so a
    folder without it is an unfinished export.
    """
    started = time.perf_counter()
    model = load_sentence_transformer(source, max_seq_length)
    loaded = time.perf_counter()
    transformer, modes, normalize = _inspect_modules(model)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / ENCODER_FILE).unlink(missing_ok=True)
    tokenizer = model.tokenizer
    input_names = _save_tokenizer(tokenizer, out_dir / TOKENIZER_FILE)
    plain = out_dir / "model.plain.onnx"
    _torch_export(transformer, tokenizer, input_names, plain)
    exported = time.perf_counter()
    fused = out_dir / "model.fused.onnx"
    candidates = [plain]
    if _fuse(plain, fused, transformer):
        candidates.insert(0, fused)
    reference = encode_with_sentence_transformers(model, list(_PROBES))
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
    try:
        for candidate in candidates:
            os.replace(candidate, out_dir / ONNX_FILE)
            info = EncoderInfo(
                model_id=source.id,
                weights_sha256=source.weights_sha256,
                dimension=int(reference.shape[1]),
                max_seq_length=int(model.max_seq_length),
                pooling_modes=modes,
                normalize=normalize,
                do_lower_case=bool(getattr(transformer, "do_lower_case", False)),
                input_names=input_names,
                pad_token_id=int(pad_id),
                pad_token=str(tokenizer.pad_token or ""),
                onnx_sha256=sha256_file(out_dir / ONNX_FILE),
                onnx_bytes=(out_dir / ONNX_FILE).stat().st_size,
            )
            (out_dir / ENCODER_FILE).write_text(info.to_json(), encoding="utf-8")
            agreement = _min_cosine(OnnxQueryEncoder(out_dir).encode(list(_PROBES)), reference)
            if agreement >= MIN_AGREEMENT:
                log.info(
                    "exported %s (%s) in %.1fs: load %.1fs, export %.1fs, agreement %.6f",
                    source.id, candidate.name, time.perf_counter() - started, loaded - started,
                    exported - loaded, agreement,
                )
                return info
            log.warning("%s disagrees with sentence-transformers (cos %.6f)", candidate.name, agreement)
            (out_dir / ENCODER_FILE).unlink()
    finally:
        for leftover in (plain, fused):
            leftover.unlink(missing_ok=True)
    raise QAError(f"ONNX export of {source.id!r} does not reproduce sentence-transformers' embeddings")


def cached_export(source: ModelSource, out_dir: Path, max_seq_length: int, cache_dir: Path,
                  precision: str = "fp32") -> EncoderInfo:
    """`export_encoder`, reusing an earlier export of the same weights, length and export code;
    with precision "int8", its quantised version (`qa.index.quantize`, cached beside it)."""
    from qa.index.quantize import publish_entry

    return publish_entry(ensure_export(source, max_seq_length, cache_dir), out_dir, precision)


def export_entry(source: ModelSource, max_seq_length: int, cache_dir: Path) -> Path:
    """The cache folder that holds (or will hold) this model's export: keyed by the weights'
    sha256, the sequence length and the exporting code."""
    code = hashlib.sha256()
    for module in (Path(__file__), Path(__file__).with_name("encoder.py")):
        code.update(module.read_bytes())
    key = hashlib.sha256(f"{source.weights_sha256}|{max_seq_length}|{code.hexdigest()}".encode()).hexdigest()
    return Path(cache_dir) / f"encoder-{key[:20]}"


def export_cache(index_dir: Path | str) -> Path:
    """Where exports are cached: `QA_CACHE_DIR`, else the user's cache folder
    (`$XDG_CACHE_HOME/qa`, `~/.cache/qa`), so every library and every rebuilt index of a user
    reuses one export (about 90 MB, 7-12 s to make); the index's own `.cache` when that folder
    cannot be written. An entry is content-keyed (`export_entry`) and checked by sha256 before
    each use, so sharing it between libraries can never mix two models."""
    configured = os.environ.get("QA_CACHE_DIR")
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(configured) if configured else Path(base) / "qa"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if os.access(folder, os.W_OK | os.X_OK):
            return folder
    except OSError:
        pass
    return Path(index_dir) / ".cache"


def _usable(entry: Path) -> bool:
    """Whether a cache entry holds a complete export (its ONNX file matches the recorded sha256)."""
    try:
        info = EncoderInfo.from_json((entry / ENCODER_FILE).read_text(encoding="utf-8"))
        return sha256_file(entry / ONNX_FILE) == info.onnx_sha256
    except (OSError, ValueError, KeyError, TypeError):
        return False


def ensure_export(source: ModelSource, max_seq_length: int, cache_dir: Path) -> Path:
    """The cache entry of this model's export, exported now if it is missing or damaged.

    The export (about 7-12 s) dominated small rebuilds. The entry is written atomically
    (rename), and its model.onnx is checked against the recorded sha256 before reuse; a
    damaged entry is redone. Two builds exporting at once (two libraries share the cache):
    the second rename finds the first's complete entry and uses it. A build runs this
    alongside ingestion (`qa.index.build`).
    """
    entry = export_entry(source, max_seq_length, cache_dir)
    if _usable(entry):
        return entry
    shutil.rmtree(entry, ignore_errors=True)
    Path(cache_dir).mkdir(parents=True, exist_ok=True)
    tmp = Path(cache_dir) / f".tmp-encoder-{os.getpid()}-{time.time_ns():x}"
    try:
        from qa.index.export_child import export_in_child  # torch stays out of this process

        export_in_child(source, tmp, max_seq_length)
        try:
            os.rename(tmp, entry)
        except OSError:
            if not _usable(entry):  # not another build's complete export: a real failure
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return entry


def encode_passages(
    texts: list[str], encoder_dir: Path, batch_size: int = BULK_BATCH_SIZE
) -> np.ndarray:
    """Passage embeddings for the index, (n, dimension) float32, with the exported model
    (batches spread over the cores: the same vectors, sooner)."""
    return OnnxQueryEncoder(encoder_dir, workers=bulk_workers()).encode(list(texts), batch_size=batch_size)


def _effective_max_length(model: Any, requested: int) -> int:
    """The requested limit, capped by the model's position embeddings (BERT: 512)."""
    config = getattr(model[0].auto_model, "config", None)
    limit = getattr(config, "max_position_embeddings", None)
    # RoBERTa-style models reserve two positions for the padding offset.
    if limit and getattr(config, "model_type", "") in ("roberta", "xlm-roberta", "camembert"):
        limit -= 2
    return min(requested, limit) if limit else requested


def _inspect_modules(model: Any) -> tuple[Any, tuple[str, ...], bool]:
    """(transformer module, pooling modes, normalise?) or QAError for unsupported pipelines."""
    modules = list(model)
    names = [type(m).__name__ for m in modules]
    if len(modules) < 2 or names[0] != "Transformer" or names[1] != "Pooling":
        raise QAError(f"unsupported sentence-transformers pipeline {names}: need Transformer, Pooling")
    extra = [n for n in names[2:] if n != "Normalize"]
    if extra:
        raise QAError(f"unsupported sentence-transformers modules {extra} (only Normalize may follow Pooling)")
    modes = _pooling_modes(modules[1])
    unsupported = [m for m in modes if m not in SUPPORTED_POOLING]
    if unsupported:
        raise QAError(f"unsupported pooling {unsupported}; supported: {', '.join(SUPPORTED_POOLING)}")
    return modules[0], modes, "Normalize" in names[2:]


def _pooling_modes(pooling: Any) -> tuple[str, ...]:
    """Pooling modes across sentence-transformers versions (string/tuple or boolean flags)."""
    mode = getattr(pooling, "pooling_mode", None)
    if isinstance(mode, str):
        return (mode,)
    if isinstance(mode, (tuple, list)) and mode:
        return tuple(str(m) for m in mode)
    config = pooling.get_config_dict()
    flags = [
        ("pooling_mode_cls_token", "cls"),
        ("pooling_mode_max_tokens", "max"),
        ("pooling_mode_mean_tokens", "mean"),
        ("pooling_mode_mean_sqrt_len_tokens", "mean_sqrt_len_tokens"),
        ("pooling_mode_weightedmean_tokens", "weightedmean"),
        ("pooling_mode_lasttoken", "lasttoken"),
    ]
    return tuple(name for key, name in flags if config.get(key))


def _save_tokenizer(tokenizer: Any, path: Path) -> tuple[str, ...]:
    """Save the exact fast tokenizer the model uses (limits are applied at encode time)."""
    backend = getattr(tokenizer, "backend_tokenizer", None)
    if backend is None:
        raise QAError("the model's tokenizer has no fast (tokenizers) version; cannot export it")
    from tokenizers import Tokenizer

    copy = Tokenizer.from_str(backend.to_str())
    copy.no_truncation()
    copy.no_padding()
    copy.save(str(path), pretty=False)
    takes_types = "token_type_ids" in getattr(tokenizer, "model_input_names", TOKEN_INPUTS)
    return TOKEN_INPUTS if takes_types else TOKEN_INPUTS[:2]


def _torch_export(transformer: Any, tokenizer: Any, input_names: tuple[str, ...], path: Path) -> None:
    """Trace the Hugging Face model to ONNX with the TorchScript exporter (no onnxscript needed)."""
    import torch

    hf_model = transformer.auto_model
    if hasattr(hf_model, "set_attn_implementation"):
        try:
            hf_model.set_attn_implementation("eager")
        except Exception as exc:  # some architectures only offer sdpa; the plain export still works
            log.info("keeping attention implementation: %s", _first_line(exc))

    class TokenEmbeddings(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = hf_model

        def forward(self, *tensors: torch.Tensor) -> torch.Tensor:
            return self.model(**dict(zip(input_names, tensors)))[0]

    # Two texts of different lengths: the traced graph must see real padding in the mask.
    batch = tokenizer(["short text", "a somewhat longer text with several more tokens in it"],
                      padding=True, return_tensors="pt")
    if "token_type_ids" in input_names and "token_type_ids" not in batch:
        batch["token_type_ids"] = torch.zeros_like(batch["input_ids"])
    args = tuple(batch[n] for n in input_names)
    axes = {n: {0: "batch", 1: "sequence"} for n in (*input_names, "token_embeddings")}
    import warnings

    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # TracerWarnings about shape-dependent branches
        torch.onnx.export(
            TokenEmbeddings().eval(), args, str(path), input_names=list(input_names),
            output_names=["token_embeddings"], dynamic_axes=axes, opset_version=17,
            do_constant_folding=True, dynamo=False,
        )


def _fuse(plain: Path, fused: Path, transformer: Any) -> bool:
    """onnxruntime's transformer optimizer (attention/layer-norm fusion); False if unavailable."""
    config = transformer.auto_model.config
    heads = getattr(config, "num_attention_heads", None)
    hidden = getattr(config, "hidden_size", None)
    if not heads or not hidden:
        return False
    try:
        from onnxruntime.transformers import optimizer

        optimized = optimizer.optimize_model(
            str(plain), model_type="bert", num_heads=int(heads), hidden_size=int(hidden)
        )
        optimized.save_model_to_file(str(fused))
    except Exception as exc:  # the optimizer is best effort; the plain export is the fallback
        log.info("onnxruntime fusion skipped: %s", _first_line(exc))
        return False
    return True


def _min_cosine(a: np.ndarray, b: np.ndarray) -> float:
    a = a / np.linalg.norm(a, axis=1, keepdims=True)
    b = b / np.linalg.norm(b, axis=1, keepdims=True)
    return float((a * b).sum(axis=1).min())


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
