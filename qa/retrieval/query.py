"""A question parsed once: every layer (BM25, dense, answer scoring, refusal) reads this value.

Before, each layer re-validated, re-tokenised and re-expanded the raw string (one `ask` ran the
expander four times); a `Query` is built once by `Retriever.parse` and passed down.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np

from qa.retrieval.expand import Expansion

if TYPE_CHECKING:
    from qa.settings import RetrievalSettings


@dataclass
class Query:
    """Validated text, its tokens, expansion, dense text, concepts and (lazily) its vector."""

    text: str
    tokens: list[str]
    expansion: Expansion
    expand: bool
    expansion_weight: float
    concepts: list[list[list[str]]]
    kind: str | None = None
    vector: np.ndarray | None = field(default=None, repr=False)
    context: str = ""  # the earlier question this one was read with (follow-ups), else ""
    context_tokens: list[str] = field(default_factory=list)  # its words this question lacks
    context_weight: float | None = None  # their weight in BM25 and the second stage (None: expansion_weight)
    read_as: list[tuple[str, str]] = field(default_factory=list)  # (asked, read as): names or spellings no passage holds
    typos: list[tuple[str, str]] = field(default_factory=list)  # those of read_as that are misspelt function words
    aside: frozenset[str] = frozenset()  # words of a clause the question sets aside ("apart from X, ...")
    aside_weight: float = 1.0  # their weight in BM25 and in the second stage's terms
    asked: str = ""  # the question as typed, in the library's spelling, before the library-name readings ("" : `text`)
    bridged: list[tuple[str, float]] = field(default_factory=list)  # (library word, weight): qa.retrieval.bridge
    # the table field it asks (qa.retrieval.table_fields.asked_field), read once with its kind; None: not read
    table_field: tuple[str, ...] | None = None

    @property
    def dense_text(self) -> str:
        """What the dense encoder embeds: the question plus its expansion phrases (and the
        earlier question when this one is read as its follow-up)."""
        text = self.expansion.text if self.expand else self.text
        return f"{text} ({self.context})" if self.context else text

    @property
    def bm25_tokens(self) -> list[str]:
        own = (self.expansion.tokens if self.expand else self.tokens) + self.context_tokens
        return own + [t for t, _ in self.bridged if t not in own]

    @property
    def bm25_weights(self) -> list[float] | None:
        if not self.expand and not self.context_tokens and not (self.aside and self.aside_weight != 1.0) \
                and not self.bridged:
            return None
        own = self.expansion.weights(self.expansion_weight) if self.expand else [1.0] * len(self.tokens)
        carried = self.expansion_weight if self.context_weight is None else self.context_weight
        weights = own + [carried] * len(self.context_tokens)
        if self.aside and self.aside_weight != 1.0:
            weights = [w * self.aside_weight if t in self.aside else w for t, w in zip(self.bm25_tokens, weights)]
        tokens = self.bm25_tokens
        return weights + [w for t, w in self.bridged if t not in tokens[:len(weights)]]

    @property
    def expansion_tokens(self) -> list[str]:
        """Tokens expansion added (not in the question itself)."""
        return self.expansion.expansion_tokens if self.expand else []

    def with_kind(self, kind: str, table_field: tuple[str, ...] | None = None) -> "Query":
        """The query read as `kind` (and the table field it asks, when read with it)."""
        return replace(self, kind=kind, table_field=table_field)


# An auxiliary inverted before its subject in a wh-question takes the subject straight after it: "it"
# there is a pronoun pointing back ("and what is it supposed to do before the operation?"), and so is
# "that" / "this" when one word, the verb, ends the question after it ("which cell population did that
# expand?"); with a noun after it, "that" is a determiner naming the question's own subject ("is that
# CHK1 defect seen right away?"). "what"/"which"/"who" fill a gap of the clause, so the "it" after
# their auxiliary is its subject; after "how"/"why"/"when"/"where" it may be the empty subject of
# "why is it important to ...". Only a wh-phrase opening the question: in "and what about the common
# ancestor ..., how hot did it like it?" the "it" is the question's own ancestor.
_AUX = r"(?:is|was|are|were|does|did|do|can|could|will|would|should|might|may|has|had|have)"
_LEAD = r"^\W*(?:(?:and|but|so|then|or)\s+)?"
_WH_AUX = r"\b(?:[\s-]+[\w'-]+){0,3}?\s+" + _AUX  # the wh-phrase (up to 3 words) and its auxiliary
_AUX_SUBJECT = (
    r"|" + _LEAD + r"(?:what|which|who)" + _WH_AUX + r"\s+it\b"
    + r"|" + _LEAD + r"(?:how|why|when|where)" + _WH_AUX
    + r"\s+it\b(?!\s+(?:[\w-]+\s+){0,2}?(?:to|that|whether|if)\b)"
    + r"|" + _LEAD + r"(?:what|which|how|why|when|where|who)" + _WH_AUX + r"\s+(?:that|this)\s+[\w-]+\W*$")
# A question that leans on the one before it: it opens like a continuation ("and in children?",
# "what about ...") or points back at what was asked ("those sites", "these patients").
# "it" only where it cannot be the empty subject of "is it safe to ...": the object of a preposition
# ("what density of it") or the subject of a question about what it does ("does it work in children?");
# not "its", which mostly points inside its own question ("PARP1 ... tune its PARylation", "on its own")
POINTS_BACK = re.compile(r"\b(?:those|these|them|they|their|such|the same|(?:the|which|what) ones)\b"
                         r"|\b(?:of|in|on|with|for|from|by|about|into|than|without)\s+it\b"
                         # "what dose was that?", "how long was it?": the question ends on its pronoun
                         # ("and how many mice were in that study?" names its own subject)
                         r"|\b(?:was|is|were|are)\s+(?:that|this|it)\W*$"
                         # "which E3 ligase does it?" (user trial 17, F3)
                         r"|\b(?:does|did|do|can|could|will|would|has|had)\s+it\W*$"
                         r"|^\W*(?:does|did|do|can|could|will|would|has|had)\s+it\b"
                         # "is it safe?", "was it effective in children?"; not the empty subject of
                         # "is it safe to ...", "is it true that ...", "is it known whether ..."
                         r"|^\W*(?:is|was)\s+it\s+(?!(?:[\w-]+\s+){1,2}?(?:to|that|whether|if)\b)"
                         # the subject straight after a wh-question's auxiliary ("what is it supposed to
                         # do?", "which cell population did that expand?"): `_AUX_SUBJECT`
                         + _AUX_SUBJECT, re.I)
_LEANS_BACK = re.compile(r"^\s*(?:and|or|but|also|then|so|what about|how about|same)\b|" + POINTS_BACK.pattern, re.I)
FEW_CONTENT_WORDS = 3
# "Apart from losing desiccation tolerance, what other phenotypes ...?", "Besides the CTD, which
# domains ...?": the opening clause names what the question sets aside. Its words say where to
# look (the same article, the same mutant), not what the answer holds; at full weight they pull
# the passages about the thing set aside above the ones about the rest.
_SET_ASIDE = re.compile(r"^\W*(?:apart from|aside from|besides|other than|except(?: for)?|in addition to)\s+"
                        r"([^,;?]+)[,;]", re.I)


def set_aside(text: str, tokens: list[str]) -> frozenset[str]:
    """The words of the clause a question opens by setting aside, less those the rest of the
    question also uses (`tokens`: the question's tokens)."""
    from qa.index.analyzer import tokenize

    m = _SET_ASIDE.match(text)
    if m is None:
        return frozenset()
    rest = tokenize(text[m.end():])
    return (frozenset(tokenize(m.group(1))) - set(rest)) & set(tokens)
# A name written as one: an abbreviation or symbol with capitals or digits inside it (SLE, GVHD,
# IL-6, CD34, MSCs) or a capitalised word after the first (Australia, Crohn's).
_NAME = re.compile(r"(?<!^)(?<![.?!]\s)\b[A-Z][\w'’-]*|\b\w*(?:[a-z][A-Z]|[A-Z]{2}|[A-Za-z]\d|\d[A-Za-z])[\w-]*")


def names_its_subject(text: str) -> bool:
    """Whether a question names what it is about: a name, not only common words ("how many
    patients?") that take their subject from the conversation."""
    return bool(_NAME.search(text.strip()))


def orphan_follow_up(text: str, tokens: list[str], phrases: list[str] | tuple[str, ...] = ()) -> bool:
    """A question that only makes sense after another ("what about the dose?", "and in
    children?") asked alone: it leans back in its wording, has few content words and names no
    subject of its own. Answering it alone quotes whatever mentions a dose (user trial 15).
    `phrases`: what the synonyms read its words as. When only an "it" leans back ("Does it work
    for lupus?"), a word the corpus also writes as a name ('lupus': 'SLE') names its subject as
    the name would ("Does it work for SLE?" is answered): the "it" is the library's treatment,
    the question's subject its own (user trial 28)."""
    if not (_LEANS_BACK.search(text) and len(set(tokens)) <= FEW_CONTENT_WORDS and not names_its_subject(text)):
        return False
    only_it = not _LEANS_BACK.search(_IT.sub(" ", text))
    if only_it and (len(set(tokens)) >= IT_OWN_WORDS or it_takes_an_object(text)):
        return False  # "Is it safe, can it cause cancer?": asks enough of its own (user trials 33, 49)
    return not (only_it and any(names_its_subject(" " + p) for p in phrases))


_IT = re.compile(r"\bit\b", re.I)
# when an "it" is all that leans back, the library's treatment is its referent (user trial 28); a
# question asking three words of its own of it ("Is it safe, can it cause cancer?") is a question,
# while "does it work in children?" (two) still needs the earlier question
IT_OWN_WORDS = 3
# "can it cause cancer?", "does it cure fistulas?": the "it" is the subject of a verb whose object
# follows (after an optional determiner, a closed class), so the question states what it asks of the
# library's treatment; "does it work in children?" (a preposition: a function word) and "how much does
# it cost?" (nothing after the verb) only narrow or ask an attribute of an earlier question's subject
_IT_VERB_OBJECT = re.compile(r"\bit\s+([^\W\d_]+)\s+(?:(?:a|an|the|any|some|no|more|less|fewer)\s+)?([\w'’-]+)", re.I)


def it_takes_an_object(text: str) -> bool:
    """Whether an "it" is the subject of a verb followed by its object, a content word (not a function
    word, not an '-ly' adverb): "can it cause cancer?" asks something of its own (user trial 49)."""
    from qa.index.analyzer import tokenize

    found = _IT_VERB_OBJECT.search(text)
    if found is None:
        return False
    verb, thing = found.groups()
    return all(tokenize(word) and not word.lower().endswith("ly") for word in (verb, thing))


# "what dose?", "how many pts?", "which route?": a wh-question asking only an attribute ("what
# about ..." introduces a new element instead)
# (after a joining word a follow-up opens with: "and how often?", "so which route?"; and after
# a preposition the wh-phrase is the object of, a closed class: "and for how long?", "at what
# temperature?", "in which cells?" ask the attribute as plainly, user trial 47)
_ASKS = re.compile(r"^\W*(?:(?:and|but|so|then|also|or)\s+)?"
                   r"(?:(?:for|at|in|on|to|from|by|with|after|before|during|under|over|within|until|of|into|"
                   r"through|via|per)\s+)?"
                   r"(?:what|which|when|where|who|whose|how(?:\s+(?:many|much|long|often|old|far|large))?)\b"
                   r"(?!\s+about\b)", re.I)
ATTRIBUTE_WORDS = 1  # two already name a new element: "how were the libraries sequenced?"


def subject_from_earlier(text: str) -> bool:
    """Whether a follow-up's subject is the earlier question's: it points back at it ("what dose was
    that?", "those patients"), or it only asks an attribute, a wh-question of at most
    `ATTRIBUTE_WORDS` content word after its wh-phrase, naming nothing ("what dose?" after "How was LPS given to the
    4T1 mice?" asks the LPS dose, not any dose: user trial 18)."""
    if POINTS_BACK.search(text):
        return True
    from qa.index.analyzer import tokenize

    asks = _ASKS.match(text)  # the words after the wh-phrase ("how many" asks, "pts" is asked about)
    return asks is not None and len(set(tokenize(text[asks.end():]))) <= ATTRIBUTE_WORDS and not names_its_subject(text)


def attribute_only(text: str) -> bool:
    """Whether a question is a wh-phrase and at most the one word it asks ("what dose?", "how many
    pts?", "how long?"): the word straight after the wh-phrase, nothing after it. "What is
    apoptosis?" names its subject (after a verb), so it is asked."""
    from qa.index.analyzer import STOPWORDS

    asks = _ASKS.match(text)
    if asks is None or names_its_subject(text):
        return False
    rest = re.findall(r"[\w'-]+", text[asks.end():])
    return len(rest) == 0 or (len(rest) == 1 and rest[0].lower() not in STOPWORDS)


# "how many had biopsy-proven nephritis?", "what proportion responded?": the count's noun left out,
# a verb straight after the question word; the noun ("patients") is the earlier question's subject
# (user trial 23: read alone and refused), unless the question names one ("How many had CD34+ cells?")
_WHO_LEFT_OUT = re.compile(r"^\W*(?:how many|what (?:number|percentage|proportion|fraction|share))\s+"
                           r"(?:had|have|has|were|was|did|got|[a-z]{2,}ed)\b", re.I)


# A personal pronoun in a later clause of the question ("How is an MSC defined, which markers must they
# express?", "Do the injected cells turn into heart muscle cells or do they work through secreted
# factors?") takes its antecedent from the clause before it, as English reads a pronoun first
# (user trial 50): only a clause boundary, a comma or a joining word, separates the two.
_THEY = re.compile(r"\b(?:they|them|their)\b", re.I)
_CLAUSE_BREAK = re.compile(r"[,;:]|\s(?:or|and|but|while|whereas)\s", re.I)


def without_inner_antecedents(text: str) -> str:
    """`text` with each 'they'/'them'/'their' removed whose antecedent is in the question itself: an
    earlier clause, cut off by `_CLAUSE_BREAK`, that does not lean back and names its own subject (a name,
    or more than `FEW_CONTENT_WORDS` content words). What remains leans back only on an earlier question."""
    from qa.index.analyzer import tokenize

    def inner(pronoun: re.Match) -> bool:
        breaks = list(_CLAUSE_BREAK.finditer(text, 0, pronoun.start()))
        if not breaks:
            return False
        clause = text[:breaks[-1].start()]
        return not _LEANS_BACK.search(clause) and (
            names_its_subject(clause) or len(set(tokenize(clause))) > FEW_CONTENT_WORDS)

    return _THEY.sub(lambda m: " " if inner(m) else m.group(0), text)


def leans_back(text: str) -> bool:
    """Whether a question's wording leans back on an earlier one ("and in children?", "those sites",
    "how many had nephritis?"), not only its shortness (qa.answer.followup.changed_subject)."""
    return bool(_LEANS_BACK.search(without_inner_antecedents(text))) or (
        bool(_WHO_LEFT_OUT.search(text)) and not names_its_subject(text))


def needs_context(text: str, tokens: list[str]) -> bool:
    """Should a follow-up be read with the earlier question? When its wording leans back on what
    was asked before (`leans_back`), or when it has few content words and
    names no subject of its own ("how many patients?"). A short question that names its subject
    ("Which sources were used for SLE?", "What is the capital of Australia?") is a new question
    (user trial 4: both were read as follow-ups of a GVHD question)."""
    if leans_back(text):
        return True
    return len(set(tokens)) <= FEW_CONTENT_WORDS and not names_its_subject(text)


def carried_weight(settings: RetrievalSettings, tokens: list[str]) -> float | None:
    """The weight of the earlier question's words in a follow-up's retrieval (BM25 and the second
    stage), read from the follow-up's own content: one asking little of its own ("and for the
    monkey?") leans on the earlier question, one asking much ("how did they make sure the colonies
    counted came from the pathogen?") names what it looks for itself. None: the expansion weight."""
    base, words = settings.followup_carry_weight, settings.followup_carry_words
    if base is None:
        return None
    from qa.index.analyzer import STOPWORDS

    own = {t for t in tokens if t not in STOPWORDS}
    if not words or not own:
        return base
    return base * min(1.0, words / len(own))
