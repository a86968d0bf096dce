"""What the library writes, read before a refusal or a caution says that a word is unwritten.

The refusal rules decide on the articles the answer would quote (`unreported.refused_unreported`) or on
the passages (`refusal.absent_names`), but a reader takes "the articles found never write of
'neutrophils'" or "no article uses 'HMGB1'" as a statement about the library. Each such line is checked
here against the whole library first: the words of every passage (the BM25 vocabulary, in the forms the
refusal matches: `refusal.holds_in_library`), the articles' own titles and authors, and the titles of the
studies their reference lists cite (kept out of the passages: `Document.skip_spans`). A word written
anywhere is never called unwritten; the line says where it is written instead (evals/README.md,
forty-first session, "What the refusal says").

A reference title is what a cited study is about, not a finding the article states: a question whose
words only such a title writes ("... MSCs expanded in platelet lysate ...", user trial 55 Q12) stays
refused, with the titles named, so that the reader can look the studies up (`title_note`).
"""
from __future__ import annotations

from collections.abc import Collection, Sequence

from qa.answer.refusal import holds_in_library, library_described
from qa.index.analyzer import tokenize
from qa.retrieval.question import QUESTION_FORM
from qa.retrieval.word_forms import held_forms

TITLE_STUDIES = 3  # the studies a title note names at most
TITLE_CHARS = 220  # a title is shortened to this many characters (the rare longer one)
TITLE_MARK = "A title says what the cited study is about; it is not a finding the articles state."


def content_tokens(word: str) -> list[str]:
    """The index tokens of a word or phrase less the question's form ('which', 'studies')."""
    tokens = tokenize(word)
    return [t for t in tokens if t not in QUESTION_FORM] or tokens


def in_passages(answerer, word: str) -> bool:
    """Whether the library's passages, titles or authors write every token of the word in some form."""
    index = answerer.index
    tokens = content_tokens(word)
    return bool(tokens) and all(holds_in_library(index, t) or t in library_described(index) for t in tokens)


def passage_docs(answerer, word: str) -> list[str]:
    """The articles whose passages write every token of the word in one of its forms (`held_forms`),
    in the library's order."""
    index = answerer.index
    bm25 = index.bm25
    docs: set[str] | None = None
    for token in content_tokens(word):
        rows = {int(r) for f in held_forms(token) for r in bm25.postings(f)}
        mine = {index.doc_of_row[r] for r in rows}
        docs = mine if docs is None else docs & mine
    return [d for d in index.doc_ids if docs and d in docs]


def _title_tokens(index) -> dict[str, frozenset[str]]:
    """Study id -> the tokens of its reference title, read once per loaded index."""
    cached = index.__dict__.get("_title_tokens")
    if cached is None:
        cached = index.__dict__["_title_tokens"] = {
            s.id: frozenset(tokenize(s.title)) for s in index.studies.studies if s.title}
    return cached


def _title_holds(tokens: frozenset[str], token: str) -> bool:
    return bool(held_forms(token) & tokens)


def title_studies(answerer, words: Sequence[str], asked: str = "", shared: int = 0) -> list:
    """The cited studies whose reference title writes every token of every word and at least `shared` other
    words of `asked`, those sharing the most first (at most `TITLE_STUDIES`)."""
    needed = [t for w in words for t in content_tokens(w)]
    if not needed:
        return []
    index = answerer.index
    titles = _title_tokens(index)
    others = set(content_tokens(asked)) - set(needed)
    scored = []
    for study in index.studies.studies:
        tokens = titles.get(study.id)
        if tokens and all(_title_holds(tokens, t) for t in needed):
            also = sum(_title_holds(tokens, t) for t in others)
            if also >= shared:
                scored.append((-also, -sum(c.count for c in study.cited_by), study))
    scored.sort(key=lambda x: (x[0], x[1]))
    return [s for *_, s in scored[:TITLE_STUDIES]]


def only_in_titles(answerer, word: str) -> bool:
    """Whether a word no passage writes is written in a cited study's reference title."""
    return not in_passages(answerer, word) and bool(title_studies(answerer, [word]))


def _cited(study) -> str:
    """'kim2013 [87] Lucchini 2010, "Platelet-lysate-expanded ..." (qa study lucchini2010)'."""
    where = ", ".join(f"{c.doc_id} {c.label}" for c in study.cited_by[:2])
    who = " ".join(str(x) for x in (study.first_author, study.year) if x)
    title = study.title if len(study.title) <= TITLE_CHARS else study.title[:TITLE_CHARS].rsplit(" ", 1)[0] + " ..."
    return f"{where} {who}, \"{title}\" (qa study {study.id})".replace("  ", " ")


