"""Citations an uncited answer span takes from its neighbours: the study it refers back to.

A study is often described over several sentences and cited once, where it is introduced or at the
end of its description. A quoted sentence that continues the study cited just before it ("In this
study, ...", "The majority of patients ...", `continues_cited_study`) takes that sentence's last
citation group; `forward`, the next sentence's first (`inherited_citations`). Apart from
qa.answer.references, which decides which of a span's own citations it carries.
"""
from __future__ import annotations

import re

from qa.answer.clauses import citation_groups
from qa.answer.units import Unit, citations_in
from qa.models import Citation

FIRST_PERSON = re.compile(r"\b(?:we|our|us)\b", re.I)
# a sentence opening like this continues the study the sentence before it cites ("In this study, ...")
# ("In this well known model of chronic kidney disease, ..."), or goes on with a connective that
# adds to it ("Furthermore, the majority of patients showed ...") or with its subjects ("The
# majority of patients", "Treated rats"); a connective may open any of them
_GOES_ON = r"(?:(?:Furthermore|Moreover|In addition|Additionally|Also|Likewise|However|Nevertheless|Notably|" \
    r"Interestingly|Importantly|Overall|Thus|Therefore|Finally|In particular),\s+)"
# a count written in words: any English cardinal below a hundred ("seven", "fifteen", "twenty-four")
_UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
COUNT_WORDS = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-" + _UNITS + r")?|ten|eleven|twelve|"
          r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|" + _UNITS + r")")
# the people and animals a study treats: its human participants by role or age, and the laboratory
# animals of preclinical work (rodents to primates and the invertebrate and fish models)
SUBJECTS = (r"(?:patients|subjects|participants|recipients|volunteers|donors|children|infants|adults|women|men|"
            r"animals|mice|rats|rodents|rabbits|hamsters|guinea pigs|dogs|cats|pigs|minipigs|sheep|goats|horses|"
            r"monkeys|macaques|baboons|primates|zebrafish|fish|flies|larvae|worms)")
STUDY_NOUNS = r"(?:study|trial|report|series|cohort|model|work|experiment|setting)"
# a procedure's summary goes on from the sentence naming it with its citation ("Slow-killing assays were
# performed as previously described [26, 48]. Briefly, 45 worms ..."): it describes the cited method
SUMMARY = r"(?:Briefly|In brief),"
CONTINUES_STUDY = re.compile(
    r"^" + _GOES_ON + r"?(?:In (?:this|that|the same|these|both) (?:[\w-]+ ){0,3}?" + STUDY_NOUNS + r"s?|"
    r"(?:This|That|The same|These) (?:study|trial|report|group|series|cohort|work|pilot)s?|"
    r"(?:This|That) (?:was|is|has been|had been)|"
    r"(?:The|These|Those|Such) (?:patients|authors|investigators|results|findings|mice|animals)|"
    # the subjects of that study, named as such: "The majority of patients", "Two of the treated
    # mice", "These 12 children", "Treated rats" ("Most patients with SLE ..." states a fact of its own)
    r"(?:(?:The|These|Those)\s+(?:majority|rest|remainder)\s+of(?:\s+the)?|(?:All|Most|None|Some|Half|Many|"
    r"Several|" + COUNT_WORDS + r"|\d+)\s+of\s+the|The|These|Those)\s+(?:[\w-]+ ){0,2}?"
    + SUBJECTS + r"|(?:Treated|Transplanted|Infused) " + SUBJECTS
    # a count out of the study's cohort: "Overall, seven of 12 patients showed complete responses"
    + r"|(?:\d+|" + COUNT_WORDS + r")\s+(?:out\s+)?of\s+(?:the\s+|these\s+|those\s+)?(?:\d+|" + COUNT_WORDS + r")\s+"
    r"(?:[\w-]+ ){0,2}?" + SUBJECTS
    # a share of that study's subjects: "Sixty-eight percent of these patients", "60% of those children"
    + r"|[\w%.,-]+(?:\s+[\w%.,-]+){0,2}?\s+of\s+(?:these|those)\s+(?:[\w-]+ ){0,2}?" + SUBJECTS
    # ... or of "the" subjects when the share is a percentage ("Ninety-four percent of the patients had an
    # initial response" after "Prochymal was used in a randomized prospective study ... [94]"; user trial 36)
    + r"|(?:\d+(?:\.\d+)?\s*%|(?:\d+(?:\.\d+)?|" + COUNT_WORDS + r")\s+(?:percent|per\s+cent))\s+of\s+the\s+"
    r"(?:[\w-]+ ){0,2}?" + SUBJECTS
    # a count of its subjects and what they showed, or what was (not) seen, in the past tense (any
    # verb in -ed, or 'had'): "Two patients showed normal healing", "There were no serious adverse
    # events following ..."
    + r"|(?:\d+|" + COUNT_WORDS + r")\s+" + SUBJECTS + r"\s+(?:[a-z]+ed|had)|There (?:was|were) no"
    # its subjects, bare, and what they did, in the past tense: "Patients improved on measures of visual
    # function" after "Connick et al. reported ... 10 patients with MS ..." (not a participle naming
    # which subjects: "Patients treated with steroids ...")
    + r"|" + SUBJECTS + r"\s+(?:[a-z]+ed|had)(?!\s+(?:with|by)\b)" + r")\b"
    r"|^(?:Furthermore|Moreover|In addition|Additionally),\s|^" + SUMMARY, re.I)


