"""The study registry: one bibliography across all reviews, built with the index.

Every citation key of every document resolves to a `Study`: from the review's reference entry
when it has a list, from the author-year key (surname + year) otherwise, or, for a bare
number without a list, an unresolved study that says why. Keys of different reviews that name
the same study are merged on evidence (`study_identity`), each merge recorded with its reason.
Saved as `studies.jsonl` (one `Study` per line) in the build folder; `load` mirrors `save`.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from qa.errors import IndexError_, QAError
from qa.index.analyzer import tokenize
from qa.index.study_identity import (AUTHOR_YEAR_KEY, Node, clusters, find_doi, find_merges, first_surname,
                                     surname_key, NARRATIVE)
from qa.models import Document, Passage, Study, StudyCitation, StudyMerge, StudySentence

FILE = "studies.jsonl"
NO_LIST = "this article's reference list is not in the extracted text"
NOT_IN_LIST = "the key is not in this article's reference list as extracted"
CONTEXT_WEIGHT = 0.5  # weight of a citing sentence's neighbours in its topic vector
NEAR_SCORE = 75  # rapidfuzz WRatio of an unknown id to a known one offered as "nearest" (a typo: 'sunn2010' 93)
TITLE_STOP = frozenset("a an the of in on for and with to by from at is are as its their".split())

Unit = tuple[int, int, int, str]  # (passage row, start, end, text), as in `build.answer_units`


def printed_label(labels: list[str], key: str, style: str) -> str:
    """'[116]' for numbered and superscript keys; for author-year ones the first printed label
    with its year, in parentheses: '(Liang et al., 2010)'."""
    if style in ("numeric", "superscript") or key.isdigit():
        return f"[{key}]"
    label = next((x for x in labels if re.search(r"\d{4}", x)), labels[0])
    return f"({' '.join(label.split()).strip('()')})"


def row_facts(text: str, columns: Sequence[str]) -> dict[str, str]:
    """Cells of a rendered table row ('Col: value; Col: value.') in column order."""
    facts: dict[str, str] = {}
    at = 0
    found: list[tuple[str, int, int]] = []
    for col in columns:
        i = text.find(f"{col}: ", at)
        if i < 0:
            continue
        found.append((col, i, i + len(col) + 2))
        at = i + len(col) + 2
    for n, (col, _, vstart) in enumerate(found):
        vend = found[n + 1][1] if n + 1 < len(found) else len(text)
        value = text[vstart:vend].strip().rstrip(";").rstrip(".").strip()
        if value:
            facts[col] = value
    return facts


def _entry_fields(doc: Document, key: str) -> dict | None:
    """Structured fields of the entry a key answers to (parsed from its text if not stored)."""
    from qa.ingest.references import parse_entry

    ref = next((r for r in doc.references if r.key == key or (r.number is not None and str(r.number) == key)),
               None)
    if ref is None:
        return None
    fields = {"authors": list(ref.authors), "title": ref.title, "journal": ref.journal, "year": ref.year,
              "volume": ref.volume, "pages": ref.pages, "doi": getattr(ref, "doi", "") or ""}
    if not fields["authors"] or fields["year"] is None:
        parsed = parse_entry(ref.text)
        fields.update({k: v for k, v in parsed.items() if v and not fields.get(k)})
    fields["doi"] = (fields["doi"] or find_doi(ref.text)).lower()
    fields["text"] = ref.text
    return fields


def _sentence(doc: Document, units: list[tuple[int, int, int]], start: int, end: int) -> tuple[int, int, int | None]:
    """(start, end, unit number) of the answer unit holding a citation; else its line, trimmed."""
    for unit, a, b in units:
        if a <= start and end <= b:
            return a, b, unit
    text = doc.text
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    b = len(text) if b < 0 else b
    a, b = max(a, start - 300), min(b, end + 300)
    return a, b, None


def _in_context(unit_vectors: np.ndarray, units: list[Unit], unit: int) -> np.ndarray:
    """A citing sentence's vector with its neighbours in the same passage at half weight: a
    sentence often carries only a detail ("None of the patients had side effects (X, 2008)")
    while the topic sits in the sentence before."""
    row = units[unit][0]
    vector = unit_vectors[unit].astype("float32").copy()
    for n in (unit - 1, unit + 1):
        if 0 <= n < len(units) and units[n][0] == row:
            vector += CONTEXT_WEIGHT * unit_vectors[n]
    return vector / (np.linalg.norm(vector) or 1.0)


def make_nodes(documents: list[Document], passages: list[Passage], units: list[Unit],
               unit_vectors: np.ndarray | None) -> tuple[list[Node], dict[tuple[str, str], StudyCitation]]:
    """One node per (document, key), with its entry, sentences, table facts and topic vector."""
    by_doc_units: dict[str, list[tuple[int, int, int]]] = {}
    for n, (row, a, b, _t) in enumerate(units):
        by_doc_units.setdefault(passages[row].doc_id, []).append((n, a, b))
    nodes: list[Node] = []
    cites: dict[tuple[str, str], StudyCitation] = {}
    for doc in documents:
        tables = {(a, b): t.columns for t in doc.tables for a, b in t.rows}
        keyed: dict[str, list] = {}
        for c in doc.citations:
            keyed.setdefault(c.key, []).append(c)
        for key, cs in keyed.items():
            entry = _entry_fields(doc, key)
            node = Node(doc.id, key, printed_label([c.label for c in cs], key, cs[0].style), entry)
            if entry:
                node.surname = first_surname(entry["authors"][0]) if entry["authors"] else ""
                node.year = entry["year"]
            else:
                m = AUTHOR_YEAR_KEY.match(key)
                if m and not key.isdigit():
                    node.surname, node.year = m.group("surname"), int(m.group("year"))
            vectors, sentences, facts = [], [], {}
            for c in cs:
                a, b, unit = _sentence(doc, by_doc_units.get(doc.id, []), c.start, c.end)
                if (a, b) not in [(s.start, s.end) for s in sentences]:
                    sentences.append(StudySentence(doc_id=doc.id, start=a, end=b, text=doc.text[a:b]))
                    if unit is not None and unit_vectors is not None:
                        vectors.append(_in_context(unit_vectors, units, unit))
                for (ra, rb), columns in tables.items():
                    if ra <= c.start < rb and columns and not facts:
                        facts = {k: v for k, v in row_facts(doc.text[ra:rb], columns).items()
                                 if c.label not in v and f"[{key}]" not in v}
            if vectors:
                mean = np.mean(vectors, axis=0)
                node.vector = mean / (np.linalg.norm(mean) or 1.0)
            node.sentences = [(s.start, s.end, s.text) for s in sentences]
            node.tokens = set(tokenize(" ".join([s.text for s in sentences] + [(entry or {}).get("title", "")])))
            for s in sentences:
                for m in NARRATIVE.finditer(s.text):
                    node.mentions.add(surname_key(m.group(1)))
            nodes.append(node)
            cites[node.ref] = StudyCitation(doc_id=doc.id, key=key, label=node.label,
                                            reference=entry["text"] if entry else None, count=len(cs),
                                            sentences=sentences, facts=facts)
    keys_of: dict[tuple[str, int, int], set[str]] = {}
    for n in nodes:
        for a, b, _t in n.sentences:
            keys_of.setdefault((n.doc_id, a, b), set()).add(n.key)
    for n in nodes:
        alone = [t for a, b, t in n.sentences if len(keys_of[(n.doc_id, a, b)]) == 1]
        n.sole = bool(alone)
        n.own_mentions = {surname_key(m.group(1)) for t in alone for m in NARRATIVE.finditer(t)}
    return nodes, cites


def word_df(documents: list[Document], passages: list[Passage], units: list[Unit]) -> Counter[str]:
    """Number of answer units each word occurs in (a sum over documents: an index of several
    segments keeps it per segment instead of re-tokenising every unit, see qa.index.incremental)."""
    texts = {d.id: d.text for d in documents}
    df: Counter[str] = Counter()
    for row, a, b, _t in units:
        df.update(set(tokenize(texts[passages[row].doc_id][a:b])))
    return df


def idf_from_df(df: dict[str, int], n: int) -> dict[str, float]:
    return {t: math.log((n + 1) / (f + 0.5)) for t, f in df.items()}


def word_idf(documents: list[Document], passages: list[Passage], units: list[Unit]) -> dict[str, float]:
    """Inverse document frequency of words over the answer units (sentences, table rows)."""
    return idf_from_df(word_df(documents, passages, units), len(units))


def _study_id(rep: Node, taken: set[str]) -> str:
    if not rep.surname or rep.year is None:
        base = re.sub(r"[^a-z0-9]+", "-", f"{rep.doc_id}-{rep.key}".lower()).strip("-")
    else:
        base = f"{surname_key(rep.surname)}{rep.year}"
        if base in taken and rep.entry and rep.entry.get("title"):
            words = [w for w in re.findall(r"[a-z0-9]+", rep.entry["title"].lower()) if w not in TITLE_STOP]
            if words:
                base = f"{base}-{words[0]}"
    sid, n = base, 1
    while sid in taken:
        n += 1
        sid = f"{base}-{n}"
    taken.add(sid)
    return sid


def same_author_entries(nodes: list[Node]) -> dict[tuple[str, str], list[Node]]:
    """The keys with a list entry, by (document, first author's surname key): where a citation
    without an entry ("Chen et al." printed with no year) may point in its own article's list."""
    listed: dict[tuple[str, str], list[Node]] = {}
    for n in nodes:
        if n.entry and n.surname:
            listed.setdefault((n.doc_id, surname_key(n.surname)), []).append(n)
    return listed


def _same_author_reason(rep: Node, listed: dict[tuple[str, str], list[Node]]) -> str | None:
    """Why a key of an article with a list has no entry, when that list has entries by the key's
    first author: it was printed without a year, or with one no entry of theirs has (user trial 41:
    "as described by Chen et al." read "not in this article's reference list" while the list has
    Chen 2015 and Chen 2016). None when the list has nothing by that name."""
    name = rep.surname or (rep.key if not re.search(r"\d", rep.key) else "")
    if not name or not surname_key(name):
        return None
    found = sorted((n for n in listed.get((rep.doc_id, surname_key(name)), []) if n.ref != rep.ref),
                   key=lambda n: (n.year or 0, n.key))
    if not found:
        return None
    printed = "printed without a year" if rep.year is None else f"no entry of {rep.year} in this article's list"
    labels = [n.key for n in found]
    names = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]
    return f"{printed}; possibly {names} of its list, by the same first author, which the citation does not tell apart"


