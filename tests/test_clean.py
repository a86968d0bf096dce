"""qa.clean on the real corpus: artifacts gone, words repaired, structure and order recovered."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from qa.clean import Lexicon, clean, fix_ligatures
from qa.corpus import read_corpus

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def raws() -> dict[str, str]:
    return {d.meta.id: d.text for d in read_corpus(CORPUS).documents}


@pytest.fixture(scope="module")
def cleaned(raws):
    """Each article cleaned with the other articles as background evidence."""
    return {k: clean(v, [o for j, o in raws.items() if j != k]) for k, v in raws.items()}


def body(c) -> str:
    """Text outside the reference list."""
    return c.text[: c.references_span[0]] if c.references_span else c.text


LIGATURE_SPLIT = re.compile(r"\b(?:eff|effi|infl|inf|signifi|signif|benef|benefi|diff|confi|defi|"
                            r"specif|specifi|fi|fl|aff|ineffi|Lafl|Amplif)\s{1,2}[a-z]", re.I)


def test_no_ligature_splits_remain(cleaned):
    for doc_id, c in cleaned.items():
        found = LIGATURE_SPLIT.findall(c.text)
        assert not found, (doc_id, found[:5])


def test_real_word_pairs_survive(cleaned):
    assert "“off the shelf”" in cleaned["figueroa2012"].text.replace("off  the", "off the")
    assert "a genetic modification of MSCs" in cleaned["figueroa2012"].text
    assert "Crohn´s disease" in cleaned["figueroa2012"].text  # no NFKC


def test_ligature_join_decisions_come_from_evidence(raws):
    lex = Lexicon(list(raws.values()))
    assert fix_ligatures("robust antiinfl ammatory and eff ects", lex) == "robust antiinflammatory and effects"
    assert fix_ligatures("therapeutic benef it of it", lex) == "therapeutic benefit of it"
    assert fix_ligatures("cellular therapy off the shelf", lex) == "cellular therapy off the shelf"


def test_page_artifacts_removed(cleaned):
    kim = cleaned["kim2013"].text
    for artifact in ("Korean Journal of Internal Medicine", "www.kjim.org", "Kim N and Cho SG",
                     "Table 2. Continued", "Reference Disease Phase"):
        assert artifact not in kim
    for doc_id, c in cleaned.items():
        assert not re.search(r"(?m)^\d{1,4}$", c.text), doc_id


def test_hyphenation_joined_but_real_hyphens_kept(cleaned):
    kim = cleaned["kim2013"].text
    assert "multilineage potential to differentiate" in kim  # poten-/tial
    assert "orthopedic injuries" in kim  # in-/juries
    assert "anti-inflammatory effects" in kim  # anti-inflam-/matory
    for kept in ("CXCL-10", "ICAM-1", "steroid-resistant", "third-party", "HLA-identical"):
        assert kept in kim, kept
    pmc = cleaned["pmc3782548"].text
    assert "indoleamine-2,3-dioxygenase" in pmc and "BM-derived MSCs" in pmc
    assert "2. USE OF MSCS IN AUTOIMMUNE AND INFLAMMATORY DISEASES" in cleaned["figueroa2012"].text
    for doc_id, c in cleaned.items():  # no line-break fragment left behind
        assert not re.search(r"\b[a-z]{2,}- [a-z]{3,}", body(c)), doc_id


def test_subscript_glued_to_its_letter(cleaned):
    assert "prostaglandin E2,30,31 transforming growth factor" in cleaned["pmc3782548"].text


def test_roman_numerals_normalised(cleaned):
    assert "Ⅰ" not in cleaned["kim2013"].text and "Phase: I/II;" in cleaned["kim2013"].text


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


def section_of(c, needle: str) -> str:
    pos = c.text.index(needle)
    return next(s.title for s in c.sections if s.start <= pos < s.end)


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


def test_reference_list_one_entry_per_line(cleaned):
    kim = cleaned["kim2013"]
    start, end = kim.references_span
    entries = kim.text[start:end].split("\n")
    assert [int(e.split(".")[0]) for e in entries] == list(range(1, 155))
    assert ("116. Liang J, Zhang H, Hua B, et al. Allogenic mesenchymal stem cells transplantation "
            "in refractory systemic lupus erythematosus: a pilot clinical study. Ann Rheum Dis "
            "2010;69:1423-1429.") in entries
    assert entries[91].endswith("Transplantation 2011;91:1412-1416.")
    assert entries[124].startswith("125. Mohamadnejad M, Alimoghaddam K, Mohyeddin-Bonab M, et al.")
    assert (start, end) in kim.skip_spans
    assert cleaned["figueroa2012"].references_span is None


def test_skip_spans_cover_non_body_text(cleaned):
    def skipped(c, needle):
        pos = c.text.index(needle)
        return any(a <= pos < b for a, b in c.skip_spans)

    kim, fig = cleaned["kim2013"], cleaned["figueroa2012"]
    assert skipped(kim, "Keywords: Clinical trial") and skipped(fig, "Key words:")
    assert skipped(kim, "No potential conflict of interest") and skipped(kim, "This work was supported")
    assert skipped(fig, "bFGF, basic fibroblast growth factor")
    assert skipped(kim, "MSC, mesenchymal stem cell; OI, osteogenesis imperfecta")
    assert not skipped(kim, "Prochymal was used in a randomized")


def test_raw_map_points_back_to_the_raw_text(cleaned, raws):
    for doc_id, c in cleaned.items():
        raw = raws[doc_id]
        assert c.raw_map == sorted(c.raw_map)
        tables = [(t.start, t.end) for t in c.tables]  # rows map to the table as a whole
        words = [m for m in re.finditer(r"\b[A-Za-z]{9,}\b", c.text)
                 if not any(a <= m.start() < b for a, b in tables)][::7]
        misses = []
        for m in words:
            at = c.to_raw(m.start())
            window = re.sub(r"[\s-]", "", raw[max(0, at - 60): at + 80])
            if m.group(0) not in window:
                misses.append(m.group(0))
        assert len(misses) <= 0.02 * len(words), (doc_id, misses[:5])


def test_clean_is_deterministic(raws):
    assert clean(raws["pmc3782548"]).text == clean(raws["pmc3782548"]).text


def test_generic_article_without_seed_words():
    raw = ("INTRODUCTION\n\nThis is a para-\ngraph that goes on and\n\n12\n\n"
           "Journal of Tests Vol. 3, No. 2, 2020\n\nthen continues after the page break [1].\n\n"
           "Methods\nWe did things. Results were good.\n\nJournal of Tests Vol. 3, No. 2, 2020\n\n"
           "References\n\n1. Doe J. A paper. J Test 2020;1:1-2.\n2. Roe R. Another. J Test 2021;2:3-\n4.\n")
    c = clean(raw)
    assert c.text == ("INTRODUCTION\n\nThis is a paragraph that goes on and then continues after the "
                      "page break [1].\n\nMethods\n\nWe did things. Results were good.\n\nReferences\n\n"
                      "1. Doe J. A paper. J Test 2020;1:1-2.\n2. Roe R. Another. J Test 2021;2:3-4.")
    assert [s.title for s in c.sections] == ["INTRODUCTION", "Methods", "References"]
    assert c.references_span == (c.text.index("1. Doe"), len(c.text))
    assert c.to_raw(c.text.index("then continues")) == raw.index("then continues")
    assert clean("").text == "" and clean("").sections == []
