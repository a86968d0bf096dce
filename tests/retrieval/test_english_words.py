"""qa.retrieval.english_words: pyspellchecker's English word list, looked up word by word."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT
from qa.retrieval import english_words


def test_counts_are_the_spellcheckers():
    """Every 100th word of the list (and the middle, first and last ones) has the count
    `SpellChecker(language="en")` gives it; a word one letter longer or shorter, capitalised or with
    a quote, space or colon around it has the count the checker's dictionary gives it (mostly none)."""
    from spellchecker import SpellChecker

    reference = dict(SpellChecker(language="en", distance=1).word_frequency.dictionary)
    assert english_words._searchable()  # the list as shipped is read in place, not parsed
    words = list(reference)
    sample = words[::100] + words[:20] + words[-20:]
    assert [english_words.count(w) for w in sample] == [reference[w] for w in sample]
    others = {v for w in sample[:400] for v in (w + "q", w[:-1], w.capitalize(), " " + w, w + ":", '"' + w, w + "'s")}
    assert [english_words.count(w) for w in sorted(others)] == [reference.get(w) for w in sorted(others)]
    assert english_words.count("tumor") == 8235 and english_words.count("tumour") is None


def test_a_cold_ask_never_builds_the_spellchecker():
    """A fresh `qa ask` whose answer stage reads the question's words in the list (`rare_unwritten`)
    imports no pyspellchecker module: building its `SpellChecker` (a copy of 160,000 words) cost every
    process ~0.4 s CPU, half again a cold ask's answer stage."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "qa", "ask", "What dose was used for GVHD?"],
                            capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stderr[-500:]
    assert "kim2013" in result.stdout
    assert not [line for line in result.stderr.splitlines() if "spellchecker" in line]
