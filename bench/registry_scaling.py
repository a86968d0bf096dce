"""Study-registry cost against library size, with the all-pairs search beside the blocked one.

Usage: python bench/registry_scaling.py [--copies 1,3,6,8] [--quick]   (--quick: --copies 1,3)

The library is the PDF evaluation corpus (ten PDF articles read by the layout reader + the three
reviews; built by `qa eval --set pdfs`), held k times under new document ids, so every study is
cited by k times as many documents and every list-less review has k times as many candidates.
Answer-unit vectors are random unit vectors (the registry's cost does not depend on their
values). Each size runs `studies.build_registry` twice in this process: "all pairs" compares
every entry with every other and every bare number with every entry one by one (the search as
it was), "blocked" compares only entries sharing a DOI or a surname and year and shortlists a
number's candidates by matrix products (`study_identity._Shortlist`); the two registries must
be identical (compared as JSON). Linear cost shows as constant seconds per 1,000 passages.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import table, write_result  # noqa: E402


def library(corpus, k: int):
    class Library:
        documents: list = []
        passages: list = []

    lib = Library()
    lib.documents = [d.model_copy(update={"meta": d.meta.model_copy(update={"id": f"{d.id}~{i}"})})
                     for i in range(k) for d in corpus.documents]
    lib.passages = [p.model_copy(update={"doc_id": f"{p.doc_id}~{i}"}) for i in range(k) for p in corpus.passages]
    return lib


def all_pairs() -> None:
    """The search before blocking: every entry pair, every candidate of a number evaluated."""
    from qa.index import study_identity as si

    def entry_pairs(nodes):
        entries = [n for n in nodes if n.kind == "entry"]
        return [m for i, a in enumerate(entries) for b in entries[i + 1:] if a.doc_id != b.doc_id
                for m in si._entry_pair(a, b)]

    si._entry_pairs = entry_pairs
    si._Shortlist.keep = lambda self, node, idf: [c for c in self.candidates if c.doc_id != node.doc_id]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", default="1,3,6,8")
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    sizes = [1, 3] if args.quick else [int(x) for x in args.copies.split(",")]

    from qa.evaluation.corpora import settings_for
    from qa.index import studies, study_identity as si
    from qa.index.build import answer_units
    from qa.ingest.pipeline import ingest_corpus

    corpus = ingest_corpus(settings_for("pdfs"))
    blocked = (si._entry_pairs, si._Shortlist.keep)
    rng = np.random.default_rng(0)
    rows, results = [], []
    for k in sizes:
        lib = library(corpus, k)
        units = answer_units(lib)
        vectors = rng.standard_normal((len(units), 384)).astype("float32")
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        got = {}
        for name in ("all pairs", "blocked"):
            if name == "all pairs":
                all_pairs()
            else:
                si._entry_pairs, si._Shortlist.keep = blocked
            t = time.perf_counter()
            registry = studies.build_registry(lib.documents, lib.passages, units, vectors)
            seconds = time.perf_counter() - t
            got[name] = (seconds, hashlib.sha256("".join(s.model_dump_json() for s in registry).encode()).hexdigest())
        n = len(lib.passages)
        same = got["all pairs"][1] == got["blocked"][1]
        results.append({"copies": k, "passages": n, "all_pairs_s": round(got["all pairs"][0], 2),
                        "blocked_s": round(got["blocked"][0], 2), "identical": same})
        rows.append([k, n, f"{got['all pairs'][0]:.1f}", f"{got['blocked'][0]:.1f}",
                     f"{got['all pairs'][0] / got['blocked'][0]:.1f}x",
                     f"{1000 * got['blocked'][0] / n:.2f}", "yes" if same else "NO"])
        print(table(["copies", "passages", "all pairs s", "blocked s", "speed-up", "blocked s/1k passages",
                     "identical"], rows[-1:]), flush=True)
    print(table(["copies", "passages", "all pairs s", "blocked s", "speed-up", "blocked s/1k passages", "identical"], rows))
    write_result("registry_scaling", {"sizes": results})
    if not all(r["identical"] for r in results):
        raise SystemExit("registry_scaling: the blocked search gave a different registry")


if __name__ == "__main__":
    main()
