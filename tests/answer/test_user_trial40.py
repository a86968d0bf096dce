"""User trial 40 (a rheumatologist's systematic-review table): "all studies on X" is a sources question
and leads with the study table, as "studies on X" does (qa.retrieval.question._SOURCES). Real reviews'
index and the real CLI; a question worded for this test."""
from __future__ import annotations

import json

import pytest

from conftest import answerer_with, run_qa

pytestmark = pytest.mark.slow

ASKED = "all studies on MSCs in collagen-induced arthritis"


def test_all_studies_on_a_topic_is_answered_with_its_study_table(settings, index):
    answer = answerer_with(settings, index).ask(ASKED)
    plain = answerer_with(settings, index).ask(ASKED.removeprefix("all "))
    assert answer.kind == plain.kind == "sources"
    keys = {r.key for r in answer.references}
    assert {"120", "121", "122", "123"} <= keys  # kim2013's collagen-induced arthritis studies
    assert {s.study.id for s in answer.studies} == {s.study.id for s in plain.studies}


def test_the_cli_prints_the_study_table_and_its_json_keeps_every_study():
    text = run_qa("ask", ASKED, "--color", "never")
    assert text.returncode == 0 and "Studies (" in text.stdout and "Mao 2010" in text.stdout
    data = json.loads(run_qa("ask", ASKED, "--json").stdout)
    assert data["kind"] == "sources" and len(data["studies"]) >= 4
