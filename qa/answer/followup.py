"""Does a follow-up's answer stay on the earlier question's topic?

"Which sources were used for SLE?" then "and in children?" asks about lupus in children. The
follow-up's own words ("children") pick the sentence, so without a check the answer can be a
sentence about children with GVHD: on the new words, off the conversation's topic. This module
measures how close the answer's passage is to the earlier question, against how close the
passages that answer the earlier question itself are:

- `reference`: the best cosine between the earlier question and a sentence of the passages it
  retrieves on its own (what "on that topic" looks like in this corpus);
- `topical`: the best cosine between the earlier question and a sentence of the passage the
  follow-up's answer comes from.

When the best passage is off the topic and the follow-up points back ("what dose was that?": it has
no subject of its own), the passages on the earlier topic answer, in their order. Otherwise a
passage whose section heading is on it answers instead
(a Methods sub-section titled "4sU labeled chromatin-associated RNA sequencing" is about 4sU
labelling even where its sentences only say how "the libraries" were sequenced).

A passage whose `topical` falls below `AnswerSettings.followup_topic_ratio` of `reference` is
off the earlier topic. Cosines relative to the corpus's own best, not a word
list, so the check means the same on any article (the margin is chosen on dev + blind-dev).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from qa.answer.focus import asked_value, asks_attribute_alone
from qa.retrieval.question import QUESTION_FORM, asks_nothing_itself
from qa.answer.units import Unit
from qa.index.analyzer import tokenize
from qa.retrieval.evidence import coverage
from qa.retrieval.query import leans_back, subject_from_earlier


def setting_coverage(answerer, query, units: list[Unit]) -> dict[str, float]:
    """Per passage id: the idf-weighted share of the earlier question's words (those the follow-up
    lacks) that the passage and its heading hold. "what size were the particles?" after "What dose of
    GFP mRNA was injected subretinally in the macaques?": the follow-up's words pick the sentence
    stating a size, the earlier question's pick the passage it sits in (the macaque experiment's
    "Formulated nanoparticles were 91.6 nm", not the mouse LNPs' "70 to 76 nm" elsewhere); read per
    sentence, they pick the sentence that answered the earlier question instead."""
    if not query.context or not units:
        return {}
    floor = answerer.settings.answer.idf_floor
    earlier = {t: max(answerer.idf(t), floor) for t in query.context_tokens if t not in QUESTION_FORM}
    if not earlier:
        return {}
    passages = {u.hit.passage.id: u.hit.passage for u in units}
    return {pid: coverage(earlier, answerer.passage_tokens(p)) for pid, p in passages.items()}


@dataclass
class TopicCheck:
    """How close a follow-up's candidate passages are to the earlier question's topic."""

    reference: float  # best earlier-question cosine among the earlier question's own passages
    by_passage: dict[str, float]  # passage id -> best earlier-question cosine of its sentences
    vector: np.ndarray  # the earlier question's vector the cosines are measured against
    docs: frozenset[str] = frozenset()  # the articles of the earlier question's own passages


def best_by_passage(units: list[Unit], vectors, question_vector: np.ndarray) -> dict[str, float]:
    rows = [u.vector_row for u in units if u.vector_row is not None]
    if not rows:
        return {}
    cosines = np.asarray(vectors[rows], dtype=np.float32) @ question_vector
    out: dict[str, float] = {}
    for u, c in zip((u for u in units if u.vector_row is not None), cosines):
        pid = u.hit.passage.id
        out[pid] = max(out.get(pid, -1.0), float(c))
    return out


def check_topic(answerer, context: str, units: list[Unit], depth: int, mode: str,
                docs) -> TopicCheck:
    """The earlier question (`context`) against its own passages and the follow-up's units."""
    retriever = answerer.retriever
    earlier = retriever.query_from(context)
    vector = retriever.query_vector(earlier)
    own = answerer.units(retriever.search(earlier, k=depth, mode=mode, docs=docs))
    vectors = answerer.index.sentence_vectors
    reference = max(best_by_passage(own, vectors, vector).values(), default=-1.0)
    return TopicCheck(reference, best_by_passage(units, vectors, vector), vector,
                      frozenset(u.hit.passage.doc_id for u in own))


