"""The procedure signal of the second stage: which questions ask how an experiment was done, which
sentences read as a laboratory step, the signal combined by hand, and on the real research
articles a protocol question answered from the Methods instead of a Results restatement."""
from __future__ import annotations

import pytest

from qa.retrieval.question import classify
from qa.retrieval.protocol import asks_procedure, is_step, procedure_share
from qa.retrieval.rerank import Evidence, combine
from qa.retrieval.retriever import Retriever


@pytest.mark.parametrize("question", [
    "What dose of cyclophosphamide did the rats receive?",
    "At what concentration was the inhibitor added to the culture?",
    "In what volume were the cells resuspended before injection?",
    "How were the organoids fixed and stained?",
    "How exactly was binding measured at each pH?",
    "How did they classify the tumours into subtypes?",
    "Which software was used to align the reads?",
    "What antibody did they use to detect the tag?",
    "What buffer was used to lyse the cells?",
    # where its material or data came from: the Methods state the source
    "Where did the set of active and inactive TF binding sites come from?",
    "Where were the bacterial strains obtained from?",
    # a condition or amount asked of a step (thirty-seventh session): a fronted preposition before a passive,
    # an elliptic one after a conjunction, a passive duration, a per-unit amount, a measure word or a share
    # of a material, and the thing used named in more than three words
    "At what temperature were the plates incubated before staining?",
    "Into which groups were the reads binned before counting?",
    "How long were the larvae grown on the lawn before the switch?",
    "How long were the reads, and on what machine?",
    "How many nuclei went into each tagmentation reaction?",
    "How much plasmid went into the transfection mix?",
    "Crosslinking - what % formaldehyde and how long?",
    "Secondary antibody for the staining: what conc, and what dilution?",
    "Which wild-type and two mutant alleles were used for the survival comparison?",
])
def test_questions_about_how_it_was_done(question):
    assert asks_procedure(question, classify(question))


@pytest.mark.parametrize("question", [
    "How did tumour volume change after treatment?",  # a result, in the words of a protocol question
    "How were survival rates compared between the groups?",
    "Which studies showed that MSCs home to injured tissue?",  # sources: the citation decides
    "What is a three-allele transposon library?",  # definition
    "How many patients responded to the infusion?",
    "Does knocking down the gene shorten lifespan?",
    "How much fewer mutations were found in the hypomethylated regions?",
    "Where is the tagged protein found in the cell?",  # 'where', but no source asked
    "How many genomes went into the mutation analysis?",  # a count of samples, not an amount per unit
    "To what extent was expression reduced in the mutant?",  # a fronted preposition, a result asked
    "In which tissues was the transgene expressed?",  # where a result was seen
    "What % of cells were positive for the marker?",  # a share of a result
])
def test_questions_about_what_was_found(question):
    assert not asks_procedure(question, classify(question))


@pytest.mark.parametrize("text, step", [
    ("Cells were incubated for 2 h at 37 °C.", True),
    ("The reactions were then centrifuged and the pellet discarded.", True),  # a passive step alone
    ("Mice received 5 mg/kg of the drug weekly.", True),  # a lab measure alone
    # an irregular participle of English, not a list of lab verbs ("spun", "frozen" were; "sewn", "ground" now)
    ("The grafts were sewn onto the dorsal fascia.", True),
    ("The tissue was ground in liquid nitrogen and the powder kept on ice.", True),
    ("We observed that the mutant grew more slowly than the wild type.", False),
    ("Our data suggest that the pathway is required for survival.", False),
    ("In 45% of tumours the mutation was absent.", False),  # a percentage is a result's number
])
def test_is_step(text, step):
    assert is_step(text) is step


def test_procedure_share():
    texts = ["Cells were incubated for 2 h at 37 °C.", "We observed no difference.",
             "Tumour volume was measured every three days.", "This suggests a role for the gene."]
    assert procedure_share(texts) == pytest.approx(0.5)
    assert procedure_share([]) == 0.0


def test_procedure_weight_by_hand():
    """Standardised like the other signals and added with its weight; constant shares (a question
    that does not ask for a procedure reads 0 everywhere) change nothing."""
    base = [Evidence(3.0, 0.1, 0.0, 1.0), Evidence(2.0, 0.5, 0.0, 0.0), Evidence(1.0, 0.3, 0.0, 0.0)]
    weights = [1.0, 0.5, 2.0, 1.0, 0.0]
    plain = combine(base, weights)
    steps = [Evidence(*e.values(), procedure=share) for e, share in zip(base, (0.0, 0.0, 1.0))]
    z = [-2 ** -0.5, -2 ** -0.5, 2 ** 0.5]  # (0, 0, 1) standardised
    assert combine(steps, weights, procedure_weight=2.0) == pytest.approx([p + 2.0 * v for p, v in zip(plain, z)])
    assert combine(steps, weights) == pytest.approx(plain)
    assert combine(base, weights, procedure_weight=2.0) == pytest.approx(plain)


def test_default_is_off():
    """Off by default (twenty-second session): its gain did not carry over to later blind rounds."""
    from qa.settings import Settings

    assert Settings().retrieval.rerank_procedure_weight == 0.0


def test_a_dose_question_is_answered_from_the_methods(pdf_library):
    """Turned on: 'Dox treatment of the 4T1 mice: which dose and route?' shares its words with a Results
    passage on doxorubicin-treated mice (plasma LPS levels) that comes first without the signal;
    with it the Methods passage giving '2.5 mg/kg of IV-doxorubicin was injected into the tail
    veins' does, and the Results passage stays near the top. Measured without the Methods prior
    (`rerank_methods_bonus`), which puts that Methods passage first by itself."""
    settings, index = pdf_library
    settings = settings.replace(rerank_methods_bonus=0.0)
    question = "Dox treatment of the 4T1 mice: which dose and route?"
    assert asks_procedure(question, classify(question))
    off = Retriever(settings.replace(rerank_procedure_weight=0.0), index=index).search(question, k=5)
    on = Retriever(settings.replace(rerank_procedure_weight=1.0), index=index).search(question, k=5)
    assert "2.5 mg/kg of IV-doxorubicin" not in off[0].passage.text
    assert "2.5 mg/kg of IV-doxorubicin" in on[0].passage.text
    assert off[0].passage.id in {h.passage.id for h in on}


def test_only_procedure_questions_read_the_signal(pdf_library):
    """A question about a finding reads no procedure share: every candidate's is 0."""
    settings, index = pdf_library
    retriever = Retriever(settings.replace(rerank_procedure_weight=1.0), index=index)
    from qa.retrieval import evidence

    seen: list[list[Evidence]] = []
    original = evidence.EvidenceReader.read

    def spy(self, *args, **kwargs):
        out = original(self, *args, **kwargs)
        seen.append(out)
        return out

    evidence.EvidenceReader.read = spy
    try:
        retriever.search("Did doxorubicin change the gut microbiome of the mice?", k=5)
        retriever.search("Dox treatment of the 4T1 mice: which dose and route?", k=5)
    finally:
        evidence.EvidenceReader.read = original
    assert all(e.procedure == 0.0 for e in seen[0])
    assert any(e.procedure > 0.0 for e in seen[1])
