"""The question's predicate, the verb it asks about, credited to the sentence that says it.

A method question ("How were double recombinants selected ...?", "How did they quantify how much
peptide ended up on the LNP surface?") names the thing done to and the deed. Term coverage weighs
each word by its idf, so the deed ('selected', 'quantify': common verbs) weighs little against the
names of the experiment ('in-frame csrA deletion', 'LNP'), which every sentence of the protocol
repeats: the protocol's next step ("Sucrose-resistant ... colonies were screened ... to validate
the ... in-frame deletion of the csrA gene") outscores the sentence doing the asked deed ("Single
recombinant conjugants were first selected on ..."). Span selection credits a sentence holding
the question's predicate in any form of the word (`qa.retrieval.word_forms.stems`), at
`span_predicate_credit` times the share of the predicate's words it holds, whatever their idf.

The predicate is read from the question's grammar with closed classes only: a past participle
(an -ed word that is not part of a hyphenated name: 'HU-treated' names cells, 'treated' asks what
was done), and the bare verb after "did/do/does" and a pronoun or 'the authors'. No part-of-speech
model: an -ed adjective ("unmethylated stretches") is read as a predicate too, and then credits
the sentences saying it, as coverage already does.
"""
from __future__ import annotations

import re
from functools import lru_cache

from qa.retrieval.word_forms import stems

# a past participle written as its own word (not after a hyphen or a letter: 'HU-treated', 'low-methylated'
# name things); -eed words are no participles ('need', 'speed', 'seed')
PARTICIPLE = re.compile(r"(?<![-\w])([A-Za-z]{3,}(?<!e)ed)\b")
# a passive's auxiliary: a participle after it is the predicate ("How were double recombinants selected"); one
# without it modifies a noun ("Do the injected stem cells ...", "accumulated more" after a noun)
BE = re.compile(r"\b(?:was|were|is|are|be|been|being)\b", re.I)
# a participle right after a determiner or an adverb names a thing ("the injected cells", "intravenously injected")
MODIFIES = re.compile(r"(?:\b(?:the|a|an|these|those|this|that|its|their)|ly)\s+$", re.I)
# a participle right after a fronted auxiliary ("how long were", "How was", a clause's first word) and followed by
# a word that is no preposition, adverb of place or conjunction stands before the subject it modifies: "how long
# were synchronized L1s grown", "For how long were dissected larval brains exposed" ask 'grown', 'exposed'
FRONTED_BE = re.compile(r"(?:^|[,;:]\s*|\b(?:how(?:\s+(?:long|many|much|often|far|soon))?|what|when|where|why|who)\s+)"
                        r"(?:was|were|is|are)\s+$", re.I)
NOT_SUBJECT = re.compile(r"\s+(?!(?:in|on|at|by|for|from|to|with|into|onto|over|under|after|before|during|within|"
                         r"without|across|through|per|as|via|and|or|than|upon|between|against|among|about|around|off|"
                         r"out|up|down|together|back|only|first|then|again|so|there|here|where|when|whether|if|that|"
                         r"because|while)\b)[A-Za-z0-9]", re.I)
# "did they quantify", "do the authors follow", "does it bind": the bare verb after an auxiliary and its
# pronoun subject (a closed class)
DO_VERB = re.compile(r"\b(?:did|do|does)\s+(?:they|we|you|it|he|she|(?:the\s+)?(?:authors|researchers|"
                     r"investigators|team))\s+([A-Za-z]{3,})\b", re.I)


@lru_cache(maxsize=4096)
def predicate(question: str) -> tuple[frozenset[str], ...]:
    """The question's predicate words, each as its set of stems (empty when none is read)."""
    aux = BE.search(question)
    words = [m.group(1).lower() for m in PARTICIPLE.finditer(question)
             if aux and aux.end() <= m.start() and not MODIFIES.search(question[:m.start()])
             and not modifies_subject(question, m.start(), m.end())]
    words += [m.group(1).lower() for m in DO_VERB.finditer(question)]
    return tuple(dict.fromkeys(stems(w) for w in words))


def modifies_subject(question: str, start: int, end: int) -> bool:
    """Is the participle at question[start:end] the subject's modifier after a fronted auxiliary
    ("how long were synchronized L1s grown"), not the deed asked ("How was it measured in ...")?"""
    return bool(FRONTED_BE.search(question[:start]) and NOT_SUBJECT.match(question[end:]))


def held(question: str, tokens: set[str] | frozenset[str]) -> float:
    """Share of the question's predicate words a sentence's own tokens hold, in any form (0 without)."""
    words = predicate(question)
    if not words or not tokens:
        return 0.0
    have = set().union(*(stems(t) for t in tokens if t.isalpha()))
    return sum(1 for w in words if w & have) / len(words)


def credit_predicate(units: list, question: str, weight: float) -> list:
    """The units best first after each gains `weight` times its share of the question's predicate
    (scores changed in place, so joins and citation margins read the same order)."""
    if not weight or not predicate(question):
        return units
    for u in units:
        u.score += weight * held(question, u.tokens)
    return sorted(units, key=lambda u: -u.score)
