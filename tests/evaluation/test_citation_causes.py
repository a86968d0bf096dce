"""The citation-cause report (qa.evaluation.citation_causes): every false and missed key of a report is
classified once, its counts agree with the evaluation's own citation counts, and the sealed split is
never asked. Real seeds index and dev questions."""
from __future__ import annotations

import pytest

from qa.evaluation.citation_causes import Locator, causes, run, summary
from qa.evaluation.evaluate import answer_citation_keys, load_all
from qa.evaluation.metrics import set_counts

from conftest import answerer_with


def test_the_sealed_split_is_never_asked():
    with pytest.raises(ValueError, match="never asked"):
        run("blind-test", "seeds")


def test_every_false_and_missed_key_is_classified_once(settings, index):
    answerer = answerer_with(settings, index)
    locator = Locator(index.documents)
    questions = [q for q in load_all("dev", "seeds") if q.answerable and q.citations][:25]
    fp = fn = 0
    found = []
    for q in questions:
        answer = answerer.ask(q.question, k=10, **({"previous": q.previous} if q.previous else {}))
        _, f, m = set_counts(answer_citation_keys(answer, q.docs), q.citations)
        fp, fn = fp + f, fn + m
        found += causes(q, answer, locator)
    assert sum(c.false for c in found) == fp and sum(not c.false for c in found) == fn
    assert all(c.cause for c in found)
    text = summary(found, listing=True)
    assert f"false keys (offered, not in gold): {fp}" in text


def test_a_contrast_clause_is_told_from_a_neighbouring_sentence(settings, index):
    """'While some studies have suggested the efficacy of MSC therapy in collagen-induced arthritis (CIA)
    models [120,121], many others have suggested that MSCs alone do not suppress ... [122,123].': asked
    which studies found MSCs ineffective, [120,121] are the answering sentence's other clause."""
    question = next(q for q in load_all("dev", "seeds")
                    if q.question.startswith("Which studies found MSCs ineffective in collagen-induced"))
    answer = answerer_with(settings, index).ask(question.question)
    found = {c.key: c.cause for c in causes(question, answer, Locator(index.documents))}
    assert found.get("120", "").startswith("another clause of the answering sentence")
