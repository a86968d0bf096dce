"""An alternative question ("... given intravenously or into the hepatic artery?") is answered by a sentence
stating one of its two sides, in any form the library reads (qa.answer.alternatives, setting
`alternative_first`, on by default; user trial 52 Q3): the Table 2 rows writing "Route: IV" came sixth and seventh, below
cirrhosis sentences naming no route."""
from __future__ import annotations

from conftest import ask_json

from qa.answer.alternatives import names_alternative, sides
from qa.retrieval.retriever import Retriever

# my own wording (user trial 52), not an evaluation question
ROUTE = "In the cirrhosis trials, were the MSCs given intravenously or into the hepatic artery?"


def test_the_two_sides_are_read_by_shape() -> None:
    assert sides(ROUTE) == (["intravenous"], ["hepatic", "artery"])  # a preposition opens a phrase
    assert sides("and was the pull-down done under native or denaturing conditions?") == (["native"], ["denaturing"])
    assert sides("Did the trial include children or not?") is None  # no second thing
    assert sides("How were MSCs or fibroblasts labelled?") is None  # not a polar question
    assert sides("Were the cells infused?") is None


def test_a_side_is_named_in_the_library_s_forms(settings) -> None:
    concepts = Retriever(settings).query_from(ROUTE).concepts  # the real synonyms: 'intravenous' / 'iv'
    names = names_alternative(ROUTE, concepts)
    assert names is not None
    assert names("Disease: Liver cirrhosis; Phase: I/II; MSC source: Allo-BM; Route: IV; Outcome: Improved.")
    assert names("The cells were infused into the hepatic artery.")
    # the liver is 'hepatic' to the library, but the artery is not named: neither side
    assert not names("In a phase I trial, four patients suffering from end-stage liver cirrhosis were treated.")


def test_a_route_row_is_quoted_first_through_the_cli() -> None:
    on = ask_json("--k", "3", ROUTE)  # the default (on)
    assert on["found"] and "Route: IV" in on["spans"][0]["text"], on["spans"][0]["text"]
    assert "cirrhosis" in on["spans"][0]["text"]
    off = ask_json("--k", "3", ROUTE, env={"QA_ALTERNATIVE_FIRST": "0"})  # as before the setting
    assert "Route:" not in off["spans"][0]["text"]  # the [125] sentence naming no route
