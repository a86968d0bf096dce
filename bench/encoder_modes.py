"""fp32 vs int8 encoder, side by side in one run, on real passages and sentences of a built index.

Usage: python bench/encoder_modes.py [--index-dir DIR] [--passages 300] [--sentences 1000] [--rounds 2]

Quantises the index's fp32 encoder (`qa.index.quantize.quantize_encoder`, per channel, as the
`encoder_precision = "int8"` setting does) and encodes the same real texts with both, the two
encoders interleaved round by round so that load changes hit both alike. Reports CPU µs per
token (process CPU time: both ONNX threads counted, load-independent) and tokens per wall
second, the cosine of int8 to fp32 vectors, and how far late-chunked sentence vectors
(`unit_embedding = "late"`) are from the same sentences encoded alone. The default index is
the PDF evaluation corpus's (research articles) when it is built, else the project's.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from _common import ROOT, table, write_result


def real_texts(build: Path, n_passages: int, n_sentences: int) -> tuple[list[str], list[str], list[list[tuple[int, int]]]]:
    """Sampled passage texts, sampled sentence texts, and each sampled passage's sentence spans."""
    passages = [json.loads(line) for line in (build / "passages.jsonl").read_text(encoding="utf-8").splitlines()]
    docs = {d["meta"]["id"]: d["text"] for d in json.loads((build / "documents.json").read_text(encoding="utf-8"))}
    starts, ends = np.load(build / "sentences.starts.npy"), np.load(build / "sentences.ends.npy")
    indptr = np.load(build / "sentences.indptr.npy")
    rng = random.Random(0)
    rows = sorted(rng.sample(range(len(passages)), min(n_passages, len(passages))))
    spans = [[(int(starts[i]) - passages[r]["start"], int(ends[i]) - passages[r]["start"])
              for i in range(indptr[r], indptr[r + 1])] for r in rows]
    sentences = [docs[passages[r]["doc_id"]][int(starts[i]):int(ends[i])]
                 for r in range(len(passages)) for i in range(indptr[r], indptr[r + 1])]
    return [passages[r]["text"] for r in rows], rng.sample(sentences, min(n_sentences, len(sentences))), spans


def add_sample_arguments(parser: argparse.ArgumentParser, passages: int, sentences: int) -> None:
    """--index-dir (the PDF evaluation corpus's index when built, else the project's),
    --passages, --sentences, --rounds: the real texts an encoder bench samples."""
    from qa.index import store

    pdfs = ROOT / "index" / "eval-corpora" / "pdfs" / "index"
    parser.add_argument("--index-dir", type=Path, default=pdfs if store.current_build(pdfs) else ROOT / "index")
    parser.add_argument("--passages", type=int, default=passages)
    parser.add_argument("--sentences", type=int, default=sentences)
    parser.add_argument("--rounds", type=int, default=2)


def sampled_build(index_dir: Path) -> Path | None:
    """The current build of `index_dir`, or None after saying how to make one."""
    from qa.index import store

    build = store.current_build(index_dir)
    if build is None:
        print(f"no built index in {index_dir}: run `python -m qa index` first", file=sys.stderr)
    return build


def main() -> int:
    from qa.index.encoder import OnnxQueryEncoder
    from qa.index.quantize import quantize_encoder

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_sample_arguments(parser, passages=300, sentences=1000)
    args = parser.parse_args()
    build = sampled_build(args.index_dir)
    if build is None:
        return 2
    from qa.index.encoder import EncoderInfo

    if EncoderInfo.read(build / "encoder").precision != "fp32":
        print(f"{build} was built with the int8 encoder: rebuild it with QA_ENCODER_PRECISION=fp32", file=sys.stderr)
        return 2
    passages, sentences, spans = real_texts(build, args.passages, args.sentences)
    texts = passages + sentences
    with tempfile.TemporaryDirectory(prefix="qa-bench-int8-") as tmp:
        started = time.perf_counter()
        quantize_encoder(build / "encoder", Path(tmp) / "encoder")
        quantise_s = time.perf_counter() - started
        encoders = {"fp32": OnnxQueryEncoder(build / "encoder").load(), "int8": OnnxQueryEncoder(Path(tmp) / "encoder").load()}
        tokenizer = encoders["fp32"]._tokenizer
        tokens = sum(len(e.ids) for e in tokenizer.encode_batch([t.lower() for t in texts]))
        runs: dict[str, list[tuple[float, float]]] = {k: [] for k in encoders}
        vectors: dict[str, np.ndarray] = {}
        for _ in range(args.rounds):
            for name, encoder in encoders.items():
                cpu, wall = time.process_time(), time.perf_counter()
                vectors[name] = encoder.encode(texts)
                runs[name].append((time.process_time() - cpu, time.perf_counter() - wall))
        cosine = (vectors["fp32"] * vectors["int8"]).sum(axis=1)
        late = {}
        for name, encoder in encoders.items():
            _, pooled = encoder.encode_with_spans(passages, spans)
            alone = encoder.encode([p[s:e] for p, sp in zip(passages, spans) for s, e in sp])
            late[name] = (pooled * alone).sum(axis=1)
    rows = [[name, len(texts), tokens, *(round(1e6 * min(c for c, _ in r) / tokens, 1),
                                        round(tokens / min(w for _, w in r)))]
            for name, r in runs.items()]
    print(f"{len(passages)} passages + {len(sentences)} sentences of {build.parent.parent.name if 'eval-corpora' in str(build) else 'the project index'}"
          f" ({tokens} tokens); load average {os.getloadavg()[0]:.2f}; quantisation {quantise_s:.1f} s\n")
    print(table(["encoder", "texts", "tokens", "CPU µs per token (best round)", "tokens per wall s (best round)"], rows))
    stats = lambda c: {"mean": round(float(c.mean()), 4), "p1": round(float(np.percentile(c, 1)), 4),
                       "p5": round(float(np.percentile(c, 5)), 4), "min": round(float(c.min()), 4)}
    print(f"\ncosine int8 vs fp32, all texts: {stats(cosine)}")
    print(f"cosine int8 vs fp32, passages: {stats(cosine[:len(passages)])}; sentences: {stats(cosine[len(passages):])}")
    for name, c in late.items():
        print(f"{name}: cosine of late-chunked sentence vectors to the same sentences alone: {stats(c)}")
    path = write_result("encoder_modes", {
        "index": str(build), "texts": len(texts), "tokens": tokens, "quantise_s": round(quantise_s, 2),
        "rounds": {k: [[round(c, 2), round(w, 2)] for c, w in r] for k, r in runs.items()},
        "cpu_us_per_token": {r[0]: r[3] for r in rows}, "tokens_per_wall_s": {r[0]: r[4] for r in rows},
        "cosine_int8_fp32": stats(cosine), "cosine_late_vs_alone": {k: stats(c) for k, c in late.items()},
        "loadavg_1m": round(os.getloadavg()[0], 2)})
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
