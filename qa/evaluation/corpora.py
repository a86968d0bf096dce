"""Evaluation corpora: which corpus and index each question set is asked against.

The *seeds* set (evals/questions.jsonl and evals/blind/seeds.jsonl) runs on the project's own
corpus (corpus/). The *pdfs* set (evals/blind/pdfs.jsonl) needs the ten PDF articles of
../shared/pdfs as documents. The PDF files are never copied into the repo: `pdf_corpus(dest)`
writes a corpus folder (a manifest plus the article texts) into a git-ignored folder
(index/eval-corpora/pdfs by default), each text read from ../shared/pdfs/<stem>.pdf by the
layout reader exactly as `qa add` reads it. The three seed reviews are added too, so that the
set is asked against the whole library a user would have after adding the articles
(unanswerable questions were checked against all thirteen).

The folder is rewritten only when its content would change, so its index is built once and
reused by later runs (the index lives in <dest>/index). Reading ten PDFs takes tens of seconds,
so each text is read again only when its PDF or the reader's code changed: `read.json` in the
folder records, per article, the sha256 of the PDF and the fingerprint of the code that read it
(the one an index is keyed on).
"""
from __future__ import annotations

import json
import tomllib
from functools import cache
from pathlib import Path

from qa.errors import QAError
from qa.index.fingerprints import code_fingerprint, file_sha256
from qa.ingest.corpus import MANIFEST_NAME, SYNONYMS_NAME
from qa.settings import PROJECT_ROOT, Settings, pdf_dir

EVAL_CORPORA = PROJECT_ROOT / "index" / "eval-corpora"
PDF_DIR = pdf_dir()  # QA_PDF_DIR, else ../shared/pdfs (qa.settings.pdf_dir)


def _pdf_text(pdf: Path) -> str:
    """The article's text as `qa add` reads it: the layout reader (qa.ingest.pdf.read_pdf)."""
    from qa.ingest.pdf import read_pdf

    return read_pdf(pdf).text


READ_RECORD = "read.json"


@cache
def reader_key() -> str:
    """What a text was read by: the fingerprint of the code that shapes a build (the reader among
    it; qa.index.fingerprints), so a text is never older than the code an index is keyed on."""
    return code_fingerprint()


def _read_record(dest: Path) -> dict[str, dict[str, str]]:
    """What read each text (an unreadable record only means every text is read again)."""
    try:
        record = json.loads((dest / READ_RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def _stems() -> list[Path]:
    return sorted(PDF_DIR.glob("*.pdf")) if PDF_DIR.is_dir() else []


def _write_if_changed(path: Path, text: str) -> None:
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def pdf_corpus(dest: Path | str = EVAL_CORPORA / "pdfs") -> Path:
    """A corpus folder holding the ten PDF articles (as text) and the seed reviews."""
    dest = Path(dest)
    pdfs = _stems()
    if not pdfs:  # a reviews-only corpus would score every PDF question as a miss, silently
        raise QAError(f"the pdfs question set needs the PDF articles, and {PDF_DIR} has none "
                      "(set QA_PDF_DIR to the folder that holds them)")
    dest.mkdir(parents=True, exist_ok=True)
    entries: list[str] = []
    record, read_by = _read_record(dest), {}
    for pdf in pdfs:
        stem = pdf.stem
        read_by[stem] = {"pdf_sha256": file_sha256(pdf), "reader": reader_key()}
        if record.get(stem) != read_by[stem] or not (dest / f"{stem}.txt").is_file():
            _write_if_changed(dest / f"{stem}.txt", _pdf_text(pdf))
        entries.append(f'[[documents]]\nid = "{stem}"\nfile = "{stem}.txt"\ncitation_style = "auto"\n'
                       f'note = "PDF article for evaluation (text by the layout reader, as qa add reads it)."\n')
    seeds = PROJECT_ROOT / "corpus"
    manifest = tomllib.loads((seeds / MANIFEST_NAME).read_text(encoding="utf-8"))
    for doc in manifest["documents"]:
        _write_if_changed(dest / doc["file"], (seeds / doc["file"]).read_text(encoding="utf-8"))
        entries.append(f'[[documents]]\nid = "{doc["id"]}"\nfile = "{doc["file"]}"\n'
                       f'citation_style = "{doc.get("citation_style", "auto")}"\n')
    synonyms = seeds / SYNONYMS_NAME
    if synonyms.is_file():
        _write_if_changed(dest / SYNONYMS_NAME, synonyms.read_text(encoding="utf-8"))
    _write_if_changed(dest / MANIFEST_NAME, "\n".join(entries))
    _write_if_changed(dest / READ_RECORD, json.dumps(read_by, indent=1, sort_keys=True) + "\n")
    return dest


def settings_for(set_name: str, base: Settings | None = None) -> Settings:
    """Settings whose corpus (and index) answer the questions of one set."""
    base = base or Settings.from_env()
    if set_name == "seeds":
        return base
    if set_name == "pdfs":
        folder = pdf_corpus()
        return base.replace(corpus_dir=folder, index_dir=folder / "index")
    raise ValueError(f"unknown question set {set_name!r}: use 'seeds' or 'pdfs'")


def require_documents(set_name: str, questions: list, answerer) -> None:
    """Refuse to score questions about documents the answerer's library lacks (sweep 28).

    `qa eval --corpus-dir OTHER` used to score every question 0 and exit 0 (and `--write` would
    have replaced the results with those zeros): a wrong library is bad input, not a result. On
    the set's own corpus the question file is what is wrong (a mistyped id in its `docs`, or a
    document taken out with `qa remove`): sweep 31, the line advised leaving --corpus-dir, which
    was not given, and named no question.
    """
    held = set(answerer.retriever.index.doc_ids)
    missing = sorted({d for q in questions for d in q.docs} - held)
    if not missing:
        return
    from qa.errors import QAValueError

    shown = ", ".join(missing[:4]) + (f" and {len(missing) - 4} more" if len(missing) > 4 else "")
    corpus = Path(answerer.retriever.settings.corpus_dir)
    own = {(PROJECT_ROOT / "corpus").resolve(), (EVAL_CORPORA / "pdfs").resolve()}
    if corpus.resolve() in own:
        asking = [q.id for q in questions if set(q.docs) - held]
        named = ", ".join(asking[:3]) + (f" and {len(asking) - 3} more" if len(asking) > 3 else "")
        raise QAValueError(
            f"question {named} of the {set_name} set names documents the corpus at {corpus} does not hold "
            f"({shown}); correct its 'docs' in the question file, or bring a removed document back with "
            "'qa restore'")
    raise QAValueError(
        f"the {set_name} questions are about documents the library at {corpus} does not hold ({shown}), "
        "so their scores would mean nothing; evaluate the project's corpus (without --corpus-dir or "
        "QA_CORPUS_DIR)")