def make_study(group: list[Node], cites: dict, merges: list, taken: set[str], lists: set[str],
               listed: dict[tuple[str, str], list[Node]] | None = None) -> Study:
    """A Study from one cluster: the entry's fields when any review has one. `listed`:
    `same_author_entries` of every node, to say where a key without an entry may point."""
    rep = next((n for n in group if n.entry), None) or next((n for n in group if n.surname), group[0])
    cited_by = [cites[n.ref] for n in sorted(group, key=lambda n: (n.entry is None, n.doc_id))]
    refs = {f"{n.doc_id}:{n.key}" for n in group}
    own = [StudyMerge(a=f"{m.a[0]}:{m.a[1]}", b=f"{m.b[0]}:{m.b[1]}", evidence=m.evidence, confidence=m.confidence)
           for m in merges if f"{m.a[0]}:{m.a[1]}" in refs]
    study = Study(id=_study_id(rep, taken), cited_by=cited_by, merges=own, resolved="unresolved")
    if rep.entry:
        e = rep.entry
        study = study.model_copy(update=dict(
            first_author=rep.surname, authors=e["authors"], year=e["year"], title=e["title"],
            journal=e["journal"], volume=e["volume"], pages=e["pages"], doi=e["doi"], entry=e["text"],
            resolved="entry"))
    elif rep.surname:
        study = study.model_copy(update=dict(
            first_author=rep.surname, year=rep.year, resolved="author_year",
            reason=NO_LIST if rep.doc_id not in lists else NOT_IN_LIST))
    else:
        study = study.model_copy(update=dict(reason=NO_LIST if rep.doc_id not in lists else NOT_IN_LIST))
    if study.resolved != "entry" and rep.doc_id in lists and listed:
        reason = _same_author_reason(rep, listed)
        study = study.model_copy(update=dict(reason=reason)) if reason else study
    undecided = [c for n in group for c in n.undecided]
    if undecided and study.resolved != "entry":
        names = " or ".join(f"{c.doc_id} {c.label}" for c in undecided)
        study = study.model_copy(update=dict(
            reason=f"{study.reason}; possibly {names}, which the evidence does not tell apart"))
    return study


