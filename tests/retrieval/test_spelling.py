"""qa.retrieval.spelling: misspelt words read as the corpus word one edit away, as a hint."""
from __future__ import annotations

import json

from conftest import run_qa
from qa.index.analyzer import tokenize
from qa.retrieval.spelling import correct, one_edit


def test_one_edit_by_hand():
    edits = one_edit("cat")
    assert {"at", "ct", "ca", "act", "cta", "bat", "cut", "cart", "cats", "scat"} <= edits
    assert "cat" not in edits and "dog" not in edits
    # deletes 2, swap 1, replaces 2 x 25, inserts 3 x 26 less the two doubles ("aab", "abb")
    assert len(one_edit("ab")) == 2 + 1 + 2 * 25 + 3 * 26 - 2


def test_correct_on_the_real_index(index):
    def fix(text: str) -> str:
        return correct(text, index.bm25.df, tokenize, index.encoder.knows_word)

    assert fix("which sorces were used for lupis") == "which sources were used for lupus"
    assert fix("How much does Prochymal cost?") == "How much does Prochymal cost?"  # 'cost': a real word
    assert fix("wich sources") == "wich sources"  # one edit from a function word: left alone
    assert fix("MSC dose in GVHD") == "MSC dose in GVHD"  # nothing misspelt
    # names, gene symbols and stemmed real words are not typos
    assert fix("ER-HOXA9 cells, Thermus EF-Tu, siRNA, refs, trios") == "ER-HOXA9 cells, Thermus EF-Tu, siRNA, refs, trios"
    # a long real word the model splits into pieces is not read as the corpus word next to it
    assert fix("Were MSCs tried for macular degeneration?") == "Were MSCs tried for macular degeneration?"
    # a long word with a typist's slip after its first letter is read as the corpus word (user trial 13)
    assert fix("engraftmnet of hematopoeitic cells") == "engraftment of hematopoietic cells"


def test_a_dictionary_word_the_model_splits_is_no_typo(index):
    """'aligner' is neither in the corpus nor a whole word of the model's vocabulary; it was read
    as a typo of 'aligned' ("Did you mean: what version of STAR aligned ..."). The English
    dictionary knows it; a misspelling it does not list is still read as the corpus word."""
    from qa.retrieval.spelling import english_word

    assert english_word("aligner") and english_word("Germs") and not english_word("sorces")
    assert not index.encoder.knows_word("aligner")  # the case the dictionary is for

    def fix(text: str) -> str:
        return correct(text, index.bm25.df, tokenize, lambda w: index.encoder.knows_word(w) or english_word(w))

    assert fix("which STAR aligner version") == "which STAR aligner version"
    assert fix("which sorces were used for lupis") == "which sources were used for lupus"


def test_a_refused_misspelt_question_gets_a_hint_and_stays_refused():
    out = run_qa("ask", "wich sorces of stem cels were used for lupis", "--json")
    assert out.returncode == 0, out.stderr
    answer = json.loads(out.stdout)
    assert answer["found"] is False
    assert "Did you mean: wich sources of stem cell were used for lupus" in answer["message"]
