"""Questions answered by an article's Methods (evals/README.md, "Methods questions helper"), on the
real PDF library where a library is needed: where the Methods run (`section_role.methods_spans`),
a question's everyday words against a protocol's lab terms (the refusal's `missing_specific`), a
procedure's summary ("Briefly, ...") taking the citation of the method it summarises, and time
units in their lab abbreviations."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from qa.answer.inherited import continues_cited_study, inherited_citations
from qa.answer.joins import CONTINUATION
from qa.retrieval.question import has_number
from qa.answer.refusal import specific_tokens
from qa.retrieval.section_role import in_methods, methods_spans
from qa.models import Section
from qa.retrieval.spelling import english_frequency

from conftest import answerer_with

DESICCATION = "10.1128_jb.00479-21"  # Methods after the Discussion
MUTATIONS = "10.1093_nar_gkae252"  # Methods before the Results
REGIMEN = "What regimen of doxorubicin did the tumour-bearing mice receive?"


def _document(paragraphs: list[tuple[str, str]]) -> SimpleNamespace:
    """A cleaned text of (heading, body) paragraphs with a section per body, as the text pipeline
    records them: a heading with no body of its own (a Methods heading over its first subsection)
    stands in the text and opens no section."""
    text, sections = "", []
    for heading, body in paragraphs:
        text += heading + "\n\n"
        if body:
            sections.append(Section(title=heading, start=len(text), end=len(text) + len(body)))
            text += body + "\n\n"
    return SimpleNamespace(text=text, sections=sections)


def test_the_methods_run_from_their_heading_to_the_next_part_of_the_article():
    doc = _document([("Introduction", "Why."), ("Results", ""), ("Cells die", "They die."),
                     ("Figure 2", "(A) Survival of cells."), ("Discussion", "So."),
                     ("Materials and Methods", ""), ("Cell culture", "Cells were grown."),
                     ("Figure 3", "(B) A legend in the Methods."), ("Statistical analysis", "t tests."),
                     ("Acknowledgments", "Thanks."), ("2.1. Data and code availability", "Online.")])
    titles = {s.title: s for s in doc.sections}
    spans = methods_spans(doc)
    assert spans == ((titles["Cell culture"].start, titles["Cell culture"].end),
                     (titles["Statistical analysis"].start, titles["Statistical analysis"].end))


@pytest.mark.parametrize("heading", ["Methods", "2. Materials and Methods", "MATERIALS AND METHODS",
                                     "Experimental procedures", "Method details", "STAR★METHODS",
                                     "EXPERIMENTAL MODEL AND SUBJECT DETAILS", "Patients and methods"])
def test_a_methods_heading_in_its_printed_forms(heading):
    doc = _document([("Results", "Found."), (heading, ""), ("Mouse models", "Mice were bred.")])
    assert len(methods_spans(doc)) == 1


def test_a_heading_only_naming_a_method_does_not_open_the_methods():
    doc = _document([("Results", ""), ("A new method for sorting cells", "We sorted."),
                     ("Comparison of methods", "Both worked.")])
    assert methods_spans(doc) == ()


def test_the_methods_of_real_articles_and_none_in_a_review(pdf_library):
    settings, index = pdf_library
    for doc_id, inside, outside in [(DESICCATION, "Desiccation assay.", "DISCUSSION"),
                                    (MUTATIONS, "Mutation datasets", "Discussion")]:
        doc = index.document(doc_id)
        spans = set(methods_spans(doc))
        by_title = {s.title: (s.start, s.end) for s in doc.sections}
        assert by_title[inside] in spans and by_title[outside] not in spans
    assert methods_spans(index.document("kim2013")) == ()
    passage = next(index.passages[int(r)] for r in index.rows_of_doc(DESICCATION)
                   if index.passages[int(r)].section == "Desiccation assay.")
    assert in_methods(index, passage)


def test_general_english_words_are_told_from_technical_ones():
    for everyday in ("implanted", "slurry", "regimen", "steroid", "leftover"):
        assert english_frequency(everyday) > 100, everyday
    for technical in ("nucleoside", "luciferin", "cachexia", "tomography", "buprenorphine", "meropenem"):
        assert english_frequency(technical) <= 100, technical
    question = "What regimen of doxorubicin and which steroid did the KO mice receive?"
    assert {"regimen", "steroid", "ko"} <= specific_tokens(question)
    lenient = specific_tokens(question, general_above=100)
    assert "regimen" not in lenient and "steroid" not in lenient
    assert {"doxorubicin", "ko"} <= lenient  # a technical word and a name stay specific


def test_a_protocol_asked_in_everyday_words_is_read_against_the_methods(pdf_library):
    """'regimen' is written nowhere: read as a missing technical term it halved the confidence of an
    answer the Methods give ("2.5 mg/kg of IV-doxorubicin was injected into the tail veins 1× weekly")."""
    settings, index = pdf_library
    on = answerer_with(settings, index).ask(REGIMEN)
    off = answerer_with(settings, index, refusal_methods_general_words=0).ask(REGIMEN)
    assert on.found and "mg/kg" in on.spans[0].text and in_methods(index, on.passages[0].passage)
    assert on.confidence > off.confidence + 0.1


@pytest.mark.parametrize("question", [
    "Were the mice given buprenorphine after the tumour cells were implanted?",
    "What imidazole concentration eluted the EF-1A proteins from the HisTrap column?",
])
def test_a_technical_word_no_article_writes_still_counts_as_missing(pdf_library, question):
    settings, index = pdf_library
    on = answerer_with(settings, index).ask(question)
    off = answerer_with(settings, index, refusal_methods_general_words=0).ask(question)
    assert on.confidence == off.confidence


def test_a_summary_continues_the_sentence_naming_its_method():
    for opening in ("Briefly, cells were washed twice.", "In brief, nuclei were collected."):
        assert CONTINUATION.match(opening) and continues_cited_study(opening)
    assert not CONTINUATION.match("Brief exposures to MMS were lethal.")
    assert not continues_cited_study("Briefly, we identified the brightest pixel.")  # the article's own step


def test_a_summary_takes_the_citation_of_the_method_it_summarises(pdf_library):
    """"These experiments were performed as previously described [79]. Briefly, 6-cm NGM plates were
    seeded ...": the plates' preparation is [79]'s."""
    settings, index = pdf_library
    answerer = answerer_with(settings, index)
    hits = answerer.retriever.search("slow-killing assay as previously described Briefly NGM plates seeded", k=10)
    units = [u for u in answerer.units(hits) if u.text.startswith("Briefly, 6-cm NGM plates were seeded")]
    assert units, "the summary sentence was not retrieved"
    assert [c.key for c in inherited_citations(units[0], index, "back")] == ["79"]
    assert answerer.cites(units[0])


