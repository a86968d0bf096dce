"""Deciding "the corpus does not answer this" from the evidence itself.

No word lists and no vocabulary thresholds: the decision reads how well the best evidence
covers the question and how strong the best evidence is, through a logistic model whose
coefficients are settings (`AnswerSettings.refusal_*`) fitted on the dev splits by
`qa.evaluation.calibrate` (a reliability curve is in evals/README.md). The probability it
gives is the estimated chance that the answer is in the corpus. The features are computed in
qa.answer.refusal_evidence, with the question's words weighed over the library or over the documents
the evidence comes from (`refusal_idf_scope`).

Features (coverage and weights in [0, 1]; `top_standout` in z-score units of the question's own
candidates, so no feature depends on a document type's raw score scale):
- `best_dense`: the best cosine between the question and one answer unit;
- `unit_coverage`: idf-weighted share of the question's content terms present in the best
  unit's context (the unit, its section title and the sentence before);
- `passage_coverage`: the same share over the top three passages together;
- `missing_term`: the smoothed-idf weight (relative to a word the corpus never uses) of the
  heaviest question word that the top three passages lack; a hyphenated word ("dye-labelled",
  "MH42-LNP") is there when its joined form is, or all its parts are (`absent_words`); one
  naming a present name with everyday words ("GFP-tagged") weighs only its missing parts, as
  ordinary words (`compounds.modifier_compound`); a word is there in another spelling, as the
  start of a longer word or in another form of the same word (`written_forms`: "standardised" /
  "standardized", "labelled" / "labeled", "haplo" / "haploidentical", "co-infusing" /
  "co-infusion"), and a capital abbreviation is there when one of
  the three passages writes it out (`written_out_tokens`: "ISCT", "International Society for
  Cellular Therapy"); an everyday word no article writes in any form is there as the passages' word
  the embedding model places nearest it, when every such word of the question has one
  (qa.answer.lay_words: "eating" / "feeding", `refusal_lay_floor`);
- `missing_specific`: the same for *specific* question words only. Specific = written as a
  name or code in the question (capitalised after the first word, two or more capitals, or a
  digit: "Alzheimer's", "EBMT", "K164R") or not a whole word of the packaged embedding model's
  general-English WordPiece vocabulary ("busulfan", "carbapenemase"). An everyday word the
  corpus happens not to use ("enroll", "turning") is not evidence of absence; a missing name,
  number or technical term is. The vocabulary is the model's, fixed and versioned with it, not
  a list written for any question; the weight the feature gets is fitted like the others.
  When one of the top three passages lies in its article's Methods (`section_role.in_methods`), a word of
  general English (`refusal_methods_general_words`: an English dictionary's frequency above 100,
  "implanted", "slurry", "regimen", "steroid") is not specific either: a protocol is written in
  the lab's terms ("injected", "gavage"), which a user asks in everyday ones, and the WordPiece
  vocabulary lacks many everyday words (evals/README.md, "Methods questions helper");
- `specific_coverage`: the idf-weighted share of the question's specific words that the top three
  passages contain (1 when the question has none);
- `top_standout`: how far the best passage stands above the other candidates of the same
  question on the same index (its hybrid fused score: the sum of its z-scores within each
  retriever's candidate list). Raw scores differ between short reviews and long research
  articles; a score relative to the question's own candidates does not. Dropped when it was
  added: `best_score` (the span scorer's mix, which moves with span weights) and `dense_margin`
  (best unit cosine minus the median one), which added nothing once it was there;
- `phrase_missing`: the heaviest *phrase* of the question (two content words written next to
  each other: "median age", "sequencing depth", "melting temperature") whose words no top-5
  unit holds within `PHRASE_WINDOW` words of each other, weighed by its rarer word's smoothed
  idf relative to a word the corpus never uses (0 when every phrase is there). A near miss
  asks for an attribute of something the article discusses; its words are often each in the
  evidence ("age" of the mice, "median" survival) but never together, which word coverage
  cannot see;
- `phrase_coverage`: the idf-weighted share of the question's phrases that the best unit holds
  together (1 when the question has no phrase).
"""
from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from qa.answer.abbreviations import spelled_out
from qa.answer.compounds import modifier_compound  # noqa: F401 (qa.answer.refusal_evidence reads it from here)
from qa.retrieval.question import QUESTION_FORM
from qa.retrieval.word_forms import PREFIX_MIN, held_forms
from qa.index.analyzer import tokenize

