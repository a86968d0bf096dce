"""Cut a cleaned Document into retrievable passages.

Text passages are a few whole sentences (about `min_words`..`max_words` words) inside one
section, so a citation always travels with the sentence it supports. Paragraph ends are
the preferred cut points; short paragraphs of a section are merged. Each rendered table
row is its own passage (its text names the table and the columns); a table rendered as a
single block is one 'table' passage. Skip spans (reference list, abbreviation lists,
keywords, acknowledgments) never become passages.
"""
from __future__ import annotations

import hashlib
from bisect import bisect_left
import re

from qa.models import Citation, Document, Passage, PassageKind
from qa.ingest.sentences import split_sentences


def passage_id(doc_id: str, start: int, end: int, text: str) -> str:
    """Stable content hash: the same document text always yields the same ids."""
    return hashlib.sha1(f"{doc_id}\x00{start}\x00{end}\x00{text}".encode()).hexdigest()[:16]


def word_count(text: str) -> int:
    return len(text.split())


def _overlaps(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < b and a < e for s, e in spans)


class _ByPosition:
    """A document's citations found by offset in O(log n): scanning all of them for every
    passage and paragraph made long texts quadratic. Results keep the document's order."""

    def __init__(self, citations: list[Citation]) -> None:
        self.citations = citations
        self.order = sorted(range(len(citations)), key=lambda i: citations[i].start)
        self.starts = [citations[i].start for i in self.order]
        self.longest = max((c.end - c.start for c in citations), default=0)

    def _near(self, lo: int, hi: int) -> list[Citation]:
        a, b = bisect_left(self.starts, lo), bisect_left(self.starts, hi)
        return [self.citations[i] for i in sorted(self.order[a:b])]

    def within(self, start: int, end: int) -> list[Citation]:
        return [c for c in self._near(start, end) if start <= c.start and c.end <= end]

    def overlapping(self, start: int, end: int) -> list[Citation]:
        return [c for c in self._near(start - self.longest, end) if c.end > start and c.start < end]


def _make(doc: Document, start: int, end: int, section: str, kind: PassageKind,
          by_position: _ByPosition | None = None) -> Passage:
    text = doc.text[start:end]
    cites: list[Citation] = (by_position.within(start, end) if by_position is not None
                             else [c for c in doc.citations if start <= c.start and c.end <= end])
    return Passage(id=passage_id(doc.id, start, end, text), doc_id=doc.id, section=section,
                   kind=kind, text=text, start=start, end=end, citations=cites)


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, pos = [], start
    for m in re.finditer(r"\n\s*\n", text[start:end]):
        spans.append((pos, start + m.start()))
        pos = start + m.end()
    spans.append((pos, end))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _group(sentences: list[tuple[int, int, bool]], text: str, min_words: int,
           max_words: int) -> list[tuple[int, int]]:
    """Greedy grouping of (start, end, ends_paragraph) sentences into passage spans."""
    groups: list[list[tuple[int, int, bool]]] = []
    current: list[tuple[int, int, bool]] = []
    words = 0
    for sent in sentences:
        n = word_count(text[sent[0]:sent[1]])
        if current and words + n > max_words:
            groups.append(current)
            current, words = [], 0
        current.append(sent)
        words += n
        if sent[2] and words >= min_words:
            groups.append(current)
            current, words = [], 0
    if current:
        def words_of(g: list[tuple[int, int, bool]]) -> int:
            return sum(word_count(text[a:b]) for a, b, _ in g)

        if groups and words_of(current) < min_words:
            prev = groups[-1]
            if words_of(prev) + words_of(current) <= max_words:
                prev.extend(current)
                current = []
            else:  # too big to merge: hand the previous passage's last sentences over
                while (words_of(current) < min_words and len(prev) > 1
                       and words_of(prev[:-1]) >= min_words):
                    current.insert(0, prev.pop())
        if current:
            groups.append(current)
    return [(g[0][0], g[-1][1]) for g in groups]


def make_passages(doc: Document, min_words: int = 40, max_words: int = 200) -> list[Passage]:
    """Sentence-aware passages of every section, plus one passage per table row."""
    skip = list(doc.skip_spans)
    table_spans = [(t.start, t.end) for t in doc.tables]
    by_position = _ByPosition(doc.citations)
    passages: list[Passage] = []
    for table in doc.tables:
        if _overlaps(table.start, table.end, skip):
            continue
        if len(table.rows) > 1:
            for a, b in table.rows:
                passages.append(_make(doc, a, b, table.caption, "table_row", by_position))
        else:
            passages.append(_make(doc, table.start, table.end, table.caption, "table", by_position))
    for section in doc.sections:
        if _overlaps(section.start, section.end, table_spans):
            continue
        runs: list[list[tuple[int, int, bool]]] = [[]]
        for a, b in _paragraphs(doc.text, section.start, section.end):
            if _overlaps(a, b, skip):
                runs.append([])  # a skipped block breaks the run
                continue
            sentences = split_sentences(doc.text, a, b, by_position.overlapping(a, b))
            for k, (s, e) in enumerate(sentences):
                runs[-1].append((s, e, k == len(sentences) - 1))
        for run in runs:
            for a, b in _group(run, doc.text, min_words, max_words):
                passages.append(_make(doc, a, b, section.title, "text", by_position))
    passages.sort(key=lambda p: p.start)
    return passages
