"""Citation groups closing coordinated subjects of one verb are items, not a head and its item
(`coordinate_subjects`, qa.answer.clauses.coordinated_subjects): "Their potential to transform
malignantly [152,153] and weaken graft versus leukemia effects following HSCT [80] are major issues
..." asked about the graft-versus-leukemia effect offers [80] alone (user trial 30). Real reviews'
index; the question is worded for this test and also asked with the rule off, so the test fails if
the rule does nothing."""
from __future__ import annotations

from conftest import answerer_with
from qa.answer.clauses import coordinated_subjects
from qa.models import Citation


def keys(span) -> list[str]:
    return [c.key for c in span.citations]


def cite(text: str, label: str, key: str) -> Citation:
    start = text.index(label)
    return Citation(key=key, label=label, start=start, end=start + len(label), style="numeric")


def quoting(answer, words: str):
    return next(s for s in answer.spans if words in s.text)


def test_a_subject_item_naming_no_question_word_is_printed_not_offered(settings, index):
    q = "Do MSCs weaken graft-versus-leukemia effects?"
    on = quoting(answerer_with(settings, index).ask(q), "Their potential to transform malignantly")
    off = quoting(answerer_with(settings, index, coordinate_subjects=False).ask(q), "Their potential to transform")
    assert on.doc_id == "kim2013" and keys(on) == ["80"]
    assert {"152", "153"} <= {c.key for c in on.also_cited}
    assert {"152", "153", "80"} <= set(keys(off))


def test_the_first_item_is_read_on_its_own_sentence_when_a_sentence_is_joined_before(settings, index):
    """The quote opens with 'The safety of MSC administration remains a concern ...': read whole, the
    first item ran back into that sentence and counted as a long clause."""
    q = "Could MSC therapy weaken graft versus leukemia effects following HSCT?"
    span = quoting(answerer_with(settings, index).ask(q), "Their potential to transform malignantly")
    assert keys(span) == ["80"]


def test_the_subject_item_asked_about_keeps_its_citation(settings, index):
    """The same sentence asked about its first item: [152,153] cite, the other item's [80] does not."""
    q = "Can cultured MSCs transform malignantly?"
    span = quoting(answerer_with(settings, index).ask(q), "transform malignantly")
    assert sorted(keys(span)) == ["152", "153"] and "80" in {c.key for c in span.also_cited}


def test_only_a_bare_coordinator_before_the_verb_makes_subjects():
    subjects = "Their potential to grow [1,2] and weaken the effect [3] are major issues."
    groups = [[cite(subjects, "[1,2]", "1")], [cite(subjects, "[3]", "3")]]
    assert coordinated_subjects(subjects, 0, groups)
    clause = "MSCs grow in culture [1,2], and they weaken the effect [3] in mice."
    assert not coordinated_subjects(clause, 0, [[cite(clause, "[1,2]", "1")], [cite(clause, "[3]", "3")]])
    at_end = "Their potential to grow [1,2] and weaken the effect [3]. Next sentence."
    assert not coordinated_subjects(at_end, 0, [[cite(at_end, "[1,2]", "1")], [cite(at_end, "[3]", "3")]])
