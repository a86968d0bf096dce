"""Author-year mentions without parentheses ("as described by Pandya-Jones and Black, 2009") and in
a numbered article ("(Kosarek et al. 2008)" -> [65]), read only when the reference list holds that
first author's work of that year (`citations._listed_mentions`, `references.listed_works`); bracket
groups led by 'see' / 'reviewed in'. Real ten-PDF evaluation index (user trial 39, Q12), then the
rule's guards on printed variants."""
from __future__ import annotations

from conftest import answerer_with

from qa.ingest.citations import find_citations
from qa.ingest.references import link_citations, listed_works
from qa.models import Reference

ELIFE = "10.7554_elife.91357.3"
CELREP = "10.1016_j.celrep.2021.109967"
REV1 = "10.1101_2024.02.13.580051"


def _doc(index, doc_id):
    return next(d for d in index.documents if d.id == doc_id)


def _cited(doc, label_part):
    return [c for c in doc.citations if label_part in c.label]


def test_the_running_text_mention_is_read_and_linked(pdf_library):
    """'... for 4 hr, as described by Pandya-Jones and Black, 2009.': the list has the entry."""
    doc = _doc(pdf_library[1], ELIFE)
    [citation] = [c for c in _cited(doc, "Pandya-Jones and Black, 2009")
                  if doc.text[:c.start].endswith("as described by ")]
    assert citation.key == "Pandya-Jones 2009" and citation.reference.startswith("Pandya-Jones")


def test_a_name_and_year_in_an_address_are_not_read(pdf_library):
    """The key resources table prints 'Larson and Wan, 2019' (a citation, read) and a GitHub address
    '.../Larson- Lab-CCR-NCI/tree/master/Wan_ GeneTrap_2019/...' (not one)."""
    doc = _doc(pdf_library[1], ELIFE)
    labels = [c.label for c in doc.citations if c.key == "Larson 2019"]
    assert "Larson and Wan, 2019" in labels and set(labels) <= {"Larson and Wan, 2019", "(Larson and Wan, 2019)"}


def test_table_cells_and_a_numbered_articles_legend_link_their_entries(pdf_library):
    index = pdf_library[1]
    celrep = {c.key for c in _doc(index, CELREP).citations if c.reference}
    assert {"Langmead 2012", "McLeay 2010", "Quinlan 2010", "Storey 2003"} <= celrep  # 'Hall. 2010' too
    [kosarek] = _cited(_doc(index, REV1), "Kosarek et al. 2008")
    assert kosarek.key == "65" and kosarek.style == "numeric" and "Kosarek" in kosarek.reference


def test_the_answer_offers_the_study_it_quotes(pdf_library):
    """User trial 39, Q12: the quote following the protocol now names its reference."""
    settings, index = pdf_library
    answer = answerer_with(settings, index).ask(
        "What drug did they use to stop splicing in the HeLa cells, and how much and for how long?")
    span = next(s for s in answer.spans if s.doc_id == ELIFE and "Pandya-Jones" in s.text)
    assert "Pandya-Jones 2009" in [c.key for c in span.citations]


def _ref(key: str, author: str, year: int, number: int | None = None) -> Reference:
    return Reference(doc_id="d", key=key, number=number, text=f"{author}. A title. J 1, {year}.",
                     authors=[author], year=year)


AY = [_ref("Smith 2009", "Smith J", 2009), _ref("Brown 2011a", "Brown K", 2011),
      _ref("Brown 2011b", "Brown K", 2011), _ref("Le Blanc 2004", "Le Blanc K", 2004)]


def _keys(text: str, refs: list[Reference], style: str = "author_year") -> list[str]:
    found = find_citations(text, style=style, works=listed_works(refs),
                           surnames=[r.authors[0].rsplit(" ", 1)[0] for r in refs])
    return [c.key for c in link_citations(found, refs) if c.reference]


def test_only_listed_works_are_read() -> None:
    assert _keys("as described by Smith and Jones, 2009. Then", AY) == ["Smith 2009"]
    assert _keys("Smith and Jones (2009) showed it.", AY) == ["Smith 2009"]
    assert _keys("Le Blanc and colleagues, 2004 showed it.", AY) == ["Le Blanc 2004"]
    assert _keys("as described by Smith and Jones, 2010. Then", AY) == []  # no Smith 2010
    assert _keys("Jones and Smith, 2009 disagree.", AY) == []  # Smith is not the first author
    assert _keys("In Boston, 2009 was a good year.", AY) == []


def test_a_year_without_its_letter_is_read_only_when_one_work_carries_it() -> None:
    assert _keys("as shown by Brown and Lee, 2011b; here", AY) == ["Brown 2011b"]
    assert _keys("as shown by Brown and Lee, 2011; here", AY) == []


def test_a_numbered_list_gives_the_entry_number() -> None:
    refs = [_ref("1", "Smith J", 2009, 1), _ref("2", "Kosarek JN", 2008, 2), _ref("3", "Kosarek JN", 2008, 3)]
    assert _keys("polymerases (Smith et al. 2009) and [1].", refs, "numeric") == ["1", "1"]
    assert _keys("polymerases (Kosarek et al. 2008).", refs, "numeric") == []  # two such entries


def test_bracket_groups_led_by_words() -> None:
    text = "Cells divide [see 12]. They migrate [reviewed in 3, 4]. See [Fig. 2] and [e.g., 5-7]."
    keys = [c.key for c in find_citations(text, style="numeric")]
    assert keys == ["12", "3", "4", "5", "6", "7"]