@pytest.mark.parametrize("text, states", [
    ("treated for 4 hr before fixation", True), ("spun for 30 minutes", True), ("for 90 sec", True),
    ("2 hrs later", True), ("exposed for 5 s", True), ("for 10 mins", True), ("after 3 yrs", True),
    ("the 16 S rRNA gene", False), ("in the 1970s", False), ("with 5 mM MgCl2", False),
])
def test_time_units_in_their_lab_abbreviations(text, states):
    assert has_number(text, "time") is states


def test_a_legend_stating_the_asked_dose_keeps_its_score(pdf_library):
    """PNAS gives its protocols in the figure legends: "after receiving a single dose of HU (2,000 mg/kg of
    body weight)" is the answer, and the legend prior (`span_legend_penalty`) used to push it below
    Methods sentences of other articles (`span_legend_keeps_measure`). Since the thirty-eighth session the
    prior reads only a legend sentence keying its image's colours, which this one does not: it keeps its
    score with the exemption off too."""
    settings, index = pdf_library
    question = "What dose of hydroxyurea did the knock-in mice get in the survival experiment?"
    for answer in (answerer_with(settings, index).ask(question),
                   answerer_with(settings, index, span_legend_keeps_measure=False).ask(question)):
        assert any("2,000 mg/kg" in s.text for s in answer.spans[:2])
