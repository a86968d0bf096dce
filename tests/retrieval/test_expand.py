"""Query expansion from glossaries and the real corpus/synonyms.toml."""
from __future__ import annotations

from pathlib import Path

import pytest

from qa.settings import PROJECT_ROOT
from qa.index.bm25 import BM25
from qa.errors import QAError
from qa.index.synonyms import load_synonyms
from qa.retrieval.expand import Expander
from qa.index.analyzer import tokenize, word_sequence

CORPUS = PROJECT_ROOT / "corpus"
SYNONYMS = CORPUS / "synonyms.toml"
GLOSSARIES = {
    "doc_a": {"SLE": "systemic lupus erythematosus", "BM-MSCs": "bone marrow-derived MSCs"},
    "doc_b": {"OI": "osteogenesis imperfecta", "ALL": "acute lymphoblastic leukemia"},
}


@pytest.fixture(scope="module")
def glossary_only() -> Expander:
    return Expander(GLOSSARIES, None)


@pytest.fixture(scope="module")
def full() -> Expander:
    return Expander(GLOSSARIES, SYNONYMS)


def test_glossary_abbreviation_to_expansion(glossary_only: Expander) -> None:
    x = glossary_only.expand("Which MSC sources were used for SLE?")
    assert x.phrases == ["systemic lupus erythematosus"]
    assert x.expansion_tokens == ["systemic", "lupus", "erythematosus"]
    assert x.original_tokens == tokenize("Which MSC sources were used for SLE?")


def test_glossary_expansion_to_abbreviation(glossary_only: Expander) -> None:
    x = glossary_only.expand("MSCs in Systemic Lupus Erythematosus")
    assert x.phrases == ["SLE"] and x.expansion_tokens == ["sle"]
    # the phrase is matched through the tokenizer: hyphens, plurals and case do not matter
    y = glossary_only.expand("bone-marrow derived MSC for osteogenesis imperfecta")
    assert y.phrases == ["BM-MSCs", "OI"]


def test_stopword_abbreviations_are_not_matched(glossary_only: Expander) -> None:
    # "ALL" would otherwise fire on every question containing the word "all"
    assert glossary_only.expand("Were all patients treated?").phrases == []


def test_synonym_lupus_from_toml(full: Expander) -> None:
    x = full.expand("lupus")
    assert "systemic lupus erythematosus" in x.phrases
    assert {"systemic", "erythematosus", "sle"} <= set(x.expansion_tokens)
    assert "lupus" not in x.expansion_tokens  # originals are never repeated


def test_multi_word_phrases(full: Expander) -> None:
    assert "myocardial infarction" in full.expand("MSCs after a heart attack").phrases
    assert "cartilage defects" in full.expand("knee cartilage damage").phrases
    assert "steroid-refractory" in full.expand("steroid resistant GVHD").phrases  # spaced form
    assert "adipose tissue" in full.expand("fat-derived stem cells").phrases


def test_unrelated_words_do_not_expand(full: Expander) -> None:
    x = full.expand("What was the weather like on the day of the conference?")
    assert x.phrases == [] and x.expansion_tokens == []
    assert x.text == "What was the weather like on the day of the conference?"


def test_leftmost_longest_blocks_nested_phrases(full: Expander) -> None:
    # "stem cell transplantation" is a known phrase, but here its words start inside the longer
    # known phrase "mesenchymal stem cells": no hematopoietic transplant is added
    x = full.expand("mesenchymal stem cell transplantation")
    assert "HSCT" not in x.phrases and "hsct" not in x.expansion_tokens
    assert "HSCT" in full.expand("outcome after stem cell transplantation").phrases


def test_broader_terms_are_one_way(full: Expander) -> None:
    assert "inflammatory bowel disease" in full.expand("Crohn´s disease").phrases
    assert not any("crohn" in p.lower() for p in full.expand("inflammatory bowel disease").phrases)


def test_weights_and_dense_text(full: Expander) -> None:
    x = full.expand("lupus nephritis")
    assert x.tokens == x.original_tokens + x.expansion_tokens
    assert x.weights() == [1.0] * len(x.original_tokens) + [0.5] * len(x.expansion_tokens)
    assert x.weights(0.25)[-1] == 0.25
    assert x.text.startswith("lupus nephritis (") and "systemic lupus erythematosus" in x.text
    assert full.expand_tokens("lupus nephritis") == x.tokens
    assert full.expand_text("lupus nephritis") == x.text


