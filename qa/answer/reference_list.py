"""An answer's references block: the entries its spans cite, grouped by document.

Apart from `qa.answer.references` (which citations each span carries) because it reads only the
spans already made (`Span.citations`, `Span.also_cited`): the TUI labels entries with
`entry_label` without choosing any citation, and the block is built the same way for every answer.
"""
from __future__ import annotations

from qa.models import AnswerReference, Citation, Span, key_order


def entry_label(c: Citation) -> str:
    """The label of this one entry, where one reference is listed: '[8]' for a numbered citation
    even when the text printed it in a group ('(8–10)', '[7, 8]': user trial 23 read '(8–10)
    Giannouli', '(8–10) Jawad' and could not tell the entries apart); an author-year label as
    printed, whitespace folded."""
    if c.style in ("numeric", "numeric_paren", "superscript") and c.key.isdigit():
        return f"[{c.key}]"
    return " ".join(c.label.split())


def aggregate_references(spans: list[Span], also: bool = False) -> list[AnswerReference]:
    """References of the spans, grouped by review (best review first), most supported first.

    `also`: of the keys printed in the spans but not offered as sources (`Span.also_cited`),
    those no span cites, so the quoted text's every number has its entry."""
    by_doc: dict[str, dict[str, AnswerReference]] = {}
    doc_order: list[str] = []
    offered = {(span.doc_id, c.key) for span in spans for c in span.citations}
    for span in spans:
        if span.doc_id not in by_doc:
            by_doc[span.doc_id] = {}
            doc_order.append(span.doc_id)
        refs = by_doc[span.doc_id]
        citations = [c for c in span.also_cited if (span.doc_id, c.key) not in offered] if also else span.citations
        for key in dict.fromkeys(c.key for c in citations):
            c = next(c for c in citations if c.key == key)
            if key in refs:
                refs[key].support += 1
            else:
                refs[key] = AnswerReference(doc_id=span.doc_id, key=key, label=entry_label(c), text=c.reference)
    out: list[AnswerReference] = []
    for doc_id in doc_order:
        refs = list(by_doc[doc_id].values())
        refs.sort(key=lambda r: (-r.support, key_order(r.key)))
        out.extend(refs)
    return out
