"""Settings of the answer stage: how spans are scored, chosen, cited and refused.

Kept apart from `qa.settings` (which composes every stage's group) because nothing here shapes
the built index: `qa/settings.py` is part of the index's code fingerprint, this file is not, so
tuning an answer weight or refitting the refusal model never forces a rebuild. The citation
fields live in qa/answer/citation_settings.py (`CitationSettings`), the refusal and caution fields in
qa/answer/refusal_settings.py (`RefusalSettings`), the joins of the first span in
qa/answer/join_settings.py (`JoinSettings`), a sources answer's in qa/answer/sources_settings.py
(`SourcesSettings`) and a follow-up's in qa/answer/followup_settings.py (`FollowupSettings`);
`AnswerSettings` inherits them all, names stay flat.
"""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from qa.answer.citation_settings import STRICT as _STRICT, CitationSettings
from qa.answer.followup_settings import FollowupSettings
from qa.answer.join_settings import JoinSettings
from qa.answer.refusal_settings import REFUSAL_MODEL, RefusalSettings  # noqa: F401 (REFUSAL_MODEL re-exported)
from qa.answer.sources_settings import SourcesSettings


class AnswerSettings(FollowupSettings, SourcesSettings, JoinSettings, RefusalSettings, CitationSettings):
    """How answer spans are scored, chosen and refused (calibrated on the dev split); the refusal,
    citation, join, sources and follow-up fields are inherited from the step groups above."""

    model_config = _STRICT
    span_dense_weight: float = Field(
        default=0.45, ge=0.0, le=1.0, description="Answer-unit score: weight of sentence/question cosine."
    )
    span_lexical_weight: float = Field(
        default=0.40, ge=0.0, le=1.0, description="Answer-unit score: weight of idf-weighted term coverage."
    )
    span_rank_weight: float = Field(
        default=0.15, ge=0.0, le=1.0, description="Answer-unit score: weight of the passage's retrieval rank."
    )
    value_first_margin: float = Field(
        default=0.03, ge=0.0, le=1.0,
        description="A sentence stating the asked value in its unit (qa.answer.focus.states_asked; for a question "
        "asking several things or comparing two, one enumerating or naming something the question does not: "
        "focus.asked_items) is put first when the best sentence lacks it and it scores within this of the best "
        "(qa.answer.units.value_first; 0: off). 0.03 chosen on dev + blind-dev; 0.05 and 0.08 cost dev-seeds citation precision (0.752 -> 0.729 / 0.720).")
    count_focus_first: bool = Field(
        default=True,
        description="A sentence counting the head noun of a \"how many X\" question (qa.answer.counts.asked_count) is "
        "its asked value, put first on a near tie (value_first_margin).")
    several_margin: float = Field(
        default=0.2, ge=0.0, le=2.0,
        description="A question asking several things or comparing two (a list, a plural wh-head, a comparison) "
        "takes a second span scoring up to this far below the best: a single-sentence answer to it names one "
        "item or one side (the spans after the second: span_margin). 0.2-0.3 the same; 0.2: blind-dev-seeds and "
        "blind-dev-pdfs answer hit +1 each, nothing else moved (evals/README.md, nineteenth session).")
    span_margin: float = Field(
        default=0.15, ge=0.0, le=2.0, description="Spans scoring this far below the best span are left out."
    )
    idf_floor: float = Field(
        default=0.1, ge=0.0, le=10.0,
        description="Smallest idf a question term weighs in coverage (common words still count a little).",
    )
    focus_weight: float = Field(
        default=0.08, ge=0.0, le=1.0,
        description="Added when a sentence has what the question's focus asks for (a number of the asked "
        "unit, a table row, citations, a defining verb, an enumeration, a contrast).",
    )
    definition_focus_weight: float = Field(
        default=0.08, ge=0.0, le=1.0,
        description="Added to focus_weight for a definition question: the sentence defining the asked term "
        "(qa.retrieval.defining: beside its long form, 'called', an apposition, a defining copula) over one only "
        "using it ('We took advantage of the three-allele library to test ...'). 0.08 and 0.12 measure the same, "
        "0.2 costs citation precision (evals/README.md, fifteenth session).")
    answer_type_weight: float = Field(
        default=0.15, ge=0.0, le=1.0,
        description="Answer-unit score: weight of the answer-type match (qa.answer.focus.answer_type: a number "
        "the question does not state, for a question asking a quantity; an enumeration, for one asking several "
        "things), centred so a sentence lacking the asked shape loses half of it. Chosen on dev + blind-dev.",
    )
    finding_focus: Literal["off", "harm", "both"] = Field(
        default="harm",
        description="A question asking whether a treatment did harm ('any side effects?', 'is it safe?', 'did any "
        "die?') wants a sentence reporting a harm finding ('None of the patients had side effects', 'no adverse "
        "effects, deaths or ...'), not the one beside it on the topic or on its benefit: part of the answer type "
        "(qa.answer.findings; 'both' also reads a question asking whether it worked). 'harm': blind-dev-seeds top "
        "span +1, nothing else moved; 'both' adds dev-seeds +1 but one more wrong key on blind-dev-seeds (citation "
        "P 0.703 -> 0.700; evals/README.md, twenty-third session, 'Lay findings helper').")
    echo_penalty: float = Field(
        default=0.15, ge=0.0, le=1.0,
        description="Answer-unit score: subtracted times the share of the sentence's (idf-weighted) words that "
        "are the question's own (qa.answer.focus.echo): a sentence restating the question yields to one adding "
        "what was found. Chosen on dev + blind-dev.",
    )
    each_named_article: bool = Field(
        default=True, description="A question naming two or more articles quotes each: the best sentence of a named "
        "article the chosen quotes leave out is added after them (qa.answer.each_named).")
    attribute_first_share: float = Field(
        default=0.4, ge=0.0, le=1.01,
        description="When a weak answer would be refused because no chosen quote names the attribute the question "
        "asks for ('which statistical test'), a sentence of a quoted article that names it and scores at least this "
        "share of the first quote is quoted first instead (qa.answer.attribute_first; above 1, off). User trial 44: "
        "dev, test-seeds and blind-dev PDFs unchanged, two blind-dev seeds false refusals answered.")
    table_every: bool = Field(
        default=True, description="A table or list question saying 'every', 'each' or 'all' quotes every row of "
        "the best-ranked table that its own words select, in table order, not the best three (qa.answer.table_every).")
    table_extremes: bool = Field(
        default=True,
        description="A superlative over a table ('which trial had the most patients?') puts first the row holding "
        "the extreme value of the numeric column the question names (qa.answer.table_extremes). Changes one "
        "blind-dev question (the one superlative over a table) and no other (evals/README.md, eighteenth session).")
    row_mismatch_penalty: float = Field(
        default=0.1, ge=0.0, le=1.0,
        description="Subtracted from a table row whose cell contradicts a number the question gives for its "
        "column ('phase II' against 'Phase: I'; qa.answer.row_match). 0.1 and 0.2 leave every dev and blind-dev "
        "figure unchanged (evals/README.md, fourteenth session); the smaller is kept.")
    cited_phase_mismatch: bool = Field(
        default=True,
        description="A sentence naming no trial phase itself, all of whose cited studies have trial-table rows stating "
        "other phases than the question's, takes row_mismatch_penalty as a sentence naming another phase does (the "
        "study registry's rows: qa.answer.row_match.cites_other_phase; 'the phase II study of Le Blanc' is not the "
        "2004 single case, a phase I row; user trial 54).")
    asked_phase_first: bool = Field(
        default=True,
        description="When the best sentence names another trial phase or row value than the question's "
        "(`row_mismatch_penalty`'s reading), the best sentence naming the question's phase ('phase III') within "
        "`span_margin` is the first span (qa.answer.row_match.names_asked_phase; user trial 52).")
    alternative_first: bool = Field(
        default=False,
        description="An alternative question ('were the MSCs given intravenously or into the hepatic artery?'): "
        "when the best sentence names neither side of its 'or', the best naming one (a synonym, abbreviation or "
        "another ending counts: 'Route: IV') within `span_margin` is the first span (qa.answer.alternatives; user "
        "trials 50 and 52). Off: on blind-dev rounds 1-13 it fires on 33 questions and moves two, one answer "
        "refused rightly and one top span lost (evals/README.md, thirty-eighth session); b14-b21 gain one.")
    context_dense_weight: float = Field(
        default=0.0, ge=0.0, le=1.0,
        description="Share of a sentence's cosine taken from the better of its own and the previous "
        "sentence's (same passage): a result sentence inherits the topic of the setup sentence before it.",
    )
    span_legend_penalty: float = Field(
        default=0.2, ge=0.0, le=1.0,
        description="Subtracted, in span selection (after refusal has read the scores), from the score of a sentence "
        "of a figure legend that keys its image's colours ('DAPI (blue)', 'shown in red': qa.answer.span_order."
        "keys_colours) or does not state the value the question asks (in its unit or a count): when the "
        "article's running text states the finding, the legend describing the picture that shows it comes second. "
        "0.1 / 0.2 / 0.3 measured (evals/README.md, nineteenth session): 0.3 loses a question whose answer only a "
        "legend states; on every legend sentence it lost more answers stated only in a legend "
        "than it gained on blind rounds b1-b13 (thirty-seventh and thirty-eighth sessions).")
    finding_first_margin: float = Field(
        default=0.1, ge=0.0, le=1.0,
        description="When the best sentence for a question of `finding_first_kinds` lies in a research article's "
        "Discussion (qa.retrieval.section_role.article_part; a document with a Results part), the best sentence of "
        "another part of the same article (its Results, Introduction, Methods; not a caption) scoring within this margin of it is the first span: the "
        "Discussion restates the finding ('This is underscored by our observation that ...') among others' findings "
        "and speculation, the Results state it. Order only: scores stay, so the Discussion sentence still answers "
        "as a further span. 0 turns it off (evals/README.md, twenty-fifth session, PDF first span helper).")
    finding_first_kinds: tuple[str, ...] = Field(
        default=("yesno", "comparison"),
        description="The question kinds `finding_first_margin` applies to: a yes/no question or a comparison asks a "
        "finding. Added, fact questions lost three first spans and gained none; number, list and definition moved "
        "nothing.")
    procedure_first_margin: float = Field(
        default=0.1, ge=0.0, le=1.0,
        description="When the best sentence for a question asking how an experiment was done "
        "(qa.retrieval.protocol.asks_procedure) lies in a research article's Results, Discussion, Introduction or "
        "Abstract, the best sentence of the same article's Methods within this margin of it is the first span "
        "(qa.answer.span_order.procedure_first): the running text restates the experiment in the question's "
        "words, the Methods state how it was done. Order only; 0 turns it off. The margin is finding_first_margin's "
        "(evals/README.md, thirtieth session).")
    named_part_margin: float = Field(
        default=0.1, ge=0.0, le=1.0,
        description="When a question names a part of the article ('per the intro', 'According to the discussion', "
        "'in the Methods': qa.answer.named_part) and its best sentence lies in none of the parts named, the best "
        "sentence of the same article's named part within this margin of it is the first span. Order only; 0 turns "
        "it off (evals/README.md, thirty-first session).")
    span_legend_keeps_measure: bool = Field(
        default=True,
        description="A legend sentence stating the measure a question asks in its unit (a dose, a concentration, a "
        "temperature, a volume, a speed, a length, a duration: focus.LEGEND_MEASURES) keeps its score: a legend "
        "describing the procedure of its panel ('after receiving a single dose of HU (2,000 mg/kg of body weight)', "
        "'detected with IF after 24 h transfection') is where many articles state a protocol's values, which the "
        "running text does not repeat.")
    span_form_credit: float = Field(
        default=0.5, ge=0.0, le=1.0,
        description="Share of its weight a question term counts in a sentence's term coverage, in span selection, "
        "when the sentence itself holds it only in another form of the word ('cytoplasmic' for 'cytoplasm', 'treat' "
        "for 'treated': qa.answer.forms; 0: off). 0.3 / 0.5 / 1.0 measured (evals/README.md, twentieth session).")
    span_other_name_credit: float = Field(
        default=1.0, ge=0.0, le=1.0,
        description="Share of its weight a question term counts in a sentence's term coverage, in span selection, "
        "when the unit names it only by the name's other form an article defines ('Disease: OI' for 'osteogenesis "
        "imperfecta', by the article's 'osteogenesis imperfecta (OI)'; 'MSC source: Allo-UCB' for 'umbilical cord "
        "blood'): qa.answer.forms.other_name_share; 0: off. The same name, so its full weight; added after the "
        "refusal model has read the scores, as span_form_credit is; not in a sources answer, whose floors are shares "
        "of its best sentence (user trials 54, 55). Read for table rows only unless span_other_name_rows_only is off.")
    span_other_name_rows_only: bool = Field(
        default=True,
        description="Read span_other_name_credit for table rows only: a row's cell is where an article's abbreviation "
        "stands alone, with no sentence around it for the encoder or the term coverage to read. In running text the "
        "long form is mostly in the same passage or its section title, already carried by retrieval and the topic "
        "join, and crediting it too reordered six answers, two of them worse (evals/README.md, thirty-ninth session, "
        "h7; fortieth session, user trial 55).")
    span_predicate_credit: float = Field(
        default=0.04, ge=0.0, le=1.0,
        description="Added, in span selection, to a sentence's score times the share of the question's predicate "
        "(its past participle, or the verb after 'did they') the sentence holds in any form (qa.answer.predicate): "
        "idf weighs a common verb ('selected', 'quantify') little against the experiment's names every protocol "
        "sentence repeats. 0.03 / 0.05 measure the same, 0.07 and 0.1 lose questions whose verb the answer "
        "paraphrases (evals/README.md, twenty-sixth session, PDF first span helper 2). 0: off.")
    span_heading_discount: float = Field(
        default=0.2, ge=0.0, le=1.0,
        description="Share of a sentence's term coverage read without its section title's words it does not say itself "
        "(qa.answer.span_order.coverages): the title's words credit every sentence of its section alike, so a sentence "
        "naming the question's words itself comes before one under a heading that names them. 0.2 and 0.3 measure "
        "the same on dev and blind-dev; 0.5 and 1.0 lose review questions (evals/README.md, nineteenth session).")
    answer_depth: int = Field(
        default=10, ge=1, le=1000,
        description="Passages an answer is chosen from, whatever --k prints: the spans, their citations and "
        "the refusal are decided on these, so --k bounds the output and never changes the answer (a smaller "
        "k used to search fewer passages and could refuse what the default answers). The depth the "
        "refusal model was fitted and every evaluation was run at.")
    suggest_spelling: bool = Field(
        default=True, description="A question, refused or answered, with words neither the corpus nor the model's "
        "vocabulary knows (shorthand the synonyms read aside) gets 'Did you mean: ...' with each read as the corpus "
        "word one edit away ('sorces' -> 'sources'), when the question so read is answered; a hint only, a refusal "
        "stands (reading them so cost blind-dev refusals: evals/README.md).")
    max_spans: int = Field(default=3, ge=1, le=100, description="Most spans in a fact, number, table or list answer.")
    max_definition_spans: int = Field(default=2, ge=1, le=100, description="Most spans in a definition answer.")
