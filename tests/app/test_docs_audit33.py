"""Docs audit 33 (docs/docs-audit-33.md): what the docs promise a user, checked against the product.

- The corpus reader reads a file with a few invalid UTF-8 bytes "with a warning" (docs/cli.md). A
  `qa ask` whose first use builds the index printed its progress but not that warning: only `qa
  index` showed it. Now the command that builds prints the build's warnings once.
- Every setting is documented with what it does: docs/settings.md is generated from the settings'
  own descriptions (`scripts/settings_reference.py`) and must match them.
- The index folder's documented file list (index/README.md) names what a build writes.
- README: every setting can be given as `QA_<NAME>`; the two list settings could not be.
- `qa tui --screenshot` to a folder or an unwritable path was a traceback; now one line, exit 2.
- `qa index --check --force` reported and ignored `--force`; now refused in one line, exit 2.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from tests.conftest import ROOT, run_qa

DAMAGED = "kim2013_clinical_applications_of_mscs.txt"


def test_a_query_that_builds_the_index_prints_the_builds_warnings_once(corpus_copy: Path, tmp_path: Path):
    path = corpus_copy / DAMAGED
    data = path.read_bytes()
    path.write_bytes(data[:5000] + b"\xff\xfe " + data[5000:])  # an extraction glitch: two invalid bytes
    flags = ["--brief", "--corpus-dir", str(corpus_copy), "--index-dir", str(tmp_path / "index")]

    first = run_qa("ask", "How many patients were in the Yang et al. myocardial infarction trial?", *flags)
    assert first.returncode == 0, first.stderr
    warning = [line for line in first.stderr.splitlines() if line.startswith("warning: ")]
    assert warning == [f"warning: kim2013: {DAMAGED} is not valid UTF-8 (2 invalid UTF-8 sequence(s), "
                       "first at byte 5000); read with replacement characters"], first.stderr
    assert "kim2013" in first.stdout  # the damaged article is still searched

    second = run_qa("ask", "How many patients were in the Yang et al. myocardial infarction trial?", *flags)  # no build: no build warning
    assert second.returncode == 0 and "warning" not in second.stderr, second.stderr


def _settings_reference():
    spec = importlib.util.spec_from_file_location("settings_reference", ROOT / "scripts" / "settings_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_settings_md_is_every_setting_with_what_it_does():
    from qa.settings import Settings

    text = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    assert text == _settings_reference().render(), "run: python scripts/settings_reference.py > docs/settings.md"
    for group in ("ingest", "index", "retrieval", "answer"):
        for name, field in type(getattr(Settings(), group)).model_fields.items():
            assert f"`QA_{name.upper()}`" in text and field.description.split()[0] in text, name
    for doc in ("README.md", "docs/cli.md", "docs/architecture.md"):
        assert "docs/settings.md" in (ROOT / doc).read_text(encoding="utf-8") or "settings.md" in \
            (ROOT / doc).read_text(encoding="utf-8"), doc


def test_index_readme_names_every_file_of_a_build_and_of_the_index_folder(index):
    documented = (ROOT / "index" / "README.md").read_text(encoding="utf-8")
    build = index.build
    for path in build.rglob("*"):
        if path.is_file():
            assert f"`{path.name}`" in documented or f"{path.parent.name}/{path.name}" in documented, path.name
    manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    for key in manifest:
        assert f"`{key}`" in documented, key
    current = (build.parent / "CURRENT").read_text(encoding="utf-8").split()
    assert len(current) == 2 and "<build folder> <xxh3-128 of its manifest.json>" in documented
    assert "index/eval-corpora/" in documented


def test_a_list_setting_can_be_given_in_the_environment_as_every_setting_can():
    """README: every setting of `qa.settings` can be given as `QA_<NAME>`. The two list settings were
    refused whatever was written (`expected a valid tuple`), so the documented way to set them failed."""
    question = ["Did MSCs improve SLEDAI scores in the lupus trials?", "--brief"]
    default = run_qa("ask", *question)
    assert default.returncode == 0, default.stderr
    for written in ("yesno,comparison", '["yesno", "comparison"]'):  # the default, written both ways
        given = run_qa("ask", *question, env={"QA_FINDING_FIRST_KINDS": written})
        assert given.returncode == 0, given.stderr
        assert given.stdout == default.stdout
    wrong = run_qa("ask", *question, env={"QA_REFUSAL_COEFFICIENTS": "1,2"})
    assert wrong.returncode == 2 and wrong.stderr.startswith("qa: invalid setting QA_REFUSAL_COEFFICIENTS")
    assert len(wrong.stderr.splitlines()) == 1


def test_a_screenshot_path_that_cannot_be_written_is_one_line_not_a_traceback(tmp_path: Path):
    """cli.md: `qa tui --question TEXT --screenshot FILE.svg` runs headless; bad input is one line and a
    non-zero exit. A folder given as FILE.svg, or a file's path under a file, was a Python traceback."""
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder\n", encoding="utf-8")
    for target, says in ((tmp_path, "is a folder; give a file name such as chat.svg"),
                         (a_file / "chat.svg", f"{a_file} is a file, not a folder"),
                         (Path("/proc/chat.svg"), "cannot write the screenshot /proc/chat.svg")):
        done = run_qa("tui", "--question", "Were MSCs tried in multiple sclerosis?", "--screenshot", str(target),
                      "--size", "100x40")
        assert done.returncode == 2, done.stderr
        assert done.stderr.count("\n") == 1 and done.stderr.startswith("qa tui: ") and says in done.stderr
        assert "Traceback" not in done.stderr


def test_index_check_with_a_flag_that_builds_is_refused_not_silently_ranked(settings):
    """`qa index --check` only reports; given with `--force` or `--optimize` it reported and built
    nothing, exit 0, as if the build flag had not been typed (cli.md: two flags asking for different
    things are refused with one line, never ranked silently)."""
    pointer = (settings.index_dir / "CURRENT").read_bytes()
    for action in ("--force", "--optimize"):
        done = run_qa("index", "--check", action, "--corpus-dir", str(settings.corpus_dir),
                      "--index-dir", str(settings.index_dir))
        assert done.returncode == 2, done.stderr
        assert done.stderr == (f"qa: --check only reports the index state and {action} builds; use one of "
                               "them (see 'qa index --help')\n")
        assert done.stdout == ""
    assert (settings.index_dir / "CURRENT").read_bytes() == pointer
