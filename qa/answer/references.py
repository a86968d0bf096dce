"""Which citations an answer carries, and its references block (grouped by document).

Only spans that cite count: a secondary span shown as context carries no citations
(`AnswerSettings.citation_margin`; `citation_concept_margin`, one naming clearly less of the question's
concepts than the first span), so its studies are not offered as the answer's sources. Within
a sentence, only the citation groups of the item or clause asked about cite (`enumerated_citations`;
`clause_citations`, in sources answers by `sources_clause_share`); a question naming a cited
study's first author cites that study alone (`asked_study_keys`); a question about "the review" cites from one document
(`names_one_document`); an uncited span referring back to the study of the sentence before ("In
this study, ...") takes that sentence's citation (`inherited_citations`, qa.answer.inherited); a secondary span
re-citing a study a better span cites adds no key of its own (`restated`, off by default); a sentence joined
after a span that covers the question adds no study when it names none of the question's words the span
lacks (`joined_context`; in a question asking several things, only when it also names less of the question's
concepts, `names_less`); in a research article, a citing sentence beside the quote's uncited sentence stating
what is asked backs its own statement (`beside_own_statement`); a comment on the quoted sentence before it adds no study, an uncited first span leaves its
review's next citing span citing (qa.answer.secondary); a sources question for one study cites its best span
(`one_study`). `choose_citations` applies them to an answer's spans. What the question names
(`asked_study_keys`, `names_one_document`) is qa.answer.asked_studies; the references block
(`aggregate_references`) is qa.answer.reference_list.
"""
from __future__ import annotations

import re

from collections.abc import Callable

from qa.answer.clauses import (asked_clause_first, clause_citations, enumerated_citations, sentence_bounds,
                               sentence_clauses)
from qa.answer.focus import asks_plural
from qa.answer.inherited import goes_on_by_connective_only, inherited_citations, introduced_study
from qa.answer.joins import CONTINUATION, CONTRAST
from qa.answer.lead_in import DEMONSTRATIVE
from qa.retrieval.question import asks_one_source
from qa.answer.secondary import (CONSEQUENCE, cites_anyway, comments, concept_margin, first_citing,
                                 joined_before_answers, same_study_citations, without_comments)
from qa.answer.units import Unit, before_cites, concept_coverage, joined_cites
from qa.answer.asked_studies import (ONE_DOCUMENT, YEAR, asked_study_keys, named_authors,  # noqa: F401 - re-exported
                                     names_one_document, names_several_documents)
from qa.answer.reference_list import aggregate_references, entry_label  # noqa: F401 - re-exported
from qa.retrieval.evidence import coverage
from qa.models import Citation
from qa.settings import AnswerSettings


def cited_share(index, doc_id: str) -> float:
    """The share of a document's prose sentences that carry a citation: about half in a review,
    where an uncited sentence is mostly part of a statement cited next to it, a fifth or less in
    a research article, where it is mostly the authors' own finding."""
    key = (str(index.build), len(index.passages), doc_id)  # a build's rows never change in place
    if key not in _CITED_SHARE:
        total = cited = 0
        for row in index.rows_of_doc(doc_id):
            p = index.passages[int(row)]
            if p.kind != "text":
                continue
            for _, a, b in index.sentences.spans(int(row)):
                total += 1
                cited += any(c.start >= a and c.end <= b + 1 for c in p.citations)
        _CITED_SHARE[key] = cited / total if total else 0.0
    return _CITED_SHARE[key]


_CITED_SHARE: dict[tuple[str, int, str], float] = {}


def contrasted(u: Unit) -> bool:
    """Whether the sentence joined after the unit's own opens with a contrast (qa.answer.joins)."""
    return u.joined is not None and CONTRAST.match(u.text[u.joined[0] - u.start:]) is not None


