"""Question words the evidence writes in another form are not absent (`qa.retrieval.word_forms.written_forms`):
a Latin '-us' noun and its '-al' adjective ("retrovirus" / "retroviral"), and a code's plural ("L1s"
against "L1": the index keeps the -s of a token with a digit). Read as missing names they refused two
answerable protocol questions (evals/README.md, "PDF numbers and lists helper")."""
from __future__ import annotations

import pytest

from qa.retrieval.word_forms import stems, written_forms

from conftest import answerer_with


@pytest.mark.parametrize("asked, written", [
    ("retroviral", "retrovirus"), ("lentiviral", "lentivirus"), ("l1s", "l1"), ("k548rs", "k548r"),
])
def test_another_form_of_the_word_is_there(asked, written):
    assert asked in written_forms({asked}, {written})


@pytest.mark.parametrize("asked, written", [
    ("status", "stat"),  # too short a stem once '-us' goes ('stat' < 5 letters)
    ("cells", "cell"),  # a plain word's plural is the analyzer's business, not a code's
    ("l1s", "l2"),
])
def test_words_that_only_look_alike_stay_absent(asked, written):
    assert asked not in written_forms({asked}, {written})


def test_the_us_ending_leaves_a_stem_only_when_long_enough():
    assert "retrovir" in stems("retrovirus") and "retrovir" in stems("retroviral")
    assert stems("virus") == frozenset({"virus"})


def _features(answerer, question: str) -> list[float]:
    from qa.retrieval.question import kind_of

    query = answerer.retriever.query_from(question, None)
    query = query.with_kind(kind_of(query, answerer.index))
    hits = answerer.retriever.search(query, k=answerer.settings.answer.answer_depth)
    units = answerer.units(hits)
    answerer.score_units(query, units)
    units.sort(key=lambda u: -u.score)
    return answerer.refusal_features(query, units, hits)


@pytest.mark.parametrize("plural, singular", [
    ("How long were synchronized L1s grown on OP50 before the Pseudomonas exposure for RNA-seq?",
     "How long were synchronized L1 grown on OP50 before the Pseudomonas exposure for RNA-seq?"),
    ("What spin speed was used for the retroviral transduction of the bone marrow cells?",
     "What spin speed was used for the retrovirus transduction of the bone marrow cells?"),
])
def test_the_other_form_weighs_as_the_written_one_on_the_real_articles(pdf_library, plural, singular):
    """On the real PDF library the question's "L1s" / "retroviral" is no more missing than the articles'
    own "L1" / "retrovirus" (features 3 and 4: the heaviest missing word, the heaviest missing name)."""
    settings, index = pdf_library
    answerer = answerer_with(settings, index)
    asked, written = _features(answerer, plural), _features(answerer, singular)
    assert asked[3] <= written[3] + 1e-9 and asked[4] <= written[4] + 1e-9
