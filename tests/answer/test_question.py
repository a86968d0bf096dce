"""Question kinds from wording alone: own phrasings per kind (none of them evaluation questions)."""
from __future__ import annotations

import pytest

from qa.retrieval.question import KINDS, classify, has_number, number_unit

PHRASINGS = {
    "sources": [
        "Which papers report MSCs reducing fibrosis?",
        "What references support the use of cord blood MSCs?",
        "Who showed that MSCs inhibit B cells?",
        "Cite the studies on MSC homing.",
        "Give me the references on MSCs in stroke.",
        "Any studies on MSCs in diabetes?",
        "Which trials tested MSCs in Crohn disease?",
        "MSCs and angiogenesis - sources?",
        "which articles describe MSC senescence",
        "all studies on MSCs in lupus mice",  # user trial 40: the determiner before the literature noun
        "All the trials for MSCs in Crohn disease",
    ],
    "table": [
        "Which route did Smith et al. use in their trial?",
        "What phase was the Jones et al. cirrhosis trial?",
        "How many patients were enrolled in the Brown et al. trial?",
        "What was the outcome of the Lee et al. trial in Table 2?",
        "What was the route of administration in the Hare et al. trial?",
        "How many patients did Horwitz et al. treat?",
    ],
    "number": [
        "How many MSCs were infused per kilogram?",
        "What percentage of patients responded to MSCs?",
        "How long did the infused cells survive?",
        "What dose of MSCs was given?",
        "How often were the infusions repeated?",
        "What is the response rate of MSC therapy in GVHD?",
        "At what dose were MSCs given?",
        "What fraction of cells engrafted?",
        "What concentration of FUdR was on the plates?",
        "At what temperature were the worms kept?",
        "What was the volume of the injection?",
    ],
    "definition": [
        "What is a mesenchymal stem cell?",
        "Define chimerism.",
        "What does GVHD stand for?",
        "What is meant by licensing of MSCs?",
        "What are MSCs?",
        "definition of engraftment",
    ],
    "list": [
        "What are the main markers of MSCs?",
        "Name the cytokines that activate MSCs.",
        "Enumerate the mechanisms of MSC immunosuppression.",
        "What are the effects of MSCs on B cells?",
        "What are the different cell sources used for MSC isolation?",
    ],
    "fact": [
        "Why do MSCs fail to engraft?",
        "What is the role of IDO in MSC function?",
        "What happened after MSCs were infused into mice?",
        "all of the patients in the lupus trial",  # 'all' before no literature noun asks no studies

        "What is the mechanism of MSC immunosuppression?",
    ],
    "yesno": [
        "Do MSCs suppress T cells?",
        "Can MSCs turn into tumours?",
        "Is the infusion safe in children?",
    ],
    "comparison": [
        "Is bone marrow better than adipose tissue as an MSC source?",
        "How do MSCs from cord blood differ from those of bone marrow?",
        # the bare verb, and a choice between two sides after a comparative (fifteenth session)
        "How did engraftment compare between autologous and allogeneic MSCs?",
        "Which preparation gave more colonies, fresh or frozen cells?",
    ],
}


@pytest.fixture(scope="module")
def fields(index):
    """The columns of the real index's tables (the reviews' two tables), as the answerer reads them."""
    from qa.retrieval.table_fields import table_fields

    return table_fields(index)


@pytest.mark.parametrize("kind,question", [(k, q) for k, qs in PHRASINGS.items() for q in qs])
def test_classify(kind: str, question: str, fields):
    assert classify(question, fields) == kind


