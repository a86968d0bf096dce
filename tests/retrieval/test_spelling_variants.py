"""A question word in the other English spelling read as the library writes it (qa.retrieval.spelling_variants).

The rules by hand, both ways, and what they must not make; the reading with a vocabulary written
here; then probes on the real libraries: questions written in the other spelling of a real
sentence ('aetiology' for the review's "uncertain etiology", 'behavioural', 'homologue', 'ageing'
for the PDFs' American spellings) reach the same passage as the library's spelling, with the same
confidence, not refused and with no absent-name caution; with `library_spellings` off they did not.
Also the English dictionary read through the other spelling (`spelling.english_frequency`)."""
from __future__ import annotations

import pytest

from conftest import answerer_with, ask_json, library_args
from qa.index.analyzer import tokenize
from qa.retrieval.spelling import english_frequency, english_word
from qa.retrieval.spelling_variants import dictionary_forms, library_spellings, other_spellings


@pytest.mark.parametrize(("british", "american"), [
    ("aetiology", "etiology"), ("oedema", "edema"), ("haematoma", "hematoma"), ("behavioural", "behavioral"),
    ("tumourigenic", "tumorigenic"), ("randomised", "randomized"), ("analysed", "analyzed"),
    ("centre", "center"), ("fibres", "fibers"), ("labelled", "labeled"), ("enrolment", "enrollment"),
    ("fulfil", "fulfill"), ("homologue", "homolog"), ("catalogues", "catalogs"), ("programme", "program"),
    ("defence", "defense"), ("licence", "license"), ("ageing", "aging"), ("judgement", "judgment"),
    ("anaesthetised", "anesthetized"),  # two rules: ae / e and -ise / -ize
])
def test_each_rule_reads_both_ways(british: str, american: str) -> None:
    assert american in other_spellings(british)
    assert british in other_spellings(american)


@pytest.mark.parametrize(("word", "other"), [
    ("filling", "filing"), ("stalled", "staled"),  # a one-syllable stem's ll is no British doubling
    ("scoured", "scored"), ("four", "for"), ("journal", "jornal"),  # -our after no vowel
    ("larvae", "larve"), ("shoes", "shes"),  # a Latin plural, a word-final oe
    ("sense", "sence"), ("dense", "dence"),  # -ence / -ense only after c or f
    ("phantom", "fantom"), ("filter", "philter"),  # no f / ph swap: other words
])
def test_the_rules_make_no_other_word(word: str, other: str) -> None:
    assert other not in other_spellings(word)


def test_a_word_no_passage_holds_is_read_as_the_spelling_passages_hold() -> None:
    passages = {"etiology": 3, "behavioral": 2, "tumor": 5, "aging": 1, "allison": 1}

    def df(token: str) -> int:
        return passages.get(token, 0)

    assert library_spellings("What is the aetiology of behavioural change in tumours?", df, tokenize) == [
        ("aetiology", "etiology"), ("behavioural", "behavioral")]  # 'tumours' is 'tumor' already
    assert library_spellings("Aetiology of ageing?", df, tokenize) == [("Aetiology", "Etiology"), ("ageing", "aging")]
    assert library_spellings("What did Alison find on etiology?", df, tokenize) == []  # a name; a held word
    assert library_spellings("What is the aetiology?", lambda t: 0, tokenize) == []  # no spelling held
    # the spelling most passages hold
    for held, read in (({"etiology": 4, "oetiology": 1}, "etiology"), ({"etiology": 1, "oetiology": 4}, "oetiology")):
        assert library_spellings("aetiology", lambda t: held.get(t, 0), tokenize) == [("aetiology", read)]


def test_the_dictionary_reads_a_word_in_either_spelling() -> None:
    """pyspellchecker's English lists American spellings: 'tumour' not at all, 'anaesthesia' at 234 against
    'anesthesia' 1247, so the British question read as naming a rare or unknown word."""
    assert dictionary_forms("anaesthesia", tokenize) >= {"anesthesia"}
    assert english_word("tumour") and english_word("randomised") and english_word("Oedema")
    assert english_frequency("anaesthesia") == english_frequency("anesthesia") > 500
    assert english_frequency("tumour") == english_frequency("tumor")
    assert not english_word("behavioural")  # the tokenizer reads it apart: no same-word spelling
    assert not english_word("sorces")


def _same_answer(a, b) -> None:
    assert a.found and b.found
    assert a.spans[0].text == b.spans[0].text
    assert a.confidence == pytest.approx(b.confidence)
    assert "No article uses" not in a.caution


@pytest.mark.slow
def test_a_british_question_on_the_reviews_reads_the_american_sentence(settings, index) -> None:
    """figueroa2012: "CD is a disorder of uncertain etiology ..."; no review writes 'aetiology'."""
    answerer = answerer_with(settings, index)
    british = answerer.ask("What is known about the aetiology of Crohn's disease?")
    american = answerer.ask("What is known about the etiology of Crohn's disease?")
    _same_answer(british, american)
    assert "Read 'aetiology' as 'etiology'" in british.message
    off = answerer_with(settings, index, library_spellings=False).ask(
        "What is known about the aetiology of Crohn's disease?")
    assert "No article uses 'aetiology'" in off.caution and off.confidence < american.confidence


PDF_PROBES = [  # (in the other spelling, as the article writes it)
    # 10.1186_s12915: "... gene regulatory programs as well as behavioral responses ..."
    ("Which behavioural responses help worms survive pathogen infection?",
     "Which behavioral responses help worms survive pathogen infection?"),
    # 10.1093_nar: "AID, a homolog of APOBEC enzymes, was claimed to participate in active DNA demethylation"
    ("Which enzyme, an APOBEC homologue, was claimed to take part in active DNA demethylation?",
     "Which enzyme, an APOBEC homolog, was claimed to take part in active DNA demethylation?"),
    # 10.1073_pnas: "Replication stress plays a crucial role in ... the development of cancer and aging."
    ("What role does replication stress play in cancer and ageing?",
     "What role does replication stress play in cancer and aging?"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("other", "own"), PDF_PROBES)
def test_a_question_in_the_other_spelling_reaches_the_pdfs_sentence(pdf_library, other: str, own: str) -> None:
    settings, index = pdf_library
    answerer = answerer_with(settings, index)
    _same_answer(answerer.ask(other), answerer.ask(own))
    off = answerer_with(settings, index, library_spellings=False).ask(other)
    assert not off.found or off.confidence < answerer.ask(own).confidence - 0.1


@pytest.mark.slow
def test_the_cli_reads_the_other_spelling_and_says_so(pdf_library) -> None:
    settings, _ = pdf_library
    question = PDF_PROBES[0][0]
    on = ask_json(question, *library_args(settings))
    assert on["found"] and "behavioral responses" in on["spans"][0]["text"]
    assert "Read 'behavioural' as 'behavioral'" in on["message"]
    off = ask_json(question, *library_args(settings), env={"QA_LIBRARY_SPELLINGS": "false"})
    assert not off["found"]
