"""Which citations of different reviews name the same study, and on what evidence.

Every (document, key) citation is a node. Nodes with a reference entry carry its parsed fields;
author-year keys without a list carry only a surname and a year; numeric keys without a list
carry nothing but the sentences that cite them. Merges are decided on general evidence:

- entries of two lists: equal DOI, or first-author surname + year + fuzzy title (rapidfuzz);
- an author-year key against entries (or other author-year keys): first-author surname + year
  (ASCII-folded, multi-word surnames compared on their letters), confirmed by the topic of the
  citing sentences against the candidate's title and its own citing sentences;
- a bare number without a list: topic alone, narrowed by an author named in its sentence
  ("Le Blanc et al. reported ...[38]") when there is one; only a clear, strong winner merges,
  and never a study by another first author than the one a sentence citing it alone names.

Two candidates that the evidence cannot tell apart are never merged (precision first).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np

from qa.ingest.citations import fold
from qa.ingest.refparse import first_surname  # one reading of a printed name, 'A. A. Demin' too

AUTHOR_YEAR_KEY = re.compile(r"^(?P<surname>.*\S)\s+(?P<year>(?:1[89]|20)\d{2})(?P<suffix>[a-z]?)$")
DOI_RE = re.compile(r"\b(10\.\d{4,9}/[^\s;,]+[^\s;,.])", re.I)
# A narrative mention in a sentence: 'Le Blanc et al.', 'Horwitz and colleagues'.
NARRATIVE = re.compile(
    r"((?:(?:[Vv]an|[Vv]on|[Dd]e|[Ll]e|[Dd]el|[Dd]a|[Dd]i|[Ll]a)\s+)?[A-Z][A-Za-zÀ-ÿ'’\-]+(?:[- ][A-Z][a-zà-ÿ]+)?)"
    r"\s+(?:et\s*\.?\s*al|and\s+(?:colleagues|coworkers|co-workers))")

# Decision thresholds on the evidence score (cosine of MiniLM embeddings + idf-weighted word
# overlap, see `evidence`); how they were chosen is in evals/README.md.
SURNAME_YEAR_MIN = 0.55  # an author-year match is confirmed by a topic at least this close
MARGIN = 0.05  # ... and this far ahead of another candidate of the same author (and year)
TOPIC_ONLY_MIN = 1.0  # a bare number merges on topic alone only this close
TOPIC_ONLY_MARGIN = 0.10  # ... and this far ahead of the runner-up
NAMED_MIN = 0.55  # a bare number whose sentence names the candidate's first author
TITLE_MATCH = 90.0  # rapidfuzz token_sort_ratio for two printed titles of one study


def surname_key(name: str) -> str:
    """'García-Olmo' / 'Garcia Olmo' / 'Le Blanc' -> 'garciaolmo' / 'leblanc': letters only."""
    return re.sub(r"[^a-z]", "", fold(name).lower())


def find_doi(text: str) -> str:
    m = DOI_RE.search(text or "")
    return m.group(1).lower() if m else ""


@dataclass
class Node:
    """One review's key for a study, with what the review says about it."""

    doc_id: str
    key: str
    label: str
    entry: dict | None = None  # parsed reference fields + 'text', when the review has a list
    surname: str = ""  # first author's surname as printed (entry or author-year key)
    year: int | None = None
    sentences: list[tuple[int, int, str]] = field(default_factory=list)
    vector: np.ndarray | None = None  # mean of the citing sentences' embeddings (normalised)
    title_vector: np.ndarray | None = None
    mentions: set[str] = field(default_factory=set)  # surname keys named next to the citation
    own_mentions: set[str] = field(default_factory=set)  # ... in sentences citing this key alone
    tokens: set[str] = field(default_factory=set)  # words of the citing sentences and the title
    sole: bool = False  # cited alone in at least one sentence (not only inside a group)
    undecided: list["Node"] = field(default_factory=list)  # equally likely candidates, not merged

    @property
    def ref(self) -> tuple[str, str]:
        return (self.doc_id, self.key)

    @property
    def kind(self) -> str:
        if self.entry is not None:
            return "entry"
        return "author_year" if self.surname else "number"


@dataclass
class Merge:
    a: tuple[str, str]
    b: tuple[str, str]
    evidence: str
    confidence: float


def _cos(a: np.ndarray | None, b: np.ndarray | None) -> float:
    if a is None or b is None:
        return 0.0
    return float(a @ b)


def lexical(a: Node, b: Node, idf: dict[str, float]) -> float:
    """Share of `a`'s words (idf-weighted) that `b`'s title and citing sentences use too.
    Exactly rounded sums (fsum): a set's iteration order differs between processes (string
    hashing) and between a build and a stored segment's nodes; the score must not."""
    total = math.fsum(idf.get(t, 0.0) for t in a.tokens)
    return math.fsum(idf.get(t, 0.0) for t in a.tokens & b.tokens) / total if total else 0.0


def evidence(a: Node, b: Node, idf: dict[str, float]) -> float:
    """Topic agreement: embedding similarity plus shared distinctive words (numbers, names)."""
    return topic(a, b) + lexical(a, b, idf)


