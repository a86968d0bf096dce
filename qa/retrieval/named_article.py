"""A question that names the article it is about: "In the Acinetobacter desiccation paper, what
LC-MS setup was used?"

A user who knows which article holds the answer says so in their own words, not by its id. Read
as part of the question, the naming words ("Acinetobacter", "desiccation", "paper") must be
found in the answer's passage too: the Methods sentence about the mass spectrometer names
neither, so the question was refused while the same question without the prefix was answered
(user trial 12: 1 of 5 such questions right). Here the naming phrase is taken off the question
and, when one article of the library is clearly the one it describes, the rest of the question is
asked of that article alone (as `--doc` would).

Which article: the naming words are weighed by how few articles use them (a word every article
uses names none) and by how much of an article uses them (its title and id count as all of it):
"Acinetobacter desiccation" is the article about A. baumannii's desiccation tolerance. Only
documents (paper, article, review, preprint, manuscript) are named this way: "the multicenter
phase II study" is a cited trial, which `qa.answer.named_study` reads. The name may stand before the
question, after it, or within it ("What does Figure 7 of the peptide-guided lipid nanoparticle paper
show?"), and a title word counts in a near form ('autoimmunity' for "autoimmune": `labelled`).
"""
from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field

import numpy as np

from qa.index.analyzer import tokenize

# 'In the <name> paper, <question>' / 'According to the <name> review: <question>' /
# '<question> in the <name> article?'
DOCUMENT_NOUN = r"(?:paper|article|review|preprint|manuscript|publication)"
LEADING = re.compile(rf"^\s*(?:in|from|according\s+to|per)\s+(?:the|this|that)\s+(?P<name>[^,:;?]{{2,80}}?)\s+"
                     rf"{DOCUMENT_NOUN}\s*[,:;]?\s+(?P<rest>\S.*)$", re.I)
TRAILING = re.compile(rf"^(?P<rest>.*?\S)\s*,?\s+(?:in|from|according\s+to|per)\s+(?:the|this|that)\s+"
                      rf"(?P<name>[^,:;?]{{2,80}}?)\s+{DOCUMENT_NOUN}\s*(?P<end>[?.!]?)\s*$", re.I)
# '<question head> of/in the <name> paper <question tail>': "What does Figure 7 of the peptide-guided lipid
# nanoparticle paper show?" (docs audit 25), when the question names one document. The name's words are content words (no function word of the
# closed class below: "the results of the trial in the ... review" names no 'trial in the ...'), and not a
# possessive noun ("the HSCT review's table" is read by qa.answer.references)
_FUNCTION = (r"the|a|an|this|that|these|those|of|in|on|at|by|for|from|with|to|and|or|but|as|per|which|what|who|"
             r"whose|how|when|where|why|is|are|was|were|be|been|did|does|do|has|have|had|it|its|their|they|"
             r"first|second|third|last|next|same|other|another|original|present|current|above|following|"
             r"previous|cited|earlier|later|latter|former|whole|entire|main|one|each|every|any|some|all")
_NAME_WORD = rf"(?!(?:{_FUNCTION}|{DOCUMENT_NOUN[3:-1]})\b)[\w'’.-]+"
MIDDLE = re.compile(rf"\s*,?\s+(?:of|in|from|according\s+to|per)\s+(?:the|this|that)\s+"
                    rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,6}})\s+{DOCUMENT_NOUN}\b"
                    rf"(?!['’]s|\s+{DOCUMENT_NOUN})", re.I)
CLEAR_MARGIN = 2.0  # the named article's score over the runner-up's: at least twice


@dataclass(frozen=True)
class NamedArticle:
    """The article a question names, and the question without the naming phrase."""

    doc_id: str
    name: str  # the naming words as the user wrote them: 'Acinetobacter desiccation'
    question: str  # 'what LC-MS setup and gradient were used for the label-free proteomics?'

    @property
    def note(self) -> str:
        """The line that tells the user how the name was read."""
        return f"Read '{self.name}' as the article {self.doc_id}."


def naming_phrase(question: str) -> tuple[str, str] | None:
    """(naming words, the rest of the question) when the question names a document, else None."""
    m = LEADING.match(question)
    if m:
        rest = m.group("rest").strip()
        return m.group("name").strip(), rest[:1].upper() + rest[1:]
    m = TRAILING.match(question)
    if m:
        return m.group("name").strip(), m.group("rest").strip() + (m.group("end") or "?")
    m = MIDDLE.search(question)
    # one document named: "what does each of the clinical-applications review and the HSCT review report?"
    # names two, and neither is the one the question is asked of
    if m and m.start() > 0 and len(re.findall(rf"\b{DOCUMENT_NOUN}\b", question, re.I)) == 1:
        rest = re.sub(r"\s+([?.,;:!])", r"\1", (question[:m.start()] + " " + question[m.end():]).strip())
        return m.group("name").strip(), re.sub(r"\s{2,}", " ", rest)
    return None


