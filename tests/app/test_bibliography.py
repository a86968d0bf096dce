"""Exports parse back with the libraries that wrote them: one record per study."""
from __future__ import annotations

import csv
import io

import bibtexparser
import pytest
import rispy

from qa.app.bibliography import export, format_reference, to_bibtex, to_csv, to_ris

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample(index):
    """Studies of every kind: full entries, merged across reviews, author-year only, unresolved."""
    studies = index.studies.studies
    kinds = {k: [s for s in studies if s.resolved == k] for k in ("entry", "author_year", "unresolved")}
    assert all(kinds.values())
    return kinds["entry"][:20] + kinds["author_year"][:10] + kinds["unresolved"][:5]


def test_bibtex_round_trip(sample):
    library = bibtexparser.parse_string(to_bibtex(sample))
    assert not library.failed_blocks
    assert [e.key for e in library.entries] == [s.id for s in sample]
    for entry, study in zip(library.entries, sample):
        if study.title:
            assert entry.fields_dict["title"].value == study.title
        if study.year:
            assert entry.fields_dict["year"].value == str(study.year)


def test_ris_round_trip(sample):
    records = rispy.loads(to_ris(sample))
    assert len(records) == len(sample)
    for rec, study in zip(records, sample):
        assert rec["id"] == study.id
        assert rec.get("title", "") == study.title
        if study.first_author:
            assert rec["authors"][0].startswith(study.first_author), study.id
        assert rec["notes"] and "Cited by" in rec["notes"][0]


def test_csv_round_trip(sample):
    rows = list(csv.DictReader(io.StringIO(to_csv(sample))))
    assert [r["id"] for r in rows] == [s.id for s in sample]
    assert all(r["reference"] for r in rows)


def test_format_reference_is_a_vancouver_line(index):
    liang = index.studies.for_citation("kim2013", "116")
    line = format_reference(liang)
    assert line.startswith("Liang J, Zhang H, Hua B, et al. Allogenic mesenchymal")
    assert "Ann Rheum Dis. 2010;69:1423" in line
    unresolved = next(s for s in index.studies.studies if s.resolved == "unresolved")
    assert "no full entry" in format_reference(unresolved)


def test_unknown_format_is_a_one_line_error(sample):
    from qa.errors import QAError

    with pytest.raises(QAError, match="unknown format"):
        export(sample, "docx")


def test_names_in_every_printed_order_export_family_first_with_generation_and_et_al():
    """User trial 5: RIS kept initials first ('A. A. Demin'), 'Kaelin, W.G., Jr.' lost its 'Jr.',
    and a list the entry ends with 'et al.' exported as if complete."""
    from qa.models import Study

    study = Study(id="kaelin2013", first_author="Kaelin", year=2013, title="Influence of metabolism",
                  authors=["Kaelin, W.G., Jr.", "A. A. Demin", "Marr MT II", "Khodor YL"],
                  entry="Kaelin WG Jr, Demin AA, Marr MT II, Khodor YL, et al. Influence of metabolism. Cell 2013.",
                  resolved="entry")
    (rec,) = rispy.loads(to_ris([study]))
    assert rec["authors"] == ["Kaelin, WG, Jr", "Demin, AA", "Marr, MT, II", "Khodor, YL"]
    (entry,) = bibtexparser.parse_string(to_bibtex([study])).entries
    assert entry.fields_dict["author"].value == "Kaelin, Jr, WG and Demin, AA and Marr, II, MT and Khodor, YL and others"


def test_an_initials_first_entry_keeps_its_et_al():
    """User trial 21: PNAS prints "A. Vaitsiankova et al., PARP inhibition ..."; the author part
    was cut at the initial's full stop, so BibTeX and RIS made it a single-author paper."""
    from qa.models import Study

    entry = ("A. Vaitsiankova et al., PARP inhibition impedes the maturation of nascent DNA strands "
             "during DNA replication. Mol. Cell 82, 1234 (2022).")
    for title in ("PARP inhibition impedes the maturation of nascent DNA strands during DNA replication", ""):
        study = Study(id="vaitsiankova2022", first_author="Vaitsiankova", year=2022, title=title,
                      authors=["A. Vaitsiankova"], entry=entry, resolved="entry")
        (bib,) = bibtexparser.parse_string(to_bibtex([study])).entries
        assert bib.fields_dict["author"].value == "Vaitsiankova, A and others"
    alone = Study(id="smith2020", first_author="Smith", year=2020, title="", authors=["J. Smith"],
                  entry="J. Smith, A study of et al. usage. J. Lit. 1, 2 (2020).", resolved="entry")
    (bib,) = bibtexparser.parse_string(to_bibtex([alone])).entries
    assert bib.fields_dict["author"].value == "Smith, J"  # 'et al.' in the title is no author mark


