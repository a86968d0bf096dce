"""When a follow-up is read with the question before it."""
from __future__ import annotations

from qa.index.analyzer import tokenize
from qa.retrieval.query import needs_context, orphan_follow_up


def test_short_or_backward_pointing_questions_need_the_previous_one():
    for q in ("and in children?", "what about the dose?", "how many of those sites are still bound?"):
        assert needs_context(q, tokenize(q)), q
    q = "What surface markers do human bone marrow MSCs express in culture?"
    assert not needs_context(q, tokenize(q))


def test_a_short_question_naming_its_subject_is_a_new_question():
    """User trial 4: "Which sources were used for SLE?" and "What is the capital of Australia?"
    after a GVHD question were read as its follow-ups (three content words or fewer was enough).
    A short question that names what it is about stands alone; one that names nothing, or points
    back, still takes the earlier question."""
    for q in ("Which sources were used for SLE?", "What is the capital of Australia?", "What is GVHD?",
              "How many had CD34+ cells?"):
        assert not needs_context(q, tokenize(q)), q
    for q in ("How many patients?", "What dose?", "Were they adults?", "Which ones used the bone marrow?",
              "and in SLE?", "What about IL-6?", "Any deaths?"):
        assert needs_context(q, tokenize(q)), q


def test_a_count_with_its_noun_left_out_takes_the_earlier_subject():
    """User trial 23: "how many had biopsy-proven nephritis?" after the Sun 2010 lupus trial was read
    alone (four content words) and refused; "how many [patients] had" leaves its noun out."""
    for q in ("how many had biopsy-proven nephritis?", "What proportion responded to the second infusion?",
              "how many developed chronic graft failure?",
              # any verb in the past tense, not a list of verbs: "improved", "recovered", "engrafted"
              "how many improved after the second dose?", "what percentage recovered their platelet counts?",
              "How many engrafted by day 30?"):
        assert needs_context(q, tokenize(q)), q
    for q in ("how many patients had biopsy-proven nephritis?", "How many had CD34+ cells?"):
        assert not needs_context(q, tokenize(q)), q


def test_it_pointing_back_reads_a_follow_up_and_an_empty_it_does_not():
    """User trial 7: "what surface density of it was used in the monkey?" was not read with the
    question before it. "it" as an object or as the subject of what it does points back; the empty
    "it" of "Is it safe to ...", and "its" inside a question's own words, do not."""
    for q in ("what surface density of it was used in the monkey?", "Does it work in children with GVHD?",
              "Were the results with it better in adults with Crohn's disease?",
              "which E3 ligase does it?"):  # user trial 17, F3: "it" ending the question
        assert needs_context(q, tokenize(q)), q
    for q in ("Is it safe to give bone marrow stem cells to people with lupus?",
              "Is it true that MSCs can transform malignantly in culture?",
              "Did the antibiotic cocktail on its own slow 4T1 tumor growth?"):
        assert not needs_context(q, tokenize(q)), q


def test_the_clause_a_question_sets_aside():
    """"Apart from X, what other ...": X's words are set aside, unless the rest of the question
    uses them too; a clause elsewhere in the question is not read."""
    from qa.retrieval.query import set_aside

    def aside(q: str) -> frozenset[str]:
        return set_aside(q, tokenize(q))

    assert aside("Apart from losing desiccation tolerance, what other phenotypes did the mutant show?") == \
        {"losing", "desiccation", "tolerance"}
    assert aside("Besides the CTD, which REV1 domains were mutated?") == {"ctd"}
    assert aside("Other than GVHD, which diseases were treated?") == {"gvhd"}
    assert aside("Besides survival, how did survival of the mutants differ?") == frozenset()  # used again
    assert aside("Which phenotypes, besides the growth defect, did it show?") == frozenset()
    assert aside("What did the mutant show?") == frozenset()


def test_set_aside_words_weigh_less_in_bm25(settings, index):
    from qa.retrieval.retriever import Retriever

    q = "Besides the CTD, which REV1 domains were mutated?"
    query = Retriever(settings, index=index).query_from(q)
    weights = dict(zip(query.bm25_tokens, query.bm25_weights))
    assert weights["ctd"] == settings.retrieval.set_aside_weight and weights["domain"] == 1.0
    off = Retriever(settings.replace(set_aside_weight=1.0), index=index).query_from(q)
    assert off.bm25_weights is None  # nothing to weigh differently


def test_a_set_aside_clause_no_longer_decides_the_ranking(pdf_library):
    """"Apart from the CTD, which domains of REV1 did they mutate?": at full weight 'CTD' keeps the
    passages about the CTD mutant on top and the one naming REV1's other domains ("In addition to
    the CTD, Drosophila REV1 contains a BRCT domain, a deoxycytidyl transferase (DTD) domain, and
    ... (UBM)") fifth; with the clause set aside it is second."""
    from qa.retrieval.retriever import Retriever

    settings, index = pdf_library
    q = "Apart from the CTD, which domains of REV1 did they mutate?"

    def rank(weight: float) -> int:
        hits = Retriever(settings.replace(set_aside_weight=weight), index=index).search(q, k=10)
        return next(h.rank for h in hits if "contains a BRCT domain" in h.passage.text)

    assert rank(settings.retrieval.set_aside_weight) < rank(1.0)
    assert rank(settings.retrieval.set_aside_weight) <= 2


def test_a_followup_asking_only_an_attribute_takes_its_subject_from_the_earlier_question():
    """User trial 18: "what dose?" after "How was LPS given to the 4T1 mice?" asks the LPS dose;
    "and in children?" or "what about doxorubicin?" bring a new element of their own."""
    from qa.retrieval.query import subject_from_earlier

    for q in ("what dose?", "how many pts?", "Which route?", "how old was the patient?", "what dose was that?",
              "and in those patients?"):
        assert subject_from_earlier(q), q
    for q in ("and in children?", "what about doxorubicin?", "what dose of LPS did the 4T1 mice get?",
              "which route did Karussis use?", "and LPS?", "how were the libraries sequenced?"):
        assert not subject_from_earlier(q), q


def test_an_it_question_asking_three_words_of_its_own_is_no_orphan_follow_up():
    """User trial 33: a relative's first question "Is it safe, can it cause cancer?" was refused as
    a follow-up with nothing to follow. When only an "it" leans back, three words of its own ask a
    question of the library's treatment; fewer ("does it work in children?") or a continuation
    ("and what about side effects?") still need the earlier question."""
    for q in ("Is it safe, can it cause cancer?", "Is it approved anywhere for use?"):
        assert not orphan_follow_up(q, tokenize(q)), q
    for q in ("does it work in children?", "Is it safe?", "and what about its side effects?",
              "what about the dose?"):
        assert orphan_follow_up(q, tokenize(q)), q
