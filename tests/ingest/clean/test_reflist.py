"""The reference list is found by its own evidence (a run of entries), wherever it sits."""
from __future__ import annotations

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
