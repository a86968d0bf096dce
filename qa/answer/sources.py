"""The cited sentences a sources question is answered with ("Which sources were used for SLE?").

A question of one or two concepts asks for a subject's literature: every cited sentence naming
its subject down to `sources_subject_floor` of the best; one naming a finding asks for that
finding's studies: those within `sources_relative_floor` of its best sentence. A trial-table row
naming the question's rarest concept lists a study of it and takes the subject floor either way; the
verb after the literature noun ("which trials *tested* ...") is never that concept (`literature_verb`).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from qa.retrieval.attribute import IRREGULAR_PAST
from qa.answer.followup import setting_coverage
from qa.answer.joins import joined, to_citing_sentence
from qa.retrieval.question import QUESTION_FORM, SOURCE_NOUNS
from qa.answer.units import overlaps
from qa.answer.secondary import written
from qa.index.analyzer import tokenize

if TYPE_CHECKING:
    from qa.answer.answerer import Answerer
    from qa.answer.units import Unit
    from qa.retrieval.query import Query


def rarest_concept(answerer: Answerer, concepts: list[list[list[str]]],
                   relating: frozenset[str] = frozenset()) -> int | None:
    """The index of the question's most specific concept (by its rarest name's idf; the first of
    equals), None without concepts: the subject of a sources question ('SLE', not 'used'). A concept
    all of whose names are `relating` words (`literature_verb`) is never the subject."""
    subjects = [i for i, alts in enumerate(concepts) if not all(set(alt) <= relating for alt in alts)]
    return max(subjects, key=lambda i: max(answerer.idf(t) for alt in concepts[i] for t in alt), default=None)


# "Which trials tested MSCs in SLE?", "What studies reported ...": the literature noun, then its verb
_LITERATURE_VERB = re.compile(r"^\W*(?:which|what)\b(?:\s+[\w'-]+){0,3}?\s+" + SOURCE_NOUNS + r"\s+([a-z]+)\b", re.I)


def literature_verb(question: str) -> frozenset[str]:
    """The tokens of the verb that follows a sources question's literature noun ("which trials
    *tested* MSCs in SLE?": a past form, -ed or irregular): it says how the studies bear on the
    subject, never which subject. A verb rarer in the library than the disease ('tested' against
    'SLE') was read as the subject, and the trial-table rows naming the disease fell to the finding's
    floor (user trial 46)."""
    found = _LITERATURE_VERB.match(question)
    verb = found.group(1).lower() if found else ""
    past = (len(verb) > 3 and verb.endswith("ed")) or verb in IRREGULAR_PAST
    return frozenset(tokenize(verb)) if past else frozenset()


def most_specific(answerer: Answerer, concepts: list[list[list[str]]], about: set[str]) -> list[list[str]] | None:
    """The most specific of the question's concepts (`rarest_concept`) that `about` (the best citing
    sentence's words) writes as asked, None when it writes none. As asked: the idf read is the asked
    form's, which a rare inflection ('suppressing') would inflate above the finding's own words."""
    held = [c for c in concepts if any(alt and all(t in about for t in alt) for alt in c)]
    at = rarest_concept(answerer, held)
    return None if at is None else held[at]


def supporting(answerer: Answerer, query: Query, units: list[Unit]) -> list[Unit]:
    """Every cited unit on the question's topic (sentence or its section), best first."""
    st = answerer.settings.answer
    concepts = answerer.topic(query)
    need = (len(concepts) + 1) // 2
    # a question of one or two concepts ("sources used for SLE?") asks for a subject's literature;
    # one naming a finding asks for the studies of that finding: those close to its best sentence
    subject_question = len(concepts) <= 2
    floor = st.sources_subject_floor if subject_question else st.sources_relative_floor
    # the subject of such a question is its most specific concept (the rarest in the corpus:
    # 'SLE' in "sources used for SLE?", not 'used'); a sentence far below the best must name it
    subject = None  # the index of that concept in `concepts`
    rarest = rarest_concept(answerer, concepts, literature_verb(query.asked or query.text))
    if subject_question:
        subject = rarest
    best = units[0].score
    # a finding's sentences are shown down to its floor, but one well below the best cites only
    # at the citation floor (`sources_citation_floor`): shown as context, its studies not offered
    cite_floor = 0.0 if subject_question else st.sources_citation_floor
    # the question's rarer half of words: a common one ('studies', 'found') names no part of a finding
    words = sorted({t for t in query.tokens if t not in QUESTION_FORM}, key=answerer.idf)
    unnamed = set(words[len(words) // 2:])  # those no citing sentence chosen so far names
    # a follow-up's earlier question says where its studies are: a sentence from a passage holding
    # little of its setting (the earlier question's words) answers another topic's 'refs'
    setting = setting_coverage(answerer, query, units) if st.sources_followup_setting_share else {}
    setting_floor = setting.get(units[0].hit.passage.id, 0.0) * st.sources_followup_setting_share
    chosen: list[Unit] = []
    specific: list[list[str]] | None = None  # the finding's most specific concept, once the best is chosen
    for u in units:
        if not answerer.cites(u) or any(overlaps(u, c) for c in chosen):
            continue
        about = u.topic if u.topic is not None else u.context
        named = [any(all(t in about for t in alt) for alt in alts) for alts in concepts]
        strong = u.score >= best * st.sources_strong_fraction
        if concepts and sum(named) < max(1, need) and not strong:
            continue  # off the topic, unless it scores as the best sentence does
        if subject is not None and not named[subject] and not strong:
            continue  # a sentence sharing only a general word ('used') with the question
        if setting and setting.get(u.hit.passage.id, 0.0) < setting_floor and not strong:
            continue  # off the earlier question's setting
        # a table row naming the question's rarest concept lists a study of it ('Disease: OI' for
        # "Which trials treated osteogenesis imperfecta ...?"): the subject floor, not the finding's;
        # it must name every concept that has other names too (a disease: not an MS trial's row
        # for "... in Crohn's disease, with mixed outcomes?", whose 'Outcome: Mixed' is the rarest)
        row = (u.hit.passage.kind != "text" and rarest is not None and named[rarest]
               and all(n for n, alts in zip(named, concepts) if len(alts) > 1))
        if u.score < best * (st.sources_subject_floor if row else floor):
            continue
        if u.hit.passage.doc_id != units[0].hit.passage.doc_id and u.score < best * st.sources_other_review_floor:
            continue  # another review's sentence cites for the answer only when it is as strong as the best
        # a sentence below the citation floor still cites when it names a (rarer) word of the question
        # no citing sentence above it names (it states a part of the finding the best ones leave out);
        # a table row lists a study of the subject and cites as such
        u.context_only = not row and u.score < best * cite_floor and not unnamed & u.tokens
        # a cited sentence lacking what marks the finding the best one states states a neighbouring
        # finding; one citing only through the study it goes on describing (no number of its own:
        # "The results indicated that MSCs were still viable ...") reports that study's result
        if specific is not None and not row and not strong and u.citations and not written(specific, about):
            u.context_only = True
        if not u.context_only:
            unnamed -= u.tokens
        chosen.append(u)
        if len(chosen) == 1 and st.sources_specific_concept and not subject_question:
            specific = most_specific(answerer, concepts, about)
        if len(chosen) >= st.max_sources_spans:
            break
    if not chosen:  # no cited sentence on the topic: the best one, shown up to the citation closing its run
        best_unit = to_citing_sentence(answerer.index, units[0], st.sources_reach_citation)
        if best_unit is units[0] and st.sources_uncited_joins:
            # no citation reached: an ordinary answer, its sentence joined as any first span is (a
            # follower qualifying it, "However, the role of MSCs in RA has not yet been reported ...")
            scores = {(u.hit.passage.id, u.start): u for u in units}
            best_unit = joined(answerer.index, st, units[0], scores, False)
        return [best_unit]
    # grouped by review (the review with the best span first), best span first within one
    doc_rank: dict[str, int] = {}
    for u in chosen:
        doc_rank.setdefault(u.hit.passage.doc_id, len(doc_rank))
    return sorted(chosen, key=lambda u: (doc_rank[u.hit.passage.doc_id], -u.score))
