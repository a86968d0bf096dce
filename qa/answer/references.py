"""The references block of an answer: the citations of its spans, grouped by document.

Only spans that cite count: a secondary span shown as context carries no citations
(`AnswerSettings.citation_margin`), so its studies are not offered as the answer's sources.
"""
from __future__ import annotations

from qa.models import AnswerReference, Span, key_order


def aggregate_references(spans: list[Span]) -> list[AnswerReference]:
    """References of the spans, grouped by review (best review first), most supported first."""
    by_doc: dict[str, dict[str, AnswerReference]] = {}
    doc_order: list[str] = []
    for span in spans:
        if span.doc_id not in by_doc:
            by_doc[span.doc_id] = {}
            doc_order.append(span.doc_id)
        refs = by_doc[span.doc_id]
        for key in dict.fromkeys(c.key for c in span.citations):
            c = next(c for c in span.citations if c.key == key)
            if key in refs:
                refs[key].support += 1
            else:
                refs[key] = AnswerReference(doc_id=span.doc_id, key=key, label=c.label, text=c.reference)
    out: list[AnswerReference] = []
    for doc_id in doc_order:
        refs = list(by_doc[doc_id].values())
        refs.sort(key=lambda r: (-r.support, key_order(r.key)))
        out.extend(refs)
    return out
