"""PDF reading from the layout, on the ten real articles: metadata, superscripts, furniture,
columns, captions, front matter. Gold values were read off the rendered PDFs by hand."""
from __future__ import annotations

import re
from collections import Counter

import pypdfium2 as pdfium
import pytest

from conftest import PDF_DIR

# file stem -> (DOI, year, title start), read from each article's first page
GOLD = {
    "10.1016_j.celrep.2021.109967": ("10.1016/j.celrep.2021.109967", 2021, "Chromatin-state barriers enforce an irreversible"),
    "10.1038_s41467-024-44806-1": ("10.1038/s41467-024-44806-1", 2024, "Evolution of optimal growth temperature in Asgard"),
    "10.1073_pnas.2322520121": ("10.1073/pnas.2322520121", 2024, "PARP1 UFMylation ensures the stability"),
    "10.1093_nar_gkae252": ("10.1093/nar/gkae252", 2024, "Mutation rate heterogeneity at the sub-gene scale"),
    "10.1101_2024.02.13.580051": ("10.1101/2024.02.13.580051", 2024, "REV1 Coordinates a Multi-Faceted Tolerance Response"),
    "10.1126_sciadv.add4623": ("10.1126/sciadv.add4623", 2023, "Peptide-guided lipid nanoparticles deliver mRNA"),
    "10.1128_jb.00479-21": ("10.1128/jb.00479-21", 2022, "CsrA-Controlled Proteins Reveal New Dimensions of Acinetobacter"),
    "10.1186_s12915-024-01840-1": ("10.1186/s12915-024-01840-1", 2024, "ADARs regulate cuticle collagen expression"),
    "10.3390_cancers14194849": ("10.3390/cancers14194849", 2022, "Intestinal Microbiota Influence Doxorubicin Responsiveness"),
    "10.7554_elife.91357.3": ("10.7554/eLife.91357", 2023, "Post-transcriptional splicing can occur in a slow-moving zone"),
}
CAPTION_START = re.compile(r"(?:Fig\.|Figure|FIG)\s?\d{1,2}\s?[.|:]?\s+[A-Z][a-z]+ [a-z]")


@pytest.mark.parametrize("stem", sorted(GOLD))
def test_metadata_doi_year_title(pdf_texts, stem):
    doi, year, title = GOLD[stem]
    got = pdf_texts[stem]
    assert got.doi == doi
    assert got.year == year
    assert got.title.startswith(title), got.title
    assert got.authors, "no authors found"
    assert got.pages == len(pdfium.PdfDocument(str(PDF_DIR / f"{stem}.pdf")))


def test_superscript_citations_are_unicode_superscripts(pdf_texts):
    """Nature Communications prints citations as superscripts (checked on the rendered page)."""
    text = pdf_texts["10.1038_s41467-024-44806-1"].text
    assert "affiliated with the class Heimdallarchaeia¹⁻⁴. Thus" in text
    assert "during translation⁵,⁶. The slow divergence" in text
    assert "universally conserved proteins³. Therefore" in text
    # the superscript was emitted as its own line by PDFium ('proteins3\r\n.'): no stray digit or break
    assert "proteins3" not in text and "proteins³ ." not in text


def test_exponents_are_superscripts_and_subscripts_plain(pdf_texts):
    assert "1 × 10⁶ 4T1-luc" in pdf_texts["10.3390_cancers14194849"].text
    assert "1.28 × 10⁹ unique" in pdf_texts["10.1126_sciadv.add4623"].text


