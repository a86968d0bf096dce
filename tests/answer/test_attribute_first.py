"""A weak answer whose quotes name the topic but not the attribute asked quotes first a sentence of the
same article that names it, instead of being refused (qa.answer.attribute_first; user trial 44: the
REV1 article's statistics are stated only in figure legends, which score about half as well as its
sentences on Drosophila larvae). On the real ten-PDF library, through the library and the CLI."""
from __future__ import annotations

from conftest import answerer_with, ask_json, library_args

STATISTICS = "Which statistical test was used for the Drosophila larval survival comparisons in the REV1 study?"
KRUSKAL = "Statistical comparisons were done using a Kruskal-Wallis one-way ANOVA with Dunn’s multiple comparisons test."
REV1 = "10.1101_2024.02.13.580051"


def test_the_sentence_naming_the_asked_statistical_test_is_quoted_first_not_refused(pdf_library):
    settings, index = pdf_library
    answer = answerer_with(settings, index).ask(STATISTICS)
    assert answer.found, answer.message
    # the survival panel's legend, shown with its title and the sentences after it, states the test itself
    # (join_title_and_follower, forty-first session): the rule has nothing to add
    assert answer.spans[0].doc_id == REV1 and KRUSKAL in answer.spans[0].text
    assert "Relative survival" in answer.spans[0].text
    # without that join the first quote names no test, and the rule quotes the legend sentence naming it first
    plain = answerer_with(settings, index, join_title_and_follower=False).ask(STATISTICS)
    assert plain.found and plain.spans[0].doc_id == REV1 and plain.spans[0].text.startswith(KRUSKAL)
    # ... and without the rule too, its quotes are REV1's sentences on larvae, and it is refused
    off = answerer_with(settings, index, join_title_and_follower=False, attribute_first_share=1.01).ask(STATISTICS)
    assert not off.found and "none states the statistical test asked for" in off.message


def test_the_cli_prints_the_statistical_test_first(pdf_library):
    settings, _ = pdf_library
    answer = ask_json(STATISTICS, *library_args(settings))
    assert answer["found"] and KRUSKAL in answer["spans"][0]["text"]
    assert answer["spans"][0]["doc_id"] == REV1
