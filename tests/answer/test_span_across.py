"""The first span joined across a passage cut (`span_join_across`, qa/answer/joins.py): passages are
cut by length, so a study introduced at the end of one passage may state its finding at the start of
the next; when the two split one paragraph, that sentence joins as a follower of the same passage
would (user trial 16 F3: "and for E. coli?" quoted "we performed the same assay for EF-Tu of E.
coli ..." without the 40.2 °C the next passage starts with). A joined span's later sentence is read on
its own by the citation rules (qa.answer.references.per_sentence)."""
from __future__ import annotations

from qa.answer.joins import next_passage_follower
from qa.models import Hit

from conftest import answerer_with


def test_the_last_sentence_of_a_passage_is_followed_by_the_next_passages_first(settings, index):
    answerer = answerer_with(settings, index)
    query = answerer.retriever.query_from("GFP-labelled MSCs injected intravenously: where were they located?")
    rows = list(index.rows_of_doc("kim2013"))
    passages = sorted((index.passages[r] for r in rows if index.passages[r].kind != "table_row"), key=lambda p: p.start)
    first = next(i for i, p in enumerate(passages) if "green fluorescent protein (GFP)" in p.text)
    hits = [Hit(passage=passages[first], rank=1, score=1.0), Hit(passage=passages[first + 1], rank=2, score=0.9)]
    units = answerer.units(hits)
    answerer.score_units(query, units)
    scores = {(u.hit.passage.id, u.start): u for u in units}
    last = max((u for u in units if u.hit.passage is passages[first]), key=lambda u: u.start)
    assert last.text.startswith("In one study, MSCs labeled with green fluorescent protein")
    follower = next_passage_follower(index, last, scores)
    assert follower is not None and follower.text.startswith("GFP-labeled MSCs were initially located in the lungs")
    # not from a sentence inside its passage, nor to a passage that is not retrieved
    assert next_passage_follower(index, units[0], scores) is None
    assert next_passage_follower(index, last, {k: u for k, u in scores.items() if u.hit.passage is passages[first]}) \
        is None


def test_a_follow_up_value_is_quoted_across_the_passage_cut(pdf_library):
    settings, index = pdf_library
    previous = "what is the MK-D1 EF-1A GDP-binding optimum temperature?"
    first = answerer_with(settings, index).ask("and for E. coli?", previous=previous).spans[0].text
    assert "same assay for EF-Tu of Escherichia coli" in first and "40.2 °C for E. coli" in first, first[:200]
    off = answerer_with(settings, index, span_join_across=False).ask("and for E. coli?", previous=previous)
    assert "40.2 °C" not in off.spans[0].text


def test_each_sentence_of_a_joined_span_keeps_its_items_citations(settings, index):
    """"Nguyen et al. showed ... (Nguyen et al., 2010). The array of ... MDFs includes antiapoptotic
    (Shabbir et al., 2009), anti-inflammatory (Bartosh et al., 2010), ...": read whole, the item rule
    took the first sentence as the first item and dropped Shabbir; read on its own it keeps it."""
    answer = answerer_with(settings, index).ask(
        "Which protective effects of MSC-derived factors (MDFs) are reported, and by which studies?")
    first = answer.spans[0]
    assert "Nguyen et al. showed" in first.text and "antiapoptotic (Shabbir et al., 2009)" in first.text
    assert {"Shabbir 2009", "Bartosh 2010"} <= {c.key for c in first.citations}


def test_a_span_referring_to_the_sentence_before_is_shown_with_it():
    """`join_referred_before`: "These data indicate that the adr mutants are not sensitive ..." states
    what the sentence before measured ("While approximately 20% of wildtype animals die ..., only 10%
    of adr mutant animals die ..."); shown with it whatever that one scores, never across a paragraph."""
    from qa.answer.joins import joined
    from qa.settings import Settings

    from test_span_bridge import FakeIndex, passage, scored

    sentences = ["Worms were kept at 35 °C for 6 h.", "While 20% of wild-type worms died, 10% of mutants died.",
                 "These data indicate that the mutants are not sensitive to heat."]
    for breaks, changes, expected in [((), {}, " ".join(sentences[1:])), ((2,), {}, sentences[2]),
                                      ((), {"join_referred_before": False}, sentences[2])]:
        st = Settings().answer.model_copy(update={"span_bridge": 0, **changes})
        p, spans = passage(sentences, breaks)
        units = scored(p, spans, [0.2, 0.3, 0.8])
        assert joined(FakeIndex(spans), st, units[("p", spans[2][1])], units, several=False).text == expected