def heading_cosines(answerer, vector: np.ndarray, sections: list[str]) -> dict[str, float]:
    """Cosine between the earlier question's vector and each section heading (one encoding call)."""
    named = [h for h in dict.fromkeys(sections) if h.strip()]
    if not named:
        return {}
    encoded = answerer.retriever.index.encoder.encode(named).astype("float32")
    return {h: float(v @ vector) for h, v in zip(named, encoded)}


def new_subject(answerer, query, best: Unit) -> bool:
    """Whether a follow-up that only adds an element ("and for RA?", "what about AB5075?") names a
    name of its own (a capital or digit inside the word, `abbreviations.inner_names`) that the earlier
    question lacks and the best unit's passage writes: it then asks the earlier question of that
    subject instead, so the answer need not stay on the earlier topic (user trial 40: "and for RA?"
    after "Which sources were used for SLE?" was kept to the lupus passages and refused, while the RA
    paragraph ranked first). A lower-case addition ("and in children?") narrows the earlier topic;
    `on_topic` reads this only for a passage of an article the earlier question's own search finds
    ("What about Acinetobacter baumannii AB5075?" after a question on worms and PA14 found the
    desiccation paper: another article's subject, a near miss still refused)."""
    from qa.answer.abbreviations import inner_names

    if not asks_nothing_itself(query.text):
        return False
    earlier = set(tokenize(query.context))
    names = inner_names(query.text)
    added = {t for n in names for t in tokenize(n) if t not in earlier and t not in QUESTION_FORM}
    return bool(added) and bool(added & answerer.tokens_of(best.hit.passage.text))


def on_topic(answerer, query, units: list[Unit], mode: str, docs) -> tuple[list[Unit], str]:
    """A follow-up's units, and '' when its best unit is on the earlier question's topic (or the
    check is off). When the best is off the topic, the units of passages under a heading on that
    topic that hold a word of the follow-up's own answer instead, in their order: the follow-up's
    own words found a passage of another experiment first ("how were the libraries sequenced?"
    after a 4sU labelling question: another article's sequencing; the answer sits under "4sU
    labeled chromatin-associated RNA sequencing"). With none: no units, and the line that tells
    the user why the follow-up is not answered."""
    st = answerer.settings.answer
    if not (query.context and units and st.followup_topic_ratio > 0):
        return units, ""
    best = units[0]
    own = [u for u in units if u.hit.passage.id == best.hit.passage.id]
    check = check_topic(answerer, query.context, own, st.followup_topic_depth, mode, docs)
    bar = st.followup_topic_ratio * check.reference
    if check.reference <= 0 or check.by_passage.get(best.hit.passage.id, -1.0) >= bar:
        return units, ""
    if st.followup_new_name and best.hit.passage.doc_id in check.docs and new_subject(answerer, query, best):
        return units, ""  # "and for RA?": the earlier question asked of another subject of its articles
    if subject_from_earlier(query.text):
        # a follow-up pointing back ("what dose was that?") has no subject of its own: its answer is
        # on the earlier topic, so the units of passages on that topic answer, in their order (a
        # passage elsewhere matching only "dose" came first: "high doses of infused MSCs")
        topical = best_by_passage(units, answerer.index.sentence_vectors, check.vector)
        kept = [u for u in units if topical.get(u.hit.passage.id, -1.0) >= bar]
        if kept:
            return kept, ""
    headings = heading_cosines(answerer, check.vector, [u.hit.passage.section for u in units])
    words = {t for t, w in answerer.terms(query, context_weight=0.0).items() if w > 0}  # its own words
    kept = [u for u in units if headings.get(u.hit.passage.section, -1.0) >= bar
            and words & (u.tokens | answerer.tokens_of(u.hit.passage.section))]
    if kept:
        return kept, ""
    return [], (f"Read so, nothing answers it: its closest passage is not about the earlier question's topic "
                f"(\"{query.context}\"). Ask again naming its subject (the drug, trial or article), or ask "
                f"it as a new question (without the earlier one) to search every topic.")


