"""int8 encoder: onnxruntime dynamic quantisation of the verified fp32 export.

Embedding is most of a build's cost (every passage and answer unit goes through the
transformer). Dynamic quantisation stores the MatMul weights as int8 (one scale per output
channel) and quantises activations on the fly, so the CPU's integer dot-product
instructions do the bulk of the work: about half the CPU seconds per token here, with
vectors at cosine ~0.99 of fp32 (bench/README.md, "Build scaling"). Per-tensor scales were
measured too and lose far more (mean cosine 0.95), so per channel is the only mode offered.

The quantised folder is derived from the fp32 cache entry and cached beside it
(`<entry>-int8/`); its encoder.json says `precision: int8` and carries the quantised
model's size and sha256, so the query side checks it like any export. It is kept only if it
agrees with the fp32 graph on probe texts to cosine >= MIN_INT8_AGREEMENT.
"""
from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import shutil
import time
from pathlib import Path

import numpy as np

from qa.errors import QAError
from qa.index.encoder import ENCODER_FILE, ONNX_FILE, EncoderInfo, OnnxQueryEncoder
from qa.index.store import file_sha256

MIN_INT8_AGREEMENT = 0.95
_PROBES = (
    "Which trials used bone marrow-derived cells for graft-versus-host disease?",
    "Cytokines such as IFN-γ, TNF-α and IL-1β license the immunosuppressive phenotype of MSCs, "
    "which then express indoleamine 2,3-dioxygenase and prostaglandin E2.",
)


def quantize_encoder(fp32_dir: Path, out_dir: Path) -> EncoderInfo:
    """Write the int8 version of the export in `fp32_dir` to `out_dir` (encoder.json last)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    fp32_dir, out_dir = Path(fp32_dir), Path(out_dir)
    info = EncoderInfo.read(fp32_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for item in fp32_dir.iterdir():
        if item.name not in (ONNX_FILE, ENCODER_FILE) and item.is_file():
            shutil.copy2(item, out_dir / item.name)
    quiet = logging.getLogger().level
    logging.getLogger().setLevel(logging.ERROR)  # the quantiser's advice to pre-process, on the root logger
    try:
        # the fused graph holds com.microsoft ops that ONNX shape inference cannot type:
        # their outputs are float tensors
        quantize_dynamic(str(fp32_dir / ONNX_FILE), str(out_dir / ONNX_FILE), per_channel=True,
                         weight_type=QuantType.QInt8,
                         extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
    except Exception as exc:  # onnxruntime's quantiser raises assorted types
        raise QAError(f"int8 quantisation of the encoder failed: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None
    finally:
        logging.getLogger().setLevel(quiet)
    quantized = dataclasses.replace(info, precision="int8", onnx_sha256=file_sha256(out_dir / ONNX_FILE),
                                    onnx_bytes=(out_dir / ONNX_FILE).stat().st_size)
    (out_dir / ENCODER_FILE).write_text(quantized.to_json(), encoding="utf-8")
    agreement = float((OnnxQueryEncoder(out_dir).encode(list(_PROBES))
                       * OnnxQueryEncoder(fp32_dir).encode(list(_PROBES))).sum(axis=1).min())
    if not np.isfinite(agreement) or agreement < MIN_INT8_AGREEMENT:
        (out_dir / ENCODER_FILE).unlink()
        raise QAError(f"the int8 encoder disagrees with fp32 (cosine {agreement:.3f} < {MIN_INT8_AGREEMENT})")
    return quantized


def cached_int8(entry: Path) -> Path:
    """The int8 cache entry derived from the fp32 cache entry `entry`, made if absent or damaged.

    Its name carries a hash of this module and the onnxruntime version, so a change of either
    makes a new one; written to a temporary folder and renamed, like the fp32 entry.
    """
    from importlib import metadata

    code = hashlib.sha256(Path(__file__).read_bytes() + metadata.version("onnxruntime").encode()).hexdigest()
    target = Path(f"{entry}-int8-{code[:8]}")
    if (target / ENCODER_FILE).is_file():
        try:
            info = EncoderInfo.read(target)
            if info.precision == "int8" and file_sha256(target / ONNX_FILE) == info.onnx_sha256:
                return target
        except (OSError, QAError):
            pass
        shutil.rmtree(target, ignore_errors=True)
    tmp = entry.parent / f".tmp-int8-{os.getpid()}-{time.time_ns():x}"
    try:
        quantize_encoder(entry, tmp)
        shutil.rmtree(target, ignore_errors=True)
        os.rename(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def publish_entry(entry: Path, out_dir: Path, precision: str) -> EncoderInfo:
    """Copy the cached fp32 export `entry`, or its int8 version, into `out_dir`."""
    if precision == "int8":
        entry = cached_int8(entry)
    elif precision != "fp32":
        raise QAError(f"unknown encoder precision {precision!r} (fp32 or int8)")
    shutil.copytree(entry, out_dir, dirs_exist_ok=True)
    return EncoderInfo.read(out_dir)
