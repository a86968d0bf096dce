"""A single capital before a period is an initial only when a name may follow it: an item marker
after it ('... activin A. 3) Inhibition of fibrosis: ...') starts a new sentence (user trial 52 Q14).
On the real corpus, its cleaned text and its built index."""
from __future__ import annotations

import pytest

from qa.ingest.citations import find_citations
from qa.ingest.clean.cleaner import clean
from qa.ingest.corpus import read_corpus
from qa.ingest.sentences import split_sentences
from qa.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def figueroa():
    raw = next(d.text for d in read_corpus(PROJECT_ROOT / "corpus").documents if d.meta.id == "figueroa2012")
    cleaned = clean(raw)
    return cleaned.text, find_citations(cleaned.text, skip_spans=cleaned.skip_spans)


def legend_sentences(text: str, cites) -> list[str]:
    """The sentences of the paragraph of figueroa2012's Figure 1 legend."""
    pos = text.index("Inhibition of fibrosis")
    start, end = text.rfind("\n\n", 0, pos) + 2, text.find("\n\n", pos)
    return [text[a:b] for a, b in split_sentences(text, start, end, cites)]


def test_an_item_marker_after_a_single_capital_starts_a_sentence(figueroa):
    sentences = legend_sentences(*figueroa)
    assert any(s.endswith("angiopoietin1 and activin A.") for s in sentences)
    assert any(s.startswith("3) Inhibition of fibrosis: hepatocyte growth factor (HGF)") for s in sentences)


def test_initials_before_names_years_and_volumes_stay_initials():
    """Shapes taken from the reference lists of the ten PDFs: a year in parentheses, a journal's
    volume, a parenthesised word; and an initial before a surname."""
    for text, initial in (("Nichols, J., and Smith, A. (2012). Pluripotency in the embryo.", "Smith, A."),
                          ("Exchange. EMBO J. 20, 5305-5311 (2001).", "EMBO J."),
                          ("We thank J. (David) Kim for help.", "thank J."),
                          ("As shown by J. Smith in mice.", "by J.")):
        ends = {text[:b] for _, b in split_sentences(text, 0, len(text))}
        assert not any(e.endswith(initial) for e in ends), text


def test_the_built_index_holds_the_fibrosis_item_as_its_own_answer_unit(index):
    text = index.document("figueroa2012").text
    item = text.index("3) Inhibition of fibrosis")
    starts = {s for row in index.rows_of_doc("figueroa2012") for _, s, _ in index.sentences.spans(int(row))}
    assert item in starts
