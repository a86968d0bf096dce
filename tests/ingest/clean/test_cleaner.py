"""qa.ingest.clean.cleaner on the real corpus: the assembled text, its sections, skip spans and raw map.

Each stage has its own tests: test_page_lines, test_lexicon, test_blocks, test_reading_order.
"""
from __future__ import annotations

import re


from qa.ingest.clean.cleaner import clean, line_starts

def test_reference_list_one_entry_per_line(cleaned):
    kim = cleaned["kim2013"]
    start, end = kim.references_span
    entries = kim.text[start:end].split("\n")
    assert [int(e.split(".")[0]) for e in entries] == list(range(1, 155))
    assert ("116. Liang J, Zhang H, Hua B, et al. Allogenic mesenchymal stem cells transplantation "
            "in refractory systemic lupus erythematosus: a pilot clinical study. Ann Rheum Dis "
            "2010;69:1423-1429.") in entries
    assert entries[91].endswith("Transplantation 2011;91:1412-1416.")
    assert entries[124].startswith("125. Mohamadnejad M, Alimoghaddam K, Mohyeddin-Bonab M, et al.")
    assert (start, end) in kim.skip_spans
    assert cleaned["figueroa2012"].references_span is None


def test_skip_spans_cover_non_body_text(cleaned):
    def skipped(c, needle):
        pos = c.text.index(needle)
        return any(a <= pos < b for a, b in c.skip_spans)

    kim, fig = cleaned["kim2013"], cleaned["figueroa2012"]
    assert skipped(kim, "Keywords: Clinical trial") and skipped(fig, "Key words:")
    assert skipped(kim, "No potential conflict of interest") and skipped(kim, "This work was supported")
    assert skipped(fig, "bFGF, basic fibroblast growth factor")
    assert skipped(kim, "MSC, mesenchymal stem cell; OI, osteogenesis imperfecta")
    assert not skipped(kim, "Prochymal was used in a randomized")


def test_raw_map_points_back_to_the_raw_text(cleaned, raws):
    for doc_id, c in cleaned.items():
        raw = raws[doc_id]
        assert c.raw_map == sorted(c.raw_map)
        tables = [(t.start, t.end) for t in c.tables]  # rows map to the table as a whole
        words = [m for m in re.finditer(r"\b[A-Za-z]{9,}\b", c.text)
                 if not any(a <= m.start() < b for a, b in tables)][::7]
        misses = []
        for m in words:
            at = c.to_raw(m.start())
            window = re.sub(r"[\s-]", "", raw[max(0, at - 60): at + 80])
            if m.group(0) not in window:
                misses.append(m.group(0))
        assert len(misses) <= 0.02 * len(words), (doc_id, misses[:5])


def test_clean_is_deterministic(raws):
    assert clean(raws["pmc3782548"]).text == clean(raws["pmc3782548"]).text


def test_generic_article_without_seed_words():
    raw = ("INTRODUCTION\n\nThis is a para-\ngraph that goes on and\n\n12\n\n"
           "Journal of Tests Vol. 3, No. 2, 2020\n\nthen continues after the page break [1].\n\n"
           "Methods\nWe did things. Results were good.\n\nJournal of Tests Vol. 3, No. 2, 2020\n\n"
           "References\n\n1. Doe J. A paper. J Test 2020;1:1-2.\n2. Roe R. Another. J Test 2021;2:3-\n4.\n")
    c = clean(raw)
    assert c.text == ("INTRODUCTION\n\nThis is a paragraph that goes on and then continues after the "
                      "page break [1].\n\nMethods\n\nWe did things. Results were good.\n\nReferences\n\n"
                      "1. Doe J. A paper. J Test 2020;1:1-2.\n2. Roe R. Another. J Test 2021;2:3-4.")
    assert [s.title for s in c.sections] == ["INTRODUCTION", "Methods", "References"]
    assert c.references_span == (c.text.index("1. Doe"), len(c.text))
    assert c.to_raw(c.text.index("then continues")) == raw.index("then continues")
    assert clean("").text == "" and clean("").sections == []


def test_line_starts_are_offsets_in_the_joined_text():
    rows = ["Reference: A [1]", "", "Reference: B [2]"]
    joined = "\n".join(rows)
    assert line_starts(rows) == [0, 17, 18]
    assert [joined[s:s + len(r)] for s, r in zip(line_starts(rows), rows)] == rows
    assert line_starts([]) == []


ABSTRACT = "We asked how stromal cells calm the host. They release a lipid that slows dividing cells."
INTRO = "Stromal cells are studied widely. Their effect on immunity is known but not how it comes about."
METHODS = "Cells were grown in a standard medium for three days. They were then counted twice."


def _titles(raw: str) -> list[tuple[str, str]]:
    c = clean(raw)
    return [(s.title, c.text[s.start:s.end][:20]) for s in c.sections]


def test_a_thematic_break_ends_the_abstract():
    """The layout reader writes '***' where a set-apart abstract gives way to the running text
    with no heading (qa.ingest.pdf.frontmatter.AbstractEnd): the text after it is the body, the
    introduction of an article whose sections follow, and never in the abstract or the text."""
    raw = f"{ABSTRACT}\n\n***\n\n{INTRO}\n\n# Methods\n\n{METHODS}\n"
    assert _titles(raw) == [("Abstract", ABSTRACT[:20]), ("Introduction", INTRO[:20]), ("Methods", METHODS[:20])]
    assert "***" not in clean(raw).text
    # every Markdown form of the break; a line of asterisks inside a paragraph is no break
    for rule in ("* * *", "---", "___", "*****"):
        assert [t for t, _ in _titles(raw.replace("***", rule))] == ["Abstract", "Introduction", "Methods"]
    assert [t for t, _ in _titles(f"{ABSTRACT}\n***\n{INTRO}\n\n# Methods\n\n{METHODS}\n")] == ["Abstract", "Methods"]


def test_the_untitled_body_is_named_introduction_only_where_it_is_one():
    """No heading after it: the whole body, untitled; an article that has its own 'Introduction'
    heading later: the untitled text is something else, and stays untitled."""
    assert [t for t, _ in _titles(f"{ABSTRACT}\n\n***\n\n{INTRO}\n\n{METHODS}\n")] == ["Abstract", ""]
    own = f"{ABSTRACT}\n\n***\n\n{METHODS}\n\n# Introduction\n\n{INTRO}\n"
    assert [t for t, _ in _titles(own)] == ["Abstract", "", "Introduction"]
    # a keywords line ends the front matter the same way (ASM journals print no Introduction heading)
    keyed = f"{ABSTRACT}\n\nKeywords: stromal cells, lipids\n\n{INTRO}\n\n# Methods\n\n{METHODS}\n"
    assert [t for t, _ in _titles(keyed)] == ["Abstract", "Introduction", "Methods"]