def test_every_synonym_term_is_matchable() -> None:
    groups = load_synonyms(SYNONYMS)
    assert len(groups) >= 30
    for terms, broader in groups:
        for term in terms + broader:
            assert word_sequence(term), f"{term!r} tokenises to nothing"


def test_bad_synonym_files(tmp_path: Path) -> None:
    assert load_synonyms(tmp_path / "absent.toml") == []
    broken = tmp_path / "broken.toml"
    broken.write_text("[[group]]\nterms = [\"a\", \n")
    with pytest.raises(QAError):
        load_synonyms(broken)
    wrong = tmp_path / "wrong.toml"
    wrong.write_text("[[group]]\nterms = \"lupus\"\n")
    with pytest.raises(QAError, match="group 1"):
        load_synonyms(wrong)


def test_expansion_finds_lay_question_in_real_corpus(full: Expander) -> None:
    """"heart attack" is never written in the corpus; with expansion BM25 finds the MI text."""
    words = " ".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))).split()
    windows = [" ".join(words[i : i + 120]) for i in range(0, len(words), 120)]
    bm25 = BM25.build([tokenize(w) for w in windows])
    plain = bm25.top(tokenize("heart attack"), 3)
    assert not any("myocardial infarction" in windows[r].lower() for r, _ in plain[:1])
    x = full.expand("heart attack")
    expanded = bm25.top(x.tokens, 3, weights=x.weights())
    assert "myocardial infarction" in windows[expanded[0][0]].lower()


def test_wordings_ask_the_question_again_in_each_other_name(full: Expander):
    """The phrase as written is replaced in place (case, hyphens and the rest of the question
    kept); no words are added to the question as asked."""
    phrases = dict(full.wordings("Which trials used BM-MSCs in Systemic Lupus Erythematosus?"))
    lupus = phrases[tuple(word_sequence("systemic lupus erythematosus"))]
    assert ("SLE", "Which trials used BM-MSCs in SLE?") in lupus
    assert ("lupus", "Which trials used BM-MSCs in lupus?") in lupus
    assert all(text.startswith("Which trials used BM-MSCs in ") and text.endswith("?") for _, text in lupus)


def test_wordings_of_a_question_without_known_phrases_are_empty(glossary_only: Expander):
    assert glossary_only.wordings("How long do the cells persist?") == []


def test_a_name_no_passage_holds_is_read_as_the_name_the_library_uses_most(full: Expander):
    passages = {"scleroderma": 0, "systemic sclerosis": 12, "ssc": 0, "pts": 0, "patients": 71, "lupus": 11, "sle": 17}
    used = lambda name: passages.get(name.lower(), 0)  # noqa: E731
    text, read = full.in_library_names("Which scleroderma pts got MSCs, and lupus pts?", used)
    assert text == "Which systemic sclerosis patients got MSCs, and lupus patients?"
    assert read == [("scleroderma", "systemic sclerosis"), ("pts", "patients"), ("pts", "patients")]
    # a name the library uses is left as asked, even when another name is used more ('lupus' / 'SLE')
    assert full.in_library_names("lupus trials?", used) == ("lupus trials?", [])
    # two names the library uses: both, the more used first (user trial 15: 'kids' was read as
    # 'pediatric' alone, and lost the review writing '25 children and 30 adults')
    passages.update({"ssc": 5})
    assert full.in_library_names("scleroderma pts?", used)[0] == "systemic sclerosis or SSc patients?"


def test_clinical_shorthand_is_read_one_way(full: Expander):
    """User trial 18: "CR rate peds aGVHD Prochymal" was refused and "f/u Sun 2010 SLE" missed
    "Follow-up was only 8.25 months": shorthand no article uses is read as the full words, and a
    question writing the full words is not expanded to a shorthand (user trial 17's lab shorthand,
    expanded both ways, made every 'control' question lack 'ctrl')."""
    passages = {"cr": 0, "complete response": 3, "complete remission": 1, "peds": 0, "pediatric": 4,
                "paediatric": 0, "children": 6, "f/u": 0, "follow-up": 9}
    used = lambda name: passages.get(name.lower(), 0)  # noqa: E731
    text, read = full.in_library_names("CR rate peds aGVHD", used)
    # each name the library uses, the more used first
    assert dict(read) == {"CR": "complete response or complete remission", "peds": "children or pediatric"}
    assert text == "complete response or complete remission rate children or pediatric aGVHD"
    assert full.in_library_names("f/u in the Sun trial", used)[0].startswith("follow-up in the Sun trial")
    assert full.in_library_names("complete response in pediatric patients", used)[1] == []
    assert "cr" not in full.expand("complete response in pediatric patients").expansion_tokens


