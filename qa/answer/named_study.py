"""A question that names a study: what the library's documents say about it.

"What did Connick et al. find?" and "What does [116] say?" were refused: the study's name is a
citation, and what is left of the question ("find", "say") is words the corpus never uses, the
refusal's strongest sign of absence. The study registry knows the study; its citing sentences
are the answer a user asks for. So, when the question as asked is refused, a question naming
known studies (a first author's surname, with its year when the question gives one, or a
bracketed citation number) is answered from the sentences that cite them (an answered question
too, when it names a study by author and year and its best sentence cites none of it), provided
the rest of a refused question asks nothing those sentences lack: every other content word the library uses at
all (or a specific one: a name, code or term outside the model's vocabulary) must be in a citing
sentence, its section or the sentence before. "What cell dose per kg did the Liang trial use?"
stays refused when no Liang sentence says "kg"; an everyday word the library never uses
("find", "say") says nothing about the study.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from qa.retrieval.question import QUESTION_FORM
from qa.answer.inherited import FIRST_PERSON
from qa.answer.asked_studies import YEAR, named_authors
from qa.answer.refusal import specific_tokens
from qa.retrieval.word_forms import written_forms
from qa.index.study_identity import surname_key
from qa.models import Citation, Hit

if TYPE_CHECKING:
    from qa.answer.answerer import Answerer
    from qa.answer.units import Unit
    from qa.retrieval.query import Query

LABEL = re.compile(r"\[(\d{1,4})\]")  # a numbered citation as a review prints it: "[116]"
ET_AL = re.compile(r"\bet\.?\s*al\b\.?|'s\b|’s\b")


def named_citations(answerer: Answerer, question: str, docs: list[str] | None) -> list[tuple[str, str]]:
    """(document, key) of every citation of the studies the question names, in `docs` if given."""
    registry = answerer.index.studies
    allowed = docs or answerer.index.doc_ids
    pairs: list[tuple[str, str]] = []
    for m in LABEL.finditer(question):
        pairs += [(doc, m.group(1)) for doc in allowed if registry.for_citation(doc, m.group(1))]
    names = named_authors(question)
    if names:
        studies = [s for s in registry.studies if s.first_author and surname_key(s.first_author) in names]
        years = {int(y) for y in YEAR.findall(question)}
        studies = [s for s in studies if s.year in years] or studies
        pairs += [(c.doc_id, c.key) for s in studies for c in s.cited_by if c.doc_id in allowed]
    return list(dict.fromkeys(pairs))


def without_names(question: str, answerer: Answerer, pairs: list[tuple[str, str]]) -> str:
    """The question without the studies' names: labels, the authors' surnames, 'et al.', years."""
    surnames = set()
    for doc, key in pairs:
        study = answerer.index.studies.for_citation(doc, key)
        if study is not None and study.first_author:
            surnames.add(surname_key(study.first_author))
    words = [w for w in re.split(r"(\s+)", ET_AL.sub(" ", YEAR.sub(" ", LABEL.sub(" ", question))))
             if not (w.strip() and surname_key(w) in surnames)]
    return "".join(words)


def study_hits(answerer: Answerer, pairs: list[tuple[str, str]]) -> list[Hit]:
    """The passages holding a sentence that cites one of the studies, by study and sentence (a
    document's rows are listed, and its passages read, once)."""
    index = answerer.index
    spans: dict[str, list[tuple[int, int, int]]] = {}  # document -> (row, start, end) of its passages
    rows: list[int] = []
    for doc, key in pairs:
        study = index.studies.for_citation(doc, key)
        citation = next((c for c in study.cited_by if (c.doc_id, c.key) == (doc, key)), None) if study else None
        for sentence in citation.sentences if citation else []:
            if doc not in spans:
                spans[doc] = [(r, (p := index.passages[r]).start, p.end) for r in index.rows_of_doc(doc).tolist()]
            rows += [r for r, start, end in spans[doc] if start <= sentence.start < end and r not in rows]
    return [Hit(passage=index.passages[row], rank=i + 1, score=0.0) for i, row in enumerate(rows)]


FOLLOW_SENTENCES = 8  # at most a paragraph's worth, where a PDF's text lost its paragraph breaks
# a sentence bringing in another study ("A later phase II clinical study from the same group
# involved ...", "Another trial ..."): what follows describes that one, cited at its end
NEW_STUDY = re.compile(r"\b(?:an?|another|one)\s+(?:[\w-]+\s+){0,4}?(?:study|trial|report|series|"
                       r"investigation|cohort)\b", re.I)


def with_next_passages(answerer: Answerer, hits: list[Hit]) -> list[Hit]:
    """The hits, each followed by the passages that continue its paragraph (a passage ends at a
    size limit, not at a paragraph: the next one starts right after it, with no blank line)."""
    index = answerer.index
    out: list[Hit] = []
    seen: set[str] = set()
    of_doc: dict[str, list[int]] = {}  # a document's rows in reading order, listed once
    for hit in hits:
        doc = hit.passage.doc_id
        if doc not in of_doc:
            of_doc[doc] = index.rows_of_doc(doc).tolist()
        rows = of_doc[doc]
        at = rows.index(index.rows[hit.passage.id])
        chain = [hit.passage]
        for row in rows[at + 1:at + 1 + FOLLOW_SENTENCES]:
            nxt = index.passages[row]
            if nxt.start - chain[-1].end > 1 or nxt.kind != "text":
                break
            chain.append(nxt)
        for p in chain:
            if p.id not in seen:
                seen.add(p.id)
                out.append(hit if p is hit.passage else Hit(passage=p, rank=len(out) + 1, score=0.0))
    return out


def described(units: list[Unit], keys: set[tuple[str, str]]) -> list[Unit]:
    """The units citing one of the studies (document, key), and the uncited sentences after such a
    unit that go on describing its study, within the paragraph: a review cites a trial where it
    introduces it and then reports its results uncited ("... (Liang et al., 2010). ... Quite
    surprisingly, 24 h proteinuria decreased ..."). Such a sentence takes the study's citation
    (`Unit.describes`). The run stops at the next citation, a paragraph break, a sentence in the
    first person (the document's own work), one bringing in another study (`NEW_STUDY`) or after
    FOLLOW_SENTENCES sentences. `units` are in
    reading order, passage after passage (`with_next_passages`)."""
    out: list[Unit] = []
    current: Citation | None = None
    run = 0
    previous: Unit | None = None
    for u in units:
        p = u.hit.passage
        if previous is None or previous.hit.passage.doc_id != p.doc_id or not 0 <= u.start - previous.end <= 2 \
                or "\n\n" in p.text[max(0, previous.end - p.start):u.start - p.start]:
            current = None  # another place, or a new paragraph
        previous = u
        named = [c for c in u.citations if (p.doc_id, c.key) in keys]
        if named:
            current, run = named[0], 0
            out.append(u)
        elif u.citations or FIRST_PERSON.search(u.text) or NEW_STUDY.search(u.text):
            current = None
        elif current is not None and run < FOLLOW_SENTENCES:
            run += 1
            u.describes = [current]
            out.append(u)
    return out


def asks_only_about(answerer: Answerer, rest: Query, units: list[Unit]) -> bool:
    """Whether the rest of the question asks nothing the citing sentences lack (module doc)."""
    bm25 = answerer.index.bm25
    specific = specific_tokens(rest.text)
    wanted = {t for t in rest.tokens if t not in QUESTION_FORM and (bm25.df(t) > 0 or t in specific)}
    held: set[str] = set()
    for u in units:
        held |= u.context
    return wanted <= written_forms(wanted, held)


def about_named_study(answerer: Answerer, query: Query, question: str, previous: str | None,
                      docs: list[str] | None, best: Unit | None = None) -> tuple[list[Hit], list[Unit], str] | None:
    """(hits, scored units best first, note) answering a question from the sentences citing the
    studies it names, or None when it names none or asks what they do not say. A refused question
    (`best` None) takes it; an answered one only when it names a study by author *and* year and its
    best sentence (`best`) cites none of them ("What were the results of Ringden 2006?" had quoted
    "Results have been mainly encouraging ..."): without a year the best sentence may describe the
    study without citing it ("A later phase II clinical study from the same group involved 55 ...")."""
    pairs = named_citations(answerer, question, docs)
    naming = question
    if not pairs and query.context:  # "and f/u duration?" after "... in the Liang 2010 SLE trial?"
        pairs, naming = named_citations(answerer, query.context, docs), query.context
    if not pairs:
        return None
    if best is not None:
        if not YEAR.search(naming) or any((best.hit.passage.doc_id, c.key) in set(pairs) for c in best.citations):
            return None
    hits = with_next_passages(answerer, study_hits(answerer, pairs))
    keys = set(pairs)
    units = described(answerer.units(hits), keys)
    if not units:
        return None
    rest = answerer.retriever.query_from(without_names(question, answerer, pairs), previous)
    if best is None and not asks_only_about(answerer, rest, units):
        return None  # (an answered question was judged answerable already: it is only re-aimed)
    answerer.score_units(query, units)
    # a sentence citing only the named studies speaks of them; one listing ten others mentions them
    units.sort(key=lambda u: (any((u.hit.passage.doc_id, c.key) not in keys for c in u.citations), -u.score))
    studies = list(dict.fromkeys(s.id for d, k in pairs if (s := answerer.index.studies.for_citation(d, k))))
    whose = "it names" if naming is question else "the earlier question names"
    note = (f"Read as a question about the study {whose} (" + ", ".join(studies[:3])
            + (", ..." if len(studies) > 3 else "") + "): the sentences citing it"
            + (" and those going on to describe it." if any(u.describes for u in units) else "."))
    return hits, units, note