@pytest.mark.parametrize("kind,question", [
    ("sources", "refs for MSC homing?"),
    ("list", "What are the tissue sources of MSCs?"),
    # asked for what cites a finding ("refs that X?", "X - what evidence is cited?")
    ("sources", "MSC homing to tumours - what evidence is cited?"),
    ("sources", "Refs that MSCs home to injured tissue?"),
    ("sources", "MSCs and tumour growth: which references?"),
    ("list", "Bone marrow - what cells live there?"),
    # user trial 7: a study as the subject of the verb after 'what' asks what it found, not which studies
    ("fact", "What did the Prochymal trial in heart attack patients show?"),
    ("fact", "What did the authors conclude about MSC engraftment?"),
    ("definition", "What do the authors mean by chimerism?"),
    ("sources", "What studies showed MSC engraftment in heart attack patients?"),
    # asking what a term was taken to mean: a criterion or a definition (fifteenth session)
    ("definition", "What counted as a 'responder' in the GVHD trials?"),
    ("definition", "What qualifies as a 'fibroblast-like' colony?"),
    ("definition", "How was engraftment defined in the marrow transplant study?"),
    ("fact", "How were the patients treated after the infusion?"),
    # 'more' without a choice of two sides, and a yes/no 'or' question, stay what they were
    ("fact", "Which donor's cells grew more after priming?"),
    ("yesno", "Do MSCs home to the lungs or the liver?"),
    # "ref" tacked on after a question of its own asks for that answer with its citation (user
    # trial 20); after a bare topic it still asks for the studies
    ("number", "how many mice got the graft? ref"),
    ("yesno", "does priming help engraftment? refs"),
    ("fact", "the suicide gene, how fast did it kill the cells? ref"),
    ("sources", "MSCs in kidney injury, refs?"),
    ("sources", "Which trials used MSCs in stroke? refs"),
])
def test_classify_known_confusions(kind: str, question: str, fields):
    assert classify(question, fields) == kind


@pytest.mark.parametrize("question", [
    "Which diseases have MSCs been used for?", "Which tissues are MSCs isolated from?",
    "which inflammatory chemokines recruit MSCs?", "Which receptors do licensed MSCs upregulate?"])
def test_a_plural_wh_head_asks_several_things_whatever_its_noun(question: str):
    """No list of nouns decides it: the plural head's shape does (qa.answer.focus.asks_plural), and the
    question is a list question, as is a plural copula with a definite noun phrase ('what are the ...')."""
    from qa.answer.focus import asks_plural

    kind = classify(question)
    assert kind == "list" and asks_plural(question, kind)
    assert classify("What are the " + question.split(" ", 2)[1] + " of MSCs?") == "list"


def test_a_plural_copula_comparing_two_sides_is_a_comparison():
    assert classify("What were the tumor volumes of responders versus nonresponders?") == "comparison"
    assert classify("What are MSCs?") == "definition"


def test_classify_only_returns_known_kinds_and_ignores_case_and_spacing(fields):
    for qs in PHRASINGS.values():
        for q in qs:
            assert classify(q, fields) in KINDS
            assert classify("   " + q.upper() + "  ", fields) == classify(q, fields)
    assert classify("") == "fact"


@pytest.mark.parametrize("question,unit", [
    ("What percentage of patients responded?", "percent"),
    ("What proportion of fistulas closed?", "percent"),
    ("What was the complete response rate?", "percent"),
    ("How long did the cells survive?", "time"),
    ("How soon did proteinuria fall?", "time"),
    ("How long was follow-up?", "time"),
    ("What dose was used?", "dose"),
    ("How much was infused?", "dose"),
    ("How many patients were treated?", "count"),
    ("What concentration of estradiol was used?", "concentration"),
    ("At what temperature were the plates incubated?", "temperature"),
    ("What volume was injected subretinally?", "volume"),
    ("At what speed were the cells spun down?", "speed"),
    ("What was the size of the amplicon?", "length"),
    ("How many bootstrap datasets gave the peak temperature intervals?", "count"),
])
def test_number_unit(question: str, unit: str):
    assert number_unit(question) == unit


