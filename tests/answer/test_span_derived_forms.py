"""An adjective's -ant, a noun's -ance / -ancy and an adverb's -ly read as forms of one root in span
selection's credit (`qa.retrieval.word_forms.derived_stems`, read by `qa.answer.forms.other_forms`):
"resistant" asked, "resistance" written; "malignant" asked, "malignancy" written. The analyzer already
reads "malignantly" as "malignant"; these noun / adjective pairs it keeps apart, and the plain `stems`
(the refusal features' reading) left them unrelated. Real text of the evaluation library's REV1 preprint
and of kim2013's reference list."""
from __future__ import annotations

import re
from pathlib import Path

from qa.answer.forms import other_forms
from qa.index.analyzer import tokenize
from qa.retrieval.word_forms import stems

ROOT = Path(__file__).resolve().parents[2]
PREPRINT = ROOT / "index" / "eval-corpora" / "pdfs" / "10.1101_2024.02.13.580051.txt"
REVIEW = ROOT / "corpus" / "kim2013_clinical_applications_of_mscs.txt"


def sentence_with(path: Path, words: str) -> str:
    text = re.sub(r"\s+", " ", path.read_text(encoding="utf-8"))
    start = text.index(words)
    return text[text.rindex(". ", 0, start) + 2: text.index(".", start + len(words)) + 1]


def share(question: str, sentence: str) -> float:
    return other_forms({t: 1.0 for t in tokenize(question)}, set(tokenize(sentence)))


def test_a_noun_in_ance_is_a_form_of_the_asked_adjective():
    sentence = sentence_with(PREPRINT, "not required for resistance to MMS-induced damage")
    own = set(tokenize(sentence))
    assert "resistance" in own and "resistant" not in own
    assert not stems("resistant") & stems("resistance")  # the plain stems keep them apart
    assert other_forms({"resistant": 1.0}, own) == 1.0
    assert share("Are the REV1 domain mutants resistant to MMS?", sentence) > 0


def test_a_noun_in_ancy_is_a_form_of_the_asked_adjective():
    entry = sentence_with(REVIEW, "hematologic malignancy patients")
    assert other_forms({"malignant": 1.0}, set(tokenize(entry))) == 1.0


def test_unrelated_and_short_words_stay_apart():
    sentence = sentence_with(PREPRINT, "not required for resistance to MMS-induced damage")
    assert other_forms({"resist": 1.0, "residual": 1.0}, set(tokenize(sentence))) == 0.5  # 'resist' only
    assert other_forms({"plant": 1.0}, {"planned"}) == 0.0
    assert other_forms({"malignant": 1.0}, {"malaria"}) == 0.0
