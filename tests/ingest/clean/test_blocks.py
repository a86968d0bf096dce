"""qa.ingest.clean.blocks on the real corpus: headings found by shape, sections follow them."""
from __future__ import annotations



from qa.ingest.clean.blocks import heading_like, heading_title, make_blocks
from qa.ingest.clean.lexicon import Lexicon
from qa.ingest.clean.page_lines import drop_page_artifacts, glue_subscripts, to_lines

def section_of(c, needle: str) -> str:
    pos = c.text.index(needle)
    return next(s.title for s in c.sections if s.start <= pos < s.end)


def test_heading_shapes():
    assert heading_like("INTRODUCTION", 1) == "strong"
    assert heading_like("2. USE OF MSCS IN AUTOIMMUNE AND INFLAMMATORY DISEASES", 1) == "strong"
    assert heading_like("Immune modulation", 1) == "weak"
    assert heading_like("Prochymal was used in a randomized trial.", 1) == ""
    assert heading_like("Table 1. Characteristics of MSCs", 1) == ""
    assert heading_title("2.1 Immune modulation") == "Immune modulation"
    assert heading_title("A. Methods") == "Methods" and heading_title("BMT and GVHD") == "BMT and GVHD"


def test_blocks_keep_every_line_and_split_off_the_reference_list(raws):
    raw = raws["kim2013"]
    lines = drop_page_artifacts(glue_subscripts(to_lines(raw)))
    blocks, ref_lines = make_blocks(lines, Lexicon([raw]))
    in_blocks = [ln for b in blocks for ln in b.lines if not ln.blank]
    assert len(in_blocks) + sum(not ln.blank for ln in ref_lines) == sum(not ln.blank for ln in lines)
    assert blocks[-1].kind == "heading" and blocks[-1].text == "REFERENCES"
    assert next(ln for ln in ref_lines if not ln.blank).text.startswith("1. ")
    kinds = {b.kind for b in blocks}
    assert {"text", "heading", "table", "footnote"} <= kinds
    assert all(b.text for b in blocks if b.kind != "table")


def test_sections_detected(cleaned):
    kim, fig, pmc = cleaned["kim2013"], cleaned["figueroa2012"], cleaned["pmc3782548"]
    titles = [s.title for s in kim.sections]
    for t in ("Abstract", "INTRODUCTION", "Differentiation and regenerative potential",
              "Immune modulation", "BMT and GVHD", "Liver diseases", "CONCLUSIONS", "REFERENCES"):
        assert t in titles, t
    assert section_of(kim, "Prochymal was used in a randomized") == "BMT and GVHD"
    assert section_of(fig, "fatal GVHD (Polchert") == "Proinflammatory “licensing” of MSCs"
    assert section_of(fig, "a 9-year-old boy") == "Graft versus Host Disease (GVHD)"
    assert section_of(fig, "Systemic administration of mesenchymal") == "Figure 1"
    assert section_of(pmc, "In animal models, nestin-positive") == (
        "Effects of Ex Vivo Expanded MSCs on Hematopoietic Reconstitution after "
        "Hematopoietic Cell Transplantation")
    assert section_of(pmc, "CXCL-9 and CXCL-10 to attract") == (
        "Immunomodulatory Properties of MSCs and Treatment of Immunologic Diseases by "
        "Culture-Expanded MSCs")
    for c in cleaned.values():  # sections are ordered and disjoint
        spans = sorted((s.start, s.end) for s in c.sections)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
