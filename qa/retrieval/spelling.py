"""Misspelt question words read as the corpus word one edit away ('sorces' -> 'sources').

A user's typo is a word neither the corpus nor the embedding model's vocabulary knows; BM25
then has nothing to match and the question is refused as "not in the corpus". `correct` reads
such a word as the corpus word one edit away (a letter deleted, inserted, replaced or two letters
swapped) that most passages use. The answer stage only *offers* that reading ("Did you mean:
...", `Answerer.suggestion`) and keeps the refusal: asking the corrected question instead turned
near-miss questions about rare real terms into answered ones (evals/README.md). A real English
word the corpus happens not to use ('cost', 'enroll', 'aligner') is known to the model's
vocabulary or to an English dictionary (`english_word`: pyspellchecker's, 160,000 words) and is
left alone. Candidates are looked up in the index's sorted vocabulary, so the cost does not grow
with the corpus.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from qa.retrieval import english_words

LETTERS = "abcdefghijklmnopqrstuvwxyz"
MIN_LENGTH = 4  # shorter words have too many neighbours one edit away
# longer words the model's vocabulary lacks are mostly real terms it splits into pieces
# ('degeneration': a question about macular degeneration is not one about regeneration); past
# this length a word is read as a corpus word only by an edit after its first letter, where a
# typist's slips fall ('doxorubicn' -> 'doxorubicin'), never the prefix that makes another word
MAX_LENGTH = 7
QUESTION_WORDS = frozenset("what which who whom whose when where why how".split())
# a whole lowercase word: names, acronyms and gene symbols ('HOXA9', 'Thermus', 'siRNA') are
# deliberate spellings, not typos
WORD = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")


@lru_cache(maxsize=4096)
def _spelt_as(word: str) -> tuple[str, ...]:
    """The word and its other English spellings that the tokenizer reads as the same word
    (`spelling_variants.dictionary_forms`: 'tumour' / 'tumor', 'anaesthesia' / 'anesthesia')."""
    from qa.index.analyzer import tokenize
    from qa.retrieval.spelling_variants import dictionary_forms

    return (word, *sorted(dictionary_forms(word, tokenize)))


def english_frequency(word: str) -> int:
    """How often pyspellchecker's English corpora use the word (0 for a word it does not list): an everyday
    word ('implanted' 3596, 'slurry' 298) against one it barely knows ('nucleoside', 'cachexia': 50, the
    dictionary's floor). A word is as frequent as its other spelling: the dictionary is American and
    lists 'anaesthesia' at 234 against 'anesthesia' 1247, 'tumour' not at all (8235 as 'tumor'), so a
    British question read as naming a rare or unknown word what the American one names plainly."""
    return max(english_words.count(w) or 0 for w in _spelt_as(word.lower()))


def base_forms(word: str) -> set[str]:
    """The dictionary words an English inflection of `word` may come from: a comparative or
    superlative ('tougher', 'milder', 'hardier', 'bigger'), a plural or third person ('stretches',
    'studies'), a past or a participle ('shrinked', 'stopped', 'dried', 'coping'). Only candidates
    the dictionary lists are returned, so a word with no such ending has none."""
    w = word.lower()
    out: set[str] = set()
    for suffix in ("est", "er", "es", "s", "ed", "ing"):
        if len(w) <= len(suffix) + 2 or not w.endswith(suffix):
            continue
        stem = w[: -len(suffix)]
        out |= {stem, stem + "e"}
        if len(stem) > 2 and stem[-1] == stem[-2]:  # 'bigger' -> 'big', 'stopped' -> 'stop'
            out.add(stem[:-1])
        if stem.endswith("i"):  # 'hardier' -> 'hardy', 'studies' -> 'study', 'dried' -> 'dry'
            out.add(stem[:-1] + "y")
    return {f for f in out if f != w and english_words.count(f) is not None}


def everyday_frequency(word: str) -> int:
    """`english_frequency` of the word or of the word it inflects, whichever is higher: 'milder' (282)
    is as everyday as 'mild' (8104), and a lay question's comparative is no technical term (round 11:
    "is AB5075 tougher ... even at the milder 30% humidity?" was read as naming a rare condition)."""
    return max([english_frequency(word), *(english_frequency(f) for f in base_forms(word))])


def english_word(word: str) -> bool:
    """Whether an English dictionary (pyspellchecker's, built from large English corpora) lists
    the word, in this spelling or the other (`english_frequency`: 'tumour', 'randomised'): the
    model's WordPiece vocabulary lacks many whole words ('aligner', 'germs'), which were then read
    as typos of a corpus word ('aligner' -> 'aligned')."""
    return any(english_words.count(w) is not None for w in _spelt_as(word.lower()))


def one_edit(word: str) -> set[str]:
    """Every string one deletion, swap of neighbours, replacement or insertion away (Norvig)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in LETTERS}
    inserts = {a + c + b for a, b in splits for c in LETTERS}
    return (deletes | swaps | replaces | inserts) - {word}


