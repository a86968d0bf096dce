"""A question that names its article in the user's words ("In the Acinetobacter desiccation
paper, ...") is asked of that article, without the naming words (qa/retrieval/named_article.py)."""
from __future__ import annotations

import pytest

from conftest import answerer_with, run_qa
from qa.retrieval.named_article import article_scores, named_article, naming_phrase, naming_words


@pytest.mark.parametrize("question, name, rest", [
    ("In the Acinetobacter desiccation paper, what LC-MS setup was used?", "Acinetobacter desiccation",
     "What LC-MS setup was used?"),
    ("according to the HSCT review: which cells make up the niche?", "HSCT", "Which cells make up the niche?"),
    ("What MMS dose was used in the REV1 preprint?", "REV1", "What MMS dose was used?"),
    ("How are MSCs characterised in vitro according to the HSCT review?", "HSCT", "How are MSCs characterised in vitro?"),
    # named within the question (docs audit 25)
    ("What does Figure 7 of the peptide-guided lipid nanoparticle paper show?", "peptide-guided lipid nanoparticle",
     "What does Figure 7 show?"),
    ("Per Figure 1 of the autoimmunity review, which MSC products suppress T and B cells?", "autoimmunity",
     "Per Figure 1, which MSC products suppress T and B cells?"),
])
def test_the_naming_phrase_is_read_off_the_question(question, name, rest):
    assert naming_phrase(question) == (name, rest)


@pytest.mark.parametrize("question", [
    "In the multicenter phase II study, what response rate was seen?",  # a cited study, not a document
    "What did the review say about SLE?",
    "Which paper reported the first MSC trial?",
    # within the question: two documents named, an ordinal, a possessive, a function word are no name
    "For Le Blanc's study, what response rate does each of the clinical-applications review and the HSCT review report?",
    "What is the main result of the first review article?",
    "Which table of the HSCT review's appendix lists the trials?",
    "What did the authors of the review conclude?",
    "What is the effect of MSCs reported in the review?",
])
def test_questions_that_name_no_document_are_left_alone(question):
    assert naming_phrase(question) is None


@pytest.mark.parametrize("question, doc", [
    ("In the Acinetobacter desiccation paper, what LC-MS setup was used?", "10.1128_jb.00479-21"),
    ("in the slow-moving zone splicing paper, what distance cutoff defined colocalized spots?", "10.7554_elife.91357.3"),
    ("In the PARP1 UFMylation paper, which statistical test was used?", "10.1073_pnas.2322520121"),
    ("in the Kim review, which trials used MSCs for Crohn's disease?", "kim2013"),  # its id names it
    ("What does the autoimmune review say about SLE?", None),  # no naming phrase of that form
    ("in the mouse paper, what dose was given?", None),  # several articles use mice: none is clearly it
    ("in the human paper, what dose was given?", None),  # nor 'human', in reviews and articles alike
    # named within the question, by title words in another form (docs audit 25)
    ("What does Figure 7 of the peptide-guided lipid nanoparticle paper show?", "10.1126_sciadv.add4623"),
])
def test_the_named_article_is_the_one_its_words_describe(pdf_library, question, doc):
    settings, index = pdf_library
    found = named_article(index, question, answerer_with(settings, index).retriever.expander)
    assert (found.doc_id if found else None) == doc, article_scores(index, naming_phrase(question)[0]) \
        if naming_phrase(question) else None


def test_a_question_naming_its_article_is_answered_from_it(pdf_library):
    """User trial 12 (J5): refused with the naming words, answered without them. Now the words pick
    the article and the rest is asked of it."""
    settings, index = pdf_library
    answerer = answerer_with(settings, index)
    answer = answerer.ask("in the Hoxa9 cell fate paper, how were the cells crosslinked for ChIP?")
    assert answer.found and answer.spans[0].doc_id == "10.1016_j.celrep.2021.109967"
    assert "1% formaldehyde" in answer.spans[0].text
    assert "Read 'Hoxa9 cell fate' as the article 10.1016_j.celrep.2021.109967." in answer.message
    assert answer.question.startswith("in the Hoxa9 cell fate paper")
    answer = answerer.ask("In the Acinetobacter desiccation paper, what LC-MS setup and gradient were used "
                          "for the label-free proteomics?")
    assert answer.found and {s.doc_id for s in answer.spans} == {"10.1128_jb.00479-21"}


