"""A weak yes/no answer to a question naming a word English rarely uses that the quoted articles never
write, in any form, is refused (`unreported_refusal_below`, `unreported_frequency`;
qa.answer.unreported; evals/README.md "Refusal recall, second pass"). Real reviews' index and CLI;
the questions are written for these tests, each also asked with the rule off."""
from __future__ import annotations

from conftest import answerer_with, run_qa

from qa.answer.unreported import _in_library, unreported_words

UVEITIS = "Did MSC infusion in steroid-refractory acute GVHD patients also clear their uveitis?"
TINNITUS = "In the osteogenesis imperfecta children given MSCs, did the cells reduce their hearing loss or tinnitus?"


def test_a_weak_yes_no_on_a_condition_no_quoted_article_writes_is_refused(settings, index):
    for question, word in ((UVEITIS, "uveitis"), (TINNITUS, "tinnitus")):
        answer = answerer_with(settings, index).ask(question)
        assert not answer.found and not answer.spans, question
        assert f"No article writes of '{word}'" in answer.message
        assert answer.confidence < settings.answer.unreported_refusal_below
        off = answerer_with(settings, index, unreported_refusal_below=0.0).ask(question)
        assert off.found and off.kind == "yesno" and not any(word in s.text.lower() for s in off.spans)


def test_above_the_band_or_answerable_the_answer_stands(settings, index):
    # 'perfusion' is in no review either, but the match is not weak: the cap decides
    perfusion = answerer_with(settings, index).ask(
        "Did intracoronary MSCs improve myocardial perfusion after acute myocardial infarction?")
    assert perfusion.found and perfusion.confidence >= settings.answer.unreported_refusal_below
    # with the rule on at every confidence, a yes/no whose words the articles write is answered
    always = answerer_with(settings, index, unreported_refusal_below=1.0)
    answer = always.ask("Do MSCs suppress T cell proliferation?")
    assert answer.found and "suppress T cell proliferation" in answer.spans[0].text


def test_only_rare_dictionary_words_of_yes_no_questions_count(settings, index):
    answerer = answerer_with(settings, index)
    assert unreported_words(answerer, UVEITIS, "yesno", [], 500) == ["uveitis"]
    # a wh-question may name the asked category in the writer's own word: never read
    assert unreported_words(answerer, "What uveitis rate followed MSC infusion?", "fact", [], 500) == []
    # an everyday word the articles put otherwise is no evidence ('cope': English uses it often)
    assert unreported_words(answerer, "Did the GVHD patients cope better after MSCs?", "yesno", [], 500) == []
    # a capitalised name is `refusal.absent_names`' to read; a word a quote holds is there
    assert unreported_words(answerer, "Did MSCs help patients of the Uveitis clinic?", "yesno", [], 500) == []
    assert unreported_words(answerer, UVEITIS, "yesno", ["anterior uveitis was seen"], 500) == []
    assert unreported_words(answerer, UVEITIS, "yesno", [], 0) == []  # 0: off


def test_a_word_written_in_another_form_is_written(settings, index):
    answerer = answerer_with(settings, index)
    assert _in_library(answerer, "fertile", frozenset({"fertility"}))  # another form (word_forms.stems)
    assert _in_library(answerer, "neuron", frozenset({"neuronal"}))  # the start of a longer word
    assert not _in_library(answerer, "fertile", frozenset({"fetal", "ferritin"}))
    assert _in_library(answerer, "lymphocyte")  # the library writes it
    assert not _in_library(answerer, "uveitis")


def test_the_cli_prints_the_refusal_naming_the_word():
    done = run_qa("ask", UVEITIS, "--brief", "--color", "never")
    assert done.returncode == 0
    assert "does not answer this question" in done.stdout and "'uveitis'" in done.stdout
    off = run_qa("ask", UVEITIS, "--brief", "--color", "never", env={"QA_UNREPORTED_REFUSAL_BELOW": "0"})
    assert off.returncode == 0 and "1. " in off.stdout and "'uveitis'" not in off.stdout


def test_an_inflected_everyday_word_is_not_rare(settings, index):
    """A lay comparative ('milder', 282 in the dictionary) is as everyday as the word it inflects
    ('mild', 8104): it names no unreported condition (round 11: a lay yes/no 'is AB5075 tougher ...
    even at the milder 30% humidity?' was refused on 'milder')."""
    from qa.retrieval.spelling import english_frequency

    answerer = answerer_with(settings, index)
    question = "Were the milder GVHD cases helped more by MSC infusion than the uveitis ones?"
    assert english_frequency("milder") <= settings.answer.unreported_frequency
    assert unreported_words(answerer, question, "yesno", [], settings.answer.unreported_frequency) == ["uveitis"]


def test_the_librarys_side_of_the_check_is_read_once_per_loaded_index(settings, index):
    """`Answerer.threshold` reads the rare-word check for every question asking a value: what the library
    holds is kept on the loaded index (`holds_in_library` per word, `library_described` once), for its BM25
    only (a sweep swaps it), and the quoted articles' tokens once per article (`article_tokens`)."""
    from types import SimpleNamespace

    from qa.answer.refusal import holds_in_library, library_described, library_holds
    from qa.answer.unreported import article_tokens
    from qa.index.analyzer import tokenize
    from qa.index.bm25 import BM25

    words = ["uveitis", "tinnitus", "lymphocyte", "neuron", "fertile", "cultured", "haplo", "mscs"]
    assert [holds_in_library(index, w) for w in words] == [library_holds(index.bm25, w) for w in words]
    assert [holds_in_library(index, w) for w in words] == [library_holds(index.bm25, w) for w in words]  # remembered
    assert not holds_in_library(index, "uveitis") and holds_in_library(index, "lymphocyte")
    described = library_described(index)
    assert described is library_described(index)
    assert described == {t for d in index.documents
                         for t in tokenize(" ".join([d.meta.title, d.meta.journal, *d.meta.authors]))}
    # another BM25 on the same object is read afresh, not from the memo of the first
    swapped = SimpleNamespace(bm25=index.bm25)
    assert not holds_in_library(swapped, "uveitis")
    swapped.bm25 = BM25.build([["uveitis", "noted"]])
    assert holds_in_library(swapped, "uveitis")
    answerer = answerer_with(settings, index)
    doc = index.doc_ids[0]
    fresh = frozenset(t for row in index.rows_of_doc(doc) for p in [index.passages[int(row)]]
                      for t in tokenize(p.text) + tokenize(p.section))
    assert article_tokens(answerer, {doc}) == fresh
    assert index.__dict__["_article_tokens"][doc] == fresh
    assert article_tokens(answerer, set(index.doc_ids[:2])) == fresh | index.__dict__["_article_tokens"][index.doc_ids[1]]
