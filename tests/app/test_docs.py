"""`qa docs`: the detected citation style of each document, 'unknown' shown, never silent."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_qa
from qa.ingest.corpus import MANIFEST_NAME

PLAIN = ("Background\n\nMesenchymal stromal cells were cultured for three weeks (Fig. 2) and then "
         "examined under the microscope (n = 4). The cells kept their shape and grew well.\n")


@pytest.mark.slow
def test_docs_shows_each_style_and_unknown(corpus_copy: Path, tmp_path: Path) -> None:
    import shutil

    from conftest import ROOT
    from qa.index.embed_cache import CACHE

    shutil.copytree(ROOT / "index" / CACHE, tmp_path / "index" / CACHE)  # the reviews' embeddings, reused
    private = ("--corpus-dir", str(corpus_copy), "--index-dir", str(tmp_path / "index"))  # never the project's
    with open(corpus_copy / MANIFEST_NAME, "a", encoding="utf-8") as fh:
        fh.write('\n[[documents]]\nid = "plain"\nfile = "plain.txt"\ntitle = "No citations"\n')
    (corpus_copy / "plain.txt").write_text(PLAIN, encoding="utf-8")
    result = run_qa("docs", "--json", *private)
    assert result.returncode == 0, result.stderr
    rows = {r["id"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert rows["kim2013"]["citation_style"] == "numeric" and rows["kim2013"]["references"] == 154
    assert rows["kim2013"]["resolved"] == rows["kim2013"]["citations"] > 0
    assert rows["figueroa2012"]["citation_style"] == "author_year"
    assert rows["pmc3782548"]["citation_style"] == "superscript"
    assert rows["plain"]["citation_style"] == "unknown" and rows["plain"]["citations"] == 0
    assert "unknown" in rows["plain"]["style"]
    text = run_qa("docs", *private)
    assert "plain: citations unknown: too little evidence" in text.stdout
    assert "warning: plain: no in-text citations found" in text.stderr
