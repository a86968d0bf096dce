"""Which sentence *defines* the term a definition question asks about.

"What is MK-D1?", "What is the 'three-allele library' ...?", "UMR vs LMR, what is the
difference?" are answered by the sentence that introduces the term, and scientific prose
introduces terms in a few fixed ways: an abbreviation after its long form ("unmethylated regions
(UMRs)") or its long form after it, a naming verb ("... is called the three-allele library",
"termed", "known as"), an apposition ("MK-D1 strain, the first cultured Asgard archaeon ...") or
a copula with the term as subject ("CD146 is a marker of ..."). Before this, any sentence with
"is" or "are" counted as defining, so the focus signal told nothing apart. The patterns are the
English of definitions, not words of any topic.
"""
from __future__ import annotations

import re
from functools import lru_cache

# a term the question quotes ('licensing', "smart", ‘three-allele library’)
_QUOTED = re.compile(r"(?:^|[\s(])['\"‘“]([^'\"‘’“”]{2,60}?)['\"’”](?=[\s?.,:;)]|$)")
# "what is [meant by] [the] X", "what does X mean / stand for", "define X", "meaning of X"
_SUBJECT = re.compile(
    r"\b(?:what (?:is|are|was|were)(?: meant by)?|define|definition of|meaning of|what do(?:es)?)\s+"
    r"(?:(?:the|a|an|an?other)\s+)?(.+?)\s*(?:\?|$)", re.I)
# where the subject's noun phrase ends: a verb or preposition after it ("used to test ...")
_SUBJECT_END = re.compile(
    r"\s+(?:used|in|of|for|by|with|when|that|which|who|according|as|from|made|mean|means|stand|refer|"
    r"exactly|actually|here|there|is|are|was|were|do|does|did|and|or)\b.*$", re.I)
# an abbreviation, a code or a name written with capitals or digits (MK-D1, CD146, UMRs, LMR)
_CODE = re.compile(r"(?<![\w-])(?=[\w-]*[A-Z][\w-]*[A-Z0-9])[A-Za-z][\w-]*[A-Za-z0-9](?![\w-])")
MAX_SUBJECT_WORDS = 4

_NAMING = re.compile(
    r"(?:called|termed|named|dubbed|known as|referred to as|designated(?: as)?|denoted(?: as)?|defined as|"
    r"hereafter|so-called)\s+(?:(?:the|a|an|our)\s+)?[\"'‘“(]?$", re.I)
# the term as the subject of a defining copula ("CD146 is a marker", "Prochymal is made from"), not
# of any predicate ("LMRs were more tissue specific")
_COPULA = re.compile(
    r"^['’”]?s?\)?\s*(?:\([^()]{2,80}\)\s*)?,?\s*(?:(?:is|are|was|were)\s+(?:an?|the|one|defined|composed|made|"
    r"derived|known|termed|called|characteri[sz]ed)|refers? to|means|denotes|stands for|comprises?|"
    r"consists? of)\b", re.I)
_APPOSITION = re.compile(r"^['’”]?s?\)?(?:\s+[\w-]+){0,2},\s+(?:a|an|the|which|i\.e\.|namely)\s", re.I)
_LONG_FORM_AFTER = re.compile(r"^s?\s*\((?=[^()]*[a-z]{3})[^()]{6,80}\)")  # "UMR (unmethylated region)"
_SHORT_FORM = re.compile(r"\(\s*$")  # "... regions (UMRs)": the term opens a bracket


def subject_of(question: str) -> str:
    """The subject noun phrase of "what is ...", "define ...", "what does ... mean" ('' when the
    question has none or it is longer than MAX_SUBJECT_WORDS: a longer question's guess)."""
    m = _SUBJECT.search(question)
    subject = _SUBJECT_END.sub("", m.group(1)).strip(" ,;:-'\"") if m else ""
    return subject if subject and len(subject.split()) <= MAX_SUBJECT_WORDS else ""


def names_its_term(question: str) -> bool:
    """Whether a definition question names the term it asks about: quoted, or as a short subject."""
    return bool(_QUOTED.search(question)) or bool(subject_of(question))


@lru_cache(maxsize=4096)
def asked_terms(question: str) -> tuple[str, ...]:
    """The terms a definition question asks about: the quoted ones, else the subject noun phrase
    of "what is ..." and its abbreviations or codes; () when none can be read."""
    quoted = [t.strip() for t in _QUOTED.findall(question) if t.strip()]
    if quoted:
        return tuple(dict.fromkeys(quoted))
    subject = subject_of(question)
    terms: list[str] = [subject] if subject else []
    # the codes of the subject ("CD146" of "what is CD146 a marker of in MSCs"), else all of them
    # ("UMR vs LMR, what is the difference?")
    codes = _CODE.findall(subject) or _CODE.findall(question)
    return tuple(dict.fromkeys(terms + codes))


def with_abbreviations(terms: tuple[str, ...], glossaries: dict[str, dict[str, str]]) -> tuple[str, ...]:
    """`terms` and their other written form in the articles' glossaries (document -> abbreviation
    -> long form): "systemic sclerosis" is defined as "SS is an immune mediated disease ..."."""
    wanted = {t.lower() for t in terms}
    more: list[str] = []
    for glossary in glossaries.values():
        for short, long in glossary.items():
            if long.lower() in wanted:
                more.append(short)
            elif short in terms:
                more.append(long)
    return tuple(dict.fromkeys([*terms, *more]))


@lru_cache(maxsize=4096)
def _term_pattern(term: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in re.split(r"[\s-]+", term) if w]
    body = r"[\s-]?".join(words)
    # a code is matched as written (UMR, not 'umr' inside a word); a phrase in any case
    flags = 0 if _CODE.fullmatch(term) else re.I
    return re.compile(r"(?<![\w-])" + body + r"(?=s?(?![\w-]))", flags)


def defines(terms: tuple[str, ...], text: str, asked: tuple[str, ...] | None = None) -> bool:
    """Whether `text` introduces one of `terms` in one of the ways the module docstring lists.

    A bracket pairing a long form with its abbreviation ("osteogenesis imperfecta (OI)") defines
    the abbreviation only: it counts for a term the question itself names (`asked`; all of `terms`
    when None), not for the other written form a glossary added to a question spelling the term
    out ("What is osteogenesis imperfecta?" is answered by "OI is characterized by ...", not by
    the sentence that introduced the letters)."""
    for term in terms:
        own = asked is None or term in asked
        for m in _term_pattern(term).finditer(text):
            before, after = text[:m.start()], text[m.end():]
            if _NAMING.search(before[-40:]) or _COPULA.match(after) or _APPOSITION.match(after):
                return True
            if own and (_LONG_FORM_AFTER.match(after)
                        or (_SHORT_FORM.search(before[-3:]) and re.match(r"^s?\s*[),;]", after)
                            and re.search(r"[a-z]{3}", before[-60:]))):
                return True
    return False
