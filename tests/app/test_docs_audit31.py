"""Documentation audit 31 (docs/docs-audit-31.md): what `qa` offers is named where the docs say it
is. Every long option of every command (read from the real parser, as `qa COMMAND --help` prints
it) is on a line of docs/cli.md that names that command; every setting of the ingest, index and
retrieval stages is named in docs/architecture.md, beside its siblings; and the answer settings the
thirtieth and thirty-first sessions added are named there too (audit 31 found `qa show --context`,
`qa search --previous`, `qa ask --mode` and 25 settings of those stages unnamed)."""
from __future__ import annotations

import argparse
import re
from pathlib import Path

from qa.app.cli import make_parser
from qa.settings import IndexSettings, IngestSettings, RetrievalSettings

ROOT = Path(__file__).resolve().parents[2]
CLI_MD = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
ARCHITECTURE = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
GLOBAL = {"--help", "--model", "--index-dir", "--corpus-dir", "--color"}  # cli.md names them once


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = make_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def test_every_command_option_is_on_a_line_of_cli_md_naming_its_command():
    commands = _commands()
    assert {"ask", "search", "show", "add", "eval", "tui"} <= set(commands)
    missing = []
    for name, command in commands.items():
        lines = [line for line in CLI_MD.splitlines()
                 if f"qa {name}" in line or (name == "tui" and "tui.py" in line)]
        for action in command._actions:
            if action.help == argparse.SUPPRESS:  # a kept no-op ('qa eval --no-write')
                continue
            for option in action.option_strings:
                if option.startswith("--") and option not in GLOBAL \
                        and not any(option in line for line in lines):
                    missing.append(f"qa {name} {option}")
    assert missing == []


def test_every_ingest_index_and_retrieval_setting_is_named_in_architecture_md():
    fields = [*IngestSettings.model_fields, *IndexSettings.model_fields, *RetrievalSettings.model_fields]
    assert len(fields) > 40
    named = set(re.findall(r"\b[a-z][a-z0-9_]*\b", ARCHITECTURE))
    named |= {env[3:].lower() for env in re.findall(r"\bQA_[A-Z0-9_]+", ARCHITECTURE)}
    assert [name for name in fields if name not in named] == []


def test_the_recent_answer_settings_are_named_in_architecture_md():
    for name in ("open_question_threshold_share", "procedure_first_margin", "finding_first_margin",
                 "own_sentence_context", "clause_own_items"):
        assert f"`{name}`" in ARCHITECTURE, name
    # the reading of citations written without parentheses (INGEST_VERSION 19)
    assert "as described by Pandya-Jones and Black, 2009" in ARCHITECTURE
