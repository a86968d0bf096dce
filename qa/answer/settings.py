"""Settings of the answer stage: how spans are scored, chosen, cited and refused.

Kept apart from `qa.settings` (which composes every stage's group) because nothing here shapes
the built index: `qa/settings.py` is part of the index's code fingerprint, this file is not, so
tuning an answer weight or refitting the refusal model never forces a rebuild. The citation
fields live in qa/answer/citation_settings.py (`CitationSettings`), the refusal and caution fields in
qa/answer/refusal_settings.py (`RefusalSettings`); `AnswerSettings` inherits both, names stay flat.
"""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from qa.answer.citation_settings import STRICT as _STRICT, CitationSettings
from qa.answer.refusal_settings import REFUSAL_MODEL, RefusalSettings  # noqa: F401 (REFUSAL_MODEL re-exported)


class AnswerSettings(RefusalSettings, CitationSettings):
    """How answer spans are scored, chosen and refused (calibrated on the dev split); the refusal and
    citation fields are inherited from `RefusalSettings` and `CitationSettings`."""

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
    span_join_margin: float = Field(
        default=0.15, ge=0.0, le=1.0,
        description="The first span is extended by the next sentence of its passage when that one scores "
        "within this margin of it: a sentence setting up a finding and the one stating it (0: only a sentence "
        "opening as a continuation, 'This', 'These', ...). Default = span_margin; chosen on dev + blind-dev.")
    span_join_margin_several: float = Field(
        default=0.25, ge=0.0, le=1.0,
        description="span_join_margin for a question asking for several things or comparing two (a list, a "
        "plural wh-head, kind comparison), whose answer is often spread over two sentences. Chosen on dev + "
        "blind-dev (0.20-0.35 measured the same; evals/README.md 'Span selection, fifth round').")
    span_topic_share: float = Field(
        default=0.2, ge=0.0, le=1.0,
        description="The first span, when no follower is joined, takes along the sentence before it when it "
        "covers at least this share of the question's idf-weighted terms only through that sentence (its topic: "
        "'Therefore, the use of ...' after the sentence naming what was asked), that sentence scores within "
        "span_join_margin of it and does not lack the asked answer type the span has (0: off). Chosen on "
        "dev + blind-dev (qa/answer/joins.py).")
    join_referred_before: bool = Field(
        default=True,
        description="The first span opening by referring to the sentence before ('These data indicate ...', "
        "joins.CONTINUATION) is shown with it, whatever it scores, when it cites nothing (qa/answer/joins.py).")
    join_referred_demonstrative: bool = Field(
        default=True,
        description="So is a first span with a demonstrative among its first words ('To address this issue, ...', "
        "'Of these, ...': qa.answer.lead_in.DEMONSTRATIVE): what it refers to is the sentence before. And a first "
        "span referring back takes that sentence even when a follower joined it too (qa.answer.joins.joined).")
    span_join_across: bool = Field(
        default=True,
        description="A first span ending its passage is joined with the next passage's first sentence when the two "
        "passages split one paragraph and that sentence qualifies as a follower would (qa/answer/joins.py).")
    span_value_reach: int = Field(
        default=2, ge=0, le=3,
        description="A first span lacking the value a question asks in its unit (how long, what dose, what "
        "temperature: qa.answer.focus.states_asked) is extended to a sentence at most this many after it, in "
        "its paragraph, that states it, when that one scores within span_value_margin and it and the sentences "
        "between cite nothing (qa/answer/joins.py; 0: off).")
    value_first_margin: float = Field(
        default=0.03, ge=0.0, le=1.0,
        description="A sentence stating the asked value in its unit (qa.answer.focus.states_asked; for a question "
        "asking several things or comparing two, one enumerating or naming something the question does not: "
        "focus.asked_items) is put first when the best sentence lacks it and it scores within this of the best "
        "(qa.answer.units.value_first; 0: off). 0.03 chosen on dev + blind-dev; 0.05 and 0.08 cost dev-seeds citation precision (0.752 -> 0.729 / 0.720).")
    span_value_margin: float = Field(
        default=0.3, ge=0.0, le=1.0,
        description="How far below the first span's sentence the sentence stating the asked value may score "
        "(span_value_reach).")
    span_bridge: int = Field(
        default=2, ge=0, le=3,
        description="The first span joined forward also takes a sentence up to this many after its follower when "
        "the sentences between only bridge to it (also when no follower joined: then one sentence between): it scores "
        "within the join margin of the span and above them, and "
        "none of them cites (a study introduced and cited, details, then its finding; qa/answer/joins.py; 0: off).")
    join_uncited_before: bool = Field(
        default=True,
        description="The first span, when no follower is joined, also takes the sentence before it when that one "
        "scores within span_join_margin, does not lack the span's answer type and cites nothing, though the span "
        "does not owe it span_topic_share of the question's terms (qa/answer/joins.py).")
    lead_in: bool = Field(
        default=True,
        description="A first span that only announces what is asked (uncited, no number or name the question lacks, "
        "not the asked shape: 'Recently, a safety system ... has been developed.') is shown with the next sentence "
        "when that one refers back to it ('The safety mechanism is ... [154]'), whatever that one scores, and "
        "cites it (qa.answer.lead_in). Dev and blind-dev unchanged; user trial 15's R7 answered.")
    refers_back_all: bool = Field(
        default=True,
        description="Any first span is joined with a next sentence referring back to it (a demonstrative in its first "
        "words, 'To eliminate this possibility, ...', or a definite noun phrase naming a word of the span: "
        "qa.answer.lead_in.refers_back), whatever that one scores; it cites by its own score (citation_margin). "
        "blind-dev-pdfs top span +1, nothing else moved (evals/README.md, seventeenth session).")
    join_prefer_before: Literal["off", "before", "both"] = Field(
        default="both",
        description="When the first span is joined forward by score and the sentence before it also qualifies "
        "(span_topic_share / join_uncited_before) and scores higher than the follower: 'both' shows the three "
        "sentences, 'before' the sentence before instead of the follower, 'off' the follower only. 'both': top span "
        "+1 on each of dev-seeds, blind-dev-seeds, blind-dev-pdfs; 'before' loses one PDF answer.")
    join_topic_past_continuation: bool = Field(
        default=True,
        description="A first span joined with a follower continuing it ('This motif ...', joins.CONTINUATION) also "
        "takes the sentence before it when the span covers at least span_topic_share of the question's terms only "
        "through that sentence and it qualifies as with_topic_before reads it (qa/answer/joins.py).")
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
        "(qa.answer.defining: beside its long form, 'called', an apposition, a defining copula) over one only "
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
    context_dense_weight: float = Field(
        default=0.0, ge=0.0, le=1.0,
        description="Share of a sentence's cosine taken from the better of its own and the previous "
        "sentence's (same passage): a result sentence inherits the topic of the setup sentence before it.",
    )
    followup_context_weight: float = Field(
        default=0.0, ge=0.0, le=1.0,
        description="Span scoring of a follow-up that names its own subject (no 'them', 'those', ...): weight "
        "of the earlier question's words in term coverage relative to its own words (0: its own words pick the "
        "sentence, the earlier question acts through the cosine and retrieval; 0.5 = expansion weight, before). "
        "Chosen on dev + blind-dev (evals/README.md, 'Top span, third round').")
    followup_own_dense_weight: float = Field(
        default=0.5, ge=0.0, le=1.0,
        description="Span scoring of a follow-up: share of the sentence cosine taken from the follow-up's own "
        "text rather than from it read with the earlier question (0: the joint text only, which favours the "
        "sentence that answered the earlier question). Chosen on dev + blind-dev for follow-ups naming their "
        "own subject (fourteenth session), then for every follow-up (twenty-first session).")
    followup_pointing_context_weight: float = Field(
        default=0.25, ge=0.0, le=1.0,
        description="Span scoring of a follow-up pointing back ('them', 'those patients', 'what dose was that?'): "
        "weight of the earlier question's words in a sentence's term coverage relative to its own words (they "
        "also weigh the passage: followup_setting_weight). 0.5 (the expansion weight) before; 0 loses 'What "
        "fraction of them responded at first?' (evals/README.md, twenty-first session).")
    followup_setting_weight: float = Field(
        default=0.25, ge=0.0, le=1.0,
        description="Span scoring of a follow-up: weight of the idf-weighted share of the earlier question's "
        "words (those the follow-up lacks) held by the sentence's passage and heading. The earlier question "
        "names where to look (its species, trial, experiment), the follow-up what to find there "
        "(qa.answer.followup.setting_coverage; 0: off). 0.2-0.3 gain and lose nothing on dev + blind-dev "
        "follow-ups, 0.35 loses one (evals/README.md, twenty-first session).")
    followup_after_weight: float = Field(
        default=0.05, ge=0.0, le=1.0,
        description="Span scoring of a follow-up: added to the sentences going on from the earlier question's answer "
        "(asked on its own): in its passage, those after its first sentence up to followup_after_reach past its first "
        "span (qa.answer.followup.goes_on_from_earlier; 0: off).")
    followup_row_first: bool = Field(
        default=True,
        description="A follow-up pointing back whose earlier question's first quote is a table row, asking a field "
        "that row has a cell for ('how many patients', 'which route'), quotes that row first "
        "(qa.answer.followup.earlier_row_first; user trial 51).")
    followup_refused_earlier_alone: bool = Field(
        default=True,
        description="A follow-up of an earlier question the library refuses is read on its own (too vague when it "
        "is elliptic), not with the refused question (qa.answer.followup.without_refused_earlier; user trial 43).")
    followup_after_reach: int = Field(
        default=1, ge=0, le=10,
        description="How many sentences past the earlier question's first span followup_after_weight reaches.")
    sources_other_review_floor: float = Field(
        default=0.0, ge=0.0, le=1.0,
        description="A sources answer keeps a cited sentence of a review other than the best span's only "
        "when it scores at least this fraction of the best span (0: the same floor as the best review's).")
    sources_followup_setting_share: float = Field(
        default=0.5, ge=0.0, le=1.0,
        description="A follow-up's sources answer keeps a cited sentence only when its passage holds at least this "
        "share of the earlier question's words (idf-weighted, qa.answer.followup.setting_coverage) that the best "
        "span's passage holds, unless it scores as the best does: 'refs for the interleukin ones?' after a "
        "question on anticancer genes asks for those studies, not every interleukin sentence (0: off).")
    sources_strong_fraction: float = Field(
        default=0.95, ge=0.0, le=1.01,
        description="A cited sentence scoring at least this fraction of the best span joins a sources answer "
        "even when it does not name the question's concepts (its section or the sentence before may; 1.01: never).")
    join_contrast: bool = Field(
        default=True,
        description="The first span is shown with the next sentence of its paragraph when that one opens with a "
        "contrast ('However', 'But', 'In contrast', ...): it qualifies what the span says. It cites only within "
        "`citation_margin`, as any joined sentence.")
    span_legend_penalty: float = Field(
        default=0.2, ge=0.0, le=1.0,
        description="Subtracted, in span selection (after refusal has read the scores), from the score of a sentence "
        "of a figure legend (qa.answer.section_role): when the article's running text states the finding, the "
        "legend describing the panel that shows it comes second. 0.1 / 0.2 / 0.3 measured (evals/README.md, "
        "nineteenth session): 0.3 loses a question whose answer only a legend states.")
    finding_first_margin: float = Field(
        default=0.1, ge=0.0, le=1.0,
        description="When the best sentence for a question of `finding_first_kinds` lies in a research article's "
        "Discussion (qa.answer.section_role.article_part; a document with a Results part), the best sentence of "
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
        "(qa.answer.section_role.procedure_first): the running text restates the experiment in the question's "
        "words, the Methods state how it was done. Order only; 0 turns it off. The margin is finding_first_margin's "
        "(evals/README.md, thirtieth session).")
    named_part_margin: float = Field(
        default=0.1, ge=0.0, le=1.0,
        description="When a question names a part of the article ('per the intro', 'According to the discussion', "
        "'in the Methods': qa.answer.named_part) and its best sentence lies in none of the parts named, the best "
        "sentence of the same article's named part within this margin of it is the first span. Order only; 0 turns "
        "it off (evals/README.md, thirty-first session).")
    purpose_first_margin: float = Field(
        default=0.0, ge=0.0, le=1.0,
        description="When the best sentence for a question of `finding_first_kinds` opens with a purpose clause "
        "('To test whether ...', 'Next, to determine ...': qa.answer.purpose), the best sentence of the same "
        "document not opening so, within this margin of it, is the first span: the purpose clause sets up the "
        "experiment, the finding asked is stated after it. Order only. 0 turns it off (evals/README.md, "
        "twenty-seventh session, PDF first span helper 3). Off since the thirty-first session: written for one "
        "question (b12-rev1-03), which is a hit without it; 0, 0.05, 0.1 and 0.2 give identical records on every "
        "dev, blind-dev and test question (evals/README.md, 'Word lists and fitted rules added since the "
        "twenty-third session's audit').")
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
        "(qa.answer.section_role): the title's words credit every sentence of its section alike, so a sentence "
        "naming the question's words itself comes before one under a heading that names them. 0.2 and 0.3 measure "
        "the same on dev and blind-dev; 0.5 and 1.0 lose review questions (evals/README.md, nineteenth session).")
    join_panel_title: bool = Field(
        default=True,
        description="In a figure legend, the first span is shown with the sentence before it when that one is its "
        "panel's title ('(F) ... sensitized mice to MNU.'): it says which experiment a dose or count belongs to.")
    answer_depth: int = Field(
        default=10, ge=1, le=1000,
        description="Passages an answer is chosen from, whatever --k prints: the spans, their citations and "
        "the refusal are decided on these, so --k bounds the output and never changes the answer (a smaller "
        "k used to search fewer passages and could refuse what the default answers). The depth the "
        "refusal model was fitted and every evaluation was run at.")
    sources_depth: int = Field(
        default=30, ge=1, le=1000, description="Passages a sources question's answer is chosen from (in place "
        "of `answer_depth`): its studies are spread over more passages."
    )
    sources_wordings: int = Field(
        default=3, ge=0, le=20,
        description="A sources question about one subject is also searched in up to this many other names of "
        "it that the library uses more (glossaries' and synonyms' counterparts: 'lupus' -> 'SLE'), each as a "
        "question of its own on the question's score scale; a sentence keeps its best score over the wordings, "
        "so a study written up under one name is found under the other (0: off; qa/answer/rewording.py).")
    sources_relative_floor: float = Field(
        default=0.85, ge=0.0, le=1.0,
        description="A sources answer keeps cited sentences scoring at least this fraction of the best "
        "span (questions of three or more concepts: a finding's studies).",
    )
    sources_citation_floor: float = Field(
        default=0.88, ge=0.0, le=1.0,
        description="A sources answer about a finding (three or more concepts) shows its sentences down to "
        "sources_relative_floor of the best, but one below this fraction of the best is shown as context, its "
        "studies not offered as the answer's, unless it names one of the rarer half of the question's words "
        "that no citing sentence above it names (it states a part of the finding they leave out; on no dev, "
        "blind-dev or test question, only user trial 6) or is a table row (0: every shown sentence cites). "
        "Most of a sources answer's false keys came from such sentences (another finding or review beside the "
        "asked one). Chosen on dev + blind-dev seeds: 0.88 gains on both (citation "
        "P 0.752 -> 0.776 / 0.717 -> 0.730, recall unchanged); 0.85-0.87 only dev or nothing, 0.89-1.0 cost dev "
        "recall 0.924 -> 0.908 (evals/README.md, eighteenth session).")
    sources_specific_concept: bool = Field(
        default=True,
        description="In a sources answer about a finding (three or more concepts), a sentence citing a number of its "
        "own, below sources_strong_fraction of the best, that writes in no form the most specific question concept "
        "the best citing sentence writes as asked (qa.answer.sources.most_specific) is shown as context, its "
        "studies not offered: it states a neighbouring finding ('Proposed silencing mechanisms (Feldman et al., "
        "2006; ...) include DNA methylation ...' beside '... are self-perpetuating (Hansen et al., 2008; ...)'). "
        "Blind-dev-pdfs citation P 0.771 -> 0.780, nothing else moved (evals/README.md, twenty-ninth session).")
    sources_one_study: Literal["off", "span", "group"] = Field(
        default="group",
        description="A sources question asking for one study in the singular ('What study is cited for ...?', "
        "'which ref is that?': qa.answer.question.asks_one_source) offers the citations of its best citing span "
        "only ('span'; also only the citation group of the clause naming most of what is asked: 'group'); the "
        "other spans stay shown as context. When the best span by score names less of the question than another "
        "citing span, both cite. 'off': every span cites. Measured (citation P, recall unchanged everywhere): "
        "blind-dev seeds 0.647 -> 0.702 (through b4 0.739 -> 0.748), blind-dev pdfs 0.819 -> 0.837 (b4 0.910 -> "
        "0.918); 'span' 0.695 / 0.825; dev and test seeds unchanged (evals/README.md, twentieth session).")
    sources_subject_floor: float = Field(
        default=0.4, ge=0.0, le=1.0,
        description="The same fraction for a sources question of one or two concepts ('sources used "
        "for SLE?'), which asks for a subject's literature rather than one finding's studies.",
    )
    followup_topic_ratio: float = Field(
        default=0.55, ge=0.0, le=1.0,
        description="A follow-up ('and in children?') is refused when the passage of its best span is less "
        "close to the earlier question (best sentence cosine) than this fraction of the passages that answer "
        "the earlier question on their own: the new words were found, but off the conversation's topic "
        "(qa/answer/followup.py; 0: off). Between the lowest answerable blind-dev follow-up (0.73) and the "
        "highest caught off-topic one (0.41): evals/README.md, 'Follow-ups that leave the earlier topic'.")
    followup_value_margin: float = Field(
        default=0.25, ge=0.0, le=1.0,
        description="A follow-up that only adds an element ('and in children?') asks the earlier question's value "
        "(a rate, a temperature ...: focus.asked_value of the earlier wording) of it: the best sentence stating that "
        "value and naming the added element comes first when the best lacks either and it scores within this "
        "margin (qa.answer.followup.carried_value_first; 0: off; evals/README.md, thirty-fourth session).")
    followup_topic_depth: int = Field(
        default=10, ge=1, le=100,
        description="Passages the earlier question retrieves on its own to set the on-topic reference.")
    suggest_spelling: bool = Field(
        default=True, description="A question, refused or answered, with words neither the corpus nor the model's "
        "vocabulary knows (shorthand the synonyms read aside) gets 'Did you mean: ...' with each read as the corpus "
        "word one edit away ('sorces' -> 'sources'), when the question so read is answered; a hint only, a refusal "
        "stands (reading them so cost blind-dev refusals: evals/README.md).")
    max_sources_spans: int = Field(default=30, ge=1, le=1000, description="Most spans in a sources answer.")
    sources_reach_citation: int = Field(
        default=2, ge=0, le=5,
        description="A sources answer with no cited sentence on its topic quotes its best sentence up to the "
        "sentence at most this many after it (same paragraph, none between citing) that cites: a finding "
        "described over a few sentences is cited once at its end (user trial 18; 0: off).")
    sources_uncited_joins: bool = Field(
        default=True,
        description="A sources answer that reaches no citing sentence shows its best sentence joined as any first "
        "span is (qa.answer.joins: a contrast or continuation after it), not cut off alone (user trial 42).")
    max_spans: int = Field(default=3, ge=1, le=100, description="Most spans in a fact, number, table or list answer.")
    max_definition_spans: int = Field(default=2, ge=1, le=100, description="Most spans in a definition answer.")