def topic(a: Node, b: Node) -> float:
    """How close the citing sentences of `a` are to `b`'s title and to `b`'s citing sentences."""
    scores = [_cos(a.vector, b.title_vector), _cos(a.vector, b.vector)]
    if a.title_vector is not None:
        scores += [_cos(a.title_vector, b.vector), _cos(a.title_vector, b.title_vector)]
    return max(scores)


def _title_ratio(a: Node, b: Node) -> float:
    from rapidfuzz import fuzz

    ta, tb = (a.entry or {}).get("title", ""), (b.entry or {}).get("title", "")
    if not ta or not tb:
        return 0.0
    return float(fuzz.token_sort_ratio(fold(ta).lower(), fold(tb).lower()))


def _entry_pairs(nodes: list[Node]) -> list[Merge]:
    """Entries of two different lists: DOI, or surname + year + fuzzy title."""
    merges = []
    entries = [n for n in nodes if n.kind == "entry"]
    # only pairs that can merge are compared (same DOI, or same surname and year), in the order
    # a loop over all pairs would meet them: linear in the library instead of quadratic
    blocks: dict[tuple, list[int]] = {}
    for i, n in enumerate(entries):
        if n.entry.get("doi", ""):
            blocks.setdefault(("doi", n.entry["doi"]), []).append(i)
        blocks.setdefault(("author", surname_key(n.surname), n.year), []).append(i)
    pairs = sorted({(i, j) for block in blocks.values() for x, i in enumerate(block) for j in block[x + 1:]})
    for i, j in pairs:
        a, b = entries[i], entries[j]
        if a.doc_id != b.doc_id:
            merges.extend(_entry_pair(a, b))
    return merges


def _entry_pair(a: Node, b: Node) -> list[Merge]:
    da, db = a.entry.get("doi", ""), b.entry.get("doi", "")
    if da and db:
        return [Merge(a.ref, b.ref, f"same DOI {da}", 1.0)] if da == db else []
    if a.year != b.year or surname_key(a.surname) != surname_key(b.surname) or not a.surname:
        return []
    ratio = _title_ratio(a, b)
    if ratio >= TITLE_MATCH:
        return [Merge(a.ref, b.ref, f"same first author, year and title (title match {ratio:.0f}/100)",
                      round(0.9 + ratio / 1000, 3))]
    return []


def _decide(node: Node, candidates: list[Node], minimum: float, margin: float, why: str,
            idf: dict[str, float], profiles: dict | None = None, record: bool = True) -> Merge | None:
    """The best candidate by evidence, if it is strong enough and clearly ahead of the others.
    A candidate's profile is every key already merged with it (what each review says of it)."""
    if not candidates:
        return None
    profiles = profiles or {}

    def score(c: Node) -> float:
        return max(evidence(node, m, idf) for m in profiles.get(c.ref, [c]) if m.doc_id != node.doc_id)

    scored = sorted(((score(c), i) for i, c in enumerate(candidates)), reverse=True)
    best, i = scored[0]
    runner = scored[1][0] if len(scored) > 1 else None
    if best < minimum:
        return None
    if runner is not None and best - runner < margin:
        if record:  # say which studies it may be, when the author narrowed them to a few
            node.undecided = [candidates[j] for sc, j in scored if best - sc < margin][:3]
        return None
    c = candidates[i]
    ahead = f"; next candidate {runner:.2f}" if runner is not None else "; only candidate"
    gap = 0.3 if runner is None else min(0.3, best - runner)
    confidence = min(0.98, 0.5 + best / 4 + gap)
    return Merge(node.ref, c.ref, f"{why}; topic evidence {best:.2f}{ahead}", round(confidence, 3))


def _author_year_pairs(nodes: list[Node], idf: dict[str, float]) -> list[Merge]:
    """Author-year keys without a list against entries and keys of other reviews."""
    merges = []
    by_name: dict[tuple[str, int | None], list[Node]] = {}
    for n in nodes:
        if n.surname:
            by_name.setdefault((surname_key(n.surname), n.year), []).append(n)
    for n in nodes:
        if n.kind != "author_year":
            continue
        same = [c for c in by_name.get((surname_key(n.surname), n.year), []) if c.doc_id != n.doc_id]
        for doc_id in dict.fromkeys(c.doc_id for c in same):  # decide per other review
            candidates = [c for c in same if c.doc_id == doc_id]
            m = _decide(n, candidates, SURNAME_YEAR_MIN, MARGIN,
                        f"first author {n.surname} and year {n.year} agree", idf)
            if m:
                merges.append(m)
    return merges


