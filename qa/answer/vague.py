"""Questions refused before retrieval: too vague to answer, or asking with words no article uses.

A single word, words of single letters or format codes only ("x y z", "%s %n %x": no word a
passage could answer, so a passage matching one letter, "N terminus", was quoted), a follow-up
with no earlier question, or words that occur nowhere in the corpus get one clear line instead of
a confident span. A question written wholly in another script (Japanese, Cyrillic) is told that
the index holds Latin letters and digits only, not that it is a single word; so is one whose only
Latin word sits in a sentence of another script ("MSCとは何ですか"). A question whose only words are real English
words no article uses ("and for the monkey?") is not vague: it asks about something the corpus
lacks, and the line says so and names the words. A misspelt refused question also gets a
'Did you mean' hint (qa.retrieval.spelling), never a different question answered. The reasons no passage
can match (no words, another script) are `qa.retrieval.searchable`'s, which the search path checks too.
"""
from __future__ import annotations

import re

from qa.index.analyzer import STOPWORDS, normalize, tokenize, word_sequence
from qa.retrieval.query import Query, attribute_only, orphan_follow_up
from qa.retrieval.searchable import (  # noqa: F401 (the refusals' words, re-exported)
    NO_WORDS, OTHER_SCRIPT, OTHER_SCRIPT_MESSAGE, TOO_VAGUE_MESSAGE, unsearchable_why)

# a real word no article uses is a subject the corpus does not have, not a vague question
NO_SUCH_WORD_MESSAGE = ("No article in the corpus uses {words}, so it does not answer this as asked. "
                        "If the articles use another name for it, ask with that name.")
ABSENT_WORDS = "none of its words ({named}) occurs in the corpus"
MIXED_SCRIPT = "its only word in Latin letters or digits sits in a sentence of another script"
NUMBERS_ONLY = "its only words are numbers (no subject a passage could answer about)"
SINGLE_CHARACTERS = "its only words are single letters, digits or format codes (no word a passage could answer)"
# "MSCとは何ですか": the index keeps 'MSC' alone, so what is asked of it cannot be read
MIXED_SCRIPT_MESSAGE = ("The question cannot be searched as asked: only {kept} of it is written in Latin letters or "
                        "digits, the only ones the index holds (the articles are in English). Please ask in English.")


def other_script_words(text: str) -> list[str]:
    """The runs of letters the analyzer drops (another script: 'の', 'такое'), as typed."""
    return "".join(ch if ch.isalpha() and not normalize(ch).strip() else " " for ch in text).split()


def _latin_words(text: str) -> list[str]:
    """The words the index can read of a question that also has letters of another script, as
    typed ([] when every letter is Latin): the rest is dropped by the analyzer."""
    if not other_script_words(text):
        return []
    return re.findall(r"[A-Za-z0-9]+", normalize(text))


def other_script_listing(text: str) -> str:
    """The words of another script in a question, quoted, at most three ('' for none): what an
    answer's caution and `qa search`'s stderr line name."""
    dropped = other_script_words(text)
    return ", ".join(f"'{w}'" for w in dropped[:3]) + (", ..." if len(dropped) > 3 else "")


def other_script_caution(question: str) -> str:
    """The caution of an answer to a question partly in another script: those words were not
    searched, so the quotes answer only its Latin words ('GVHD の MSC 投与量は?' asks a dose)."""
    quoted = other_script_listing(question)
    if not quoted:
        return ""
    return (f"The question's words in another script ({quoted}) were not searched: the index holds Latin "
            "letters and digits only, so the quotes answer its other words. Please ask in English.")


# a question in another language written in Latin letters ("¿Qué dosis se usó?", "Welche Dosis ...?"):
# most of its words are neither English (the dictionary the spelling hints read) nor used by any article
FOREIGN_SHARE = 0.6
FOREIGN_MIN = 2


