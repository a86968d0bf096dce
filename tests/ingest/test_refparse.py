"""Reference entries in the printed styles of biomedical journals, parsed into their fields."""
from __future__ import annotations

import pytest

from qa.ingest.refparse import first_surname, parse_entry

CASES = [
    # Nature: 'Surname, I. et al. Title. Journal vol, pages (year).'
    ("Gaucher, E. A., Thomson, J. M., Burgan, M. F. & Benner, S. A. Inferring the palaeoenvironment "
     "of ancient bacteria on the basis of resurrected proteins. Nature 425, 285–288 (2003).",
     "Gaucher", 2003, "Inferring the palaeoenvironment", "Nature", "425", "285–288", 4),
    # Science / PNAS: initials first
    ("N. Chaudhary, D. Weissman, K. A. Whitehead, mRNA vaccines for infectious diseases: Principles, "
     "delivery and clinical translation. Nat. Rev. Drug Discov. 20, 817–838 (2021).",
     "Chaudhary", 2021, "mRNA vaccines for infectious diseases", "Nat. Rev. Drug Discov", "20", "817–838", 3),
    ("A. Ray Chaudhuri, A. Nussenzweig, The multifaceted roles of PARP1 in DNA repair and chromatin "
     "remodelling. Nat. Rev. Mol. Cell Biol. 18, 610–621 (2017).",
     "Ray Chaudhuri", 2017, "The multifaceted roles of PARP1", "Nat. Rev. Mol. Cell Biol", "18", "610–621", 2),
    # Cell Press: '(year).' after the authors
    ("Babicki, S., Arndt, D., Marcu, A., and Wishart, D.S. (2016). Heatmapper: web-enabled heat mapping "
     "for all. Nucleic Acids Res. 44, W147-53.",
     "Babicki", 2016, "Heatmapper: web-enabled heat mapping for all", "Nucleic Acids Res", "44", "W147-53", 4),
    # NAR: 'Surname,I. and Surname,I. (year) Title. Journal, vol, pages.'
    ("Supek,F. and Lehner,B. (2019) Scales and mechanisms of somatic mutation rate variation across "
     "the human genome. DNA Repair (Amst.), 81, 102647.",
     "Supek", 2019, "Scales and mechanisms of somatic mutation", "DNA Repair (Amst.)", "81", "102647", 2),
    # MDPI: semicolons, 'Journal year, vol, pages.'
    ("Lebert, J.M.; Lester, R.; Powell, E.; Seal, M.; McCarthy, J. Advances in the systemic treatment "
     "of triple-negative breast cancer. Curr. Oncol. 2018, 25, S142–S150. [CrossRef] [PubMed]",
     "Lebert", 2018, "Advances in the systemic treatment", "Curr. Oncol", "25", "S142–S150", 5),
    # ASM: year after the authors (with a group author), URL DOI
    ("Magill SS, Edwards JR, Fridkin SK, Emerging Infections Program Healthcare-Associated Infections "
     "Team. 2014. Multistate point-prevalence survey of health care-associated infections. N Engl J "
     "Med 370:1198–1208. https://doi.org/10.1056/NEJMoa1306801.",
     "Magill", 2014, "Multistate point-prevalence survey", "N Engl J Med", "370", "1198–1208", 4),
    # eLife: particle surname, 'DOI: https://doi. org/...' broken over a line
    ("de la Mata M, Lafaille C, Kornblihtt AR. 2010. First come, first served revisited: factors "
     "affecting the same alternative splicing event have different effects on the relative rates of "
     "intron removal. RNA 16:904–914. DOI: https://doi.org/10.1261/rna.1993510, PMID: 20357345",
     "de la Mata", 2010, "First come, first served revisited", "RNA", "16", "904–914", 3),
    # Vancouver (BMC, PubMed style)
    ("Tubbs A, Nussenzweig A. Endogenous DNA Damage as a Source of Genomic Instability in Cancer. "
     "Cell. 2017;168(4):644-56. doi: 10.1016/j.cell.2017.01.002. PubMed PMID: 28187286.",
     "Tubbs", 2017, "Endogenous DNA Damage as a Source", "Cell", "168(4)", "644-56", 2),
]


@pytest.mark.parametrize(("entry", "surname", "year", "title", "journal", "volume", "pages", "n"), CASES)
def test_printed_styles(entry, surname, year, title, journal, volume, pages, n) -> None:
    fields = parse_entry(entry)
    assert first_surname(fields["authors"][0]) == surname
    assert len(fields["authors"]) == n, fields["authors"]
    assert fields["year"] == year
    assert fields["title"].startswith(title) and not fields["title"].endswith(".")
    assert fields["journal"].rstrip(".") == journal
    assert (fields["volume"], fields["pages"]) == (volume, pages)


def test_dois_are_read_even_when_broken_over_lines() -> None:
    assert parse_entry(CASES[6][0])["doi"] == "10.1056/NEJMoa1306801"
    assert parse_entry(CASES[7][0])["doi"] == "10.1261/rna.1993510"
    assert parse_entry(CASES[8][0])["doi"] == "10.1016/j.cell.2017.01.002"
    broken = "Aebi M, Weissman C. 1987. Precision. Trends in Genetics 3:102–107. DOI: https://doi. org/10.1016/0168-9525(87)90193-4"
    assert parse_entry(broken)["doi"] == "10.1016/0168-9525(87)90193-4"
    assert parse_entry(CASES[0][0])["doi"] == ""


