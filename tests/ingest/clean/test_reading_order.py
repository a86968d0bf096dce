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


def _heading_order(text: str) -> list[str]:
    from qa.ingest.clean.blocks import heading_title

    return [heading_title(line[2:].strip()) for line in text.split("\n") if line.startswith("# ")]


def test_layout_text_keeps_its_order(pdf_texts):
    """Text from the layout reader is already in reading order: the cleaner never moves a block
    out of its section. Every text section of the cleaned article follows the layout text's own
    headings in their order (before the fix, results paragraphs of two of the ten articles ended
    up under back-matter headings such as 'Publisher's Note')."""
    from qa.ingest.clean.cleaner import clean, in_reading_order

    for stem, pdf in pdf_texts.items():
        lines = to_lines(pdf.text)
        assert in_reading_order(lines), stem  # the layout reader's '# ' headings are recognised
        headings = _heading_order(pdf.text)
        cleaned = clean(pdf.text)
        refs = cleaned.references_span  # the reference list is written last by design
        titles = [s.title for s in cleaned.sections if s.title in headings
                  and not (refs and s.start >= refs[0] and s.end <= refs[1])]
        pos = 0
        for title in titles:  # a subsequence of the layout's headings, in their order
            if headings[pos] != title:
                assert title in headings[pos + 1:], (stem, title, "after", headings[pos])
                pos = headings.index(title, pos + 1)
        # and the raw text each cleaned paragraph came from moves forward, never back
        anchors = [r for _, r in cleaned.raw_map]
        backward = sum(b < a for a, b in zip(anchors, anchors[1:]))
        assert backward <= 0.02 * len(anchors), (stem, backward)


def test_plain_text_is_repaired_and_layout_text_is_not():
    """The same blocks: as plain text, a far lowercase continuation is pulled up to the cut
    sentence; marked as layout text (or with reading_order='layout'), nothing moves."""
    from qa.ingest.clean.cleaner import clean

    body = ("Results\n\nThe cells were grown in serum for three days and then the medium was changed to\n\n"
            "A second experiment used the same cells with a different stimulus and gave the same result.\n\n"
            "a serum-free medium containing growth factors for a further week.")
    repaired = clean(body).text
    assert repaired.index("serum-free medium") < repaired.index("A second experiment")
    kept = clean(body, reading_order="layout").text
    assert kept.index("A second experiment") < kept.index("serum-free medium")
    marked = "# Results\n\n" + body.split("\n\n", 1)[1] + "\n\n# Discussion\n\nIt works."
    assert clean(marked).text.index("A second experiment") < clean(marked).text.index("serum-free medium")
