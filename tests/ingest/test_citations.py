"""Citation detection on strings printed in the corpus and on the real corpus files."""
from __future__ import annotations

import re

import pytest
from conftest import parts

from qa.ingest.citations import detect_style, expand_numbers, find_citations, fold

def keys(text: str, style: str | None = None) -> list[str]:
    return [c.key for c in find_citations(text, style=style)]


def labels(text: str, style: str | None = None) -> dict[str, str]:
    return {c.key: c.label for c in find_citations(text, style=style)}


# ------------------------------------------------------------------ numeric brackets
@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("chondrocytes [1]. While", ["1"]),
        ("adipose tissue [3,4], placenta", ["3", "4"]),
        ("T cell proliferation [24-26], B cell", ["24", "25", "26"]),
        ("visceral mesoderm [2,10,11]. In addition", ["2", "10", "11"]),
        ("oncolytic viruses [144- 147], antiangiogenic", ["144", "145", "146", "147"]),
        ("dendritic cells [30-37]. Importantly", [str(n) for n in range(30, 38)]),
    ],
)
def test_numeric_brackets_expand_to_one_citation_per_key(printed: str, expected: list[str]) -> None:
    found = find_citations(printed, style="numeric")
    assert [c.key for c in found] == expected
    bracket = printed[printed.index("["):printed.index("]") + 1]
    assert {(c.label, c.start, c.end) for c in found} == {
        (bracket, printed.index("["), printed.index("]") + 1)
    }
    assert all(c.style == "numeric" and c.reference is None for c in found)


def test_range_84_92_shares_label_and_offsets() -> None:
    text = "steroid-refractory GVHD [84-92]. In 2006"
    found = find_citations(text, style="numeric")
    assert [c.key for c in found] == [str(n) for n in range(84, 93)]
    assert {c.label for c in found} == {"[84-92]"}
    assert {(c.start, c.end) for c in found} == {(24, 31)}


def test_brackets_with_words_are_not_citations() -> None:
    text = ("epitheliogenic molecules [Pax-2, bFGF (basic fibroblast growth factor) and BMP-7 "
            "(bone morphogenetic protein-7)], and prevention of [such] diseases")
    assert find_citations(text, style="numeric") == []


def test_table_row_counts_the_number_not_the_author() -> None:
    row = "Table 2 (Clinical trials). Reference: Horwitz et al. [65]; Disease: OI; Phase: I"
    assert keys(row, "numeric") == ["65"]
    assert keys(row) == ["65"]  # detected style gives the same


def test_expand_numbers() -> None:
    assert expand_numbers("28,33-35") == [28, 33, 34, 35]
    assert expand_numbers("144- 147") == [144, 145, 146, 147]
    assert expand_numbers("5,5") == [5]


# ------------------------------------------------------------------ author-year
@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("(Sun et al., 2010)", ["Sun 2010"]),
        ("(Walsh and Rau, 2000)", ["Walsh 2000"]),
        ("(Faustman, 2010)", ["Faustman 2010"]),
        ("(Mohyeddin Bonab et al., 2007)", ["Mohyeddin Bonab 2007"]),
        ("(Karp and Leng Teo, 2009)", ["Karp 2009"]),
        ("(Garcia-Olmo et al., 2005)", ["Garcia-Olmo 2005"]),
        ("(Nitahara-Kasahara et al., 2012)", ["Nitahara-Kasahara 2012"]),
        ("(Luz-Crawford 2012)", ["Luz-Crawford 2012"]),
        ("(Akiyama et. al., 2012)", ["Akiyama 2012"]),
        ("(Kinnaird et \nal, 2004)", ["Kinnaird 2004"]),
        ("(Carrión et al., 2010)", ["Carrion 2010"]),
        ("(Le Blanc et al., 2004)", ["Le Blanc 2004"]),
        ("(La Cava, 2008; Valencia et al., 2007)", ["La Cava 2008", "Valencia 2007"]),
        ("(Youd et al., 2010; Chang et al, 2011)", ["Youd 2010", "Chang 2011"]),
        ("(Burt et al.,2006; Jayne et al., 2004)", ["Burt 2006", "Jayne 2004"]),
        ("(Sun et al., 2009; Gu et al., 2010; Yamaza wet al., 2010)",
         ["Sun 2009", "Gu 2010", "Yamaza 2010"]),
        ("(Tögel and Westenfelder et al., 2010, Lee et al., 2010)", ["Togel 2010", "Lee 2010"]),
        ("(Krampera et al., 2006, Ren et al., 2008)", ["Krampera 2006", "Ren 2008"]),
        ("(Augello et al., 2007; González et al., 2009)", ["Augello 2007", "Gonzalez 2009"]),
        ("(Sun et al., 2010a; Sun et al., 2010b)", ["Sun 2010a", "Sun 2010b"]),
    ],
)
def test_author_year_keys(printed: str, expected: list[str]) -> None:
    text = f"as reported {printed} in patients."
    assert keys(text, "author_year") == expected