def quoted(words: Sequence[str]) -> str:
    return " or ".join(f"'{w}'" for w in words[:3])


def titles_line(answerer, words: Sequence[str], asked: str = "", which: str = "", shared: int = 0) -> str:
    """The sentence naming the cited studies whose titles write the words ('' when none does); `which`:
    what the question does with them ('names': "..., which the question names: ..."); `shared`: as for
    `title_studies`."""
    studies = title_studies(answerer, words, asked, shared)
    if not studies:
        return ""
    said = f", which the question {which}" if which else ""
    whose = "title of a study the articles cite writes" if len(studies) == 1 else "titles of studies the articles cite write"
    return (f"Only the {whose} {quoted(words)}{said}: "
            + "; ".join(map(_cited, studies))
            + ". " + TITLE_MARK)


def title_note(answerer, asked: str, read: Collection[str] = ()) -> str:
    """A refusal's line for a question whose words no passage writes but a cited study's reference title does
    ('' otherwise): the question's content words no passage, article title or author holds (less `read`: the
    words the question was read as other names or spellings) that one reference title writes together, with
    another word of the question."""
    skip = {t for w in read for t in tokenize(w)}
    unheld = [t for t in dict.fromkeys(tokenize(asked))
              if t not in QUESTION_FORM and t not in skip and not in_passages(answerer, t)]
    if not unheld:
        return ""
    typed = {t: w for w in asked.replace("/", " ").split() for t in tokenize(w.strip(".,;:?!()'’\""))}
    words = list(dict.fromkeys(typed.get(t, t).strip(".,;:?!()'’\"") for t in unheld))
    # a title sharing no other word of the question names the word in another sense ("a 'monkey bar' mechanism")
    return titles_line(answerer, words, asked, shared=1)


def unwritten_line(answerer, words: Sequence[str], why: str) -> str:
    """The refusal's line for words the articles it would quote never write: those no passage of the
    library writes either are said to be written nowhere, those it does are named with the articles
    writing them, so the line never calls a word the library holds unwritten."""
    in_text = [w for w in words if in_passages(answerer, w)]
    titled = [w for w in words if w not in in_text and title_studies(answerer, [w])]
    nowhere = [w for w in words if w not in in_text and w not in titled]
    parts = []
    if in_text:
        docs = list(dict.fromkeys(d for w in in_text for d in passage_docs(answerer, w)))
        named = f" ({', '.join(docs[:3])}{', ...' if len(docs) > 3 else ''})" if docs else ""
        parts.append(f"The library writes of {quoted(in_text)}{named}, but none of the passages found answers "
                     "the question: the passages nearest it report something else.")
    if titled:
        parts.append(titles_line(answerer, titled))
    if nowhere:
        parts.append(f"No article writes of {quoted(nowhere)}, which the question {why}")
    return " ".join(parts)


def names_line(answerer, names: Sequence[str], unused: str, titled: str) -> str:
    """The line for names the refusal reads as used by no article (`refusal.absent_names`): `unused` follows
    "No article uses 'X'" for those no text of the library writes, `titled` follows the titles line for
    those only a cited study's title writes ('' when there are no names)."""
    in_titles = [n for n in names if only_in_titles(answerer, n)]
    nowhere = [n for n in names if n not in in_titles]
    parts = [f"No article uses {quoted(nowhere)}{unused}"] if nowhere else []
    if in_titles:
        parts.append(titles_line(answerer, in_titles, which="names") + titled)
    return " ".join(parts)


def read_as_line(answerer, read_as: Sequence[tuple[str, str]]) -> str:
    """"Read 'kids' as 'children or pediatric': no article uses 'kids'.", the claim kept for the words the
    library writes nowhere (a hyphenated 'co-transplantation' may be read as a name it writes otherwise
    although a passage writes it so too)."""
    if not read_as:
        return ""
    unused = [a for a, _ in read_as if not in_passages(answerer, a)]
    line = "Read " + ", ".join(f"'{a}' as '{b}'" for a, b in read_as)
    return line + (": no article uses " + " or ".join(f"'{a}'" for a in unused) + "." if unused else ".")
