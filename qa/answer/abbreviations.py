"""Whether a text writes an abbreviation out in a name's capitalised words.

`refusal.absent_names` flags a question's name no article uses ("CXCR7", "Holter"); an answer whose
question names one and whose confidence is weak is refused (`AnswerSettings.absent_name_refusal_below`,
`refused_names`; evals/README.md, "Refusal recall helper").
An organisation's or a scale's abbreviation is often written out with words it skips ("EBMT": the
"European Group for Blood and Marrow Transplantation"); the token is then absent though the article
names it, and the answer is right (blind-dev-seeds b10: the one answerable question so refused). Only
capitalised words of three letters or more count (not an author's initials), and only in the
articles the answer quotes and the passages retrieved for the question (docs audit 27: kim2013's
passage writing EBMT out ranked third but was not quoted): over a whole library, initials of words
in a row match a short abbreviation by chance ("Avanti Polar Lipids" for APL, "Hum Gene Ther" in a
reference list). A stricter reading, `spelled_out` (consecutive words, none skipped but English
function words), checks a quote or a top passage: the absent-name caution and the refusal features.

Two readings, not one, because neither holds the other and each is read where its chance matches
are rare: `written_out` reads capitalised names only but lets a word be skipped ("EBMT"), safe over
whole articles; `spelled_out` reads any word of three letters or more, lower case too ("Leber congenital
amaurosis" for LCA, "graft-versus-host disease" for GVHD), but skips none, and is read on a quote or
the three top passages only: over whole articles, runs of lower-case words would spell short
abbreviations by chance. Made one, either the lower-case names or the skipped word would be lost.
"""
from __future__ import annotations

import re
from functools import lru_cache

from qa.answer.defined_forms import compound_written

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# lower-case words a name's capitalised words may enclose ("for", "and", "of", "the", "de")
CONNECTOR_MAX = 3
SKIP_MAX = 1  # capitalised words of the name the abbreviation may leave out ("Group")


def _stretches(text: str) -> list[str]:
    """The initials of each run of capitalised words (short lower-case connectors inside a run
    are passed over; a longer lower-case word, an all-capitals word or a sentence's end closes it)."""
    out: list[str] = []
    run: list[str] = []
    last = 0
    for m in _WORD.finditer(text):
        word, gap = m.group(0), text[last:m.start()]
        last = m.end()
        if any(c in gap for c in ".;:!?()[]"):
            if run:
                out.append("".join(run))
            run = []
        if word[0].isupper() and len(word) >= 3 and word[1:].islower():  # a name's word, not initials
            run.append(word[0])
        elif (len(word) > CONNECTOR_MAX or word[0].isupper()) and run:
            out.append("".join(run))
            run = []
    if run:
        out.append("".join(run))
    return out


def written_out(abbreviation: str, text: str) -> bool:
    """Whether `text` writes an all-capitals abbreviation of 3-6 letters out as a run of
    capitalised words whose initials hold its letters in order, starting at its first letter's
    word and ending at its last one's, leaving out at most `SKIP_MAX` capitalised words."""
    n = len(abbreviation)
    if not (3 <= n <= 6 and abbreviation.isalpha() and abbreviation.isupper()):
        return False
    for initials in _stretches(text):
        for start in (i for i, c in enumerate(initials) if c == abbreviation[0]):
            j, k = 1, start + 1
            while j < n and k < len(initials) and k - start - j <= SKIP_MAX:
                if initials[k] == abbreviation[j]:
                    j += 1
                k += 1
            if j == n and (k - start) - n <= SKIP_MAX:
                return True
    return False


def unwritten_names(answerer, asked: str, read_as: list[tuple[str, str]], quotes: list[str],
                    doc_ids: set[str], near: list[str] = ()) -> list[str]:
    """The question's names no article uses (`refusal.absent_names`) that neither a quote
    (`spelled_out`), an article the answer quotes nor a passage retrieved for the question
    (`near`: the name may be written out in a passage no quote was taken from) writes out (`written_out`)."""
    from qa.answer.refusal import absent_names

    names = [n for n in absent_names(answerer, asked, read_as) if not any(spelled_out(n, q) for q in quotes)]
    if names and (doc_ids or near):
        texts = [d.text for d in answerer.index.documents if d.id in doc_ids] + list(near)
        names = [n for n in names if not any(written_out(n, t) for t in texts)]
    return names


def refused_names(answerer, asked: str, read_as: list[tuple[str, str]], quotes: list[str],
                  doc_ids: set[str], near: list[str] = ()) -> list[str]:
    """`unwritten_names` less the misspellings (a word the spelling hint reads as a library word,
    'lupsu' for 'lupus': `vague.corrections`): a typo is no evidence that the corpus lacks the
    answer, so its answer keeps the caution instead of a refusal."""
    from qa.answer.vague import corrections

    names = unwritten_names(answerer, asked, read_as, quotes, doc_ids, near)
    typos = corrections(answerer.index, answerer.settings.answer, asked) if names else {}
    return [n for n in names if n not in typos]


# a name written as one with a capital or a digit inside it ('MH42', 'K548R', 'CD34', '4T1', 'GVHD')
_INNER_NAME = re.compile(r"\b\w*(?:[a-z][A-Z]|[A-Z]{2}|[A-Za-z]\d|\d[A-Za-z])[\w-]*")


