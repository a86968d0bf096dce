"""Does a yes/no question ask about a condition the library never writes of?

"Are rev1 null flies fertile?", "... extend the commitment window in eosinophil progenitors?", "Did
intracoronary MSCs shrink the myocardial perfusion defect ...?": a yes/no question names the claim it
asks to check, so a technical word of it that no article of the library uses in any form is a
condition, population or effect the articles never report. The answer then quotes a neighbour (the
same experiment in another cell type, another outcome of the trial). `refusal.absent_names` already
reads the words no dictionary lists ("CXCR7", "Holter"); this reads the dictionary words English
itself rarely uses ("eosinophil", "perfusion", "hyaline": `spelling.everyday_frequency`, the word's
or the word it inflects, at most
`AnswerSettings.unreported_frequency`), which a lay or paraphrasing question seldom writes, unlike an
everyday word the articles put otherwise ("cope", "poop", "stuck"). A word the library holds in any
form (another inflection, the other spelling, the start of a longer word, an article's title or
authors) or a quote writes is no evidence. Only yes/no questions: a wh-question may name the asked
category in the writer's own word ("tabulated", "enlarge", "cohort") that the articles never use,
and is answered right (evals/README.md, "Refusal recall, second pass"). The one wh-word read is the
asked *attribute* no quote names ("What viscosity ...?", "What enrolment target ...?":
`unreported_attribute`): a rare word of it that the quoted articles never write is a measure the
article never reports (evals/README.md, "Near-miss refusal recall, fourth pass").
"""
from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from qa.retrieval.question import QUESTION_FORM
from qa.answer.refusal import NAME_WORD, holds_in_library, library_described
from qa.retrieval.word_forms import PREFIX_MIN, held_forms, stems
from qa.index.analyzer import tokenize


def _in_library(answerer, token: str, held: frozenset[str] | None = None) -> bool:
    """Whether some passage holds the token in any form: as is, in the other spelling, as the start
    of a longer word, or another form of it (`word_forms.stems`, each also as a start). With `held`
    (the tokens of some articles), whether those hold it so."""
    if held is None:
        return holds_in_library(answerer.index, token)
    forms = held_forms(token)
    if any(f in held or (len(f) >= PREFIX_MIN and any(h.startswith(f) for h in held)) for f in forms):
        return True
    return any(stems(h) & forms for h in held if h[:3] == token[:3])  # "neurons" / "neuronal"


def article_tokens(answerer, doc_ids: set[str]) -> frozenset[str]:
    """The tokens of every passage (and its heading) of the given articles: what they write of (each
    article's read once per loaded index: the refusal checks after the quotes read the same articles)."""
    index = answerer.index

    def written(doc_id: str) -> frozenset[str]:
        mine: set[str] = set()
        for row in index.rows_of_doc(doc_id):
            passage = index.passages[int(row)]
            mine |= answerer.tokens_of(passage.text) | answerer.tokens_of(passage.section)
        return frozenset(mine)

    return _per_article(index, "_article_tokens", doc_ids, written)


def unreported_words(answerer, question: str, kind: str | None, quotes: Sequence[str],
                     max_frequency: int, held: frozenset[str] | None = None, read: Collection[str] = ()) -> list[str]:
    """The words of a yes/no question, as typed, that an English dictionary lists but rarely uses
    (frequency at most `max_frequency`), that are no capitalised name, and that neither any passage
    of the library (with `held`: the tokens of the quoted articles) holds in any form nor any quote
    holds. [] for any other kind of question."""
    if kind != "yesno":
        return []
    return rare_unwritten(answerer, question, quotes, max_frequency, held, read)


def text_tokens(index, doc_ids: set[str]) -> frozenset[str]:
    """The tokens of the given articles' whole texts (reference lists included: what the article writes
    anywhere), each article's tokenized once per loaded index: a 20-page review takes some 50 ms to
    tokenize, which the unstated-attribute caution paid on every answer it read."""
    return _per_article(index, "_text_tokens", doc_ids,
                        lambda doc_id: frozenset(tokenize(index.document(doc_id).text)))


