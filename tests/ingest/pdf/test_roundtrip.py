"""A quick round trip (the full one is bench/pdf_roundtrip.py): two seed reviews, as the text
path ingests them, typeset in layouts the reader was not tuned on, read as `qa add` reads them
and scored against the text path. The floors are a little under what the reader scores now
(bench/README.md, 'PDF round trip'), so a regression in columns, justified lines, raised
citations, hyphens, running furniture or the reference list fails here.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from roundtrip import build_pdf, score, source
from typeset import LAYOUTS
from qa.evaluation.pdf_citation_eval import ingest_text
from qa.ingest.corpus import read_corpus
from qa.ingest.pdf import read_pdf
from qa.ingest.pipeline import ingest_document
from qa.settings import PROJECT_ROOT

FLOORS = {"verbatim": 0.95, "located": 0.98, "in_order": 0.98, "cite_recall": 0.97, "cite_precision": 0.97}
CASES = [("kim2013", "two_column"), ("pmc3782548", "superscript"), ("pmc3782548", "hyphenated")]


@pytest.fixture(scope="module")
def truths() -> dict:
    docs = read_corpus(PROJECT_ROOT / "corpus").documents
    return {raw.meta.id: ingest_document(raw)[0] for raw in docs if raw.meta.id in {c[0] for c in CASES}}


@pytest.mark.parametrize("review,layout", CASES)
def test_round_trip_meets_floors(truths, tmp_path: Path, review: str, layout: str):
    truth = truths[review]
    path, gold, headings = build_pdf(source(truth), LAYOUTS[layout], tmp_path / f"{review}-{layout}.pdf")
    doc = ingest_text(review, read_pdf(path).text)
    got = score(truth, gold, headings, doc)
    low = {k: round(got[k], 3) for k, floor in FLOORS.items() if got[k] < floor}
    assert not low, (low, got["errors"])
    assert got["headings_found"] == got["headings"], got["errors"]["headings_missing"]
    if got["refs_expected"]:
        assert got["refs_exact"] >= 0.97 * got["refs_expected"], got["errors"]["refs_wrong"]
        assert got["links"] is not None and got["links"] >= 0.97


def test_typeset_sentences_are_the_text_paths(truths):
    """The harness itself: every gold sentence carries the text path's keys, and raised
    numbers replace brackets only in the superscript layout."""
    from roundtrip import article
    from typeset import render

    src = source(truths["kim2013"])
    _, plain_gold, _ = article(src, LAYOUTS["two_column"])
    _, raised_gold, _ = article(src, LAYOUTS["superscript"])
    cited = [s for s in plain_gold if s.keys]
    assert len(cited) > 50 and sum(len(s.keys) for s in cited) == sum(len(s.keys) for s in raised_gold)
    assert any("[" in render(s.words) for s in cited)
    assert not any("[" in render(s.words) and s.keys for s in raised_gold)
    assert any("¹" in render(s.words) for s in raised_gold)