def test_further_years_of_the_same_authors() -> None:
    found = find_citations("as shown (Sun et al., 2009, 2010; Gu et al., 2010a, 2011).",
                           style="author_year")
    assert [(c.key, c.label) for c in found] == [
        ("Sun 2009", "Sun et al., 2009"), ("Sun 2010", "2010"),
        ("Gu 2010a", "Gu et al., 2010a"), ("Gu 2011", "2011"),
    ]


def test_author_year_labels_and_offsets() -> None:
    text = "lupus patients (n=16) (Sun et al., 2010). In models (Sun et al., 2009; Gu et al., 2010)."
    found = find_citations(text, style="author_year")
    assert [(c.key, c.label) for c in found] == [
        ("Sun 2010", "(Sun et al., 2010)"),
        ("Sun 2009", "Sun et al., 2009"),
        ("Gu 2010", "Gu et al., 2010"),
    ]
    assert all(text[c.start:c.end] == c.label for c in found)


@pytest.mark.parametrize(
    "printed",
    [
        "(Biennial Report of the Director, NIH)",
        "(SLE)",
        "(n=16)",
        "(≥ 20 mg/day)",
        "(6-28 months)",
        "(http://www.clinicaltrials.gov/ct2/show/NCT00482092)",
        "(http://investor.osiris.com/releasedetail.cfm?releaseID=407404)",
        "(1-2 gr/day x 3 months)",
        "(25 children and 30 adults)",
    ],
)
def test_parentheses_that_are_not_citations(printed: str) -> None:
    assert find_citations(f"the patients {printed} improved.", style="author_year") == []


def test_narrative_mentions_take_the_year_of_their_paragraph() -> None:
    text = (
        "Prompted by results in MRL/lpr mice (Zhou et al., 2008), Sun et al. treated four "
        "patients with prednisone (≥ 20 mg/day) (Sun et al., 2009). Later Sun et al. reported "
        "more (Sun et al., 2010).\n\n"
        "In 2004, Le Blanc et al, treated a boy with third party MSCs (Le Blanc et al., 2004). "
        "A later study followed (Le Blanc et al., 2008).\n\n"
        "The findings of Bartholomew and colleagues in 2002 (Bartholomew et al., 2002) were new. "
        "In a most interesting investigation by Akiyama, MSCs were given (Akiyama et. al., 2012)."
    )
    found = [c for c in find_citations(text, style="author_year") if not c.label.endswith(")")]
    assert [(c.label, c.key) for c in found] == [
        ("Sun et al.", "Sun 2009"),
        ("Sun et al.", "Sun 2010"),  # the following parenthetical of the same surname wins
        ("Le Blanc et al", "Le Blanc 2004"),
        ("Bartholomew and colleagues", "Bartholomew 2002"),
        ("Akiyama", "Akiyama 2012"),
    ]
    assert all(text[c.start:c.end] == c.label for c in found)


def test_narrative_year_from_the_document_or_none() -> None:
    unique = "Zhou et al. showed it.\n\nIt was shown in mice (Zhou et al., 2008)."
    assert [c.key for c in find_citations(unique, style="author_year")] == ["Zhou 2008", "Zhou 2008"]
    ambiguous = ("Sun et al. showed it.\n\nIn mice (Sun et al., 2009).\n\nIn patients "
                 "(Sun et al., 2010).")
    assert find_citations(ambiguous, style="author_year")[0].key == "Sun"


def test_apa_narrative_with_year_in_parentheses() -> None:
    found = find_citations("as Sun et al. (2010) reported (Liang et al., 2010).", style="author_year")
    assert [(c.key, c.label) for c in found] == [("Sun 2010", "Sun et al. (2010)"),
                                                 ("Liang 2010", "(Liang et al., 2010)")]


def test_no_narrative_citations_in_numeric_documents() -> None:
    text = "Le Blanc et al. [84] treated a boy. Horwitz et al. reported more [65,66]."
    assert keys(text) == ["84", "65", "66"]


