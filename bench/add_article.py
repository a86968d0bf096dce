"""The cost of adding one article to a large corpus: `qa add` of one PDF into a corpus of N
articles (default 1,000) whose index is already built, next to the full build of that corpus,
in one run. With a per-document embedding cache in the index build, the add embeds only the new
article; without one it costs a full rebuild. The manifest's "embedding" entry (when the build
writes one) says how many documents were embedded and how many reused.

The corpus is made from the ten dev PDFs' extracted texts and the seed reviews, each copy made
unique by a numbered first line (so every document has its own content hash).

    python bench/add_article.py [--articles 1000] [--quick]   # --quick: 20 articles

`--grown 10000,100000` measures instead, side by side in one run per size, the add of one
article to an index grown to that many passages (bench/growth.py's noisy replicas of the real
index, written as a real build with a real manifest next to a copy of the real corpus):
- segments: the real `qa.index.incremental.add_segment` (what `qa add` runs), phase by phase:
  hard-linking the build, ingesting and embedding the article, writing its segment, BM25
  statistics of the whole corpus, the study registry, publishing; then a query checks it;
- old full update: `growth.incremental_add` (every other document's vectors and tokens read
  from the embedding cache, the article embedded, every array rewritten), as before segments.
The article is a copy of the first real review under a new id (the same one both paths embed).

`--library 1000` measures the issue's figure, the cost of `qa add` of one PDF (the real CLI in
a fresh process: layout reading, copy, manifest, segment add) to a library of 1,000 documents,
without the hours a real full build of 1,000 articles takes here: the corpus folder holds 1,000
real documents (the three seed reviews and copies of them under new ids, so `qa add` sees a
1,000-entry manifest), and the index is a real build of growth.py's replicas of the real index
(each copy's passages, noisy vectors and tokens belong to that copy's document; the copies'
stored documents carry no citations, so the study registry holds the real reviews' studies
only). The full build of such a library is not run: it is extrapolated from the measured CPU
cost per 1,000 passages of bench/build_scaling.py and labelled so.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, summary, table, write_result
from qa.settings import pdf_dir

PDF_DIR = pdf_dir()  # QA_PDF_DIR, else ../shared/pdfs (qa.settings.pdf_dir)


def make_corpus(folder: Path, n: int, texts: list[tuple[str, str]]) -> None:
    """n documents cycling through `texts`, each with a unique first line."""
    import tomlkit

    folder.mkdir(parents=True)
    doc = tomlkit.document()
    entries = tomlkit.aot()
    for i in range(n):
        name, text = texts[i % len(texts)]
        doc_id = f"a{i:05d}"
        (folder / f"{doc_id}.txt").write_text(f"Copy {i} of {name}\n\n{text}", encoding="utf-8")
        entry = tomlkit.table()
        entry.update({"id": doc_id, "file": f"{doc_id}.txt", "title": f"{name} (copy {i})", "citation_style": "auto"})
        entries.append(entry)
    doc["documents"] = entries
    (folder / "manifest.toml").write_text(tomlkit.dumps(doc), encoding="utf-8")
    shutil.copy(ROOT / "corpus" / "synonyms.toml", folder / "synonyms.toml")


def qa(*args: str, env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "qa", *args], cwd=ROOT, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise RuntimeError(f"qa {' '.join(args)} failed: {result.stderr[-800:]}")
    return time.perf_counter() - started, result.stdout


def embedding_counts(index_dir: Path) -> dict:
    current = (index_dir / "CURRENT").read_text().split()[0]  # "build-name xxh3"
    manifest = json.loads((index_dir / current / "manifest.json").read_text())
    return {"passages": manifest["counts"]["passages"], "embedding": manifest.get("embedding")}


PHASES = (("adding", "link+ingest"), ("embedding", "embed"), ("BM25", "bm25 stats"),
          ("rebuilding", "studies"), ("publishing", "publish"), ("index ready", "gc"))


def grown_index(real, folder: Path, size: int, settings):
    """A copy of the real corpus and a real build of `size` grown passages for it."""
    import numpy as np

    from growth_data import grown_corpus, timed
    from qa.index import fingerprints, store
    from qa.index.build import write_arrays
    from qa.settings import Settings

    rng = np.random.default_rng(0)
    grown = grown_corpus(real, size, rng)
    corpus, index = folder / "corpus", folder / "index"
    shutil.copytree(ROOT / "corpus", corpus)
    build = index / "build-grown"
    build.mkdir(parents=True)
    _, write_s = timed(lambda: write_arrays(build, grown[0], real.doc_ids, grown[2], grown[1], grown[3],
                                           grown[4], settings))
    for name in ("encoder", "glossary.json", "documents.json", "studies.jsonl", "studies.nodes.json",
                 "studies.vectors.npy"):
        (shutil.copytree if name == "encoder" else shutil.copy)(real.build / name, build / name)
    # the units' word counts a full build keeps (row r is a copy of real row r % n)
    from collections import Counter

    from qa.index.analyzer import tokenize
    from qa.index.study_nodes import save_word_df

    n, texts = len(real.passages), {d.id: d.text for d in real.documents}
    df: Counter[str] = Counter()
    for r in range(n):
        copies = len(range(r, size, n))
        for _, a, z in real.sentences.spans(r):
            for t in set(tokenize(texts[real.passages[r].doc_id][a:z])):
                df[t] += copies
    save_word_df(build, dict(df), len(grown[1]))
    manifest = dict(real.manifest)
    manifest["counts"] = {**manifest["counts"], "passages": size, "answer_units": len(grown[1])}
    manifest["files"] = store.describe_files(build)
    (build / store.MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    (index / store.CURRENT).write_text(f"{build.name} {fingerprints.file_xxh3(build / store.MANIFEST)}\n")
    bench = Settings(corpus_dir=corpus, index_dir=index)
    state = store.check(bench)
    if not state.ready:
        raise RuntimeError(f"the grown index is not usable: {state.reason}")
    return bench, grown, write_s


def query_cost(bench, indexes: dict, questions: list[str], passes: int = 3) -> dict:
    """Warm BM25 (depth 100) and hybrid latency, ms, of several indexes measured interleaved
    (question by question, `passes` times: load drifts hit them alike); question vectors cached."""
    from growth_data import timed
    from qa.retrieval.retriever import Retriever

    depth = bench.retrieval.depth
    runs = {}
    for name, index in indexes.items():
        retriever = Retriever(bench, index=index)
        parsed = [retriever.parse(q) for q in questions]
        for q in parsed:
            retriever.query_vector(q)
            retriever.search(q, k=10)  # warm
        runs[name] = (index, retriever, parsed)
    times = {name: {"bm25_ms": [], "hybrid_ms": []} for name in indexes}
    for _ in range(passes):
        for i in range(len(questions)):
            for name, (index, retriever, parsed) in runs.items():
                q = parsed[i]
                times[name]["bm25_ms"].append(timed(lambda: index.bm25.top(q.bm25_tokens, depth,
                                                                          weights=q.bm25_weights))[1])
                times[name]["hybrid_ms"].append(timed(lambda: retriever.search(q, k=10))[1])
    return {name: {k: summary(v, 1000) for k, v in t.items()} for name, t in times.items()}


def segment_add(bench, real) -> dict:
    """`add_segment` of a copy of the first real review, timed phase by phase, and the warm
    query cost of the index before (one segment) and after (two segments)."""
    from qa.evaluation.evaluate import load_questions
    from qa.index import store
    from qa.index.incremental import add_segment
    from qa.index.load import load
    from qa.retrieval.retriever import Retriever

    questions = [q.question for q in load_questions(split="all")][:60]
    state = store.check(bench)

    source = next(m for m in real.documents if m.id == real.doc_ids[0])
    name = f"{source.id}-copy.txt"
    entry = next(e for e in (ROOT / "corpus" / "manifest.toml").read_text().split("[[documents]]")
                 if f'id = "{source.id}"' in e)
    shutil.copy(ROOT / "corpus" / source.meta.file, Path(bench.corpus_dir) / name)
    with open(Path(bench.corpus_dir) / "manifest.toml", "a", encoding="utf-8") as fh:
        fh.write("\n[[documents]]" + entry.replace(f'id = "{source.id}"', f'id = "{source.id}-copy"')
                 .replace(f'file = "{source.meta.file}"', f'file = "{name}"'))
    marks: list[tuple[float, str]] = []
    started = time.perf_counter()
    built = add_segment(bench, store.check(bench), lambda f, m: marks.append((time.perf_counter(), m)))
    total = time.perf_counter() - started
    if built is None:
        raise RuntimeError("add_segment fell back to a full build")
    phases = {}
    for (t, message), (t_next, _) in zip(marks, marks[1:] + [(started + total, "")]):
        key = next((name for prefix, name in PHASES if message.startswith(prefix)), message[:20])
        phases[key] = round(phases.get(key, 0.0) + t_next - t, 2)
    new_state = store.check(bench)
    old_s, same = old_registry(new_state.build, new_state.manifest)
    index = load(new_state.build, new_state.manifest)
    q0 = time.perf_counter()  # the first query of a fresh load: includes the ONNX session start
    top = Retriever(bench, index=index).search("Which sources of MSCs were used for GVHD?", k=10,
                                               docs=[f"{source.id}-copy"])
    first_query_ms = round((time.perf_counter() - q0) * 1000, 1)
    cost = query_cost(bench, {"one": load(state.build, state.manifest), "two": index}, questions)
    after = cost["two"]
    before = cost["one"]  # the build before the add (kept on disk as the previous build)
    return {"total_s": round(total, 2), "phases_s": phases, "segments": len(index.manifest["segments"]),
            "old_registry_s": round(old_s, 2), "old_registry_identical": same,
            "query_one_segment": before, "query_two_segments": after,
            "passages_added": index.manifest["segments"][-1]["rows"],
            "first_query_ms": first_query_ms,
            "new_doc_searchable": bool(top) and all(h.passage.doc_id.endswith("-copy") for h in top)}


def old_registry(build: Path, manifest: dict) -> tuple[float, bool]:
    """The study registry as an add computed it before segment-local nodes (the code of commit
    948a749, `incremental._write_studies`, without removals): every segment's stored documents
    parsed, every unit's offsets listed, the nodes of every document rebuilt, the whole
    vocabulary's word counts summed. Returns its seconds on `build` and whether it equals the
    registry the add wrote (studies.jsonl, byte for byte)."""
    from collections import Counter

    import numpy as np

    from qa.index import studies
    from qa.index.rowstore import PassageStore, SentenceStore
    from qa.index.segments import folder_of, segment_infos
    from qa.index.study_nodes import WordCounts
    from qa.models import Document

    started = time.perf_counter()
    documents, rows, units, parts, ids = [], [], [], [], []
    df: Counter[str] = Counter()
    n_units = 0
    for seg, info in enumerate(segment_infos(manifest)):
        folder = folder_of(build, info)
        raw = {d["meta"]["id"]: d for d in json.loads((folder / "documents.json").read_text(encoding="utf-8"))}
        documents.extend(Document.model_validate(raw[d]) for d in info.documents if d in raw)
        sentences = SentenceStore(folder, info.rows, None)  # type: ignore[arg-type]
        parts.append(sentences.vectors)
        indptr = np.asarray(sentences.indptr)
        starts, ends = np.asarray(sentences.starts).tolist(), np.asarray(sentences.ends).tolist()
        codes = np.asarray(PassageStore(folder, info.documents).doc_codes).tolist()
        counted = WordCounts(folder)  # the whole vocabulary, as the old JSON file was read
        blob, offsets = bytes(np.asarray(counted._terms)), np.asarray(counted._offsets).tolist()
        df.update({blob[a:z].decode("utf-8"): int(c) for a, z, c in
                   zip(offsets[:-1], offsets[1:], np.asarray(counted._counts).tolist())})
        n_units += counted.units
        holders = {d: type("Row", (), {"doc_id": d}) for d in info.documents}
        for r in range(info.rows):
            a, z = int(indptr[r]), int(indptr[r + 1])
            rows.append(holders[info.documents[codes[r]]])
            units.extend((len(rows) - 1, starts[u], ends[u], "") for u in range(a, z))
            ids.extend((seg, u) for u in range(a, z))

    class Vectors:
        def __getitem__(self, unit: int):
            seg, local = ids[unit]
            return np.asarray(parts[seg][local], dtype=np.float32)

    registry = studies.build_registry(documents, rows, units, Vectors(), idf=studies.idf_from_df(df, n_units))
    seconds = time.perf_counter() - started
    written = (build / studies.FILE).read_text(encoding="utf-8")
    return seconds, written == "".join(s.model_dump_json() + "\n" for s in registry)


def grown_sizes(sizes: list[int], old_path: bool = True, name: str = "add_segment") -> None:
    """Per size: the segment add next to the old full update (see the module docstring);
    `old_path=False` skips the old update (at 1M it rewrites every array: tens of minutes)."""
    import growth
    from qa.index.load import open_index
    from qa.settings import Settings

    settings = Settings.from_env()
    real = open_index(settings)
    rows, results = [], []
    old_reg = lambda r: f"{r['old_registry_s']} ({'identical' if r['old_registry_identical'] else 'DIFFERS'})"  # noqa: E731
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="qa-add-grown-") as tmp:
            bench, grown, write_s = grown_index(real, Path(tmp), size, settings)
            new = segment_add(bench, real)
            old = growth.incremental_add(real, Path(tmp), *grown, settings) if old_path else None
        if old is None:
            results.append({"passages": size, "segments": new, "initial_write_s": write_s})
            rows.append([size, new["total_s"], " / ".join(f"{k} {v}" for k, v in new["phases_s"].items()),
                         old_reg(new), "(not run)", "", ""])
            print(f"{size} passages done", file=sys.stderr)
            continue
        results.append({"passages": size, "segments": new, "old_full_update": old, "initial_write_s": write_s})
        rows.append([size, new["total_s"], " / ".join(f"{k} {v}" for k, v in new["phases_s"].items()),
                     old_reg(new), old["total_s"], f"{old['read_cache_s']} / {old['embed_new_s']} / {old['write_arrays_s']}",
                     f"{old['total_s'] / new['total_s']:.1f}x"])
        print(f"{size} passages done", file=sys.stderr)
    print(table(["passages", "segment add s", "phases s", "OLD registry s (same?)", "OLD full update s", "(cache read / embed / write)",
                 "speed-up"], rows))
    print("\nWarm query cost, ms p50 / p95 (60 questions x 3, interleaved): one segment (precomputed "
          "weights) vs two (weights from tf + global statistics)\n")
    lat = lambda d, k: f"{d[k]['median']:.2f} / {d[k]['p95']:.2f}"  # noqa: E731
    print(table(["passages", "bm25 1 seg", "bm25 2 seg", "hybrid 1 seg", "hybrid 2 seg"],
                [[r["passages"], lat(r["segments"]["query_one_segment"], "bm25_ms"),
                  lat(r["segments"]["query_two_segments"], "bm25_ms"),
                  lat(r["segments"]["query_one_segment"], "hybrid_ms"),
                  lat(r["segments"]["query_two_segments"], "hybrid_ms")] for r in results]))
    path = write_result(name, {"sizes": results})
    print(f"wrote {path.relative_to(ROOT)}")


def library_index(real, folder: Path, n_docs: int, settings):
    """A corpus folder of `n_docs` documents (the real ones, then copies `<id>-cNNN`) and a real
    build of replicas of the real index for it, consistent with that corpus (manifest key,
    corpus fingerprint, per-document keys), so `qa add` into it runs the segment add."""
    import numpy as np
    import tomlkit

    from growth_data import grown_corpus, timed
    from qa.index import fingerprints, store
    from qa.index.build import doc_keys, write_arrays
    from qa.ingest.corpus import corpus_fingerprint
    from qa.settings import Settings

    order = [p.doc_id for p in real.passages]
    docs = list(dict.fromkeys(order))
    if any(order[i] != order[i + 1] and order[i + 1] in order[:i + 1] for i in range(len(order) - 1)):
        raise RuntimeError("the real index's passages are not grouped by document")
    n, per = len(real.passages), len(docs)
    copies, extra = divmod(n_docs, per)
    size = copies * n + sum(order.count(d) for d in docs[:extra])
    rng = np.random.default_rng(0)
    passages, units, vectors, unit_vectors, tokens = grown_corpus(real, size, rng)
    name = lambda d, c: d if c == 0 else f"{d}-c{c:03d}"  # noqa: E731
    passages = [p.model_copy(update={"doc_id": name(p.doc_id, i // n)}) for i, p in enumerate(passages)]
    doc_ids = list(dict.fromkeys(p.doc_id for p in passages))
    corpus, index = folder / "corpus", folder / "index"
    corpus.mkdir(parents=True)
    shutil.copy(ROOT / "corpus" / "synonyms.toml", corpus / "synonyms.toml")
    manifest_doc = tomlkit.parse((ROOT / "corpus" / "manifest.toml").read_text(encoding="utf-8"))
    entries = {str(e["id"]): e for e in manifest_doc["documents"]}
    table = tomlkit.aot()
    for doc_id in doc_ids:
        base, _, copy = doc_id.partition("-c")
        entry = tomlkit.table()
        entry.update({**entries[base], "id": doc_id, "file": f"{doc_id}.txt"})
        shutil.copy(ROOT / "corpus" / str(entries[base]["file"]), corpus / f"{doc_id}.txt")
        table.append(entry)
    manifest_doc["documents"] = table
    (corpus / "manifest.toml").write_text(tomlkit.dumps(manifest_doc), encoding="utf-8")
    build = index / "build-library"
    build.mkdir(parents=True)
    _, write_s = timed(lambda: write_arrays(build, passages, doc_ids, vectors, units, unit_vectors, tokens, settings))
    for item in ("encoder", "studies.jsonl", "studies.vectors.npy"):
        (shutil.copytree if item == "encoder" else shutil.copy)(real.build / item, build / item)
    nodes = json.loads((real.build / "studies.nodes.json").read_text(encoding="utf-8"))
    nodes.update(documents=doc_ids, references=[d for d in doc_ids if d in nodes["references"]])
    (build / "studies.nodes.json").write_text(json.dumps(nodes), encoding="utf-8")  # copies cite nothing
    glossary = json.loads((real.build / "glossary.json").read_text(encoding="utf-8"))
    (build / "glossary.json").write_text(json.dumps({d: glossary[d.partition("-c")[0]] for d in doc_ids}),
                                         encoding="utf-8")
    stored = {d["meta"]["id"]: d for d in json.loads((real.build / "documents.json").read_text(encoding="utf-8"))}
    out = []
    for doc_id in doc_ids:
        base = doc_id.partition("-c")[0]
        d = json.loads(json.dumps(stored[base]))
        if doc_id != base:
            d["meta"].update({"id": doc_id, "file": f"{doc_id}.txt"})
            d["citations"], d["references"] = [], []
        out.append(d)
    (build / "documents.json").write_text(json.dumps(out), encoding="utf-8")
    from collections import Counter

    from qa.index.analyzer import tokenize
    from qa.index.study_nodes import save_word_df

    texts, df = {d.id: d.text for d in real.documents}, Counter()
    for r in range(n):
        for _, a, z in real.sentences.spans(r):
            for t in set(tokenize(texts[real.passages[r].doc_id][a:z])):
                df[t] += len(range(r, size, n))
    save_word_df(build, dict(df), len(units))
    bench = Settings(corpus_dir=corpus, index_dir=index)
    files = corpus_fingerprint(corpus)
    manifest = {k: v for k, v in real.manifest.items() if k != "segments"}
    manifest.update({
        "key": store.index_key(bench, files, manifest["model"]["weights_sha256"], manifest["model"].get("files")),
        "corpus": {"dir": str(corpus), "files": files}, "documents": doc_ids, "doc_keys": doc_keys(corpus, files),
        "counts": {"documents": len(doc_ids), "passages": size, "answer_units": len(units)},
        "dense": "flat" if size <= settings.index.dense_exact_max else "hnsw"})
    manifest["files"] = store.describe_files(build)
    (build / store.MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    (index / store.CURRENT).write_text(f"{build.name} {fingerprints.file_xxh3(build / store.MANIFEST)}\n")
    state = store.check(bench)
    if not state.ready:
        raise RuntimeError(f"the library index is not usable: {state.reason}")
    return bench, corpus, index, {"documents": len(doc_ids), "passages": size, "answer_units": len(units),
                                  "initial_write_s": round(write_s, 2)}


def library(n_docs: int) -> None:
    """`qa add` of one dev PDF into a library of n_docs documents (see the module docstring)."""
    from qa.index.load import open_index
    from qa.settings import Settings

    settings = Settings.from_env()
    real = open_index(settings)
    pdf = sorted(PDF_DIR.glob("*.pdf"))[0]
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    with tempfile.TemporaryDirectory(prefix="qa-add-library-") as tmp:
        bench, corpus, index, made = library_index(real, Path(tmp), n_docs, settings)
        print(f"library ready: {made}", file=sys.stderr)
        common = ["--corpus-dir", str(corpus), "--index-dir", str(index)]
        add_s, out = qa("add", str(pdf), *common, env=env)
        added = embedding_counts(index)
        current = (index / "CURRENT").read_text().split()[0]
        after = json.loads((index / current / "manifest.json").read_text())
        search_s, hits = qa("search", "mesenchymal stromal cells", "--doc", after["documents"][-1], *common, env=env)
        check_s, _ = qa("index", *common, env=env)
    passages_added = added["passages"] - made["passages"]
    result = {"library_documents": made["documents"], "passages_before": made["passages"],
              "answer_units_before": made["answer_units"], "initial_write_s": made["initial_write_s"],
              "new_article": pdf.name, "add_s": round(add_s, 2), "passages_added": passages_added,
              "documents_after": after["counts"]["documents"], "segments_after": len(after.get("segments", [])),
              "embedding_after_add": added["embedding"], "build_seconds_in_manifest": after.get("build_seconds"),
              "search_new_doc_s": round(search_s, 2), "search_found_new_doc": bool(hits.strip()),
              "check_after_s": round(check_s, 2), "qa_add_output": out.strip()}
    print(json.dumps(result, indent=1))
    path = write_result("add_article_library", result)
    print(f"wrote {path.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--quick", action="store_true", help="20 articles")
    parser.add_argument("--grown", help="passage counts (e.g. 10000,100000): segment add vs old full update")
    parser.add_argument("--library", type=int, help="documents (e.g. 1000): qa add into a grown library")
    parser.add_argument("--no-old", action="store_true", help="with --grown: skip the old full update (1M)")
    parser.add_argument("--name", default="add_segment", help="with --grown: results file name")
    args = parser.parse_args()
    if args.library:
        library(args.library)
        return
    if args.grown:
        grown_sizes([int(x) for x in args.grown.split(",")], not args.no_old, args.name)
        return
    n = 20 if args.quick else args.articles
    from qa.ingest.pdf import read_pdf

    pdfs = sorted(PDF_DIR.glob("*.pdf"))
    new_article, sources = pdfs[0], pdfs[1:]
    texts = [(p.stem, read_pdf(p).text) for p in sources]
    texts += [(p.stem, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "corpus").glob("*.txt"))]
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    with tempfile.TemporaryDirectory(prefix="qa-add-bench-") as tmp:
        corpus, index = Path(tmp) / "corpus", Path(tmp) / "index"
        make_corpus(corpus, n, texts)
        common = ["--corpus-dir", str(corpus), "--index-dir", str(index)]
        build_s, _ = qa("index", *common, env=env)
        built = embedding_counts(index)
        add_s, out = qa("add", str(new_article), *common, env=env)
        added = embedding_counts(index)
        again_s, _ = qa("index", *common, env=env)  # nothing changed: a check only
    rows = [["full build", n, build_s, built["passages"]],
            ["add one PDF (read + copy + index update)", n + 1, add_s, added["passages"]],
            ["index check afterwards (no change)", n + 1, again_s, added["passages"]]]
    print(table(["step", "articles", "seconds", "passages"], rows))
    print(f"\nadd / full build = {add_s / build_s:.2f}")
    print("embedding after add:", added["embedding"] or "not reported by this build (no embedding cache)")
    path = write_result("add_article", {
        "articles": n, "new_article": new_article.name, "full_build_s": round(build_s, 2),
        "add_s": round(add_s, 2), "check_s": round(again_s, 2), "add_over_build": round(add_s / build_s, 3),
        "passages_before": built["passages"], "passages_after": added["passages"],
        "embedding_after_add": added["embedding"], "qa_add_output": out.strip(),
    })
    print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