def not_english_words(index, question: str) -> list[str]:
    """The words of a Latin-letter question that no English dictionary lists and no article uses, as
    typed, when they are most of its words (`FOREIGN_SHARE`, at least `FOREIGN_MIN`) and it has no
    English function word of three letters or more; else []. An acronym or a name with capitals
    inside ('GVHD', 'MSCs') is a name, not a language."""
    from qa.retrieval.spelling import english_word

    words = [w for w in re.findall(r"[^\W\d_]{3,}", question) if sum(c.isupper() for c in w) < 2]
    if any(w.lower() in STOPWORDS for w in words):
        return []  # an English function word ('for', 'the', 'which'): English shorthand ("exosome dose for covid pts?")
    foreign = [w for w in words if not english_word(normalize(w).lower())
               and not any(index.bm25.df(t) for t in tokenize(w))]
    if len(foreign) < FOREIGN_MIN or len(foreign) < FOREIGN_SHARE * len(words):
        return []
    return foreign


def not_english_caution(index, question: str) -> str:
    """A line for an answer or a refusal of a question in another language ('' for an English one):
    the articles are English, so its words matched nothing but its names."""
    foreign = not_english_words(index, question)
    if not foreign:
        return ""
    quoted = ", ".join(f"'{w}'" for w in foreign[:3]) + (", ..." if len(foreign) > 3 else "")
    return (f"Most of the question's words ({quoted}) are not English and no article uses them: the articles "
            "are in English, so it was searched only on the few words they share. Please ask in English.")


# "what dose?", "which route?", "how many pts?" asked with no earlier question: an attribute of nothing.
# The example asks what the user asked, with a subject ("what dose?" was offered a route question: docs audit 25)
ATTRIBUTE_ONLY = ("it asks only '{asked}' and names no subject (ask the full question, e.g. '{asked} in the "
                  "GVHD trials?', or give the earlier one)")


def vagueness(index, query: Query) -> tuple[str, list[str]]:
    """(why the question is too vague, '' when it is not; its own words as typed when the
    reason is that no article uses any of them, else [])."""
    # an earlier question does not make '?!.,;' ask anything (sweep 28: it re-answered that one), nor
    # another script readable
    unsearchable = unsearchable_why(query.text)
    if unsearchable:
        return unsearchable, []
    words = re.findall(r"\w+", query.text)
    kept = _latin_words(query.text)
    if kept and len(kept) < 2:  # one Latin word in another script's sentence: the asking is lost
        return MIXED_SCRIPT, kept
    if len(words) < 2 and not query.context:
        return "it is a single word", []
    if not query.context and not re.search(r"[^\W\d_]", query.text):  # '2010 2012', '1 2 3 ... 10?'
        return NUMBERS_ONLY, []  # (sweep 31: a passage holding the numbers was quoted as the answer)
    if not query.context and orphan_follow_up(_written_as_defined(query.text, _index_capital_forms(index)),
                                              query.tokens, query.expansion.phrases):
        return ("it reads as a follow-up ('what about ...', 'and in ...', 'those ...') but no earlier "
                "question was given (ask the full question first; --previous on the command line, previous= "
                "in the library)"), []
    if not query.context and attribute_only(query.text):
        return ATTRIBUTE_ONLY.format(asked=query.text.strip().rstrip('?').strip()), []
    if not query.context:  # "x y z", "%s %n %x": every word it asks with is one character
        from qa.retrieval.question import QUESTION_FORM

        subject = [t for t in query.tokens if t not in QUESTION_FORM]
        if subject and all(len(t) < 2 for t in subject):
            return SINGLE_CHARACTERS, []
    bm25 = index.bm25
    # its own words decide when it has any: a follow-up of words the corpus never uses
    # ("asdkjh qwpoeiru") is not made answerable by the earlier question's words
    own = query.tokens or query.context_tokens
    # a lay word whose synonym the corpus uses ("kids": "children") is a word of the corpus
    written = [*own, *query.expansion.expansion_tokens] if query.tokens else own
    if not any(bm25.df(t) > 0 for t in written):
        # name them: "and in the monkey?" is not vague, its subject is in no article
        absent = list(dict.fromkeys(w for w in re.findall(r"[^\W_]+", query.text) if set(tokenize(w)) & set(own)))
        if query.context and _asks_with_english(query.text, absent):
            return "", []
        named = ", ".join(f"'{w}'" for w in absent)
        return (ABSENT_WORDS.format(named=named) if named else "none of its words occurs in the corpus"), absent
    return "", []


