"""Deciding "the corpus does not answer this" from the evidence itself.

No word lists and no vocabulary thresholds: the decision reads how close the best evidence is
in meaning, which of the question's names it lacks and whether it holds the question's phrases
together, through a logistic model whose
coefficients are settings (`AnswerSettings.refusal_*`) fitted on the dev splits by
`qa.evaluation.calibrate` (a reliability curve is in evals/README.md). The probability it
gives is the estimated chance that the answer is in the corpus.

Features (three, each read from the evidence, none on a document type's raw score scale):
- `best_dense`: the best cosine between the question and one answer unit;
- `missing_specific`: the smoothed-idf weight (relative to a word the corpus never uses) of the
  heaviest *specific* question word that the top three passages lack. Specific = written as a
  name or code in the question (capitalised after the first word, two or more capitals, or a
  digit: "Alzheimer's", "EBMT", "K164R") or not a whole word of the packaged embedding model's
  general-English WordPiece vocabulary ("busulfan", "carbapenemase"). An everyday word the
  corpus happens not to use ("enroll", "turning") is not evidence of absence; a missing name,
  number or technical term is. The vocabulary is the model's, fixed and versioned with it, not
  a list written for any question. A hyphenated word ("dye-labelled", "MH42-LNP") is there when
  its joined form is, or all its parts are (`absent_words`), and a word is there in another
  spelling or as the start of a longer word (`written_forms`: "standardised" / "standardized",
  "haplo" / "haploidentical");
- `phrase_coverage`: the idf-weighted share of the question's *phrases* (two content words written
  next to each other: "median age", "sequencing depth") that the best unit holds within
  `PHRASE_WINDOW` words of each other (1 when the question has no phrase). A near miss asks for
  an attribute of something the article discusses; its words are often each in the evidence
  ("age" of the mice, "median" survival) but not together, which word coverage cannot see.

Dropped in the fifth round (evals/README.md, "Refusal, fifth round"): `unit_coverage`,
`passage_coverage`, `missing_term`, `specific_coverage`, `phrase_missing` and `top_standout`.
With them the model fitted the dev questions better and new questions worse: out of fold
(cross-validation, and leaving out a whole writing round of blind questions) the three features
alone refuse more unanswerable questions on both sets at the same false-refusal bound. The
coverage shares repeat what the cosine says (how well the corpus matches the topic, which a near
miss shares with an answerable question), and `top_standout` (the best passage's fused z-score)
shifts with the corpus as much as with the answer (reviews 3.8 / 3.3, articles 3.4 / 2.8 for
answerable / unanswerable questions).
"""
from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from qa.answer.question import QUESTION_FORM, without_citations
from qa.index.analyzer import tokenize

if TYPE_CHECKING:
    from qa.answer.units import Unit
    from qa.models import Hit
    from qa.retrieval.query import Query

FEATURES = ("best_dense", "missing_specific", "phrase_coverage")
PHRASE_WINDOW = 3  # words apart (either order: "median age", "age (median"), a phrase still counts
NAME_WORD = re.compile(r"[^\s,;:?!()\[\]\"]+")


def specific_tokens(question: str) -> set[str]:
    """The index tokens of the question's words written as names or codes (see `missing_specific`)
    and of its words outside the model's general vocabulary."""
    from qa.index.analyzer import tokenize
    from qa.ingest.clean.lexicon import model_vocabulary

    vocabulary = model_vocabulary()
    out: set[str] = set()
    for i, word in enumerate(NAME_WORD.findall(question)):
        named = (i > 0 and word[:1].isupper()) or any(c.isdigit() for c in word) \
            or sum(c.isupper() for c in word) >= 2
        out.update(t for t in tokenize(word) if named or t not in vocabulary)
    return out


# British -ise / -isation and doubled -ll- spellings, written the American way
_ISE = re.compile(r"is(e|ed|es|ing|ation|ations)$")
_DOUBLE_L = re.compile(r"([aeiou])ll(ed|ing|er)$")
PREFIX_MIN = 5  # a question word this long that starts a longer evidence word is there ("haplo")


def written_forms(words: set[str], present: set[str]) -> set[str]:
    """`present` plus those of `words` (index tokens of the question) that the evidence writes
    another way: the other spelling of a British -ise / -ll- word, or a longer word starting with
    it (a clinician's shortening: "haplo" for "haploidentical", "cotransplant" for
    "cotransplantation"). Without this, an answerable question in shorthand or British spelling
    counts a word as absent that the evidence holds, the sign of a near miss."""
    ordered = sorted(present)
    out = set(present)
    for w in words - present:
        if _ISE.sub(r"iz\1", w) in present or _DOUBLE_L.sub(r"\1l\2", w) in present:
            out.add(w)
        elif len(w) >= PREFIX_MIN:
            i = bisect.bisect_right(ordered, w)
            if i < len(ordered) and ordered[i].startswith(w):
                out.add(w)
    return out


