"""Abbreviation mining: Schwartz-Hearst on parentheses, abbreviation lists, table footnotes."""
from __future__ import annotations

import re

import pytest

from qa.settings import PROJECT_ROOT
from qa.ingest.corpus import load_manifest
from qa.ingest.glossary import mine_glossary, schwartz_hearst

CORPUS = PROJECT_ROOT / "corpus"


def cleaned_text(doc_id: str) -> str:
    """The document text as ingestion cleans it (a minimal stand-in until qa.ingest.clean.cleaner exists)."""
    meta = next(m for m in load_manifest(CORPUS) if m.id == doc_id)
    raw = (CORPUS / meta.file).read_text(encoding="utf-8")
    try:
        from qa.ingest.clean.cleaner import clean
    except ImportError:
        text = re.sub(r"(?<=[a-z])-\n(?=[a-z])", "", raw)
        return "\n\n".join(" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip())
    return clean(raw).text


@pytest.mark.parametrize(
    ("sentence", "short", "long_form"),
    [
        ("with emphasis on systemic lupus erythematosus (SLE), we discuss", "SLE",
         "systemic lupus erythematosus"),
        ("including orthopedic injuries, graft versus host disease (GVHD) following", "GVHD",
         "graft versus host disease"),
        ("originally isolated from human bone marrow (BM) as adherent cells", "BM", "bone marrow"),
        ("Mesenchymal stem cells (MSCs) are self-renewing, multipotent cells", "MSC",
         "mesenchymal stem cell"),
        ("cells to produce interleukin (IL)-10 [50], which may", "IL", "interleukin"),
        ("such as stromal cell-derived factor 1 (SDF-1)/C-X-C chemokine receptor type 4 (CXCR4) "
         "[54,55]", "CXCR4", "C-X-C chemokine receptor type 4"),
        ("E. Systemic Sclerosis (SS)\n\nSS is an immune mediated disease", "SS", "systemic sclerosis"),
        ("in experimental autoimmune encephalomyelitis (EAE), considered", "EAE",
         "experimental autoimmune encephalomyelitis"),
    ],
)
def test_parenthetical_definitions(sentence: str, short: str, long_form: str) -> None:
    assert mine_glossary(sentence).get(short) == long_form


@pytest.mark.parametrize(
    "sentence",
    [
        "severe lupus patients (n=16) (Sun et al., 2010). This time",
        "in various fields (Table 2). Bone and cartilage",
        "female donor epithelium chimerism (4%) in the biopsy",
        "pathways (Figure 1). Proinflammatory licensing",
        "trials of MSCs [24-26] in patients (6-28 months) with (≥ 20 mg/day)",
    ],
)
def test_non_abbreviations_are_rejected(sentence: str) -> None:
    assert mine_glossary(sentence) == {}


def test_schwartz_hearst_requires_word_initial_first_letter() -> None:
    assert schwartz_hearst("HGF", "hepatocyte growth factor") == "hepatocyte growth factor"
    assert schwartz_hearst("XYZ", "hepatocyte growth factor") is None
    assert schwartz_hearst("BM", "submarine") is None  # 'b' is not at a word start


def test_abbreviation_list_and_table_footnote() -> None:
    listing = ("LIST OF ABBREVIATIONS\n\nbFGF, basic fibroblast growth factor; BM-MSCs, bone "
               "marrow-derived mesenchymal stem cells; CD, Crohn's disease; GVHD, graft versus "
               "host disease.")
    assert mine_glossary(listing) == {
        "bFGF": "basic fibroblast growth factor",
        "BM-MSC": "bone marrow-derived mesenchymal stem cell",
        "CD": "Crohn's disease",
        "GVHD": "graft versus host disease",
    }
    footnote = ("Kharaziha et al. [126] Liver cirrhosis I/II 8 Allo-BM IV Improved\n"
                "MSC, mesenchymal stem cell; OI, osteogenesis imperfecta; Allo, allogeneic; BM, "
                "bone marrow; IV, intravenous; HSCT, \nhematopoietic stem cell transplantation.")
    glossary = mine_glossary(footnote)
    assert glossary["MSC"] == "mesenchymal stem cell" and glossary["OI"] == "osteogenesis imperfecta"
    assert glossary["Allo"] == "allogeneic" and glossary["BM"] == "bone marrow"
    assert glossary["HSCT"] == "hematopoietic stem cell transplantation"


def test_lone_comma_pairs_are_not_a_list() -> None:
    text = "Table 2 (Trials). Reference: Liang et al. [116]; Disease: SLE; Phase: I; Outcome: Improved"
    assert mine_glossary(text) == {}
    assert mine_glossary("Key words: Mesenchymal stem cells, autoimmune diseases, cellular therapy.") == {}


@pytest.mark.parametrize(
    ("doc_id", "expected", "absent"),
    [
        ("kim2013", {"SLE": "systemic lupus erythematosus", "GVHD": "graft versus host disease",
                     "BM": "bone marrow", "MSC": "mesenchymal stem cell"}, []),
        ("figueroa2012", {"SLE": "systemic lupus erythematosus", "GVHD": "graft-versus-host disease",
                          "MSC": "mesenchymal stem cell"}, ["BM"]),
        ("pmc3782548", {"BM": "bone marrow", "HSCT": "hematopoietic stem cell transplantation"},
         ["SLE"]),
    ],
)
def test_corpus_glossaries(doc_id: str, expected: dict[str, str], absent: list[str]) -> None:
    glossary = mine_glossary(cleaned_text(doc_id))
    for short, long_form in expected.items():
        assert glossary.get(short) == long_form, (short, glossary.get(short))
    assert "mesenchymal" in glossary["MSC"] and glossary["MSC"].endswith("cell")
    assert "GVHD" in glossary
    for short in absent:
        assert short not in glossary
    assert all(not re.fullmatch(r"n=\d+|\d+%?|Table \d+", short) for short in glossary)