def _raw_repeated_lines(stem: str) -> set[str]:
    """Lines PDFium's plain text shows on at least half the pages (running headers, footers,
    licence lines), digits folded, as an independent check of the layout reader."""
    pdf = pdfium.PdfDocument(str(PDF_DIR / f"{stem}.pdf"))
    pages = Counter()
    examples: dict[str, str] = {}
    for i in range(len(pdf)):
        lines = {ln.strip() for ln in pdf[i].get_textpage().get_text_range().splitlines() if len(ln.strip()) >= 20}
        keys = {re.sub(r"\d+", "#", ln): ln for ln in lines}
        pages.update(keys.keys())
        examples.update(keys)
    return {examples[k] for k, n in pages.items() if n >= max(3, len(pdf) // 2)}


@pytest.mark.parametrize("stem", sorted(GOLD))
def test_no_running_header_or_footer_in_the_body(pdf_texts, stem):
    text = pdf_texts[stem].text
    for line in _raw_repeated_lines(stem):
        assert line not in text, line
    assert "\ufffe" not in text and not re.search(r"[\x00-\x08\x0b-\x1f]", text)
    assert not re.search("[ﬀﬁﬂﬃﬄ]", text)


def test_known_furniture_is_gone(pdf_texts):
    assert "not certified by peer review" not in pdf_texts["10.1101_2024.02.13.580051"].text
    assert "FOR PEER REVIEW" not in pdf_texts["10.3390_cancers14194849"].text  # hidden draft copy
    assert "Downloaded from" not in pdf_texts["10.1128_jb.00479-21"].text
    assert "Cancers 2022, 14, 4849" not in pdf_texts["10.3390_cancers14194849"].text


def test_sentence_across_a_column_break_is_joined(pdf_texts):
    text = pdf_texts["10.1038_s41467-024-44806-1"].text
    # left column ends '... the evolution of life and', the right column goes on 'ancestral protein ...'
    assert "deepest events in the evolution of life and ancestral protein reconstruction⁵." in text
    # a page break inside a sentence (end of page 1 -> top of page 2)
    jb = pdf_texts["10.1128_jb.00479-21"].text
    assert "Hospital-acquired infections are an important health care concern and economic burden (1, 2)" in jb


@pytest.mark.parametrize("stem", sorted(GOLD))
def test_captions_are_their_own_paragraphs(pdf_texts, stem):
    text = pdf_texts[stem].text
    starts = {m.start() for m in re.finditer(r"(?:^|\n\n)", text)}
    starts = {s + (2 if text[s:s + 2] == "\n\n" else 0) for s in starts}
    for m in CAPTION_START.finditer(text):
        if text[m.start() - 1:m.start()] in "(; " and m.start() not in starts:
            continue  # a reference in running text ('(Fig. 2 Left ...') is no caption
        assert m.start() in starts, text[max(0, m.start() - 80):m.end() + 40]
    captions = [p for p in text.split("\n\n") if re.match(r"(?:Fig\.|Figure|FIG)\s?\d", p)]
    assert captions, "no figure caption kept"


def test_figure_lettering_stays_out_of_sentences(pdf_texts):
    text = pdf_texts["10.1038_s41467-024-44806-1"].text
    assert "the first cultured Asgard archaeon that grows optimally at around 20 °C²." in text


@pytest.mark.parametrize("stem", sorted(GOLD))
def test_front_matter_is_not_body_text(pdf_texts, stem):
    got = pdf_texts[stem]
    first = got.text.split("\n\n")[0]
    assert not first.startswith(got.title[:40]), first[:120]
    assert not re.search(r"\b(?:Received|Accepted)\s*:?\s*\d{1,2} \w+ 20\d\d", got.text[:3000])
    assert not re.search(r"[\w.]+@[\w-]+\.\w+", got.text[:3000]), "an e-mail address in the opening text"
    assert got.front_matter


def test_soft_hyphens_are_joined_and_compounds_kept(pdf_texts):
    text = pdf_texts["10.1038_s41467-024-44806-1"].text
    assert "(Supplementary Fig. S1)" in text  # 'Sup-' / 'plementary' at a line end
    assert "Heimdallarchaeia-Kariarchaeia-Gerdarchaeia" in text
    assert "LpxMAB-dependent acetylation" in pdf_texts["10.1128_jb.00479-21"].text


def test_glyphs_without_a_character_are_left_out_and_counted(pdf_texts):
    """Symbol-font glyphs PDFium gives no character for are no U+FFFD in the text: the ones the
    notation around them names are read ('5′ ends', '37°C', '5 × 10⁸', '10⁻¹⁰²'), the rest left
    out and counted in the read's warnings; one between an opening bracket and a number leaves a
    space, so '(×8)' never reads as citation '(8)'."""
    from qa.evaluation.pdf_citation_eval import HELD_OUT, ingest_text

    for stem, got in pdf_texts.items():
        if stem in HELD_OUT:
            continue
        assert "\ufffd" not in got.text and not any("\ufffd" in f for f in got.front_matter), stem
    jb = pdf_texts["10.1128_jb.00479-21"]
    assert any(re.search(r": 2 glyphs without a character", w) for w in jb.warnings), jb.warnings
    assert "5-mL beaker ( 8) to yield" in jb.text and "(about 5 × 10⁸ cells/mL)" in jb.text
    doc = ingest_text("jb", jb.text)
    at = doc.text.index("beaker ( 8)")
    assert not [c for c in doc.citations if at <= c.start <= at + 12]
    nar = pdf_texts["10.1093_nar_gkae252"]
    assert not any("glyphs without a character" in w for w in nar.warnings)
    assert "downstream into 5′ ends of gene bodies" in nar.text  # the prime: a code with no character
    cell = pdf_texts["10.1016_j.celrep.2021.109967"].text
    assert "overnight at 37°C" in cell and "(p < 1 × 10⁻¹⁰²)" in cell and "(~5-fold" in cell


def test_keywords_line_is_its_own_paragraph(pdf_texts):
    """A keywords line ends without a full stop; the introduction after it is not its sentence
    (two dev PDFs print the label without a colon: 'KEYWORDS Acinetobacter ...', 'Keywords Innate ...')."""
    from qa.ingest.clean.blocks import KEYWORDS

    seen = 0
    for stem, pdf in pdf_texts.items():
        for para in pdf.text.split("\n\n"):
            if KEYWORDS.match(para):
                seen += 1
                assert len(para.split()) < 60 and "\n" not in para.strip(), (stem, para[:120])
    assert seen >= 2
    assert KEYWORDS.match("Key words: Mesenchymal stem cells") and KEYWORDS.match("KEYWORDS Acinetobacter")
    assert not KEYWORDS.match("Key words in the title were counted.")


def test_keywords_end_the_abstract(pdf_texts):
    """An article whose introduction has no heading (ASM journals: ABSTRACT, IMPORTANCE,
    KEYWORDS, then the introduction's text) files that text under 'Introduction', not under
    the abstract it follows."""
    from qa.evaluation.pdf_citation_eval import ingest_text

    doc = ingest_text("jb", pdf_texts["10.1128_jb.00479-21"].text)
    at = doc.text.index("Hospital-acquired infections are an important health care concern")
    assert [s.title for s in doc.sections if s.start <= at < s.end] == ["Introduction"]
    abstract = doc.text.index("Hospital environments are excellent reservoirs")
    assert [s.title for s in doc.sections if s.start <= abstract < s.end] == ["Abstract"]


def test_author_list_keeps_accented_and_flagged_names(pdf_texts):
    """'M. Andre´s Blanco, * ... and Yang Shi *': an accent set after its letter and the marks of
    corresponding authors do not drop a name (the first and last authors were lost before)."""
    from qa.ingest.pdf.metadata import split_names

    authors = pdf_texts["10.1016_j.celrep.2021.109967"].authors
    assert authors[0] == "Blanco MA" and authors[-1] == "Shi Y" and len(authors) == 16
    assert split_names("M. Andre´s Blanco, * David B. Sykes, and Yang Shi *") == \
        ["M. Andrés Blanco", "David B. Sykes", "Yang Shi"]


def test_an_author_line_broken_into_pieces_is_read_whole(pdf_texts):
    """User trial 14: PNAS's justified author line with affiliation marks ("Yamin Gong a,b,1,
    Zhifeng Wang a,1 , Wen Zong c,1 , Ruifeng Shi ...") broke into pieces, one taken for figure
    lettering; the paper was credited to "Shi R et al." (the fourth author). The pieces are read
    row by row, left to right; the highlights box repeating Cell Reports' authors does not join."""
    authors = pdf_texts["10.1073_pnas.2322520121"].authors
    assert authors[:4] == ["Gong Y", "Wang Z", "Zong W", "Shi R"]
    assert {"Takeda S", "Xu X"} <= set(authors) and len(authors) == 10
    assert pdf_texts["10.1016_j.celrep.2021.109967"].authors[11:13] == ["Cheloufi S", "Meissner A"]


def test_a_double_acute_set_apart_joins_its_letter(pdf_texts):
    """User trial 9: 'Mikó, E.; Kovács, T.; Sebo˝, É.; ...' (Cancers 2022, ref 62) kept the
    double acute as a separate glyph, and the BibTeX export of that entry lost eight authors."""
    import re

    text = pdf_texts["10.3390_cancers14194849"].text
    assert "Sebő, É." in text
    assert not re.search("[˝˛˘˙]", text)


def test_greek_drawn_by_a_symbol_font_at_latin_codes_is_greek(pdf_texts):
    """Cell Reports and J. Bacteriology set μ, β and Δ in symbol fonts whose codes PDFium reports as
    'm', 'b' and 'D': a final concentration read "10 mg/ml" where the page shows "10 μg/ml" (a thousandfold),
    and the csrA deletion mutant "DcsrA". The drawn glyph decides: μ and β descend below the
    baseline, Δ is outlined in straight lines. Latin letters of every other font stay."""
    cell = pdf_texts["10.1016_j.celrep.2021.109967"].text
    assert "final concentration of 10 μg/ml" in cell and "500 μl" in cell
    assert "stock 10 mg/ml" in cell  # a milligram stays a milligram
    jb = pdf_texts["10.1128_jb.00479-21"].text
    assert jb.count("ΔcsrA") >= 40 and "DcsrA" not in jb
    assert "20 μg/mL tetracycline" in jb.replace("\n", " ") and "β-lactam" in jb
    from qa.ingest.pdf.glyphs import DESCENDING_GREEK, STRAIGHT_GREEK

    latin = {g: c for c, g in {**DESCENDING_GREEK, **STRAIGHT_GREEK}.items()}
    for stem, doc in pdf_texts.items():  # no Latin word turned Greek: swapped back, none is a word of its text
        words = set(re.findall(r"[A-Za-z]{3,}", doc.text))
        greek = set(re.findall(r"\w*[" + "".join(latin) + r"]\w*", doc.text))
        back = {w: "".join(latin.get(ch, ch) for ch in w) for w in greek}
        assert not [w for w, b in back.items() if len(b) >= 3 and b in words and w != b], stem


def test_signs_drawn_at_digit_codes_are_read_from_their_outline(pdf_texts):
    """User trial 11: J. Bacteriology's pi font draws − at '2', ± at '6' and ≥ at '$', Cell
    Reports' × at '3': "frozen stock (280°C)" was −80°C on the page, "24 6 2°C" 24 ± 2°C, "spectral
    counts $ 2.5" ≥ 2.5, "2.5 3 10⁵ cells" 2.5 × 10⁵. Their outlines are straight lines only, which
    no Latin digit's is; the contours say which sign."""
    jb = pdf_texts["10.1128_jb.00479-21"].text
    assert "frozen stock (−80°C)" in jb and "280°C" not in jb
    assert "(24 ± 2°C)" in jb and "30% (±2)" in jb and "spectral counts ≥ 2.5" in jb.replace("\n", " ")
    # '<' drawn at ',': "P values of ,0.05", "*, P , 0.05" (fourteenth session)
    assert "P values of <0.05" in jb.replace("\n", " ") and "P < 0.05" in jb and "P , 0.05" not in jb
    cell = pdf_texts["10.1016_j.celrep.2021.109967"].text
    assert "2.5 × 10⁵ cells" in cell and "(p = 7.04 × 10⁻⁷" in cell


def test_a_name_broken_at_a_line_end_is_joined_when_the_article_prints_it_whole(pdf_texts):
    """User trial 11 (T9): 'tdTo-' | 'mato' kept its hyphen because a capital inside the left part
    looks like a compound ('LpxMAB-dependent'); the article prints 'tdTomato' eight times and
    'tdTo-mato' never, and that decides."""
    sciadv = pdf_texts["10.1126_sciadv.add4623"].text
    assert "tdTo-mato" not in sciadv and "in vivo tdTomato distribution" in sciadv
    assert "FuncAssociate [43]" in pdf_texts["10.1186_s12915-024-01840-1"].text
    assert "LpxMAB-dependent" in pdf_texts["10.1128_jb.00479-21"].text  # a compound stays one
    # user trial 12: STAR's options broken at a line end; copied with the hyphen they fail
    assert "outFilterMultimapNmax 1" in pdf_texts["10.1186_s12915-024-01840-1"].text
    assert "outSJfilterDistToOtherSJmin" in pdf_texts["10.7554_elife.91357.3"].text


def test_run_in_methods_headings_in_small_type_and_bold_by_suffix(pdf_texts):
    """User trial 12: every J. Bacteriology Methods quote was labelled 'MATERIALS AND METHODS'. Its
    run-in headings ('Desiccation assay. Strains from ...') are set in a bold face PDFium gives no
    weight for (named 'AdvOT3b30f6db.B') and in the Methods' smaller type; a capitals section label
    is not continued by its first sub-section's heading."""
    headings = re.findall(r"^# (.*)$", pdf_texts["10.1128_jb.00479-21"].text, re.M)
    for title in ("RESULTS", "Characterization of strain AB5075 desiccation tolerance.", "MATERIALS AND METHODS",
                  "Bacterial strains and growth conditions.", "Desiccation assay.", "Label-free protein quantification."):
        assert title in headings, (title, headings)
    assert not [h for h in headings if h.startswith(("Figure", "Fig.", "Table"))]


def test_rotated_text_is_reported_by_where_it_was(pdf_texts):
    """User trial 15: '1277 rotated characters (sidebars, rotated tables) left out' did not say
    whether anything was lost. Rotated text in the margin of most pages is a download stamp or
    the journal's sidebar; elsewhere the pages are named."""
    from qa.ingest.pdf.reader import page_list

    assert page_list([3]) == "page 3" and page_list([1, 2, 3, 4, 7]) == "pages 1-4, 7"
    # a margin stamp on most pages is no part of the article: a note (`margin_pages`), not a warning
    # (user trials 18, 19: seven such warnings alarmed a clinician adding ten PDFs)
    pnas = pdf_texts["10.1073_pnas.2322520121"]
    assert pnas.margin_pages == 11 and not [w for w in pnas.warnings if "rotated" in w]
    elife = [w for w in pdf_texts["10.7554_elife.91357.3"].warnings if "rotated" in w]
    assert len(elife) == 1 and elife[0].endswith("left out, on pages 4, 6, 10, 12, 14")


def test_an_empty_file_is_empty_not_a_non_pdf(tmp_path):
    """User trial 25: an empty `.pdf` was "not a PDF (no %PDF header)"; a file with no bytes (or only
    blanks) is said to be empty, and one with other bytes still lacks the header (text is named as such:
    user trial 53)."""
    from qa.ingest.pdf.reader import PdfError, read_pdf

    for name, data, why in (("empty.pdf", b"", "empty.pdf is empty"), ("blank.pdf", b" \n", "blank.pdf is empty"),
                            ("bytes.pdf", b"\x00\x01hello", "bytes.pdf is not a PDF (no %PDF header)"),
                            ("text.pdf", b"hello", "text.pdf is not a PDF (no %PDF header; it is plain text: name it "
                                                   ".txt to add it as a text article)")):
        (tmp_path / name).write_bytes(data)
        with pytest.raises(PdfError) as caught:
            read_pdf(tmp_path / name)
        assert str(caught.value) == why
