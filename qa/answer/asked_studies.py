"""The studies and the document a question names: first authors and years ("the Le Blanc 2008
trial"), or one document ("according to this review").

Apart from `qa.answer.references` because it reads the question alone, not the spans: the citation
rules (`cite_named_author`, `cite_one_document`) and the named-study answer (qa.answer.named_study)
both ask it what the question names.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from qa.index.study_identity import surname_key


def named_authors(question: str) -> set[str]:
    """The capitalised words of a question (and pairs of them, 'Le Blanc'), as surname keys: the
    first authors a question may name ("the Hare MI trial", "Le Blanc's phase II study")."""
    words = re.findall(r"\b[A-Z][a-z\u00e0-\u00ff][\w\u00e0-\u00ff'\-]*", question)
    # a possessive is the name ("Sun's patients", "Le Blanc's study": 'suns' matched no surname)
    words = [re.sub(r"'s?$", "", w) for w in words]
    names = {surname_key(w) for w in words}
    names |= {surname_key(a + b) for a, b in zip(words, words[1:])}
    return {n for n in names if len(n) > 1}


YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def asked_study_keys(question: str, cited: list[tuple[str, str]], surname_of: Callable[[str, str], str],
                     year_of: Callable[[str, str], int | None] = lambda doc, key: None
                     ) -> set[tuple[str, str]] | None:
    """The (doc, key) pairs among `cited` whose first author the question names, or None when it
    names none of them: a question about one author's study is answered by that study's
    citation, not by the trials listed beside it ("Hare MI trial: how many patients?"). When the
    question also names a year that some of those studies have, only they are asked ("the Le
    Blanc 2008 phase II trial", not Le Blanc 2004's case report)."""
    names = named_authors(question)
    if not names:
        return None
    asked = {pair for pair in cited if (s := surname_of(*pair)) and surname_key(s) in names}
    years = {int(y) for y in YEAR.findall(question)}
    dated = {pair for pair in asked if year_of(*pair) in years}
    return (dated or asked) or None


# "the review", "this paper", "the HSCT review's table", "the authors": one document, named as such
ONE_DOCUMENT = re.compile(r"\b(?:the|this|that)\s+(?:[\w/-]+\s+){0,2}?(?:review|article|paper|authors)\b", re.I)


# "the two reviews", "both reviews", "all three papers": documents named in the plural
SEVERAL_DOCUMENTS = re.compile(r"\b(?:the|both|all|these|those|two|three|several)\s+(?:[\w/-]+\s+){0,2}?"
                               r"(?:reviews|articles|papers)\b", re.I)


def names_several_documents(question: str) -> bool:
    """Whether the question asks what several documents say: it names documents in the plural ("do
    the reviews agree?"), or refers to a single document twice ("the autoimmune review ... the HSCT
    review")."""
    return bool(SEVERAL_DOCUMENTS.search(question)) or len(ONE_DOCUMENT.findall(question)) >= 2


def names_one_document(question: str) -> bool:
    """Whether the question asks what a single document says ("according to this review"): it
    refers to a document in the singular, once (two mentions compare documents)."""
    return len(ONE_DOCUMENT.findall(question)) == 1