def with_defined_capitals(text: str, glossaries: dict[str, dict[str, str]]) -> str:
    """The question with each word typed in lower case that an article defines as an abbreviation of
    two or more capitals written as the article writes it ('gvhd': 'GVHD'), so that it names the
    question's subject as it does typed so: "what about chronic gvhd" was refused as a follow-up with
    nothing to follow while "what about chronic GVHD" was asked (user trial 49). A function word or an
    English word is kept as typed ('if', 'art', 'ms': the abbreviations IF, ART, MS of some article
    would make any question that uses them name a subject)."""
    return _written_as_defined(text, capital_forms(glossaries))


def capital_forms(glossaries: dict[str, dict[str, str]]) -> dict[str, str]:
    """lower case -> the abbreviation of two or more capitals the articles define ('gvhd': 'GVHD')."""
    return {short.lower(): short for glossary in glossaries.values() for short in glossary
            if sum(ch.isupper() for ch in short) >= 2}


def _index_capital_forms(index) -> dict[str, str]:
    """`capital_forms` of the loaded index's glossaries, read once per loaded index (kept on the index
    object, as `section_role.in_methods` keeps its spans): read again for every question, 40,000
    abbreviations (a thousand articles' worth) cost about 20 ms a question."""
    cached = index.__dict__.get("_capital_forms")
    if cached is None or cached[0] is not index.glossaries:
        cached = index.__dict__["_capital_forms"] = (index.glossaries, capital_forms(index.glossaries))
    return cached[1]


def _written_as_defined(text: str, forms: dict[str, str]) -> str:
    """`with_defined_capitals` with the abbreviations' forms given (`capital_forms`)."""
    from qa.retrieval.spelling import english_word

    def written(found: re.Match) -> str:
        word = found.group(0)
        if word.islower() and word in forms and word not in STOPWORDS and not english_word(word):
            return forms[word]
        return word

    return re.sub(r"[\w-]+", written, text)


# what a follow-up may ask with that names no subject: an indefinite pronoun (a closed class) or a
# verb's past form ("measured", "randomised": `predicate.PARTICIPLE`); any other word may be a new
# element ("monkeys")
_INDEFINITE = re.compile(r"(?:any|some|every|no)(?:thing|one|body|where)", re.I)


def _asks_with_english(text: str, absent: list[str]) -> bool:
    """Whether a follow-up asks something of its own (a question word or an auxiliary:
    `question.asks_nothing_itself`) with words no article happens to write that name no subject:
    an indefinite pronoun or an English verb's past form ("how was that measured?", "did it do
    anything for them?"; round 12: both refused as naming a word no article uses). It asks about
    the earlier question's subject, which is then searched; "and for the monkey?" or "did they try
    it in monkeys?" still names a subject no article has."""
    from qa.answer.predicate import PARTICIPLE
    from qa.retrieval.question import asks_nothing_itself
    from qa.retrieval.spelling import english_word

    return bool(absent) and not asks_nothing_itself(text) and all(
        _INDEFINITE.fullmatch(w) or (PARTICIPLE.fullmatch(w) and english_word(w)) for w in absent)


