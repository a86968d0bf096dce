"""A sentence setting two claims against each other, each with its own citations: the claim
stating what is asked cites, the one set against it does not (user trial 5, eLife: "Which
studies suggest that splicing occurs very shortly after ...?" credited both groups)."""
from __future__ import annotations

import re

from qa.answer.clauses import enumerated_citations
from qa.index.analyzer import tokenize
from qa.models import Citation

SENTENCE = ("Some work suggests that splicing occurs very shortly after the polymerase transcribes the "
            "splice junction (Beyer et al., 1981; Khodor et al., 2011), while other work suggests that many "
            "pre-mRNAs are fully transcribed before splicing (Tsai et al., 1980; Coulon et al., 2014).")
LISTED = ("Many modifications affect its activity; for example, K508 methylation and K482 SUMOylation promote "
          "PAR formation (42, 43), while K498 acetylation blocks PARylation (44).")


def _citations(text: str) -> list[Citation]:
    found = []
    for m in re.finditer(r"([A-Z][a-z]+) et al\., (\d{4})|\b(4\d)\b", text):
        key = f"{m.group(1)} {m.group(2)}" if m.group(1) else m.group(3)
        found.append(Citation(key=key, label=m.group(0), start=m.start(), end=m.end(), style="author_year"))
    return found


def _cited(text: str, question: str) -> list[str]:
    terms = {t: 1.0 for t in tokenize(question)}
    kept = enumerated_citations(text, 0, _citations(text), terms, lambda s: set(tokenize(s)), 12, "complete", 0.35, True)
    return [c.key for c in kept]


def test_the_claim_asked_about_cites_and_the_one_set_against_it_does_not():
    assert _cited(SENTENCE, "Which studies suggest that splicing occurs very shortly after transcription "
                            "of the splice junction?") == ["Beyer 1981", "Khodor 2011"]


def test_two_claims_both_named_by_the_question_both_cite():
    assert _cited(LISTED, "Which studies showed that K508 methylation, K482 SUMOylation and K498 "
                          "acetylation tune PARylation?") == ["42", "43", "44"]
