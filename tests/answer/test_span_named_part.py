"""A question naming the part of the article it asks of ("per the intro", "In the Discussion, ...") is
answered from that part (`qa.answer.named_part`, `named_part_margin`; evals/README.md, thirty-first
session, "The PDFs' first span: answers whose right sentence is ranked later"): the part read from the
question's grammar, the order on made-up units over the real PDF library's parts, and real questions."""
from __future__ import annotations

from qa.answer.named_part import named_part_first, named_parts

from conftest import answerer_with, part_start, part_unit

PNAS = "10.1073_pnas.2322520121"
NAR = "10.1093_nar_gkae252"


def test_the_part_is_read_from_a_preposition_and_the_parts_name():
    assert named_parts("According to the discussion, what has to happen to a stalled fork?") == {"discussion"}
    assert named_parts("In the Discussion, which cellular processes are listed?") == {"discussion"}
    assert named_parts("which patient groups does it typically infect, per the intro?") == {"introduction",
                                                                                             "background"}
    assert named_parts("Do the Figure 2 legend and the Methods describe the same clustering?") == {"methods"}
    assert named_parts("What does the abstract say about it?") == set()  # no preposition before 'the abstract'
    assert named_parts("What do they report in the methods section?") == {"methods"}


def test_words_that_are_no_parts_name_are_not_read():
    # a modifier between: a discussion of something, not the part; "of" after: the same
    assert named_parts("What sets MH42 apart, per the QikProp discussion?") == set()
    assert named_parts("What came out of the discussion of the results?") == set()
    assert named_parts("Which of the results held up, per the discussion of the panel?") == set()
    # the singular common noun, and a part word without its article
    assert named_parts("What is SIRT, the method used to build the alleles?") == set()
    assert named_parts("Which results support it?") == set()


def test_the_named_parts_sentence_within_the_margin_comes_first(pdf_library):
    _, index = pdf_library
    intro, discussion = part_start(index, PNAS, "introduction"), part_start(index, PNAS, "discussion")
    units = [part_unit(PNAS, intro, 0.68, "introduction"), part_unit(PNAS, intro, 0.60, "introduction 2"),
             part_unit(PNAS, discussion, 0.62, "discussion")]
    moved = named_part_first(index, units, frozenset({"discussion"}), 0.1)
    assert [u.name for u in moved] == ["discussion", "introduction", "introduction 2"]
    assert [u.score for u in moved] == [0.62, 0.68, 0.60]  # order only: the scores stay
    # the best sentence already in the part named keeps its place
    assert named_part_first(index, units, frozenset({"introduction", "background"}), 0.1) == units


def test_beyond_the_margin_another_article_a_review_or_off_nothing_moves(pdf_library):
    _, index = pdf_library
    intro, discussion = part_start(index, PNAS, "introduction"), part_start(index, PNAS, "discussion")
    part = frozenset({"discussion"})
    far = [part_unit(PNAS, intro, 0.70, "introduction"), part_unit(PNAS, discussion, 0.55, "discussion")]
    assert named_part_first(index, far, part, 0.1) == far
    other = [part_unit(PNAS, intro, 0.70, "introduction"), part_unit(NAR, part_start(index, NAR, "discussion"), 0.69, "nar")]
    assert named_part_first(index, other, part, 0.1) == other
    near = [part_unit(PNAS, intro, 0.70, "introduction"), part_unit(PNAS, discussion, 0.69, "discussion")]
    assert named_part_first(index, near, part, 0.0) == near
    assert named_part_first(index, near, frozenset(), 0.1) == near
    review = [part_unit("kim2013", 0, 0.70, "review"), part_unit("kim2013", 10, 0.69, "review 2")]  # a review has no parts
    assert named_part_first(index, review, part, 0.1) == review


def test_the_discussions_list_for_a_question_naming_the_discussion(pdf_library):
    """The Introduction's "UFMylation is involved in multiple cellular processes, such as endoplasmic reticulum
    stress, DSB repair, telomere maintenance ..." outscores the Discussion's own list; asked of the Discussion,
    the Discussion's sentence is the first span, and asked of the Introduction, the Introduction's."""
    settings, index = pdf_library
    question = "In the Discussion, which cellular processes are already known to involve UFMylation?"
    on = answerer_with(settings, index).ask(question)
    assert on.found and "ER homeostasis, ER-phage" in on.spans[0].text
    off = answerer_with(settings, index, named_part_margin=0.0).ask(question)
    assert "ER homeostasis, ER-phage" not in off.spans[0].text
    assert "endoplasmic reticulum stress" in off.spans[0].text
    intro = answerer_with(settings, index).ask("Per the introduction, which cellular processes is UFMylation "
                                               "known to be involved in?")
    assert intro.found and "endoplasmic reticulum stress" in intro.spans[0].text
