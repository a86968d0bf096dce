"""What "never wrong" means for a result, checked on every generated input (tests and
scripts/fuzz.py): every hit and span is real, verbatim text of the index at the offsets it
claims, the filters and limits asked for hold, and the ranking is ordered."""
from __future__ import annotations

from qa.models import Answer, Hit


def check_hits(index, hits: list[Hit], k: int, docs: list[str] | None) -> None:
    assert len(hits) <= k
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
    scores = [h.score for h in hits]
    assert all(a >= b - 1e-9 for a, b in zip(scores, scores[1:])), scores
    assert len({h.passage.id for h in hits}) == len(hits)
    for h in hits:
        row = index.rows[h.passage.id]
        assert index.passages[row] == h.passage
        doc = index.document(h.passage.doc_id)
        assert doc.text[h.passage.start:h.passage.end] == h.passage.text
        if docs:
            assert h.passage.doc_id in docs


def check_answer(index, answer: Answer, k: int, docs: list[str] | None) -> None:
    if not answer.found:
        assert not answer.spans and not answer.references
    passages = {h.passage.id: h.passage for h in answer.passages}
    check_hits(index, answer.passages[:k], k, docs)
    for span in answer.spans:
        doc = index.document(span.doc_id)
        assert doc.text[span.start:span.end] == span.text, (span.doc_id, span.start, span.end)
        p = passages[span.passage_id]
        assert p.doc_id == span.doc_id and p.start <= span.start and span.end <= p.end
        if docs:
            assert span.doc_id in docs
        for c in span.citations:
            assert span.start <= c.start and c.end <= span.end
            assert doc.text[c.start:c.end] == c.label
    cited = {(s.doc_id, c.key) for s in answer.spans for c in s.citations}
    assert {(r.doc_id, r.key) for r in answer.references} <= cited