def own_statement(u: Unit, index, st: AnswerSettings) -> bool:
    """Whether an uncited quote states its document's own finding, so a citation of the sentence
    shown with it belongs to that sentence alone: it does in a document where fewer than
    `own_finding_share` of the prose sentences cite (a research article's results). Read per
    document, not per passage: a results passage comparing its finding with a cited study cites as
    often as an introduction does ("The desiccation phenotype was complemented ... . Consistent with
    this finding, Farrow et al. reported ... (25)": user trial 19)."""
    return bool(st.own_finding_share) and cited_share(index, u.hit.passage.doc_id) < st.own_finding_share


def joined_context(u: Unit, terms: dict[str, float], tokens_of: Callable[[str], set[str]], share: float,
                   concepts: list[list[list[str]]] | None = None) -> bool:
    """Whether the sentence joined after the span's own (by its score, `Unit.joined`) is context, not a
    source: the own sentence cites, covers at least `share` of the question's idf weight, and the joined
    part names no question term it lacks. It was joined for scoring close (sharing the topic), yet it
    states another finding with another study's citation ("Common miRNA patterns ... (Dai et al., 2010),
    suggesting ... . Since MSCs have been shown to secrete microparticles (Chen et al., 2010), ..."). An
    own sentence covering little of the question leaves its joined sentence citing: that one may be the
    case asked about ("... GVHD (English et al., 2010). In 2004, Le Blanc et al, treated a 9-year-old boy
    ...", asked "mscs gvhd response?")."""
    if share <= 0 or u.joined is None:
        return False
    p = u.hit.passage
    own_start = u.before[0] if u.before else u.start
    split = u.joined[0]
    if not any(own_start <= c.start and c.end <= split for c in u.citations):
        return False  # the quote's own sentence cites nothing: the joined sentence's study is its source
    own = tokens_of(p.text[own_start - p.start:split - p.start])
    joined = tokens_of(p.text[split - p.start:u.end - p.start])
    # a word of a concept the own sentence already names, in another form, adds nothing: 'rna' of ADAR's
    # expansion 'adenosine deaminase acting on RNA' when the own sentence writes 'ADAR' (user trial 29)
    named = {t for alts in concepts or [] if any(alt and all(t in own for t in alt) for alt in alts)
             for alt in alts for t in alt}
    return coverage(terms, own) >= share and not any(t in joined and t not in own and t not in named for t in terms)


# a sentence placing itself in the setting the sentence before describes ("Here, R591K was as a control ...")
DEICTIC = re.compile(r"^(?:Here|There|Then|In this (?:case|setting|context)),\s")


def beside_own_statement(u: Unit, kept: list[Citation], bounds: list[tuple[int, int]], terms: dict[str, float],
                         tokens_of: Callable[[str], set[str]], share: float) -> list[Citation]:
    """`kept` without the keys of a sentence of the quote (`bounds`) beside an uncited sentence of it that
    states what is asked (`own_sentence_context`): in a research article (`own_statement`) an uncited
    sentence is the authors' own finding or protocol, so a citing sentence next to it backs its own
    statement only ("... 0.0025% MMS. Following 5 hours of culture, 90% of wing imaginal disc cells have
    entered S-phase [93].", asked the MMS concentration: user trial 39). It is context when the uncited
    sentence covers at least `share` of the question's idf weight and more than it does, it names no
    question term the uncited one lacks, and it does not go on from the sentence before it (a
    continuation, a demonstrative, a consequence, 'Here,': it states what the setting before it led to,
    "... one-ended DNA double-stranded breaks (DSBs). These breaks are known to promote mutagenesis ...
    [3, 4]"). The caller leaves out a question asking several things (a list's items lie in several
    sentences)."""
    if len(bounds) < 2 or share <= 0:
        return kept
    sents = [(a, b, tokens_of(u.text[a - u.start:b - u.start])) for a, b in bounds]
    uncited = [toks for a, b, toks in sents if not any(a <= c.start and c.end <= b for c in u.citations)]

    def context(toks: set[str]) -> bool:
        mine = coverage(terms, toks)
        return any(coverage(terms, own) >= share and coverage(terms, own) > mine + 1e-9
                   and not any(t in toks and t not in own for t in terms)
                   for own in uncited)

    def refers_back(a: int, b: int) -> bool:  # "These breaks are known to promote ... [3, 4]": goes on from it
        text = u.text[a - u.start:b - u.start].lstrip()
        return a > bounds[0][0] and any(r.match(text) for r in (CONTINUATION, DEMONSTRATIVE, CONSEQUENCE, DEICTIC))
    drop = [(a, b) for a, b, toks in sents if any(a <= c.start and c.end <= b for c in kept)
            and not refers_back(a, b) and context(toks)]
    return [c for c in kept if not any(a <= c.start and c.end <= b for a, b in drop)]


