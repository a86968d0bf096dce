"""Forms in which the library writes a name, or the question explains one, that the absent-name
check (`qa.answer.refusal.absent_names`) would otherwise read as a name no article uses.

The absent-name refusal acts on weak matches up to `absent_name_refusal_below`; widened from 0.3 it
refused five answerable blind-dev questions for a name the library writes another way ("mofetil" /
"mophetil", "microRNA" / "miRNA"), one the question glosses itself ("the brca2 null allele
(brca2KO)") or a lay compound ("readthrough"). No word list: the library's tokens, an English
dictionary's frequencies and the question's own brackets are the evidence (evals/README.md,
"Near-miss refusal recall, third pass").
"""
from __future__ import annotations

import re

from qa.answer.refusal import NAME_WORD  # a question's words as the absent-name check reads them
from qa.retrieval.word_forms import ph_f_swapped

_YSE_VERB = re.compile(r"(\w*)y[sz](?:e|ed|es|ing)")  # the verbs of the -ysis nouns ('lyse', 'analyzed')
CONTRACTED_MIN = 3  # letters of the kept word of a contraction ('rna' of 'miRNA' for 'microRNA')


def written_otherwise(bm25, token: str) -> bool:
    """Whether the library writes a name in a form `library_holds` does not read: 'f' for 'ph' or
    the reverse (`spellings.ph_f_swapped`: "mofetil" / "mophetil", "sulfur" / "sulphur"),
    the verb of an -ysis noun ("lysed" / "lysis"), or a contraction keeping a word's first letters
    before a word the library holds ("microRNA" / "miRNA", as "mRNA", "siRNA" are written)."""
    swapped = ph_f_swapped(token)
    if swapped != token and bm25.df(swapped) > 0:
        return True
    verb = _YSE_VERB.fullmatch(token)  # "lysed" / "lysis", "hydrolyzed" / "hydrolysis": one Greek noun's verb
    if verb and bm25.df(verb.group(1) + "ysis") > 0:
        return True
    if not token.isalpha():
        return False
    for cut in range(CONTRACTED_MIN, len(token) - CONTRACTED_MIN + 1):
        head, kept = token[:cut], token[cut:]
        if bm25.df(kept) > 0 and any(bm25.df(head[:k] + kept) > 0 for k in (1, 2)):
            return True
    return False


EVERYDAY = 10000  # an English dictionary's frequency of a common word ('through', 'read'; not 'micro', 1730)
PART_MIN = 3


def everyday_compound(word: str) -> bool:
    """Whether a word is two common English words written as one ("readthrough", "standin"): the lay
    compound a hyphen would show ("stand-in", which `absent_names` never reads), no term of art."""
    from qa.retrieval.spelling import english_frequency

    w = word.lower()
    return w.isalpha() and any(english_frequency(w[:i]) > EVERYDAY and english_frequency(w[i:]) > EVERYDAY
                               for i in range(PART_MIN, len(w) - PART_MIN + 1))


_GLOSSED = re.compile(r"((?:[\w'’-]+\s+){1,4}?)\(([^()]+)\)")
_NOT_GLOSS = frozenset("what which who how when where why whose is are was were do does did the a an its their "
                       "this these those and or as in on at for with by to from than versus vs".split())


def _not_glossed(word: str) -> bool:
    """A question word, determiner, conjunction or preposition ('A' of "lipid A" is a name)."""
    return word.lower() in _NOT_GLOSS and word != "A"


def glossed(question: str) -> dict[str, list[str]]:
    """The names a question explains itself, each with the words it glosses: "the brca2 null allele
    (brca2KO)", "lipid A acetylation (LpxM)", "binding affinity (Kd)" (the words back to a question
    word, determiner or conjunction before the bracket)."""
    out: dict[str, list[str]] = {}
    for m in _GLOSSED.finditer(question):
        words = m.group(1).split()
        cut = max((i + 1 for i, w in enumerate(words) if _not_glossed(w)), default=0)
        words = words[cut:]
        if words:
            for name in NAME_WORD.findall(m.group(2)):
                out[name.strip(".'’\"")] = words
    return out


