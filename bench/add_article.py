"""The cost of adding one article to a large corpus: `qa add` of one PDF into a corpus of N
articles (default 1,000) whose index is already built, next to the full build of that corpus,
in one run. With a per-document embedding cache in the index build, the add embeds only the new
article; without one it costs a full rebuild. The manifest's "embedding" entry (when the build
writes one) says how many documents were embedded and how many reused.

The corpus is made from the ten dev PDFs' extracted texts and the seed reviews, each copy made
unique by a numbered first line (so every document has its own content hash).

    python bench/add_article.py [--articles 1000] [--quick]   # --quick: 20 articles
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

from _common import ROOT, table, write_result
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
    current = (index_dir / "CURRENT").read_text().strip()
    manifest = json.loads((index_dir / current / "manifest.json").read_text())
    return {"passages": manifest["counts"]["passages"], "embedding": manifest.get("embedding")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--quick", action="store_true", help="20 articles")
    args = parser.parse_args()
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
