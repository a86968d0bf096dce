"""A question asking whether a treatment worked or did harm asks for a finding, not for its topic.

"Does it work for lupus?", "Did the kidney problems get better?", "Were there any side effects
when the GVHD patients got the cells?", "is it safe for children?": the sentence nearest such a
question by meaning names the disease and the treatment and says why it might work ("MSCs
protect and improve recovery from several models of ... injury", "has been implicated in ...
ameliorating graft-vs.-host disease"), or states a finding of the other kind (an improvement, for a
question asking about side effects), while the answer beside it reports what was seen ("None of
the patients had side effects ...", "six of eight patients ... showed complete remission").
User trial 28's commonest failure (ten questions).

`asks_result` reads the question's focus from its form and wording alone: a question asking
whether (an auxiliary verb first) or naming its subject with no wh-word ("any side effects?",
"IV MSCs for Crohn's - do they work?"), whose words ask about benefit (work, help, improve,
get better, respond, ...) or harm (safe, side effects, adverse, toxic, complications, deaths).
`reports_result` reads whether a sentence reports a finding: a share of subjects or a
percentage, a comparison by significance, a verb of outcome or observation in the past or perfect
('improved', 'showed', 'induced', 'has not yet shown'); for a question about harm, a finding that
names harm, or harm negated ("no adverse effects, deaths or ensuing GVHD", "None had
complications", "was well tolerated"). The words are the English of reporting outcomes and of
harms, not any disease's or treatment's.

Only the harm reading is on by default (`finding_focus` 'harm' in qa/answer/settings.py): the benefit
reading ('both') answered one more dev question but cost citation precision on the blind-dev reviews
(evals/README.md, twenty-third session, "Lay findings helper"). A trial-table row is not read (its
fields note its trial's outcome without a verb: qa.answer.focus.answer_type).
"""
from __future__ import annotations

import re
from functools import lru_cache

from qa.answer.inherited import COUNT_WORDS
from qa.retrieval.question import WH_WORDS, asks_whether

# the question's focus: harm, or benefit (read only in a question asking whether, see `asks_result`)
_HARM_ASKED = re.compile(r"\b(?:safe(?:ty|ly)?|unsafe|side[- ]?effects?|adverse|toxic\w*|harm\w*|complications?|"
                         r"tolera\w*|die[ds]?|deaths?|mortality|fatal\w*)\b", re.I)
_BENEFIT_ASKED = re.compile(r"\b(?:works?|worked|help(?:s|ed)?|effective(?:ness)?|efficac\w*|benefit\w*|"
                            r"improve[sd]?|better|heal(?:s|ed)?|cure[sd]?|respond(?:s|ed)?|responses?|remission|"
                            r"succe\w*|results?|outcomes?)\b", re.I)
_WH_WORD = re.compile(r"\b" + WH_WORDS + r"\b", re.I)
# kinds whose answer is a finding stated in a sentence (not a citation list, a table row, a number,
# a definition or a list of items)
FINDING_KINDS = frozenset({"yesno", "comparison", "fact"})


@lru_cache(maxsize=1024)
def asks_result(question: str, kind: str | None, aspects: str = "harm") -> str | None:
    """'harm' for a question asking whether a treatment did harm, 'benefit' for one asking whether it
    worked (read only when `aspects` is 'both': the answer settings' `finding_focus`), None otherwise
    (a wh-question, a kind whose answer is no finding sentence, `aspects` 'off')."""
    if aspects == "off" or kind not in FINDING_KINDS:
        return None
    if not asks_whether(question) and _WH_WORD.search(question):
        return None
    if _HARM_ASKED.search(question):
        return "harm"
    if aspects == "both" and _BENEFIT_ASKED.search(question):
        return "benefit"
    return None


