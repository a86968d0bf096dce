"""One answer's steps, in order (the body of `Answerer.ask`; the Answerer holds what they share).

Cheap checks refuse bad input before the index is touched; the articles a question names are asked
of; a too vague question is refused; the passages are retrieved on a fixed depth (`k` only bounds what
is shown) and their sentences and rows scored; the refusal model decides whether the library answers;
the quotes are chosen and reordered (a named study's citing sentences, a count first, the earlier
answer's row or statement for a follow-up, a quote naming the asked attribute, every row a table
question selects, each named article); the refusals read once the quotes are chosen; then the spans,
their citations, the evidence shown and the notes and cautions of the answer.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from qa import validate
from qa.models import NOT_FOUND_MESSAGE, Answer, Span
from qa.answer import after_quotes, vague
from qa.answer.cautions import answer_caution
from qa.answer.written import TITLE_MARK, read_as_line
from qa.answer.more_note import more_note
from qa.answer.attribute_first import attribute_first
from qa.answer.abbreviations import name_writer_first
from qa.answer.counts import as_read, count_first
from qa.answer.followup import (addition_caution, changed_subject, earlier_row_first, earlier_statement_first, on_topic,
                                unnamed_addition, without_refused_earlier)
from qa.answer.reference_list import aggregate_references
from qa.answer.references import choose_citations
from qa.answer.units import Unit, strongest_per_review
from qa.answer.named_study import about_named_study
from qa.answer.rewording import reworded_units
from qa.answer.unreported import library_read
from qa.answer.table_extremes import extreme_rows, rows_first, table_rows_of
from qa.answer.table_every import with_every_rows
from qa.answer.each_named import each_named
from qa.retrieval.named_article import asked_of
from qa.retrieval.table_fields import asked_field, table_fields
from qa.retrieval.question import QUESTION_FORM, kind_of
from qa.index.analyzer import tokenize

if TYPE_CHECKING:
    from qa.answer.answerer import Answerer


def answer(answerer: Answerer, question: str, k: int, docs: list[str] | str | None, mode: str,
           previous: str | None, hint: bool = True) -> Answer:
    """The answer to `question` (Answerer.ask's arguments, validated here); `hint` off for the checks
    that ask again on their own (the 'Did you mean' hint, a follow-up asked alone) so they do not recurse."""
    def hint_of(text: str) -> str:  # 'Did you mean', for a refusal (not for the hint's own check)
        return vague.suggestion(answerer, text, docs, mode, previous) if hint else ""

    # cheap checks first: bad input is refused before the index is touched
    question = validate.question(question)
    k = validate.k(k)
    mode = validate.mode(mode)
    validate.doc_ids(docs)
    # the articles the question names (by id or by name) are asked of, as --doc; several each quoted
    of = asked_of(answerer.retriever.index, question, docs, answerer.retriever.expander,
                  answerer.settings.answer.each_named_article)
    asked, docs, named_note, compared = of.question, of.doc_ids, of.note, of.compared
    query = answerer.retriever.query_from(asked, previous)
    asked = query.asked or asked  # in the library's spelling ('aetiology' -> 'etiology'), as retrieval read it
    query, previous, refused_earlier = without_refused_earlier(answerer, query, asked, previous)
    docs = validate.docs(docs, answerer.retriever.index.doc_ids)  # also when the question is too vague
    # 'wich studies' is a sources question; a table's fields are the library's columns
    kind = kind_of(query, answerer.index)
    query = query.with_kind(kind, asked_field(query.text, kind, table_fields(answerer.index)))
    vague_note, too_vague = vague.message(answerer.index, query)
    if vague_note:
        return Answer(question=question, found=False, kind=kind, context=query.context, confidence=0.0,
                      too_vague=too_vague, message="\n".join(m for m in (vague_note, hint_of(asked)) if m))
    # the answer is decided on a fixed depth, so k only bounds what is shown; a k beyond the
    # depth retrieves its longer list of passages for the evidence shown, not for the answer
    depth = answerer.settings.answer.sources_depth if kind == "sources" else answerer.settings.answer.answer_depth
    hits = answerer.retriever.search(query, k=depth, mode=mode, docs=docs)
    retrieved = hits if k <= depth else answerer.retriever.search(query, k=k, mode=mode, docs=docs)
    if not hits:
        return Answer(question=question, found=False, kind=kind, message=NOT_FOUND_MESSAGE)
    units = answerer.units(hits)
    answerer.score_units(query, units)
    units.sort(key=lambda u: -u.score)
    confidence = answerer.confidence(query, units, hits, mode, docs)
    found = confidence >= answerer.threshold(asked, library_read(answerer, query))
    units, off_topic = on_topic(answerer, query, units, mode, docs) if found else (units, "")
    found = found and not off_topic
    extreme = extreme_rows(asked, query.tokens, hits, table_rows_of(answerer.index), tokenize) \
        if found and answerer.settings.answer.table_extremes else None
    if extreme is not None:  # "which trial had the most patients?": the rows holding it first
        units, retrieved = rows_first(answerer, extreme, units, retrieved)
    evidence = retrieved[:k]
    context_note = "\n".join(n for n in (
        named_note, f"Read as a follow-up of: {query.context}" if query.context else "",
        read_as_line(answerer, query.read_as), extreme.note() if extreme else "") if n)
    named = about_named_study(answerer, query, asked, previous, docs, None if not found else units[0])
    if named is not None:  # "What did Connick et al. find?": the sentences citing that study
        hits, units, note = named
        evidence, found = hits[:k], True
        context_note = "\n".join(n for n in (context_note, note) if n)
    if not found:
        return Answer(question=question, found=False, kind=kind, passages=evidence, context=query.context,
                      confidence=round(confidence, 4),
                      message="\n".join(m for m in (context_note, off_topic or NOT_FOUND_MESSAGE,
                                                     "" if off_topic else answerer.title_note(query, asked),
                                                     hint_of(asked), vague.not_english_caution(answerer.index, asked))
                                         if m))
    if kind == "sources":  # refusal and topic decided on the question as asked
        units = reworded_units(answerer, query, units, previous, depth, mode, docs)
    chosen = answerer.select(query, units)
    if kind != "sources":  # the first quote from an article writing the names the question gives
        chosen = name_writer_first(answerer, asked, chosen)
    # a quote stating the count first; the counted noun as its shorthand was read ('pts': 'patients')
    chosen = count_first(as_read(asked, query.read_as), kind, chosen)
    chosen = earlier_row_first(answerer, query, kind, chosen, units)  # "how many patients did it include?": its row
    chosen = earlier_statement_first(answerer, query, kind, chosen, units)  # "who found that?": what it said
    # an answer about to be refused for not naming the asked attribute quotes one that does, when close
    if named is None and after_quotes.attribute_gap(answerer, asked, kind, confidence, [u.text for u in chosen]):
        chosen = attribute_first(asked, kind, chosen, units, answerer.retriever.expander.concepts,
                                 answerer.settings.answer.attribute_first_share, answerer.settings.answer.max_spans)
    if answerer.settings.answer.table_every and extreme is None and named is None:  # "list every aGVHD trial"
        chosen, retrieved = with_every_rows(answerer, asked, kind, query, hits, retrieved, chosen)
    if compared and answerer.settings.answer.each_named_article and named is None:  # each named article quoted
        chosen, retrieved = each_named(answerer, query, chosen, compared, mode, depth, retrieved)
    # a weak match whose quotes miss what the question asks is refused after all, saying why
    refused = "" if named is not None else answerer.refused_after_quotes(query, asked, kind, confidence, chosen, hits)
    if refused:
        alone = changed_subject(answerer, question, k, docs, mode, query, [u.text for u in chosen], hint)
        if alone is not None:  # "any tumour risk?" after a cartilage question: a new question
            return alone
        return Answer(question=question, found=False, kind=kind, passages=evidence, context=query.context,
                      confidence=round(confidence, 4),
                      message="\n".join(m for m in (context_note, f"{NOT_FOUND_MESSAGE} {refused}",
                                                     "" if TITLE_MARK in refused else answerer.title_note(query, asked),
                                                     hint_of(asked))
                                         if m))
    terms = answerer.terms(query)

    # a follow-up's own words (not the earlier question's): what its secondary spans must name to cite
    followup = {t for t in query.tokens if t in terms and t not in QUESTION_FORM} if query.context else None
    citing = choose_citations(asked, kind, chosen, terms, answerer.index, answerer.tokens_of,
                              answerer.settings.answer, answerer.topic(query), followup, len(compared) >= 2)

    def as_span(u: Unit) -> Span:
        offered = {c.key for c in citing[id(u)]}
        printed = [c for c in u.citations if u.start <= c.start and c.end <= u.end and c.key not in offered]
        return Span(text=u.text, doc_id=u.hit.passage.doc_id, passage_id=u.hit.passage.id,
                    section=u.hit.passage.section, start=u.start,
                    end=u.end, score=round(u.score, 4), citations=citing[id(u)],
                    also_cited=list({c.key: c for c in printed}.values()))

    support = [as_span(u) for u in chosen]  # every on-topic span: the study table's evidence
    more = max(0, len(chosen) - k)
    if more:
        # the cited spans first: a sentence shown as context only (below a sources answer's
        # citation floor) does not take the place of another review's cited one
        citing_first = strongest_per_review([u for u in chosen if not u.context_only], k, kind != "sources")
        keep = {id(u) for u in citing_first + [u for u in chosen if u.context_only][:k - len(citing_first)]}
        chosen = [u for u in chosen if id(u) in keep]
    spans = [as_span(u) for u in chosen]
    # the evidence: the top-k hits plus every deeper hit an answer span was taken from
    used = {sp.passage_id for sp in spans}
    evidence = evidence + [h for h in (hits if named else retrieved)[k:] if h.passage.id in used]
    notes = [context_note] if context_note else []
    weak = answer_caution(answerer, asked, kind, query.read_as, confidence, [sp.text for sp in support], bool(named),
                          {sp.doc_id for sp in support}, support[0].doc_id if support else "")
    if answerer.settings.answer.followup_addition_caution:  # a follow-up whose quotes never name what it adds
        added = addition_caution(unnamed_addition(query, [answerer.tokens_of(sp.text) for sp in support]))
        alone = changed_subject(answerer, question, k, docs, mode, query, [sp.text for sp in support], hint) \
            if added else None
        if alone is not None:
            return alone
        weak = " ".join(w for w in (weak, added) if w)
    weak = " ".join(w for w in (weak, refused_earlier) if w)  # read with an earlier question refused alone
    if weak:
        notes.append(weak)
    spelling = hint_of(asked)  # a misspelt word read as present: still offer the reading
    if spelling:
        notes.append(spelling)
    if more:
        notes.append(more_note(k, more))
    from qa.answer.studies import annotate  # reviews named, studies grouped (qa/answer/studies.py)

    return annotate(Answer(question=question, found=True, kind=kind, spans=spans,
                           references=aggregate_references(spans),
                           other_references=aggregate_references(spans, also=True), passages=evidence, more=more,
                           context=query.context, confidence=round(confidence, 4), caution=weak,
                           message="\n".join(notes)), answerer.index, support)
