"""Study ids and first authors of a review whose list prints initials first ('A. A. Demin'),
on the real PNAS article: surname + year like every other style ('demin2021', not 'aademin2021')."""
from __future__ import annotations

import pytest

from conftest import PDF_DIR, read_once
from qa.index.study_identity import first_surname

PNAS = PDF_DIR / "10.1073_pnas.2322520121.pdf"


def test_one_reading_of_a_printed_name() -> None:
    assert first_surname("H. Hanzlikova") == "Hanzlikova"
    assert first_surname("J.-P. de la Fuente") == "de la Fuente"
    assert first_surname("Le Blanc K") == "Le Blanc" and first_surname("Sun, L.") == "Sun"


@pytest.fixture(scope="module")
def pnas_studies():
    from qa.index.studies import build_registry
    from qa.ingest.corpus import RawDocument
    from qa.ingest.pipeline import ingest_document
    from qa.models import DocumentMeta

    if not PNAS.is_file():
        pytest.skip(f"{PNAS} is missing")
    raw = RawDocument(meta=DocumentMeta(id="pnas", file="pnas.txt"), text=read_once(PNAS).text, sha256="")
    doc, passages = ingest_document(raw)
    return build_registry([doc], passages, [], None)


def test_initials_first_entries_get_surname_year_ids(pnas_studies) -> None:
    by_key = {c.key: s for s in pnas_studies for c in s.cited_by}
    assert (by_key["11"].id, by_key["11"].first_author) == ("hanzlikova2018", "Hanzlikova")
    assert by_key["19"].id == "demin2021" and by_key["14"].id == "raychaudhuri2017"
    assert all(s.first_author and not s.first_author[1:2] == "." for s in pnas_studies)
    ids = [s.id for s in pnas_studies]
    assert ids == sorted(ids) and ids[0] == "abraham2001"  # sorted by surname, not by first initial