def absent_words(question: str, present: set[str]) -> list[tuple[str, ...]]:
    """The question's words (each as its index tokens: a hyphenated word's joined form, then its
    parts) that `present` lacks: a word is present when its joined form is, or all its parts are."""
    from qa.index.analyzer import _words

    out = []
    for tokens, _ in _words(question):
        if not tokens or tokens[0] in present or (len(tokens) > 1 and all(t in present for t in tokens[1:])):
            continue
        out.append(tuple(tokens))
    return out


def question_phrases(question: str, skip: set[str]) -> list[tuple[str, str]]:
    """Pairs of content words written next to each other in the question (a stop word between
    them breaks the pair), each word as its first index token; words in `skip` (the question's
    form: "which", "studies") are left out."""
    from qa.index.analyzer import _words

    words = [tuple(tokens) for tokens, _ in _words(question)]
    return [(a[0], b[0]) for a, b in zip(words, words[1:])
            if a and b and not set(a) <= skip and not set(b) <= skip]


@lru_cache(maxsize=20000)
def word_positions(text: str) -> dict[str, list[int]]:
    """token -> positions (surface words) where it occurs in the text (cached: the same answer
    units serve many questions; the result is never changed by its callers)."""
    from qa.index.analyzer import _words

    out: dict[str, list[int]] = {}
    for i, (tokens, _) in enumerate(_words(text)):
        for t in tokens:
            out.setdefault(t, []).append(i)
    return out


def phrase_in(positions: dict[str, list[int]], a: str, b: str, window: int = PHRASE_WINDOW) -> bool:
    """Whether tokens a and b occur within `window` words of each other."""
    pb = positions.get(b)
    return bool(pb) and any(abs(i - j) <= window for i in positions.get(a, ()) for j in pb)


def phrase_coverage(phrases: list[tuple[str, str]], best: dict[str, list[int]],
                    weights: dict[str, float], ceiling: float) -> float:
    """The idf-weighted share of the question's phrases held together in the best unit (given by
    its word positions); a phrase weighs its commoner word's smoothed idf (`weights`; a word
    without one weighs `ceiling`). 1 when the question has no phrase."""
    if not phrases:
        return 1.0
    weight = [min(weights.get(a, ceiling), weights.get(b, ceiling)) for a, b in phrases]
    held = sum(w for (a, b), w in zip(phrases, weight) if phrase_in(best, a, b))
    return held / (sum(weight) or 1e-9)


def probability(features: Sequence[float], coefficients: Sequence[float], intercept: float) -> float:
    """Logistic model: P(answer in corpus) = sigmoid(intercept + coefficients . features)."""
    if len(features) != len(coefficients):
        raise ValueError(f"{len(coefficients)} coefficients for {len(features)} features")
    z = intercept + sum(c * f for c, f in zip(coefficients, features))
    if z < -60:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


def evidence_features(answerer, query: Query, units: list[Unit], hits: list[Hit]) -> list[float]:
    """The features above for one question: its units sorted best first, and its hits."""
    terms = answerer.terms(query, smooth=True)
    best = units[0]
    top_tokens: set[str] = set()
    for h in hits[:3]:
        top_tokens |= answerer.passage_tokens(h.passage)
    specific = specific_tokens(query.text)
    # a word written another way ("standardised", "haplo") is there (written_forms); a
    # hyphenated word ("dye-labelled", "MH42-LNP") is there when its parts are, joined or not
    present = written_forms(set(tokenize(query.text)) | set(terms), top_tokens)
    absent = [w for w in absent_words(query.text, present)
              if not set(w) <= QUESTION_FORM and specific.intersection(w)]
    ceiling = answerer.smooth_idf("\x00")  # the weight of a word the corpus never uses
    missing_specific = max((terms.get(t, 0.0) for w in absent for t in w if t not in present), default=0.0)
    # are the question's two-word phrases held together by the best unit, or only word by word?
    phrases = phrase_coverage(question_phrases(query.text, QUESTION_FORM),
                              word_positions(without_citations(best.text, best.start, best.citations)),
                              terms, ceiling)
    return [max(u.dense for u in units), missing_specific / ceiling, phrases]