def names_less(u: Unit, terms: dict[str, float], tokens_of: Callable[[str], set[str]],
               concepts: list[list[list[str]]] | None) -> bool:
    """Whether the sentence joined after the span's own names less of the question's concepts than the own
    sentence (`concept_coverage`). In a question asking several things or comparing two, a joined sentence
    naming none of the question's words the own lacks may still state another item, and then names as much
    of what is asked ("Inhibition of mutant IDH2 ... may also induce differentiation (Losman et al., 2013)"
    after "Differentiation therapy with ATRA ... (Huang et al., 1987)", asked "Which AML differentiation
    therapies ...?"); naming less, it is the own sentence's context ("Even if MSCs protect and improve
    recovery from ... injury (Humphreys ...; Choi ...), paracrine ... (Bi et al., 2007)" after the lupus mice
    finding, asked how engraftment compares between baboons and lupus mice)."""
    if u.joined is None or not concepts:
        return False
    own = tokens_of(u.text[(u.before[0] if u.before else u.start) - u.start:u.joined[0] - u.start])
    joined = tokens_of(u.text[u.joined[0] - u.start:])
    return concept_coverage(concepts, terms, joined) < concept_coverage(concepts, terms, own)


def per_sentence(u: Unit, index, cites: list[Citation],
                 rule: Callable[[str, int, list[Citation]], list[Citation]]) -> list[Citation]:
    """`rule` (text, its document offset, its citations -> those kept) applied to the span, then
    to each of its sentences whose citations it dropped every one of: a quote joining two
    sentences ("... GVHD (English et al., 2010). In 2004, Le Blanc et al, treated a 9-year-old boy
    ... (Le Blanc et al., 2004).") is two statements, and the item rule, written for one sentence
    listing findings, read the second sentence's study as a sibling item of the first and dropped
    it (user trials 13 and 14). The span is read whole first because a sentence's items share its
    subject, which the next sentence may name again; a later sentence is also read on its own, since
    read whole its first item runs back into the sentence before ("... (Nguyen et al., 2010). The
    array ... includes antiapoptotic (Shabbir et al., 2009), anti-inflammatory (...)" dropped Shabbir)."""
    kept = rule(u.text, u.start, cites)
    bounds = sentence_bounds(u, index)
    if len(bounds) < 2:
        return kept
    chosen = {id(c) for c in kept}
    for a, b in bounds:
        mine = [c for c in cites if a <= c.start and c.end <= b]
        if mine and (not any(id(c) in chosen for c in mine) or a > u.start):
            chosen.update(id(c) for c in rule(u.text[a - u.start:b - u.start], a, mine))
    return [c for c in cites if id(c) in chosen]


