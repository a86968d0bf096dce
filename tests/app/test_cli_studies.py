"""`qa ask` leads sources answers with the study table; `qa studies`, `qa study`, exports."""
from __future__ import annotations

import json
import re

import bibtexparser
import pytest
import rispy

from conftest import library_args, run_qa, run_qa_here, run_qa_once

pytestmark = pytest.mark.slow


def test_sle_sources_first_screen_shows_the_trials_with_full_entries_and_their_reviews():
    result = run_qa_once("ask", "Which sources were used for SLE?")
    assert result.returncode == 0, result.stderr
    screen = "\n".join(result.stdout.splitlines()[:40])
    assert max(len(line) for line in screen.splitlines()) <= 100
    for key, entry in (("116", "Ann Rheum Dis 2010;69:1423-1429"), ("117", "Arthritis Rheum 2010;62:2467-2475"),
                       ("119", "Lupus 2010;19:317-322")):
        assert f"kim2013 [{key}]" in screen, key
        assert entry in " ".join(screen.split()), key
    # the same trials cited by the author-year review are shown on the same rows
    assert re.search(r"Sun 2010, Arthritis Rheum — cited by .*figueroa2012 \(Sun et al\., 2010\)", screen)
    assert re.search(r"Carrion 2010, Lupus — cited by .*figueroa2012 \(Carri.n et al\., 2010\)", screen)
    assert "metadata unconfirmed" in result.stdout
    assert "not in the reference list" not in screen
    assert re.search(r"(?m)^1\. (kim2013|figueroa2012|pmc3782548)(?: · .+?)? \(\d+-\d+\)", result.stdout)  # spans below


def test_ask_exports_parse_back():
    bib = run_qa_once("ask", "Which sources were used for SLE?", "--format", "bibtex")
    assert bib.returncode == 0, bib.stderr
    library = bibtexparser.parse_string(bib.stdout)
    keys = [e.key for e in library.entries]
    assert keys and len(keys) == len(set(keys)) and "sun2010" in keys
    ris = run_qa("refs", "kim2013", "--format", "ris")
    assert ris.returncode == 0, ris.stderr
    assert len(rispy.loads(ris.stdout)) == 154


def test_studies_and_study_commands():
    listing = run_qa("studies", "--author", "Le Blanc", "--year", "2004")
    assert listing.returncode == 0, listing.stderr
    assert listing.stdout.startswith("leblanc2004")
    page = run_qa_once("study", "leblanc2004")
    assert page.returncode == 0, page.stderr
    for doc in ("kim2013 [84]", "figueroa2012 (Le Blanc et al., 2004)"):
        assert doc in page.stdout
    assert "confidence" in page.stdout
    bad = run_qa("study", "nosuchstudy1999")
    assert bad.returncode != 0 and bad.stderr.startswith("qa: unknown study") and len(bad.stderr.splitlines()) == 1
    typo = run_qa("study", "leblan2004")  # a typo is offered the id it misspells
    assert typo.returncode != 0 and "nearest: leblanc2004" in typo.stderr
    far = run_qa("study", "nope")  # docs audit 24: 'nope' was offered three unrelated ids
    assert far.returncode != 0 and "no study id is close to it" in far.stderr and "nearest" not in far.stderr


@pytest.fixture(scope="module")
def pdf_eval_index_args(pdf_library) -> list[str]:
    """`--corpus-dir/--index-dir` of the seeds + ten-PDF evaluation library (conftest's `pdf_library`)."""
    settings, _ = pdf_library
    return library_args(settings)