if TYPE_CHECKING:
    from qa.answer.units import Unit
    from qa.models import Hit
    from qa.retrieval.query import Query

FEATURES = ("best_dense", "unit_coverage", "passage_coverage", "missing_term", "missing_specific",
            "specific_coverage", "top_standout", "phrase_missing", "phrase_coverage")
PHRASE_WINDOW = 3  # words apart (either order: "median age", "age (median"), a phrase still counts
NAME_WORD = re.compile(r"[^\s,;:?!()\[\]\"]+")


def specific_tokens(question: str, general_above: int = 0) -> set[str]:
    """The index tokens of the question's words written as names or codes (see `missing_specific`)
    and of its words outside the model's general vocabulary; with `general_above`, not of a word of
    general English either (an English dictionary's frequency above it: `spelling.english_frequency`)."""
    from qa.index.analyzer import tokenize
    from qa.ingest.clean.lexicon import model_vocabulary
    from qa.retrieval.spelling import english_frequency

    vocabulary = model_vocabulary()
    out: set[str] = set()
    for i, word in enumerate(NAME_WORD.findall(question)):
        named = (i > 0 and word[:1].isupper()) or any(c.isdigit() for c in word) \
            or sum(c.isupper() for c in word) >= 2
        # the vocabulary holds words as written: an index token is a reduced form ("series" ->
        # "sery", "stretches" -> "stretche") that the vocabulary may lack although the word is there
        if not named and word.lower() in vocabulary:
            continue
        if not named and general_above and english_frequency(word.strip(".'’\"")) > general_above:
            continue
        out.update(t for t in tokenize(word) if named or t not in vocabulary)
    return out


_MODIFIED_NAME = re.compile(r"[a-z]{1,3}([A-Z][A-Z0-9]+s?)")  # 'smFISH', 'qPCR': a modifier, then a name


def question_phrases(question: str, skip: set[str]) -> list[tuple[str, str]]:
    """Pairs of content words written next to each other in the question (a stop word between
    them breaks the pair), each word as its first index token; words in `skip` (the question's
    form: "which", "studies") are left out."""
    from qa.index.analyzer import word_tokens

    words = [tuple(tokens) for tokens, _ in word_tokens(question)]
    return [(a[0], b[0]) for a, b in zip(words, words[1:])
            if a and b and not set(a) <= skip and not set(b) <= skip]


@lru_cache(maxsize=20000)
def word_positions(text: str) -> dict[str, list[int]]:
    """token -> positions (surface words) where it occurs in the text (cached: the same answer
    units serve many questions; the result is never changed by its callers)."""
    from qa.index.analyzer import word_tokens

    out: dict[str, list[int]] = {}
    for i, (tokens, _) in enumerate(word_tokens(text)):
        for t in tokens:
            out.setdefault(t, []).append(i)
    return out


def phrase_in(positions: dict[str, list[int]], a: str, b: str, window: int = PHRASE_WINDOW) -> bool:
    """Whether tokens a and b occur within `window` words of each other."""
    pb = positions.get(b)
    return bool(pb) and any(abs(i - j) <= window for i in positions.get(a, ()) for j in pb)


def phrase_features(phrases: list[tuple[str, str]], top: list[dict[str, list[int]]],
                    weights: dict[str, float], ceiling: float) -> tuple[float, float]:
    """(`phrase_missing`, `phrase_coverage`) of the question's phrases over the word positions of
    the top units (best first); a word without a weight (`weights`: smoothed idf) weighs `ceiling`."""
    if not phrases or not top:
        return 0.0, 1.0
    weight = [min(weights.get(a, ceiling), weights.get(b, ceiling)) for a, b in phrases]
    missing = [w for (a, b), w in zip(phrases, weight) if not any(phrase_in(p, a, b) for p in top)]
    held = sum(w for (a, b), w in zip(phrases, weight) if phrase_in(top[0], a, b))
    return max(missing, default=0.0) / ceiling, held / (sum(weight) or 1e-9)


