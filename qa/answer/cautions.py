"""The warnings an answer carries above its quotes, one concern each, read from every on-topic span
(not only the `k` shown: `--k` never changes them): a weak match (the refusal model's confidence
in its least reliable bin), no quote stating the asked value in its unit, a name no article uses,
words in another script that were not searched, or a question in another language."""
from __future__ import annotations

from qa.answer import refusal
from qa.answer.abbreviations import unquoted_name_caution, unquoted_names, unwritten_names
from qa.answer.focus import asked_thing_caution, value_caution
from qa.answer.vague import not_english_caution, other_script_caution


def answer_caution(answerer, asked: str, kind: str, read_as: list[tuple[str, str]], confidence: float,
                   quotes: list[str], named: bool, doc_ids: set[str] = frozenset(), first_doc: str = "") -> str:
    """The answer's cautions as one paragraph ('' for none). An answer about a named study quotes
    that study's own sentences (its note says so): its confidence is not the question's. `doc_ids`: the
    quoted articles, where a name's abbreviation may be written out (qa.answer.abbreviations); `first_doc`: the
    first quote's article, which should write the names the question gives (`unquoted_names`)."""
    weak = "" if named else refusal.caution(confidence, answerer.settings.answer.caution_share)
    absent = refusal.absent_name_caution(unwritten_names(answerer, asked, read_as, quotes, set(doc_ids)), quotes)
    if not absent and first_doc and answerer.settings.answer.unquoted_name_caution:
        absent = unquoted_name_caution(unquoted_names(answerer, asked, {first_doc}))
    # the question as its shorthand was read ('OS' as 'overall survival'): "What was the 2-year OS in the
    # Kuzmina GVHD trial?" asks survival as surely as the words would (user trial 42)
    read = " ".join([asked] + [meaning for _, meaning in read_as])
    stated = value_caution(asked, kind, quotes) or asked_thing_caution(read, quotes)
    language = other_script_caution(asked) or not_english_caution(answerer.index, asked)
    return " ".join(w for w in (weak, stated, absent, language) if w)