def unknown(word: str, df: Callable[[str], int], tokenize: Callable[[str], list[str]],
            known_word: Callable[[str], bool]) -> bool:
    """Whether a lowercase word may be a typo: at least MIN_LENGTH letters, and neither the word nor
    any of its tokens is in the corpus (`df`) or known (`known_word`: 'trios' is 'trio' stemmed)."""
    if len(word) < MIN_LENGTH or known_word(word):
        return False
    tokens = tokenize(word)
    return bool(tokens) and not any(df(t) > 0 or known_word(t) for t in tokens)


def correct(text: str, df: Callable[[str], int], tokenize: Callable[[str], list[str]],
            known_word: Callable[[str], bool]) -> str:
    """`text` with each misspelt word replaced (unchanged when nothing is misspelt).

    A word is misspelt when it is a whole lowercase word of at least MIN_LENGTH letters (past
    MAX_LENGTH only its first letter is kept), none of its tokens occurs in the corpus (`df`) and the model's vocabulary knows neither it
    nor its stem (`known_word`)."""

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)  # lowercase already (WORD)
        if not unknown(word, df, tokenize, known_word):
            return word
        long = len(word) > MAX_LENGTH
        best, best_df = word, 0
        for candidate in sorted(c for c in one_edit(word) if len(c) >= MIN_LENGTH
                                and not (long and c[0] != word[0])):
            cand_tokens = tokenize(candidate)
            if not cand_tokens and known_word(candidate):
                return word  # one edit from a function word ('wich' -> 'which'): leave it be
            if len(cand_tokens) != 1:
                continue  # a word the tokenizer splits
            n = df(cand_tokens[0])
            if n > best_df:
                best, best_df = candidate, n
        return best

    return WORD.sub(fix, text)


def question_word_typos(text: str, df: Callable[[str], int], tokenize: Callable[[str], list[str]],
                        known_word: Callable[[str], bool]) -> list[tuple[str, str]]:
    """(typed, read as) for each word one edit from a function word ('wich' -> 'which', 'waht' ->
    'what') that neither the corpus nor the model nor a dictionary knows. Unlike a content word's
    correction (only offered, `correct`), this reading is applied: a function word carries no
    content, so reading it cannot make a near miss answerable, while the unknown word it was read
    as absent and refused the question (user trial 20: "wich studies showed ...")."""
    out: list[tuple[str, str]] = []
    first = re.match(r"\W*([A-Z][a-z]+)(?![\w'’-])", text)  # a question's first word is capitalised
    for typed in dict.fromkeys(WORD.findall(text) + ([first.group(1)] if first else [])):
        word = typed.lower()
        if len(word) > MAX_LENGTH or not unknown(word, df, tokenize, known_word):
            continue
        function = sorted(c for c in one_edit(word) if not tokenize(c) and known_word(c))
        # several function words are one edit away ('wich': which, with): any reading drops the
        # word from the content alike; a question word is the likelier one to show
        asking = [c for c in function if c in QUESTION_WORDS]
        if function:
            reading = (asking or function)[0]
            out.append((typed, reading.capitalize() if typed[0].isupper() else reading))
    return out


def with_readings(text: str, readings: list[tuple[str, str]]) -> str:
    """`text` with each typed word (a whole word) replaced by its reading."""
    for typed, word in readings:
        text = re.sub(rf"(?<![\w'’-]){re.escape(typed)}(?![\w'’-])", word, text)
    return text