def choose_citations(question: str, kind: str, chosen: list[Unit], terms: dict[str, float], index,
                     tokens_of: Callable[[str], set[str]], st: AnswerSettings,
                     concepts: list[list[list[str]]] | None = None,
                     followup: set[str] | None = None, compared: bool = False) -> dict[int, list[Citation]]:
    """The citations each chosen unit carries (by `id`). A secondary span well below the best, or
    naming clearly less of the question's `concepts` than the first span (`citation_concept_margin`),
    is shown as context, not cited (`citation_margin`); a sentence joined by its score cites as it
    would as a span of its own. Within a sentence, the citation groups whose words state what is
    asked (`enumerated_citations`, then `clause_citations` with `clause_share`); across the answer,
    when the question names a cited study's first author, that study's citations alone
    (`cite_named_author`). `followup`: a follow-up's own words, which a secondary span must name to cite
    (`followup_own_words`). `compared`: the question names several articles it asks of, each quoted."""
    top = chosen[0].score if chosen else 0.0
    out: dict[int, list[Citation]] = {}
    # a question about "the review" / "this paper" asks what one document says: the first span's
    # document cites; spans from other documents stay shown, uncited
    one_doc = (chosen[0].hit.passage.doc_id if chosen and st.cite_one_document and names_one_document(question)
               else None)
    # a question asking several things or comparing two: a joined sentence may state another item
    several = kind == "comparison" or asks_plural(question, kind)
    # how much of what is asked the first span names: a secondary sentence naming clearly less states a
    # neighbouring finding (another trial, another review's account), not the answer
    first_named = concept_coverage(concepts or [], terms, chosen[0].tokens) if chosen else 0.0
    for u in chosen:
        if one_doc is not None and u.hit.passage.doc_id != one_doc:
            out[id(u)] = []
            continue
        # a secondary sentence lacking the asked answer type the first span has (a new number, an
        # enumeration: qa.answer.focus) is context, not the answer: it does not cite (while the
        # answer type counts at all, answer_type_weight > 0)
        # (a table row is exempt: it abbreviates what a sentence writes out, 'Auto adipose-tissue' for
        # 'autologous adipose tissue-derived', so it names fewer of the question's words for the same
        # study; user trial 24 lost Garcia-Olmo 2009's row [110])
        adds = u is not chosen[0] and cites_anyway(u, chosen[0], concepts or [], terms, index, st)
        named_enough = u is chosen[0] or u.hit.passage.kind == "table_row" or adds or (
            concept_coverage(concepts or [], terms, u.tokens) >= first_named - concept_margin(u, chosen[0], st) - 1e-9)
        if kind == "sources":
            # a question of one or two concepts asks for a subject's literature (qa.answer.sources): every
            # sentence on the subject cites; one naming a finding asks for that finding's studies
            cited = named_enough or len(concepts or []) <= 2
        else:
            cited = u is chosen[0] or adds or (
                u.score >= top - st.citation_margin and (not st.answer_type_weight or u.shape >= chosen[0].shape)
                and (not st.citation_same_review or u.hit.passage.doc_id == chosen[0].hit.passage.doc_id)
                and named_enough)
        if followup and u is not chosen[0] and st.followup_own_words and not followup & u.tokens:
            cited = False  # a follow-up's secondary sentence naming only the earlier question's words
        if not cited or u.context_only:
            out[id(u)] = []
            continue
        def in_joined(c: Citation) -> bool:  # in the sentence joined after the span's own
            return bool(u.joined) and c.start >= u.joined[0]

        def in_before(c: Citation) -> bool:  # in the sentence joined before it
            return bool(u.before) and c.end <= u.before[0]

        cites = [c for c in u.citations
                 if not (in_joined(c) and not joined_cites(u, top, st.citation_margin))
                 and not (in_before(c) and not before_cites(u, top, st.citation_margin))]
        own = [c for c in u.citations if not in_joined(c) and not in_before(c)]
        inherited: list[Citation] = []
        if not own and u.describes:  # a named study's description, continued after its citation
            inherited = list(u.describes)
        elif not own and st.inherit_citations != "off":  # one group of a neighbouring sentence
            # the quote's sentence cites the study it refers to; a joined sentence citing its own
            # ("In this report, ... (4%) ... A large study from the same group ... [39]") keeps its
            # citation beside it, when it cites at all
            inherited = inherited_citations(u, index, st.inherit_citations)
        elif own and st.inherit_citations in ("back", "both") and u.before is not None and not any(
                in_before(c) for c in u.citations) and before_cites(u, top, st.citation_margin) \
                and not goes_on_by_connective_only(u.text):
            # the sentence joined before the quote's own, offered as answering with it, cites nothing
            # but goes on from the study cited just before it ("Prochymal was used in a randomized
            # prospective study ... [94]. Ninety-four percent of the patients had an initial response
            # ..."): its study is offered first, not only the own sentence's (user trial 45). Not by a
            # bare connective ("Furthermore, a recent study showed ..."): that adds, often a new study
            inherited = inherited_citations(u, index, "back")
        if not cites and not inherited and not own_statement(u, index, st) and not contrasted(u):
            # the quote's own sentence cites nothing, refers to no study before it, and the sentence
            # shown with it cites: a study described over two sentences is cited once, and the quote
            # would otherwise print its number without offering it, leaving the answer without a
            # source (user trial 6). Not a sentence shown for its contrast ("However, CB-derived
            # MSCs ... [6,7]"): that one states another finding, with its own source
            cites = list(u.citations)
        # the rules below read the quote's own text: a citation inherited from the sentence before
        # lies outside it, and is added after them
        kept = per_sentence(u, index, cites, lambda text, start, mine: enumerated_citations(
            text, start, mine, terms, tokens_of, st.max_item_words, st.item_rule, st.item_sibling_share,
            st.item_head_rule, st.coordinate_subjects, st.long_unnamed_clause)) if cites else []
        # a sources question names the finding whose studies it asks for: a group whose own words
        # do not name it backs another finding of the sentence (`sources_clause_share`)
        share = st.sources_clause_share if kind == "sources" else st.clause_share
        if share > 0 and kept:
            # a listed item's own words weigh at least the question's mean term weight (`clause_own_items`)
            item_floor = sum(terms.values()) / len(terms) if st.clause_own_items and terms else None
            allowed = {id(c) for s in sentence_clauses(u.text, u.start, sentence_bounds(u, index), cites, terms,
                                                       tokens_of)
                       for c in clause_citations(s, share, st.max_item_words, st.coordinate_clauses,
                                                 st.long_unnamed_clause, item_floor)}
            kept = [c for c in kept if id(c) in allowed]
        if st.own_sentence_context and kept and not several and own_statement(u, index, st):
            kept = beside_own_statement(u, kept, sentence_bounds(u, index), terms, tokens_of, st.joined_adds_share)
        if joined_context(u, terms, tokens_of, st.joined_adds_share, concepts) and (
                not several or (st.joined_several_concepts and names_less(u, terms, tokens_of, concepts))):
            # (read with the rules above, which see the whole quote, then left out)
            kept = [c for c in kept if not in_joined(c)]
        if st.joined_comment != "off":
            kept = without_comments(u, kept, comments(u, sentence_bounds(u, index), terms, tokens_of, concepts or [],
                                                      st.joined_comment == "always"))
        if kind == "sources" and len(kept) > 1:
            kept = asked_clause_first(u, kept, terms, tokens_of, index)
        if st.inherit_introduced:  # the last sentence introduces a study its next sentence cites
            inherited += [c for c in introduced_study(u, index) if c.key not in {i.key for i in inherited}]
        out[id(u)] = inherited + [c for c in kept if c.key not in {i.key for i in inherited}]
    if st.cite_sentence_before and chosen and not chosen[0].citations and not out[id(chosen[0])]:
        before = sentence_before(chosen[0], chosen[1:], index)
        if before is not None and not out[id(before)]:
            out[id(before)] = [c for c in before.citations if before.start <= c.start and c.end <= before.end]
    if st.cite_sentence_before and chosen and not out[id(chosen[0])]:  # the sentence before, joined into the quote
        out[id(chosen[0])] = joined_before_answers(chosen[0], terms, tokens_of, concepts or [])
    if st.cite_uncited_first and chosen and not own_statement(chosen[0], index, st):
        if (found := first_citing(chosen, out)) is not None:
            out[id(found[0])] = found[1]
    # a question asking what several reviews say: another review's number for a study the first quote offers
    if st.cite_same_study and one_doc is None and (compared or names_several_documents(question)):
        same_study_citations(chosen, out, index)
    if st.cite_named_author:
        def first_author(doc_id: str, key: str) -> str:
            study = index.studies.for_citation(doc_id, key)
            return study.first_author if study is not None else ""

        def year(doc_id: str, key: str) -> int | None:
            study = index.studies.for_citation(doc_id, key)
            return study.year if study is not None else None

        pairs = [(u.hit.passage.doc_id, c.key) for u in chosen for c in out[id(u)]]
        asked = asked_study_keys(question, pairs, first_author, year)
        if asked is not None:
            for u in chosen:
                out[id(u)] = [c for c in out[id(u)] if (u.hit.passage.doc_id, c.key) in asked]
    # after the named-author cut: a secondary span's key of the named study is kept, not dropped as new
    # beside keys of a better span that the cut then removes
    if st.restated_citations != "off":
        def identity(doc_id: str, key: str) -> object:
            study = index.studies.for_citation(doc_id, key) if st.restated_citations == "study" else None
            return study.id if study is not None else (doc_id, key)

        restated(chosen, out, identity)
    if kind == "sources" and st.sources_one_study != "off" and asks_one_source(question):
        one_study(chosen, out, st.sources_one_study == "group", terms, tokens_of, index)
    return out