def test_csv_and_markdown_carry_the_trial_table_cells(index):
    """User trial 9 (A8): the screen and JSON show a study's trial-table row (disease, phase,
    patients, source, route, outcome), the CSV and md exports did not."""
    from qa.app.bibliography import to_markdown

    liang = index.studies.for_citation("kim2013", "116")
    english = next(s for s in index.studies.studies if not any(c.facts for c in s.cited_by))
    rows = list(csv.DictReader(io.StringIO(to_csv([liang, english]))))
    assert rows[0]["table: Disease"] == "SLE" and rows[0]["table: No. of patients"] == "15"
    assert rows[0]["table: MSC source"] == "Allo-BM" and rows[0]["table: Route"] == "IV"
    assert all(rows[1][k] == "" for k in rows[1] if k.startswith("table: "))
    assert not any(k.startswith("table: ") for k in csv.DictReader(io.StringIO(to_csv([english]))).fieldnames)
    assert "trial: Disease SLE; Phase I; No. of patients 15" in to_markdown([liang])


def test_a_study_known_by_its_label_exports_the_authors_the_label_names(index):
    """User trial 22: figueroa2012's "(Singer and Caplan, 2011)" (no reference list in the text)
    was exported as `author = {Singer}`, and the Markdown export wrote "Klemperer et al. 1962" for a
    single-author label."""
    from qa.app.bibliography import format_reference, label_authors

    studies = {s.id: s for s in index.studies.studies}
    singer = studies["singer2011"]
    assert label_authors(singer) == ["Singer", "Caplan"]
    (bib,) = bibtexparser.parse_string(to_bibtex([singer])).entries
    assert bib.fields_dict["author"].value == "Singer and Caplan"
    (rec,) = rispy.loads(to_ris([singer]))
    assert rec["authors"] == ["Singer", "Caplan"]
    assert format_reference(studies["klemperer1962"]).startswith("Klemperer 1962.")
    assert format_reference(studies["chang2011"]).startswith("Chang et al. 2011.")  # '(Chang et al., 2011)'


def test_page_ranges_and_issues_by_hand():
    from qa.app.bibliography import page_range, volume_issue

    assert page_range("703-13") == ("703", "713") and page_range("1423-9") == ("1423", "1429")
    assert page_range("27–40") == ("27", "40") and page_range("552-556") == ("552", "556")
    assert page_range("e1002") == ("e1002", "") and page_range("S12-S19") == ("S12", "S19")
    assert volume_issue("42(1)") == ("42", "1") and volume_issue("62") == ("62", "")


def test_an_abbreviated_range_and_an_issue_export_as_reference_managers_read_them(pdf_library):
    """User trial 24: Sarkies 2010 ('Mol Cell. 2010;40(5):703-13') exported pages 703--13 (RIS EP
    13, before its start page) and the issue inside the volume field."""
    _, index = pdf_library
    (study,) = [s for s in index.studies.studies if s.first_author.startswith("Sarkies") and s.year == 2010]
    (entry,) = bibtexparser.parse_string(to_bibtex([study])).entries
    fields = {f.key: f.value for f in entry.fields}
    assert (fields["volume"], fields["number"], fields["pages"]) == ("40", "5", "703--713")
    (record,) = rispy.loads(to_ris([study]))
    assert (record["volume"], record["number"], record["start_page"], record["end_page"]) == ("40", "5", "703", "713")
    assert "Mol Cell. 2010;40(5):703–13." in format_reference(study)  # Vancouver abbreviates, as printed
