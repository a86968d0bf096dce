"""Tables of the real corpus rebuilt into self-describing rows."""
from __future__ import annotations

import re

import pytest

from qa.settings import PROJECT_ROOT
from qa.ingest.clean.cleaner import clean
from qa.ingest.corpus import read_corpus
from qa.ingest.clean.tables import find_table_end, is_footnote, render_table, split_header

CORPUS = PROJECT_ROOT / "corpus"


@pytest.fixture(scope="module")
def kim():
    docs = {d.meta.id: d.text for d in read_corpus(CORPUS).documents}
    return clean(docs["kim2013"])


def rows_by_reference(c) -> dict[str, dict[str, str]]:
    table = next(t for t in c.tables if t.caption.startswith("Table 2"))
    out = {}
    for a, b in table.rows:
        line = c.text[a:b]
        body = line.split(". ", 1)[1].rstrip(".") if ")." in line else line
        cells = dict(part.split(": ", 1) for part in body.split("; "))
        out[cells["Reference"]] = cells
    return out


def test_table2_has_every_trial_row(kim):
    table = next(t for t in kim.tables if t.caption.startswith("Table 2"))
    assert table.caption == "Table 2. Clinical trials of mesenchymal stem cell therapy"
    assert table.columns == ["Reference", "Disease", "Phase", "No. of patients", "MSC source",
                             "Route", "Outcome"]
    # The printed table (two pages) lists 45 trials, each with its reference number.
    assert len(table.rows) == 45
    rows = rows_by_reference(kim)
    assert len(rows) == 45
    for ref, cells in rows.items():
        assert re.fullmatch(r".+ et al\. \[\d+\]", ref), ref
        assert re.fullmatch(r"(?:I|II|III|IV)(?:/(?:I|II|III|IV))?", cells["Phase"]), cells
        assert cells["No. of patients"].isdigit(), cells
        assert set(cells) == set(table.columns), cells


def test_table2_cells(kim):
    rows = rows_by_reference(kim)
    assert rows["Yang et al. [104]"] == {
        "Reference": "Yang et al. [104]", "Disease": "MI", "Phase": "I", "No. of patients": "16",
        "MSC source": "Allo-BM", "Route": "Intracoronary", "Outcome": "Improved"}
    assert rows["Ning et al. [80]"]["Outcome"] == ("Improved but higher recurrence rate of "
                                                   "hematologic malignancy")
    assert rows["Garcia-Olmo et al. [110]"] == {
        "Reference": "Garcia-Olmo et al. [110]", "Disease": "Crohn disease", "Phase": "II",
        "No. of patients": "14", "MSC source": "Auto adipose-tissue", "Route": "Intrafistula",
        "Outcome": "Improved"}
    riordan = rows["Riordan et al. [114]"]
    assert (riordan["MSC source"], riordan["Route"], riordan["Outcome"]) == (
        "Auto/allo adipose-tissue", "IV and Intrathecal", "Mixed")
    le_blanc = rows["Le Blanc et al. [68]"]
    assert (le_blanc["MSC source"], le_blanc["Route"]) == ("Allo-fetal", "In utero transplantation")
    fang = rows["Fang et al. [85]"]
    assert (fang["MSC source"], fang["Route"], fang["Outcome"]) == ("Allo-adipose tissue", "IV", "Improved")
    assert rows["Bernardo et al. [82]"]["Outcome"] == "Did not support engraftment but abrogated GVHD"
    assert rows["Lucchini et al. [87]"]["Disease"] == "aGVHD, cGVHD"
    assert rows["Lucchini et al. [87]"]["Outcome"] == "Improved (greater in aGVHD)"
    assert rows["Mohamadnejad et al. [125]"]["Disease"] == "Liver cirrhosis"
    assert rows["Mohyeddin Bonab et al. [111]"]["Route"] == "Intrathecal"
    assert rows["Carrion et al. [119]"]["Outcome"] == "No change"
    assert rows["Macmillan et al. [83]"]["Phase"] == "I/II"


def test_rendered_rows_are_lines_of_the_cleaned_text(kim):
    for table in kim.tables:
        for a, b in table.rows:
            line = kim.text[a:b]
            assert "\n" not in line and line.startswith(table.caption.split(".")[0] + " (")
        assert kim.text[table.start:table.end].count("\n") == len(table.rows) - 1
    # the abbreviation footnote stays in the text (for the glossary) but is skipped as a passage
    foot = kim.text.index("MSC, mesenchymal stem cell; OI, osteogenesis imperfecta")
    assert any(a <= foot < b for a, b in kim.skip_spans)


def test_table1_is_one_block(kim):
    table = next(t for t in kim.tables if t.caption.startswith("Table 1"))
    assert table.columns == ["Surface markers", "Differentiation potential", "Other characteristics"]
    assert len(table.rows) == 1
    text = kim.text[table.start:table.end]
    assert text.startswith("Table 1 (Minimal criteria of mesenchymal stem cells). Surface markers: "
                           "CD73+, CD90+, CD105+, CD34–")
    assert "; Differentiation potential: Osteogenic, Adipogenic, Chondrogenic;" in text
    assert text.endswith("Other characteristics: Adherence to plastic, Spindle-shape morphology.")


def test_generic_pieces():
    assert split_header("Study Year No. of patients Cell dose") == ["Study", "Year",
                                                                   "No. of patients", "Cell dose"]
    assert is_footnote("MSC, mesenchymal stem cell; BM, bone marrow; IV, intravenous.")
    assert not is_footnote("MSCs, however, differ in their properties.")
    lines = ["Table 3. Doses", "", "Study Disease Phase Patients Route", "",
             "Smith et al. [1] GVHD II 12 IV", "", "Doe et al. [2] Crohn disease I 4 Intra-",
             "fistula", "", " The next paragraph of the article starts here and goes on for",
             "a while, as prose does, with several long lines that wrap at the", "column edge."]
    end, foot = find_table_end(lines, 0)
    assert (end, foot) == (9, None)
    table = render_table(lines[0], lines[1:end], lambda ss: " ".join(ss).replace("Intra- fistula", "Intrafistula"))
    assert table.rows == [
        "Table 3 (Doses). Study: Smith et al. [1]; Disease: GVHD; Phase: II; Patients: 12; Route: IV.",
        "Table 3 (Doses). Study: Doe et al. [2]; Disease: Crohn disease; Phase: I; Patients: 4; "
        "Route: Intrafistula."]
