"""qa.ingest.clean.blocks on the real corpus: headings found by shape, sections follow them."""
from __future__ import annotations



from qa.ingest.clean.blocks import heading_like, heading_title, make_blocks
from qa.ingest.clean.lexicon import Lexicon
from qa.ingest.clean.page_lines import Line, drop_page_artifacts, glue_subscripts, to_lines
from qa.ingest.clean.reflist import find_reference_list

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


def test_blocks_keep_every_line_and_the_reference_list_is_found_apart(raws):
    raw = raws["kim2013"]
    lines = drop_page_artifacts(glue_subscripts(to_lines(raw)))
    found = find_reference_list(lines)
    assert found.heading == "REFERENCES" and len(found.entries) == 154
    assert found.entries[0][0].text.startswith("Kim EJ") and found.numbers[:3] == [1, 2, 3]
    body = [Line("", ln.raw, False) if i in found.taken else ln for i, ln in enumerate(lines)]
    blocks, rest = make_blocks(body, Lexicon([raw]))
    assert rest == []
    in_blocks = [ln for b in blocks for ln in b.lines if not ln.blank]
    assert len(in_blocks) + len(found.taken) == sum(not ln.blank for ln in lines)
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