def test_cli_says_which_article_it_read_the_name_as():
    out = run_qa("ask", "According to the HSCT review, how are human MSCs characterised in vitro?")
    assert out.returncode == 0, out.stderr
    assert "Read 'HSCT' as the article pmc3782548." in out.stdout


def test_cli_search_reads_the_name_as_ask_does():
    out = run_qa("search", "According to the HSCT review, how are human MSCs characterised in vitro?", "--json")
    assert out.returncode == 0, out.stderr
    import json

    hits = json.loads(out.stdout)["hits"]
    assert hits and {h["passage"]["doc_id"] for h in hits} == {"pmc3782548"}
    out = run_qa("search", "According to the HSCT review, how are human MSCs characterised in vitro?")
    assert out.returncode == 0 and "Read 'HSCT' as the article pmc3782548." in out.stdout


def test_the_library_retrieve_reads_the_name_too(pdf_library):
    """`qa.retrieve` / `Retriever.search` read an article named in the question as `ask` does."""
    from qa.retrieval.retriever import Retriever

    settings, index = pdf_library
    hits = Retriever(settings, index=index).search("In the PARP1 UFMylation paper, which statistical test was used?")
    assert hits and {h.passage.doc_id for h in hits} == {"10.1073_pnas.2322520121"}
    plain = Retriever(settings, index=index).search("Which statistical test was used?")
    assert len({h.passage.doc_id for h in plain}) > 1


def test_a_naming_word_is_used_in_its_other_forms(pdf_library):
    """'mouse' is written 'mice' through most articles about mice: the synonym groups give a
    naming word its other one-word forms, so such an article counts as using it."""
    settings, index = pdf_library
    expander = answerer_with(settings, index).retriever.expander
    assert naming_words("mouse", None) == [frozenset({"mouse"})]
    assert {"mouse", "mice", "murine"} <= naming_words("mouse", expander)[0]
    plain, forms = article_scores(index, "mouse"), article_scores(index, "mouse", expander)
    assert forms["10.3390_cancers14194849"] > plain["10.3390_cancers14194849"]  # a 'mice' article


def test_the_readmes_named_article_example_is_answered(pdf_library):
    """User trial 22: the README's own example ("... what LC-MS setup was used?") was refused in a
    user's library ('setup' is no word of the article). The README's example is asked as printed."""
    import re

    from conftest import ROOT

    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    example = re.search(r'named in the question \(.{0,120}?"(In the Acinetobacter desiccation paper, [^"]+\?)"', readme).group(1)
    answer = answerer_with(*pdf_library).ask(example)
    assert answer.found and "Thermo Easy-nLC" in answer.spans[0].text
    assert "Read 'Acinetobacter desiccation' as the article 10.1128_jb.00479-21." in answer.message



def test_document_ids_written_in_the_question_say_which_articles_to_ask():
    """User trial 26: "Compare the response rate that kim2013 and figueroa2012 report for the Le
    Blanc phase II GVHD trial" was refused: the ids, read as words no passage holds, looked like a
    near miss. They name the articles to ask, as --doc does, and leave the question."""
    import qa
    from qa.retrieval.named_article import named_ids

    ids = ["kim2013", "figueroa2012", "pmc3782548"]
    read = named_ids(ids, "Compare the response rate that kim2013 and figueroa2012 report for the phase II trial")
    assert read is not None and read.doc_ids == ["kim2013", "figueroa2012"]
    assert read.question == "Compare the response rate that report for the phase II trial"
    assert named_ids(ids, "What does Kim2013 say about SLE?").doc_ids == ["kim2013"]
    assert named_ids(ids, "What did Kim et al. report in 2013?") is None
    answer = qa.ask("Compare the response rate that kim2013 and figueroa2012 report for the Le Blanc phase II "
                    "GVHD trial")
    assert answer.found and "Asked of kim2013 and figueroa2012" in answer.message
    assert {s.doc_id for s in answer.spans} <= {"kim2013", "figueroa2012"}
    assert "70% initial response rate" in answer.spans[0].text


