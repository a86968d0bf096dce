"""An alternative question ("In the cirrhosis trials, were the MSCs given intravenously or into the hepatic
artery?") asks which of two things holds: a sentence stating one of them, in any form the library reads
(a synonym, an abbreviation: "Route: IV"), answers it; one naming neither does not, however many of the
question's other words it holds (user trials 50 and 52). Read by shape only: a polar question
(`qa.retrieval.interrogative.asks_whether`, the reading every stage uses), the last "or" and the closed
classes that open or end its two sides. On (`alternative_first`) since the fortieth session: blind-dev PDF
rounds 1-13 gain a right refusal, one first span gained and one lost; b14-b21 gain one (evals/README.md).
A polar question over both sides ("Does etoposide or mitomycin C also trigger ...?", "Do longer introns or
stronger splice sites leave the transcription site ...?": the clause goes on past the second side with a
verb's object or adverb, or compares both with a third thing) asks whether, not which: no alternative
(`polar_over_both`; forty-first session)."""
from __future__ import annotations

import re
from collections.abc import Callable

from qa.index.analyzer import tokenize
from qa.retrieval.interrogative import asks_whether
from qa.retrieval.word_forms import stems

# the word before the last "or" and what follows it up to the clause's end
_OR = re.compile(r"([\w'-]+)\s+or\s+([^,;?.()]+)", re.I)
# closed classes: prepositions and determiners open a side that is a phrase of its own ("into the hepatic
# artery"); without them the side after "or" is one word parallel to the one before it ("native or
# denaturing conditions": the head is shared)
_OPENERS = frozenset("a an the this that these those its their into in to on at by via with from through "
                     "under of for as".split())
# "or not", "or other ...", "or another ...": no second thing is named
_NO_SECOND = frozenset("not other others another any anything else so".split())
_FUNCTION = _OPENERS | _NO_SECOND | frozenset("only just also still even more less rather than".split())
MAX_PHRASE = 3  # content words read of a side that is a phrase
# closed classes that, after the second side, open a verb's object or qualify a verb: "Does etoposide or
# mitomycin C also trigger ...?", "Do longer introns or stronger splice sites leave the transcription site
# ...?", "were chromatid breaks or fusions per spread any different?". The "A or B" is then the subject the
# verb applies to, and the question asks whether (of either), not which of the two
_CLAUSE_GOES_ON = frozenset("the a an this that these those its their his her our your any some no every each "
                            "enough all both also still even ever".split())
_PREPOSITIONS = _OPENERS - frozenset("a an the this that these those its their".split())
# "than": compared with a third thing ("does niraparib or rucaparib kill the cells better than WT?")
_COMPARED = frozenset({"than"})


def polar_over_both(after: list[str], side: int) -> bool:
    """Whether the words after "or" (`after`, the second side's first `side` of them) go on past the second
    side as the rest of a clause whose subject is "A or B" (`_CLAUSE_GOES_ON`: a determiner opening an object,
    not a preposition's, or a verb's adverb) or compare both with a third thing (`_COMPARED`)."""
    words = [w.lower().strip(".,;:?!'\"") for w in after]
    rest = words[side:]
    if any(w in _COMPARED for w in words):
        return True
    return any(w in _CLAUSE_GOES_ON and (i == 0 or rest[i - 1] not in _PREPOSITIONS) for i, w in enumerate(rest))


def sides(question: str) -> tuple[list[str], list[str]] | None:
    """The index tokens of the two alternatives of a polar question joining them with "or" (the word before
    it; after it, one word, or a phrase of up to `MAX_PHRASE` content words when a preposition or determiner
    opens it); None for any other question."""
    if not asks_whether(question):  # a polar question, its opening or its last clause's auxiliary inverted
        return None
    last = None
    for last in _OR.finditer(question):
        pass
    if last is None:
        return None
    after = last.group(2).split()
    if not after or after[0].lower() in _NO_SECOND or last.group(1).lower() in _FUNCTION:
        return None
    phrase = after[0].lower() in _OPENERS
    content = [w for w in after if w.lower() not in _FUNCTION][:MAX_PHRASE if phrase else 1]
    if content and polar_over_both(after, after.index(content[-1]) + 1):
        return None  # "Does A or B also trigger ...?": whether, of both; no choice between them
    first, second = tokenize(last.group(1)), [t for w in content for t in tokenize(w)]
    return (first, second) if first and second else None


def _forms(token: str, concepts: list[list[list[str]]]) -> list[list[str]]:
    """The forms a token of the question may be written in: itself and its concept's alternatives (the
    library's synonyms and abbreviations: 'intravenous' / 'iv')."""
    for alts in concepts:
        if alts and token in alts[0]:
            return [[token], *(a for a in alts[1:] if token not in a)]
    return [[token]]


def names_alternative(question: str, concepts: list[list[list[str]]]) -> Callable[[str], bool] | None:
    """For an alternative question: whether a text names either side (each of a side's tokens in
    one of its forms: a synonym, an abbreviation or another ending of the word, 'denatured' for
    'denaturing'). None for any other question."""
    read = sides(question)
    if read is None:
        return None
    forms = [[_forms(t, concepts) for t in side] for side in read]

    def holds(form: list[str], tokens: set[str]) -> bool:
        return all(t in tokens or any(stems(t) & stems(u) for u in tokens if u[:1] == t[:1]) for t in form)

    def names(text: str) -> bool:
        tokens = set(tokenize(text))
        return any(all(any(holds(f, tokens) for f in alts) for alts in side) for side in forms)
    return names
