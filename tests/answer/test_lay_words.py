"""An everyday question word the library never writes is read, for the refusal, as the evidence's word the
embedding model places nearest it (qa.answer.lay_words, setting `refusal_lay_floor`), on the real PDF and
review libraries, model and index.

"Are the four ADR-1-dependent genes also lower in adr-1 worms just eating normal E. coli?": no article writes
'eating'; the worm article writes "grown under the same feeding conditions". The refusal weighed 'eating' as a
word no passage uses, the strongest sign of absence, and refused the question the article answers. The
questions are my own wordings, not evaluation questions. The fortieth session's form of this reading (floor
0.6) lifted the near miss "What is the recommended IV MSC dose for Crohn's disease?" ('recommended' read as the
reviews' 'suggest', 0.63) out of its weak-match warning; at 0.65 it stays where it was."""
from __future__ import annotations

from conftest import answerer_with, ask_json, library_args

from qa.answer.lay_words import everyday, nearest_written, unwritten_everyday

EATING = "Are the four ADR-1-dependent genes also lower in adr-1 worms just eating normal E. coli, never infected?"
CROHN = "What is the recommended IV MSC dose for Crohn's disease?"
OFF = 1.01  # above 1: the reading is off (as before the change)


def _evidence(answerer, question: str) -> set[str]:
    query = answerer.retriever.query_from(question, None)
    tokens: set[str] = set()
    for hit in answerer.retriever.search(query, k=3):
        tokens |= answerer.passage_tokens(hit.passage)
    return tokens


def test_an_everyday_word_no_article_writes_is_read_as_the_evidence_word_nearest_it(pdf_library) -> None:
    settings, index = pdf_library
    assert unwritten_everyday(index, EATING) == ["eating"]
    evidence = _evidence(answerer_with(settings, index), EATING)
    assert "eating" not in evidence and "feeding" in evidence
    assert nearest_written(index, ["eating"], evidence, 0.65) == {"eating": "feeding"}
    # every such word must be read, or none is: 'linen' has no word near it in the worm article's passages
    assert nearest_written(index, ["eating", "linen"], evidence, 0.65) == {}
    assert nearest_written(index, ["eating"], evidence, OFF) == {}


def test_names_codes_and_words_the_library_writes_in_another_form_are_not_read(pdf_library) -> None:
    _, index = pdf_library
    # 'expand' is written 'expanded' (the word-form reading holds it); 'BXSB' and 'IpTG' are written as codes;
    # 'rectovaginal' and 'gestational' are outside the model's general vocabulary: dictionary words it lacks
    # answered near misses when read (evals/README.md, forty-second session)
    assert everyday("monkeys") and everyday("Eating")
    assert not any(everyday(w) for w in ("BXSB", "IpTG", "rectovaginal", "gestational", "p53"))
    question = "Did they expand the worms, and was a rectovaginal BXSB strain used at a gestational age?"
    assert unwritten_everyday(index, question) == []


def test_the_question_in_everyday_words_is_answered_by_the_feeding_sentence(pdf_library) -> None:
    settings, index = pdf_library
    answer = answerer_with(settings, index).ask(EATING, k=3)
    assert answer.found, answer.message
    assert "same feeding conditions" in answer.spans[0].text and "downregulated" in answer.spans[0].text
    before = answerer_with(settings, index, refusal_lay_floor=OFF).ask(EATING, k=3)
    assert not before.found  # refused before the change


def test_a_near_miss_asking_a_recommendation_is_not_lifted(settings, index) -> None:
    # 'recommended' is written nowhere in the reviews; its nearest evidence word ('suggest', 0.63) is no reading
    on = answerer_with(settings, index).ask(CROHN)
    off = answerer_with(settings, index, refusal_lay_floor=OFF).ask(CROHN)
    assert on.confidence == off.confidence and "Weak match" in on.message


def test_the_cli_answers_it_and_the_setting_turns_it_off(pdf_library) -> None:
    settings, _ = pdf_library
    on = ask_json(*library_args(settings), "--k", "3", EATING)
    assert on["found"], on["message"]
    assert "same feeding conditions" in on["spans"][0]["text"]
    off = ask_json(*library_args(settings), "--k", "3", EATING, env={"QA_REFUSAL_LAY_FLOOR": str(OFF)})
    assert not off["found"]
