"""Author-year citations in the variants real articles print, linked by surname and year."""
from __future__ import annotations

import pytest

from qa.ingest.citations import find_citations
from qa.ingest.references import link_citations
from qa.models import Reference

LISTED = ["Carrillo Oesterreich", "de la Mata", "R Core Team", "Soufi"]


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("Pioneers bind DNA (Soufi et al., 2012, 2015).", ["Soufi 2012", "Soufi 2015"]),
        ("Analysis used R (R Core Team, 2020).", ["R Core Team 2020"]),
        ("As shown [Smith et al., 2010; Jones, 2011].", ["Smith 2010", "Jones 2011"]),
        ("Smith and colleagues (2010) showed this.", ["Smith 2010"]),
        ("Two papers (Smith et al., 2010a, 2010b).", ["Smith 2010a", "Smith 2010b"]),
        ("As described in Girard et al., 2012; Wang et al., 1991.", ["Girard 2012", "Wang 1991"]),
        ("Factors (RUNX1; Lam et al., 2014) bind.", ["Lam 2014"]),
        ("Work by Carrillo Oesterreich et al. (2011) showed", ["Carrillo Oesterreich 2011"]),
        ("Pausing (Carrillo Oesterreich et al., 2011; de la Mata et al., 2010).",
         ["Carrillo Oesterreich 2011", "de la Mata 2010"]),
        ("Speckles (Huranová et al., 2010).", ["Huranova 2010"]),
    ],
)
def test_variants(printed: str, expected: list[str]) -> None:
    assert [c.key for c in find_citations(printed, style="author_year", surnames=LISTED)] == expected


def test_linked_to_alphabetical_entries_by_surname_year_and_suffix() -> None:
    refs = [Reference(doc_id="d", key=k, text=f"{k} entry") for k in
            ("Soufi 2012a", "Soufi 2012b", "Soufi 2015", "de la Mata 2010")]
    text = "Targets (Soufi et al., 2012b, 2015; de la Mata et al., 2010)."
    linked = link_citations(find_citations(text, style="author_year", surnames=LISTED), refs)
    assert [(c.key, c.reference) for c in linked] == [
        ("Soufi 2012b", "Soufi 2012b entry"), ("Soufi 2015", "Soufi 2015 entry"),
        ("de la Mata 2010", "de la Mata 2010 entry")]