def build_registry(documents: list[Document], passages: list[Passage], units: list[Unit],
                   unit_vectors: np.ndarray | None,
                   encode: Callable[[list[str]], np.ndarray] | None = None,
                   idf: dict[str, float] | None = None) -> list[Study]:
    """Every citation of every document resolved to a study, cross-review merges applied.
    `idf` is `word_idf` of the same units when the caller has it already."""
    nodes, cites = make_nodes(documents, passages, units, unit_vectors)
    return registry_of(nodes, cites, [d.id for d in documents], {d.id for d in documents if d.references},
                       idf if idf is not None else word_idf(documents, passages, units), encode)


def registry_of(nodes: list[Node], cites: dict[tuple[str, str], StudyCitation], doc_ids: list[str],
                lists: set[str], idf: dict[str, float],
                encode: Callable[[list[str]], np.ndarray] | None = None) -> list[Study]:
    """The registry from the nodes of every live document (`make_nodes`, or a segment's stored
    nodes, `qa.index.study_nodes`): `lists` are the documents with a reference list; `idf`
    needs the nodes' words only."""
    titled = [n for n in nodes if n.entry and n.entry.get("title")]
    if encode is not None and titled:
        vectors = encode([n.entry["title"] for n in titled])
        for n, v in zip(titled, vectors):
            n.title_vector = v / (np.linalg.norm(v) or 1.0)
    merges = find_merges(nodes, idf)
    groups = clusters(nodes, merges)
    taken: set[str] = set(doc_ids)  # a study id never reads like a review's id
    order = sorted(groups, key=lambda g: (0 if any(n.entry for n in g) else 1, min(n.doc_id for n in g),
                                          min((int(n.key) if n.key.isdigit() else 10**6) for n in g),
                                          min(n.key for n in g)))
    listed = same_author_entries(nodes)
    studies = [make_study(g, cites, merges, taken, lists, listed) for g in order]
    return sorted(studies, key=lambda s: s.id)