class _Shortlist:
    """The evidence of one bare number against every candidate at once (matrix products), used
    only to drop candidates that cannot be among the two best: the decision is then made by
    `_decide` on what remains, with the same `evidence`, so it is the one-by-one result. Without
    it the topic-only search costs (numbers x entries) Python calls, which grows with the square
    of the library."""

    TOLERANCE = 0.02  # far above the float error between the matrix and one-by-one evidence

    def __init__(self, candidates: list[Node], profiles: dict) -> None:
        from scipy.sparse import csr_matrix

        self.candidates = candidates
        self.candidate_docs = np.array([c.doc_id for c in candidates], dtype=object)
        members = [(j, m) for j, c in enumerate(candidates) for m in profiles.get(c.ref, [c])]
        self.owner = np.array([j for j, _ in members], dtype=np.int64)
        self.docs = np.array([m.doc_id for _, m in members], dtype=object)
        dim = next((v.shape[0] for _, m in members for v in (m.vector, m.title_vector) if v is not None), 1)

        def stack(vectors: list) -> np.ndarray:
            return np.array([np.zeros(dim) if v is None else v for v in vectors], dtype=np.float64).reshape(len(vectors), dim)

        self.vec = stack([m.vector for _, m in members])
        self.title = stack([m.title_vector for _, m in members])
        self.vocab: dict[str, int] = {}
        rows = [i for i, (_, m) in enumerate(members) for _ in m.tokens]
        cols = [self.vocab.setdefault(t, len(self.vocab)) for _, m in members for t in m.tokens]
        self.words = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(members), max(len(self.vocab), 1)))

    def keep(self, node: Node, idf: dict[str, float]) -> list[Node]:
        """The candidates of other documents than `node`'s that may be among its two best."""
        others = self.candidate_docs != node.doc_id
        if others.sum() <= 2:
            return [c for j, c in enumerate(self.candidates) if others[j]]
        # as `topic`: a missing vector contributes cosines of 0.0; the title pair only when there is one
        v = np.zeros(self.vec.shape[1]) if node.vector is None else np.asarray(node.vector, dtype=np.float64)
        topic_ = np.maximum(self.title @ v, self.vec @ v)
        if node.title_vector is not None:
            t = np.asarray(node.title_vector, dtype=np.float64)
            topic_ = np.maximum(topic_, np.maximum(self.vec @ t, self.title @ t))
        total = math.fsum(idf.get(t, 0.0) for t in node.tokens)
        weights = np.zeros(self.words.shape[1])
        for t in node.tokens:
            if t in self.vocab:
                weights[self.vocab[t]] = idf.get(t, 0.0)
        score = topic_ + (self.words @ weights / total if total else 0.0)
        score[self.docs == node.doc_id] = -np.inf
        best = np.full(len(self.candidates), -np.inf)
        np.maximum.at(best, self.owner, score)
        best[~others] = -np.inf
        second = np.sort(best)[-2]
        return [c for j, c in enumerate(self.candidates) if others[j] and best[j] >= second - self.TOLERANCE]


def _number_pairs(nodes: list[Node], idf: dict[str, float], profiles: dict) -> list[Merge]:
    """Bare numbers without a list: topic evidence only (narrowed by a named author). A number
    only ever cited inside a group ('25-32') shares its sentences with the others: no evidence."""
    merges = []
    known = [n for n in nodes if n.kind == "entry"]
    shortlist: _Shortlist | None = None  # every entry at once, made when a number first needs it
    for n in nodes:
        if n.kind != "number" or not n.sole:
            continue
        others = [c for c in known if c.doc_id != n.doc_id]
        named = [c for c in others if surname_key(c.surname) in n.mentions] if n.mentions else []
        if not named and n.own_mentions:
            continue  # its own sentence names an author that no candidate has: topic cannot overrule that
        if named:
            m = _decide(n, named, NAMED_MIN, MARGIN, f"its sentence names the first author {named[0].surname}",
                        idf, profiles)
        else:
            shortlist = shortlist or _Shortlist(known, profiles)
            m = _decide(n, shortlist.keep(n, idf), TOPIC_ONLY_MIN, TOPIC_ONLY_MARGIN,
                        "no reference list: citing-sentence topic only", idf, profiles, record=False)
        if m:
            merges.append(m)
    return merges


def find_merges(nodes: list[Node], idf: dict[str, float]) -> list[Merge]:
    """Every merge the evidence supports: entries and author-year keys first, then bare numbers
    against those studies with everything their citing reviews say about them."""
    merges = _entry_pairs(nodes) + _author_year_pairs(nodes, idf)
    profiles = {n.ref: group for group in clusters(nodes, list(merges)) for n in group}
    return merges + _number_pairs(nodes, idf, profiles)


def clusters(nodes: list[Node], merges: list[Merge]) -> list[list[Node]]:
    """Union-find over merges; a cluster never holds two keys of the same review."""
    parent = {n.ref: n.ref for n in nodes}
    members = {n.ref: [n] for n in nodes}

    def root(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    accepted = []
    for m in sorted(merges, key=lambda m: -m.confidence):
        ra, rb = root(m.a), root(m.b)
        if ra == rb:
            continue
        docs_a = {n.doc_id for n in members[ra]}
        if docs_a & {n.doc_id for n in members[rb]}:
            continue  # would join two different keys of one review: not the same study
        parent[rb] = ra
        members[ra] += members.pop(rb)
        accepted.append(m)
    merges[:] = accepted
    return list(members.values())
