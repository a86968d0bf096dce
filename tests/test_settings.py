"""Typed settings: stage groups, flat names, bounds and choices, one-line errors (library and CLI)."""
from __future__ import annotations

import pytest

from qa.errors import QAError
from qa.settings import FIELD_GROUP, GROUPS, Settings

from conftest import run_qa


def test_every_setting_lives_in_exactly_one_stage_group_with_a_description() -> None:
    names = [name for model in GROUPS.values() for name in model.model_fields]
    assert len(names) == len(set(names)) == len(FIELD_GROUP)
    for model in GROUPS.values():
        for name, field in model.model_fields.items():
            assert field.description, name


def test_flat_names_go_to_their_group_and_replace_validates() -> None:
    s = Settings(fusion="rrf", passage_max_words=150, model="some/model")
    assert (s.retrieval.fusion, s.ingest.passage_max_words, s.index.model) == ("rrf", 150, "some/model")
    assert s.replace(convex_weight=0.25).retrieval.convex_weight == 0.25
    with pytest.raises(QAError, match="convex_weight"):
        s.replace(convex_weight=1.5)


def test_defaults_are_the_calibrated_values() -> None:
    s = Settings()
    assert (s.retrieval.fusion, s.retrieval.fusion_norm, s.retrieval.convex_weight) == ("convex", "zscore", 0.3)
    assert s.retrieval.expand_queries is False and s.ingest.passage_context_words == 0
    assert not hasattr(s.answer, "everyday_word_max_id") and not hasattr(s.answer, "answer_threshold")
    assert (s.answer.max_sources_spans, s.answer.sources_depth, s.answer.idf_floor) == (30, 30, 0.1)


@pytest.mark.parametrize("variable, value, words", [
    ("QA_FUSION", "foo", "'convex' or 'rrf'"),
    ("QA_CONVEX_WEIGHT", "7", "less than or equal to 1"),
    ("QA_CONVEX_WEIGHT", "-1", "greater than or equal to 0"),
    ("QA_CONVEX_WEIGHT", "nan", "finite number"),
    ("QA_DEPTH", "abc", "valid integer"),
    ("QA_RRF_K", "-1", "greater than 0"),
    ("QA_PASSAGE_MIN_WORDS", "5000", "less than or equal to 2000"),
])
def test_invalid_environment_settings_are_one_line_naming_the_variable(monkeypatch, variable, value, words) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(QAError) as caught:
        Settings.from_env()
    message = str(caught.value)
    assert message.startswith(f"invalid setting {variable}=") and words in message and "\n" not in message


def test_min_words_above_max_words_is_refused() -> None:
    with pytest.raises(QAError, match="passage_min_words must not exceed passage_max_words"):
        Settings.build({"passage_min_words": 300, "passage_max_words": 100})


@pytest.mark.slow
@pytest.mark.parametrize("command", [["ask", "GVHD"], ["search", "GVHD"], ["index", "--check"]])
def test_cli_refuses_an_invalid_setting_with_one_line_and_exit_2(command) -> None:
    result = run_qa(*command, env={"QA_FUSION": "foo"})
    assert result.returncode == 2
    assert result.stderr == "qa: invalid setting QA_FUSION='foo': expected 'convex' or 'rrf'\n"
    assert result.stdout == ""


@pytest.mark.slow
def test_tui_refuses_an_invalid_setting_before_drawing() -> None:
    result = run_qa("tui", env={"QA_CONVEX_WEIGHT": "7"})
    assert result.returncode == 2
    assert result.stderr.startswith("qa tui: invalid setting QA_CONVEX_WEIGHT='7'")
    assert result.stderr.count("\n") == 1


def test_one_setting_locates_the_shared_pdfs(monkeypatch, tmp_path) -> None:
    """QA_PDF_DIR, else ../shared/pdfs beside the repo (or a folder above it): the evaluation,
    the tests and the benchmarks all read this one setting."""
    from qa.evaluation import corpora
    from qa.settings import PROJECT_ROOT, pdf_dir

    import conftest

    monkeypatch.setenv("QA_PDF_DIR", str(tmp_path))
    assert pdf_dir() == tmp_path
    monkeypatch.delenv("QA_PDF_DIR")
    found = pdf_dir()
    assert found.parts[-2:] == ("shared", "pdfs") and PROJECT_ROOT.is_relative_to(found.parent.parent)
    assert corpora.PDF_DIR == conftest.PDF_DIR == found  # the same folder everywhere


def test_field_names_are_unique_across_groups():
    """The environment names are flat (`QA_<NAME>`), so a name in two groups would set only one
    of them (a second `depth` in the answer group once shadowed the retrieval group's)."""
    from qa.settings import GROUPS

    names = [name for model in GROUPS.values() for name in model.model_fields]
    assert len(names) == len(set(names)), sorted({n for n in names if names.count(n) > 1})
