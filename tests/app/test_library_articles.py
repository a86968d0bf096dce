"""The library's `qa.add`, `qa.remove`, `qa.restore`, `qa.documents` against the CLI's `qa add`,
`qa remove`, `qa restore`, `qa docs`, on real PDFs of ../shared/pdfs (read from there, never
copied into the repository) in temporary libraries.

One library is filled by `qa.add`, another by `qa add` in a subprocess: both must list the same
documents and answer the same questions with the same quotes and reference numbers. A Retriever
loaded before an add or a remove in the same process must answer from the changed library, and
the files the CLI refuses in one line the library refuses with a typed error of that same line,
the library unchanged.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import qa
from conftest import ADDED_PDFS, PDF_DIR, copied_library, run_qa
from qa.errors import QATypeError, QAValueError
from qa.settings import Settings

DESICCATION = PDF_DIR / "10.1128_jb.00479-21.pdf"
FLY = PDF_DIR / "10.1101_2024.02.13.580051.pdf"
QUESTIONS = (
    "What references support the idea that tardigrade disordered proteins vitrify and shield molecules during drying?",
    "What share of hospital infections in the US and Europe is caused by Acinetobacter baumannii?",
    "What happens to flies that lack only the REV1 C-terminal domain when exposed to MMS?",
)

pytestmark = pytest.mark.skipif(not (DESICCATION.is_file() and FLY.is_file()),
                                reason=f"the real PDFs are not in {PDF_DIR}")


def _flags(settings: Settings) -> list[str]:
    return ["--corpus-dir", str(settings.corpus_dir), "--index-dir", str(settings.index_dir)]


def _folder(folder: Path) -> dict[str, bytes]:
    """Every file of a corpus or index folder (hidden ones too) with its bytes, but for the index's
    caches (`.cache/`: embeddings and the corpus texts' copy sketches, reused by the next add)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".cache" not in p.relative_to(folder).parts}


@pytest.fixture(scope="module")
def libraries(tmp_path_factory, added_pdfs_library) -> tuple[Settings, Settings, object]:
    """(library filled by qa.add, library filled by `qa add`, the qa.add result). The first is this
    module's own copy of the session's `qa.add([DESICCATION, str(FLY)])` (`added_pdfs_library`: the
    tests here remove and restore in it). The CLI's index folder starts with the library's embedding
    cache (keyed by encoder and exact text, so it only spares embedding the same texts again)."""
    from qa.index.embed_cache import CACHE

    assert ADDED_PDFS == (DESICCATION, FLY)
    root = tmp_path_factory.mktemp("articles")
    added_to, result = added_pdfs_library
    by_library = copied_library(added_to, root)
    by_cli = Settings(corpus_dir=root / "cli", index_dir=root / "cli-index")
    shutil.copytree(Path(by_library.index_dir) / CACHE, Path(by_cli.index_dir) / CACHE)
    done = run_qa("add", str(DESICCATION), str(FLY), *_flags(by_cli))
    assert done.returncode == 0, done.stderr
    assert [line.split()[1] for line in done.stdout.splitlines()[:-1]] == [a.id for a in result.added]
    return by_library, by_cli, result


def _quotes(spans) -> list[tuple]:
    return [(s["doc_id"], s["passage_id"], s["start"], s["end"], s["text"], [c["key"] for c in s["citations"]])
            for s in spans]


def test_an_add_by_the_library_and_by_the_cli_give_the_same_documents(libraries):
    by_library, by_cli, result = libraries
    assert [a.id for a in result.added] == [DESICCATION.stem, FLY.stem]
    assert all(a.indexed and a.references for a in result.added) and result.index_updated
    assert result.added[0].pages == 12 and result.added[0].doi == "10.1128/jb.00479-21"
    listed = run_qa("docs", "--json", *_flags(by_cli))
    assert listed.returncode == 0, listed.stderr
    cli_rows = [json.loads(line) for line in listed.stdout.splitlines()]
    library_rows = [row.model_dump(mode="json", by_alias=True) for row in qa.documents(by_library)]
    assert library_rows == cli_rows and len(cli_rows) == 2
    # and the CLI reads the library's own library as the library does
    assert run_qa("docs", "--json", *_flags(by_library)).stdout == listed.stdout


@pytest.mark.parametrize("question", QUESTIONS)
def test_both_libraries_give_the_same_answers(libraries, question: str):
    by_library, by_cli, _ = libraries
    answer = qa.Answerer(retriever=qa.Retriever(by_library)).ask(question)
    done = run_qa("ask", question, "--json", *_flags(by_cli))
    assert done.returncode == 0, done.stderr
    cli = json.loads(done.stdout)
    assert answer.found == cli["found"]
    assert _quotes(answer.model_dump(mode="json")["spans"]) == _quotes(cli["spans"])
    assert [(r.doc_id, r.key) for r in answer.references] == [(r["doc_id"], r["key"]) for r in cli["references"]]
    if question == QUESTIONS[0]:  # a question the article answers with its reference numbers
        assert answer.found and answer.spans[0].doc_id == DESICCATION.stem and answer.references


def test_a_loaded_retriever_answers_from_the_library_as_changed(libraries):
    """A script that asked before a remove (or a restore) is answered from the changed library
    on its next question, never from the index as it was loaded."""
    by_library, _, _ = libraries
    answerer = qa.Answerer(retriever=qa.Retriever(by_library))
    before = answerer.ask(QUESTIONS[2], docs=[FLY.stem])
    assert before.found and before.spans[0].doc_id == FLY.stem
    moved = qa.remove(FLY.stem, settings=by_library)
    assert moved.index_updated and set(moved.files) == {f"{FLY.stem}.pdf", f"{FLY.stem}.txt"}
    with pytest.raises(QAValueError, match=f"unknown document '{FLY.stem}'"):
        answerer.ask(QUESTIONS[2], docs=[FLY.stem])
    assert [row.id for row in qa.documents(by_library)] == [DESICCATION.stem]
    listed = run_qa("docs", "--json", *_flags(by_library))
    assert [json.loads(line)["id"] for line in listed.stdout.splitlines()] == [DESICCATION.stem]
    qa.restore(FLY.stem, settings=by_library)
    again = answerer.ask(QUESTIONS[2], docs=[FLY.stem])
    assert _quotes(again.model_dump(mode="json")["spans"]) == _quotes(before.model_dump(mode="json")["spans"])


def _encrypted(path: Path) -> Path:
    pikepdf = pytest.importorskip("pikepdf")
    with pikepdf.open(DESICCATION) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(owner="owner", user="secret", R=6))
    return path