def _per_document(index, rows: np.ndarray) -> dict[str, int]:
    """How many of `rows` (live ones) each document holds."""
    live = getattr(index.passages, "live", None)
    if live is not None and len(rows):
        rows = rows[np.asarray(live)[rows]]
    codes = np.bincount(np.asarray(index.doc_codes)[rows], minlength=len(index.passages.doc_ids)) \
        if len(rows) else np.zeros(len(index.passages.doc_ids), dtype=int)
    out: dict[str, int] = {}
    for code, doc in enumerate(index.passages.doc_ids):
        out[doc] = out.get(doc, 0) + int(codes[code])
    return out


def naming_words(name: str, expander=None) -> list[frozenset[str]]:
    """The naming phrase's words, each as the tokens that write it: the word's own, and the
    one-word counterparts the glossary and synonym groups give it ('mouse': 'mice', 'murine'),
    so an article writing 'mice' throughout is as much 'the mouse paper' as one writing 'mouse'."""
    if expander is None:
        return [frozenset([t]) for t in dict.fromkeys(tokenize(name))]
    words: list[frozenset[str]] = []
    for concept in expander.concepts(name):
        asked, *others = concept
        single = {alt[0] for alt in others if len(alt) == 1}
        if len(asked) == 1:
            words.append(frozenset({asked[0], *single}))
        else:  # a phrase: each of its words on its own, as before
            words.extend(frozenset([t]) for t in asked)
    # a hyphenated name's joined token ('clinicalapplication'), which the concepts read as its parts: a title
    # writing the parts side by side is named by it (`title_label`)
    seen = set().union(*words) if words else set()
    words.extend(frozenset([t]) for t in tokenize(name) if t not in seen)
    return list(dict.fromkeys(w for w in words if w))


STEM = 7  # letters two words must share from their start to be one word's forms in a title


def labelled(forms: frozenset[str], label: set[str]) -> bool:
    """Does a title (its tokens, `label`) write the naming word in one of its forms, or in a form
    sharing its first `STEM` letters, all of the shorter word's but two ('autoimmunity' in "... for
    autoimmune diseases"): a user names a title from memory, not letter for letter (docs audit 25)."""
    if forms & label:
        return True
    return any(len(f) >= STEM and len(t) >= STEM and f[:STEM] == t[:STEM]
               and len(os.path.commonprefix([f, t])) >= min(len(f), len(t)) - 2 for f in forms for t in label)


def title_label(document) -> set[str]:
    """The tokens a document is named by: its title's, its authors' names, its id's letters ('kim2013':
    'kim'), and each two title words as the one token a hyphenated name writes them ("the
    clinical-applications review" is 'Clinical applications of mesenchymal stem cells': the tokenizer
    reads a hyphenated word as its parts and as the parts joined, which no article's text need write)."""
    title = tokenize(document.meta.title)
    joined = {a + b for a, b in zip(title, title[1:])}
    return set(tokenize(" ".join([document.meta.title, *document.meta.authors,
                                  re.sub(r"[_\d]+", " ", document.id)]))) | joined


def article_scores(index, name: str, expander=None) -> dict[str, float]:
    """Per document: sum over the naming words of log(documents / documents using it) times the
    share of its passages using it (1 when its title or id holds the word); a word is used in any
    of its written forms (`naming_words`)."""
    words = naming_words(name, expander)
    doc_ids = list(index.doc_ids)
    if not words or len(doc_ids) < 2:
        return {}
    sizes = _per_document(index, np.arange(len(index.passages), dtype=np.int64))
    labels = {d.id: title_label(d) for d in index.documents}  # its title, authors' names and id ('kim2013': 'kim')
    scores = dict.fromkeys(doc_ids, 0.0)
    for forms in words:
        rows = np.unique(np.concatenate([np.asarray(index.bm25.postings(t), dtype=np.int64) for t in sorted(forms)]))
        counts = _per_document(index, rows)
        share = {d: 1.0 if labelled(forms, labels.get(d, set())) else counts.get(d, 0) / max(sizes.get(d, 0), 1)
                 for d in doc_ids}
        using = sum(1 for d in doc_ids if share[d] > 0)
        if using:
            weight = math.log(len(doc_ids) / using)
            for d in doc_ids:
                scores[d] += weight * share[d]
    return scores


def named_article(index, question: str, expander=None) -> NamedArticle | None:
    """The article the question names, when one is clearly it (`CLEAR_MARGIN` over the next).
    `expander` (the retriever's `qa.retrieval.expand.Expander`) gives the naming words' other forms."""
    found = naming_phrase(question)
    if found is None:
        return None
    name, rest = found
    doc_id = clearly_named(index, name, expander)
    return None if doc_id is None else NamedArticle(doc_id=doc_id, name=name, question=rest)


