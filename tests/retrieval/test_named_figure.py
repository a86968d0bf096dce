"""A question naming a figure asks what its legend says (`qa.retrieval.priors.names_figure`): the
legend prior leaves it, the legend of the figure named by number gains what a legend loses, and the
answer stage's span penalty for legends is waived. By hand, and on the real reviews' index."""
from __future__ import annotations

import pytest

from qa.retrieval.priors import figure_label, named_figures, names_figure
from qa.retrieval.rerank import Evidence, combine
from qa.retrieval.retriever import Retriever
from conftest import answerer_with


@pytest.mark.parametrize("question, names, numbers", [
    ("Looking at Figure 1, which mediators appear twice?", True, {"1"}),
    ("per fig. 3b, what rose?", True, {"3"}),
    ("What does Figures S2 show?", True, {"S2"}),
    ("In the figure, which cells are drawn?", True, set()),
    ("Which MSC markers make up the panel?", False, set()),  # a marker panel is no figure
    ("How do MSCs configure the niche?", False, set()),  # "fig" only inside a word
    ("What survival figures did the trial report?", False, set()),  # figures: numbers
    # named by what it shows, words between the determiner and 'figure' (no number given)
    ("In the larval survival figure, what does HN2 stand for?", True, set()),
    ("What do the colours in the big phylogenetic tree figure mean?", True, set()),
    ("How did the authors figure out the dose?", False, set()),  # the verb
])
def test_questions_naming_a_figure(question, names, numbers):
    assert names_figure(question) is names
    assert named_figures(question) == frozenset(numbers)


@pytest.mark.parametrize("section, text, label", [
    ("Figure 1", "7) Inhibition of natural killer (NK) cells by secretion of IDO.", "1"),  # its heading
    ("Results", "Figure 4. Desiccation tolerance of the mutants.", "4"),  # its opening
    ("Results", "Fig. 2 | Binding of GDP.", "2"),
    ("Results", "Figure 2 shows that the mutants survive.", "2"),  # only read with a named figure
    ("Discussion", "The mutants survive desiccation.", None),
])
def test_a_passage_figure_label(section, text, label):
    assert figure_label(section, text) == label


EVIDENCE = [Evidence(3.0, 0.1, 0.0, 1.0), Evidence(2.0, 0.5, 0.0, 0.0), Evidence(1.0, 0.3, 0.0, 0.0)]


def test_a_named_legend_gains_what_a_legend_loses():
    weights = [1.0, 0.5, 2.0, 1.0, 0.0]
    plain = combine(EVIDENCE, weights)
    marked = [Evidence(*EVIDENCE[0].values(), legend=True), Evidence(*EVIDENCE[1].values(), legend=True, named=True),
              EVIDENCE[2]]
    assert combine(marked, weights, legend_penalty=3.0) == pytest.approx([plain[0] - 3.0, plain[1] + 3.0, plain[2]])
    assert combine(marked, weights) == pytest.approx(plain)  # no legend prior, no gain


def first_passage(settings, index, question: str):
    return Retriever(settings, index=index).search(question, k=3)[0].passage


def test_the_named_figure_legend_comes_first(settings, index):
    """Figueroa 2012's Figure 1 legend lists the MSC factors by effect ("1) Promotion of angiogenesis:
    VEGF, IGF-1, ..."); a question naming Figure 1 asks for it, the same question without the figure
    (or naming another figure) keeps the legend below the running text."""
    named = first_passage(settings, index, "In Figure 1 of the autoimmunity review, which factors promote angiogenesis?")
    assert named.doc_id == "figueroa2012" and named.text.startswith("Figure 1.")
    for question in ("Which factors promote angiogenesis according to the autoimmunity review?",
                     "What does Figure 2 of the autoimmunity review show about factors promoting angiogenesis?"):
        assert not first_passage(settings, index, question).text.startswith("Figure 1.")


def test_the_answer_quotes_the_named_legend(settings, index):
    """The question naming the figure is answered from the legend's line on angiogenesis (refusal off: the
    model scores list questions over legends low). The same question without the figure is now too: the
    legend, keying no colour, keeps its score (`keys_colours`, evals/README.md, thirty-eighth session)."""
    answerer = answerer_with(settings, index, refusal_threshold=0.0, attribute_refusal_below=0.0,
                             quantity_attribute_refusal_below=0.0, unreported_attribute_refusal_below=0.0,
                             span_legend_penalty=1.0)
    named = answerer.ask("In Figure 1 of the autoimmunity review, which factors promote angiogenesis?")
    assert named.spans[0].text.startswith("1) Promotion of angiogenesis")



@pytest.mark.parametrize("question, legend_line", [
    ("In the rev1 larval survival figure, what do TTP and HN2 stand for?", "TTP = topotecan"),
    ("In the EF-1A phylogeny figure, what are the branches colored by?", "Branches and nodes are labeled and colored"),
])
def test_a_figure_named_by_what_it_shows_is_answered_from_its_legend(pdf_library, question, legend_line):
    """The REV1 article's survival figure spells its agents out only in its legend ("TTP = topotecan, ...,
    HN2 = nitrogen mustard"), the Asgard article's tree figure its colours; a question naming the figure
    by what it shows, with no number, asks for the legend, so the legend's line is the first span (read
    as naming no figure, the legend penalty held it below a Results or Abstract sentence)."""
    settings, index = pdf_library
    assert names_figure(question)
    answer = answerer_with(settings, index).ask(question)
    assert answer.found and legend_line in answer.spans[0].text
