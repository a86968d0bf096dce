"""The references block of an answer: the citations of its spans, grouped by document.

Only spans that cite count: a secondary span shown as context carries no citations
(`AnswerSettings.citation_margin`), so its studies are not offered as the answer's sources.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from qa.models import AnswerReference, Citation, Span, key_order


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


def citation_groups(text: str, start: int, citations: list[Citation]) -> list[list[Citation]]:
    """A sentence's citations in runs printed together ("[24-26]", "(Sun et al., 2010; Li 2012)"):
    a new run starts where words separate a citation from the one before."""
    groups: list[list[Citation]] = []
    last_end: int | None = None
    for c in sorted(citations, key=lambda c: (c.start, c.end)):
        gap = text[last_end - start:c.start - start] if last_end is not None else None
        if gap is not None and (c.start <= last_end or not re.search(r"[A-Za-z]{2}", gap)):
            groups[-1].append(c)
        else:
            groups.append([c])
        last_end = c.end if last_end is None else max(last_end, c.end)
    return groups


def enumerated_citations(text: str, start: int, citations: list[Citation], terms: dict[str, float],
                         tokens_of: Callable[[str], set[str]], max_item_words: int,
                         rule: str = "named", sibling_share: float = 0.0) -> list[Citation]:
    """The citations of a sentence that enumerates findings with a citation group each ("MSCs
    suppress T cell proliferation [24-26], B cell functions [25,27,28], ..."), limited to the
    groups the question is about.

    Each group owns the words since the previous group; the first group's words are the
    sentence's head. Only when an item after the head has question words no other group has (the
    question names that item: "dendritic cell maturation") is a short item (at most
    `max_item_words` words) dropped that shares question words with the others but has none of
    its own. An item with no question word, a long clause (its own statement) and the head are
    kept, so a question about the head ("which soluble factors ...") keeps the whole list.

    `rule` 'complete' first: when one item names every question word the sentence names and a
    sibling item names at least `sibling_share` of their idf weight, the items are findings of one
    kind ("T cell proliferation [24-26], ..., NK cell proliferation [29]") and only the complete
    item answers; siblings naming less (a list under its head) keep the rule above. 'strict' also
    drops short items naming no question word once another item is named."""
    groups = citation_groups(text, start, citations)
    if max_item_words <= 0 or len(groups) < 2:
        return citations
    covered, words, begin = [], [], start
    for group in groups:
        end = max(c.end for c in group)
        piece = text[begin - start:end - start]
        for c in group:  # the labels themselves are not words of the item
            piece = piece.replace(c.label, " ")
        covered.append({t for t in tokens_of(piece) if t in terms})
        words.append(len(re.findall(r"[A-Za-z]{2,}", piece)))
        begin = end
    own = [cov - set().union(*(o for j, o in enumerate(covered) if j != i)) for i, cov in enumerate(covered)]
    if rule in ("complete", "both"):
        # one item names all the question words the sentence has, and a sibling item only some
        # ("T cell proliferation [24-26], ... NK cell proliferation [29]"): that item is the answer
        every = set().union(*covered)
        complete = [bool(every) and cov == every for cov in covered]
        weight = sum(terms[t] for t in every)
        sibling = [bool(cov) and not full and sum(terms[t] for t in cov) >= sibling_share * weight
                   for cov, full in zip(covered, complete)]
        if any(complete) and any(sibling):
            return [c for group, full in zip(groups, complete) if full for c in group]
    if not any(own[1:]):  # the question is about the sentence's head, or none of its items
        return citations
    strict = rule in ("strict", "both")  # an item without a question word is dropped too
    keep = [not ((cov or strict) and not mine and n <= max_item_words)
            for cov, mine, n in zip(covered, own, words)]
    return [c for group, k in zip(groups, keep) if k for c in group]
