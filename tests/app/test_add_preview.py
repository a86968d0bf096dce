"""`qa.add(..., dry_run=True)` and `qa add --dry-run` on real PDFs of ../shared/pdfs: what an add
would do (files, document ids, passages, citations, refused files and why), with the library and
its index folder unchanged; and the add's argument errors in the caller's own words (the
library's parameter names, the command line's options).
"""
from __future__ import annotations

from pathlib import Path

import pytest

import qa
from conftest import ADDED_PDFS, PDF_DIR, run_qa
from qa.app.add_arguments import ArgumentError
from qa.settings import Settings

DESICCATION = PDF_DIR / "10.1128_jb.00479-21.pdf"
FLY = PDF_DIR / "10.1101_2024.02.13.580051.pdf"

pytestmark = pytest.mark.skipif(not (DESICCATION.is_file() and FLY.is_file()),
                                reason=f"the real PDFs are not in {PDF_DIR}")


def _folder(folder: Path) -> dict[str, bytes]:
    """Every file of a folder (hidden ones too) with its bytes; {} when it does not exist."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _flags(settings: Settings) -> list[str]:
    return ["--corpus-dir", str(settings.corpus_dir), "--index-dir", str(settings.index_dir)]


def test_a_dry_run_tells_what_the_add_then_does_and_changes_nothing(tmp_path: Path, added_pdfs_library):
    """The preview's ids, passage counts, citation styles and reference counts are those the add
    of the same files to a new library then gives (the index's own rows: the session's one add,
    `added_pdfs_library`), and a dry run of a new library leaves no folder behind."""
    from qa.index.load import open_index

    assert ADDED_PDFS == (DESICCATION, FLY)
    settings = Settings(corpus_dir=tmp_path / "lib", index_dir=tmp_path / "lib-index")
    preview = qa.add([DESICCATION, FLY], dry_run=True, settings=settings)
    assert isinstance(preview, qa.AddPreview) and not preview.refused and not preview.skipped
    assert [a.id for a in preview.would_add] == [DESICCATION.stem, FLY.stem]
    assert all(a.passages > 10 and a.references for a in preview.would_add)
    assert not (tmp_path / "lib").exists() and not (tmp_path / "lib-index").exists()
    cli = run_qa("add", str(DESICCATION), str(FLY), "--dry-run", *_flags(settings))
    assert cli.returncode == 0, cli.stderr
    first = preview.would_add[0]
    assert (f"would add {DESICCATION} as {first.id} ({first.pages} pages, {first.passages} passages, "
            f"{first.citation_style} citations, {first.references} references)") in cli.stdout.splitlines()
    assert cli.stdout.splitlines()[-1] == "2 files would be added, 0 skipped (nothing was written)"
    assert not (tmp_path / "lib").exists()
    added_to, added = added_pdfs_library
    index = open_index(added_to)
    for planned, done in zip(preview.would_add, added.added, strict=True):
        assert (planned.id, planned.citation_style, planned.references, planned.pages) == \
            (done.id, done.citation_style, done.references, done.pages)
        assert planned.passages == len(index.rows_of_doc(done.id))


def test_a_dry_run_names_each_refused_file_and_why_and_changes_nothing(tmp_path: Path):
    """A named file the add would refuse is reported with its reason instead of raising, beside
    the files that are ready; the library (an existing one here) is byte-identical after."""
    settings = Settings(corpus_dir=tmp_path / "lib", index_dir=tmp_path / "lib-index")
    qa.add(tmp_path / "never.pdf", dry_run=True, settings=settings)  # a missing file: nothing made
    assert not (tmp_path / "lib").exists()
    text = tmp_path / "notes.txt"
    text.write_text("Mesenchymal stromal cells were given to ten patients with lupus in a trial [1]. " * 30,
                    encoding="utf-8")
    qa.add(text, update_index=False, settings=settings)
    html = tmp_path / "page.pdf"
    html.write_bytes(b"<html><body>an article, supposedly</body></html>\n" * 40)
    before = _folder(tmp_path / "lib")
    preview = qa.add([DESICCATION, html, tmp_path / "gone.pdf", text], dry_run=True, settings=settings)
    assert [a.id for a in preview.would_add] == [DESICCATION.stem]
    assert list(preview.refused) == [str(html), str(tmp_path / "gone.pdf"), str(text)]
    assert "is not a PDF" in preview.refused[str(html)] and "file not found" in preview.refused[str(tmp_path / "gone.pdf")]
    assert "already in the corpus as 'notes'" in preview.refused[str(text)]
    assert _folder(tmp_path / "lib") == before and not (tmp_path / "lib-index").exists()
    cli = run_qa("add", str(DESICCATION), str(html), "--dry-run", *_flags(settings))
    assert cli.returncode == 2 and f"would add {DESICCATION} as {DESICCATION.stem} (" in cli.stdout
    assert f"qa: {preview.refused[str(html)]}" in cli.stderr.splitlines()
    assert "1 refused: nothing would be added" in cli.stdout.splitlines()[-1]
    assert _folder(tmp_path / "lib") == before


@pytest.mark.parametrize("kwargs, library, option", [
    ({"doc_id": "x"}, "doc_id needs exactly one file (2 were given)", "--id needs exactly one file (2 were given)"),
    ({"title": "T", "year": 2020}, "title and year need exactly one file", "--title and --year need exactly one file"),
    ({"authors": ["Kim N", " "]}, "authors holds an empty name", "--author holds an empty name"),
    ({"year": 99}, "year 99 is not a publication year", "--year 99 is not a publication year"),
])
def test_an_argument_error_speaks_the_callers_terms(tmp_path: Path, kwargs: dict, library: str, option: str):
    """The library's line names its parameters, never an option of the command; `qa add` says the
    same with its options. Nothing is read or made in either."""
    settings = Settings(corpus_dir=tmp_path / "lib", index_dir=tmp_path / "lib-index")
    paths = [DESICCATION, FLY] if "exactly one" in library else [DESICCATION]
    with pytest.raises(ArgumentError) as raised:
        qa.add(paths, settings=settings, **kwargs)
    assert isinstance(raised.value, qa.QAError) and isinstance(raised.value, ValueError)
    assert library in str(raised.value) and "--" not in str(raised.value)
    options = {"doc_id": ["--id", "x"], "title": ["--title", "T"], "year": ["--year", str(kwargs.get("year"))],
               "authors": [arg for name in kwargs.get("authors", []) for arg in ("--author", name)]}
    flags = [arg for name in kwargs for arg in options[name]]
    cli = run_qa("add", *map(str, paths), *flags, *_flags(settings))
    assert cli.returncode == 2 and cli.stderr.startswith(f"qa: {option}"), cli.stderr
    assert len(cli.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "lib").exists()
