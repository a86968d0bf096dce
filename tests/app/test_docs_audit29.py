"""Docs audit 29 (docs/docs-audit-29.md): a command's own option given before the command is named
in its one-line error (docs/cli.md, "`--k` ... after the command only"), not its value taken for
an unknown command. Real subprocess calls of `qa`, as a user types them."""
from __future__ import annotations

from conftest import run_qa


def test_a_command_option_before_the_command_is_named():
    result = run_qa("--k", "2", "ask", "GVHD", "trials")
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines == ["qa: --k is an option of 'qa ask': give it after the command "
                     "('qa ask ... --k ...'; see 'qa ask --help')"]
    assert "invalid choice" not in result.stderr
    # the alias in its '=' form, and another command's option
    assert "qa: --top is an option of 'qa ask'" in run_qa("--top=3", "ask", "GVHD trials").stderr
    assert "qa: --json is an option of 'qa search'" in run_qa("--json", "search", "lupus").stderr


def test_other_first_words_keep_their_behaviour():
    """An option no command has is argparse's own one line; a global option before the command
    still works (docs/cli.md: before or after the command)."""
    unknown = run_qa("--nosuch", "ask", "GVHD trials")
    assert unknown.returncode == 2 and "unrecognized arguments: --nosuch" in unknown.stderr
    assert run_qa("--version").stdout.strip() == "qa 0.1.0"
    for first in ("-h", "--help"):  # qa's own options, which every command has too: qa's help
        helped = run_qa(first, "ask", "GVHD trials")
        assert helped.returncode == 0 and helped.stdout.startswith("usage: qa [-h]"), helped.stderr
    schema = run_qa("--color", "never", "schema", "doc")
    assert schema.returncode == 0 and schema.stdout.startswith("{")


def test_search_help_describes_its_own_k():
    """`qa search` answers nothing: its --k is the number of ranked passages, not ask's spans and study
    rows (docs audit 26, item 5)."""
    search = run_qa("search", "--help").stdout
    assert "how many ranked passages are listed (default 10)" in search
    assert "study rows" not in search
    assert "study rows shown" in run_qa("ask", "--help").stdout
