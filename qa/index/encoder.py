"""Torch-free text encoder: the exported ONNX transformer + `tokenizers` + numpy pooling.

The query path must start in well under a second, and importing torch or
sentence-transformers alone costs seconds, so this module only needs onnxruntime,
tokenizers and numpy. `qa.index.export.export_encoder` writes the folder this module reads:

    model.onnx      transformer -> token embeddings (dynamic batch and sequence axes)
    tokenizer.json  the model's own fast tokenizer (truncation/padding switched off)
    encoder.json    EncoderInfo: pooling, normalisation, limits, provenance hashes

Pooling and L2 normalisation are done here in numpy, mirroring sentence-transformers.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from qa.errors import IndexError_, QAError

ENCODER_FILE = "encoder.json"
ONNX_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
FORMAT_VERSION = 1
ORT_THREADS = 2  # intra-op threads of a session that encodes one question at a time
DEFAULT_BATCH_SIZE = 16
ENCODE_CHUNK = 8192  # texts tokenized at once by `encode` (bounds a build's memory, not its vectors)
BULK_BATCH_SIZE = 4  # per worker in bulk work: small batches are cheaper per token on one core
SUPPORTED_POOLING = ("cls", "mean", "max", "mean_sqrt_len_tokens", "lasttoken")
SPAN_POOLING = ("mean", "max", "mean_sqrt_len_tokens")  # modes that can pool a span of tokens
PRECISIONS = ("fp32", "int8")


@dataclass(frozen=True)
class EncoderInfo:
    """What the query side needs to reproduce the model's sentence embeddings (encoder.json)."""

    model_id: str
    weights_sha256: str
    dimension: int
    max_seq_length: int
    pooling_modes: tuple[str, ...]
    normalize: bool
    do_lower_case: bool
    input_names: tuple[str, ...]
    pad_token_id: int
    pad_token: str
    onnx_sha256: str
    onnx_bytes: int
    format_version: int = FORMAT_VERSION
    precision: str = "fp32"  # "int8": model.onnx is the dynamically quantised export (qa.index.quantize)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> EncoderInfo:
        """Parse and validate; raises ValueError/TypeError/KeyError on anything malformed."""
        raw: dict[str, Any] = json.loads(text)
        if raw.get("format_version") != FORMAT_VERSION:
            raise ValueError(f"format_version {raw.get('format_version')!r} != {FORMAT_VERSION}")
        info = cls(
            model_id=str(raw["model_id"]),
            weights_sha256=str(raw["weights_sha256"]),
            dimension=int(raw["dimension"]),
            max_seq_length=int(raw["max_seq_length"]),
            pooling_modes=tuple(str(m) for m in raw["pooling_modes"]),
            normalize=bool(raw["normalize"]),
            do_lower_case=bool(raw["do_lower_case"]),
            input_names=tuple(str(n) for n in raw["input_names"]),
            pad_token_id=int(raw["pad_token_id"]),
            pad_token=str(raw["pad_token"]),
            onnx_sha256=str(raw["onnx_sha256"]),
            onnx_bytes=int(raw["onnx_bytes"]),
            precision=str(raw.get("precision", "fp32")),
        )
        unknown = [m for m in info.pooling_modes if m not in SUPPORTED_POOLING]
        if unknown or not info.pooling_modes:
            raise ValueError(f"unsupported pooling modes {info.pooling_modes}")
        if info.precision not in PRECISIONS:
            raise ValueError(f"unsupported precision {info.precision!r}")
        if info.dimension <= 0 or info.max_seq_length <= 0:
            raise ValueError("dimension and max_seq_length must be positive")
        return info

    @classmethod
    def read(cls, encoder_dir: Path) -> EncoderInfo:
        """Read `encoder_dir/encoder.json`, turning any defect into one IndexError_."""
        path = Path(encoder_dir) / ENCODER_FILE
        try:
            return cls.from_json(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise IndexError_(f"encoder metadata missing: {path}") from None
        except (OSError, ValueError, TypeError, KeyError) as exc:
            raise IndexError_(f"encoder metadata unreadable ({path}): {exc}") from None


def bulk_workers() -> int:
    """Batches encoded at once in bulk work: `QA_ENCODE_WORKERS` if set (a positive integer,
    e.g. 1 to leave a core free during a build), else one per core this process may run on.
    Not a setting of the index: it changes how fast vectors come, never which."""
    value = os.environ.get("QA_ENCODE_WORKERS", "").strip()
    if value:
        if not value.isdigit() or int(value) < 1:
            raise QAError(f"QA_ENCODE_WORKERS must be a positive integer, got {value!r}")
        return int(value)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def pool(token_embeddings: np.ndarray, attention_mask: np.ndarray, modes: tuple[str, ...]) -> np.ndarray:
    """Sentence vectors from token vectors, as sentence-transformers' Pooling does.

    `token_embeddings` is (batch, seq, dim), `attention_mask` (batch, seq) with right padding.
    Several modes are concatenated in the given order.
    """
    mask = attention_mask.astype(np.float32)[:, :, None]
    lengths = attention_mask.sum(axis=1).astype(np.int64)
    parts: list[np.ndarray] = []
    for mode in modes:
        if mode == "cls":
            parts.append(token_embeddings[:, 0, :])
        elif mode == "max":
            masked = np.where(mask > 0, token_embeddings, -np.inf)
            parts.append(masked.max(axis=1))
        elif mode in ("mean", "mean_sqrt_len_tokens"):
            summed = (token_embeddings * mask).sum(axis=1)
            count = np.clip(mask.sum(axis=1), 1e-9, None)
            parts.append(summed / (count if mode == "mean" else np.sqrt(count)))
        elif mode == "lasttoken":
            last = np.clip(lengths - 1, 0, None)
            parts.append(token_embeddings[np.arange(len(last)), last, :])
        else:
            raise ValueError(f"unsupported pooling mode {mode!r}")
    return np.concatenate(parts, axis=1).astype(np.float32)


def l2_normalise(vectors: np.ndarray) -> np.ndarray:
    """Row-wise unit length (zero rows stay zero), float32."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.clip(norms, 1e-12, None)).astype(np.float32)


class OnnxQueryEncoder:
    """Embeds texts with the exported model; cheap to construct, the session loads on first use.

    The constructor checks that the folder is complete (metadata parses, files exist, the ONNX
    file has the recorded size) and raises `IndexError_` (a `QAError`) otherwise, so the index
    layer can rebuild. A model that passes those checks but fails to load also raises it.
    """

    def __init__(self, encoder_dir: Path, workers: int = 1) -> None:
        """`workers` > 1: bulk encoding (a build) runs that many batches at once, each on one
        core, instead of splitting every operator of one batch across cores; vectors are the
        same bit for bit, and on two cores it is measurably faster (`bench/encoder_workers.py`)."""
        self.encoder_dir = Path(encoder_dir)
        self.workers = max(1, int(workers))
        self.info = EncoderInfo.read(self.encoder_dir)
        onnx_path = self.encoder_dir / ONNX_FILE
        if not onnx_path.is_file():
            raise IndexError_(f"encoder model missing: {onnx_path}")
        if onnx_path.stat().st_size != self.info.onnx_bytes:
            raise IndexError_(
                f"encoder model {onnx_path} has {onnx_path.stat().st_size} bytes, "
                f"expected {self.info.onnx_bytes} (truncated or replaced)"
            )
        if not (self.encoder_dir / TOKENIZER_FILE).is_file():
            raise IndexError_(f"encoder tokenizer missing: {self.encoder_dir / TOKENIZER_FILE}")
        self._session: Any = None
        self._tokenizer: Any = None

    @property
    def dimension(self) -> int:
        return self.info.dimension

    def load(self) -> OnnxQueryEncoder:
        """Create the tokenizer and the onnxruntime session now (idempotent)."""
        if self._session is not None:
            return self
        import onnxruntime as ort

        tokenizer = self._load_tokenizer()
        options = ort.SessionOptions()
        # one session either way: `run` is thread-safe, so workers share its weights
        options.intra_op_num_threads = 1 if self.workers > 1 else ORT_THREADS
        options.inter_op_num_threads = 1
        # no spin-waiting: on a busy 2-core machine spinning threads cost more than they save
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        try:
            session = ort.InferenceSession(
                str(self.encoder_dir / ONNX_FILE), options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime raises its own Fail/InvalidProtobuf types
            raise IndexError_(f"encoder model unreadable: {_first_line(exc)}") from None
        session_inputs = {i.name for i in session.get_inputs()}
        if session_inputs != set(self.info.input_names):
            raise IndexError_(
                f"encoder model inputs {sorted(session_inputs)} do not match "
                f"encoder.json {sorted(self.info.input_names)}"
            )
        self._tokenizer, self._session = tokenizer, session
        return self

    def _load_tokenizer(self) -> Any:
        """The model's tokenizer with the encoder's truncation (no session needed)."""
        if self._tokenizer is not None:
            return self._tokenizer
        from tokenizers import Tokenizer

        try:
            tokenizer = Tokenizer.from_file(str(self.encoder_dir / TOKENIZER_FILE))
        except Exception as exc:  # tokenizers raises a bare Exception on bad JSON
            raise IndexError_(f"encoder tokenizer unreadable: {_first_line(exc)}") from None
        tokenizer.no_padding()
        tokenizer.enable_truncation(max_length=self.info.max_seq_length)
        self._tokenizer = tokenizer
        return tokenizer

    def word_id(self, word: str) -> int | None:
        """The id of `word` as one whole token of the model's vocabulary, or None.

        The word goes through the tokenizer's own normaliser first (lower-casing, accent
        stripping for uncased models), as it would inside a sentence. WordPiece vocabularies
        list whole words roughly by corpus frequency, so a low id means an everyday word.
        """
        tokenizer = self._load_tokenizer()
        text = word.lower() if self.info.do_lower_case else word
        if tokenizer.normalizer is not None:
            text = tokenizer.normalizer.normalize_str(text)
        return tokenizer.token_to_id(text)

    def knows_word(self, word: str) -> bool:
        """Whether `word` is one whole token of the model's vocabulary (its id's rank is not read:
        the refusal's vocabulary-id threshold is gone, issue 11)."""
        return self.word_id(word) is not None

    def encode(self, texts: list[str], batch_size: int = DEFAULT_BATCH_SIZE) -> np.ndarray:
        """(len(texts), dimension) float32 embeddings, L2-normalised if the model says so.

        Texts are batched by token length so that little time goes into padding, and a text
        that occurs more than once is encoded once (a table row is both a passage and its
        answer unit; papers repeat boilerplate). A row's vector does not depend on the other
        rows of its batch (padding is masked; checked bit for bit in tests/index/test_encoder.py),
        so neither changes any vector. Texts are tokenized `ENCODE_CHUNK` at a time, so the
        tokenizer's per-text objects (a few KB each) never exist for a whole library at once.
        """
        self.load()
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        prepared = [t.lower() if self.info.do_lower_case else t for t in texts]
        first: dict[str, int] = {}
        slot = np.fromiter((first.setdefault(t, len(first)) for t in prepared), dtype=np.int64, count=len(prepared))
        distinct = list(first)
        out = np.empty((len(distinct), self.dimension), dtype=np.float32)
        for lo in range(0, len(distinct), ENCODE_CHUNK):
            encodings = self._tokenizer.encode_batch(distinct[lo : lo + ENCODE_CHUNK])
            order = sorted(range(len(encodings)), key=lambda i: len(encodings[i].ids), reverse=True)

            def encode_rows(rows: list[int]) -> None:  # runs before the loop moves on
                out[[lo + i for i in rows]] = self._encode_batch([encodings[i] for i in rows])

            self._each_batch(encode_rows, order, batch_size)
        out = out if len(out) == len(texts) else out[slot]
        return l2_normalise(out) if self.info.normalize else out

    def encode_with_spans(self, texts: list[str], spans: list[list[tuple[int, int]]],
                          batch_size: int = DEFAULT_BATCH_SIZE) -> tuple[np.ndarray, np.ndarray]:
        """(text vectors, span vectors): "late chunking", one forward pass per text.

        `spans[i]` are character spans [start, end) of `texts[i]`; their vectors, in order, are
        pooled (the model's own pooling) from the token outputs of their text's pass, so a
        sentence costs nothing more than its passage and is read in its passage's context. A
        span covering every token of its text gets the text's own vector (special tokens
        included). A span the pass cannot give (no token of its own, beyond the token limit,
        lower-casing that changes the text's length, a pooling that cannot pool spans) is
        encoded alone, as `encode` would.
        """
        self.load()
        dim = self.dimension
        text_out = np.zeros((len(texts), dim), dtype=np.float32)
        span_out = np.zeros((sum(len(s) for s in spans), dim), dtype=np.float32)
        first = np.cumsum([0] + [len(s) for s in spans])
        if not texts:
            return text_out, span_out
        prepared = [t.lower() if self.info.do_lower_case else t for t in texts]
        encodings = self._tokenizer.encode_batch(prepared)
        order = sorted(range(len(encodings)), key=lambda i: len(encodings[i].ids), reverse=True)
        poolable = all(m in SPAN_POOLING for m in self.info.pooling_modes)
        pending: list[list[int]] = []  # per batch, the spans its pass cannot give (encoded alone below)

        def encode_rows(rows: list[int]) -> None:
            tokens, mask = self._run([encodings[i] for i in rows])
            text_out[rows] = pool(tokens, mask, self.info.pooling_modes)
            mine: list[int] = []
            pending.append(mine)
            for b, i in enumerate(rows):
                if not spans[i]:
                    continue
                usable = poolable and len(prepared[i]) == len(texts[i])
                masks = _span_masks(encodings[i], spans[i], mask.shape[1]) if usable else None
                for k in range(len(spans[i])):
                    if masks is None or masks[k] is None:
                        mine.append(int(first[i]) + k)
                        continue
                    if masks[k] is ...:  # the whole text
                        span_out[first[i] + k] = text_out[i]
                    else:
                        span_out[first[i] + k] = pool(tokens[b : b + 1], masks[k][None, :], self.info.pooling_modes)[0]

        self._each_batch(encode_rows, order, batch_size)
        alone = sorted(j for batch in pending for j in batch)
        if alone:
            flat = [(i, s) for i, text_spans in enumerate(spans) for s in text_spans]
            span_out[alone] = self.encode([texts[flat[j][0]][slice(*flat[j][1])] for j in alone], batch_size)
        if self.info.normalize:
            return l2_normalise(text_out), l2_normalise(span_out)
        return text_out, span_out

    def _each_batch(self, work: Any, order: list[int], batch_size: int) -> None:
        """Call `work(rows)` for each batch of `order`, on `workers` threads when there are several.

        onnxruntime releases the GIL while a batch runs, so the threads run on separate cores;
        each call writes only its own rows, so the result does not depend on which finished first.
        """
        batches = [order[start : start + max(1, batch_size)] for start in range(0, len(order), max(1, batch_size))]
        if self.workers == 1 or len(batches) < 2:
            for rows in batches:
                work(rows)
            return
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="qa-encode") as pool_:
            for _ in pool_.map(work, batches):  # re-raises a worker's exception here
                pass

    def _encode_batch(self, encodings: list[Any]) -> np.ndarray:
        tokens, attention_mask = self._run(encodings)
        return pool(tokens, attention_mask, self.info.pooling_modes)

    def _run(self, encodings: list[Any]) -> tuple[np.ndarray, np.ndarray]:
        """(token outputs, attention mask) of one right-padded batch."""
        width = max(len(e.ids) for e in encodings)
        shape = (len(encodings), width)
        input_ids = np.full(shape, self.info.pad_token_id, dtype=np.int64)
        attention_mask = np.zeros(shape, dtype=np.int64)
        token_type_ids = np.zeros(shape, dtype=np.int64)
        for row, enc in enumerate(encodings):
            n = len(enc.ids)
            input_ids[row, :n] = enc.ids
            attention_mask[row, :n] = 1
            token_type_ids[row, :n] = enc.type_ids
        feeds = {"input_ids": input_ids, "attention_mask": attention_mask, "token_type_ids": token_type_ids}
        token_embeddings = self._session.run(None, {n: feeds[n] for n in self.info.input_names})[0]
        return token_embeddings, attention_mask


def _span_masks(encoding: Any, spans: list[tuple[int, int]], width: int) -> list[Any]:
    """Per span: a (width,) 0/1 mask of the tokens starting inside it, `...` when it holds
    every non-special token of the encoding (pool the whole text), or None when the pass
    cannot give it (no token, or text after the last token: cut off by truncation)."""
    special = np.asarray(encoding.special_tokens_mask, dtype=bool)
    offsets = np.asarray(encoding.offsets, dtype=np.int64).reshape(-1, 2)
    starts = np.where(special, -1, offsets[:, 0])
    real = ~special
    covered = int(offsets[real, 1].max()) if real.any() else 0
    masks: list[Any] = []
    for s, e in spans:
        inside = real & (starts >= s) & (starts < e)
        if not inside.any() or e > covered:
            masks.append(None)
        elif inside.sum() == real.sum():
            masks.append(...)
        else:
            mask = np.zeros(width, dtype=np.int64)
            mask[: len(inside)] = inside
            masks.append(mask)
    return masks


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
