"""User trial 8 (the library, the study and library commands, exports): each defect it found,
through the real CLI (private corpus copies for remove/restore) or the real library and index.
"""
from __future__ import annotations

import csv
import io
import json
import re
import shlex
import shutil
from pathlib import Path

import bibtexparser
import pytest
import rispy

from conftest import ROOT, answerer_with, run_qa, run_qa_here, run_qa_once
from qa.errors import QAError

pytestmark = pytest.mark.slow


# ---- A8: printed commands repeat the options in use

def undo_hint(stdout: str) -> list[str]:
    match = re.search(r"undo: (qa restore [^)]*)\)", stdout)
    assert match, stdout
    return shlex.split(match.group(1))


def test_the_undo_hint_of_remove_names_the_corpus_and_index_in_use(corpus_copy: Path, tmp_path: Path):
    """`qa restore ID --corpus-dir C` as printed left out `--index-dir`: it built a new index in
    `C-index` and left the one in use stale."""
    index_dir = tmp_path / "my index"  # a space: the hint must quote it
    removed = run_qa("--corpus-dir", str(corpus_copy), "--index-dir", str(index_dir), "remove", "kim2013",
                     "--no-index")
    assert removed.returncode == 0, removed.stderr
    hint = undo_hint(removed.stdout)
    assert hint[:3] == ["qa", "restore", "kim2013"]
    assert hint[hint.index("--corpus-dir") + 1] == str(corpus_copy)
    assert hint[hint.index("--index-dir") + 1] == str(index_dir)
    restored = run_qa(*hint[1:], "--no-index")  # as printed
    assert restored.returncode == 0 and "restored kim2013" in restored.stdout, restored.stderr
    # the index beside the corpus is its default: the hint has no --index-dir to repeat then
    again = run_qa("remove", "kim2013", "--no-index", "--corpus-dir", str(corpus_copy))
    assert "--index-dir" not in undo_hint(again.stdout) and "--corpus-dir" in undo_hint(again.stdout)


def test_restore_progress_says_where_the_vectors_came_from_and_hints_name_the_library(corpus_copy: Path, tmp_path: Path):
    """`qa restore` said "embedding 72 passages" then "0 documents embedded"."""
    from qa.index.embed_cache import CACHE

    index_dir = tmp_path / "index"
    shutil.copytree(ROOT / "index" / CACHE, index_dir / CACHE)
    where = ["--corpus-dir", str(corpus_copy), "--index-dir", str(index_dir)]
    assert run_qa("index", *where).returncode == 0
    assert run_qa("remove", "pmc3782548", *where).returncode == 0
    restored = run_qa("restore", "pmc3782548", *where)
    assert restored.returncode == 0, restored.stderr
    assert "0 documents embedded, 1 reused from the embedding cache" in restored.stderr
    assert "; rebuilding" not in restored.stderr and "embedding 72 passages" not in restored.stderr
    # another printed command: the "see 'qa studies'" of an unknown study names this library too
    unknown = run_qa("study", "nosuch", *where)
    assert unknown.returncode == 2
    assert f"(see 'qa studies --corpus-dir {corpus_copy} --index-dir {index_dir}')" in unknown.stderr


# ---- B and F: library arguments

@pytest.mark.parametrize("kwargs,phrase", [
    ({"question": "and in children?", "previous": 123}, "previous .*must be text or None, got int"),
    ({"question": "and in children?", "previous": ["GVHD"]}, "previous .*got list"),
    ({"question": "and in children?", "previous": "x" * 3000}, "previous .*too long"),
    ({"question": "Were MSCs used in GVHD?", "docs": []}, "docs is empty"),
    ({"question": "MSC", "docs": 5}, "docs must be"),  # a question refused as too vague too
    ({"question": "MSC", "docs": ["nosuch"]}, "unknown document 'nosuch'"),
])
def test_every_library_argument_is_checked_with_one_clear_error(answerer, kwargs, phrase):
    with pytest.raises(QAError, match=phrase):
        answerer.ask(**kwargs)
    if kwargs["question"] != "MSC":
        with pytest.raises(QAError, match=phrase):
            answerer.retriever.search(**kwargs)


