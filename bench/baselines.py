"""Side-by-side baselines on the blind questions: qa against bm25s and Haystack (hybrid, RRF).

Usage: python bench/baselines.py [--no-haystack]    (Haystack needs the `bench` extra)

Both baselines read the same texts qa ingests (the raw article texts of each question set's
corpus: corpus/ for the reviews, the evaluation corpus of the ten PDF articles built by
`qa.evaluation.corpora.pdf_corpus`) cut into fixed 200-word chunks, as such tools are usually
set up:
- bm25s (PyPI `bm25s`, sparse-matrix BM25, its default Lucene variant and English stopwords);
- Haystack hybrid: its BM25 and embedding retrievers over the same MiniLM vectors, joined by
  reciprocal rank fusion (see bench/haystack_baseline.py).
Every system is scored by `qa.evaluation.evaluate.run_eval` itself (chunks wrapped as
Passages), so the relevance rule and the metrics are identical. The blind-dev and blind-test
splits are reported separately; blind-test is only reported, never tuned on.
"""
from __future__ import annotations

import argparse
import os
import time

from _common import table, write_result

os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")
METRICS = ("hit@1", "hit@5", "mrr@10", "hit@100w", "hit@300w")
SPLITS = ("blind-dev", "blind-test")
CHUNK_WORDS = 200


def chunks_of(texts: dict[str, str], words: int = CHUNK_WORDS) -> list[tuple[str, int, str]]:
    """(doc_id, chunk number, text) of fixed `words`-word chunks, no overlap."""
    out = []
    for doc_id, text in texts.items():
        tokens = text.split()
        for n, i in enumerate(range(0, len(tokens), words)):
            out.append((doc_id, n, " ".join(tokens[i:i + words])))
    return out


def bm25s_retrieve_fn(chunks: list[tuple[str, int, str]]):
    """A `retrieve_fn` for run_eval over a bm25s index of the chunks."""
    import bm25s

    from qa.models import Hit, Passage

    corpus_tokens = bm25s.tokenize([c[2] for c in chunks], stopwords="en", show_progress=False)
    retriever = bm25s.BM25()
    retriever.index(corpus_tokens, show_progress=False)
    passages = [Passage(id=f"{d}:{n}", doc_id=d, section="", text=t, start=0, end=len(t)) for d, n, t in chunks]

    def retrieve(question: str, k: int = 10, mode: str = "hybrid", previous: str | None = None) -> list:
        text = f"{question} {previous}" if previous else question
        tokens = bm25s.tokenize([text], stopwords="en", show_progress=False)
        if not tokens.vocab:
            return []
        rows, scores = retriever.retrieve(tokens, k=min(k, len(passages)), show_progress=False)
        return [Hit(passage=passages[int(r)], rank=i, score=float(s))
                for i, (r, s) in enumerate(zip(rows[0], scores[0]), start=1) if s > 0]

    return retrieve


def haystack_fn(texts: dict[str, str], encoder):
    from haystack_baseline import haystack_pipeline, haystack_retrieve_fn

    pipeline, _ = haystack_pipeline(texts, encoder)
    inner = haystack_retrieve_fn(pipeline, encoder, [])

    def retrieve(question: str, k: int = 10, mode: str = "hybrid", previous: str | None = None) -> list:
        return inner(f"{question} {previous}" if previous else question, k=k, mode="hybrid")

    return retrieve


def overall(report) -> dict[str, float]:
    return {m: round(report.retrieval["hybrid"].overall.metrics.get(m, float("nan")), 4) for m in METRICS}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-haystack", action="store_true", help="leave Haystack out")
    args = parser.parse_args()

    from qa.evaluation.corpora import settings_for
    from qa.evaluation.evaluate import load_all, run_eval
    from qa.ingest.corpus import read_corpus
    from qa.retrieval.retriever import Retriever

    results: dict[str, dict] = {}
    for set_name in ("seeds", "pdfs"):
        settings = settings_for(set_name)
        retriever = Retriever(settings)
        texts = {d.meta.id: d.text for d in read_corpus(settings.corpus_dir).documents}
        started = time.perf_counter()
        systems = {"qa": retriever.search, "bm25s 200w": bm25s_retrieve_fn(chunks_of(texts))}
        if not args.no_haystack:
            try:
                systems["haystack hybrid rrf 200w"] = haystack_fn(texts, retriever.index.encoder)
            except ImportError:
                print("haystack-ai is not installed (pip install -e '.[bench]'): left out")
        print(f"{set_name}: baselines built in {time.perf_counter() - started:.1f}s")
        questions = load_all("all", set_name)
        for split in SPLITS:
            items = [q for q in questions if q.split == split]
            key = f"{split}-{set_name}"
            results[key] = {"n_answerable": sum(q.answerable for q in items)}
            for name, fn in systems.items():
                report = run_eval(split, ("hybrid",), 10, retrieve_fn=fn, answers=False, questions=items)
                results[key][name] = overall(report)
    path = write_result("baselines", {"chunk_words": CHUNK_WORDS, "results": results})
    for key, systems in results.items():
        print(f"\n{key} ({systems['n_answerable']} answerable questions), k=10, same relevance rule and metrics")
        rows = [[name, *(r[m] for m in METRICS)] for name, r in systems.items() if name != "n_answerable"]
        print(table(["system", *METRICS], rows))
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
