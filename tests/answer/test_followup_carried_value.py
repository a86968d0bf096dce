"""A follow-up that only adds an element ("and in children?") asks the earlier question's value of it
(qa.answer.followup.carried_value_first, `followup_value_margin`). User trial 45, Q2: after "What
response rate did MSCs give in steroid-refractory acute GVHD?", "and in children?" quoted first
"Prochymal was used to specifically treat pediatric patients ... [89]" (the children, no rate) and never
"a higher response rate was seen in children (84%), as compared to adults (60%) [86]". The library on
the real index (with the rule and without it), the function's readings, the CLI through a subprocess and
the TUI through Pilot."""
from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest
from conftest import answerer_with, ask_json, last_answer, typed_and_answered

from qa.answer.focus import asked_value
from qa.answer.followup import addition_forms, carried_value_first

EARLIER = "What response rate did MSCs give in steroid-refractory acute GVHD?"
FOLLOW = "and in children?"
CHILDREN_RATE = "a higher response rate was seen in children (84%)"


def _first(answer) -> str:
    assert answer.found, answer.message
    return answer.spans[0].text


def test_library_quotes_the_childrens_rate_first(settings, index) -> None:
    answer = answerer_with(settings, index).ask(FOLLOW, previous=EARLIER)
    assert answer.context == EARLIER
    first = answer.spans[0]
    assert CHILDREN_RATE in _first(answer)
    assert "86" in [c.key for c in first.citations]


def test_without_the_rule_the_childrens_sentence_without_a_rate_leads(settings, index) -> None:
    answer = answerer_with(settings, index, followup_value_margin=0.0).ask(FOLLOW, previous=EARLIER)
    assert CHILDREN_RATE not in _first(answer)


def _unit(text: str, score: float, tokens: set[str], passage: str = "p1", start: int = 0):
    return SimpleNamespace(text=text, score=score, tokens=tokens, start=start, end=start + len(text),
                           hit=SimpleNamespace(passage=SimpleNamespace(id=passage, doc_id="d")))


def _query(text: str, context: str, tokens: list[str]):
    return SimpleNamespace(text=text, context=context, tokens=tokens, kind="fact",
                           concepts=[[["children"], ["pediatric"]]])


def _carried(query, units: list, margin: float) -> list:
    """`carried_value_first` as `selection.select` calls it: told whether the follow-up asks a value itself."""
    return carried_value_first(query, units, margin, asked_value(query.text, query.kind) is not None)


NAMES_ONLY = _unit("Prochymal was used to treat pediatric patients.", 0.9, {"prochymal", "pediatric", "patient"})
RATE_ONLY = _unit("Sixty-eight percent of these patients responded (68%).", 0.85, {"patient", "responded", "68%"}, "p2",
                  200)
BOTH = _unit("A higher response rate was seen in children (84%).", 0.7, {"response", "rate", "children", "84%"},
             "p3", 400)


def test_the_sentence_stating_the_earlier_value_and_naming_the_addition_comes_first() -> None:
    query = _query(FOLLOW, EARLIER, ["children"])
    assert addition_forms(query) == {"children": [["children"], ["pediatric"]]}
    assert _carried(query, [NAMES_ONLY, RATE_ONLY, BOTH], 0.25)[0] is BOTH
    # outside the margin, or with the rule off, the order stands
    assert _carried(query, [NAMES_ONLY, RATE_ONLY, BOTH], 0.1)[0] is NAMES_ONLY
    assert _carried(query, [NAMES_ONLY, RATE_ONLY, BOTH], 0.0)[0] is NAMES_ONLY
    # the best's next sentence (here in the next passage) states a rate: the first span joins it, so the order stands
    goes_on = _unit("Of them, 70% responded.", 0.5, {"responded", "70%"}, "p9", NAMES_ONLY.end + 1)
    assert _carried(query, [NAMES_ONLY, RATE_ONLY, BOTH, goes_on], 0.25)[0] is NAMES_ONLY


@pytest.mark.parametrize("follow, earlier", [
    ("and how many children were treated?", EARLIER),  # it asks a value of its own
    (FOLLOW, "Which MSC trials treated GVHD?"),  # the earlier question asks no value in a unit
    (FOLLOW, ""),  # no earlier question
])
def test_the_order_stands_when_nothing_is_carried(follow: str, earlier: str) -> None:
    query = _query(follow, earlier, ["children"] if follow == FOLLOW else ["children", "treated"])
    assert _carried(query, [NAMES_ONLY, RATE_ONLY, BOTH], 0.25)[0] is NAMES_ONLY


def test_cli_reads_it_as_the_library_does() -> None:
    answer = ask_json(FOLLOW, "--previous", EARLIER)
    assert answer["context"] == EARLIER and answer["found"]
    assert CHILDREN_RATE in answer["spans"][0]["text"]
    off = ask_json(FOLLOW, "--previous", EARLIER, env={"QA_FOLLOWUP_VALUE_MARGIN": "0"})
    assert CHILDREN_RATE not in off["spans"][0]["text"]


@pytest.mark.slow
def test_tui_reads_it_as_the_library_does(settings) -> None:
    from qa.answer.answerer import Answerer
    from qa.app.tui import QAApp

    async def go() -> None:
        app = QAApp(answerer=Answerer(settings))
        async with app.run_test(size=(120, 40)) as pilot:
            await typed_and_answered(app, pilot, EARLIER)
            await typed_and_answered(app, pilot, FOLLOW)
            answer = last_answer(app)
            assert answer.context == EARLIER
            assert CHILDREN_RATE in _first(answer)

    asyncio.run(go())
