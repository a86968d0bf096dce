"""The bridge join (`span_bridge`, qa/answer/joins.py) on a passage built here: the first span
reaches a finding one or two sentences further on over sentences that score below it and cite
nothing; never over a citing sentence, a paragraph break, or to a sentence outside the margin.
And the uncited sentence before (`join_uncited_before`), joined within the margin."""
from __future__ import annotations

import re

from qa.answer.joins import joined
from qa.answer.units import Unit
from qa.models import Citation, Hit, Passage
from qa.settings import Settings

SENTENCES = ["A trial treated 16 lupus patients with cord MSCs [7].",
             "Cells were grown to passage 3.",
             "Follow-up was 8 months and proteinuria fell.",
             "Another trial used marrow MSCs [9]."]


class FakeIndex:
    """Only what the joins read: the sentence offsets of a passage."""

    def __init__(self, spans: list[tuple[int, int, int]]) -> None:
        self.spans = spans

    def sentence_spans(self, hit: Hit) -> list[tuple[int, int, int]]:
        return self.spans


def passage(sentences: list[str], breaks: tuple[int, ...] = ()) -> tuple[Passage, list[tuple[int, int, int]]]:
    text, spans = "", []
    for i, s in enumerate(sentences):
        if i:
            text += "\n\n" if i in breaks else " "
        spans.append((i, len(text), len(text) + len(s)))
        text += s
    cites = [Citation(key=m.group(1), label=m.group(0), start=m.start(), end=m.end(), style="numeric")
             for m in re.finditer(r"\[(\d+)\]", text)]
    return Passage(id="p", doc_id="d", section="Results", text=text, start=0, end=len(text), citations=cites), spans


def scored(p: Passage, spans, scores: list[float]) -> dict:
    hit = Hit(passage=p, rank=1, score=1.0)
    return {(p.id, s): Unit(hit, s, e, p.text[s:e], [c for c in p.citations if s <= c.start and c.end <= e],
                            set(), set(), None, score=sc, shape=1.0)
            for (_, s, e), sc in zip(spans, scores)}


def first(sentences, scores, breaks=(), **changes):
    st = Settings().answer.model_copy(update=changes)
    p, spans = passage(sentences, breaks)
    units = scored(p, spans, scores)
    return joined(FakeIndex(spans), st, units[("p", spans[0][1])], units, several=False).text


def test_the_span_bridges_over_a_weaker_uncited_sentence_to_the_finding():
    text = first(SENTENCES, [0.80, 0.40, 0.70, 0.30])
    assert text == " ".join(SENTENCES[:3])


def test_without_the_bridge_or_a_margin_the_span_stays_alone():
    assert first(SENTENCES, [0.80, 0.40, 0.70, 0.30], span_bridge=0) == SENTENCES[0]
    assert first(SENTENCES, [0.80, 0.40, 0.70, 0.30], span_join_margin=0.0) == SENTENCES[0]


def test_no_bridge_to_a_sentence_outside_the_margin_or_below_the_one_between():
    assert first(SENTENCES, [0.80, 0.40, 0.60, 0.30]) == SENTENCES[0]  # 0.60 < 0.80 - 0.15
    # the sentence between scores above the target: it would have been the span's own follower
    assert first(SENTENCES, [0.80, 0.66, 0.65, 0.30]) == " ".join(SENTENCES[:2])


def test_no_bridge_over_a_citing_sentence_a_paragraph_break_or_to_a_citing_one():
    cited_between = [SENTENCES[0], "Cells were grown as before [8].", *SENTENCES[2:]]
    assert first(cited_between, [0.80, 0.40, 0.70, 0.30]) == SENTENCES[0]
    assert first(SENTENCES, [0.80, 0.40, 0.70, 0.30], breaks=(2,)) == SENTENCES[0]
    cited_target = [*SENTENCES[:2], "Follow-up was 8 months [8].", SENTENCES[3]]
    assert first(cited_target, [0.80, 0.40, 0.70, 0.30]) == SENTENCES[0]


def test_after_a_joined_follower_the_bridge_reaches_two_sentences_further():
    five = [*SENTENCES[:3], "Proteinuria fell by half.", "Another trial used marrow MSCs [9]."]
    # the follower joins (within 0.15), the third sentence bridges to the fourth
    text = first(five, [0.80, 0.70, 0.40, 0.75, 0.30])
    assert text == " ".join(five[:4])


def test_an_uncited_sentence_before_joins_within_the_margin():
    """`join_uncited_before`: with no follower joined, the sentence before, scoring within the
    join margin and citing nothing, is shown with the span though the span owes it no terms."""
    three = ["This indicates the defect is late.", "We reported the same before [3].", "Another topic [9]."]
    p, spans = passage(three)
    units = scored(p, spans, [0.70, 0.80, 0.30])
    st = Settings().answer
    u = units[("p", spans[1][1])]
    both = joined(FakeIndex(spans), st, u, units, several=False)
    assert both.text == " ".join(three[:2]) and [c.key for c in both.citations] == ["3"]
    off = joined(FakeIndex(spans), st.model_copy(update={"join_uncited_before": False}), u, units, False)
    assert off.text == three[1]


def test_a_citing_sentence_before_or_one_outside_the_margin_does_not_join():
    cited = ["This indicates the defect is late [2].", "We reported the same before [3].", "Another topic [9]."]
    p, spans = passage(cited)
    units = scored(p, spans, [0.70, 0.80, 0.30])
    assert joined(FakeIndex(spans), Settings().answer, units[("p", spans[1][1])], units, False).text == cited[1]
    three = ["This indicates the defect is late.", "We reported the same before [3].", "Another topic [9]."]
    p, spans = passage(three)
    units = scored(p, spans, [0.60, 0.80, 0.30])  # 0.60 < 0.80 - 0.15
    assert joined(FakeIndex(spans), Settings().answer, units[("p", spans[1][1])], units, False).text == three[1]
