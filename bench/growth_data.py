"""The grown corpus of bench/growth.py: noisy replicas of the real index's passages, their answer
units, vectors and token lists (growth.py's docstring says how each copy is made), written by the
real `qa.index.build.write_arrays` into a real build folder with a real manifest, so the real CLI
answers from it. Apart from growth.py because bench/add_article.py and bench/hnsw_sweep.py grow
the same data without running the growth measurements.
"""
from __future__ import annotations

import json
import shutil
import time
from pathlib import Path


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def grow_tokens(token_lists: list[list[str]], size: int, rng) -> list[list[str]]:
    """`size` noisy copies of the passages' token lists (see the module docstring)."""
    import numpy as np

    vocab = sorted({t for row in token_lists for t in row})
    ids = {t: i for i, t in enumerate(vocab)}
    counts = np.bincount([ids[t] for row in token_lists for t in row], minlength=len(vocab))
    unigram = counts / counts.sum()
    base = [np.array([ids[t] for t in row], dtype=np.int64) for row in token_lists]
    is_number = np.array([t.isdigit() for t in vocab])
    pool = max(1000, int(20 * (size * 70) ** 0.5))  # new words grow like Heaps' law ~ sqrt(tokens)
    words = np.array(vocab + [f"zq{i}" for i in range(pool)] + [str(i) for i in range(1000)], dtype=object)
    new0, num0 = len(vocab), len(vocab) + pool
    out = []
    for i in range(size):
        row = base[i % len(base)]
        if i >= len(base):
            u = rng.random(row.size)
            row = row.copy()
            swap = u < 0.10
            row[swap] = rng.choice(len(vocab), size=int(swap.sum()), p=unigram)
            novel = (u >= 0.10) & (u < 0.13)
            row[novel] = new0 + rng.integers(0, pool, size=int(novel.sum()))
            numbers = is_number[np.minimum(row, len(vocab) - 1)] & (row < len(vocab))
            row[numbers] = num0 + rng.integers(0, 1000, size=int(numbers.sum()))
            row = row[rng.random(row.size) >= 0.10]  # drop 10%
        out.append(words[row].tolist())
    return out


def grow_vectors(vectors, source, exact: int, rng, dtype="float32"):
    """Row i = vectors[source[i]], with noise (renormalised) from row `exact` on; in chunks."""
    import numpy as np

    out = np.empty((len(source), vectors.shape[1]), dtype=dtype)
    for start in range(0, len(source), 65536):
        rows = np.arange(start, min(len(source), start + 65536))
        chunk = np.asarray(vectors[source[rows]], dtype="float32")
        noisy = rows >= exact
        chunk[noisy] += rng.normal(0.0, 0.02, chunk[noisy].shape).astype("float32")
        chunk /= np.linalg.norm(chunk, axis=1, keepdims=True)
        out[rows] = chunk
    return out


def mixtures(base, size: int, rng):
    """Distinct synthetic vectors: row i >= len(base) is base[i % n] + 0.5 x a random other
    real passage's vector + noise, renormalised (near-duplicate replicas are HNSW's worst case,
    not what a library of distinct articles looks like)."""
    import numpy as np

    n = len(base)
    out = np.empty((size, base.shape[1]), dtype="float32")
    for start in range(0, size, 65536):
        rows = np.arange(start, min(size, start + 65536))
        chunk = base[rows % n] + 0.5 * base[rng.integers(0, n, rows.size)]
        chunk += rng.normal(0.0, 0.02, chunk.shape).astype("float32")
        chunk[rows < n] = base[rows[rows < n]]
        chunk /= np.linalg.norm(chunk, axis=1, keepdims=True)
        out[rows] = chunk
    return out


def grown_corpus(real, size: int, rng):
    """Passages (unique ids), answer units, their vectors and token lists for `size` rows."""
    import numpy as np

    from qa.index import dense
    from qa.index.analyzer import tokenize
    from qa.index.build import index_text

    base = list(real.passages)
    n = len(base)
    passages = [p if i < n else p.model_copy(update={"id": f"{p.id}-{i // n}"})
                for i, p in enumerate(base[i % n] for i in range(size))]
    tokens = grow_tokens([tokenize(index_text(p)) for p in base], size, rng)
    vectors = mixtures(np.array(dense.vectors(real.dense)), size, rng)
    spans = [real.sentences.spans(r) for r in range(n)]
    units = [(r, s, e) for r in range(size) for _, s, e in spans[r % n]]
    unit_of = np.array([u for r in range(size) for u, _, _ in spans[r % n]], dtype=np.int64)
    real_units = int(real.sentences.indptr[-1])
    unit_vectors = grow_vectors(np.asarray(real.sentence_vectors), unit_of, real_units, rng, "float16")
    return passages, units, vectors, unit_vectors, tokens


def write_grown(real, folder: Path, passages, units, vectors, unit_vectors, tokens, settings) -> dict:
    """A real build folder + CURRENT + manifest, so `qa search --index-dir` accepts it."""
    from qa.index import fingerprints, store
    from qa.index.build import write_arrays

    build = folder / "build-growth"
    build.mkdir(parents=True)
    _, seconds = timed(lambda: write_arrays(build, passages, real.doc_ids, vectors, units, unit_vectors,
                                           tokens, settings))
    shutil.copytree(real.build / "encoder", build / "encoder")
    shutil.copy(real.build / "glossary.json", build / "glossary.json")
    shutil.copy(real.build / "documents.json", build / "documents.json")
    manifest = dict(real.manifest)
    manifest["counts"] = {**manifest["counts"], "passages": len(passages), "answer_units": len(units)}
    manifest["dense"] = "flat" if len(passages) <= settings.index.dense_exact_max else "hnsw"
    manifest["files"] = store.describe_files(build)
    (build / store.MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    (folder / store.CURRENT).write_text(f"{build.name} {fingerprints.file_xxh3(build / store.MANIFEST)}\n", encoding="ascii")
    return {"write_arrays_s": round(seconds, 2),
            "disk_mb": {p.name: round(p.stat().st_size / 2**20, 1) for p in sorted(build.iterdir()) if p.is_file()}}

