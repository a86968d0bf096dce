"""Ingestion of the real corpus: references, citations, table rows, clean passages, CLI output."""
from __future__ import annotations

import collections
import json
import re
from pathlib import Path

import pytest

from conftest import CORPUS, run_qa, run_qa_once

NUMBERED_REFS = "kim2013"
AUTHOR_YEAR = "figueroa2012"
SUPERSCRIPT = "pmc3782548"


def raw_text(corpus, doc_id: str) -> str:
    return (CORPUS / corpus.document(doc_id).meta.file).read_text(encoding="utf-8")


def passages_of(corpus, doc_id: str):
    return [p for p in corpus.passages if p.doc_id == doc_id]


def sentence_around(text: str, pos: int) -> str:
    """The sentence of `text` holding offset `pos` (a rough split, enough to find context)."""
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    end = text.find(". ", pos)
    return text[start: end if end >= 0 else len(text)]


# --- references and numbered citations ---------------------------------------------------------


def test_reference_list_numbered_1_to_154_and_every_entry_cited(corpus):
    doc = corpus.document(NUMBERED_REFS)
    assert [r.number for r in doc.references] == list(range(1, 155))
    assert [r.key for r in doc.references] == [str(n) for n in range(1, 155)]
    assert all(r.doc_id == NUMBERED_REFS and r.text.strip() for r in doc.references)
    cited = {c.key for p in passages_of(corpus, NUMBERED_REFS) for c in p.citations}
    uncited = sorted(set(map(str, range(1, 155))) - cited, key=int)
    assert not uncited, f"references cited by no passage: {uncited}"


def test_refractory_sle_sentence_links_116_to_liang_2010(corpus):
    doc = corpus.document(NUMBERED_REFS)
    matches = [c for c in doc.citations if c.label == "[116]"
               and "refractory SLE" in sentence_around(doc.text, c.start)
               and "allogeneic MSC transplantation" in sentence_around(doc.text, c.start)]
    assert len(matches) == 1, [sentence_around(doc.text, c.start) for c in doc.citations if c.key == "116"]
    cite = matches[0]
    assert cite.key == "116" and doc.text[cite.start:cite.end] == "[116]"
    for part in ("Liang J", "Ann Rheum Dis", "2010"):
        assert part in cite.reference, (part, cite.reference)
    # the passage holding that sentence carries the same resolved citation
    holder = [p for p in passages_of(corpus, NUMBERED_REFS) if p.start <= cite.start < p.end]
    assert len(holder) == 1
    assert any(c.key == "116" and c.start == cite.start and "Liang J" in (c.reference or "")
               for c in holder[0].citations)


def test_citations_resolve_to_the_entry_with_their_number(corpus):
    doc = corpus.document(NUMBERED_REFS)
    entries = {r.key: r.text for r in doc.references}
    assert doc.citations
    for c in doc.citations:
        assert c.key in entries, c
        assert c.reference == entries[c.key]


# --- author-year and superscript citations -----------------------------------------------------


def test_author_year_sun_2010_is_keyed_sun_2010(corpus):
    doc = corpus.document(AUTHOR_YEAR)
    assert doc.citation_style == "author_year"
    at = doc.text.index("(Sun et al., 2010)")
    inside = [c for c in doc.citations if at <= c.start < at + len("(Sun et al., 2010)")]
    assert [c.key for c in inside] == ["Sun 2010"]
    assert {c.key for c in doc.citations} >= {"Sun 2009", "Sun 2010", "Liang 2010", "Carrion 2010"}
    assert not doc.references and all(c.reference is None for c in doc.citations)


def test_superscript_after_nitric_oxide_is_reference_25(corpus):
    doc = corpus.document(SUPERSCRIPT)
    assert doc.citation_style == "superscript"
    at = doc.text.index("nitric oxide,25")
    glued = [c for c in doc.citations if c.start == at + len("nitric oxide,")]
    assert [(c.key, c.label) for c in glued] == [("25", "25")]


def test_superscripts_never_take_marker_exponent_or_interleukin_digits(corpus):
    doc = corpus.document(SUPERSCRIPT)
    text = doc.text
    # the traps are really there ...
    assert re.search(r"\bCD\d+", text) and re.search(r"\bIL-\d", text) and "× 10" in text
    # ... and none of them became a citation
    keys = {int(c.key) for c in doc.citations}
    assert keys and min(keys) >= 1 and max(keys) <= 72, sorted(keys)
    for c in doc.citations:
        before = text[max(0, c.start - 6):c.start]
        assert not re.search(r"(CD|IL-|×\s?10?|\d)$", before), (before, c.label)


def test_every_citation_label_is_the_text_at_its_offsets(corpus):
    for doc in corpus.documents:
        for c in doc.citations:
            assert doc.text[c.start:c.end] == c.label, (doc.id, c)


# --- clean passages ----------------------------------------------------------------------------


def test_passage_text_is_the_document_slice(corpus):
    assert {p.doc_id for p in corpus.passages} == {d.id for d in corpus.documents}
    texts = {d.id: d.text for d in corpus.documents}
    for p in corpus.passages:
        assert p.text == texts[p.doc_id][p.start:p.end], p.id
        for c in p.citations:
            assert p.start <= c.start < c.end <= p.end, (p.id, c)


LIGATURE_PAIR = re.compile(r"\b([A-Za-z]*f[fil]?) ([a-z]+)\b")