def probability(features: Sequence[float], coefficients: Sequence[float], intercept: float) -> float:
    """Logistic model: P(answer in corpus) = sigmoid(intercept + coefficients . features)."""
    if len(features) != len(coefficients):
        raise ValueError(f"{len(coefficients)} coefficients for {len(features)} features")
    z = intercept + sum(c * f for c, f in zip(coefficients, features))
    if z < -60:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


def median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def evidence_features(answerer, query: Query, units: list[Unit], hits: list[Hit], standout: float,
                      scope: str | None = None, window: Sequence[float] | None = None) -> list[float]:
    """The features above for one question (qa.answer.refusal_evidence: where the word weights are counted,
    `refusal_idf_scope`, and over which passages, `refusal_window_spread`)."""
    from qa.answer.refusal_evidence import evidence_features as features

    return features(answerer, query, units, hits, standout, scope, window)


def written_out_tokens(question: str, texts: Sequence[str]) -> set[str]:
    """The index tokens of the question's capital abbreviations (3-6 letters; mixed case too: "FUdR")
    that one of `texts` writes out in words (`spelled_out`): the evidence names them, in long form."""
    out: set[str] = set()
    for word in set(re.findall(r"\b(?:[A-Z]{3,6}|(?=[A-Za-z]*[a-z])(?=(?:[a-z]*[A-Z]){2})[A-Za-z]{3,6})\b", question)):
        if any(spelled_out(word, t) for t in texts):
            out.update(tokenize(word))
    return out


def caution(confidence: float, share: float) -> str:
    """A note for an answer whose confidence lies in a reliability bin (refusal_model.json: the dev
    questions by predicted probability, with the observed share the corpus answered) where at least
    `share` of the questions had no answer in the corpus; '' otherwise. Read from the fitted
    model's own table, so it follows every refit."""
    for label, n, _, answered in _reliability():
        low, high = (float(x) for x in label.split("-"))
        if low <= confidence < high or (high >= 1.0 and confidence >= high):
            missing = 1.0 - float(answered)
            if n and missing >= share:
                return (f"Weak match (confidence {confidence:.2f}): {missing:.0%} of the project's evaluation "
                        f"questions answered at confidence {label} had no answer in the articles; check that "
                        "the quotes state what you asked.")
            return ""
    return ""


def _reliability() -> tuple:
    """The refusal model's reliability table, read once per version of its file."""
    from qa.answer.settings import REFUSAL_MODEL

    return _reliability_of(REFUSAL_MODEL.stat().st_mtime_ns)


@lru_cache(maxsize=2)
def _reliability_of(version: int) -> tuple:
    from qa.answer.refusal_settings import _refusal_model

    return tuple(tuple(row) for row in _refusal_model().get("reliability", []))


def library_holds(bm25, token: str) -> bool:
    """Whether some passage holds an index token in any form: as is, in the other spelling, as the
    start of a longer word, a code's plural ("L1s" where the library writes "L1"), or another form
    of the same word (`stems`, each also as the start of a longer word: "crosslinking" /
    "crosslinked", "immunoreactive" / "immunoreactivity"). A question rarely writes a name in the
    articles' inflection; reading only the form typed refused answerable questions as naming what
    no article uses (evals/README.md, "False refusals, rule by rule")."""
    if token.endswith("s") and not token.isalpha() and len(token) > 2 and bm25.df(token[:-1]) > 0:
        return True
    forms = held_forms(token)
    return any(bm25.df(f) > 0 or (len(f) >= PREFIX_MIN and bm25.has_prefix(f)) for f in forms)


def holds_in_library(index, token: str) -> bool:
    """`library_holds` over the index's passages, remembered per token on the loaded index (for its BM25:
    a sweep may swap it): the absent-name and rare-word checks read the same question words again."""
    cached = index.__dict__.get("_library_holds")
    if cached is None or cached[0] is not index.bm25:
        cached = index.__dict__["_library_holds"] = (index.bm25, {})
    held = cached[1]
    out = held.get(token)
    if out is None:
        if len(held) > 100000:
            held.clear()
        out = held[token] = library_holds(index.bm25, token)
    return out


