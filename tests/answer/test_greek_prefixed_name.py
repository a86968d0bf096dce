"""A name opened by a Greek letter ('anti-γH2Av') is found by its typed spelling ('gamma-H2Av'):
tokenizer bio-10 (evals/README.md, twenty-fifth session, user trial 31), on the real PDF library."""
from __future__ import annotations

from conftest import answerer_with


def test_the_typed_gamma_h2av_finds_the_primary_antibody_sentence(pdf_library):
    """Before bio-10 the secondary-antibody sentence ("γ-H2Av foci" nearby) came first."""
    settings, index = pdf_library
    answer = answerer_with(settings, index).ask(
        "What dilution of the gamma-H2Av antibody was used to stain wing discs?")
    assert answer.spans and "1:500 anti-γH2Av antibody" in answer.spans[0].text
    assert answer.spans[0].doc_id == "10.1101_2024.02.13.580051"
