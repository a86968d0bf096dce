"""A question word in the other English spelling (British / American) read as the library writes it.

The tokenizer writes the commonest British medical spellings the American way on both sides
(`qa.index.analyzer.BRITISH_PREFIXES`, `BRITISH_ENDINGS`), so 'tumour' and 'tumor' already meet.
A word outside those lists ('aetiology', 'behavioural', 'homologue', 'enrolment') or an American
word an article writes the British way ('etiology' for 'aetiology') was a word no passage holds:
BM25 had nothing to match, the refusal read it as absent, the span scorer and the focus words
missed it. `library_spellings` reads such a word in the spelling the library uses. The variants
come from a closed set of English spelling rules (`RULES`: ae / e, oe / e, -our / -or, -ise /
-ize, -yse / -yze, -tre / -ter, -ll- / -l-, -logue / -log, -gramme / -gram, -ence / -ense,
-geing / -ging, -dgement / -dgment), applied both ways, never a list of words; the library's
vocabulary decides which variant is a word at all. No f / ph: that swap makes other words
('phantom' / the FANTOM consortium, 'filter' / 'philter'), and names are read apart
(`qa.answer.name_forms`). `dictionary_forms` gives the other spellings the tokenizer already
reads as the same word, for the English dictionary (`qa.retrieval.spelling`), which lists
American spellings only ('tumour' is not in it).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator

# (British, American) spelling of one place in a word, each a pattern with what it becomes the
# other way. A lookahead or lookbehind keeps each rule to the place English varies it: a Greek or
# Latin ae / oe inside a word ('haem', 'oedema', 'foetal'; not the plural 'larvae' nor 'shoes'),
# -our of a word with a vowel before it ('colour', 'behavioural'; not 'four', 'scoured', 'journal'),
# a doubled l after two vowel groups ('labelled'; not 'filling' / 'filing') or before -ment / -ful
# ('enrolment' / 'enrollment', 'fulfilment'), -ence after c or f ('licence', 'defence'; not 'sense').
MIN_LENGTH = 4  # shorter words are too many others' variants
_VOWELS = re.compile(r"[aeiouy]+")


def _syllables(text: str) -> int:
    """Vowel groups: near enough to syllables for telling a stem's length."""
    return len(_VOWELS.findall(text))


def _our(word: str, start: int) -> bool:
    """-our / -or is an unstressed ending after a syllable ('col-our'), never a one-syllable word's ('four')."""
    return _syllables(word[:start]) >= 1


def _two_syllables(word: str, start: int) -> bool:
    """British doubles the l of a longer stem ('label-led', 'enrol'), not a short word's own ll ('fill')."""
    return _syllables(word[:start]) >= 2