def test_year_suffix_is_kept_for_the_key() -> None:
    assert parse_entry("Soufi A, Donahue G, Zaret KS. 2012a. Facilitators. Cell 151:994–1004.")["suffix"] == "a"


def test_a_year_is_never_read_inside_a_grant_number_or_range() -> None:
    """An entry that ran on into end matter: the year is the printed one, not '2022YFA...'."""
    entry = ("H. Hanzlikova et al., The importance of PARP as a sensor of Okazaki fragments. Mol. Cell 71, "
             "319–331.e3 (2018). ACKNOWLEDGMENTS. Supported by the Key R&D Program of China (2022YFA0803000).")
    assert parse_entry(entry)["year"] == 2018
    assert parse_entry("Smith J. Trends in cohorts 1998–2005, a survey. Lancet 12, 3–9 (2009). "
                       "Grant 2021AB3.")["year"] == 2009
    assert parse_entry("Some Consortium. A report on cohorts 1998–2005. Geneva, WHO.")["year"] is None


def test_cell_press_page_ranges_keep_their_article_suffix() -> None:
    fields = parse_entry("A. A. Demin et al., XRCC1 prevents toxic PARP1 trapping during DNA base "
                         "excision repair. Mol. Cell 81, 3018–3030.e5 (2021).")
    assert (fields["title"], fields["journal"]) == ("XRCC1 prevents toxic PARP1 trapping during DNA base "
                                                     "excision repair", "Mol. Cell")
    assert (fields["volume"], fields["pages"], fields["year"]) == ("81", "3018–3030.e5", 2021)


@pytest.mark.parametrize(("author", "surname"), [
    # initials first (PNAS, Science, Nature), hyphenated initials and particles
    ("A. A. Demin", "Demin"), ("A.A. Demin", "Demin"), ("J.-P. Girard", "Girard"), ("J. -P. Girard", "Girard"),
    ("J.-P. de la Fuente", "de la Fuente"), ("B. von Livonius", "von Livonius"), ("A. Ray Chaudhuri", "Ray Chaudhuri"),
    ("U. Şahin", "Şahin"), ("T. H. Brannagan III", "Brannagan"), ("M. A. Al-Hajj", "Al-Hajj"),
    # the other styles, unchanged
    ("Le Blanc K", "Le Blanc"), ("Sun, L.", "Sun"), ("Horwitz EM", "Horwitz"), ("Frenck RW Jr", "Frenck"),
    ("Zaremba-Niedzwiedzka, K.", "Zaremba-Niedzwiedzka"), ("van der Berg J", "van der Berg"),
    ("Smith J.K.", "Smith"), ("WHO", "WHO"),
    ("U.S. Food and Drug Administration", "U.S. Food and Drug Administration"),  # no surname after them
])
def test_first_surname_in_every_printed_order(author: str, surname: str) -> None:
    assert first_surname(author) == surname


@pytest.mark.parametrize("entry,authors,title", [
    ("Khodor YL, Rodriguez J, Abruzzi KC, Tang C-HA, Marr MT II, Rosbash M. 2011. Nascent-seq indicates "
     "widespread cotranscriptional pre-mRNA splicing in Drosophila. Genes & Development 25:2502–2512.",
     ["Khodor YL", "Rodriguez J", "Abruzzi KC", "Tang C-HA", "Marr MT II", "Rosbash M"], "Nascent-seq indicates"),
    ("Kaelin, W.G., Jr., and McKnight, S.L. (2013). Influence of metabolism on epigenetics and disease. "
     "Cell 153, 56–69.", ["Kaelin, W.G., Jr.", "McKnight, S.L."], "Influence of metabolism"),
    ("Voigt, P., Drury, W.J., 3rd, and Reinberg, D. (2013). Histone tails in chromatin. Genes Dev. 27, "
     "1318–1338.", ["Voigt, P.", "Drury, W.J., 3rd", "Reinberg, D."], "Histone tails"),
])
def test_generations_and_hyphenated_initials_stay_in_the_author_list(entry: str, authors: list[str], title: str) -> None:
    """User trial 5: 'Marr MT II', 'Tang C-HA', 'Drury, W.J., 3rd', 'Kaelin, W.G., Jr.' ended the
    author list, so the rest of the authors became the title ('-HA, Marr MT II, Rosbash M. 2011.
    Nascent-seq ...', '3rd, Voigt, P., ...', 'Jr. (2013). ...') and the journal was lost."""
    fields = parse_entry(entry)
    assert fields["authors"] == authors
    assert str(fields["title"]).startswith(title) and fields["journal"]


def test_cell_press_article_numbers_with_an_e_suffix_end_the_title() -> None:
    """User trial 5: 'Cell 167, 171–186.e15' (pages with Cell Press's supplement suffix) stayed in the
    title and the entry had no journal."""
    fields = parse_entry("Sykes, D.B., Kfoury, Y.S., Mercier, F.E., et al. (2016). Inhibition of dihydroorotate "
                         "dehydrogenase overcomes differentiation blockade in acute myeloid leukemia. Cell 167, 171–186.e15.")
    assert fields["title"].endswith("acute myeloid leukemia") and fields["journal"] == "Cell"
    assert (fields["volume"], fields["pages"]) == ("167", "171–186.e15")
