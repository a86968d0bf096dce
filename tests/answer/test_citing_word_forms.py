"""A citation group names a question word written in another form of the word (qa.answer.clauses.as_terms):
"Their potential to transform malignantly [152,153] and weaken graft versus leukemia effects following
HSCT [80] ..." asked about "malignant transformation" and the graft-versus-leukemia effect. Read on exact
words, the first group named only 'malignant' and fell below the sources clause share of the second
group's weight, so [152,153] were printed, not offered (blind-dev b5-kim2013-03, thirty-sixth session).
The weights below are chosen and summed by hand; the real-index question is worded for this test."""
from __future__ import annotations

from conftest import answerer_with
from qa.answer.clauses import as_terms, clause_citations, sentence_clauses, term_stems
from qa.index.analyzer import tokenize
from qa.models import Citation

SENTENCE = ("Their potential to transform malignantly [1,2] and weaken graft versus leukemia effects "
            "following HSCT [3] are major issues.")
# clause 1 names malignant (2.0) + transformation (4.0) = 6.0 when word forms count, 2.0 when not;
# clause 2 names graft + versus + leukemia = 2.0 + 3.0 + 3.0 = 8.0; 0.4 x 8.0 = 3.2
TERMS = {"malignant": 2.0, "transformation": 4.0, "graft": 2.0, "versus": 3.0, "leukemia": 3.0}


def tokens_of(text: str) -> set[str]:
    return set(tokenize(text))


def cite(label: str, key: str) -> Citation:
    start = SENTENCE.index(label)
    return Citation(key=key, label=label, start=start, end=start + len(label), style="numeric")


def test_another_form_of_a_question_word_counts_as_that_word():
    by_stem = term_stems(TERMS)
    assert as_terms({"transform", "malignant", "potential"}, TERMS, by_stem) == {"transformation", "malignant"}
    assert as_terms({"graft", "effect"}, TERMS, by_stem) == {"graft"}


def test_a_clause_naming_the_asked_words_in_other_forms_keeps_its_citations():
    cites = [cite("[1,2]", "1"), cite("[1,2]", "2"), cite("[3]", "3")]
    [sentence] = sentence_clauses(SENTENCE, 0, [(0, len(SENTENCE))], cites, TERMS, tokens_of)
    assert [sorted(cl.named) for cl in sentence.clauses] == [["malignant", "transformation"],
                                                             ["graft", "leukemia", "versus"]]
    assert [c.key for c in clause_citations(sentence, 0.4, 12)] == ["1", "2", "3"]


def test_the_reviews_sentence_offers_both_subjects_studies(settings, index):
    q = "Which studies back worries that MSCs could undergo malignant transformation or blunt graft versus leukemia effects?"
    answer = answerer_with(settings, index).ask(q)
    span = next(s for s in answer.spans if "transform malignantly" in s.text)
    assert {"152", "153", "80"} <= {c.key for c in span.citations}
