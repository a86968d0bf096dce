"""What `qa` prints, as a user trial checked it: exports that are nothing but their format,
flags that conflict or are out of range refused in one line, and the readable answer's layout
(one note per line, a blank line after '+N more')."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest

from conftest import run_qa, run_qa_here, run_qa_once
from qa.app.render import answer_text
from qa.models import Answer, DocumentMeta, Span

SLE = "Which sources were used for SLE?"
RIS_LINE = re.compile(r"[A-Z][A-Z0-9]  - .*")


def ok(result) -> str:
    assert result.returncode == 0, result.stderr[-500:]
    return result.stdout


def ris_records(text: str) -> list[list[str]]:
    """The records of an RIS text, failing on any line that is not a tag line or a blank one."""
    records: list[list[str]] = []
    current: list[str] | None = None
    for line in text.splitlines():
        if not line.strip():
            assert current is None, "a blank line inside a record"
            continue
        assert RIS_LINE.fullmatch(line), f"not an RIS line: {line!r}"
        if line.startswith("TY  - "):
            assert current is None, "TY before the previous record's ER"
            current = []
        assert current is not None, f"a tag outside a record: {line!r}"
        current.append(line)
        if line.startswith("ER  - "):
            records.append(current)
            current = None
    assert current is None, "the last record has no ER"
    return records


@pytest.mark.slow
def test_exports_hold_nothing_but_their_format():
    records = ris_records(ok(run_qa("ask", SLE, "--format", "ris")))
    assert len(records) >= 5 and all(r[0].startswith("TY  - ") for r in records)
    study = ris_records(ok(run_qa_once("studies", "lupus", "--format", "ris")))
    assert study
    import bibtexparser

    bib = bibtexparser.parse_string(ok(run_qa_once("ask", SLE, "--format", "bibtex")))
    assert not bib.failed_blocks and len(bib.entries) >= 5
    assert all(isinstance(b, bibtexparser.model.Entry) for b in bib.blocks)  # no stray text
    rows = list(csv.DictReader(io.StringIO(ok(run_qa("ask", SLE, "--format", "csv")))))
    assert len(rows) >= 5 and all(r["id"] and None not in r for r in rows)
    assert len(json.loads(ok(run_qa("ask", SLE, "--format", "json")))["spans"]) >= 1
    md = ok(run_qa("ask", SLE, "--format", "md")).splitlines()
    assert md and all(re.match(rf"{i}\. \S", line) for i, line in enumerate(md, 1))
    vague = run_qa("ask", "What is the capital city of Australia?", "--format", "ris")
    assert vague.returncode == 0 and vague.stdout == "" and "nothing to export" in vague.stderr


@pytest.mark.parametrize("args, message", [
    (["show", "23b88923", "-C", "-1"], "expected 0 or more, got -1"),
    (["ask", "GVHD", "--brief", "--json"], "--json and --brief ask for different outputs"),
    (["ask", "GVHD", "--format", "bibtex", "--json"], "--json and --format bibtex ask for different outputs"),
    (["ask", "GVHD", "--format", "ris", "--brief"], "--format ris and --brief ask for different outputs"),
    (["ask", "GVHD", "--spans", "--brief"], "--brief and --spans ask for different outputs"),
    (["ask", "--file", "-", "--brief"], "--brief and --file ask for different outputs"),
    (["refs", "kim2013", "--format", "csv", "--json"], "--json and --format csv ask for different outputs"),
])
def test_conflicting_or_invalid_flags_are_one_line_and_exit_2(args, message):
    # two cases through a real process, the rest through the same `main` in this one
    run = run_qa if args[0] == "show" or "ris" in args else run_qa_here
    result = run(*args, input="")
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("qa: ") and message in lines[0], result.stderr


def test_brief_output_keeps_the_weak_match_warning():
    """User trial 7: `--brief` printed the spans of a weak match without its warning."""
    question = "What is the recommended IV MSC dose for Crohn's disease?"
    answer = json.loads(ok(run_qa("ask", question, "--json")))
    assert answer["caution"].startswith("Weak match (confidence ") and answer["caution"] in answer["message"]
    brief = ok(run_qa("ask", question, "--brief", env={"COLUMNS": "400"})).splitlines()
    assert brief[0] == answer["caution"] and brief[1].startswith("1. ")


def test_brief_sources_answer_leads_with_the_study_table_order():
    """User trial 30: `--brief` prints no study table, so a sources answer's quotes come in the
    table's order: the first line is a quote citing the best-supported study, and every quote
    citing a listed study comes before any that cites none of them."""
    answer = json.loads(ok(run_qa_once("ask", SLE, "--json")))
    rows = answer["studies"]
    assert rows, "a sources answer lists its studies"
    brief = ok(run_qa("ask", SLE, "--brief", env={"COLUMNS": "1000"})).splitlines()
    quotes = [line for line in brief if re.match(r"\d+\. ", line)]
    assert len(quotes) == len(answer["spans"])
    first = quotes[0]
    best = rows[0]["study"]["cited_by"]
    assert any(first.split(":")[0].split(" ", 2)[1] == c["doc_id"] for c in best), first
    by_text = {" ".join(s["text"].split()): s for s in answer["spans"]}
    ranks = []
    for line in quotes:
        text = line.split(": ", 1)[1]
        span = by_text[text]
        ranks.append(min((i for i, row in enumerate(rows) for c in row["study"]["cited_by"]
                          if c["doc_id"] == span["doc_id"] and any(x["key"] == c["key"] for x in span["citations"])),
                         default=len(rows)))
    assert ranks == sorted(ranks), ranks
    assert ranks[0] == 0


@pytest.mark.slow
def test_json_and_format_json_ask_for_the_same_output():
    both = json.loads(ok(run_qa("ask", "GVHD", "trials", "--format", "json", "--json")))
    assert both["schema"] == "qa/answer/v2"


def test_answer_notes_are_one_per_line_and_more_stands_apart():
    span = Span(text="MSCs were given intravenously [12].", doc_id="kim2013", passage_id="ab" * 8,
                start=0, end=35, score=1.0)
    answer = Answer(question="and in children?", found=True, kind="fact", spans=[span], more=1,
                    message="Read as a follow-up of: How were MSCs delivered for GVHD?\n"
                            "The 1 strongest of 2 spans (+1 more; raise --k to see them).",
                    documents=[DocumentMeta(id="kim2013", file="kim.txt", title="Clinical applications")])
    text = answer_text(answer, width=100)
    lines = text.splitlines()
    assert "Read as a follow-up of: How were MSCs delivered for GVHD?" in lines
    assert "The 1 strongest of 2 spans (+1 more; raise --k to see them)." in lines
    assert text.count("+1 more") == 1  # user trial 7: it was said twice, above and below the quotes
    unnoted = answer_text(answer.model_copy(update={"message": ""}), width=100).splitlines()
    more = unnoted.index("+1 more (raise --k to see them)")
    assert unnoted[more + 1] == "" and unnoted[more + 2] == "Articles quoted"
    refused = Answer(question="q", found=False, kind="fact", message="Read as a follow-up of: x\nNot here.")
    assert answer_text(refused).splitlines()[2:4] == ["Read as a follow-up of: x", "Not here."]


def test_a_huge_context_shows_the_whole_document_at_once():
    """Robustness hunt: `qa show ID -C 99999999999` walked every number up to the context and
    hung; the context is bounded by the index, so it prints the passage's whole document."""
    listed = run_qa("passages", "--doc", "pmc3782548", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    shown = run_qa("show", rows[1]["id"], "-C", "99999999999", "--json", timeout=60)
    assert shown.returncode == 0, shown.stderr
    out = json.loads(shown.stdout)
    assert len(out["before"]) + 1 + len(out["after"]) == len(rows)


def test_a_narrative_mention_and_its_dated_citation_are_one_study_in_the_cites_list():
    """User trial 6: "cites Onken et al. Duijvestein et al. Onken et al., 2006 Duijvestein et al.,
    2010" named each study twice; the real CLI now names each once, by its dated label, and the
    quote itself is printed unchanged."""
    question = "What did the Onken study find with IV MSCs in Crohn's?"
    result = run_qa("ask", question, "--brief", "--color", "never")
    assert result.returncode == 0, result.stderr
    line = next(l for l in result.stdout.splitlines() if "Onken et al. reported" in l)
    head, quote = line.split(": ", 1)
    assert head.count("Onken") == 1 and "Onken et al., 2006" in head
    assert quote.startswith("Onken et al. reported")


def test_an_answer_offering_no_citation_says_so_under_references():
    """User trial 6: an answer whose quotes cite nothing printed no References heading at all, so
    a reader could not tell "no source" from a block left out."""
    span = Span(text="MSCs are rare in cord blood.", doc_id="pmc3782548", passage_id="cd" * 8,
                start=0, end=28, score=1.0)
    answer = Answer(question="q", found=True, kind="fact", spans=[span],
                    documents=[DocumentMeta(id="pmc3782548", file="p.txt", title="HSCT")])
    lines = answer_text(answer, width=100).splitlines()
    assert lines[lines.index("References") + 1] == "  none: the quotes cite no study for this answer"
    assert "none: the quotes" not in answer_text(answer, width=100, brief=True)


def test_a_quote_is_headed_by_its_section_as_a_search_hit_is():
    """User trial 7 / 8: legend sentences ("Top: Representative images from retinas ...") read as
    article sentences; the TUI said "section “Fig. 6”", the CLI did not. Each quote's header names
    its passage's section, as `qa search` heads a hit."""
    span = Span(text="Top: Representative images from retinas injected with LNPs (n = 6).", doc_id="sciadv",
                passage_id="ab" * 8, section="Fig. 6", start=10, end=77, score=1.0)
    answer = Answer(question="q", found=True, kind="fact", spans=[span])
    assert "1. sciadv · Fig. 6 (10-77) passage abababab" in answer_text(answer, width=200)
    row = span.model_copy(update={"text": "Table 2 (Clinical trials). Reference: Yang et al. [104]; Phase: I",
                                  "section": "Table 2. Clinical trials of mesenchymal stem cell therapy"})
    assert "1. sciadv (10-77) passage" in answer_text(Answer(question="q", found=True, kind="table", spans=[row]),
                                                      width=200)  # the row names its table itself
    real = json.loads(ok(run_qa("ask", "What did the Prochymal trial in heart attack patients show?", "--json")))
    first = real["spans"][0]
    shown = json.loads(ok(run_qa("show", first["passage_id"], "--json")))
    assert first["section"] == shown["passage"]["section"] == "Cardiovascular diseases"


def test_brief_labels_name_every_number_the_quote_prints():
    """User trial 18: in --brief, "1. kim2013 [115]: ... [115] ... [116]." named only the offered
    citation; the numbers a quote prints without offering follow as "(also ...)"."""
    out = run_qa("ask", "Which studies report that MSCs promote tumorigenesis and metastasis?", "--brief")
    first = out.stdout.splitlines()[0]
    assert first.startswith("1. kim2013 [131-133] (also [128-130]): Whether MSCs"), first
