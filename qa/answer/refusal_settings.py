"""Settings of the answer stage's refusals and cautions: when an answer says the corpus does not
answer, or that its match is weak.

One stage group of `qa.answer.settings.AnswerSettings`, which inherits these fields: they stay flat
(`settings.answer.refusal_threshold`, `QA_REFUSAL_THRESHOLD`), kept in a module of their own so each
file holds one step's knobs (qa.answer.refusal, attribute, quantity, abbreviations, unreported and
followup read them). Like the rest of the answer stage, nothing here shapes the built index.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from qa.answer.citation_settings import STRICT

REFUSAL_MODEL = Path(__file__).resolve().parent / "refusal_model.json"


def _refusal_model() -> dict[str, Any]:
    """The fitted refusal model (written by `python -m qa.evaluation.calibrate --write`)."""
    import json

    return json.loads(REFUSAL_MODEL.read_text(encoding="utf-8"))


class RefusalSettings(BaseModel):
    """When the answer refuses or cautions (the refusal model calibrated on the dev splits, and the
    late refusals of a weak match, each chosen out of fold by blind-dev round)."""

    model_config = STRICT
    refusal_coefficients: list[float] = Field(
        default_factory=lambda: _refusal_model()["coefficients"], min_length=9, max_length=9,
        description="Logistic refusal model: weights of the evidence features of qa.answer.refusal "
        "(best_dense, unit_coverage, passage_coverage, missing_term, missing_specific, specific_coverage, "
        "top_standout, phrase_missing, phrase_coverage); "
        "default: qa/answer/refusal_model.json, fitted on the dev splits by qa.evaluation.calibrate.",
    )
    refusal_intercept: float = Field(
        default_factory=lambda: _refusal_model()["intercept"], ge=-100.0, le=100.0,
        description="Logistic refusal model: intercept (default from qa/answer/refusal_model.json).",
    )
    refusal_threshold: float = Field(
        default_factory=lambda: _refusal_model()["threshold"], ge=0.0, le=1.0,
        description="Answer when the calibrated probability that the corpus answers is at least this "
        "(default from qa/answer/refusal_model.json: false refusals <= 4% on the dev splits).",
    )
    open_question_threshold_share: float = Field(
        default=0.67, ge=0.0, le=1.0,
        description="A question that does not ask whether something holds (a wh-question or a fragment: not "
        "qa.retrieval.question.asks_whether) is refused by the model below this share of `refusal_threshold` (1: the "
        "same threshold for every question). Its weak matches are read again once the quotes are chosen (the asked "
        "attribute, quantity, count, unit, a name no article uses, an unreported attribute: qa.answer.after_quotes); "
        "a yes/no question has no asked value for those checks to find, so the model's threshold is its guard, as it "
        "is for a question naming a rare word no article writes ('sepsis', `unreported_frequency`). Chosen "
        "out of fold by blind-dev round (evals/README.md, thirtieth session, 'Do the refusal rules carry over?').")
    measured_name_keeps_share: bool = Field(
        default=True,
        description="A rare word no article writes keeps a value question at the whole `refusal_threshold` unless it "
        "names what the question measures in a unit ('how much slurry', 'luciferin dose', 'cohort size': "
        "qa.retrieval.number_units.names_measured), the writer's own name for what the article doses or measures; "
        "False: every such word does (evals/README.md, thirty-fourth session, 'Number and dose questions').")
    attribute_refusal_below: float = Field(
        default=0.3, ge=0.0, le=1.0,
        description="An answer whose refusal-model probability is below this, and none of whose quotes "
        "names the attribute the question asks ('median age', 'half-life': qa.retrieval.attribute), is "
        "refused (0: off). Chosen on blind-dev rounds, checked out of fold (evals/README.md).",
    )
    quantity_attribute_refusal_below: float = Field(
        default=0.4, ge=0.0, le=1.0,
        description="As `attribute_refusal_below`, up to this probability, when the unstated attribute is a quantity "
        "(qa.answer.quantity: 'how many X', or a singular noun the library writes with a number; 0: off).")
    quantity_attribute_share: float = Field(
        default=0.5, ge=0.0, le=1.0,
        description="The share of the library's sentences holding a noun that state a number, at or above which "
        "the noun names a quantity (qa.answer.quantity). Both chosen out of fold by blind-dev round (evals/README.md).")
    absent_name_refusal_below: float = Field(
        default=0.4, ge=0.0, le=1.0,
        description="An answer whose refusal-model probability is below this, to a question naming a term no "
        "article uses in any form ('Holter', 'CXCR7': qa.answer.refusal.absent_names; an abbreviation the quoted "
        "articles write out is used), is refused (0: off); above it the answer carries the 'No article uses' "
        "caution. Chosen on blind-dev rounds, checked out of fold by round; 0.3 -> 0.4 (the weak-match bin) once "
        "names the library writes another way were read (qa.answer.name_forms; evals/README.md).",
    )
    absent_name_yesno_refusal_below: float = Field(
        default=1.01, ge=0.0, le=1.01,
        description="As `absent_name_refusal_below`, up to this probability (1.01: at any confidence; 0: off), when the "
        "question asks whether something holds (qa.retrieval.question.asks_whether): a yes/no question about a name no "
        "article uses in any form ('was it Sillence type III?', 'is it the same molecule as MCAM?') has nothing in the "
        "library to confirm it, whatever the quotes on its topic score. Chosen out of fold by blind-dev round "
        "(evals/README.md, twenty-seventh session).",
    )
    count_unstated_refusal_below: float = Field(
        default=1.01, ge=0.0, le=1.01,
        description="An answer to a 'how many X' question none of whose quotes states a count (every new number is a "
        "time, temperature, dose, size or other measure with its unit, a year, or 'one': qa.answer.counts), or to 'how "
        "many days / weeks' none stating a time, is refused when its refusal-model probability is below this (1.01: at "
        "any confidence; 0: off): the quotes measure the experiment asked about but do not count what was asked. Chosen "
        "out of fold by blind-dev round (evals/README.md, 'Near misses stated otherwise').")
    counted_unnamed_refusal_below: float = Field(
        default=1.01, ge=0.0, le=1.01,
        description="An answer to a 'how many X' question none of whose quotes names X in any form (its head noun, "
        "or the singular of an irregular plural: 'mice', 'mouse') is refused when its refusal-model probability is "
        "below this (1.01: at any confidence; 0: off): its numbers count something else (qa.answer.counts."
        "counted_unnamed; user trial 57).")
    named_unit_refusal_below: float = Field(
        default=1.01, ge=0.0, le=1.01,
        description="An answer to a question naming the unit of its answer ('... in minutes?', '(in kb/min)', 'what %', "
        "'how many fold') none of whose quotes states a new number in that unit or another of its kind "
        "(qa.answer.named_unit) is refused when its refusal-model probability is below this (1.01: at any confidence; "
        "0: off). Checked by blind-dev round (evals/README.md, 'Near misses asking in a named unit').")
    unreported_refusal_below: float = Field(
        default=0.4, ge=0.0, le=1.0,
        description="A yes/no answer whose refusal-model probability is below this (0.4: the weak-match bin), to a "
        "question naming a word English rarely uses that the quoted articles never write in any form and no quote "
        "holds ('eosinophil', 'perfusion': qa.answer.unreported), is refused (0: off): the articles never report "
        "the condition asked about. Chosen out of fold by blind-dev round (evals/README.md).")
    unreported_frequency: int = Field(
        default=500, ge=0,
        description="The English dictionary frequency (qa.retrieval.spelling.english_frequency) at or below which "
        "a word counts as rare for `unreported_refusal_below` (0: off); everyday words ('cope', 'stuck') are "
        "put otherwise by the articles. Chosen out of fold by blind-dev round (evals/README.md).")
    unreported_attribute_refusal_below: float = Field(
        default=0.5, ge=0.0, le=1.01,
        description="An answer whose refusal-model probability is below this, to a question asking an attribute "
        "('what viscosity', 'what enrolment target') that no quote names and that holds a word English rarely uses "
        "(at most `unreported_frequency`) which the quoted articles never write in any form "
        "(qa.answer.unreported.unreported_attribute), is refused (0: off): the article never reports it. Chosen "
        "out of fold by blind-dev round (evals/README.md, 'Near-miss refusal recall, fourth pass').")
    unwritten_measure_refusal_below: float = Field(
        default=0.9, ge=0.0, le=1.01,
        description="An answer whose refusal-model probability is below this, to a question asking a quantity no "
        "quote names or states whose head noun the quoted articles write but whose other word ('hazard' ratio, "
        "'doubling' time) they never write in any form (qa.answer.unreported.unwritten_measure), is refused "
        "(0: off): the article reports other measures. Chosen out of fold by blind-dev round (evals/README.md, "
        "thirty-first session).")
    followup_addition_refusal_below: float = Field(
        default=1.01, ge=0.0, le=1.01,
        description="A follow-up that only adds an element ('and in stomach cancers?') whose quotes name none of the "
        "words it adds (qa.answer.followup.unnamed_addition) is refused when its refusal-model probability is below "
        "this (1.01: at any confidence; 0: never, the caution of `followup_addition_caution` stays): its quotes "
        "answer the earlier question again. Chosen out of fold by blind-dev round (evals/README.md).")
    refusal_methods_general_words: int = Field(
        default=100, ge=0,
        description="When one of the top three passages lies in its article's Methods (qa.retrieval.section_role.in_methods), a "
        "question word of general English (an English dictionary's frequency above this; 0: off) is not a "
        "specific word for `missing_specific` / `specific_coverage`: a protocol is written in the lab's terms "
        "('injected', 'gavage'), which a question words in everyday ones ('implanted', 'slurry', 'regimen'). "
        "Words the dictionary barely knows ('nucleoside', 'cachexia', 'tomography') stay specific.")
    refusal_idf_scope: str = Field(
        default="library", pattern="^(library|evidence|coverage)$",
        description="Where the refusal features' word weights (smoothed idf, relative to a word never used) are "
        "counted (qa.answer.refusal_evidence): 'library' (every passage), 'evidence' (the passages of the documents "
        "the top three passages come from) or 'coverage' (the evidence's for the shares of the question covered, "
        "the library's for the missing words). Over the library, ten PDFs joining three reviews raised 'MSC' from "
        "0.01 to 0.26 of the ceiling and near misses asked of the reviews were answered (0.727 -> 0.606 refused); "
        "'coverage' with its refit (measured, not switched on: the refit moves confidences tests pin): 0.758 -> 0.717 "
        "(evals/README.md, twenty-ninth session). 'evidence' was steadier still but refused fewer PDF near misses (a "
        "one-article scope weighs the article's own words to nothing). A scope needs the refusal model refitted for "
        "it (qa.evaluation.calibrate --write).")
    refusal_concept_forms: bool = Field(
        default=True,
        description="A question word (or phrase) that the library's synonyms or glossaries read as another phrase "
        "(`Query.concepts`: 'lupus' / 'SLE', 'heart attack' / 'myocardial infarction') is present in the refusal "
        "features when the top passages write that other phrase (qa.answer.refusal_evidence): the retrieval "
        "already searched for it, so its absence as typed is no sign the evidence lacks it.")
    refusal_lay_floor: float = Field(
        default=0.65, ge=0.0, le=1.01,
        description="An everyday question word the library never writes in any form (no name or code; a whole word "
        "of the model's general vocabulary: 'monkeys', 'eating') is present in the refusal features as the word of "
        "the top three passages the embedding model places nearest it ('primate', 'feeding'; qa.answer.lay_words), "
        "when that word lies at least this cosine from it and every such word of the question has one; above 1: "
        "off. At 0.6 'recommended' read as 'suggest' (0.63) lifted a near miss (evals/README.md, forty-second "
        "session).")
    unreported_reads_synonyms: bool = Field(
        default=True,
        description="A rare question word the library's synonyms read as a name the library writes (`Query.read_as`: "
        "'scleroderma' as 'systemic sclerosis') is no unwritten word for the yes/no rare-word refusal "
        "(`unreported_refusal_below`) nor for the whole threshold a rare word keeps (qa.answer.unreported, "
        "`Answerer.threshold`): the library writes it, in its own words.")
    refusal_window_spread: float = Field(
        default=0.0, ge=0.0, le=1.0,
        description="The evidence window of the window-dependent refusal features: this share of their weight is "
        "read over the top four and top five passages (half each), the rest over the top three (0: exactly the "
        "top three). Measured at 0.5 with a refit: no steadier as the library grows (evals/README.md, "
        "twenty-ninth session); off.")
    followup_addition_caution: bool = Field(
        default=True,
        description="A follow-up that only adds an element ('and in chronic GVHD?', 'what about dogs?') whose quotes "
        "name none of the words it adds, in any form, is answered with a caution saying so: the quotes answer the "
        "earlier question again (user trial 30).")
    followup_new_name: bool = Field(
        default=True,
        description="A follow-up that only adds an element naming a name the earlier question lacks ('and for RA?' "
        "after a lupus question; a capital or digit inside the word), written in its best passage, asks the earlier "
        "question of that subject: the follow-up topic check (followup_topic_ratio) is not read "
        "(qa.answer.followup.new_subject; user trial 40).")
    unquoted_name_caution: bool = Field(
        default=True,
        description="An answer none of whose quoted articles writes a name the question gives ('MH42', 'K548R', "
        "'CD34': a capital or digit inside the word), in that form or its glossary's long form, though another "
        "article of the library writes it, is cautioned: the quotes are about another subject (user trial 32).")
    name_writer_first: bool = Field(
        default=True,
        description="When the first quote's article never writes a name the question gives that another article "
        "writes (the reading of unquoted_name_caution), the first chosen quote writing every such name comes first "
        "(qa.answer.abbreviations.name_writer_first; user trial 51).")
    refusal_title_note: bool = Field(
        default=True,
        description="A refused question whose words no passage writes but the reference title of a study the "
        "articles cite does ('platelet lysate', only in kim2013's titles [87] and [91]) names those studies, "
        "marked as titles, not findings; the refusal stands (qa.answer.written; user trial 55, Q12).")
    unstated_attribute_caution: bool = Field(
        default=True,
        description="An answer none of whose quotes names the attribute the question asks ('RNA integrity number "
        "cutoff', 'median age': qa.answer.unstated.unstated) in any written form or counterpart is cautioned, at "
        "any confidence: above `attribute_refusal_below` it is answered, but the quotes may be the topic's, not "
        "the asked fact (user trial 42, Q11; trial 41, Q19).")
    caution_reads_valued_measure: bool = Field(
        default=True,
        description="unstated_attribute_caution does not name as never written a measure word ('dose') that a quote "
        "states by its value in the measure's unit ('0.5×10^6 MSCs' for 'What cell dose was infused?': "
        "qa.answer.unstated.valued_measures), as the check of the quotes already does (user trial 55, Q17).")
    caution_share: float = Field(
        default=0.35, ge=0.0, le=1.01,
        description="An answer says it is a weak match when, among the dev questions whose refusal-model "
        "probability fell in the same reliability bin (refusal_model.json), at least this share had no answer "
        "in the corpus (1.01: never). A near miss answered with a confident-looking quote was user trial 6's "
        "most dangerous finding; the bins measure how often that happens at each confidence. 0.35 marks the "
        "weakest answered bin (0.2-0.4: 37% of its dev questions unanswerable at the last fit), not 0.4-0.6 (33%).")
