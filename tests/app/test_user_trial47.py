"""User trial 47 (a molecular biologist scripting against the library): `help(qa.Answerer.ask)` and
`help(qa.Retriever.search)` showed a bare signature, and the README named no way to rank passages of
one's own library (`qa.retrieve` asks the default one). Both methods now say what they return and
what their arguments mean, and the README's library section shows `.search` on an own library; the
line it shows runs on the real ten-PDF library."""
from __future__ import annotations

from pathlib import Path

import qa
from conftest import answerer_with

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_library_methods_say_what_they_return() -> None:
    ask, search = qa.Answerer.ask.__doc__ or "", qa.Retriever.search.__doc__ or ""
    assert "previous" in ask and "docs" in ask and "QAError" in ask
    assert "Hit" in search and "corpus_dir" in search and "QAError" in search


def test_readme_shows_search_on_an_own_library() -> None:
    library = README.read_text(encoding="utf-8").split("## The Python library", 1)[1].split("\n## ", 1)[0]
    assert "mine.retriever.search(" in library


def test_the_readme_line_ranks_passages_of_the_own_library(pdf_library) -> None:
    """The README's own line, run as written, with `mine` an Answerer of the ten-PDF library."""
    settings, index = pdf_library
    library = README.read_text(encoding="utf-8").split("## The Python library", 1)[1]
    line = next(ln for ln in library.splitlines() if ln.startswith("mine.retriever.search("))
    hits = eval(line.split("#", 1)[0].strip(), {"mine": answerer_with(settings, index)})
    assert [h.rank for h in hits] == [1, 2, 3, 4, 5]
    assert all(isinstance(h, qa.Hit) for h in hits)
    assert any("MMS" in h.passage.text for h in hits)
