"""User trial 38 (docs/user-trial-38.md): a paediatric nephrologist's shorthand. A duration written in
words ("for days to several months") is the asked answer's shape for a question asking how long
(qa.answer.focus.new_quantity); "RCT(s)" is clinical shorthand read as "randomized controlled trial"
(corpus/synonyms.toml). Real seeds index and the real ten-PDF evaluation index."""
from __future__ import annotations

from conftest import answerer_with

from qa.answer.focus import answer_type, new_quantity

JB = "10.1128_jb.00479-21"
# (as the span scoring reads it: its citations "(8–10)" taken out)
SURVIVES = "A. baumannii can survive in a desiccated state on inanimate dry surfaces for days to several months."
INTRO = ("One such bacterium is Acinetobacter baumannii, an opportunistic pathogen that infects very sick patients. "
         "It is responsible for about 2% of nosocomial infections in the United States and Europe.")


def test_a_duration_in_words_answers_how_long():
    q = "how long does Acinetobacter survive on dry hospital surfaces?"
    assert new_quantity(q, SURVIVES) and answer_type(q, "number", SURVIVES) == 1.0
    assert new_quantity(q, INTRO)  # any new number still counts for a time (evals/README.md, sixth round)
    # not for a question asking no time, nor one that already says the duration in words
    assert not new_quantity("how many surfaces does Acinetobacter survive on?", SURVIVES)
    assert not new_quantity("does it survive for several months on dry surfaces, and how long?",
                            "Cells survived for several months on dry surfaces.")


def test_how_long_is_answered_by_the_sentence_stating_the_duration(pdf_library):
    settings, index = pdf_library
    answer = answerer_with(settings, index).ask("how long does Acinetobacter survive on dry hospital surfaces?")
    first = answer.spans[0]
    assert first.doc_id == JB and "for days to several months" in first.text
    assert [c.key for c in first.citations][:3] == ["8", "9", "10"]
    assert "Jawad A" in index_reference(answer, "9")


def index_reference(answer, key: str) -> str:
    return next(r.text for r in answer.references if r.key == key) or ""


def test_rct_is_read_as_randomized_controlled_trial(settings, index):
    """'MSCs for lupus kidneys - any RCTs?' was refused: 'No article uses 'RCTs''."""
    answer = answerer_with(settings, index).ask("MSCs for lupus kidneys - any RCTs?")
    assert answer.found and not answer.too_vague
    assert "Read 'RCTs' as 'randomized controlled trial'" in answer.message
    assert answer.spans[0].doc_id == "figueroa2012"
    assert answer.spans[0].section.startswith("Systemic Lupus Erythematosus")


def test_a_library_started_by_qa_add_reads_the_projects_shorthand(tmp_path):
    """`qa add FILE --corpus-dir NEW` starts a library with no synonyms.toml of its own: the README's
    clinical shorthand ('pts') is read with the project's file (qa.index.synonyms.synonyms_path);
    a library's own file, here one without the shorthand, is read as it is."""
    from conftest import run_qa

    article = tmp_path / "trial.txt"
    article.write_text(
        "Mesenchymal stromal cells in refractory lupus nephritis: a pilot study\n\n"
        "Forty patients with refractory lupus nephritis received one intravenous infusion of allogeneic "
        "mesenchymal stromal cells. Proteinuria decreased in 28 patients within three months, and no "
        "patient had an infusion reaction during the follow-up of twelve months. Serum creatinine was "
        "stable in all patients, and anti-dsDNA antibodies decreased at six months after the infusion. "
        "The cells were expanded from the bone marrow of healthy family donors for three to five passages "
        "before use. Regulatory T cells increased in the peripheral blood one week after the infusion, and "
        "the disease activity index improved at three, six and twelve months. Two patients needed a second "
        "course of cyclophosphamide during the follow-up, and one patient was lost to follow-up.\n",
        encoding="utf-8")
    new = tmp_path / "mylib"
    assert run_qa("add", str(article), "--corpus-dir", str(new), "--yes").returncode == 0
    assert not (new / "synonyms.toml").exists()
    q = "how many pts got the MSC infusion for lupus nephritis?"
    fresh = run_qa("ask", q, "--brief", "--corpus-dir", str(new))
    assert fresh.returncode == 0 and "Read 'pts' as 'patients'" in fresh.stdout
    (new / "synonyms.toml").write_text('[[group]]\nterms = ["lupus", "SLE"]\n', encoding="utf-8")
    own = run_qa("ask", q, "--brief", "--corpus-dir", str(new))
    assert own.returncode == 0 and "Read 'pts'" not in own.stdout
