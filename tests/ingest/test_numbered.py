"""Numbered citations in parentheses and superscripts, told apart from other numbers by evidence."""
from __future__ import annotations

import pytest

from qa.ingest.citations import detect_style, find_citations

INTRO = ("Checkpoints are mediated by the ATR pathway (1–3), which detects lesions. PARP1 controls "
         "fork speed (4–7). It processes fragments (8, 9) and binds DNA (10,11). ")


def keys(text: str, style: str, limit: int | None = None) -> list[str]:
    return [c.key for c in find_citations(text, style=style, limit=limit)]


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("is required (12).", ["12"]),
        ("two domains (12, 16), which", ["12", "16"]),
        ("compact lists (2,3) and", ["2", "3"]),
        ("a range (13–15).", ["13", "14", "15"]),
        ("glued to a word consortia(14).", ["14"]),
        ("nested (data from (15)).", ["15"]),
        ("a gene MSH6 (13) and", ["13"]),
    ],
)
def test_numbered_parentheses_are_citations(printed: str, expected: list[str]) -> None:
    found = [c for c in find_citations(INTRO + printed, style="numeric_paren", limit=49)
             if c.start >= len(INTRO)]
    assert [c.key for c in found] == expected
    assert all(c.style == "numeric_paren" and c.label.startswith("(") for c in found)


@pytest.mark.parametrize(
    "printed",
    ["shown in (Fig. 3A).", "cells were treated (4 mM, 4 h).", "replicates (n = 5) were",
     "compounds (1, 2, 7a, 7b, 10a) were", "as in Figure (2) and", "a value of (62).",
     "three steps: (1) binding, (2) cleavage and (3) release.", "concentration = (3) mM"],
)
def test_parentheses_that_are_not_citations(printed: str) -> None:
    text = INTRO + printed
    assert [c for c in find_citations(text, style="numeric_paren", limit=49) if c.start >= len(INTRO)] == []


def test_style_detection_by_evidence() -> None:
    assert detect_style(INTRO * 2, limit=49) == "numeric_paren"
    assert detect_style("Plain text (Fig. 2) with (n = 3) mice.") == "unknown"
    brackets = "Cells grow [1]. They die [2,3]. Others [4-6] disagree."
    assert detect_style(brackets) == "numeric"


SUPER = ("Asgard archaea are the closest relatives of eukaryotes, class Heimdallarchaeia1–4. "
         "EF-1A delivers aminoacyl-tRNA to the ribosome during translation5,6. Reconstruction "
         "is possible5. Temperatures near 20 °C7 were found (Supplementary Figs. S4 and S5)2,8. ")


def test_glued_superscripts_with_dash_ranges_units_and_parentheses() -> None:
    found = find_citations(SUPER, style="superscript", limit=43)
    by_label = {}
    for c in found:
        assert SUPER[c.start:c.end] == c.label
        by_label.setdefault(c.label, []).append(c.key)
    assert by_label == {"1–4": ["1", "2", "3", "4"], "5,6": ["5", "6"], "5": ["5"], "7": ["7"],
                        "2,8": ["2", "8"]}


def test_names_with_digits_and_exponents_are_not_superscripts() -> None:
    text = SUPER + ("AlphaFold2 models, 10 mM MgCl2, OD600 and IL6 levels, PARP1K548R mutants, "
                    "1 × 1013 particles and 1010 CFU were used. ")
    found = [c for c in find_citations(text, style="superscript", limit=43) if c.start >= len(SUPER)]
    assert found == []


@pytest.mark.parametrize("quantity", ["5 mM MgCl2, 5 μM Mant-GDP", "in MgCl2, 2 mM EDTA", "the IL6, 10 ng/ml",
                                      "with CO2, 5 % O2", "heated to 95 °C for TLR4, 5 min", "of E2,12 h later"])
def test_digits_followed_by_a_unit_are_a_quantity(quantity: str) -> None:
    """User trial 17 (P10): '5 mM MgCl2, 5 μM Mant-GDP' printed as 'MgCl2, [5] μM' and cited reference 5."""
    text = SUPER + f"The buffer held {quantity} and was kept cold. "
    found = [c for c in find_citations(text, style="superscript", limit=43) if c.start >= len(SUPER)]
    assert found == []


def test_glued_name_split_by_the_order_of_first_citations() -> None:
    # 'IARS136': the next new reference is 36, so IARS1 keeps its digit and 36 is cited
    text = ("".join(f"Finding number {n} was reported.{n} " for n in range(1, 36))
            + "Mutations in IARS136 cause disease. ")
    found = [c for c in find_citations(text, style="superscript", limit=60) if c.start > text.index("IARS")]
    assert [(c.key, c.label) for c in found] == [("36", "36")]
    assert text[found[0].start - 5:found[0].start] == "IARS1"


def test_numbers_above_the_reference_list_are_not_citations() -> None:
    text = INTRO + "An outlier value (62) and a cited one (12)."
    assert keys(text, "numeric_paren", limit=49)[-1:] == ["12"]
    assert "62" not in keys(text, "numeric_paren", limit=49)


def test_unicode_superscripts_from_a_layout_reader() -> None:
    text = ("Satellite cells repair muscle.¹²,¹³ Fibrosis follows injury.¹⁴⁻¹⁶ Cells were seeded "
            "at 1 × 10⁶ per 25 cm² flask and 10⁻³ M drug.¹⁷")
    found = find_citations(text, limit=40)
    assert {c.style for c in found} == {"superscript"}
    assert [c.key for c in found] == ["12", "13", "14", "15", "16", "17"]
    assert [c.label for c in found][:2] == ["¹²,¹³", "¹²,¹³"]
    assert all(text[c.start:c.end] == c.label for c in found)