def unnamed_addition(query, quotes: list[set[str]]) -> list[str]:
    """The words a follow-up that only adds an element ("and in chronic GVHD?", "what about dogs?")
    adds to the earlier question, as typed, when no quote names any of them in any form the library
    knows (`Query.concepts`): its quotes then answer the earlier question again (user trial 30: after
    a question on the Le Blanc phase II study in acute GVHD, "and in chronic GVHD?" quoted the acute
    response rates). [] when a quote names one, or the follow-up asks something of its own ("which
    route?": a value may be stated without its word)."""
    forms = addition_forms(query)
    if not forms or any(names_addition(forms, q) for q in quotes):
        return []
    return [w for w in dict.fromkeys(re.findall(r"[\w'-]+", query.text)) if set(tokenize(w)) & set(forms)]


def addition_forms(query) -> dict[str, list[list[str]]]:
    """The words a follow-up that only adds an element adds to the earlier question, each with the other
    forms the library knows for it (`Query.concepts`: 'kids' -> 'children', 'pediatric'); {} for a question
    that is no such follow-up."""
    if not query.context or not asks_nothing_itself(query.text) or asks_attribute_alone(query.text):
        return {}  # ("route?" asks the earlier subject's route, as "which route?" does)
    earlier = set(tokenize(query.context))
    added = [t for t in dict.fromkeys(query.tokens) if t not in earlier and t not in QUESTION_FORM]
    return {t: [alt for concept in query.concepts if any(t in alt for alt in concept) for alt in concept]
            for t in added}


def names_addition(forms: dict[str, list[list[str]]], tokens: set[str]) -> bool:
    """Whether a text's tokens name one of a follow-up's added words in any of its forms."""
    return any(t in tokens or any(alt and all(a in tokens for a in alt) for alt in alts) for t, alts in forms.items())


def carried_value_first(query, units: list[Unit], margin: float, asks_value: bool) -> list[Unit]:
    """The units (best first) with the best one stating the earlier question's asked value and naming what
    the follow-up adds moved first, when the best lacks either and that one scores within `margin` of it.
    A follow-up that only adds an element ("and in children?" after "What response rate did MSCs give in
    steroid-refractory acute GVHD?") asks the earlier question's value of it: "a higher response rate was
    seen in children (84%) ..." answers, not "Prochymal was used to specifically treat pediatric patients
    ..." (user trial 45, Q2), which names the children and states no rate. The value is read from the
    earlier question's wording (`focus.asked_value`: a rate, a temperature, a dose ... in its unit), so it
    is English question grammar, not a topic word; a follow-up asking a value of its own (`asks_value`: the
    caller's `focus.asked_value` of the follow-up is not None) is left alone.
    Not when the best's next sentence states the value: the first span joins it ("... EF-1A proteins of
    Saccharomyces cerevisiae and Homo sapiens. The temperature optima ... were 34.6 °C for S. cerevisiae")."""
    if margin <= 0 or not units or not query.context or asks_value:
        return units
    forms = addition_forms(query)
    states = asked_value(query.context, None) if forms else None
    if states is None:
        return units

    def answers(u: Unit) -> bool:
        return states(u.text) and names_addition(forms, u.tokens)

    best = units[0]
    doc = best.hit.passage.doc_id  # the document's next sentence, in this passage or the next one
    after = [u for u in units if u.hit.passage.doc_id == doc and 0 <= u.start - best.end <= 3]
    if answers(best) or (after and states(min(after, key=lambda u: u.start).text)):
        return units  # the best states it, or goes on to in its next sentence (joined to it as the first span)
    near = next((u for u in units[1:] if u.score >= units[0].score - margin and answers(u)), None)
    return units if near is None else [near, *(u for u in units if u is not near)]


def addition_caution(words: list[str]) -> str:
    """The caution for `unnamed_addition`'s words ('' for none)."""
    if not words:
        return ""
    named = " or ".join(f"'{w}'" for w in words)
    return (f"No quote names {named}, which this follow-up adds to the earlier question: the quotes may answer "
            f"the earlier question again; check that they answer what you asked.")