@pytest.mark.parametrize("text,unit,expected", [
    ("Complete responses were seen in 30% of patients.", "percent", True),
    ("Two thirds of the fistulas healed.", "percent", True),
    ("Responses were frequent.", "percent", False),
    ("Follow-up reached 17.2 months.", "time", True),
    ("Proteinuria fell within one week.", "time", True),
    ("Proteinuria fell soon after the infusion.", "time", False),
    ("Proteinuria fell within six weeks.", "time", True),
    ("Patients received 1 × 10 6 cells/kg.", "dose", True),
    ("A dose of 2 mg was given.", "dose", True),
    ("The dose was not reported.", "dose", False),
    ("16 patients were treated.", "count", True),
    ("Eleven of them had nephritis.", "count", True),
    ("Response was 40 %.", "count", False),
    # the measures of a protocol, each by its units
    ("Cells were treated with 0.5 μM estradiol.", "concentration", True),
    ("Plates held 0.05 mg/ml FUdR.", "concentration", True),
    ("Discs were cultured with 0.0025% MMS.", "concentration", True),
    ("Cells were treated with estradiol for 5 hours.", "concentration", False),
    ("Plates were incubated at 25 °C for 24 h.", "temperature", True),
    ("Plates were incubated for 24 h.", "temperature", False),
    ("A volume of 2 µl was injected.", "volume", True),
    ("Lysates were spun at 13,000 rpm.", "speed", True),
    ("Lysates were spun at 16,000 × g for 10 min.", "speed", True),
    ("Fragments of 300 bp were selected.", "length", True),
    ("Mice received 200 ng of vector.", "dose", True),
])
def test_has_number(text: str, unit: str, expected: bool):
    assert has_number(text, unit) is expected


@pytest.mark.parametrize("question, kind", [
    # user trial 12: "what was the reference locus?" (a follow-up about NAR's mutation-rate baseline)
    # was read as a request for references and answered from another article
    ("what was the reference locus?", "fact"),
    ("Which reference genome was used?", "fact"),
    ("What study population was enrolled?", "fact"),
    ("Which study used MSCs for GVHD?", "sources"),
    ("Which study found an effect in lupus?", "sources"),
    ("Which paper describes the MI trial?", "sources"),
    ("Which references support MSC use in GVHD?", "sources"),
    ("What trial design was used, refs?", "sources"),
    # user trial 18: a literature noun used as the verb after the head, an adverb before the verb
    ("Which references report MSC transplantation for articular cartilage defects?", "sources"),
    ("Which study first reported MSC treatment of steroid-resistant acute GVHD?", "sources"),
    ("What reference genome assembly did they use?", "fact"),
])
def test_a_literature_noun_that_qualifies_another_is_no_sources_question(question, kind):
    assert classify(question) == kind


def test_a_fact_question_asking_for_its_ref_keeps_the_fact_and_offers_the_study():
    """User trial 20: "..., how fast did it kill them? ref" became a study table without the
    "within 24 hours" it asked for; it is the fact with its citation."""
    import qa

    answer = qa.ask("caspase-9 suicide switch in MSCs, how fast did it kill them? ref")
    assert answer.found and answer.kind != "sources"
    first = answer.spans[0]
    assert "killing within 24 hours" in first.text
    assert "154" in {c.key for span in answer.spans for c in span.citations}


@pytest.mark.parametrize("question, kind", [
    ("What phase was the Kebriaei trial?", "table"),
    ("Kebriaei aGVHD trial: phase and number of pts?", "table"),
    ("How many patients were in the phase I/II trial by Karussis et al.?", "table"),
    ("response rate in the Le Blanc phase II GVHD trial", "number"),
    ("What was the response rate of the phase 2 trial of Prochymal?", "number"),
])
def test_a_phase_with_its_numeral_names_the_trial_and_is_no_table_field(question, kind, fields):
    """User trial 26: "phase II" named the trial whose response rate was asked, and the question
    was read as asking the table's Phase column (the rate sentences lost to table rows)."""
    assert classify(question, fields) == kind


def test_the_response_rate_of_a_trial_named_by_its_phase_is_quoted():
    import qa

    answer = qa.ask("response rate in the Le Blanc phase II GVHD trial")
    assert answer.found and answer.kind == "number"
    assert "70% initial response rate" in answer.spans[0].text


def test_every_stage_reads_one_kind(settings, index):
    """The answerer read the kind of the question as typed ('how many pts ...': a number), the
    retriever's second stage that of the text it searches ('pts' read as 'patients', the review
    table's count column: a table), so the two stages served different kinds; both read it from
    the typed question now (`kind_of`)."""
    from conftest import answerer_with
    from qa.retrieval.question import kind_of

    answerer = answerer_with(settings, index)
    question = "how many pts in the Liang lupus phase I MSC trial?"
    query = answerer.retriever.query_from(question)
    assert query.text != query.asked == question  # the searched text carries the reading
    assert kind_of(query, index) == answerer.ask(question).kind == "number"
    assert "15 patients" in answerer.retriever.search(query, k=1)[0].passage.text