def library_described(index) -> frozenset[str]:
    """The tokens of the library's titles, authors and journals: the articles name these words too ("the
    Kim review"). Built once per loaded index (read only when a word is in no passage)."""
    cached = index.__dict__.get("_described_tokens")
    if cached is None:
        from qa.index.analyzer import tokenize

        cached = index.__dict__["_described_tokens"] = frozenset(
            t for d in index.documents for t in tokenize(" ".join([d.meta.title, d.meta.journal, *d.meta.authors])))
    return cached


def absent_names(answerer, question: str, read_as: list[tuple[str, str]] = ()) -> list[str]:
    """The question's own names and technical terms no article of the library uses in any form
    ("vancomycin", "IC50", "MALAT1"): a word that is specific (`specific_tokens`), in no English
    dictionary, not hyphenated, and whose tokens no passage holds, not even as the start of a
    longer word ("haplo", "cotransplant"), in the other spelling or another form
    (`library_holds`: "crosslinking" / "crosslinked", "L1s" / "L1"). An answer to such a question
    is usually about something else: of the answered blind-dev (rounds 1-5) and dev questions naming
    one, 14 of 22 had no answer in the corpus, against 56 of 411 naming none (user trial 21: a
    vancomycin concentration answered with the ampicillin sentence). A caution, not a refusal:
    the other 8 were answered right."""
    from qa.answer.name_forms import everyday_compound, glossed, written_otherwise
    from qa.index.analyzer import tokenize
    from qa.retrieval.spelling import english_word

    index = answerer.index
    bm25 = index.bm25
    read = {typed.lower() for typed, _ in read_as}
    specific = specific_tokens(question)

    def in_library(token: str) -> bool:
        # (library_holds: "immunosuppressed" for "immunosuppressive", round 12; "L1s" for "L1")
        return holds_in_library(index, token) or token in library_described(index) or written_otherwise(bm25, token)

    # a name the question glosses with words the library writes names what those words name
    glosses = {name for name, words in glossed(question).items()
               if (held := [t for w in words for t in tokenize(w) if t not in QUESTION_FORM])
               and all(holds_in_library(index, t) for t in held)}

    def modified_name(word: str) -> bool:
        """A name with a lower-case modifier before a name the library writes ("smFISH" for
        single-molecule FISH, "qPCR", "siRNA", "scRNA"): another form of that name, not a new one."""
        m = _MODIFIED_NAME.fullmatch(word)
        return bool(m) and all(bm25.df(t) > 0 for t in tokenize(m.group(1)))

    # a slashed pair without a hyphen names two things ("DBA/1 mice", "HMGB1/RAGE"): each part is read as a
    # word of its own (evals/README.md, twenty-eighth session, "Near misses asking in a named unit")
    typed = [(i, w.strip(".'’\"")) for i, w in enumerate(NAME_WORD.findall(question))]
    words = [(i, part.strip(".'’\"")) for i, w in typed
             for part in (w.split("/") if "/" in w and "-" not in w else [w])]
    out: list[str] = []
    for i, word in words:
        # a capitalised word after the first is a name even when a dictionary lists it (user trial
        # 24: "Parkinson's", in no article, was passed over as an English word)
        named = i > 0 and word[:1].isupper()
        if not word or "-" in word or "/" in word or word.lower() in read or (english_word(word) and not named) \
                or modified_name(word) or word in glosses or everyday_compound(word):
            continue
        tokens = tokenize(word)
        if tokens and all(t in specific and not in_library(t) for t in tokens) and word not in out:
            out.append(word)
    return out


def absent_name_caution(names: list[str], quotes: Sequence[str] = ()) -> str:
    """The caution of an answer whose question names what no article uses (`absent_names`), unless
    a quote writes that abbreviation out (user trial 23: 'LCA' flagged on the sentence saying
    "Leber congenital amaurosis")."""
    names = [n for n in names if not any(spelled_out(n, q) for q in quotes)]
    if not names:
        return ""
    quoted = " or ".join(f"'{n}'" for n in names[:3])
    return (f"No article uses {quoted}, which the question names: the quotes may be about something "
            "else; check that they answer what you asked.")

