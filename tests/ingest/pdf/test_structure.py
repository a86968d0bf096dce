"""Structure that is not running text, on the layout path (what `qa add` ingests): figure
legends are passages of their own whatever their label's print ('Figure 3.', 'Fig. 3 |',
'FIG 3', 'Fig. 3 Title'), and methods printed after the reference list (Cell Press STAR
Methods) stay body text while the list itself is found by its entries."""
from __future__ import annotations

import re

import pytest

from qa.evaluation.pdf_citation_eval import ingest_text
from qa.ingest.passages import make_passages

LABEL = re.compile(r"^(?:Figure|Fig\.|FIG)\s?\d{1,2}\b")
DEV = ["10.1016_j.celrep.2021.109967", "10.1038_s41467-024-44806-1", "10.1093_nar_gkae252",
       "10.1101_2024.02.13.580051", "10.1126_sciadv.add4623", "10.1128_jb.00479-21",
       "10.1186_s12915-024-01840-1"]


@pytest.mark.parametrize("stem", DEV)
def test_figure_legends_are_passages_of_their_own(pdf_texts, stem):
    text = pdf_texts[stem].text
    legends = [p.strip() for p in re.split(r"\n\s*\n", text) if LABEL.match(p.strip())]
    assert len(legends) >= 3, stem
    doc = ingest_text(stem, text)
    passages = make_passages(doc)
    for legend in legends:
        holding = [q for q in passages if legend[:60] in q.text]
        assert holding, legend[:60]
        assert all(q.text.startswith(legend[:60]) and LABEL.match(q.section) for q in holding), \
            (legend[:60], [(q.section, q.text[:60]) for q in holding])


def test_methods_after_the_reference_list_stay_body_text(pdf_texts):
    stem = "10.1016_j.celrep.2021.109967"  # Cell Reports: STAR Methods follow the references
    doc = ingest_text(stem, pdf_texts[stem].text)
    start, end = doc.references_span
    methods = doc.text.find("To generate ATAC-seq libraries, 50,000 cells were used")
    assert methods >= 0 and not start <= methods < end, "kept, and not as part of the list"
    assert len(doc.references) >= 70
    sections = [s.title for s in doc.sections]
    assert {"Cell culture", "ATAC-seq", "RNA-seq"} <= set(sections), sections
    assert any("50,000 cells were used" in q.text for q in make_passages(doc))