def test_fold() -> None:
    assert fold("Carrión") == "Carrion" and fold("Tögel") == "Togel" and fold("González") == "Gonzalez"


# ------------------------------------------------------------------ superscripts
SUPERSCRIPT_PARAGRAPH = (
    "the mesenchymal lineage such as osteoblasts, adipocytes, and chondrocytes.1,2 In the last "
    "decade, cellular therapy using autologous or allogeneic MSCs.3,4 They are characterized by "
    "the following in vitro features:3,5 (1) adherence; (2) differentiation; (3) surface "
    "expression of CD105 (endoglin), CD73, and CD90 (Thy-1) without CD45 and CD34. Levels of "
    "CD73+ cells. Cytokines interleukin (IL)-1-α or IL-1-β and IL-10 and CXCL-10 attract T "
    "cells.6-8 Its frequency is one in 1 × 108 cells compared with one in 1 × 106 to 1 × 104 "
    "mononuclear cells, expanded to the order of 108 cells.9 Diseases such as type 1 diabetes, "
    "5/6 nephrectomy after 18 and 34 mo with a response rate of 69% and chimerism (4%) in 3 out "
    "of 14 patients.10,11 Soluble factors such as nitric oxide,12 indoleamine-2,3-dioxygenase,13-15 "
    "heme oxygenase-1,16 prostaglandin E2,17,18 transforming growth factor-β1,12 and "
    "leukemia inhibitory fac-tor.19 Constituents of the HSC niche;20,21 models.22-24"
)


def test_superscripts_glued_to_text() -> None:
    found = find_citations(SUPERSCRIPT_PARAGRAPH, style="superscript")
    by_label: dict[str, list[str]] = {}
    for c in found:
        assert SUPERSCRIPT_PARAGRAPH[c.start:c.end] == c.label
        by_label.setdefault(c.label, []).append(c.key)
    assert by_label == {
        "1,2": ["1", "2"], "3,4": ["3", "4"], "3,5": ["3", "5"], "6-8": ["6", "7", "8"],
        "9": ["9"], "10,11": ["10", "11"], "12": ["12", "12"], "13-15": ["13", "14", "15"],
        "16": ["16"], "17,18": ["17", "18"], "19": ["19"], "20,21": ["20", "21"],
        "22-24": ["22", "23", "24"],
    }
    assert detect_style(SUPERSCRIPT_PARAGRAPH) == "superscript"


def test_letter_glued_superscripts_but_not_spelled_out_greek() -> None:
    text = "Early work.1 More work.2-5 Reviews,6,7 and trials.8-42 integrin beta1 and responses12 too"
    found = [c for c in find_citations(text, style="superscript") if c.start > text.index("integrin")]
    assert [(c.key, c.label) for c in found] == [("12", "12")]


@pytest.mark.parametrize(
    ("printed", "label", "expected"),
    [
        ("secretion of nitric oxide,25 and", "25", ["25"]),
        ("heme oxygenase-1,29 prostaglandin", "29", ["29"]),
        ("prostaglandin E2,30,31 transforming", "30,31", ["30", "31"]),
        ("transforming growth factor-β1,22 and", "22", ["22"]),
        ("indoleamine-2,3-dioxygenase,26-28 heme", "26-28", ["26", "27", "28"]),
        ("participate in immune responses.22-24 In", "22-24", ["22", "23", "24"]),
        ("constituents of HSC niche;43,44 these", "43,44", ["43", "44"]),
    ],
)
def test_name_digits_are_not_part_of_the_superscript(printed: str, label: str, expected: list[str]) -> None:
    context = "Early work.1 More work.2-5 Reviews,6,7 and trials.8-42 " + printed
    tail = len(context) - len(printed)
    found = [c for c in find_citations(context, style="superscript") if c.start >= tail]
    assert [c.key for c in found] == expected
    assert {c.label for c in found} == {label}


# ------------------------------------------------------------------ real corpus files
@pytest.mark.parametrize(
    ("doc_id", "style"),
    [("kim2013", "numeric"), ("figueroa2012", "author_year"), ("pmc3782548", "superscript")],
)
def test_style_detection_on_the_corpus(doc_id: str, style: str, cleaned) -> None:
    text, _span, skip = parts(cleaned[doc_id])
    assert detect_style(text) == style
    assert detect_style(text, skip) == style


