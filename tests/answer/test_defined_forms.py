"""A question word the evidence writes in the other form the library defines (qa.answer.defined_forms):
a mixed-case abbreviation written out as one hyphenated compound ("FUdR", "5-Fluoro-2'-deoxyuridine"),
and an abbreviation or long form an article's own "long form (ABBR)" definition pairs (its glossary).
Real PDF library (the articles' own texts and glossaries); the questions are written for these tests
or are the user-trial ones of tests/answer/test_answer_type.py."""
from __future__ import annotations

from conftest import answerer_with

from qa.answer.defined_forms import compound_written, defined_forms, defined_tokens, parts
from qa.answer.refusal import FEATURES, written_out_tokens

FUDR = "What concentration of FUdR was on the slow-killing plates?"
PNAS = "10.1073_pnas.2322520121"


def test_a_mixed_case_abbreviation_is_read_in_one_compound():
    sentence = "plated on NGM plates containing 0.05 mg/ml 5-Fluoro-2´-deoxyuridine (MP Biomedical)"
    assert compound_written("FUdR", sentence)
    assert compound_written("dNTP", "a deoxy-nucleoside-tri-phosphate pool")
    # the letters must start two parts of one compound: a plain word, separate words, an all-capitals or
    # lower-case abbreviation are not read so (spelled_out and the glossary read those)
    assert not compound_written("FUdR", "fluorodeoxyuridine")
    assert not compound_written("FUdR", "Fluoro deoxy uridine")
    assert not compound_written("CsrB", "a cross-bridge")
    assert not compound_written("ISCT", "Inter-Society-Cellular-Therapy")
    assert not compound_written("fudr", sentence)
    # the refusal features read it through written_out_tokens, as a capital abbreviation's initials
    assert written_out_tokens(FUDR, [sentence]) == {"fudr"}
    assert written_out_tokens(FUDR, ["FUdR-free plates were used"]) == set()


def test_an_articles_own_definition_reads_either_form(pdf_library):
    _, index = pdf_library
    forms = defined_forms(index)
    assert forms["hu"][PNAS] == (("hydroxyurea",),)  # "hydroxyurea (HU)" in the article
    # one abbreviation, two articles, two meanings: each passage is read with its own article's definition
    assert len(forms["pr"]) == 2
    hu = "upon treatment with HU (4 mM, 4 h), RPA binding and UFL1 were cofound at replication forks"
    assert defined_tokens(index, "Does hydroxyurea recruit UFL1 to forks?", [(PNAS, hu)]) == {"hydroxyurea"}
    written = "upon treatment with hydroxyurea (4 mM, 4 h)"
    assert defined_tokens(index, "Does HU recruit UFL1 to forks?", [(PNAS, written)]) == {"hu"}
    # 'PR' in the breast-cancer article is the progesterone receptor, not a photoreceptor
    cancers = "10.3390_cancers14194849"
    assert defined_tokens(index, "How many photoreceptors were transfected?",
                          [(cancers, "PR status was negative in 12 tumours")]) == set()
    assert parts("double-stranded RNA") == parts("double stranded RNA") == ("double", "stranded", "rna")


def test_fudr_written_out_is_no_missing_name(pdf_library):
    """User trial 12's FUdR question: the article writes only "5-Fluoro-2´-deoxyuridine". The specific word
    read as missing from the evidence (missing_specific 1.0, the 0.4 confidence and the "No article uses
    'FUdR'" caution) was the reason every refit refused it (evals/README.md, "The refusal refit, made safe")."""
    settings, index = pdf_library
    answerer = answerer_with(settings, index)
    features = _features(answerer, index, FUDR)
    assert features["missing_specific"] == 0.0 and features["missing_term"] < 0.5
    answer = answerer.ask(FUDR)
    assert answer.found and "0.05 mg/ml 5-Fluoro" in answer.spans[0].text
    assert "FUdR" not in answer.caution and answer.confidence > 0.6


def _features(answerer, index, question: str) -> dict[str, float]:
    """The calibrated refusal's features for `question`, read as `Answerer.ask` reads them."""
    from qa.answer import refusal_evidence
    from qa.retrieval.question import kind_of

    query = answerer.retriever.parse(question, None)
    query = query.with_kind(kind_of(query, index))
    hits = answerer.retriever.search(query, k=10)
    units = answerer.units(hits)
    answerer.score_units(query, units)
    units.sort(key=lambda u: -u.score)
    return dict(zip(FEATURES, refusal_evidence.evidence_features(
        answerer, query, units, hits, answerer.standout(query, hits))))


def test_the_refusal_features_read_a_word_the_evidence_writes_as_its_articles_abbreviation(pdf_library):
    """Mutation audit (thirty-second session): the tests above call `defined_tokens` themselves, so they
    passed with the refusal features not calling it. Asked about 'photoreceptors', the retina article's
    top passages write 'PR' (its own "photoreceptor (PR)" definition): the word is present, not a missing
    specific one (0.78 of the ceiling without the glossary reading)."""
    settings, index = pdf_library
    features = _features(answerer_with(settings, index), index,
                         "Did the photoreceptors express GFP after the MH42 LNP injection?")
    assert features["missing_specific"] == 0.0 and features["missing_term"] == 0.0


def _every_entry(index, question: str, passages) -> set[str]:
    """`defined_tokens` as it was written first: every glossary entry of the library walked per question."""
    from qa.answer.defined_forms import NAME, _holds
    from qa.index.analyzer import tokenize

    forms = defined_forms(index)
    seqs, out = [(d, parts(t)) for d, t in passages], set()
    for word in dict.fromkeys(w.strip(".'’\"") for w in NAME.findall(question)):
        key = word.lower()
        by_doc = forms.get(key) or (forms.get(key[:-1]) if key.endswith("s") else None) or {}
        known = {f for fs in by_doc.values() for f in fs}
        if any(c.isupper() for c in word) and known and any(_holds(s, f) for _, s in seqs for f in known):
            out.update(tokenize(word))
    asked = parts(question)
    for short, by_doc in forms.items():
        written = {d: [f for f in fs if _holds(asked, f)] for d, fs in by_doc.items()}
        out.update(t for d, s in seqs if written.get(d) and _holds(s, parts(short)) for f in written[d] for t in f)
    return out


def test_a_question_reads_only_the_definitions_its_own_words_start(pdf_library):
    """The long forms are looked up by their first part (`_by_first_part`, kept on the loaded index), not
    walked entry by entry per question: the same tokens as the walk, for every long form of the library
    asked in a question beside a passage of its article writing the abbreviation."""
    from qa.answer.defined_forms import _by_first_part

    _, index = pdf_library
    forms, first = defined_forms(index), _by_first_part(index)
    assert first is _by_first_part(index)
    assert {s for shorts in first.values() for s in shorts} == set(forms)
    asked = read = 0
    for short, by_doc in sorted(forms.items()):
        for doc, fs in sorted(by_doc.items()):
            question = f"Did {' '.join(fs[0])} change in the {short.upper()} samples?"
            passages = [(doc, f"the {short.upper()} level rose"), (doc, " ".join(fs[-1])),
                        (index.doc_ids[0], f"{short} was measured")]
            got = defined_tokens(index, question, passages)
            assert got == _every_entry(index, question, passages), question
            asked, read = asked + 1, read + bool(got)
    assert asked > 100 and read > asked // 2
