"""How much of the earlier question a follow-up's retrieval carries (`qa.retrieval.query.carried_weight`):
a follow-up asking much of its own names what it looks for, so the earlier question's words weigh less;
one asking little leans on them at the expansion weight. Real ten-PDF library, questions worded for
the tests."""
from __future__ import annotations

import json

from qa.index.analyzer import tokenize
from qa.retrieval.query import carried_weight
from qa.retrieval.retriever import Retriever
from qa.settings import Settings
from tests.conftest import library_args, run_qa

EARLIER = "Is there more Pseudomonas in the intestines of adr mutants than in wild-type worms?"
FOLLOW_UP = "so how could they be sure each colony they counted was the pathogen and not the old food bacteria?"


def test_the_weight_falls_with_the_follow_ups_own_words():
    st = Settings().retrieval
    assert st.followup_carry_weight == 0.5 and st.followup_carry_words == 4
    few = tokenize("and for the monkey?")
    many = tokenize(FOLLOW_UP)
    assert carried_weight(st, few) == 0.5  # asks little of its own: leans on the earlier question
    own = {t for t in many if t not in {"so", "how", "could", "they", "be", "each", "was", "the", "and", "not"}}
    assert carried_weight(st, many) < 0.5 and carried_weight(st, many) >= 0.5 * 4 / max(len(own), 4)
    off = Settings().replace(followup_carry_weight=None).retrieval
    assert carried_weight(off, many) is None  # off: the expansion weight, as before
    unscaled = Settings().replace(followup_carry_words=0).retrieval
    assert carried_weight(unscaled, many) == 0.5


def test_the_earlier_words_weigh_less_in_bm25(pdf_library):
    settings, index = pdf_library
    query = Retriever(settings, index=index).parse(FOLLOW_UP, EARLIER)
    assert query.context == EARLIER and query.context_tokens
    weights = dict(zip(query.bm25_tokens, query.bm25_weights))
    carried = {weights[t] for t in query.context_tokens}
    assert carried == {query.context_weight} and query.context_weight < settings.retrieval.expansion_weight


def test_a_follow_up_asking_much_of_its_own_finds_its_methods_passage(pdf_library):
    """Carried at the expansion weight, the earlier question's words (Pseudomonas, intestines, adr
    mutants, wild-type) hold its Results passage first; carried less, the follow-up's own words find
    the Methods section on counting colony-forming units."""
    settings, index = pdf_library
    on = Retriever(settings, index=index).search(FOLLOW_UP, k=5, previous=EARLIER)
    off = Retriever(settings.replace(followup_carry_weight=None), index=index).search(FOLLOW_UP, k=5,
                                                                                    previous=EARLIER)
    assert "colony-forming units" in on[0].passage.text
    assert "colony-forming units" not in off[0].passage.text


def test_questions_asked_alone_and_short_follow_ups_are_unchanged(pdf_library):
    settings, index = pdf_library
    on = Retriever(settings, index=index)
    off = Retriever(settings.replace(followup_carry_weight=None), index=index)
    for question, previous in ((FOLLOW_UP, None), ("and in the double mutant?", EARLIER)):
        assert [h.passage.id for h in on.search(question, k=10, previous=previous)] == \
            [h.passage.id for h in off.search(question, k=10, previous=previous)], question


def test_the_cli_reads_the_follow_up_with_its_own_weight(pdf_library):
    """The real CLI, `qa ask ... --previous ...`, with the setting and with it off by environment."""
    settings, _ = pdf_library
    base = library_args(settings)
    args = ("search", FOLLOW_UP, "--previous", EARLIER, "--k", "1", "--json", *base)
    on = run_qa(*args)
    off = run_qa(*args, env={"QA_FOLLOWUP_CARRY_WEIGHT": "0.5", "QA_FOLLOWUP_CARRY_WORDS": "0"})
    assert on.returncode == 0 and off.returncode == 0, on.stderr + off.stderr
    assert "colony-forming units" in json.dumps(json.loads(on.stdout))
    assert "colony-forming units" not in json.dumps(json.loads(off.stdout))