def _too_long(path: Path) -> Path:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(DESICCATION))
    doc.import_pages(doc, [0] * 200)  # 212 pages, above the limit of 200
    doc.save(str(path))
    return path


@pytest.mark.parametrize("kind, words", [("not_a_pdf", "is not a PDF"), ("encrypted", "is encrypted"),
                                         ("too_long", "above the limit of 200"), ("duplicate", "already in the corpus")])
def test_a_refused_file_is_the_same_one_line_in_both_and_changes_nothing(libraries, tmp_path: Path,
                                                                       kind: str, words: str):
    by_library, by_cli, _ = libraries
    path = tmp_path / f"{kind}.pdf"
    if kind == "not_a_pdf":
        path.write_bytes(b"<html><body>an article, supposedly</body></html>\n" * 40)
    elif kind == "encrypted":
        _encrypted(path)
    elif kind == "too_long":
        _too_long(path)
    else:
        shutil.copyfile(DESICCATION, path)
    before, index_before = _folder(Path(by_library.corpus_dir)), _folder(Path(by_library.index_dir))
    with pytest.raises(qa.AddRefused) as refused:
        qa.add(path, settings=by_library)
    assert isinstance(refused.value, qa.QAError) and "\n" not in str(refused.value)
    assert words in str(refused.value) and str(refused.value).endswith("nothing was added (the corpus is unchanged)")
    assert _folder(Path(by_library.corpus_dir)) == before and _folder(Path(by_library.index_dir)) == index_before
    done = run_qa("add", str(path), *_flags(by_cli))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.splitlines() == [f"qa: {line}" for line in refused.value.errors]


def test_bad_arguments_are_one_line_before_any_work(tmp_path: Path):
    """A wrong type or value is refused before a file is read or a folder made."""
    settings = Settings(corpus_dir=tmp_path / "never", index_dir=tmp_path / "never-index")
    cases = [(lambda: qa.add(5, settings=settings), QATypeError, "paths must be"),
             (lambda: qa.add([], settings=settings), QAValueError, "paths is empty"),
             (lambda: qa.add(DESICCATION, year="2022", settings=settings), QATypeError, "year must be"),
             (lambda: qa.add(DESICCATION, year=22, settings=settings), QAValueError, "year 22 is not a publication"),
             (lambda: qa.add(DESICCATION, title=" ", settings=settings), QAValueError, "title is empty"),
             (lambda: qa.add(DESICCATION, settings="lib"), QATypeError, "settings must be a qa.Settings"),
             (lambda: qa.remove(7, settings=settings), QATypeError, "doc_id must be text"),
             (lambda: qa.add(DESICCATION, update_index="no", settings=settings), QATypeError, "update_index"),
             (lambda: qa.remove("x", update_index="no", settings=settings), QATypeError, "update_index")]
    for call, kind, words in cases:
        with pytest.raises(kind, match=words) as raised:
            call()
        assert "\n" not in str(raised.value)
    assert not (tmp_path / "never").exists() and not (tmp_path / "never-index").exists()