@pytest.mark.parametrize("forms, title, found", [
    ({"autoimmunity"}, {"autoimmune", "disease"}, True),  # the title's word in another form
    ({"transplantation"}, {"transplant"}, True),  # the shorter word whole
    ({"immunology"}, {"immunity"}, False),  # 'immun' only: fewer than STEM letters shared
    ({"mesothelial"}, {"mesenchymal"}, False),
    ({"mouse"}, {"mice"}, False),  # short words only as written (the glossary gives 'mice')
    ({"cellular"}, {"cell"}, False),
])
def test_a_title_word_is_matched_in_its_near_forms(forms, title, found):
    from qa.retrieval.named_article import labelled

    assert labelled(frozenset(forms), title) is found


def test_a_figure_named_of_an_article_is_answered_from_it(pdf_library):
    """Docs audit 25: refused while the article was not read from "... of the ... paper show?"."""
    settings, index = pdf_library
    answer = answerer_with(settings, index).ask("What does Figure 7 of the peptide-guided lipid nanoparticle "
                                                "paper show?")
    assert answer.found and answer.spans[0].doc_id == "10.1126_sciadv.add4623"
    assert answer.spans[0].text.startswith("Fig. 7. MH42-conjugated LNPs")
    assert "Read 'peptide-guided lipid nanoparticle' as the article 10.1126_sciadv.add4623." in answer.message


def test_a_title_word_in_another_form_names_the_review(settings, index):
    """On the reviews' library (whose titles are known): 'autoimmunity' is no word of any review, and
    figueroa2012's title writes "autoimmune diseases"."""
    question = "Per Figure 1 of the autoimmunity review, which MSC products suppress T and B cells?"
    found = named_article(index, question, answerer_with(settings, index).retriever.expander)
    assert found is not None and found.doc_id == "figueroa2012"
    assert found.question == "Per Figure 1, which MSC products suppress T and B cells?"


def test_a_hyphenated_name_writing_two_title_words_names_the_review(settings, index):
    """'clinical-applications' is tokenized as its parts (which every review writes) and as the parts joined,
    which no review writes but kim2013's title does side by side ("Clinical applications of mesenchymal stem
    cells"): the joined token names it (round 11's "according to the clinical-applications review")."""
    expander = answerer_with(settings, index).retriever.expander
    assert frozenset({"clinicalapplication"}) in naming_words("clinical-applications", expander)
    scores = article_scores(index, "clinical-applications", expander)
    assert scores["kim2013"] > 0 and all(v == 0 for d, v in scores.items() if d != "kim2013")
    question = "Which complications still limit HSCT according to the clinical-applications review?"
    found = named_article(index, question, expander)
    assert found is not None and found.doc_id == "kim2013" and found.question == "Which complications still limit HSCT?"
    # the two words apart name no review: every review writes 'clinical' and 'application'
    assert named_article(index, "Which complications still limit HSCT according to the clinical review?",
                         expander) is None


def test_a_hyphenated_name_answers_from_its_review(settings, index):
    """Asked of kim2013 alone, the list of HSCT's complications is among the quotes (before, the
    review's 'In this review, we summarize ...' passage came first and the sentence was not quoted)."""
    answer = answerer_with(settings, index).ask(
        "Which complications still limit HSCT according to the clinical-applications review?")
    assert answer.found and {s.doc_id for s in answer.spans} == {"kim2013"}
    assert any("regimen-related toxicity, engraftment failure, and GVHD" in s.text for s in answer.spans)