def _per_article(index, name: str, doc_ids: set[str], tokens_of: Callable[[str], frozenset[str]]) -> frozenset[str]:
    """The union of `tokens_of` over the given articles, each article's computed once per loaded index
    (a cache of at most 256 articles, kept on the index under `name`)."""
    cache = index.__dict__.setdefault(name, {})
    out: set[str] = set()
    for doc_id in doc_ids:
        tokens = cache.get(doc_id)
        if tokens is None:
            if len(cache) > 256:
                cache.clear()
            tokens = cache[doc_id] = tokens_of(doc_id)
        out |= tokens
    return frozenset(out)


def rare_unwritten(answerer, question: str, quotes: Sequence[str], max_frequency: int,
                   held: frozenset[str] | None = None, read: Collection[str] = ()) -> list[str]:
    """`unreported_words` for a question of any kind: its rare dictionary words no passage (with `held`:
    of the quoted articles) and no quote holds in any form ('sepsis', 'washout' in a library that never
    writes them). Also read by `Answerer.threshold` for every question asking a value: such a question keeps the
    whole refusal threshold. What the library holds is read once per loaded index (`refusal.holds_in_library`
    per word, `refusal.library_described`), so a question costs the look-ups of its own words. A word in `read`
    (lower case: those the library's synonyms read as a name it writes, `Query.read_as`: 'scleroderma' as
    'systemic sclerosis') is written, in the library's own words."""
    from qa.retrieval.spelling import english_word, everyday_frequency

    if max_frequency <= 0:
        return []
    quoted = set().union(*(tokenize(q) for q in quotes)) if quotes else set()
    out: list[str] = []
    for i, word in enumerate(NAME_WORD.findall(question)):
        word = word.strip(".'’\"")
        # a hyphenated or slashed word is a compound whose parts the library may hold; a capitalised
        # word after the first, a name (`refusal.absent_names` reads those)
        if not word or "-" in word or "/" in word or (i > 0 and word[:1].isupper()) or not english_word(word) \
                or word.lower() in read:
            continue
        if everyday_frequency(word) > max_frequency:
            continue
        tokens = [t for t in tokenize(word) if t not in QUESTION_FORM]
        if not tokens or any(t in quoted or _in_library(answerer, t, held) for t in tokens):
            continue
        # the articles' own titles, authors and journals name words too
        if any(t in library_described(answerer.index) for t in tokens) or word in out:
            continue
        out.append(word)
    return out


def refused_unreported(answerer, question: str, kind: str | None, quotes: Sequence[str],
                       doc_ids: set[str], read: Collection[str] = ()) -> list[str]:
    """`unreported_words` read against the articles the answer quotes (`article_tokens`): the rare
    words of a yes/no question that those articles never write, in any form, and no quote holds (nor
    the library's synonyms read as a name it writes: `read`)."""
    st = answerer.settings.answer
    if kind != "yesno" or not doc_ids or st.unreported_frequency <= 0:
        return []
    if not unreported_words(answerer, question, kind, quotes, st.unreported_frequency, frozenset(), read):
        return []  # cheap first: no rare word outside the quotes
    return unreported_words(answerer, question, kind, quotes, st.unreported_frequency,
                            article_tokens(answerer, doc_ids), read)


def _written(answerer, word: str, held: frozenset[str]) -> bool:
    """Whether some articles (their tokens: `article_tokens`) or the library's titles and authors write a
    word of the question in any form (a word of the question's form alone counts as written)."""
    tokens = [t for t in tokenize(word) if t not in QUESTION_FORM]
    return not tokens or any(_in_library(answerer, t, held) or t in library_described(answerer.index) for t in tokens)


def unreported_attribute(answerer, question: str, kind: str | None, quotes: Sequence[str],
                         doc_ids: set[str]) -> list[str]:
    """The words of a question's asked attribute ("What viscosity does the slow-moving zone have?",
    "What enrolment target was planned ...?": `unstated.unstated`, no quote names it) that English
    rarely uses (`unreported_frequency`, as for a yes/no) and that the quoted articles never write in
    any form, nor the library's titles and authors: the article reports no such attribute. A lay or
    everyday word ('machine', 'regimen', 'parts') is no evidence (the article may put it otherwise);
    a capitalised word or one no dictionary lists is a name, which `refusal.absent_names` reads."""
    from qa.answer.unstated import unstated
    from qa.retrieval.spelling import english_word, everyday_frequency

    st = answerer.settings.answer
    if kind in ("yesno", "sources") or not doc_ids or st.unreported_frequency <= 0:
        return []
    phrase = unstated(question, kind, quotes, answerer.retriever.expander.concepts)
    words = [w.strip(".,;:?!()'’\"") for w in phrase.replace("/", " ").split()]
    rare = [w for w in words if w and w.lower() == w and "-" not in w and english_word(w)
            and everyday_frequency(w) <= st.unreported_frequency]
    if not rare:
        return []
    held = article_tokens(answerer, doc_ids)
    return [word for word in rare if not _written(answerer, word, held)]