# a share of subjects or a percentage: "six of eight patients", "3/9 (33.3%)", "68%", "one third of"
_COUNT = r"(?:\d+|" + COUNT_WORDS + r")"  # a count in digits or in words (any cardinal below a hundred)
_SHARE = re.compile(r"\b(?:" + _COUNT + r"|none|all|most|half|(?:one|two)\s+thirds?)\s+(?:out\s+)?of\s+"
                    r"(?:the|these|those|them|their|" + _COUNT + r")\b"
                    r"|\b\d+\s*/\s*\d+\b|\d\s?%|\bpercent\b", re.I)
# a comparison by significance: "significant improvement", "did not reach significance"
_SIGNIFICANCE = re.compile(r"\b(?:significantly|significance|compared (?:to|with)|than the (?:control|placebo)\w*)\b"
                          r"|\bsignificant\s+(?:\w+\s+)?(?:improvement|reduction|increase|decrease|decline|difference|"
                          r"change|response|benefit)s?\b", re.I)
# verbs of outcome and of observation in the past: those never used as adjectives ...
_PAST_VERB = re.compile(
    r"\b(?:showed|shown|demonstrated|revealed|observed|experienced|responded|achieved|attained|resulted|yielded|"
    r"failed|rose|fell|declined|died|survived|relapsed|benefit(?:t)?ed|exhibited|displayed)\b", re.I)
# ... and participles that also qualify a noun ("collagen induced arthritis", "improved regenerative
# outcomes"): a verb only after 'was', 'were', 'been', 'has', 'have', 'had', or before what no noun
# it qualifies starts with (an adverb in -ly, a determiner, a preposition, a number, 'no', the end)
_PARTICIPLE = (r"(?:improved|reduced|decreased|increased|diminished|resolved|healed|recovered|induced|caused|"
               r"produced|normali[sz]ed|stabili[sz]ed|ameliorated|suppressed|prevented|reversed|restored|"
               r"tolerated|progressed|developed)")
# verbs of reporting: a verb after an auxiliary, or before what it reports ("found that", "reported a
# clinical response"), not before a preposition ("the changes found in SLE")
_REPORTING = r"(?:found|reported|confirmed)"
_PARTICIPLE_VERB = re.compile(
    r"\b(?:was|were|been|has|have|had)\s+(?:\w+ly\s+|not\s+|yet\s+|well\s+|also\s+)*" + _PARTICIPLE + r"\b"
    r"|\b" + _PARTICIPLE + r"(?=\s*(?:[.,;:)]|$)|\s+(?:\w+ly|a|an|the|no|any|by|in|at|from|to|after|"
    r"within|over|with|as|of|on|than|\d[\w.%]*)\b)"
    r"|\b(?:was|were|been|has|have|had)\s+(?:\w+ly\s+|not\s+|yet\s+|also\s+)*" + _REPORTING + r"\b"
    r"|\b" + _REPORTING + r"\s+(?:that|a|an|the|no|any|\d[\w.%]*)\b", re.I)
# harm named in a sentence, and harm denied
_HARM = re.compile(r"\b(?:safe(?:ty|ly)?|unsafe|side[- ]?effects?|adverse|toxicit\w*|toxic|harm\w*|complications?|"
                   r"tolera(?:ted|nce|ble|bility)|die[ds]?|deaths?|mortality|fatal\w*)\b", re.I)
_DENIED = re.compile(r"\b(?:no|none|not|without|neither|nor|free of|absence of)\b", re.I)


def reports_outcome(text: str) -> bool:
    """Whether a sentence reports an outcome: a share of subjects or a percentage, a comparison by
    significance, or a verb of outcome or observation in the past or perfect."""
    return bool(_SHARE.search(text) or _SIGNIFICANCE.search(text) or _PAST_VERB.search(text)
                or _PARTICIPLE_VERB.search(text))


def reports_result(text: str, asked: str) -> bool:
    """Whether a sentence reports a finding of the asked kind (`asks_result`): for 'harm', one that
    names harm and reports it or denies it; for 'benefit', any reported outcome."""
    if asked == "harm":
        return bool(_HARM.search(text)) and bool(_DENIED.search(text) or reports_outcome(text))
    return reports_outcome(text)
