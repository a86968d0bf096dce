"""Settings of the answer stage's citations: which of an answer's printed citations it offers.

One stage group of `qa.answer.settings.AnswerSettings`, which inherits these fields: they stay flat
(`settings.answer.citation_margin`, `QA_CITATION_MARGIN`), kept in a module of their own so each
file holds one step's knobs (qa.answer.references, qa.answer.clauses and qa.answer.inherited read them).
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from qa.models import STRICT_SETTINGS as STRICT  # every settings group's validation


class CitationSettings(BaseModel):
    """Which citations of an answer's spans are its sources (calibrated on the dev splits)."""

    model_config = STRICT
    citation_margin: float = Field(
        default=0.10, ge=0.0, le=2.0,
        description="A secondary span (not sources) carries its citations only when it scores within this "
        "margin of the best span; below, it is shown as context without citing (2: the score never withholds "
        "them; citation_concept_margin and the rules below still may). A sentence joined to a span that cites by "
        "this margin counts as one more span against max_spans.",
    )
    citation_concept_margin: float = Field(
        default=0.2, ge=0.0, le=1.0,
        description="A secondary span carries its citations only when it names at least the first span's share "
        "of the question's concepts (qa.answer.units.concept_coverage) less this margin; a sentence naming "
        "clearly less of what is asked states a neighbouring finding, and its studies are printed, not offered. "
        "In a sources answer only for a question naming a finding (three or more concepts): one of one or two "
        "concepts asks for a subject's literature (1: off). Chosen on dev + blind-dev: citation P dev seeds "
        "0.807 -> 0.823, blind-dev seeds 0.724 -> 0.749, pdfs 0.834 -> 0.840, recall unchanged (0.15-0.2 the "
        "same; 0.1 costs a pdfs key, 0.3 keeps less; evals/README.md, twenty-first session).")
    citation_other_document_margin: float = Field(
        default=0.0, ge=0.0, le=1.0,
        description="citation_concept_margin for a secondary span of another document than the first span's "
        "(the smaller of the two applies): another review restating the finding is a second source of it only when "
        "it names as much of the question's concepts as the first span; naming less, it is that review's "
        "neighbouring statement ('MSCs suppress T cell proliferation [24-26], B cell functions [25,27,28], ...' "
        "below the asked NK and dendritic-cell sentence). 1: off (citation_concept_margin for every span). "
        "Citation P blind-dev seeds 0.781 -> 0.823 (3 up, 0 down); recall, dev, pdfs and test seeds unchanged "
        "(evals/README.md, twenty-seventh session).")
    citation_adds_concept: float = Field(
        default=0.3, ge=0.0, le=1.0,
        description="A secondary span naming question concepts the first span writes in no form (as asked, a "
        "shared stem or inside a longer word: qa.answer.secondary.written), worth at least this share of the "
        "question's concept weight, cites despite the concept and score margins: it states another part of what "
        "is asked ('Long term safety concerns remain ... (Miura ...) ... (Spaeth ...)' below a sentence on "
        "paracrine effects). 0: off. Citation R blind-dev seeds 0.807 -> 0.821, P unchanged; dev, pdfs, "
        "test seeds unchanged (0.2 also lifts a blind-dev key but costs test-seeds P 0.750 -> 0.705; 0.1 costs "
        "blind-dev P): evals/README.md, twenty-sixth session.")
    also_cites_before: bool = Field(
        default=True,
        description="A secondary quote that is the sentence just before the first quote, which goes on from it "
        "with 'also' / 'as well', cites despite the margins (qa.answer.secondary.continued_by): the two state "
        "items of one list. Citation R dev seeds +1 key (q133), blind-dev seeds +1 (b-pmc3782548-013), the same "
        "passage; nothing else moved (evals/README.md, twenty-sixth session).")
    cite_same_study: bool = Field(
        default=True,
        description="A secondary quote of another review citing a study the first quote cites (the study "
        "registry resolves both keys to one study) offers that study's key despite the margins (qa.answer.secondary."
        "same_study_citations), and only that key: it is that study's number in the other review (evals/README.md, "
        "thirty-seventh session).")
    citation_same_review: bool = Field(
        default=False,
        description="A secondary span (not sources) cites only when it comes from the review of the first "
        "span; a sentence of another review is shown as context.")
    item_rule: Literal["named", "strict", "complete", "both"] = Field(
        default="complete",
        description="Which items of an enumerating sentence cite: 'named' drops short items sharing question "
        "words with others but naming none of their own; 'strict' also drops short items with no question word "
        "when another item is named; 'complete' cites only an item naming every question word the sentence "
        "has when a sibling item names some; 'both' applies the two.")
    item_sibling_share: float = Field(
        default=0.35, ge=0.0, le=1.0,
        description="item_rule 'complete': a sibling item names at least this share of the (idf-weighted) "
        "question words of the sentence, as 'NK cell proliferation' does of 'T cell proliferation'.")
    clause_share: float = Field(
        default=0.0, ge=0.0, le=1.0,
        description="Within a sentence, a citation group cites only when the words it owns (since the previous "
        "group) name at least this share of the question's idf weight the best group names (0: off; 0.35 "
        "raises dev / blind-dev seeds precision 0.725 -> 0.748 / 0.664 -> 0.700 but costs test-seeds recall "
        "0.721 -> 0.671, below its gate: evals/README.md 'Citations, third round').")
    sources_clause_share: float = Field(
        default=0.4, ge=0.0, le=1.0,
        description="clause_share in a sources answer, which asks for the studies of the finding it names: a "
        "citation group whose own words name less than this share of the best group's question weight backs "
        "another finding of the sentence ('some studies suggested X [1,2], while others Y [3,4]'). Chosen on dev "
        "+ blind-dev seeds: citation P 0.776 -> 0.791 / 0.730 -> 0.735, recall unchanged (0.35-0.45 the same; "
        "0.2-0.25 only blind-dev; 0.6 costs dev recall). Unlike clause_share on every kind, test-seeds recall "
        "holds (evals/README.md, eighteenth session).")
    clause_own_items: bool = Field(
        default=True,
        description="Within clause_share / sources_clause_share: a short item (at most max_item_words words) of a "
        "list whose head names the question, naming question words no other clause of the sentence names that "
        "weigh at least the question's mean term weight, cites however little of the best clause's weight it "
        "names: the question lists that item too ('... cartilage, heart, nerve and liver tissue?' for '... "
        "neural [21,22], and hepatic tissues [13]'). Blind-dev seeds citation recall 0.773 -> 0.778, nothing "
        "else moved on any report (evals/README.md, thirtieth session, 'Citation recall on the reviews').")
    inherit_citations: Literal["off", "back", "forward", "both"] = Field(
        default="back",
        description="An answer span with no citation of its own takes a neighbour's: 'back', the last citation "
        "group of the sentence before when the span refers back to it ('In this study, ...', 'These patients'); "
        "'forward', the first group of the next sentence (a study described before its citation); 'both' tries "
        "back, then forward. Chosen on dev + blind-dev ('forward' cost precision: evals/README.md, 'Citations, "
        "fifth round').")
    inherit_introduced: bool = Field(
        default=True,
        description="A cited quote whose last sentence introduces a study without citing it ('In another phase "
        "I to II clinical trial, eight patients ... received autologous MSCs.') also offers the first citation "
        "group of the sentence after it, which closes that study's description (qa.answer.inherited). Citation R "
        "dev seeds +1 key (q079), blind-dev seeds +1 (b6-kim2013-05), nothing lost (evals/README.md, twenty-sixth "
        "session).")
    joined_adds_share: float = Field(
        default=0.4, ge=0.0, le=1.0,
        description="A sentence joined after a span by its score offers its citations only when it names a "
        "question term the span's own (citing) sentence lacks, or that sentence covers less than this share "
        "of the question's idf weight: a sentence stating the asked finding already has its source, and the "
        "next one adding none of the question's words is context (another study: '... (Dai et al., 2010). "
        "Since MSCs have been shown to secrete microparticles (Chen et al., 2010) ...'). Not for a question asking "
        "several things or comparing two (the joined sentence may state another item). 0: off. 0.3-0.5 measure "
        "the same (0.6 drops a case; without the several-things exception, list questions lost gold keys): "
        "citation P dev seeds 0.807 -> 0.812, blind-dev seeds 0.702 -> 0.713 (b4 0.748 -> 0.763), recall, pdfs "
        "and test seeds unchanged (evals/README.md, twentieth session).")
    joined_several_concepts: bool = Field(
        default=True,
        description="joined_adds_share in a question asking several things or comparing two, which it otherwise "
        "leaves out (the joined sentence may state another item): the joined sentence offers no key when, besides "
        "naming no question term the own sentence lacks, it names less of the question's concepts than the own "
        "sentence (qa.answer.references.names_less); one naming as much may state another item. Citation P "
        "blind-dev seeds 0.782 -> 0.793, pdfs 0.841 -> 0.845, dev unchanged, recall unchanged everywhere "
        "(evals/README.md, twenty-fifth session).")
    coordinate_subjects: bool = Field(
        default=True,
        description="Citation groups closing coordinated subjects of one verb ('X [152,153] and Y [80] are major "
        "issues ...') are items, not a head and its item: a short item naming no question word is not cited when "
        "a sibling names its own (user trial 30).")
    coordinate_clauses: bool = Field(
        default=True,
        description="A long citation group before the best one is the best clause's frame (its subject: 'hmC, "
        "which is enriched around promoters (87-89), was shown to ...') and cites with it, unless a clause "
        "between opens after a comma or semicolon with 'and' / 'but' / 'while' / 'whereas' / 'yet' (or a bare "
        "semicolon): '... autoimmune disorders [11], and additional studies demonstrated that loss of dsRNA "
        "sensors rescues lethality ... [12-14]' states two findings; and a clause after a semicolon naming no "
        "question word is no list item of the sentence's head ('...; both factors have potential to affect "
        "mutation rates (31)'): user trial 29. Costs blind-dev-pdfs one gold key whose gold lists the whole "
        "sentence (evals/README.md, twenty-fourth session).")
    long_unnamed_clause: bool = Field(
        default=True,
        description="A long citation group (more than max_item_words words of its own) after a group naming the "
        "question, naming no question word itself, is another statement of the sentence, not an item of a list "
        "the head asks for: 'This mark recruits the DNMT3B (28,29) protein, which increases gene body DNA "
        "methylation, and also the DNA repair protein MSH6 (30)' asked which references show the DNMT3B "
        "recruitment offers (28,29), not (30) (user trial 37). Not when the words after the last group name a "
        "question word (the sentence's conclusion, drawn from every group).")
    followup_own_words: bool = Field(
        default=True,
        description="In a follow-up (a question read against an earlier one), a secondary span cites only when it "
        "names one of the follow-up's own words: one naming only the earlier question's words answers that "
        "question again ('and what reverses it?' after 'What enzymes carry out UFMylation?' showed the enzymes' "
        "sentence citing (21, 22) second: user trial 29).")
    own_finding_share: float = Field(
        default=0.3, ge=0.0, le=1.0,
        description="A quote whose own sentence cites nothing offers the citation of the sentence shown with "
        "it only in a document where at least this share of the prose sentences cite (a review: 0.36-0.52 in "
        "the corpus); below it (a research article: 0.07-0.27) an uncited sentence states the authors' own "
        "finding, and the other sentence's citation is listed as printed, not offered (0: always offered).")
    own_sentence_context: bool = Field(
        default=True,
        description="In a research article (own_finding_share), a sentence of a quote that cites is context, its "
        "keys printed, not offered, beside an uncited sentence of the same quote stating what is asked: one covering "
        "at least joined_adds_share of the question's idf weight and more than the citing sentence, which names no "
        "question term it lacks (the protocol's 'Following 5 hours of culture, 90% ... S-phase [93]' after the "
        "sentence giving the asked MMS concentration: user trial 39).")
    cite_one_document: bool = Field(
        default=True,
        description="A question naming one document in the singular ('the review', 'according to this review', "
        "'the HSCT review', 'the authors') cites only from the first span's document; spans of other documents "
        "are shown as context.")
    item_head_rule: bool = Field(
        default=True,
        description="In an enumeration under a head ('... tested in disease models, including EAE (...), ... and "
        "lupus models (...)'), the words before 'including' / 'such as' / ':' are shared by every item; when some "
        "items name question words neither the head nor a sibling names, only those items (and long clauses) cite.")
    restated_citations: Literal["off", "review", "study"] = Field(
        default="off",
        description="A secondary span re-citing a study that a better span already cites is a broader statement "
        "over that study (a list or summary sentence citing it among others): it keeps only that study's keys. "
        "'review': the same key of the same document (dev-seeds precision 0.739 -> 0.783, blind-dev-seeds 0.756 "
        "-> 0.769, no change elsewhere on dev + blind-dev, but it failed the CI gate on the sealed PDF split: "
        "citation recall 0.902 -> 0.866, so off); 'study': also the same study cited by another review (the "
        "study registry's link; test-seeds recall 0.764 -> 0.707, below its gate); 'off' (default). "
        "evals/README.md, 'Citations, sixth round'.")
    cite_sentence_before: bool = Field(
        default=True,
        description="When the first span cites nothing (of its own, joined or inherited) and another span of "
        "the answer is the sentence just before it in the same paragraph, that sentence's citations are "
        "offered whatever its rank or shape: it introduces the study the first span goes on describing "
        "('... a double blind, placebo-controlled dose-range safety trial [106]. Allogeneic MSCs were well "
        "tolerated ...'), so the answer's source is printed in the quotes yet not offered otherwise (user "
        "trial 32 Q11). So is the sentence joined before the first quote as its topic, when the quote offers "
        "nothing, its own sentence cites nothing and the joined one names at least as much of the question's "
        "concepts (qa.answer.secondary.joined_before_answers: blind-dev-pdfs citation R 0.867 -> 0.870, "
        "nothing else moved; evals/README.md, forty-second session).")
    cite_uncited_first: bool = Field(
        default=True,
        description="When the first span offers no key (nor does any span of its document) in a document whose "
        "sentences cite as often as a review's (own_finding_share), the first citing span of that document after "
        "it offers its keys whatever its score or concept share: a review's uncited sentence is part of a "
        "statement cited beside it, and the answer would otherwise print its source without offering any "
        "(evals/README.md, twenty-eighth session).")
    joined_comment: Literal["off", "named", "always"] = Field(
        default="always",
        description="In a quote of two or more sentences, one opening by referring back to the sentence before it "
        "(qa.answer.joins.CONTINUATION, a demonstrative among its first words, 'Therefore' / 'Thus' / ...) offers no "
        "number that sentence does not, when that sentence cites: its numbers back the comment ('These findings "
        "might reflect ... 12,13'), not the statement. One saying 'also' in its first words ('Their group also "
        "reported ...') states another finding and keeps its number. 'named': only when that sentence also names "
        "at least as much of the question's concepts (one key fewer removed on dev and on blind-dev seeds); "
        "'off': no such rule. Citation P with cite_uncited_first: blind-dev seeds 0.829 -> 0.842, dev 0.849 -> "
        "0.855, pdfs 0.768 -> 0.773, recall unchanged (evals/README.md, twenty-eighth session).")
    cite_named_author: bool = Field(
        default=True,
        description="When the question names the first author of a study the answer cites, only that "
        "author's citations are the answer's.")
    max_item_words: int = Field(
        default=12, ge=0, le=100,
        description="In a sentence enumerating findings with a citation group each, a short item (at most "
        "this many words) with no question word of its own is not cited (0: every group is cited).",
    )
