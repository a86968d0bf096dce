"""The refusal features of one question (qa.answer.refusal), and where their word weights are counted.

The features weigh the question's words by smoothed idf relative to a word never used. Counted over the
whole library (`refusal_idf_scope` 'library'), a word every passage of an article holds ("MSC" in the
three reviews) weighs 0.01 of the ceiling while the library is those reviews and 0.26 once ten PDFs join
it: the reviews' passages 'cover' more of any question, and near misses asked of the same reviews are
answered (evals/README.md, "Library growth"). Counted over the passages of the documents the top three
passages come from ('evidence'), or that for the shares covered and the library's for the missing words
('coverage'), the weights of a question asked of some articles do not move when others join. The window
(`refusal_window_spread`) mixes the features read over the top three, four and five passages, so that a
passage crossing rank 3 moves them by a share.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from qa.answer.defined_forms import defined_tokens
from qa.retrieval.question import QUESTION_FORM
from qa.answer import refusal  # modifier_compound and written_out_tokens are read through it (tests patch them there)
from qa.answer.refusal import phrase_features, question_phrases, specific_tokens, word_positions
from qa.retrieval.word_forms import absent_words, written_forms
from qa.retrieval.section_role import in_methods
from qa.retrieval.sentence_focus import without_citations
from qa.index.analyzer import tokenize, word_sequence
from qa.retrieval.evidence import coverage

if TYPE_CHECKING:
    from qa.answer.units import Unit
    from qa.models import Hit
    from qa.retrieval.query import Query


def smoothed_idf(size: int, df: int) -> float:
    """log(1 + (N - df + 0.5) / (df + 0.5)) over N passages: positive, and largest (the ceiling) for a word
    no passage uses, which is the strongest sign that the passages do not say what is asked."""
    return math.log(1.0 + (size - df + 0.5) / (df + 0.5))


def scoped_weights(answerer, hits: list[Hit], scope: str):
    """(token -> smoothed idf, ceiling): counted over every passage of the library ('library') or over the
    passages of the documents the top three passages come from ('evidence'). With 'evidence', a word every
    passage of an article holds weighs the same whether the library holds that article alone or a hundred
    others ("MSC" on the three reviews: 0.01 of the ceiling; with ten PDFs beside them: 0.26; evals/README.md,
    "Library growth")."""
    if scope == "library":
        return answerer.smooth_idf, answerer.smooth_idf("\x00")
    index = answerer.index
    docs = tuple(sorted({h.passage.doc_id for h in hits[:SCOPE_DEPTH]}))
    # kept on the loaded index, as `misspelt_tokens` is: a rebuilt library never reads an earlier one's rows
    scopes = index.__dict__.setdefault("_refusal_scopes", {})
    cache = scopes.get(docs)
    if cache is None:
        if len(scopes) > 64:
            scopes.clear()
        import numpy as np

        rows = np.flatnonzero(index.doc_mask(list(docs)))
        cache = scopes[docs] = (rows, {})
    rows, dfs = cache
    size = len(rows)
    bm25 = index.bm25

    def weigh(token: str) -> float:
        df = dfs.get(token)
        if df is None:
            df = dfs[token] = int(bm25.contains(token, rows).sum()) if bm25.df(token) else 0
        return smoothed_idf(size, df)

    return weigh, smoothed_idf(size, 0)


SCOPE_DEPTH = 3  # the passages whose documents the 'evidence' weights are counted over


def evidence_features(answerer, query: Query, units: list[Unit], hits: list[Hit],
                      standout: float, scope: str | None = None,
                      window: Sequence[float] | None = None) -> list[float]:
    """The features above for one question: its units sorted best first, its hits, and its
    `top_standout` (the answerer's first-stage score of the best passage). The word weights are counted
    where `refusal_idf_scope` says (`scoped_weights`); the window-dependent features (passage and
    specific coverage, missing_term, missing_specific) are a mixture over the top 3, 4, ... passages with
    the weights `refusal_window_spread` gives."""
    st = answerer.settings.answer
    scope = st.refusal_idf_scope if scope is None else scope
    if window is None:
        spread = st.refusal_window_spread
        window = [1.0 - spread, spread / 2, spread / 2] if spread else [1.0]
    weigh, ceiling = scoped_weights(answerer, hits, "library" if scope == "library" else "evidence")
    terms = answerer.terms(query, smooth=True, weigh=None if scope == "library" else weigh)
    # 'coverage': the shares covered weigh words within the evidence's documents, the missing words keep the
    # library's weights (a word the evidence's article never writes but other articles do is no stronger sign)
    missing_terms, missing_ceiling = (answerer.terms(query, smooth=True), answerer.smooth_idf("\x00")) \
        if scope == "coverage" else (terms, ceiling)
    # a misspelt word ("lupsu") read as the library word one edit away ("lupus": the reading behind "Did you
    # mean", qa.retrieval.spelling) is the word the user wrote: present where that word is, not an absent name
    from qa.answer.vague import shorthand_tokens

    typos = misspelt_tokens(answerer.index, query.text, shorthand=lambda: shorthand_tokens(answerer, query.text))
    # an everyday word no passage of the library writes is there as the evidence's word the encoder places
    # nearest it ("monkeys": "primate"; qa.answer.lay_words), as a misspelt word is there as its reading
    typos = {**typos, **lay_readings(answerer, query, hits[:SCOPE_DEPTH], set(typos))}
    best = units[0]
    dense = [u.dense for u in units]
    total = sum(window) or 1.0
    mixed = [0.0, 0.0, 0.0, 0.0]
    for i, share in enumerate(window):
        if share:
            values = _window_features(answerer, query, hits[:3 + i], terms, missing_terms, missing_ceiling, typos)
            mixed = [m + share / total * v for m, v in zip(mixed, values)]
    passage_coverage, missing, missing_specific, specific_coverage = mixed
    # are the question's two-word phrases held together by the top units, or only word by word?
    phrases = question_phrases(query.text, QUESTION_FORM)
    positions = [as_read(word_positions(without_citations(u.text, u.start, u.citations)), typos)
                 for u in units[:5]]
    phrase_missing = phrase_features(phrases, positions, missing_terms, missing_ceiling)[0]
    phrase_coverage = phrase_features(phrases, positions, terms, ceiling)[1]
    return [max(dense), coverage(terms, with_typos(best.context, typos)), passage_coverage,
            missing, missing_specific, specific_coverage, standout, phrase_missing, phrase_coverage]


def lay_readings(answerer, query: Query, top: list[Hit], read: set[str] = frozenset()) -> dict[str, frozenset[str]]:
    """token of an everyday question word the library never writes (and not already `read`, as a typo) -> the
    token of the word of the `top` passages the encoder places nearest it, at cosine `refusal_lay_floor` or
    more, when every such word has one (qa.answer.lay_words)."""
    st = answerer.settings.answer
    if st.refusal_lay_floor > 1.0:
        return {}
    from qa.answer.lay_words import nearest_written, unwritten_everyday

    unwritten = [t for t in unwritten_everyday(answerer.index, query.text) if t not in read]
    if not unwritten:
        return {}
    evidence: set[str] = set()
    for h in top:
        evidence |= answerer.passage_tokens(h.passage)
    return {t: frozenset([w]) for t, w in nearest_written(answerer.index, unwritten, evidence,
                                                          st.refusal_lay_floor).items()}


def concept_tokens(concepts: Sequence[Sequence[Sequence[str]]], present: set[str]) -> set[str]:
    """The tokens of each question phrase (a concept's first alternative, as asked) one of whose other
    alternatives, the phrases the library's synonyms or glossaries read it as, `present` holds whole
    ("lupus" where the evidence writes "SLE"; "heart attack" where it writes "myocardial infarction")."""
    out: set[str] = set()
    for alternatives in concepts:
        if len(alternatives) > 1 and any(alt and all(t in present for t in alt) for alt in alternatives[1:]):
            out.update(alternatives[0])
    return out


def misspelt_tokens(index, question: str, shorthand=None) -> dict[str, frozenset[str]]:
    """token of a misspelt question word -> the tokens of the library word it reads as
    (qa.answer.vague.misspelt_words; a word `shorthand()` returns, read by the synonyms or glossaries, is
    none, as in the "Did you mean" hint; cached per question: the answerer reads the features more than once;
    kept on the loaded index, as qa.retrieval.section_role's parts are, so a rebuilt library never reads an
    earlier one's cache)."""
    cache = index.__dict__.setdefault("_misspelt_tokens", {})
    out = cache.get(question)
    if out is None:
        from qa.answer.vague import misspelt_words

        if len(cache) > 256:
            cache.clear()
        read_as = misspelt_words(index, question)
        known = shorthand() if read_as and shorthand is not None else set()
        out = cache[question] = {t: frozenset(tokenize(read)) for typed, read in read_as.items()
                                 if not set(word_sequence(typed)) <= known
                                 for t in tokenize(typed) if tokenize(read)}
    return out


def with_typos(tokens: set[str] | frozenset[str], typos: dict[str, frozenset[str]]) -> set[str] | frozenset[str]:
    """`tokens` with each misspelt token whose reading they hold: the typo is there as its reading is."""
    held = {t for t, read in typos.items() if read <= tokens}
    return tokens | held if held else tokens


def as_read(positions: dict[str, list[int]], typos: dict[str, frozenset[str]]) -> dict[str, list[int]]:
    """Word positions with each misspelt token placed where its (one-token) reading is (a copy: cached input)."""
    extra = {t: positions[next(iter(read))] for t, read in typos.items()
             if len(read) == 1 and next(iter(read)) in positions}
    return {**positions, **extra} if extra else positions


def _window_features(answerer, query: Query, top: list[Hit], terms: dict[str, float],
                     missing_terms: dict[str, float], ceiling: float,
                     typos: dict[str, frozenset[str]]) -> list[float]:
    """(passage_coverage, missing_term, missing_specific, specific_coverage) over the passages `top`: the
    shares weighed by `terms`, the missing words by `missing_terms` relative to `ceiling`; a misspelt word
    (`typos`) is there when its reading is."""
    top_tokens: set[str] = set()
    for h in top:
        top_tokens |= answerer.passage_tokens(h.passage)
    top_tokens = set(with_typos(top_tokens, typos))
    # a protocol's lab terms among the evidence read against a question's everyday words: those are no
    # names (qa.retrieval.section_role)
    methods = any(in_methods(answerer.index, h.passage) for h in top)
    specific = specific_tokens(query.text, answerer.settings.answer.refusal_methods_general_words if methods else 0)
    # a word written another way ("standardised", "haplo") is there (written_forms); a
    # hyphenated word ("dye-labelled", "MH42-LNP") is there when its parts are, joined or not
    present = written_forms(set(tokenize(query.text)) | set(terms), top_tokens)
    # an abbreviation a top passage writes out ("ISCT": "International Society for Cellular Therapy")
    present |= refusal.written_out_tokens(query.text, [h.passage.text for h in top])
    # ... or in the other form an article of the library defines it with ("dsRNA": "double-stranded RNA")
    present |= defined_tokens(answerer.index, query.text, [(h.passage.doc_id, h.passage.text) for h in top])
    # ... or as the other phrase the library's synonyms or glossaries read it as ("lupus": "SLE")
    if answerer.settings.answer.refusal_concept_forms:
        present |= concept_tokens(query.concepts, present)
    absent = [w for w in absent_words(query.text, present) if not set(w) <= QUESTION_FORM]

    def heaviest(words: list[tuple[str, ...]]) -> float:
        return max((missing_terms.get(t, 0.0) for w in words for t in w if t not in present), default=0.0) / ceiling

    # "GFP-tagged": a present name with an everyday modifier, whose missing parts are ordinary words
    general = answerer.settings.answer.refusal_methods_general_words
    modifiers = {w for w in absent if refusal.modifier_compound(w, present, general)}
    missing = heaviest([w[1:] if w in modifiers else w for w in absent])
    missing_specific = heaviest([w for w in absent if w not in modifiers and specific.intersection(w)])
    named = {t: w for t, w in terms.items() if t in specific and t in query.tokens}
    specific_coverage = coverage(named, top_tokens) if named else 1.0
    return [coverage(terms, top_tokens), missing, missing_specific, specific_coverage]