@pytest.mark.slow
def test_clinical_shorthand_answers_in_the_real_corpus():
    from qa import ask

    answer = ask("CR rate peds aGVHD Prochymal")
    assert answer.found and "seven of 12 patients showed complete responses" in answer.spans[0].text


def test_laboratory_shorthand_is_read_one_way(full: Expander):
    """User trial 19: "conc of MMS used on the wing discs?" and "temp used for desiccation assay"
    were refused; written out they were answered. Read one way: a question writing "control" or
    "concentration" gains no absent shorthand (the two-way groups of the eighteenth session did)."""
    passages = {"conc": 0, "concentration": 40, "concentrations": 12, "temp": 0, "temperature": 20, "ctrl": 0}
    used = lambda name: passages.get(name.lower(), 0)  # noqa: E731
    assert full.in_library_names("conc of MMS used?", used)[0] == "concentration of MMS used?"  # one form read
    assert full.in_library_names("temp used for desiccation assay", used)[0] == "temperature used for desiccation assay"
    for written in ("concentration of MMS in the control discs?", "which temperature?"):
        expansion = full.expand(written).expansion_tokens
        assert not {"conc", "temp", "ctrl"} & set(expansion), expansion


def test_laboratory_shorthand_answers_in_the_article_library(pdf_library):
    from conftest import answerer_with

    settings, index = pdf_library
    answer = answerer_with(settings, index).ask("conc of MMS used on the wing discs?")
    assert answer.found and "0.0025% MMS" in answer.spans[0].text


def test_statistical_shorthand_is_read_one_way(full: Expander):
    """User trial 27: "are the error bars SD or SEM in the Acinetobacter desiccation figures" was
    refused: the article writes "standard deviations are shown as error bars", never "SD". A
    question typing the shorthand is read with the words; one writing the words gains no shorthand."""
    passages = {"sd": 0, "standard deviation": 12, "standard deviations": 6, "sem": 0,
                "standard error of the mean": 3, "ci": 0, "confidence interval": 2, "confidence intervals": 1}
    used = lambda name: passages.get(name.lower(), 0)  # noqa: E731
    text, read = full.in_library_names("error bars SD?", used)
    assert "standard deviation" in text and dict(read)["SD"].startswith("standard deviation")
    assert "confidence interval" in full.in_library_names("what 95% CI?", used)[0]
    assert "standard error of the mean" in full.in_library_names("mean and SEM", used)[0]
    for written in ("error bars show the standard deviation", "the standard error of the mean"):
        expansion = full.expand(written).expansion_tokens
        assert not {"sd", "sem", "ci"} & set(expansion), expansion


def test_statistical_shorthand_answers_in_the_article_library(pdf_library):
    from conftest import answerer_with

    settings, index = pdf_library
    answer = answerer_with(settings, index).ask("are the error bars SD or SEM in the Acinetobacter desiccation figures")
    assert answer.found
    assert any("standard deviations are shown as error bars" in s.text for s in answer.spans[:3])


def test_the_build_checks_the_synonyms_the_retriever_reads(corpus_copy: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A library without a synonyms.toml of its own reads the project's (`synonyms_path`, user trial 38),
    so the build checks that file: a broken one fails the build up front, before the ingestion, not at
    the first question; a library's own file is the one read and checked."""
    import qa.settings
    from qa.index.build import build
    from qa.index.synonyms import synonyms_path
    from qa.settings import Settings

    project = tmp_path / "project"
    (project / "corpus").mkdir(parents=True)
    (project / "corpus" / "synonyms.toml").write_text("[[group]]\nterms = \"lupus\"\n", encoding="utf-8")
    monkeypatch.setattr(qa.settings, "PROJECT_ROOT", project)
    (corpus_copy / "synonyms.toml").unlink()
    assert synonyms_path(corpus_copy) == project / "corpus" / "synonyms.toml"
    settings = Settings.from_env().model_copy(update={"corpus_dir": corpus_copy, "index_dir": tmp_path / "index"})
    with pytest.raises(QAError, match="group 1"):
        build(settings)
    (corpus_copy / "synonyms.toml").write_text(SYNONYMS.read_text(encoding="utf-8"), encoding="utf-8")
    assert synonyms_path(corpus_copy) == corpus_copy / "synonyms.toml"