# (pattern, replacement, guard on (word, place) or None)
Rule = tuple[str, str, Callable[[str, int], bool] | None]
RULES: tuple[tuple[Rule, Rule], ...] = (
    # (British -> American, American -> British)
    ((r"(?:(?<=[a-z])|^)ae(?=[a-z]{2})", "e", None), (r"(?:(?<=[a-z])|^)e(?=[a-z]{2})", "ae", None)),
    ((r"(?:(?<=[a-z])|^)oe(?=[a-z]{2})", "e", None), (r"(?:(?<=[a-z])|^)e(?=[a-z]{2})", "oe", None)),
    ((r"our", "or", _our), (r"or", "our", _our)),
    ((r"(?<=[a-z]{3})is(?=(?:e|ed|es|ing|er|ers|ation|ations|ational)$)", "iz", None),
     (r"(?<=[a-z]{3})iz(?=(?:e|ed|es|ing|er|ers|ation|ations|ational)$)", "is", None)),
    ((r"(?<=[a-z]{2})ys(?=(?:e|ed|es|ing|er|ers)$)", "yz", None),
     (r"(?<=[a-z]{2})yz(?=(?:e|ed|es|ing|er|ers)$)", "ys", None)),
    ((r"(?<=[a-z]{2})(?P<c>[tb])re(?=s?$)", r"\g<c>er", None), (r"(?<=[a-z]{2})(?P<c>[tb])er(?=s?$)", r"\g<c>re", None)),
    ((r"ll(?=(?:ed|ing|er|ers|ous)$)", "l", _two_syllables), (r"l(?=(?:ed|ing|er|ers|ous)$)", "ll", _two_syllables)),
    ((r"l(?=(?:ment|ments|ful|fully|s)?$)", "ll", _two_syllables),
     (r"ll(?=(?:ment|ments|ful|fully|s)?$)", "l", _two_syllables)),
    ((r"logue(?=s?$)", "log", None), (r"log(?=s?$)", "logue", None)),
    ((r"gramme(?=s?$)", "gram", None), (r"gram(?=s?$)", "gramme", None)),
    ((r"(?<=[cf])ence(?=s?$)", "ense", None), (r"(?<=[cf])ense(?=s?$)", "ence", None)),
    ((r"(?<=g)eing$", "ing", None), (r"(?<=g)ing$", "eing", None)),
    ((r"dgement(?=s?$)", "dgment", None), (r"dgment(?=s?$)", "dgement", None)),
)
_COMPILED = tuple((re.compile(p), r, g) for pair in RULES for p, r, g in pair)
# a whole word of letters; lowercase, or the question's capitalised first word (a name is spelt as meant)
WORD = re.compile(r"(?<![\w'’-])[A-Za-z]?[a-z]+(?![\w'’-])")


def _once(word: str) -> Iterator[str]:
    for pattern, replacement, guard in _COMPILED:
        for m in pattern.finditer(word):
            if guard is None or guard(word, m.start()):
                yield word[:m.start()] + m.expand(replacement) + word[m.end():]


def other_spellings(word: str) -> set[str]:
    """The lowercase word in every other spelling one or two of `RULES` make ('anaesthetised' ->
    'anesthetised', 'anesthetized', ...; 'etiology' -> 'aetiology', 'oetiology', ...). Most are no word;
    the caller's vocabulary says which are."""
    word = word.lower()
    once = set(_once(word))
    return (once | {w for v in once for w in _once(v)}) - {word}


def dictionary_forms(word: str, tokenize: Callable[[str], list[str]]) -> set[str]:
    """The other spellings of `word` the tokenizer reads as the same word (the same tokens): 'tumour' ->
    'tumor', 'anaesthesia' -> 'anesthesia'. An English dictionary listing one spelling lists the word."""
    tokens = tokenize(word)
    if not tokens or len(word) < MIN_LENGTH:
        return set()
    return {v for v in other_spellings(word) if tokenize(v) == tokens}


def library_spellings(text: str, df: Callable[[str], int],
                      tokenize: Callable[[str], list[str]]) -> list[tuple[str, str]]:
    """(typed, as the library spells it) for each word of `text` that no passage holds (`df` of its
    one token is 0) and that some passage holds in another spelling (`other_spellings`): the one the
    most passages hold. Lowercase words only, and the first word of the text: a capitalised word
    later on is a name, spelt as meant ('Alison' is not 'Allison')."""
    out: list[tuple[str, str]] = []
    for m in WORD.finditer(text):
        typed = m.group(0)
        if len(typed) < MIN_LENGTH or (typed[0].isupper() and text[:m.start()].strip(" \"'(")):
            continue
        tokens = tokenize(typed)
        if len(tokens) != 1 or df(tokens[0]) > 0 or any(t == typed for t, _ in out):
            continue
        best, best_df = "", 0
        for variant in sorted(other_spellings(typed)):
            held = tokenize(variant)
            n = df(held[0]) if len(held) == 1 else 0
            if n > best_df:
                best, best_df = variant, n
        if best:
            out.append((typed, best.capitalize() if typed[0].isupper() else best))
    return out