def save(folder: Path, studies: list[Study]) -> None:
    with open(Path(folder) / FILE, "w", encoding="utf-8") as fh:
        for s in studies:
            fh.write(s.model_dump_json() + "\n")


def load(folder: Path) -> list[Study]:
    path = Path(folder) / FILE
    try:
        return [Study.model_validate_json(line) for line in path.read_text(encoding="utf-8").splitlines()
                if line.strip()]
    except Exception as exc:  # a damaged file means a damaged build
        raise IndexError_(f"{path} is unreadable: {type(exc).__name__}: {str(exc).splitlines()[0]}") from None


class Registry:
    """Look-ups over the loaded studies: by id, by a review's key, by author/year/topic."""

    def __init__(self, studies: list[Study]) -> None:
        self.studies = studies
        self._by_id = {s.id: s for s in studies}
        self._by_cite = {(c.doc_id, c.key): s for s in studies for c in s.cited_by}

    def __len__(self) -> int:
        return len(self.studies)

    def for_citation(self, doc_id: str, key: str) -> Study | None:
        return self._by_cite.get((doc_id, key))

    def find(self, study_id: str) -> Study | None:
        """The study of this id, None when there is none (no error: a front end's look-up)."""
        return self._by_id.get(study_id)

    def get(self, study_id: str, listing: str = "qa studies") -> Study:
        """The study of this id (or its lower case); an unknown id is one line naming the nearest
        ids and `listing`, the command that lists them all (with the caller's library options)."""
        study = self._by_id.get(study_id) or self._by_id.get(study_id.lower())
        if study is None:
            from rapidfuzz import process

            # only ids a typo away (a similarity of NEAR_SCORE or more): 'nope' is near none of them
            near = [m[0] for m in process.extract(study_id.lower(), list(self._by_id), limit=3)
                    if m[1] >= NEAR_SCORE]
            offer = f"nearest: {', '.join(near)}" if near else "no study id is close to it"
            raise QAError(f"unknown study {study_id!r}; {offer} (see '{listing}')")
        return study

    def search(self, query: str | None = None, author: str | None = None, year: int | None = None,
               doc: str | None = None, relative_floor: float = 0.0) -> list[Study]:
        """Studies matching every filter; a query ranks by the share of its words a study's
        title, authors, journal and citing sentences contain, and keeps those scoring at least
        `relative_floor` of the best (`IndexSettings.studies_relative_floor`), as an answer keeps
        the spans near its best: a study holding one word of several is no match beside one holding all."""
        out = []
        wanted = surname_key(author) if author is not None else None
        if wanted == "":  # no letters: no surname matches it (not the studies that have no author)
            return []
        for s in self.studies:
            # a surname, not a part of one: '--author Ning' must not match 'Henning' (user trial 6)
            if wanted and not any(wanted == surname_key(first_surname(a)) for a in (s.authors or [s.first_author])):
                continue
            if year is not None and s.year != year:
                continue
            if doc and not any(c.doc_id == doc for c in s.cited_by):
                continue
            out.append((0.0, s))
        if query:
            terms = set(tokenize(query))
            scored = []
            for _, s in out:
                words = " ".join([s.title, s.first_author, " ".join(s.authors), s.journal]
                                 + [t.text for c in s.cited_by for t in c.sentences])
                # a surname typed as its study id writes it ('leblanc', 'garciaolmo': user trial 28)
                have = set(tokenize(words)) | {surname_key(first_surname(a)) for a in (s.authors or [s.first_author])}
                share = len(terms & have) / len(terms) if terms else 0.0
                if share >= 0.5:  # words in the title count more; then how often reviews cite it
                    in_title = len(terms & set(tokenize(s.title))) / len(terms)
                    cited = sum(c.count for c in s.cited_by)
                    scored.append((share + in_title + 0.1 * math.log1p(cited), s))
            out = sorted(scored, key=lambda x: -x[0])
            out = [(score, s) for score, s in out if score >= relative_floor * out[0][0]]
        return [s for _, s in out]