def message(index, query: Query) -> tuple[str, bool]:
    """The refusal of a question refused before retrieval ('' when it is not) and whether it is
    too vague (True: a single word, nonsense, a follow-up with nothing to follow; `qa ask` exits
    1) rather than asking with real words no article uses (False: an answer, exit 0)."""
    why, absent = vagueness(index, query)
    if not why:
        return "", False
    if why == OTHER_SCRIPT:
        return OTHER_SCRIPT_MESSAGE, True
    if why == MIXED_SCRIPT:
        return MIXED_SCRIPT_MESSAGE.format(kept=" ".join(f"'{w}'" for w in absent)), True
    from qa.retrieval.spelling import english_word

    # (its own words, not the earlier question's, are the ones named)
    if query.tokens and any(english_word(w) for w in absent):
        quoted = [f"'{w}'" for w in absent]
        listed = quoted[0] if len(quoted) == 1 else "any of " + ", ".join(quoted[:-1]) + " or " + quoted[-1]
        return NO_SUCH_WORD_MESSAGE.format(words=listed), False
    return TOO_VAGUE_MESSAGE.format(why=why), True


def corrections(index, settings, question: str) -> dict[str, str]:
    """Each misspelt word of the question and the corpus word one edit away it reads as
    (qa.retrieval.spelling; empty when nothing is misspelt or hints are off: `settings`, the
    answer group). Only offered as a hint: the refusal stands, so a question the corpus cannot
    answer is never answered because one of its words was read as another."""
    return misspelt_words(index, question) if settings.suggest_spelling else {}


def shorthand_tokens(answerer, question: str) -> set[str]:
    """The question's tokens that the synonyms or glossaries read ('peds', 'pts', 'aGVHD'): shorthand the
    library knows, never a misspelling of a library word one edit away ('peds' is no 'leds')."""
    return {w for phrase in answerer.retriever.expander.matches(question) for w in phrase}


def misspelt_words(index, question: str) -> dict[str, str]:
    """`corrections` whatever the hint setting: the refusal features read a misspelt word as the word it
    reads as (qa.answer.refusal_evidence), whether or not the hint is shown."""
    from qa.retrieval.spelling import WORD, correct, english_word

    knows = index.encoder.knows_word
    out = {}
    for word in dict.fromkeys(WORD.findall(question)):
        fixed = correct(word, index.bm25.df, tokenize, lambda w: knows(w) or english_word(w))
        if fixed != word:
            out[word] = fixed
    return out


def with_corrections(question: str, read: dict[str, str]) -> str:
    """The question with the given words replaced (whole lowercase words only, as misspelt)."""
    from qa.retrieval.spelling import WORD

    return WORD.sub(lambda m: read.get(m.group(0), m.group(0)), question)


EVIDENCE_FOR_HINT = 3  # passages of a corrected question that must use its corrected words


def suggestion(answerer, question: str, docs: list[str] | str | None = None, mode: str = "hybrid",
               previous: str | None = None) -> str:
    """'Did you mean: ...?' for a refused question with misspelt words, only when the question so
    read is answered and its best passages use the words read: a reading its evidence does not
    bear out ('estradiol conc ...' -> 'estradiol cone ...', user trial 17) only misleads. A word the
    synonyms or glossaries read ('peds', shorthand for 'pediatric') is no misspelling: 'CR rate peds
    aGVHD Prochymal' was offered 'Did you mean: CR rate leds ...' (documentation audit 30)."""
    from qa.retrieval.question import QUESTION_FORM

    known = shorthand_tokens(answerer, question)
    read = {w: c for w, c in corrections(answerer.index, answerer.settings.answer, question).items()
            if not set(word_sequence(w)) <= known}
    while read:  # the readings the evidence bears out, asked again without the others
        fixed = with_corrections(question, read)
        answer = answerer._ask(fixed, EVIDENCE_FOR_HINT, docs, mode, previous, hint=False)
        used = set().union(*(answerer.passage_tokens(h.passage) for h in answer.passages[:EVIDENCE_FOR_HINT]))
        borne = {w: c for w, c in read.items() if set(tokenize(c)) - QUESTION_FORM <= used}
        if borne == read:
            return f"Did you mean: {fixed}" if answer.found else ""
        read = borne
    return ""