def inner_names(text: str) -> list[str]:
    """The names of `text` written with a capital or a digit inside them, in order, without edge hyphens."""
    return [m.group(0).strip("-") for m in _INNER_NAME.finditer(text)]


def unquoted_names(answerer, asked: str, doc_ids: set[str]) -> list[str]:
    """The question's names (`inner_names`) that some article of the library writes but none of `doc_ids`
    (the first quote's article) does, in that form or its glossary's long form: the quote is then about another
    subject ("Which clinical trial phase have the MH42 peptide LNPs reached in patients?" quoted a
    review's trial table, which never writes MH42; user trial 32 Q22)."""
    from qa.index.analyzer import tokenize

    docs = [d for d in answerer.index.documents if d.id in doc_ids]
    if not docs:
        return []
    glossaries = getattr(answerer.index, "glossaries", {}) or {}
    bm25 = answerer.index.bm25
    out: list[str] = []
    for word in dict.fromkeys(inner_names(asked)):
        if "-" in word:
            continue  # a compound ('MSC-treated', 'HLA-matched') is written in parts as often as whole
        tokens = tokenize(word)
        if not tokens or not all(bm25.df(t) > 0 for t in tokens):
            continue  # a name no article writes is `absent_names`' concern
        forms = [tokens] + [tokenize(v) for g in glossaries.values() for k, v in g.items() if k.lower() == word.lower()]
        if not any(any(_writes(d.text, f, tokenize) for f in forms if f) for d in docs):
            out.append(word)
    return out


def name_writer_first(answerer, asked: str, chosen: list) -> list:
    """The chosen quotes (`units.Unit`, best first) with the first one writing every name the question
    gives (`inner_names`) moved first, when the first quote's article never writes one of them that
    another article does (`unquoted_names`, the caution's reading): the first quote is then about
    another subject, and a quote close enough in score to be chosen that writes the name is about
    the asked one (user trial 51: "and did their MRI change?", read with an MS pilot study question,
    quoted that study's intrathecal sentence, from a review never writing 'MRI', above the other
    review's "... no differences in MRI assessments after 12 months"). A quote shown as context only,
    or naming another phase or row value than the question's (`Unit.mismatched`), is not moved up."""
    from qa.index.analyzer import tokenize

    if len(chosen) < 2 or not answerer.settings.answer.name_writer_first:
        return chosen
    names = unquoted_names(answerer, asked, {chosen[0].hit.passage.doc_id})
    if not names:
        return chosen
    needed = [tokenize(n) for n in names]
    for i, unit in enumerate(chosen[1:], 1):
        if not unit.context_only and not unit.mismatched and all(set(t) <= unit.tokens for t in needed):
            return [unit] + chosen[:i] + chosen[i + 1:]
    return chosen


def _writes(text: str, tokens: list[str], tokenize) -> bool:
    """Whether a document's tokens hold `tokens` in a row (tokenised once per document and question)."""
    words = _tokens_of(text, tokenize)
    n = len(tokens)
    return any(words[i:i + n] == tokens for i in range(len(words) - n + 1) if words[i] == tokens[0])


@lru_cache(maxsize=32)  # the first quote's article, tokenised once for the questions quoting it
def _tokens_of(text: str, tokenize) -> list[str]:
    return tokenize(text)


def unquoted_name_caution(names: list[str]) -> str:
    """The caution of an answer whose first quote's article never writes a name the question gives."""
    if not names:
        return ""
    quoted = " or ".join(f"'{n}'" for n in names[:3])
    return (f"The first quote's article never writes {quoted}, which the question names and another article "
            "of the library writes: the first quote may be about something else; check that it answers what you asked.")


UNLETTERED = frozenset("of for and the in on to with".split())  # closed class: English function words


@lru_cache(maxsize=4096)
def _initials(text: str) -> tuple[str, tuple[bool, ...]]:
    """The initials (upper case) of the text's words of letters, and whether each word has 3 letters or more; a
    lower-case function word has no letter in it ("International Society for Cellular Therapy": ISCT). Cached:
    `spelled_out` reads the same top passages for every abbreviation of a question, and for many questions."""
    words = [w for w in re.findall(r"[A-Za-z]+", text) if w not in UNLETTERED]
    return "".join(w[0] for w in words).upper(), tuple(len(w) >= 3 for w in words)


def spelled_out(abbreviation: str, text: str) -> bool:
    """Whether `text` writes an all-capitals abbreviation of 3-6 letters out: consecutive words of
    3 letters or more (hyphenated parts apart) whose initials spell it ("Leber congenital
    amaurosis" for LCA, "graft-versus-host disease" for GVHD), or a mixed-case one as one hyphenated
    compound (`defined_forms.compound_written`: "FUdR", "5-Fluoro-2'-deoxyuridine"). Short words and
    two-letter abbreviations would match by chance."""
    n = len(abbreviation)
    if compound_written(abbreviation, text):  # a mixed-case one in one compound: "FUdR", "5-Fluoro-2'-deoxyuridine"
        return True
    if not (3 <= n <= 6 and abbreviation.isalpha() and abbreviation.isupper()):
        return False
    initials, long_enough = _initials(text)
    i = initials.find(abbreviation)
    while i >= 0:  # consecutive words whose initials spell it, each of 3 letters or more
        if all(long_enough[i:i + n]):
            return True
        i = initials.find(abbreviation, i + 1)
    return False
