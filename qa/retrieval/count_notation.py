"""The count notations of a data-extraction sheet, read as the question they ask.

A systematic reviewer filling an extraction sheet types "n patients Le Blanc GVHD trial?" or "no. of
pts in the Hare trial?": 'n' (the statistical symbol of a sample's size), 'no.' and 'nr.' (the
abbreviations of "number") before a plural noun ask how many, as "how many patients ..." does.
Read as typed, the question was a *fact* question with nothing asking a count: its first quote was a
sentence naming the patients and the trial but no number ("None of the patients had side effects ...
(Le Blanc et al., 2008)"), the Table 2 row with 55 patients third (user trial 57), while
"how many patients Le Blanc GVHD trial?" quoted that row first. The notations are a closed class of
written English (the sample-size symbol and the abbreviations of "number"), read only before a plural
noun within three words and no function word ("n biological replicates"), so that "N terminus", "no. 5"
or a lone 'n' stay as typed; every question-reading rule keyed on "how many" then applies. '#' is not
read: "# proteins up and # down?" (blind-dev b2) written "how many proteins up ..." quoted "six
CsrA-controlled proteins" first, as the question written out does (a count of other proteins), where
as typed it quoted the up and down counts.
"""
from __future__ import annotations

import re

from qa.index.analyzer import STOPWORDS
from qa.retrieval.plural_head import IRREGULAR_PLURALS, looks_plural

# 'n' / 'N' alone (not "n-3", "n=16", a letter of a word), 'no.' / 'No.' / 'nr.' with their point,
# each optionally followed by 'of'; then up to three words, one of them a plural noun
_SIGN = re.compile(r"(?<![\w'’.#=/-])(?P<sign>[nN]|[nN][oO]\.|[nN][rR]\.)(?![\w'’=/-])\s*(?:of\s+)?"
                   r"(?P<words>(?:[A-Za-z][\w'’-]*\s+){0,2}[A-Za-z][\w'’-]*)")


def _plural(word: str) -> bool:
    """A plural noun's shape: `looks_plural`, a three-letter shorthand in 's' that is no function word
    ('pts'), an irregular English plural ('mice') or a Latin one ('larvae')."""
    w = word.strip("'’").lower()
    return (looks_plural(w) or len(w) == 3 and w.endswith("s") and w.isalpha() and w not in STOPWORDS
            or w in IRREGULAR_PLURALS or len(w) > 4 and w.endswith("ae"))


def read_count_notation(text: str) -> str:
    """`text` with each count notation before a plural noun written "how many" ("n patients X?" ->
    "how many patients X?"); unchanged when it has none."""
    def how_many(m: re.Match) -> str:
        for word in m.group("words").split():  # the counted noun, before any function word
            if word.lower() in STOPWORDS:
                break
            if _plural(word):
                return "how many " + m.group("words")
        return m.group(0)

    return _SIGN.sub(how_many, text)


__all__ = ["read_count_notation"]