def test_library_errors_are_also_the_builtin_type_and_value_errors(answerer):
    """F: one QAError for both kinds; `except ValueError` caught nothing."""
    with pytest.raises(TypeError, match="k must be a whole number"):
        answerer.ask("Were MSCs used in GVHD?", k="5")
    with pytest.raises(TypeError, match="the question must be text"):
        answerer.ask(None)
    with pytest.raises(ValueError, match="k must be at least 1"):
        answerer.ask("Were MSCs used in GVHD?", k=0)
    with pytest.raises(ValueError, match="unknown document"):
        answerer.retriever.search("GVHD", docs=["KIM2013"])
    with pytest.raises(QAError):  # and still QAError, for callers catching every qa error
        answerer.ask("Were MSCs used in GVHD?", mode="sparse")


def test_a_blank_previous_means_no_conversation(answerer):
    assert answerer.ask("Were MSCs used in GVHD?", previous="  ").context == ""


def test_the_public_names_are_discoverable():
    """`ask`, `retrieve`, `Retriever` were imported lazily and missing from dir(qa) and help(qa)."""
    import pydoc

    import qa

    names = dir(qa)
    for name in ("ask", "retrieve", "Retriever", "Answerer", "Settings", "Answer", "QAError"):
        assert name in names and name in qa.__all__
    assert not {"Any", "TYPE_CHECKING", "annotations"} & set(names)  # user trial 23: the module's own imports
    text = pydoc.render_doc(qa, renderer=pydoc.plaintext)
    assert "ask(question" in text and "retrieve(question" in text and "class Retriever" in text
    assert qa.QAError is QAError


def test_the_library_answers_from_a_library_of_ones_own(pdf_library):
    """User trial 19: `qa.ask` has no argument for one's own library and the README did not say how;
    `qa.Answerer(retriever=qa.Retriever(Settings(corpus_dir=..., index_dir=...)))` does (README)."""
    import qa

    settings, _ = pdf_library
    mine = qa.Answerer(retriever=qa.Retriever(settings))
    answer = mine.ask("conc of MMS used on the wing discs?")
    assert answer.found and answer.spans[0].doc_id == "10.1101_2024.02.13.580051"


# ---- C4, E7, D8, D9: command conventions and messages

def test_studies_and_study_take_json_as_format_json():
    plain = run_qa("studies", "lupus", "--format", "json")
    short = run_qa_once("studies", "lupus", "--json")
    assert short.returncode == 0, short.stderr
    assert short.stdout == plain.stdout and json.loads(short.stdout)
    one = run_qa("study", "sun2010", "--json")
    assert one.returncode == 0 and json.loads(one.stdout)[0]["id"] == "sun2010"
    both = run_qa("studies", "lupus", "--json", "--format", "bibtex")
    assert both.returncode == 2 and "ask for different outputs" in both.stderr


def test_every_library_command_has_a_description():
    for command in ("add", "docs", "remove", "restore"):
        run = run_qa if command == "add" else run_qa_here  # one through a real process, the rest in this one
        shown = run(command, "--help").stdout
        description = shown.split("\n\n")[1]
        assert not description.startswith(("positional", "options")), (command, shown)
        assert "examples:" in shown


def test_a_word_list_is_refused_with_a_complete_reason(corpus_copy: Path, tmp_path: Path):
    words = tmp_path / "words.txt"
    words.write_text("alpha\nbeta\ngamma\n")
    result = run_qa("add", str(words), "--no-index", "--corpus-dir", str(corpus_copy))
    assert result.returncode == 2
    assert ("words.txt does not look like an article: only 0 of its 3 words are running text "
            "(sentences); an article has at least 100") in result.stderr


# ---- D10: faithful exports

def test_exports_print_every_author_mark_et_al_and_invent_none():
    bib = run_qa("studies", "lupus", "--format", "bibtex")
    entries = {e.key: e for e in bibtexparser.parse_string(bib.stdout).entries}
    assert not bibtexparser.parse_string(bib.stdout).failed_blocks
    assert "author" not in entries["pmc3782548-3"].fields_dict  # no 'Anonymous'
    assert entries["chang2011"].fields_dict["author"].value == "Chang and others"  # '(Chang et al., 2011)'
    assert entries["tyndall2011"].fields_dict["author"].value == "Tyndall"  # '(Tyndall, 2011)'
    assert entries["sun2010"].fields_dict["author"].value == "Sun, L and Wang, D and Liang, J and others"
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(run_qa("studies", "lupus", "--format", "csv").stdout))}
    assert rows["sun2010"]["authors"] == "Sun L; Wang D; Liang J; et al."
    assert rows["sun2010"]["entry"].startswith("Sun L, Wang D, Liang J, et al. Umbilical cord")
    assert rows["sun2007"]["authors"] == "Sun LY; Zhang HY; Feng XB; Hou YY; Lu LW; Fan LM"
    assert rows["chang2011"]["authors"] == "Chang; et al." and rows["pmc3782548-3"]["authors"] == ""
    studies = {s["id"]: s for s in json.loads(run_qa_once("studies", "lupus", "--json").stdout)}
    assert all(s["schema"] == "qa/study/v1" for s in studies.values())
    assert studies["sun2010"]["authors_et_al"] and studies["chang2011"]["authors_et_al"]
    assert not studies["sun2007"]["authors_et_al"] and not studies["tyndall2011"]["authors_et_al"]
    records = {r["id"]: r for r in rispy.loads(run_qa_once("studies", "lupus", "--format", "ris").stdout)}
    assert any("et al." in n for n in records["sun2010"]["notes"])
    assert not any("et al." in n for n in records["sun2007"]["notes"][1:])


