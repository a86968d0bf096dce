"""Docs audit 34 (docs/docs-audit-34.md): what the docs promise a user, checked against the product.

- README: "After a change, every qa.Answerer, qa.Retriever, qa.ask and qa.retrieve of the same
  process on that library answers from the changed index on its next question." Not after a
  change made with `update_index=False`: an Answerer loaded before `qa.remove(..., update_index=False)`
  still quoted the removed article, while a fresh one did not.
- A word no option of a command takes was refused pointing at 'qa --help', which lists only the
  commands ('qa show ID --brief'); now at the command's own help.
- `--index-dir` of one library given with another library's `--corpus-dir` replaced the first
  library's index with only "the corpus changed" on the progress line; now the reason names the
  library whose index folder it is and says to give each library its own (not for a copied library).
- README: `QA_CORPUS_DIR` "works for qa.ask too", and `qa.add`/`qa.documents` act on it. Set in a
  running process after a first question, `qa.documents()` followed it but `qa.ask` and
  `qa.retrieve` kept answering from the first library; now they follow the `QA_*` environment.
- Bad input gives one line: a file name holding a line break made `qa add`'s error (and its
  `--dry-run` lines) two lines; now the break is written as its escape, `\\n`.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import qa
from qa.answer.answerer import Answerer
from qa.retrieval.retriever import Retriever
from tests.conftest import CORPUS, copied_library, run_qa

YANG = "How many patients were in the Yang et al. myocardial infarction trial?"


def _quoted(answerer: Answerer) -> set[str]:
    return {span.doc_id for span in answerer.ask(YANG).spans}


def test_a_change_without_an_index_update_is_seen_by_an_answerer_loaded_before_it(settings, index, tmp_path: Path):
    lib = copied_library(settings, tmp_path)
    loaded = Answerer(retriever=Retriever(lib))
    assert "kim2013" in _quoted(loaded)  # the Yang et al. row of kim2013's Table 2

    qa.remove("kim2013", update_index=False, settings=lib)
    assert "kim2013" not in _quoted(loaded)  # was still quoted: the index loaded before the remove
    assert "kim2013" not in _quoted(Answerer(retriever=Retriever(lib)))  # as a fresh one answers

    qa.restore("kim2013", update_index=False, settings=lib)
    assert "kim2013" in _quoted(loaded)


def test_a_word_no_option_takes_points_at_the_commands_own_help():
    shown = run_qa("show", "d6f8713da7", "--brief")
    assert (shown.returncode, shown.stdout) == (2, "")
    assert shown.stderr == "qa: unrecognized arguments: --brief (see 'qa show --help')\n"
    assert "--brief" not in run_qa("show", "--help").stdout  # that help lists what show takes

    unknown = run_qa("--nosuch")  # no command: the list of commands is the help to read
    assert unknown.stderr == "qa: unrecognized arguments: --nosuch (see 'qa --help')\n"


def test_the_index_folder_of_another_library_is_named_before_it_is_replaced(index, tmp_path: Path):
    first, second = tmp_path / "first", tmp_path / "second"
    for folder in (first, second):
        shutil.copytree(CORPUS, folder)
    built = run_qa("index", "--corpus-dir", str(first))  # the first library's own index, first-index
    assert built.returncode == 0, built.stderr
    manifest = second / "manifest.toml"
    blocks = manifest.read_text(encoding="utf-8").split("[[documents]]")
    manifest.write_text("[[documents]]".join(blocks[:-1]), encoding="utf-8")  # without its last review
    index_dir = tmp_path / "first-index"
    flags = ["--corpus-dir", str(second), "--index-dir", str(index_dir)]
    reason = (f"the corpus changed: this index folder is the one of another corpus folder, {first} "
              "(give each library its own --index-dir)")

    check = run_qa("index", "--check", *flags)
    assert (check.returncode, check.stdout) == (1, f"index stale: {reason}\n"), check

    asked = run_qa("ask", YANG, "--brief", *flags)
    assert asked.returncode == 0 and "kim2013" in asked.stdout, asked.stderr
    assert f"index is stale ({reason}); updating it" in asked.stderr
    build = (index_dir / "CURRENT").read_text().split()[0]
    manifest_json = json.loads((index_dir / build / "manifest.json").read_text())
    assert manifest_json["corpus"]["dir"] == str(second) and manifest_json.get("segments"), "still a segment"

    shutil.copytree(second, tmp_path / "copy")  # a library copied with its index is not another's
    shutil.copytree(index_dir, tmp_path / "copy-index")
    (tmp_path / "copy" / "manifest.toml").write_text("[[documents]]".join(blocks[:-2]), encoding="utf-8")
    copied = run_qa("index", "--check", "--corpus-dir", str(tmp_path / "copy"))
    assert (copied.returncode, copied.stdout) == (1, "index stale: the corpus changed\n"), copied


def test_a_file_name_holding_a_line_break_is_still_one_line(tmp_path: Path):
    folder = tmp_path / "two\nlines"
    folder.mkdir()
    shutil.copy(CORPUS / "pmc3782548_mscs_in_allogeneic_hsct.txt", folder / "hsct\nreview.txt")
    flags = ["--corpus-dir", str(tmp_path / "lib")]

    missing = run_qa("add", str(tmp_path / "a\nb.pdf"), *flags)
    assert (missing.returncode, missing.stdout) == (2, ""), missing
    assert missing.stderr == f"qa: {tmp_path}/a\\nb.pdf: file not found\n"

    planned = run_qa("add", str(folder), "--dry-run", *flags)
    assert planned.returncode == 0, planned.stderr
    lines = planned.stdout.splitlines()
    assert lines[0].startswith(f"would add {tmp_path}/two\\nlines/hsct\\nreview.txt as "), lines
    assert len(lines) == 2 and lines[1].startswith("1 file would be added"), lines
    assert not (tmp_path / "lib").exists()  # a dry run writes nothing


def test_qa_ask_follows_qa_corpus_dir_set_after_a_first_question(added_pdfs_library, index, monkeypatch):
    lib, _ = added_pdfs_library
    monkeypatch.delenv("QA_CORPUS_DIR", raising=False)
    monkeypatch.delenv("QA_INDEX_DIR", raising=False)
    question = "which liquid chromatography system was used?"
    assert not qa.ask(question).found  # the reviews do not say
    reviews = {"kim2013", "figueroa2012", "pmc3782548"}
    assert qa.retrieve(question, k=1)[0].passage.doc_id in reviews

    monkeypatch.setenv("QA_CORPUS_DIR", str(lib.corpus_dir))
    assert {row.id for row in qa.documents()} == {"10.1128_jb.00479-21", "10.1101_2024.02.13.580051"}
    answer = qa.ask(question)  # answered from the reviews before, as qa.ask's first library
    assert answer.spans[0].doc_id == "10.1128_jb.00479-21" and "Thermo Easy-nLC" in answer.spans[0].text
    assert qa.retrieve(question, k=1)[0].passage.doc_id == "10.1128_jb.00479-21"

    monkeypatch.delenv("QA_CORPUS_DIR")
    assert qa.retrieve(question, k=1)[0].passage.doc_id in reviews
