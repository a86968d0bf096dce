"""The warnings an answer carries above its quotes, one concern each, read from every on-topic span
(not only the `k` shown: `--k` never changes them): a weak match (the refusal model's confidence
in its least reliable bin), no quote stating the asked value in its unit, a name no article uses,
words in another script that were not searched, or a question in another language."""
from __future__ import annotations

from qa.answer import refusal
from qa.answer.unstated import unstated, valued_measures
from qa.retrieval.question import QUESTION_FORM
from qa.retrieval.word_forms import absent_words, written_forms
from qa.index.analyzer import tokenize
from qa.answer.counts import as_read
from qa.answer.unreported import text_tokens
from qa.answer.abbreviations import unquoted_name_caution, unquoted_names, unwritten_names
from qa.answer.focus import asked_thing_caution, value_caution
from qa.answer.vague import not_english_caution, other_script_caution
from qa.answer.written import only_in_titles, titles_line

CHECK = " Check that the quotes answer what you asked."


def answer_caution(answerer, asked: str, kind: str, read_as: list[tuple[str, str]], confidence: float,
                   quotes: list[str], named: bool, doc_ids: set[str] = frozenset(), first_doc: str = "") -> str:
    """The answer's cautions as one paragraph ('' for none). An answer about a named study quotes
    that study's own sentences (its note says so): its confidence is not the question's. `doc_ids`: the
    quoted articles, where a name's abbreviation may be written out (qa.answer.abbreviations); `first_doc`: the
    first quote's article, which should write the names the question gives (`unquoted_names`)."""
    weak = "" if named else refusal.caution(confidence, answerer.settings.answer.caution_share)
    names = unwritten_names(answerer, asked, read_as, quotes, set(doc_ids))
    titled = [n for n in names if only_in_titles(answerer, n)]  # a cited study's title writes it: said so
    absent = " ".join(c for c in (refusal.absent_name_caution([n for n in names if n not in titled], quotes),
                                  titles_line(answerer, titled, asked, "names") + CHECK if titled else "") if c)
    if not absent and first_doc and answerer.settings.answer.unquoted_name_caution:
        absent = unquoted_name_caution(unquoted_names(answerer, asked, {first_doc}))
    # the question as its shorthand was read ('OS' as 'overall survival'): "What was the 2-year OS in the
    # Kuzmina GVHD trial?" asks survival as surely as the words would (user trial 42)
    read = " ".join([asked] + [meaning for _, meaning in read_as])
    stated = value_caution(asked, kind, quotes) or asked_thing_caution(read, quotes) or unstated_caution(
        answerer, as_read(asked, read_as), kind, quotes, doc_ids)
    language = other_script_caution(asked) or not_english_caution(answerer.index, asked)
    return " ".join(w for w in (weak, stated, absent, language) if w)


def unstated_caution(answerer, asked: str, kind: str, quotes: list[str], doc_ids: set[str]) -> str:
    """A note for an answer none of whose quotes names the attribute asked, a word of which no quoted
    article writes anywhere ("What RNA integrity number cutoff was used for the metagenomic sequencing?"
    quoting the sequencing sentences of an article that never writes 'integrity' or 'cutoff': user
    trial 42), '' otherwise. An attribute its article writes elsewhere is mostly the quotes'
    own, stated without its name ("a single infusion of 2 x 10^6 cells" for a dose); so is a one-word attribute ('features', 'benefits', 'share'), a generic noun a sentence answers without naming it."""
    if not answerer.settings.answer.unstated_attribute_caution or not quotes or not doc_ids:
        return ""
    gap = unstated(asked, kind, quotes, answerer.retriever.expander.concepts)
    if not gap:
        return ""
    own = [t for t in tokenize(gap) if t not in QUESTION_FORM]
    if len(own) < 2:  # one word ('features', 'benefits', 'share') is a generic noun a sentence answers unnamed
        return ""
    written = text_tokens(answerer.index, doc_ids)  # each article's text tokenized once per index
    present = written_forms(set(own), written)
    # a measure a quote states by its value is named there ("0.5×10^6 MSCs" for a 'cell dose'): its word,
    # unwritten in the article, is no sign that the attribute is not given (user trial 55)
    by_value = valued_measures(asked, tuple(gap.split()), quotes) \
        if answerer.settings.answer.caution_reads_valued_measure else set()
    missing = [w[0] for w in absent_words(gap, present) if w[0] not in QUESTION_FORM and w[0] not in by_value]
    if not missing:
        return ""
    words = " or ".join(f"'{w}'" for w in missing[:3])
    return (f"No quote names the {gap}, which the question asks for, and the quoted articles never write {words}: "
            "they may not give it; check that the quotes answer what you asked.")
