"""qa.ingest.clean.reading_order on the real corpus: out-of-order column blocks are put back."""
from __future__ import annotations



from qa.ingest.clean.blocks import make_blocks
from qa.ingest.clean.lexicon import Lexicon
from qa.ingest.clean.page_lines import drop_page_artifacts, glue_subscripts, to_lines
from qa.ingest.clean.reading_order import repair_order

def test_repair_order_is_a_permutation(raws):
    for doc_id, raw in raws.items():
        lex = Lexicon([raw])
        blocks, _ = make_blocks(drop_page_artifacts(glue_subscripts(to_lines(raw))), lex)
        ordered, continuations = repair_order(blocks, lex)
        assert sorted(map(id, ordered)) == sorted(map(id, blocks)), doc_id  # none lost or doubled
        assert continuations <= {id(b) for b in blocks if b.kind == "text"}, doc_id
        if doc_id == "pmc3782548":  # the two-column article read out of order
            assert ordered != blocks and continuations


def test_reading_order_repaired(cleaned):
    pmc = cleaned["pmc3782548"].text
    assert "such as osteoblasts, adipocytes, and chondrocytes.1,2 In addition" in pmc
    # every sentence cut by an out-of-order block is rejoined
    for joint in ("organs or tissues including adipose tissues", "T-cell-specific chemokines CXCL-9",
                  "both hematopoietic and mesenchymal progenitor cells",
                  "HSCT, BM-derived MSCs from a long-term survivor",
                  "could be a novel therapeutic approach"):
        assert joint in pmc, joint
    # the abstract that interrupted the first sentence follows that paragraph
    first = pmc.index("in situ infusions.")
    abstract = pmc.index("have been extensively used as a transplantable cell source")
    assert first < abstract < pmc.index("Biological Characteristics of Human")


def test_page_break_paragraphs_rejoined(cleaned):
    kim = cleaned["kim2013"].text
    assert "growing interest in MSCs has led to questioning the equivalence" in kim
    assert "make them attractive therapeutic agents" in kim