def ligature_splits(text: str, vocabulary: collections.Counter) -> list[str]:
    """Word pairs such as 'eff ects' whose join is a word the corpus uses whole."""
    return [m.group(0) for m in LIGATURE_PAIR.finditer(text)
            if vocabulary[(m.group(1) + m.group(2)).lower()] > 0]


def test_no_ligature_split_in_any_passage(corpus):
    vocabulary = collections.Counter(
        w.lower() for d in corpus.documents for w in re.findall(r"[A-Za-z]+", d.text))
    raw_splits = [s for d in corpus.documents for s in ligature_splits(raw_text(corpus, d.id), vocabulary)]
    assert len(raw_splits) >= 10  # the check sees the splits the raw text has
    for p in corpus.passages:
        assert not ligature_splits(p.text, vocabulary), (p.id, ligature_splits(p.text, vocabulary))


def test_no_running_header_or_page_number_in_any_passage(corpus):
    for doc in corpus.documents:
        lines = [line.strip() for line in raw_text(corpus, doc.id).splitlines()]
        counts = collections.Counter(line for line in lines if len(line) >= 12)
        headers = [line for line, n in counts.items() if n >= 3]  # running headers / footers
        page_numbers = {line for line in lines if re.fullmatch(r"\d{1,4}", line)}
        for p in passages_of(corpus, doc.id):
            for header in headers:
                assert header not in p.text, (doc.id, header, p.id)
            assert not re.search(r"(?m)^\s*\d{1,4}\s*$", p.text), p.id
            for number in page_numbers:  # a page number dropped between two words
                assert not re.search(rf"[a-z,] {number} [a-z]", p.text), (doc.id, number, p.id)
    kim = raw_text(corpus, NUMBERED_REFS)
    assert sum(1 for line in kim.splitlines() if line.startswith("www.kjim.org")) >= 3


TABLE_COLUMNS = ("Reference:", "Disease:", "Phase:", "No. of patients:", "MSC source:", "Route:",
                 "Outcome:")


def test_table_2_rows_are_passages_with_column_names(corpus):
    raw = raw_text(corpus, NUMBERED_REFS)
    start = raw.index("Table 2. Clinical trials")
    footnote = re.search(r"(?m)^(?:[A-Za-z]+, [a-z][^;\n]*; ){3}", raw[start:])
    printed = re.findall(r"\[(\d+)\]", raw[start:start + footnote.start()])
    assert len(printed) == 45
    rows = [p for p in passages_of(corpus, NUMBERED_REFS) if p.kind == "table_row"]
    assert len(rows) == 45
    for p in rows:
        positions = [p.text.find(col) for col in TABLE_COLUMNS]
        assert all(i >= 0 for i in positions) and positions == sorted(positions), p.text
        assert p.text.startswith("Table 2") and p.section.startswith("Table 2")
        assert len(p.citations) == 1 and p.citations[0].reference, p.text
    assert sorted(p.citations[0].key for p in rows) == sorted(printed)
    yang = [p for p in rows if "Yang et al. [104]" in p.text]
    assert len(yang) == 1
    assert "No. of patients: 16;" in yang[0].text and "Route: Intracoronary;" in yang[0].text


# --- the CLI views -----------------------------------------------------------------------------


@pytest.mark.slow
def test_qa_passages_json_fields(corpus):
    result = run_qa_once("passages", "--json")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(rows) == len(corpus.passages)
    assert {r["doc_id"] for r in rows} == {d.id for d in corpus.documents}
    texts = {d.id: d.text for d in corpus.documents}
    for r in rows:
        assert {"id", "doc_id", "section", "text", "start", "end", "citations"} <= set(r)
        assert r["text"] == texts[r["doc_id"]][r["start"]:r["end"]]
        for c in r["citations"]:
            assert {"key", "label", "start", "end", "reference"} <= set(c)
    resolved = [c for r in rows if r["doc_id"] == NUMBERED_REFS for c in r["citations"]]
    assert resolved and all(c["reference"] for c in resolved)


@pytest.mark.slow
def test_qa_passages_doc_filter():
    result = run_qa("passages", "--json", "--doc", AUTHOR_YEAR)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert rows and {r["doc_id"] for r in rows} == {AUTHOR_YEAR}


@pytest.mark.slow
def test_qa_refs_json_gives_154_entries():
    result = run_qa_once("refs", NUMBERED_REFS, "--json")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 154
    refs = [json.loads(line) for line in lines]
    assert [r["key"] for r in refs] == [str(n) for n in range(1, 155)]
    liang = refs[115]
    assert liang["text"].startswith("Liang J") and "Ann Rheum Dis" in liang["text"]


@pytest.mark.slow
def test_qa_refs_without_a_list_says_so_on_stderr():
    result = run_qa("refs", AUTHOR_YEAR)
    assert result.returncode == 0 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "no reference list" in result.stderr


@pytest.mark.slow
def test_qa_refs_unknown_document_is_one_line():
    result = run_qa("refs", "nosuchdoc")
    assert result.returncode != 0 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "unknown document" in result.stderr


def test_ingest_corpus_on_a_folder_argument(corpus_copy: Path, settings):
    from qa.ingest.pipeline import ingest_corpus

    copy = ingest_corpus(settings, corpus_dir=corpus_copy)
    assert [d.id for d in copy.documents] == [NUMBERED_REFS, AUTHOR_YEAR, SUPERSCRIPT]
    assert not copy.warnings