def test_initials_first_authors_give_surname_year_ids(pdf_eval_index_args: list[str]):
    """PNAS prints 'A. A. Demin, B. Gibson': ids and order go by surname, as in every other style."""
    where = pdf_eval_index_args
    listed = run_qa(*where, "studies", "--doc", "10.1073_pnas.2322520121", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    ids = [s["id"] for s in json.loads(listed.stdout)]
    assert {"hanzlikova2018", "demin2021", "gibson2012"} <= set(ids) and ids == sorted(ids)
    assert not any(i.startswith(("aademin", "hhanzlikova", "bagibson")) for i in ids)
    one = run_qa(*where, "study", "hanzlikova2018")
    assert one.returncode == 0 and "Mol. Cell 71, 319–331.e3 (2018)." in one.stdout, one.stderr


@pytest.mark.parametrize("author,surname", [("Ning H", "Ning"), ("Henning, S.J.", "Henning"), ("S. J. Henning", "Henning"),
                                            ("Le Blanc K", "Le Blanc"), ("Tang C-HA", "Tang"), ("Kaelin WG Jr.", "Kaelin")])
def test_surname_of_an_author_as_printed(author, surname):
    from qa.ingest.refparse import first_surname

    assert first_surname(author) == surname


def test_author_filter_matches_the_surname_not_a_part_of_it():
    """User trial 6: `--author Ning` listed 'Henning' and 'Steininger'. Here: 'Chan' is a part of
    'Chang', 'Chanda' and 'Lechanteur', which the real CLI must not list for it."""
    from qa.ingest.refparse import first_surname

    result = run_qa("studies", "--author", "Chan", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows
    for row in rows:
        surnames = {first_surname(a).lower() for a in (row.get("authors") or [row.get("first_author", "")])}
        assert "chan" in surnames, row


@pytest.mark.parametrize("author", ["", "!!!", "12"])
def test_an_author_without_letters_is_one_line_and_exit_2(author):
    """'--author !!!' had no surname to match and listed every study without an author (before
    that, every study): it is refused in one line, and the library search matches nothing."""
    run = run_qa if author == "!!!" else run_qa_here  # one through a real process, as a user runs it
    result = run("studies", "--author", author)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [f"qa: --author needs a surname with letters, got {author!r}"]


def test_the_library_search_matches_no_study_for_an_author_without_letters(index):
    assert index.studies.search(author="!!!") == [] and index.studies.search(author="Ning")


TUMOUR = ("Whether MSCs themselves have antitumor effects is still controversial as some studies have "
          "suggested that even unmodified MSCs inhibit tumor growth and angiogenesis [128-130], while "
          "others report that MSCs promote tumorigenesis and metastasis [131-133].")


def test_a_long_sentence_is_shown_up_to_the_studys_citation():
    """User trial 18: every study row quoted the sentence's first 90 characters, so the claim each
    study backs ("... promote tumorigenesis and metastasis [131-133]") was cut off."""
    from qa.app.render import excerpt_to

    late = TUMOUR.index("[131-133]") + len("[131-133]")
    assert excerpt_to(TUMOUR, late, 80) == "…while others report that MSCs promote tumorigenesis and metastasis [131-133]."
    early = TUMOUR.index("[128-130]") + len("[128-130]")
    assert excerpt_to(TUMOUR, early, 80) == "…that even unmodified MSCs inhibit tumor growth and angiogenesis [128-130]…"
    # when the opening and the citation fit, the sentence is cut after the citation, as before
    assert excerpt_to(TUMOUR, early, 184).startswith("Whether MSCs") and "[128-130], while…" in excerpt_to(TUMOUR, early, 184)
    assert excerpt_to(TUMOUR, -1, 40) == "Whether MSCs themselves have antitumor…"  # no citation: the opening
    assert excerpt_to("Short [1].", 9, 80) == "Short [1]."


def test_study_rows_quote_the_claim_each_study_backs():
    result = run_qa_once("ask", "Which studies report that MSCs promote tumorigenesis and metastasis?", "--json")
    rows = json.loads(result.stdout)["studies"]
    assert rows and all(row["sentence"][:row["cited_at"]].rstrip().endswith("[131-133]") for row in rows)
    screen = run_qa_once("ask", "Which studies report that MSCs promote tumorigenesis and metastasis?").stdout
    table = screen.split("\nArticles quoted")[0]
    assert table.count("promote tumorigenesis and metastasis [131-133]") == len(rows) == 3


def test_a_study_without_an_entry_is_named_by_its_citing_sentence():
    """User trial 18: pmc3782548's studies (no reference list in its text) were headed
    "Unresolved citation" beside a quote naming "Barbash et al."."""
    from qa.app.study_view import unresolved_name

    assert unresolved_name("In a rat model, Barbash et al. reported that direct ... infusion.68") == \
        "Barbash et al. (named in the quote; no reference entry)"
    assert unresolved_name("Horwitz et al. and Le Blanc et al. reported ...") == "No reference entry"  # which one?
    assert unresolved_name("MSCs home to the infarct.68") == "No reference entry"
    out = run_qa_once("ask", "Which study compared left ventricular infusion of MSCs with intravenous infusion in a rat MI model?").stdout
    assert "Barbash et al. (named in the quote; no reference entry) — cited by pmc3782548 [68]" in out
    assert "Unresolved citation" not in out


def test_the_chat_copies_and_shows_an_entryless_study_by_the_name_its_pane_gives() -> None:
    """Review of session 19: the chat's copy text headed an entry-less study "No reference entry"
    while its References pane named it "Barbash et al." from the citing sentence."""
    import qa
    from qa.app.tui_studies import study_copy_text, study_references_text

    answer = qa.ask("Which study compared left ventricular infusion of MSCs with intravenous infusion in a rat MI model?")
    row = next(r for r in answer.studies if not r.study.entry)
    copied, pane = study_copy_text(row), study_references_text(row).plain
    assert copied.splitlines()[0] == pane.splitlines()[0] == "Barbash et al. (named in the quote; no reference entry)"
    assert "Cited by: pmc3782548 [68]" in copied


def test_a_study_named_twice_in_one_sentence_says_so() -> None:
    """User trial 24 (and 22): 'cited 2 times' above one sentence ("In 2004, Le Blanc et al, treated
    ... (Le Blanc et al., 2004)" names it twice)."""
    out = run_qa_once("study", "leblanc2004").stdout
    assert "figueroa2012 (Le Blanc et al., 2004) — cited 2 times in 1 sentence" in out
    assert re.search(r"kim2013 \[84\] — cited \d+ times?\n", out)  # one citation per sentence: no count of sentences