# ---- E2, E3: the JSON that carries `schema`, and the documented `--file` behaviour

def test_docs_and_study_json_carry_a_schema_that_qa_schema_knows():
    lines = run_qa("docs", "--json").stdout.splitlines()
    assert lines and all(json.loads(line)["schema"] == "qa/doc/v1" for line in lines)
    for kind in ("study", "doc"):
        shown = run_qa("schema", kind)
        assert shown.returncode == 0, shown.stderr
        assert json.loads(shown.stdout)["properties"]["schema"]["const"] == f"qa/{kind}/v1"


def test_a_file_line_with_control_characters_is_cleaned_and_answered():
    """docs/cli.md said such a line prints an error object; it is normalised and asked (README)."""
    text = "Were MSCs tried for GVHD\x01 in children?\n\x01\x02\n" + "x" * 2500 + "\n"
    out = [json.loads(line) for line in run_qa("ask", "--file", "-", input=text).stdout.splitlines()]
    assert out[0]["schema"] == "qa/answer/v2" and out[0]["question"] == "Were MSCs tried for GVHD in children?"
    assert out[1]["schema"] == "qa/error/v1" and out[1]["error"] == "the question is empty"
    assert out[2]["schema"] == "qa/error/v1" and "the limit is 2000" in out[2]["error"]
    documented = (ROOT / "docs" / "cli.md").read_text() + (ROOT / "README.md").read_text()
    assert "2,000 characters" in documented


def test_brief_and_readable_answers_list_author_year_labels_in_one_style():
    """C6: '(Garcia-Olmo et al., 2005)' kept its parentheses, 'Onken et al., 2006 Duijvestein et
    al., 2010' had none and no separator."""
    from qa.app.render import joined_labels

    assert joined_labels(["(Garcia-Olmo et al., 2005)", "(Garcia-Olmo et al., 2009)"]) == \
        "(Garcia-Olmo et al., 2005; Garcia-Olmo et al., 2009)"
    assert joined_labels(["[86]", "[89]"]) == "[86] [89]" and joined_labels(["51"]) == "51"
    brief = run_qa("ask", "Were MSCs used for Crohn disease fistulas?", "--brief").stdout
    assert "figueroa2012 (Onken et al., 2006; Duijvestein et al., 2010): " in brief
    assert "(Garcia-Olmo et al., 2005) (Garcia-Olmo" not in brief


def test_the_library_gives_a_references_parsed_entry(settings, index):
    """User trial 21: in Python, `answer.references` has the entry as text only, while `qa ask
    --json` adds its authors, year, journal and doi; `Answerer.reference` gives them."""
    answerer = answerer_with(settings, index)
    answer = answerer.ask("How many patients were in the Yang et al. myocardial infarction trial?")
    (ref,) = [r for r in answer.references if r.key == "104"]
    entry = answerer.reference(ref.doc_id, ref.key)
    assert entry is not None and entry.authors[0] == "Yang Z" and entry.year == 2010 and entry.journal == "Cardiovasc Ther"
    assert answerer.reference("figueroa2012", "Liang 2010") is None  # no reference list in its text
    assert answerer.reference("kim2013", "9999") is None
    # a document of another library is an error naming the known ones (user trial 23: it read as None)
    with pytest.raises(QAError, match=r"^unknown document '10.1128_jb.00479-21'; known: "):
        answerer.reference("10.1128_jb.00479-21", "8")
    printed = json.loads(run_qa_once("ask", "How many patients were in the Yang et al. myocardial infarction trial?",
                                     "--json").stdout)
    (row,) = [r for r in printed["references"] if r["key"] == "104"]
    assert (row["year"], row["journal"]) == (entry.year, entry.journal)
