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


# my own wording: "A or B" the subject of a verb with its object ("also express the ..."): whether, of both
POLAR = "Do adipose or bone marrow MSCs also express the HLA class II antigens?"


def test_a_polar_question_over_both_sides_is_no_choice() -> None:
    """The verb applies to both sides when the clause goes on past the second side with a verb's object or
    adverb (closed classes: "also", "the") or compares both with a third thing ("than"); a side that ends
    the clause, or a shared head noun after it, is still a choice."""
    assert sides(POLAR) is None
    assert sides("Does etoposide or mitomycin C kill the cells better than cisplatin?") is None
    assert sides("Were chromatid breaks or fusions per spread any different?") is None
    assert sides("Were the cells given with busulfan or with total body irradiation?") == (["busulfan"], ["total", "body", "irradiation"])
    assert sides("Did the trial infuse the MSCs into the vein or the artery?") == (["vein"], ["artery"])


def test_a_polar_question_is_answered_as_without_the_alternative_reading(settings, index) -> None:
    """On the real reviews the polar question is answered as with `alternative_first` off (the ISCT criteria
    sentence, which names bone marrow, no longer comes first for naming a side), the alternative one is not."""
    from conftest import answerer_with

    on, off = answerer_with(settings, index), answerer_with(settings, index, alternative_first=False)
    polar = [s.text for s in on.ask(POLAR, k=3).spans]
    assert polar == [s.text for s in off.ask(POLAR, k=3).spans]
    assert "MHC class II" in polar[0]
    assert [s.text for s in on.ask(ROUTE, k=3).spans] != [s.text for s in off.ask(ROUTE, k=3).spans]
