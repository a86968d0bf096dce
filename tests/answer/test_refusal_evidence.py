"""Where the refusal features' word weights are counted, and over which passages (qa.answer.refusal_evidence),
on the real three-review index and the thirteen-document evaluation library."""
from __future__ import annotations

import pytest

from qa.answer import refusal
from qa.retrieval.question import classify
from qa.answer.refusal_evidence import scoped_weights
from tests.conftest import answerer_with

REVIEWS = ["figueroa2012", "kim2013", "pmc3782548"]
QUESTION = "What do MSCs secrete to suppress T cell proliferation?"


def evidence(answerer, question: str, docs=None):
    query = answerer.retriever.query_from(question, None).with_kind(classify(question))
    hits = answerer.retriever.search(query, k=10, docs=docs)
    units = answerer.units(hits)
    answerer.score_units(query, units)
    units.sort(key=lambda u: -u.score)
    return query, units, hits


def test_evidence_weights_of_the_reviews_do_not_move_when_ten_pdfs_join(answerer, pdf_library):
    """'MSC' is in nearly every review passage: over the whole library it weighs almost nothing on the
    three reviews and a quarter of the ceiling once ten PDFs (which never write it) join; over the
    passages of the reviews the evidence comes from, it weighs the same on both libraries."""
    grown = answerer_with(*pdf_library)
    hits3 = evidence(answerer, QUESTION)[2]
    hits13 = evidence(grown, QUESTION, docs=REVIEWS)[2]
    docs = {h.passage.doc_id for h in hits3[:3]}
    assert docs == {h.passage.doc_id for h in hits13[:3]}  # the same reviews hold the top three
    lib3, ceiling3 = scoped_weights(answerer, hits3, "library")
    lib13, ceiling13 = scoped_weights(grown, hits13, "library")
    assert lib13("msc") / ceiling13 > lib3("msc") / ceiling3 + 0.15  # the drift
    ev3, top3 = scoped_weights(answerer, hits3, "evidence")
    ev13, top13 = scoped_weights(grown, hits13, "evidence")
    assert top3 == pytest.approx(top13)
    for token in ("msc", "secrete", "proliferation", "suppress"):
        assert ev3(token) == pytest.approx(ev13(token))
    assert ev3("zzzunused") == pytest.approx(top3)  # a word the evidence's documents never write weighs the ceiling


def test_coverage_scope_takes_the_shares_from_the_evidence_and_the_missing_words_from_the_library(answerer):
    query, units, hits = evidence(answerer, "What was the median age of the lupus patients treated with MSCs?")
    standout = answerer.standout(query, hits)

    def features(scope: str) -> list[float]:
        return refusal.evidence_features(answerer, query, units, hits, standout, scope=scope, window=[1.0])

    library, scoped, mixed = features("library"), features("evidence"), features("coverage")
    names = refusal.FEATURES
    for name in ("unit_coverage", "passage_coverage", "specific_coverage", "phrase_coverage"):
        assert mixed[names.index(name)] == pytest.approx(scoped[names.index(name)])
    for name in ("best_dense", "missing_term", "missing_specific", "top_standout", "phrase_missing"):
        assert mixed[names.index(name)] == pytest.approx(library[names.index(name)])


def test_the_window_spread_mixes_the_top_three_four_and_five_passages(answerer):
    """A spread of 0.5 reads half of each window-dependent feature over the top three passages and a
    quarter each over the top four and five: a word the fourth passage alone holds counts, by a share."""
    query, units, hits = evidence(answerer, "Which MSC doses were used in the GVHD trials?")
    standout = answerer.standout(query, hits)

    def features(window: list[float]) -> list[float]:
        return refusal.evidence_features(answerer, query, units, hits, standout, scope="library", window=window)

    three, four, five = features([1.0]), features([0.0, 1.0]), features([0.0, 0.0, 1.0])
    soft = features([0.5, 0.25, 0.25])
    for i in range(len(soft)):
        assert soft[i] == pytest.approx(0.5 * three[i] + 0.25 * four[i] + 0.25 * five[i])
    assert four[refusal.FEATURES.index("passage_coverage")] >= three[refusal.FEATURES.index("passage_coverage")]
    spread = answerer_with(answerer.settings, answerer.index, refusal_window_spread=0.5)
    assert refusal.evidence_features(spread, query, units, hits, standout, scope="library") == pytest.approx(soft)


def test_a_misspelt_word_is_read_where_its_reading_is(answerer, monkeypatch):
    """'lupsu' is one edit from the library's 'lupus' (the reading behind "Did you mean",
    qa.retrieval.spelling): the features read it as present where 'lupus' is, so it is no absent name
    (missing_specific 0, against the ceiling's share when read as written)."""
    from qa.answer import refusal_evidence
    from qa.answer.refusal_evidence import misspelt_tokens

    typed = "Were MSCs tried in lupsu nephritis?"
    assert misspelt_tokens(answerer.index, typed) == {"lupsu": frozenset({"lupus"})}
    query, units, hits = evidence(answerer, typed)
    assert "lupus" in set().union(*(answerer.passage_tokens(h.passage) for h in hits[:3]))
    at = refusal.FEATURES.index("missing_specific")

    def features() -> list[float]:
        return refusal.evidence_features(answerer, query, units, hits, answerer.standout(query, hits))

    read = features()
    monkeypatch.setattr(refusal_evidence, "misspelt_tokens", lambda index, question, shorthand=None: {})
    unread = features()
    assert read[at] == 0.0 and unread[at] > 0.5
    for name in ("unit_coverage", "passage_coverage", "phrase_coverage"):
        assert read[refusal.FEATURES.index(name)] >= unread[refusal.FEATURES.index(name)]
    # a word no edit turns into a library word stays as written
    assert misspelt_tokens(answerer.index, "Were MSCs tried in qzxvw nephritis?") == {}


def test_shorthand_the_synonyms_read_is_no_misspelling(answerer):
    """'peds' (shorthand for 'pediatric' in corpus/synonyms.toml) is one edit from 'leds': the refusal
    features read it as the shorthand it is, as the "Did you mean" hint does (documentation audit 30),
    while a real typo in the same question is still read as its library word."""
    from qa.answer.refusal_evidence import misspelt_tokens
    from qa.answer.vague import misspelt_words, shorthand_tokens
    from qa.index.analyzer import word_sequence

    question = "CR rate peds aGVHD Prochymal in lupsu?"
    assert "peds" in misspelt_words(answerer.index, question)  # the spelling reading alone takes it as a typo
    assert set(word_sequence("peds")) <= shorthand_tokens(answerer, question)
    read = misspelt_tokens(answerer.index, question, shorthand=lambda: shorthand_tokens(answerer, question))
    assert "peds" not in read and read.get("lupsu") == frozenset({"lupus"})