def test_kim2013_every_reference_number_is_cited_in_the_body(cleaned) -> None:
    text, span, skip = parts(cleaned["kim2013"])
    found = find_citations(text, skip_spans=skip)
    assert span is not None
    assert all(c.start < span[0] or c.start >= span[1] for c in found)
    assert {int(c.key) for c in found} == set(range(1, 155))
    assert all(text[c.start:c.end] == c.label and c.style == "numeric" for c in found)
    assert [c.start for c in found] == sorted(c.start for c in found)


def test_skip_spans_are_ignored(cleaned) -> None:
    text, span, _skip = parts(cleaned["kim2013"])
    assert span is not None
    inside = find_citations(text[span[0]:span[1]], style="numeric")
    everything = find_citations(text, style="numeric")
    skipped = find_citations(text, style="numeric", skip_spans=[span])
    assert len(skipped) == len(everything) - len([c for c in everything if span[0] <= c.start < span[1]])
    assert not any(span[0] <= c.start < span[1] for c in skipped)
    assert len(inside) < 10  # a reference list holds almost no bracketed numbers


def test_pmc3782548_superscripts_without_markers_or_exponents(cleaned) -> None:
    text, _span, skip = parts(cleaned["pmc3782548"])
    found = find_citations(text, skip_spans=skip)
    assert {c.style for c in found} == {"superscript"}
    numbers = {int(c.key) for c in found}
    assert numbers == set(range(1, 73))  # the article cites 1..72, each at least once
    forbidden = re.compile(
        r"CD\d+\+?|IL-\d+(?:-[αβ])?|CXCL-\d+|Thy-1|\d+ × 10\d+|order of 108|type 1 diabetes|"
        r"5/6|18 and 34 mo|69%|\(4%\)|3 out of 14|\(\d\)"
    )
    bad = [m for m in forbidden.finditer(text) if any(m.start() <= c.start < m.end() for c in found)]
    assert bad == []
    for c in found:
        assert text[c.start:c.end] == c.label
        assert text[c.start - 1] in ".,;:)", text[c.start - 30:c.end]


def test_figueroa2012_author_year_keys(cleaned) -> None:
    text, _span, skip = parts(cleaned["figueroa2012"])
    found = find_citations(text, skip_spans=skip)
    assert {c.style for c in found} == {"author_year"}
    found_keys = {c.key for c in found}
    for key in ["Sun 2010", "Sun 2009", "Carrion 2010", "Togel 2010", "Gonzalez 2009",
                "Le Blanc 2004", "Le Blanc 2008", "Mohyeddin Bonab 2007", "Karp 2009",
                "Garcia-Olmo 2005", "Luz-Crawford 2012", "Nitahara-Kasahara 2012",
                "Akiyama 2012", "Chang 2011", "Burt 2006", "Yamaza 2010", "Kinnaird 2004",
                "Walsh 2000", "Faustman 2010", "Lee 2010", "Ren 2008"]:
        assert key in found_keys, key
    assert all(re.fullmatch(r"[A-Z][\w' -]+ (?:1[89]|20)\d\d[a-z]?", k) for k in found_keys), found_keys
    assert not any("NIH" in c.label or "Biennial" in c.label for c in found)
    narrative = {(c.label, c.key) for c in found if not c.label.endswith(")") and "," not in c.label}
    assert ("Sun et al.", "Sun 2009") in narrative and ("Sun et al.", "Sun 2010") in narrative
    assert ("Bartholomew and colleagues", "Bartholomew 2002") in narrative
    assert all(text[c.start:c.end] == c.label for c in found)


def test_no_citations_when_style_is_none() -> None:
    assert detect_style("Plain text without any citation at all (SLE).") == "unknown"
    assert find_citations("Plain text (SLE).", style="none") == []


def test_a_yearless_name_the_document_never_cites_is_not_a_citation():
    """User trial 5: Cell Reports' summary "Blanco et al. investigate ..." (the article's own first
    author, no year, no reference entry) was taken as a citation and exported as a study. A
    yearless "X et al." counts when X is cited with a year elsewhere or is in the reference list."""
    text = ("Blanco et al. investigate the balance between self-renewal and differentiation. "
            "Earlier work (Sun et al., 2010; Lee et al., 2012) showed it. As Sun et al. reported, cells "
            "respond. Park et al. found the same.")
    keys = {c.label: c.key for c in find_citations(text, "author_year")}
    assert "Blanco et al." not in keys
    assert keys["Sun et al."] == "Sun 2010"  # yearless, but cited with a year elsewhere
    listed = {c.label for c in find_citations(text, "author_year", surnames=["Park"])}
    assert "Park et al." in listed and "Blanco et al." not in listed
