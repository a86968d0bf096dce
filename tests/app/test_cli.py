"""The `qa` command as a user runs it (subprocess): bad input is one line on stderr and a
non-zero exit; search and ask print what they promise, as text and as JSON."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import run_qa, run_qa_here

pytestmark = pytest.mark.slow

DOCS = ("kim2013", "figueroa2012", "pmc3782548")
SLE = re.compile(r"\bSLE\b|lupus", re.I)


def assert_one_line_failure(result, *phrases: str) -> str:
    assert result.returncode != 0, result.stdout[:300]
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith("qa: "), lines[0]
    for phrase in phrases:
        assert phrase in lines[0], (phrase, lines[0])
    return lines[0]


BAD_QUESTIONS = {
    "empty": ("", "empty"),
    "whitespace": ("  \t \n  ", "empty"),
    "100 kB": ("stem cells " * 10_000, "too long"),
    "only control characters": ("\x01\x1b\u202e\u200b", "empty"),
}


def runner(*through_a_subprocess: tuple[str, str]):
    """`run_qa` (a real process) for the cases named, `run_qa_here` (the same `main` in this
    process) for the rest of a family of refusals: every case is checked, a few as a user runs them."""
    def run(command: str, case: str):
        return run_qa if (command, case) in through_a_subprocess else run_qa_here
    return run


BAD_QUESTION_RUN = runner(("ask", "100 kB"), ("search", "only control characters"))


@pytest.mark.parametrize("command", ["search", "ask"])
@pytest.mark.parametrize("case", sorted(BAD_QUESTIONS))
def test_bad_question_is_one_line(command: str, case: str):
    question, phrase = BAD_QUESTIONS[case]
    assert_one_line_failure(BAD_QUESTION_RUN(command, case)(command, question), phrase)


BAD_K_RUN = runner(("ask", "abc"), ("search", "0"))


@pytest.mark.parametrize("command", ["search", "ask"])
@pytest.mark.parametrize("k,phrase", [("0", "at least 1"), ("-1", "at least 1"),
                                      ("abc", "whole number"), ("2.5", "whole number"),
                                      ("100000", "at most")])
def test_bad_k_is_one_line(command: str, k: str, phrase: str):
    assert_one_line_failure(BAD_K_RUN(command, k)(command, "Which sources were used for SLE?", "--k", k), phrase)


def test_unknown_mode_is_one_line_for_search(tmp_path: Path):
    # a private index folder: a bad mode must be refused before any index is touched
    result = run_qa("search", "MSC sources", "--mode", "fancy", "--index-dir", str(tmp_path / "idx"))
    assert_one_line_failure(result, "mode")
    assert not (tmp_path / "idx").exists()


def test_unknown_mode_is_one_line_for_ask(tmp_path: Path):
    result = run_qa("ask", "MSC sources", "--mode", "fancy", "--index-dir", str(tmp_path / "idx"),
                    timeout=300)
    assert_one_line_failure(result, "mode")


@pytest.mark.parametrize("command", ["search", "ask"])
def test_unknown_doc_is_one_line_listing_the_known(command: str, index):
    # `index`: the doc ids come from a built, current index; without it, run alone after a code
    # change the command would rebuild first and print its progress lines too
    run = runner(("ask", ""))(command, "")
    line = assert_one_line_failure(run(command, "MSC sources", "--doc", "nosuchdoc"), "nosuchdoc")
    for doc in DOCS:
        assert doc in line


@pytest.mark.parametrize("command", ["search", "ask"])
def test_index_dir_that_is_a_file_is_one_line(command: str, tmp_path: Path):
    not_a_folder = tmp_path / "index"
    not_a_folder.write_text("not an index\n", encoding="utf-8")
    run = runner(("search", ""))(command, "")
    assert_one_line_failure(run(command, "MSC sources", "--index-dir", str(not_a_folder)), str(not_a_folder))
    assert not_a_folder.read_text(encoding="utf-8") == "not an index\n"


@pytest.mark.parametrize("command", ["search", "ask"])
def test_unknown_option_is_one_line(command: str):
    run = runner(("ask", ""))(command, "")
    assert_one_line_failure(run(command, "MSC sources", "--frobnicate"), "--frobnicate")


def test_no_command_prints_help():
    result = run_qa()
    assert result.returncode == 0 and result.stdout.startswith("usage: qa")


# --- search ------------------------------------------------------------------------------------


def search_json(*args: str) -> dict:
    result = run_qa("search", *args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_sle_sources_search_gives_cited_passages_of_the_reviews_on_sle():
    data = search_json("Which sources were used for SLE?")
    hits = data["hits"]
    assert len(hits) == 10
    # a sources question asks for citations: every passage of the first page cites (the second
    # stage's requirement prior; pmc3782548's one candidate near the top, an introduction passage
    # with no citation and nothing on lupus, used to take a place by review diversity) ...
    assert all(h["passage"]["citations"] for h in hits)
    # ... and the two reviews that discuss SLE lead with their SLE passages. (pmc3782548 says
    # "lupus" once and never "SLE": without query expansion, off by default since it cost hit@1
    # on the dev splits, see evals/README.md, that passage is not reached through "SLE".)
    for doc in ("kim2013", "figueroa2012"):
        on_topic = [h for h in hits if h["passage"]["doc_id"] == doc and SLE.search(h["passage"]["text"])]
        assert on_topic, f"no SLE passage of {doc} in the top 10"


def test_search_json_schema():
    data = search_json("How are MSCs delivered to patients with myocardial infarction?", "--k", "7")
    assert data["question"] == "How are MSCs delivered to patients with myocardial infarction?"
    hits = data["hits"]
    assert [h["rank"] for h in hits] == list(range(1, 8))
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)
    for h in hits:
        assert {"rank", "score", "bm25_rank", "dense_rank", "passage"} <= set(h)
        assert h["bm25_rank"] is not None or h["dense_rank"] is not None
        p = h["passage"]
        assert {"id", "doc_id", "section", "text", "start", "end", "citations"} <= set(p)
        assert p["end"] - p["start"] == len(p["text"])


def test_search_modes_and_doc_filter():
    for mode, present, absent in (("bm25", "bm25_rank", "dense_rank"), ("dense", "dense_rank", "bm25_rank")):
        hits = search_json("umbilical cord MSCs in lupus", "--mode", mode, "--k", "5")["hits"]
        assert len(hits) == 5
        assert [h[present] for h in hits] == [1, 2, 3, 4, 5] and all(h[absent] is None for h in hits)
    hits = search_json("umbilical cord MSCs in lupus", "--doc", "pmc3782548")["hits"]
    assert hits and {h["passage"]["doc_id"] for h in hits} == {"pmc3782548"}


def test_search_text_output_shows_ranks_and_citations():
    result = run_qa("search", "Which sources were used for SLE?", "--k", "3")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Q: Which sources were used for SLE?")
    assert re.search(r"(?m)^ 1\. \S+ · .+score \d\.\d{4} \(bm25 #(\d+|-), dense #(\d+|-)\)  passage [0-9a-f]+$", result.stdout)
    assert not re.search(r"(?m)^ 4\. ", result.stdout)
    assert "cites:" in result.stdout


def test_question_with_newlines_and_tabs_is_accepted():
    data = search_json("Which sources\nwere used\tfor SLE?", "--k", "3")
    assert data["question"] == "Which sources\nwere used\tfor SLE?" or " " in data["question"]
    assert len(data["hits"]) == 3


# --- ask ---------------------------------------------------------------------------------------


def test_ask_outside_the_corpus_is_a_plain_statement():
    result = run_qa("ask", "Which football club won the 1998 world cup final?")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Q: Which football club won the 1998 world cup final?"
    # a refusal in plain words: "does not answer", or "too vague" when no word of it is in the corpus
    assert "does not answer this question" in result.stdout or "too vague to answer" in result.stdout
    assert "References" not in result.stdout


def test_ask_json_outside_the_corpus():
    result = run_qa("ask", "What is the capital city of Australia?", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["found"] is False and data["spans"] == [] and data["references"] == []
    assert data["message"] and data["too_vague"] is False


@pytest.mark.parametrize("question", ["x", "asdkjh qwpoeiru zzxcv", "and in children?"])
def test_ask_too_vague_exits_1_with_its_line(question: str, tmp_path: Path):
    """A question too vague to answer (one word, nonsense, a follow-up with nothing before it) is
    bad input: one line on stderr says why, nothing on stdout, exit status 1 (`too_vague` marks
    it in the library and in `--file` output). A refusal is an answer (exit 0)."""
    result = run_qa("ask", question)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("qa: the question is too vague to answer: ")
    assert len(result.stderr.strip().splitlines()) == 1
    as_json = run_qa("ask", question, "--json")
    assert as_json.returncode == 1 and as_json.stdout == "" and as_json.stderr == result.stderr
    batch = tmp_path / "questions.txt"  # in a batch it is one answer among others, marked
    batch.write_text(f"{question}\nWhich sources were used for SLE?\n", encoding="utf-8")
    rows = [json.loads(line) for line in run_qa("ask", "--file", str(batch)).stdout.splitlines()]
    assert [row["too_vague"] for row in rows] == [True, False] and rows[1]["found"]


def test_ask_text_output_lists_spans_then_references():
    result = run_qa("ask", "Which sources were used for SLE?", "--spans")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.index("\nStudies (") < out.index("\nSpans\n")  # the study table leads
    assert re.search(r"(?m)^1\. (kim2013|figueroa2012|pmc3782548)(?: · .+?)? \(\d+-\d+\)", out)
    assert "\nReferences\n" in out
    refs = " ".join(out.split("\nReferences\n", 1)[1].split())
    assert "Liang J, Zhang H, Hua B" in refs  # full entry of a numbered reference
    # an author-year key: why there is no entry, and the same study in the numbered review
    assert "Sun 2010 no full entry: no entry in this article's text; the same study as kim2013 [117]" in refs
    assert re.search(r"\b[A-Z][\w' -]* \d{4}[a-z]? no full entry: this article's reference list is not in the "
                     r"extracted text", refs)


def test_help_mentions_every_command():
    result = run_qa("--help")
    assert result.returncode == 0
    for command in ("index", "passages", "refs", "search", "ask", "eval", "studies", "study"):
        assert command in result.stdout


def test_search_says_which_words_of_another_script_it_did_not_search() -> None:
    """Docs audit 23: `qa ask 'GVHD の MSC 投与量は?'` cautions that 'の' and '投与量は' were not
    searched, but `qa search` ranked the same question silently, as if all of it had been read. It
    now says so on stderr (the JSON and the ranking unchanged); a Latin question gets no such line."""
    mixed = run_qa("search", "GVHD の MSC 投与量は?", "--k", "2", "--json")
    assert mixed.returncode == 0, mixed.stderr
    assert json.loads(mixed.stdout)["schema"] == "qa/search/v1"
    assert "qa: caution: the question's words in another script ('の', '投与量は') were not searched" \
        in mixed.stderr, mixed.stderr
    plain = run_qa("search", "GVHD trials", "--k", "2")
    assert plain.returncode == 0 and "another script" not in plain.stderr, plain.stderr
