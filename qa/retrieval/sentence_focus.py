"""What an answering sentence must contain for the question's kind (the question's *focus*): a
number of the asked unit, a defining verb, an enumeration, a contrast, an assertion, a reason or a
means. Read by span scoring (qa.answer.candidates) and by the second retrieval stage alike, with one
weight (`focus_weight`) instead of a hand-set bonus per kind. Only English function words and
connectives are read, no topic word. (Moved from qa.retrieval.question, which reads the question.)
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from qa.retrieval.number_units import states_unit
from qa.retrieval.question import number_unit

if TYPE_CHECKING:
    from qa.models import Citation

DEFINING = re.compile(r"\b(is|are|refers? to|defined|known as|characteri[sz]ed|termed|called)\b")
# An enumeration: three or more short items, the last joined by "and"/"or" ("interferon-γ, tumor
# necrosis factor-α, IL-1-α or IL-1-β"), numbered items ("(1) ... (2) ..."), or "such as" / "including"
# followed by a list. Two commas alone are clauses, not a list ("Thus, ..., which ..., for instance, ...").
# The comma list, "(?:[^,;]{1,60}[,;]\s*){2,}[^,;]{0,60}\b(?:and|or)\b" as a regex, is read by
# `comma_list` on the split text instead: the regex backtracks for seconds on a list of
# abbreviations ("MSC, mesenchymal stem cell; OI, ...; Allo, allogeneic; ..."); same matches.
ENUMERATION = re.compile(r"\(\s*(?:1|i|a)\s*\).*\(\s*(?:2|ii|b)\s*\)|\b(?:such as|including|e\.g\.)\b[^.]*,")
_LAST_ITEM = re.compile(r"[^,;]{0,60}\b(?:and|or)\b")


def comma_list(text: str) -> bool:
    """Two or more items each closed by a comma or semicolon (the first any text, the next ones at
    most 60 characters), then, within 60 characters, 'and' or 'or'."""
    parts = re.split(r"[,;]", text)
    for j in range(2, len(parts)):
        middle = parts[j - 1].lstrip()
        if parts[j - 2] and 0 < len(middle) <= 60 and _LAST_ITEM.match(parts[j].lstrip()):
            return True
    return False


def names_head(question: str, text: str) -> bool:
    """Whether a sentence names the noun a list question asks the members of ("Three pathogenic bacterial
    *strains* were used: ..." for "Which ... strains ...?"), any form; True when no plural head is read
    ("List the ...", "What are the ...?"): an enumeration of other things is no answer to "which strains"."""
    from qa.retrieval.plural_head import head_words
    from qa.retrieval.word_forms import stems
    from qa.index.analyzer import tokenize

    heads = head_words(question)
    if not heads or any(h.lower() in _PRO_FORMS for h in heads):
        return True
    asked = set().union(*(stems(t) for h in heads for t in tokenize(h)))
    return any(stems(t) & asked for t in tokenize(text))


# plural pro-forms standing for a head the question leaves out ("... - which ones?")
_PRO_FORMS = frozenset({"ones", "others"})


def enumerates(text: str) -> bool:
    """Whether a sentence names several items (a comma list, or ENUMERATION)."""
    return comma_list(text) or bool(ENUMERATION.search(text))


CONTRAST = re.compile(r"\b(?:than|compared|whereas|while|versus|vs\.?|in contrast|unlike|higher|lower|more|less|"
                      r"greater|fewer|superior|inferior|similar|differ\w*)\b", re.I)
ASSERTION = re.compile(r"\b(?:not|no|did|does|do|can|could|may|showed|shown|demonstrated|found|reported|"
                       r"observed|failed|able)\b", re.I)


# A *fact* question asking for a reason ("why ...?") is answered by a sentence giving one; one
# asking how something happens ("how do MSCs reverse ...?", present tense: a mechanism; "how did
# they ...?" asks what a study did or found) by a sentence naming a means or mechanism. The
# markers are the discourse connectives of explanation, not words of any topic.
ASKS_WHY = re.compile(r"^\s*(?:(?:and|but|so)\s+)?why\b|\bwhat (?:is|was|are|were) the reasons?\b"
                      r"|\bfor what reason\b", re.I)
ASKS_HOW = re.compile(r"^\s*(?:(?:and|but|so)\s+)?how\s+(?:do|does|can|could|may|might|would)\b", re.I)
REASON = re.compile(r"\b(?:because|due to|owing to|since|as a result|caused by|results? from|resulting from|"
                    r"attributed to|reasons?|leads? to|thus|therefore|explain\w*)\b", re.I)
MEANS = re.compile(r"\b(?:via|through|mediated|dependent|depends?|mechanisms?|by (?:\w+ing|the|a|an|which|means)|"
                   r"involv\w+|requir\w+|pathways?|due to|because)\b", re.I)


def focus_match(kind: str | None, question: str, text: str, *, is_table_row: bool, cited: bool,
                terms: tuple[str, ...] | None = None) -> float:
    """1.0 when a candidate sentence has what the question's focus asks for: a number of the
    asked unit (number), a trial-table row (table), citations (sources), a defining verb
    (definition), an enumeration (list), a contrast (comparison), an assertion (yes/no), a
    reason or a means (a *fact* question asking why, or how something happens).
    `terms`: what a definition question asks about (`qa.retrieval.defining`; read from the question
    when None). One weight (`focus_weight`) turns it into score, instead of a hand-set bonus per kind."""
    if kind == "number":
        return float(states_unit(question, text, number_unit(question)))
    if kind == "table":
        return float(is_table_row)
    if kind == "sources":
        return float(cited)
    if kind == "definition":
        # the sentence introducing the asked term (qa.retrieval.defining); "is"/"are" when no term is read
        from qa.retrieval.defining import asked_terms, defines

        asked = asked_terms(question)
        terms = asked if terms is None else terms
        return float(defines(terms, text, asked)) if terms else float(bool(DEFINING.search(text)))
    if kind == "list":
        return float(enumerates(text) and names_head(question, text))
    if kind == "comparison":
        return float(bool(CONTRAST.search(text)))
    if kind == "yesno":
        return float(bool(ASSERTION.search(text)))
    if kind == "fact" and ASKS_WHY.search(question):
        return float(bool(REASON.search(text)))
    if kind == "fact" and ASKS_HOW.search(question):
        return float(bool(MEANS.search(text)))
    return 0.0


def without_citations(text: str, start: int, citations: Iterable[Citation]) -> str:
    """`text` (beginning at document offset `start`) with each citation label inside it replaced
    by a space: what `focus_match` reads, so a reference number is never taken for a dose or
    count. Used by the answer stage and by the second retrieval stage alike."""
    for c in sorted(citations, key=lambda c: -c.start):
        a, b = c.start - start, c.end - start
        if 0 <= a <= b <= len(text):
            text = text[:a] + " " + text[b:]
    return text


