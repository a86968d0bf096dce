"""English's equative comparison ("the same X as Y") asks a comparison, whatever its form (`question._COMPARISON`;
evals/README.md, thirtieth session, "The PDFs' first span: sibling findings and Methods neighbours")."""
from __future__ import annotations

from qa.retrieval.question import classify

from conftest import answerer_with


def test_the_same_x_as_y_is_a_comparison():
    for q in ("Do cultured fly cells without rev1 react to MMS the same way as the mutant larvae?",
              "Did the donor cells come from the same person as the transplant?",
              "In the macaque retina, was the GFP signal found in the same part of the cell as the arrestin staining?"):
        assert classify(q) == "comparison", q


def test_the_same_without_a_second_side_is_not():
    for q, kind in (("Was the same measured in HeLa cells?", "yesno"),
                    ("Were germline de novo mutations checked for the same gradient?", "yesno"),
                    ("Did they use the same strain, as before?", "yesno")):
        assert classify(q) == kind, q


def test_the_staining_question_is_answered_by_the_contrast(pdf_library):
    """Read as a yes/no question, the sentence naming every stain ("GFP expression colabeled with cone arrestin,
    rod arrestin, RPE65, and glutamine synthetase") came first; as a comparison, the sentence contrasting the
    compartments ("labeled the cytoplasm ..., while the GFP expression was observed in the nucleus")."""
    settings, index = pdf_library
    question = ("In the macaque retina, was the GFP signal found in the same part of the cell as the rod arrestin "
                "and glutamine synthetase staining?")
    answer = answerer_with(settings, index).ask(question)
    assert answer.kind == "comparison"
    assert "labeled the cytoplasm of the cell bodies, while the GFP expression was observed in the nucleus" \
        in answer.spans[0].text