# a sentence introducing a study it does not cite yet ("In another phase I to II clinical trial, eight
# patients ... received autologous MSCs."): the citation closes the study's description, in the next
# sentence ("MSC administration was well tolerated ... [126].")
INTRODUCES_STUDY = re.compile(
    r"^" + _GOES_ON + r"?(?:In|From)\s+(?:a|an|another|one|the first|a second|a third|a later|a subsequent|"
    r"a further)\s+(?:[\w-]+\s+){0,5}?(?:study|trial|report|series|cohort|experiment)\b", re.I)


def introduced_study(u: Unit, index) -> list[Citation]:
    """The first citation group of the sentence after a quote whose last sentence introduces a study
    without citing it (`INTRODUCES_STUDY`, not in the first person): that study's citation, which closes
    its description one sentence on. Empty when the last sentence cites or introduces nothing."""
    p = u.hit.passage
    spans = index.sentence_spans(u.hit)
    inside = [(a, b) for _, a, b in spans if u.start <= a < u.end]
    after = [(a, b) for _, a, b in spans if a >= u.end]
    if not inside or not after:
        return []
    a, b = inside[-1]
    last = p.text[a - p.start:b - p.start]
    if citations_in(p, a, b) or not INTRODUCES_STUDY.match(last) or FIRST_PERSON.search(last):
        return []
    a2, b2 = after[0]
    nxt = p.text[a2 - p.start:b2 - p.start]
    if "\n\n" in p.text[b - p.start:a2 - p.start] or INTRODUCES_STUDY.match(nxt):
        return []
    mine = citations_in(p, a2, b2)
    groups = citation_groups(nxt, a2, mine) if mine else []
    return groups[0] if groups else []


BACK_SENTENCES = 3  # how far back an uncited span looks for the study it refers to


# the study's subjects referred back to inside the sentence: "... analyses of osteoblasts ... of these
# children were performed between 18 and 34 mo" (user trial 27: the sentence after Horwitz et al.'s)
REFERS_BACK = re.compile(r"\b(?:these|those)\s+(?:[\w-]+\s+){0,2}?" + SUBJECTS + r"\b", re.I)


def continues_cited_study(text: str) -> bool:
    """Whether a sentence continues the study cited just before it ("In this study, donor-type
    chimerism was ..."), by its opening or by naming that study's subjects ("these children"); a
    sentence in the first person ("In this study, we show") is the document's own work, not the
    study cited before."""
    return (CONTINUES_STUDY.match(text) is not None or REFERS_BACK.search(text) is not None) \
        and not FIRST_PERSON.search(text)


# the bare connective opening: "Furthermore, through cell to cell contact ... MSCs induce Tregs."
_CONNECTIVE = re.compile(r"^(?:Furthermore|Moreover|In addition|Additionally),\s+", re.I)


def goes_on_by_connective_only(text: str) -> bool:
    """Whether a sentence continues the one before only by its opening connective ("Furthermore,
    ..."), naming no study, subjects or summary of its own: it adds to what was said, not to one
    study, so it cannot tell which of several cited items before it it goes on from."""
    m = _CONNECTIVE.match(text)
    if not m:
        return False
    rest = text[m.end():]
    rest = rest[:1].upper() + rest[1:]
    return CONTINUES_STUDY.match(rest) is None and REFERS_BACK.search(text) is None


def inherited_citations(u: Unit, index, mode: str) -> list[Citation]:
    """The citations an uncited answer span takes from its neighbours in the passage: a study
    described over several sentences is cited once, at the end of its description (`forward`:
    the first citation group of the next sentence) or where it is introduced, the span then
    referring back to it ("In this study, ...": `back`, the last group of the sentence before).
    'both' tries back first, then forward."""
    p = u.hit.passage
    spans = index.sentence_spans(u.hit)
    before = [(a, b) for _, a, b in spans if b <= u.start]
    after = [(a, b) for _, a, b in spans if a >= u.end]

    def groups(a: int, b: int) -> list[list[Citation]]:
        mine = citations_in(p, a, b)
        return citation_groups(p.text[a - p.start:b - p.start], a, mine) if mine else []

    if mode in ("back", "both") and before and continues_cited_study(u.text):
        # back to the sentence that cites, over the uncited sentences that go on describing its
        # study ("... controls [100]. There were no serious adverse events ... This was also the
        # first study to ..."), within the paragraph
        for a, b in reversed(before[-BACK_SENTENCES:]):
            if "\n\n" in p.text[b - p.start:u.start - p.start]:
                break
            found = groups(a, b)
            if found:
                # a sentence citing each item of a list apart ("... TGF-β [39], HGF [26], nitric
                # oxide [40], and IDO [41].") gives a bare "Furthermore, ..." no study to go on
                # from: its last group cites the last item only (user trial 34)
                if len(found) > 1 and goes_on_by_connective_only(u.text):
                    return []
                return found[-1]
    if mode in ("forward", "both") and after:
        found = groups(*after[0])
        if found:
            return found[0]
    return []
