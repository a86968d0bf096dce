"""Passages of the real corpus: exact slices, inside one section, sentence- and citation-safe."""
from __future__ import annotations

import re

import pytest

from qa.settings import PROJECT_ROOT
from qa.ingest.citations import detect_style, find_citations
from qa.ingest.clean.cleaner import clean
from qa.ingest.corpus import read_corpus
from qa.models import Document
from qa.ingest.passages import make_passages
from qa.ingest.sentences import split_sentences

CORPUS = PROJECT_ROOT / "corpus"


def build_documents() -> list[Document]:
    raws = read_corpus(CORPUS).documents
    docs = []
    for raw in raws:
        c = clean(raw.text)
        style = detect_style(c.text, c.skip_spans)
        docs.append(Document(
            meta=raw.meta, sha256=raw.sha256, text=c.text, raw_map=c.raw_map, citation_style=style,
            sections=c.sections, tables=c.tables, references_span=c.references_span,
            skip_spans=c.skip_spans, citations=find_citations(c.text, style, c.skip_spans)))
    return docs


@pytest.fixture(scope="module")
def built():
    docs = build_documents()
    return [(d, make_passages(d, 40, 200)) for d in docs]


def test_passage_text_is_an_exact_slice_inside_one_section(built):
    for doc, passages in built:
        assert passages
        for p in passages:
            assert p.text == doc.text[p.start:p.end] and p.doc_id == doc.id
            section = [s for s in doc.sections if s.start <= p.start and p.end <= s.end]
            assert section and section[0].title == p.section, (doc.id, p.text[:60])
            assert not any(a < p.end and p.start < b for a, b in doc.skip_spans), p.text[:60]


def test_passages_do_not_overlap_and_ids_are_unique(built):
    for doc, passages in built:
        spans = sorted((p.start, p.end) for p in passages)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
        assert len({p.id for p in passages}) == len(passages)


def test_ids_are_stable_across_runs(built):
    again = [(d, make_passages(d, 40, 200)) for d in build_documents()]
    assert [[p.id for p in ps] for _, ps in built] == [[p.id for p in ps] for _, ps in again]


def test_word_limits_and_whole_sentences(built):
    for doc, passages in built:
        for p in passages:
            if p.kind != "text":
                continue
            sentences = split_sentences(doc.text, p.start, p.end, doc.citations)
            assert doc.text[sentences[0][0]:sentences[-1][1]] == p.text  # starts and ends on sentences
            words = len(p.text.split())
            assert words <= 200 or len(sentences) == 1, (doc.id, words)
        # A passage under min_words is unavoidable: its section (run) is that short, or a
        # neighbour in the same section could not take it without passing max_words.
        for i, p in enumerate(passages):
            if p.kind != "text" or len(p.text.split()) >= 40:
                continue
            for q in (passages[i - 1] if i else None, passages[i + 1] if i + 1 < len(passages) else None):
                if q is None or q.kind != "text" or q.section != p.section:
                    continue
                gap = (min(p.end, q.end), max(p.start, q.start))
                if any(a < gap[1] and gap[0] < b for a, b in doc.skip_spans):
                    continue
                assert len(q.text.split()) + len(p.text.split()) > 200, (doc.id, p.text[:60])


def test_citations_travel_with_their_passage(built):
    for doc, passages in built:
        for p in passages:
            assert p.citations == [c for c in doc.citations if p.start <= c.start and c.end <= p.end]
        covered = {(c.start, c.key) for p in passages for c in p.citations}
        lost = [c for c in doc.citations if (c.start, c.key) not in covered]
        assert not lost, (doc.id, [c.label for c in lost[:5]])


def test_table_rows_are_passages(built):
    kim, passages = next((d, ps) for d, ps in built if d.id == "kim2013")
    rows = [p for p in passages if p.kind == "table_row"]
    assert len(rows) == 45
    assert {p.section for p in rows} == {"Table 2. Clinical trials of mesenchymal stem cell therapy"}
    yang = next(p for p in rows if "Yang et al. [104]" in p.text)
    assert [c.key for c in yang.citations] == ["104"]
    table1 = [p for p in passages if p.kind == "table"]
    assert len(table1) == 1 and "Differentiation potential: Osteogenic" in table1[0].text


def test_no_artifacts_in_passages(built):
    bad = re.compile(r"\b(?:eff|infl|signifi|benef|diff|fi|fl)\s[a-z]|Korean Journal of Internal "
                     r"Medicine|www\.kjim\.org|^\d{1,4}$", re.M)
    for doc, passages in built:
        for p in passages:
            assert not bad.search(p.text), (doc.id, p.text[:80])


def test_first_sentence_of_pmc_is_whole_in_one_passage(built):
    pmc, passages = next((d, ps) for d, ps in built if d.id == "pmc3782548")
    first = next(p for p in passages if "such as osteoblasts" in p.text)
    assert "mesenchymal lineage cells of mesoderm such as osteoblasts, adipocytes, and chondrocytes.1,2" in first.text
    assert first.section == "Introduction"
    assert {c.key for c in first.citations} >= {"1", "2"}