def one_study(chosen: list[Unit], out: dict[int, list[Citation]], group: bool, terms: dict[str, float],
              tokens_of: Callable[[str], set[str]], index) -> None:
    """A question asking for one study ('What study is cited for ...?') is answered by the citations of
    its best citing span (`group`: only those of the clause naming most of what is asked); the other
    spans, another finding or review beside it, are shown uncited. Which span is best is read twice,
    by its score and by the share of the question's words it names: when the two disagree ("Following
    this study, MSCs have been used ... [101-105]" scoring above "The results indicated that MSCs were
    still viable 3 months ..." [100], asked which study found them viable), both cite. In place."""
    citing = [u for u in chosen if out[id(u)]]
    if not citing:
        return
    best = {id(max(citing, key=lambda u: u.score)), id(max(citing, key=lambda u: (coverage(terms, u.tokens), u.score)))}
    for u in chosen:
        if id(u) not in best:
            out[id(u)] = []
        elif group and len(out[id(u)]) > 1:
            first = asked_clause_first(u, out[id(u)], terms, tokens_of, index)
            groups = [cl.group for s in sentence_clauses(u.text, u.start, sentence_bounds(u, index), first, terms,
                                                         tokens_of) for cl in s.clauses]
            lead = next((g for g in groups if any(c is first[0] for c in g)), [first[0]])
            out[id(u)] = [c for c in out[id(u)] if any(c is d for d in lead)]