def _earlier(answerer, context: str) -> tuple[bool, tuple[str, int, int] | None]:
    """(whether the earlier question asked on its own is answered, (passage id, start, end) of its
    first span or None); remembered per earlier question, since a conversation asks several
    follow-ups of one."""
    memo = answerer.__dict__.setdefault("_earlier_spans", {})
    key = (id(answerer.index), context)  # a library changed under a long chat (qa add) is asked afresh
    if key not in memo:
        if len(memo) >= 32:  # a long chat asks few earlier questions at a time
            memo.clear()
        answer = answerer._ask(context, 10, None, "hybrid", None, hint=False)
        s = answer.spans[0] if answer.found and answer.spans else None
        memo[key] = (answer.found, (s.passage_id, s.start, s.end) if s else None)
    return memo[key]


def earlier_first_span(answerer, context: str) -> tuple[str, int, int] | None:
    """(passage id, start, end) of the first span the earlier question gets asked on its own, or None
    (refused)."""
    return _earlier(answerer, context)[1]


def earlier_refused(answerer, context: str) -> bool:
    """Whether the earlier question, asked on its own, is refused (not in the corpus, too vague, off
    topic): then it is no topic to read a follow-up with."""
    return not _earlier(answerer, context)[0]


# the caution of an elliptic follow-up read with an earlier question the library refuses on its own
REFUSED_EARLIER = ("The earlier question is not answered on its own (the library refuses it); this follow-up names "
                   "no subject of its own, so it is read with it: check that the quotes answer what you asked.")


def without_refused_earlier(answerer, query, asked: str, previous: str | None):
    """(query, previous, note): a question read as the follow-up of an earlier question the library
    refuses is not read with it (user trial 43: after "do stem cells help autism?", refused, "what are
    the side effects?" was read as autism's follow-up), but on its own, unless it is too vague on its
    own (elliptic: "and for how long?", "and which camera?"): only the earlier question gives it a
    subject, so it is read with it and the caution (`REFUSED_EARLIER`) says that question was
    not answered. Reading those as too vague refused three blind-dev PDF
    follow-ups whose earlier question is a false refusal (evals/README.md, thirty-second session).
    Unchanged when the earlier question is answered, or not used.
    """
    if not query.context or not answerer.settings.answer.followup_refused_earlier_alone \
            or not earlier_refused(answerer, query.context):
        return query, previous, ""
    from qa.answer.vague import message

    alone = answerer.retriever.query_from(asked, None)
    if message(answerer.index, alone)[1]:
        return query, previous, REFUSED_EARLIER
    return alone, None, ""


def goes_on_from_earlier(answerer, query, units: list[Unit], reach: int) -> set[int]:
    """Indices of the units that go on from the earlier question's answer: in its passage, the sentences
    after its first sentence, up to `reach` sentences past its first span. "What got better for them?"
    after "Has anyone given MS patients their own stem cells through a drip?": the answer ("Patients
    improved on measures of visual function") is the sentence after the one naming the infusion; the
    follow-up's own words ("got better") name nothing the sentence writes."""
    if not query.context or not units or reach < 0:
        return set()
    span = earlier_first_span(answerer, query.context)
    if span is None:
        return set()
    pid, start, end = span
    mine = [i for i, u in enumerate(units) if u.hit.passage.id == pid]
    first = next((i for i in mine if units[i].start <= start < units[i].end), None)
    if first is None:
        return set()
    inside = [i for i in mine if units[i].start < end]
    last = max(inside, default=first)
    after = [i for i in mine if i > last][:reach]
    return {i for i in mine if first < i <= last} | set(after)