def clearly_named(index, name: str, expander=None) -> str | None:
    """The article `name` clearly names: the best-scoring one, at `CLEAR_MARGIN` over the next; None
    when none scores or two are near."""
    ranked = sorted(article_scores(index, name, expander).items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] <= 0:
        return None
    if len(ranked) > 1 and ranked[0][1] < CLEAR_MARGIN * ranked[1][1]:
        return None
    return ranked[0][0]


def _tidied(question: str) -> str:
    """A question with a run of names taken out: its double spaces closed, no space before punctuation."""
    rest = re.sub(r"\s{2,}", " ", question).strip()
    return re.sub(r"\s+([?.,;:!])", r"\1", rest)


@dataclass(frozen=True)
class NamedIds:
    """The library's document ids a question writes ("what do kim2013 and figueroa2012 report for
    ..."), and the question without them."""

    doc_ids: list[str]
    question: str

    @property
    def note(self) -> str:
        return f"Asked of {' and '.join(self.doc_ids)}, which the question names."


def named_ids(doc_ids: list[str], question: str) -> NamedIds | None:
    """The document ids (as `qa docs` lists them and `--doc` takes them) a question writes as words,
    in the question's order; None when it writes none. Read as words of the question they are
    names no passage holds, and the refusal takes them for the sign of a near miss (user trial
    26: "Compare the response rate that kim2013 and figueroa2012 report for ..." was refused);
    they say which articles to ask, as `--doc` does. A run of ids joined by 'and', 'or', 'vs' or a
    comma goes as one, so the rest reads as a question ("... that report for ...")."""
    known = {d.lower(): d for d in doc_ids}
    if not known:
        return None
    word = r"(?<![\w.])(?:" + "|".join(re.escape(d) for d in sorted(known, key=len, reverse=True)) + r")(?![\w])"
    found = [known[m.group(0).lower()] for m in re.finditer(word, question, re.I)]
    if not found:
        return None
    run = re.compile(word + r"(?:\s*(?:,|\band\b|\bor\b|\bvs\.?|\bversus\b|&)\s*" + word + r")*", re.I)
    return NamedIds(doc_ids=list(dict.fromkeys(found)), question=_tidied(run.sub(" ", question)))


# 'the <name> review' (content words only, as MIDDLE reads them), several of them in one question
_NAMED = rf"(?:the|this|that)\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,6}})\s+{DOCUMENT_NOUN}\b(?!['’]s)"
_JOIN = r"\s*(?:,|\band\b|\bor\b|\bvs\.?|\bversus\b|&|\bwith\b)\s*"
_UNNAMED = _NAMED.replace("(?P<name>", "(?:")
NAMED_RUN = re.compile(rf"{_UNNAMED}(?:{_JOIN}{_UNNAMED})+", re.I)


def named_articles(index, question: str, expander=None) -> NamedIds | None:
    """Two or more articles a question names by name, joined by 'and', 'or', 'vs' or a comma ("Do the
    autoimmune review and the clinical review agree on ...?"): each name must clearly be one article
    (`CLEAR_MARGIN`, as `named_article` reads one), and the articles differ; the question without the
    names is asked of them, as `named_ids` does for ids. None otherwise (user trial 42)."""
    run = NAMED_RUN.search(question)
    if run is None:
        return None
    found: list[str] = []
    for m in re.finditer(_NAMED, run.group(0), re.I):
        doc_id = clearly_named(index, m.group("name"), expander)
        if doc_id is None:
            return None
        found.append(doc_id)
    if len(set(found)) < 2:
        return None
    return NamedIds(doc_ids=list(dict.fromkeys(found)),
                    question=_tidied(question[:run.start()] + " " + question[run.end():]))


@dataclass(frozen=True)
class AskedOf:
    """Which articles a question is asked of: the question without their names, the articles (the
    given `--doc` ones, or none: the whole library), the note saying so, and those each to be quoted."""

    question: str
    doc_ids: list[str] | None
    note: str = ""
    compared: list[str] = field(default_factory=list)


def asked_of(index, question: str, docs: list[str] | None, expander=None, several: bool = True) -> AskedOf:
    """The articles a question names, read in order: by their ids ("what do kim2013 and figueroa2012
    report ..."), by several names each then quoted ("the autoimmune review and the clinical review",
    when `several`), or by one name ("In the Acinetobacter desiccation paper, ..."); articles given
    with `--doc` are kept as they are."""
    if docs:
        return AskedOf(question, docs)
    ids = named_ids(index.doc_ids, question)
    if ids is None and several:
        ids = named_articles(index, question, expander)
    if ids is not None:
        return AskedOf(ids.question, ids.doc_ids, ids.note, ids.doc_ids)
    article = named_article(index, question, expander)
    if article is not None:
        return AskedOf(article.question, [article.doc_id], article.note)
    return AskedOf(question, docs)