def restated(chosen: list[Unit], out: dict[int, list[Citation]],
             identity: Callable[[str, str], object]) -> None:
    """Secondary spans that re-cite a study a better span cites keep only that study's keys: a
    sentence citing the asked study among others ("... tested in models, including EAE (A, B),
    ..., lupus mice (C, D)") restates it in a broader statement, whose other studies are not what
    was asked. `identity` names a citation's study (its (doc, key), or the registry's study, which
    one study cited by two reviews shares). In place, best span first (by score)."""
    seen: set[object] = set()
    for u in sorted(chosen, key=lambda u: -u.score):
        doc = u.hit.passage.doc_id
        mine = {identity(doc, c.key) for c in out[id(u)]}
        if seen & mine:
            out[id(u)] = [c for c in out[id(u)] if identity(doc, c.key) in seen]
        seen |= mine


def sentence_before(first: Unit, others: list[Unit], index) -> Unit | None:
    """The span of `others` that is the sentence just before `first` in its passage, with no paragraph
    break between them (`cite_sentence_before`): the sentence introducing the study `first` goes on
    describing. None when no span is."""
    p = first.hit.passage
    before = [(a, b) for _, a, b in index.sentence_spans(first.hit) if b <= first.start]
    if not before:
        return None
    a, b = before[-1]
    if "\n\n" in p.text[b - p.start:first.start - p.start]:
        return None
    return next((u for u in others if u.hit.passage.id == p.id and u.start <= a < u.end
                 and u.end <= first.start), None)
