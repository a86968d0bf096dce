"""The reference list is found by its own evidence (a run of entries), wherever it sits."""
from __future__ import annotations

import pytest

from qa.ingest.clean.cleaner import clean
from qa.ingest.references import parse_references

BODY = ("INTRODUCTION\n\nCells divide (1). Others disagree (2, 3). More work followed (4–6).\n\n")
NUMBERED = (
    "References\n"
    "1. Abraham RT. Cell cycle checkpoint signaling. Genes Dev. 2001;15:2177-96.\n"
    "2. Ahmed S, Li K. Natural products targeting ATR. Biomed Pharmacother.\n"
    "2022;155:113797.\n"
    "3. Magdalou I, Lopez BS. The causes of replication stress. Semin Cell Dev Biol.\n"
    "2014;30:154-64.\n"
    "4. Rudolph J, Luger K. PARP1 searches DNA. eLife. 2018;7:e37818.\n"
    "5. Hanzlikova H, Caldecott KW. Perspectives on PARPs. Trends Genet. 2019;35:412-22.\n"
    "6. Cong K, Cantor SB. Exploiting replication gaps. Mol Cell. 2022;82:2363-9.\n"
)
METHODS = ("\nMATERIALS AND METHODS\n\nCell culture. HeLa cells were grown in DMEM with 10% serum "
           "for 3 days before treatment.\n")


def entries(c) -> list[str]:
    start, end = c.references_span
    return c.text[start:end].split("\n")


def test_numbered_list_with_methods_after_it() -> None:
    c = clean(BODY + NUMBERED + METHODS)
    assert [e.split(".")[0] for e in entries(c)] == ["1", "2", "3", "4", "5", "6"]
    assert entries(c)[1] == "2. Ahmed S, Li K. Natural products targeting ATR. Biomed Pharmacother. 2022;155:113797."
    assert "HeLa cells were grown" in c.text and not any("HeLa" in e for e in entries(c))
    methods = c.text.index("HeLa cells")
    assert not any(a <= methods < b for a, b in c.skip_spans)  # methods stay body text


def test_number_forms_without_a_heading() -> None:
    brackets = "\n".join(f"[{k}] Smith{chr(64 + k)} J. Title number {k}. J Biol. 20{10 + k};{k}:1-9."
                         for k in range(1, 7))
    bare = "\n".join(f"{k} Smith{chr(64 + k)} J. Title number {k}. J Biol. 20{10 + k};{k}:1-9."
                     for k in range(1, 7))
    apart = "\n".join(f"{k}\nSmith{chr(64 + k)} J. Title number {k}. J Biol. 20{10 + k};{k}:1-9."
                      for k in range(1, 7))
    for listing in (brackets, bare, apart):
        c = clean(BODY + listing + "\n")
        refs = parse_references(c.text, c.references_span, "d", one_per_line=True)
        assert [r.number for r in refs] == [1, 2, 3, 4, 5, 6], listing[:40]
        assert refs[2].authors == ["SmithC J"] and refs[2].year == 2013


def test_a_figure_between_two_entries_does_not_end_the_list() -> None:
    figure = "LOCAL\nGLOBAL\n5’\n3’\n1. Cell cycle arrest\n2. Replication fork restart\n" * 3
    listing = NUMBERED.replace("4. Rudolph", figure + "4. Rudolph")
    c = clean(BODY + listing)
    assert [e.split(".")[0] for e in entries(c)] == ["1", "2", "3", "4", "5", "6"]


def test_alphabetical_author_year_list() -> None:
    listing = (
        "REFERENCES\n"
        "Babicki, S., Arndt, D., Marcu, A., Liang, Y., Grant, J.R., Maciejewski, A., and\n"
        "Wishart, D.S. (2016). Heatmapper: web-enabled heat mapping for all. Nucleic\n"
        "Acids Res. 44, W147-53.\n"
        "Becker, P.B., and Workman, J.L. (2013). Nucleosome remodeling and epigenetics.\n"
        "Cold Spring Harb. Perspect. Biol. 5, a017905.\n"
        "Carrillo Oesterreich F, Preibisch S, Neugebauer KM. 2010. Global analysis of nascent RNA.\n"
        "Molecular Cell 40:571–581.\n"
        "de la Mata M, Lafaille C, Kornblihtt AR. 2010. First come, first served revisited. RNA 16:904–914.\n"
        "Soufi, A., Donahue, G., and Zaret, K.S. (2012a). Facilitators and impediments. Cell 151, 994–1004.\n"
        "Soufi, A., Garcia, M.F., Jaroszewicz, A., Osman, N., Pellegrini, M., and Zaret, K.S. (2015).\n"
        "Pioneer transcription factors target partial DNA motifs. Cell 161, 555–568.\n"
    )
    text = ("Body (Babicki et al., 2016; Becker and Workman, 2013). Pausing (Carrillo Oesterreich et al., "
            "2010; de la Mata et al., 2010) and pioneers (Soufi et al., 2012a, 2015).\n\n")
    c = clean(text + listing)
    refs = parse_references(c.text, c.references_span, "d", one_per_line=True)
    assert [r.key for r in refs] == ["Babicki 2016", "Becker 2013", "Carrillo Oesterreich 2010",
                                     "de la Mata 2010", "Soufi 2012a", "Soufi 2015"]
    assert refs[0].title == "Heatmapper: web-enabled heat mapping for all"
    assert refs[0].journal.startswith("Nucleic Acids Res") and refs[0].volume == "44"


