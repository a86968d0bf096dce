"""The evaluation corpus of the PDF articles: written by a function into an ignored folder,
read by the layout reader as qa add reads them, and left untouched when unchanged."""
from __future__ import annotations

import json
import tomllib

import pytest

from qa.evaluation import corpora
from qa.evaluation.evaluate import load_all

needs_texts = pytest.mark.skipif(not corpora.PDF_DIR.is_dir(),
                                 reason="the PDF articles (../shared/pdfs) are not on this machine")


@needs_texts
def test_pdf_corpus_holds_every_article_of_the_pdf_questions(pdf_library, tmp_path, monkeypatch):
    """The folder `settings_for('pdfs')` wrote for this session, copied: what a later run finds."""
    import shutil

    folder = tmp_path / "pdfs"
    shutil.copytree(pdf_library[0].corpus_dir, folder, ignore=shutil.ignore_patterns("index"))
    manifest = tomllib.loads((folder / "manifest.toml").read_text(encoding="utf-8"))
    ids = {d["id"] for d in manifest["documents"]}
    assert {"kim2013", "figueroa2012", "pmc3782548"} <= ids and len(ids) == 13
    for q in load_all("all", "pdfs"):
        assert set(q.docs) <= ids, q.id
    for doc in manifest["documents"]:
        assert (folder / doc["file"]).stat().st_size > 10_000
    stamp = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    read = []
    real_read = corpora._pdf_text

    def counted(pdf):
        read.append(pdf.stem)
        return real_read(pdf)

    monkeypatch.setattr(corpora, "_pdf_text", counted)
    assert corpora.pdf_corpus(folder) == folder  # unchanged PDFs and code: nothing read, nothing rewritten
    assert read == [] and {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == stamp
    # a text whose record does not match (another reader, a lost file) is read again, and only it
    record = json.loads((folder / corpora.READ_RECORD).read_text(encoding="utf-8"))
    first, second = sorted(record)[:2]
    record[first]["reader"] = "an older reader"
    (folder / corpora.READ_RECORD).write_text(json.dumps(record), encoding="utf-8")
    (folder / f"{second}.txt").unlink()
    corpora.pdf_corpus(folder)
    assert sorted(read) == [first, second] and (folder / f"{second}.txt").stat().st_size > 10_000
    assert (folder / f"{first}.txt").stat().st_mtime_ns == stamp[f"{first}.txt"]  # same text: not rewritten


def test_the_eval_corpora_folder_is_git_ignored():
    import subprocess

    from qa.settings import PROJECT_ROOT

    result = subprocess.run(["git", "check-ignore", "-q", str(corpora.EVAL_CORPORA / "pdfs" / "x.txt")],
                            cwd=PROJECT_ROOT)
    assert result.returncode == 0


def test_unknown_set_is_refused():
    with pytest.raises(ValueError):
        corpora.settings_for("nope")


def test_no_pdfs_is_a_clear_error_not_a_reviews_only_corpus(tmp_path, monkeypatch):
    from qa.errors import QAError

    monkeypatch.setattr(corpora, "PDF_DIR", tmp_path / "nowhere")
    with pytest.raises(QAError, match="QA_PDF_DIR"):
        corpora.pdf_corpus(tmp_path / "pdfs")
    assert not (tmp_path / "pdfs").exists()
