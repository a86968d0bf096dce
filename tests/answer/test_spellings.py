"""The spelling variants the absent-name check and the answer's word coverage read (qa.retrieval.word_forms)."""
from __future__ import annotations

from qa.retrieval.word_forms import held_forms
from qa.retrieval.word_forms import american_ize, ph_f_swapped, single_l


def test_british_endings_are_written_the_american_way() -> None:
    assert american_ize("immunised") == "immunized"
    assert american_ize("characterisation") == "characterization"
    assert american_ize("lupus") == "lupus"
    assert single_l("labelled") == "labeled" and single_l("travelling") == "traveling"
    assert single_l("cell") == "cell"


def test_ph_and_f_are_swapped_both_ways() -> None:
    assert ph_f_swapped("mophetil") == "mofetil" and ph_f_swapped("mofetil") == "mophetil"
    assert ph_f_swapped("sulphur") == "sulfur"
    assert ph_f_swapped("lupus") == "lupus"


def test_held_forms_holds_the_token_its_spelling_and_stems() -> None:
    assert held_forms("immunised") >= {"immunised", "immunized"}
    assert "crosslink" in held_forms("crosslinking")