def test_running_headers_inside_the_list_are_dropped() -> None:
    header = "Journal of Examples 37, 109967, 2021 {}\nArticle\nOPEN ACCESS\n"
    lines = NUMBERED.split("\n")
    with_headers = "\n".join(lines[:3] + [header.format(3)] + lines[3:6] + [header.format(4)] + lines[6:]
                             ) + header.format(5)
    c = clean(BODY + with_headers)
    assert not any("OPEN ACCESS" in e or "Journal of Examples" in e for e in entries(c))
    assert len(entries(c)) == 6


def test_no_list_without_entries() -> None:
    c = clean(BODY + "References\n\nNone were cited here, this sentence is body text.\n")
    assert c.references_span is None


# PNAS-style entries; the reading order put the Methods section (and the end matter) between
# entries 3 and 4, as the layout reader does when the list starts in the column beside it.
PNAS_ENTRIES = [
    "1. R. T. Abraham, Cell cycle checkpoint signaling through the ATM and ATR kinases. Genes Dev. 15, 2177–2196 (2001).",
    "2. S. Ahmed et al., Natural products targeting the ATR-CHK1 signaling pathway. Biomed. Pharmacother. 155, 113797 (2022).",
    "3. H. Hanzlikova et al., The importance of PARP as a sensor of Okazaki fragments. Mol. Cell 71, 319–331.e3 (2018).",
    "4. J. Rudolph, J. Mahadevan, P. Dyer, K. Luger, PARP1 searches DNA via a monkey bar mechanism. Elife 7, e37818 (2018).",
    "5. R. Gupte, Z. Liu, W. L. Kraus, PARPs and ADP-ribosylation: Recent advances. Genes. Dev. 31, 101–126 (2017).",
    "6. A. A. Demin et al., XRCC1 prevents toxic PARP1 trapping during DNA base excision repair. Mol. Cell 81, 3018–3030.e5 (2021).",
]
SECTION = ("In the present study, iPOND was used for isolation of proteins on the replication fork, DNA "
           "fiber analysis was employed to determine DNA replication and replication fork status, and "
           "mitotic spread analysis was used to determine chromosome stability in the knock-in mice.\n\n"
           "ACKNOWLEDGMENTS. This work was supported by the National Key R&D Program of China "
           "(2022YFA0803000) and the National Natural Science Foundation of China (32090031).")


def _section_between_entries(heading: str) -> str:
    return ("# Introduction\n\nCells divide (1). Others disagree (2, 3). More work followed (4–6).\n\n"
            + "\n\n".join(PNAS_ENTRIES[:3]) + f"\n\n{heading}\n\n{SECTION}\n\n" + "\n\n".join(PNAS_ENTRIES[3:]) + "\n")


def test_a_marked_heading_ends_the_entry_and_its_section_stays_body_text() -> None:
    c = clean(_section_between_entries("# Materials and Methods"))
    assert entries(c) == PNAS_ENTRIES  # entry 3 ends where it closes, 4-6 still follow it
    methods = c.text.index("iPOND was used")
    assert not any(a <= methods < b for a, b in c.skip_spans)
    assert any(s.title == "Materials and Methods" and s.start <= methods < s.end for s in c.sections)


def test_an_entry_many_times_longer_than_the_others_is_cut_where_it_closes() -> None:
    """No heading mark (plain text): the entry that ran on into the section is far longer than
    the list's other entries, so it ends at its first closing line."""
    c = clean(_section_between_entries("Materials and Methods"))
    assert entries(c) == PNAS_ENTRIES
    refs = parse_references(c.text, c.references_span, "d", one_per_line=True)
    assert [(r.number, r.year) for r in refs][2] == (3, 2018)
    assert "iPOND was used" in c.text and not any("iPOND" in e for e in entries(c))


def test_a_marked_heading_inside_an_alphabetical_list_is_no_entrys_text() -> None:
    listing = [
        "Abbott, A., and Berg, B. (2011). First study of stromal cells. Cell 1, 1–9.",
        "Baker, C., and Dunn, D. (2012). Second study of stromal cells. Cell 2, 10–19.",
        "Carter, E., and Evans, F. (2013). Third study of stromal cells. Cell 3, 20–29.",
        "Dawson, G., and Fox, H. (2014). Fourth study of stromal cells. Cell 4, 30–39.",
        "Ellis, I., and Gray, J. (2015). Fifth study of stromal cells. Cell 5, 40–49.",
        "Foster, K., and Hill, L. (2016). Sixth study of stromal cells. Cell 6, 50–59.",
    ]
    text = ("# Introduction\n\nCells divide (Abbott and Berg, 2011; Baker and Dunn, 2012).\n\n# References\n\n"
            + "\n\n".join(listing[:3]) + "\n\n# STAR Methods\n\nMice were housed in groups of four "
            "and fed a standard diet for 12 weeks before the cells were injected.\n\n"
            + "\n\n".join(listing[3:]) + "\n")
    c = clean(text)
    assert entries(c) == listing
    methods = c.text.index("Mice were housed")
    assert not any(a <= methods < b for a, b in c.skip_spans)


@pytest.mark.parametrize("line,starts", [
    ("Keating A (2008) How do mesenchymal stromal cells suppress T cells? Cell Stem Cell 2:106-108.", True),
    ("Le Blanc K, Frassoni F, Ball L, et al. (2008) Mesenchymal stem cells for treatment", True),
    ("Horwitz EM (2006) Minimal criteria", True),
    ("Cell Stem Cell 2:106-108.", False),
    ("Blood (2008) 111:1-9.", False),
])
def test_a_sole_authors_initials_before_the_year_open_an_entry(line: str, starts: bool):
    """The Springer author-year form writes no comma after a sole author's initials."""
    from qa.ingest.clean.reflist import AUTHOR_START

    assert bool(AUTHOR_START.match(line)) is starts