def unwritten_measure(answerer, question: str, kind: str | None, quotes: Sequence[str], doc_ids: set[str]) -> list[str]:
    """The words of an asked quantity that the quoted articles never write, in any form, when they do write
    its head noun: the 'hazard' of "what hazard ratio", the 'doubling' of "what doubling time", the
    'median' of "what median age" asked of an article reporting other ratios, times or ages. Read only when
    no quote names the attribute nor states a value in the asked unit (`quantity.unstated_quantity`) and the
    question asks a measure, not a term ("what is the more accurate name": a definition) nor whether.
    Unlike `unreported_attribute` the word need not be rare: that the article writes the head noun and
    never the word that makes it the asked measure is the evidence (evals/README.md, thirty-first session,
    "Near misses on the PDFs; abbreviations written out in mixed case")."""
    from qa.answer.unstated import unstated
    from qa.answer.quantity import unstated_quantity

    st = answerer.settings.answer
    if kind in ("yesno", "sources", "definition") or not doc_ids:
        return []
    phrase = unstated(question, kind, quotes, answerer.retriever.expander.concepts)
    words = [w.strip(".,;:?!()'’\"") for w in phrase.replace("/", " ").split()]
    words = [w for w in words if w]
    if len(words) < 2 or not unstated_quantity(answerer.index, question, kind, quotes, st.quantity_attribute_share):
        return []
    held = article_tokens(answerer, doc_ids)
    if not _written(answerer, words[-1], held):
        return []  # the head itself unwritten: the article may put the whole measure otherwise
    return [w for w in words[:-1] if not _written(answerer, w, held)]


def library_read(answerer, query) -> frozenset[str]:
    """The question's words (lower case) the library's synonyms read as a name the library writes
    (`Query.read_as`), when `unreported_reads_synonyms` is on: no unwritten condition."""
    if not answerer.settings.answer.unreported_reads_synonyms:
        return frozenset()
    return frozenset(typed.lower() for typed, _ in query.read_as)


def refusal_note(answerer, query, asked: str, kind: str | None, confidence: float, quotes: Sequence[str],
                 doc_ids: set[str]) -> str:
    """Why an answer is refused after all ('' when it is not): a yes/no below
    `unreported_refusal_below` naming a rare word the quoted articles never write, an answer below
    `unreported_attribute_refusal_below` whose asked attribute holds one (`unreported_attribute`), one below
    `unwritten_measure_refusal_below` whose asked measure's word they never write beside its head
    (`unwritten_measure`), or a follow-up below `followup_addition_refusal_below` adding an element no quote
    names (`followup.unnamed_addition`, whose caution it replaces)."""
    from qa.answer.followup import unnamed_addition
    from qa.answer.written import unwritten_line

    st = answerer.settings.answer
    if confidence < st.unreported_refusal_below:
        words = refused_unreported(answerer, asked, kind, quotes, doc_ids, library_read(answerer, query))
        if words:
            return unwritten_line(answerer, words, "asks about: the passages found report something else.")
    for below, measure_words in ((st.unreported_attribute_refusal_below, unreported_attribute),
                                 (st.unwritten_measure_refusal_below, unwritten_measure)):
        if confidence < below:
            words = measure_words(answerer, asked, kind, quotes, doc_ids)
            if words:
                return unwritten_line(answerer, words, "asks for: the passages found report other measures.")
    if confidence < st.followup_addition_refusal_below:
        added = unnamed_addition(query, [answerer.tokens_of(q) for q in quotes])
        if added:
            return ("No passage found names " + " or ".join(f"'{w}'" for w in added) + ", which this follow-up adds "
                    "to the earlier question: they answer the earlier question again.")
    return ""
