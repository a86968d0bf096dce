"""Questions about how an experiment was done, and the passages that state a procedure.

A research article states its protocol once, in its Methods ("5 mg/kg LPS was intraperitoneally
injected once a week"), and restates the topic many times in its Results, Discussion and
abstract ("we measured plasma LPS ..."), each time with the question's words. A question asking
*how* something was done or *with what amounts* ("What LPS dose and schedule were used ...?",
"How exactly was GDP binding read out?") is answered by the procedure, whichever passage shares
more of its words. The second stage reads, for such questions only, how much of a candidate
reads as a procedure: the share of its sentences written as a laboratory step (a passive past
verb: "were incubated", "was injected") or giving a lab measure (a dose, concentration,
temperature, volume, speed, duration or length). Nothing in it names a topic: the markers are the
grammar and the units of a Methods section.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from qa.retrieval.question import UNIT_WORDS

# the measures a protocol is written in (a wavelength, a bin or a threshold distance as well; not a count,
# a percentage or a fold: results report those);
# a concentration by its units, without the bare percentage `UNIT_WORDS` also reads as one
PROTOCOL_UNITS = ("dose", "temperature", "volume", "speed", "time", "length")
_CONCENTRATION = re.compile(r"\d\s*(?:[pnµμmk]?M\b|(?:[pnµμm]?g|U|IU|units?)\s*/\s*(?:[µμm]?[lL]|kg|g|d[lL])\b"
                            r"|%\s*\(?(?:w/v|v/v)|ppm\b)|\bMOI\b")
_MEASURE = [UNIT_WORDS[u] for u in PROTOCOL_UNITS] + [_CONCENTRATION]
# a laboratory step: a passive past verb ("were incubated", "was then injected", "were grown"): a
# regular participle, or one of the irregular past participles of English (the common ones)
IRREGULAR_PARTICIPLES = (
    "arisen awoken borne beaten become begun bent bound bitten blown broken bred brought built burnt bought "
    "caught chosen clung come cost crept cut dealt dug done drawn dreamt drunk driven eaten fallen fed felt "
    "fought found fled flung flown forbidden forgotten forgiven frozen got gotten given gone ground grown hung "
    "had heard hidden hit held hurt kept knelt known laid led leant learnt left lent let lain lit lost made "
    "meant met mistaken overcome paid proven put quit read rid ridden rung risen run said seen sought sold "
    "sent set sewn shaken shed shone shot shown shrunk shut sung sunk sat slain slept slid slung slit smelt "
    "sown spoken sped spelt spent spilt spun split spoilt spread sprung stood stolen stuck stung stunk struck "
    "strung striven sworn swept swollen swum swung taken taught torn told thought thrown thrust trodden "
    "undergone understood undertaken upset woken worn woven wept won wound withdrawn withheld written").split()
# a past participle: a regular one, or one of English's irregular ones
_PARTICIPLE = r"(?:[a-z]+ed|" + "|".join(IRREGULAR_PARTICIPLES) + r")"
_STEP = re.compile(r"\b(?:was|were)\s+(?:\w+ly\s+|then\s+|also\s+|subsequently\s+)?" + _PARTICIPLE + r"\b")

# how an experiment was done: "how (exactly) was X measured", "how did they/the authors group ...",
# "what software/tool/method/... was used" (the thing used named in up to six words: "which rad51 and brca2
# mutant alleles were used"), "what ... used to <verb>", and where its material or data came from ("where
# did the set of TF binding sites come from?", "where were the strains obtained from?"): a research article
# states a source of its own in the Methods ("we obtained a dataset ... from ref (21)", "downloaded from ...")
_ASKS_HOW_DONE = re.compile(
    r"^\s*(?:(?:and|so)\s+)?how\s+(?:exactly\s+)?(?:(?:was|were)\b|did\s+(?:they|the\s+authors|the\s+researchers|you|we)\b)"
    r"|\b(?:what|which)\s+(?:[\w-]+\s+){0,6}(?:was|were)\s+(?:\w+\s+){0,2}used\b"
    r"|\b(?:what|which)\s+(?:[\w-]+\s+){0,3}did\s+they\s+use\b"
    r"|^\s*(?:what|which)\b.*\bused\s+to\s+\w+"
    r"|\bwhere\s+(?:did|do|does|was|were)\s+(?:[\w'-]+\s+){1,12}?(?:come|came|obtained|taken)\s+from\b", re.I)
# a condition or amount asked of a step, in the grammar of a protocol (prepositions, the verb "be" and the
# participles of English: closed classes): a preposition fronted with its question word before a passive
# ("at what dilution ... was the antibody applied", "to what density were cultures adjusted", "into which
# categories were transcripts sorted") or elliptic after a conjunction ("..., and on what machine?");
# how long a step lasted, as a passive ("how long were L1s grown"); an amount of a material that went into a
# step ("how much mutagen went into each vial") or a count that went into each unit of it ("how many cells
# went into each library"; not "how many genomes went into the analysis": a count of samples, a result)
_ASKS_CONDITION = re.compile(
    r"\b(?:at|on|under|into|to|with)\s+(?:what|which)\s+(?!extent\b|degree\b)(?:[\w/%-]+\s+){0,4}?(?:was|were)"
    r"\s+(?:[\w-]+\s+){0,6}?" + _PARTICIPLE + r"\b"
    r"|(?:^|[,;]\s*|\band\s+)(?:at|on|under|with)\s+(?:what|which)\s+[\w/%-]+\s*[?,;]"
    r"|\bhow\s+long\s+(?:was|were)\s+(?:[\w-]+\s+){1,6}?" + _PARTICIPLE + r"\b"
    r"|\bhow\s+much\s+(?:[\w-]+\s+){1,4}?(?:went|go|goes|was\s+put)\s+into\b"
    r"|\bhow\s+many\s+(?:[\w-]+\s+){1,4}?(?:went|go|goes|were\s+put)\s+into\s+(?:each|every)\b", re.I)
# a protocol's own measures named in the question ("what dose", "at what concentrations", "in what
# volume", "what conc", "what dilution", "what % formaldehyde"); "how much" and "how long" ask results as
# often ("how much fewer mutations")
_PROTOCOL_MEASURE = re.compile(r"\b(?:doses?|dosages?|dosing|regimens?|concentrations?|conc|volumes?|dilutions?|rpm|"
                               r"centrifug\w*)\b|\bwhat\s+%\s*(?!of\b)[a-z]", re.I)
# what a result does: "how did tumour volume change", "how were survival rates compared"
_RESULT_VERB = re.compile(r"\b(?:change|changed|compare|compared|affect|affected|respond|responded|behave|behaved|"
                          r"differ|differed|vary|varied|increase|increased|decrease|decreased)\b", re.I)


def asks_procedure(question: str, kind: str) -> bool:
    """Does the question ask how an experiment was done or with what amounts (not what it found)?"""
    if kind in ("sources", "table", "definition") or _RESULT_VERB.search(question):
        return False
    return bool(_PROTOCOL_MEASURE.search(question) or _ASKS_HOW_DONE.search(question)
                or _ASKS_CONDITION.search(question))


def is_step(text: str) -> bool:
    """A sentence written as a laboratory step (a passive past verb) or giving a lab measure.
    Either alone: a Methods sentence is mostly both, a Results or Discussion sentence mostly
    neither ("we observed", "our data suggest"); measured against requiring both (evals/README.md)."""
    return bool(_STEP.search(text)) or any(m.search(text) for m in _MEASURE)


def procedure_share(texts: Sequence[str]) -> float:
    """The share of a passage's sentences that are laboratory steps (0 for no sentences)."""
    return sum(is_step(t) for t in texts) / len(texts) if texts else 0.0
