"""An article's own abbreviation of a phrase the question writes out names it, once, as the phrase's
strongest word, in choosing the sentence (`Expansion.abbreviates`, qa.answer.candidates
`abbreviated_coverage`). Before, it counted as a looser counterpart (`expansion_weight`, half its own
idf) beside the phrase: asked "What dose of hydroxyurea was injected into the mice?" of her own library
of two articles, the PARP1 article's "a single dose of HU (2,000 mg/kg ...)" (it defines "hydroxyurea
(HU)" once) lost to the other article's "2.5 mg/kg of IV-doxorubicin was injected ...", which names no
hydroxyurea at all (user trial 48, Q19). The expander, the coverage by hand, a library added through
the real `qa add` and the CLI through a subprocess."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import PDF_DIR, ask_json, run_qa
from qa.retrieval.expand import Expander
from qa.answer.candidates import abbreviated_coverage
from qa.retrieval.rerank import coverage

QUESTION = "What dose of hydroxyurea was injected into the mice?"
PNAS, CANCERS = "10.1073_pnas.2322520121", "10.3390_cancers14194849"


def test_the_expansion_marks_a_defined_abbreviation_of_the_questions_phrase() -> None:
    expander = Expander({"doc": {"HU": "hydroxyurea", "GVHD": "graft-versus-host disease"}}, None)
    assert expander.expand(QUESTION).abbreviates == {"hu": ("hydroxyurea",)}
    phrase = expander.expand("How is graft-versus-host disease treated?").abbreviates
    assert set(phrase) == {"gvhd"} and "host" in phrase["gvhd"]
    # the other way (the question abbreviates, the long form is added) is a looser counterpart: unmarked
    assert expander.expand("What dose of HU was injected?").abbreviates == {}


def test_the_abbreviation_covers_its_phrase_once() -> None:
    terms = {"dose": 3.0, "hydroxyurea": 4.0, "mice": 1.0, "hu": 1.0}  # 'hu' added at half its idf
    abbreviates = {"hu": ("hydroxyurea",)}
    # by hand: the total leaves the abbreviation out (3 + 4 + 1 = 8)
    assert abbreviated_coverage(terms, {"dose", "hu"}, abbreviates) == pytest.approx(7 / 8)
    assert abbreviated_coverage(terms, {"dose", "hydroxyurea"}, abbreviates) == pytest.approx(7 / 8)
    assert abbreviated_coverage(terms, {"dose", "hydroxyurea", "hu"}, abbreviates) == pytest.approx(7 / 8)
    assert abbreviated_coverage(terms, {"dose", "mice"}, abbreviates) == pytest.approx(4 / 8)
    # before (plain coverage): 'HU' earned 1 of 9, the word 4 of 9
    assert coverage(terms, {"dose", "hu"}) == pytest.approx(4 / 9)
    assert abbreviated_coverage(terms, {"dose", "hu"}, {}) == coverage(terms, {"dose", "hu"})


def test_the_abbreviation_of_several_words_earns_the_strongest_words_share() -> None:
    terms = {"cord": 2.0, "blood": 1.0, "msc": 1.0, "cb": 0.5}
    abbreviates = {"cb": ("cord", "blood")}
    # by hand: the total is 2 + 1 + 1 = 4; 'CB' earns the strongest word, 'cord' (2)
    assert abbreviated_coverage(terms, {"cb", "msc"}, abbreviates) == pytest.approx(3 / 4)
    assert abbreviated_coverage(terms, {"cord", "blood", "msc"}, abbreviates) == pytest.approx(4 / 4)
    assert abbreviated_coverage(terms, {"cord", "cb"}, abbreviates) == pytest.approx(2 / 4)  # 'cord' already
    assert abbreviated_coverage(terms, {"blood", "cb"}, abbreviates) == pytest.approx(2 / 4)  # 1 + (2 - 1)


@pytest.fixture(scope="module")
def two_articles(tmp_path_factory, pdf_library) -> list[str]:
    """Her library: the TNBC doxorubicin article and the PARP1 article, added through `qa add` (the
    ten-PDF library's embeddings seed its cache: the same texts are not embedded twice)."""
    pdfs = [PDF_DIR / f"{CANCERS}.pdf", PDF_DIR / f"{PNAS}.pdf"]
    if not all(p.exists() for p in pdfs):
        pytest.skip(f"the two PDFs are not in {PDF_DIR}")
    folder = tmp_path_factory.mktemp("trial48")
    corpus, index = folder / "corpus", folder / "index"
    from qa.index.embed_cache import CACHE, EMBEDDINGS

    seed, dest = Path(pdf_library[0].index_dir) / CACHE / EMBEDDINGS, index / CACHE / EMBEDDINGS
    if seed.is_dir():
        shutil.copytree(seed, dest, ignore=shutil.ignore_patterns("*.tmp-*"))
    args = ["--corpus-dir", str(corpus), "--index-dir", str(index)]
    done = run_qa("add", *map(str, pdfs), "--yes", *args, timeout=1200)
    assert done.returncode == 0, done.stderr
    return args


def test_library_quotes_the_hydroxyurea_dose_first(two_articles) -> None:
    import qa
    from qa.settings import Settings

    settings = Settings.from_env().replace(corpus_dir=two_articles[1], index_dir=two_articles[3])
    first = qa.Answerer(retriever=qa.Retriever(settings)).ask(QUESTION).spans[0]
    # before: "Once the tumor volume reached 100 mm³, 2.5 mg/kg of IV-doxorubicin was injected ..."
    assert first.doc_id == PNAS and "dose of HU (" in first.text, first.text


def test_cli_quotes_it_as_the_library_does(two_articles) -> None:
    answer = ask_json(QUESTION, *two_articles)
    assert answer["spans"][0]["doc_id"] == PNAS and "dose of HU (" in answer["spans"][0]["text"]
