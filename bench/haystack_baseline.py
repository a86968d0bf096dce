"""Peer baseline: Haystack 2.x hybrid retrieval over the raw corpus, scored exactly like `qa`.

Usage: python bench/haystack_baseline.py [--quick]      (needs the `bench` extra: haystack-ai)

Haystack as its tutorials set it up: the raw PDF-extracted texts (no cleaning) cut into
200-word chunks by DocumentSplitter, an InMemoryDocumentStore, InMemoryBM25Retriever (its
default BM25L) and InMemoryEmbeddingRetriever over the same all-MiniLM-L6-v2 vectors (chunks
and questions embedded with qa's ONNX export of it, truncated at 256 tokens, no query
expansion), joined by DocumentJoiner(join_mode="reciprocal_rank_fusion"). A second run feeds
it qa's cleaned document text instead, to separate what cleaning buys from what qa's
passages, expansion and fusion buy. Scoring goes through `qa.evaluation.evaluate.run_eval` itself (the
chunks are wrapped as Passages), so the relevance rule (question's doc + `phrase_in` of an
evidence phrase) and the metrics are identical for every system.
"""
from __future__ import annotations

import argparse
import os
from dataclasses import replace
import statistics
import time

from _common import summary, table, write_result

os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")  # no network calls
SPLITS = ("test", "dev")
MODES = ("bm25", "dense", "hybrid")
METRICS = ("hit@1", "hit@5", "hit@10", "mrr@10", "ndcg@10", "hit@100w", "hit@300w")
DEPTH = 100  # candidates per retriever before fusion (qa's default depth)


def haystack_pipeline(texts: dict[str, str], encoder):
    """Chunk, embed and index `texts` ({doc_id: text}); return the hybrid query pipeline."""
    from haystack import Document, Pipeline
    from haystack.components.joiners import DocumentJoiner
    from haystack.components.preprocessors import DocumentSplitter
    from haystack.components.retrievers.in_memory import InMemoryBM25Retriever, InMemoryEmbeddingRetriever
    from haystack.document_stores.in_memory import InMemoryDocumentStore

    splitter = DocumentSplitter(split_by="word", split_length=200, split_overlap=0)
    if hasattr(splitter, "warm_up"):  # newer releases want it before run()
        splitter.warm_up()
    docs = [Document(content=text, meta={"doc_id": doc_id}) for doc_id, text in texts.items()]
    chunks = splitter.run(documents=docs)["documents"]
    vectors = encoder.encode([c.content for c in chunks])
    chunks = [replace(c, embedding=v.tolist()) for c, v in zip(chunks, vectors)]
    store = InMemoryDocumentStore()
    store.write_documents(chunks)
    pipeline = Pipeline()
    pipeline.add_component("bm25", InMemoryBM25Retriever(document_store=store, top_k=DEPTH))
    pipeline.add_component("dense", InMemoryEmbeddingRetriever(document_store=store, top_k=DEPTH))
    pipeline.add_component("joiner", DocumentJoiner(join_mode="reciprocal_rank_fusion", top_k=DEPTH))
    pipeline.connect("bm25.documents", "joiner.documents")
    pipeline.connect("dense.documents", "joiner.documents")
    return pipeline, chunks


def haystack_retrieve_fn(pipeline, encoder, latencies: list[float]):
    """A `retrieve_fn` for run_eval: one pipeline run per question, all three lists kept."""
    from qa.models import Hit, Passage

    cache: dict[str, dict[str, list]] = {}

    def retrieve(question: str, k: int = 10, mode: str = "hybrid") -> list[Hit]:
        if question not in cache:
            started = time.perf_counter()
            vector = encoder.encode([question])[0].tolist()
            out = pipeline.run({"bm25": {"query": question}, "dense": {"query_embedding": vector}},
                               include_outputs_from={"bm25", "dense"})
            latencies.append(time.perf_counter() - started)
            cache[question] = {"bm25": out["bm25"]["documents"], "dense": out["dense"]["documents"],
                               "hybrid": out["joiner"]["documents"]}
        hits = []
        for rank, doc in enumerate(cache[question][mode][:k], start=1):
            start = int(doc.meta.get("split_idx_start", 0))
            passage = Passage(id=doc.id, doc_id=doc.meta["doc_id"], section="", text=doc.content,
                              start=start, end=start + len(doc.content))
            hits.append(Hit(passage=passage, rank=rank, score=float(doc.score or 0.0)))
        return hits

    return retrieve


def overall(report) -> dict[str, dict[str, float]]:
    return {mode: {m: round(b.overall.metrics.get(m, float("nan")), 4) for m in METRICS}
            for mode, b in report.retrieval.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="test split only")
    args = parser.parse_args()
    splits = SPLITS[:1] if args.quick else SPLITS

    import haystack

    from qa.ingest.corpus import read_corpus
    from qa.evaluation.evaluate import load_questions, run_eval
    from qa.index.load import open_index
    from qa.settings import Settings

    settings = Settings.from_env()
    index = open_index(settings)
    encoder = index.encoder
    raw = {d.meta.id: d.text for d in read_corpus(settings.corpus_dir).documents}
    cleaned = {d.id: d.text for d in index.documents}
    systems: dict[str, tuple] = {}
    build_s: dict[str, float] = {}
    for name, texts in (("haystack raw", raw), ("haystack cleaned", cleaned)):
        started = time.perf_counter()
        systems[name] = haystack_pipeline(texts, encoder)
        build_s[name] = round(time.perf_counter() - started, 3)
    results: dict[str, dict] = {}
    latency: dict[str, list[float]] = {}
    for split in splits:
        questions = load_questions(split=split)
        results[split] = {"qa": overall(run_eval(split, MODES, 10, answers=False, settings=settings,
                                                 questions=questions))}
        for name, (pipeline, _) in systems.items():
            times = latency.setdefault(name, [])
            fn = haystack_retrieve_fn(pipeline, encoder, times)
            results[split][name] = overall(run_eval(split, MODES, 10, retrieve_fn=fn, answers=False,
                                                    questions=questions))
        results[split]["n_answerable"] = sum(q.answerable for q in questions)
    chunks = {name: {"chunks": len(c), "words_median": statistics.median(len(x.content.split()) for x in c)}
              for name, (_, c) in systems.items()}
    path = write_result("haystack_baseline", {
        "haystack_version": str(haystack.__version__),
        "qa_passages": len(index.passages), "haystack_chunks": chunks, "haystack_index_build_s": build_s,
        "haystack_query_ms": {n: summary(v, scale=1000) for n, v in latency.items()},
        "results": results,
    })
    for split in splits:
        n = results[split]["n_answerable"]
        print(f"\nSplit '{split}' ({n} answerable questions), k=10, same relevance rule and metrics\n")
        rows = [[f"{system} {mode}", *(r[m] for m in METRICS)]
                for system, modes in results[split].items() if system != "n_answerable"
                for mode, r in modes.items()]
        print(table(["system / mode", *METRICS], rows))
    print(f"\nqa: {len(index.passages)} passages; haystack: "
          + ", ".join(f"{n} {c['chunks']} chunks" for n, c in chunks.items()))
    print("haystack query (encode + pipeline) p50 ms: "
          + ", ".join(f"{n} {statistics.median(v) * 1000:.1f}" for n, v in latency.items()))
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
