"""A question asking how an experiment was done is answered by the article's Methods, not by the Results
restating the experiment in the question's words (`span_order.procedure_first`, `procedure_first_margin`;
evals/README.md, thirtieth session, "The PDFs' first span: sibling findings and Methods neighbours"), on
made-up units over the real PDF library's parts and on the real library."""
from __future__ import annotations

from qa.answer.span_order import procedure_first
from qa.retrieval.protocol import asks_procedure

from conftest import answerer_with, part_start, part_unit

RETINA = "10.1126_sciadv.add4623"
NAR = "10.1093_nar_gkae252"


def test_the_methods_sentence_within_the_margin_comes_first(pdf_library):
    _, index = pdf_library
    results, methods = part_start(index, RETINA, "results"), part_start(index, RETINA, "methods")
    units = [part_unit(RETINA, results, 0.70, "results"), part_unit(RETINA, results, 0.66, "results 2"),
             part_unit(RETINA, methods, 0.62, "methods")]
    assert [u.name for u in procedure_first(index, units, 0.1)] == ["methods", "results", "results 2"]
    # order only: the scores stay as they were
    assert [u.score for u in procedure_first(index, units, 0.1)] == [0.62, 0.70, 0.66]


def test_beyond_the_margin_another_article_or_off_nothing_moves(pdf_library):
    _, index = pdf_library
    results, methods = part_start(index, RETINA, "results"), part_start(index, RETINA, "methods")
    far = [part_unit(RETINA, results, 0.70, "results"), part_unit(RETINA, methods, 0.55, "methods")]
    assert [u.name for u in procedure_first(index, far, 0.1)] == ["results", "methods"]
    other = [part_unit(RETINA, results, 0.70, "results"), part_unit(NAR, part_start(index, NAR, "methods"), 0.69, "nar")]
    assert [u.name for u in procedure_first(index, other, 0.1)] == ["results", "nar"]
    near = [part_unit(RETINA, results, 0.70, "results"), part_unit(RETINA, methods, 0.69, "methods")]
    assert [u.name for u in procedure_first(index, near, 0.0)] == ["results", "methods"]


def test_a_methods_sentence_a_legend_or_a_review_first_keeps_its_place(pdf_library):
    """Only a best sentence of the running text outside the Methods yields: a Methods sentence is already
    the protocol, a caption (no part) states its panel's values, a review has no parts."""
    _, index = pdf_library
    methods = part_start(index, RETINA, "methods")
    units = [part_unit(RETINA, methods, 0.70, "methods"), part_unit(RETINA, methods + 1, 0.69, "methods 2")]
    assert [u.name for u in procedure_first(index, units, 0.1)] == ["methods", "methods 2"]
    review = [part_unit("kim2013", 0, 0.70, "review"), part_unit("kim2013", 10, 0.69, "review 2")]
    assert [u.name for u in procedure_first(index, review, 0.1)] == ["review", "review 2"]


def test_procedure_questions_are_read_from_their_form():
    assert asks_procedure("What instrument and surgical route were used to get the MH42-LNPs under the "
                          "macaque retina?", "fact")
    assert not asks_procedure("Did the MH42-LNPs transfect the macaque photoreceptors?", "yesno")


def test_the_methods_state_how_the_lnps_were_delivered(pdf_library):
    """The Results' "Since subretinal delivery with our formulations showed PR transfection, we explored the
    translatability ... in ... the rhesus macaque" names the experiment in the question's words; the Methods
    sentence says through which cannula and by which route. Measured without the retrieval's Methods prior
    (`rerank_methods_bonus`), which puts the Methods passage first and so its sentence first by itself."""
    settings, index = pdf_library
    question = "What instrument and surgical route were used to get the MH42-LNPs under the macaque retina?"
    on = answerer_with(settings, index).ask(question)
    assert "subretinal cannula" in on.spans[0].text
    off = answerer_with(settings, index, procedure_first_margin=0.0, rerank_methods_bonus=0.0).ask(question)
    assert "subretinal cannula" not in off.spans[0].text


def test_the_methods_state_where_the_tf_binding_sites_came_from(pdf_library):
    """A question asking where an analysis's material came from asks the Methods' source sentence ("To control
    for transcription factor binding sites (TFBS) we obtained a dataset of both active and inactive loci from
    ref (21)."), not the Results' conclusion on the same control ("These analyses revealed that TF and
    nucleosome positioning ... are not the underlying cause ..."), which scores a little higher. Measured
    without the retrieval's Methods prior (`rerank_methods_bonus`), which puts the Methods passage first."""
    settings, index = pdf_library
    question = ("In controlling the 5' gene end gradients for transcription factor binding, where did the authors' "
                "set of active and inactive TF binding sites come from?")
    assert asks_procedure(question, "fact")
    on = answerer_with(settings, index).ask(question)
    assert "we obtained a dataset of both active and inactive loci" in on.spans[0].text
    off = answerer_with(settings, index, procedure_first_margin=0.0, rerank_methods_bonus=0.0).ask(question)
    assert "we obtained a dataset of both active and inactive loci" not in off.spans[0].text