def earlier_row_first(answerer, query, kind: str | None, chosen: list[Unit], units: list[Unit]) -> list[Unit]:
    """A follow-up pointing back ("and how many patients did it include?", "what route did that trial
    use?") whose earlier question's first quote (asked on its own) is a table row, and which asks a field
    that row has a cell for ('No. of patients', 'Route': `table_fields`' reading of the question's words),
    asks that cell: the row, a record of the one study the earlier answer named, comes first. User trial
    51: after "Which MS study used cells from adipose tissue?" (the Riordan et al. [114] row), the follow-up
    quoted another study's "including 10 patients" above the row's "No. of patients: 3". Read from the
    table's own column heads and the closed class of pointing words (`subject_from_earlier`); the row must
    be among the follow-up's candidates (retrieved for it)."""
    from qa.retrieval.statements import row_cells
    from qa.retrieval.table_fields import _field_spans, names_of
    from qa.index.analyzer import word_sequence

    if (not query.context or not chosen or kind == "sources" or not answerer.settings.answer.followup_row_first
            or not subject_from_earlier(query.text)):
        return chosen
    span = earlier_first_span(answerer, query.context)
    if span is None or chosen[0].hit.passage.id == span[0]:
        return chosen
    row = next((u for u in chosen + units if u.hit.passage.id == span[0] and u.hit.passage.kind == "table_row"), None)
    if row is None:
        return chosen
    words = word_sequence(query.text)
    if not any(value and any(True for name in names_of(column) for _ in _field_spans(words, name))
               for column, value in row_cells(row.text)):
        return chosen
    return [row] + [u for u in chosen if u.hit.passage.id != span[0]]


def earlier_statement_first(answerer, query, kind: str | None, chosen: list[Unit],
                            units: list[Unit]) -> list[Unit]:
    """A sources follow-up that points back and asks nothing of its own ("who found that?", "who
    showed this?", "which ref is that?") asks the sources of the statement the earlier question's
    answer quoted first: that sentence, when it cites, comes first. Its verb ("found", "showed") is
    the question's form, not a word to match: read as one, "who found that?" after "do stem cell
    shots help knee arthritis?" quoted another review's "228 MSC registered human trials were found
    at the NIH website" (user trial 43). When it is moved, the other quotes stay as context, uncited,
    as for "which ref is that?" (`references.one_study`): their studies are not what "that" found."""
    if not query.context or kind != "sources" or not subject_from_earlier(query.text):
        return chosen
    earlier = set(tokenize(query.context))
    if len([t for t in dict.fromkeys(query.tokens) if t not in QUESTION_FORM and t not in earlier]) > 1:
        return chosen  # "who found that in children?": words of its own to match
    span = earlier_first_span(answerer, query.context)
    if span is None:
        return chosen
    pid, start, _ = span
    first = next((u for u in chosen + units if u.hit.passage.id == pid and u.start <= start < u.end), None)
    if first is None or not first.citations or (chosen and chosen[0] is first):
        return chosen  # already first: the citations are `references.one_study`'s to choose
    rest = [u for u in chosen if u is not first]
    for u in rest:  # shown as context, not cited: "that" is the earlier statement, not theirs
        u.context_only = True
    first.context_only = False
    return [first] + rest


READ_ALONE = "Read on its own, not as a follow-up of: "  # the note's opening, which the chat shows as its own line


def changed_subject(answerer, question: str, k: int, docs, mode: str, query, quotes: list[str], hint: bool):
    """The answer to a question read as a follow-up, asked on its own instead, or None. A question taken
    as a follow-up only for its shortness, not its wording ("any tumour risk?" after "MSC cartilage repair
    trials refs?": few content words, no name; no "and ...?", no "those", not "what dose?"), that only
    adds an element and whose quotes name none of the words it adds answers the
    earlier question again; when the question asked alone is answered and a quote of that answer names
    an added word, the question changed the subject, and the answer on its own is given, saying so
    (user trial 56: the chat refused "any tumour risk?" as the cartilage question's follow-up).
    `quotes`: the follow-up reading's quotes. Needs `followup_changed_subject`."""
    if not query.context or not answerer.settings.answer.followup_changed_subject \
            or leans_back(query.text) or subject_from_earlier(query.text):
        return None  # "and in chronic GVHD?", "what dose?": the wording itself takes the earlier subject
    forms = addition_forms(query)
    if not forms or any(names_addition(forms, answerer.tokens_of(q)) for q in quotes):
        return None
    alone = answerer._ask(question, k, docs, mode, None, hint)
    if not alone.found or not any(names_addition(forms, answerer.tokens_of(sp.text)) for sp in alone.spans):
        return None
    note = (f"{READ_ALONE}{query.context} (no passage on that question names "
            + " or ".join(f"'{w}'" for w in unnamed_addition(query, [])) + ").")
    return alone.model_copy(update={"message": "\n".join(m for m in (note, alone.message) if m)})
