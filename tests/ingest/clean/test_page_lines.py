"""qa.ingest.clean.page_lines on the real corpus: lines keep raw offsets; page furniture is dropped."""
from __future__ import annotations

import re


from qa.ingest.clean.page_lines import LIGATURE_CHARS, ROMAN_CHARS, drop_page_artifacts, glue_subscripts, to_lines

def test_lines_start_at_their_raw_offset(raws):
    for doc_id, raw in raws.items():
        lines = to_lines(raw)
        assert len(lines) == raw.count("\n") + 1
        for ln in lines:
            if ln.text:
                first = raw[ln.raw]
                assert ROMAN_CHARS.get(first, LIGATURE_CHARS.get(first, first))[0] == ln.text[0], doc_id


def test_running_lines_dropped_body_kept(raws):
    lines = glue_subscripts(to_lines(raws["kim2013"]))
    kept = drop_page_artifacts(lines)
    assert any("www.kjim.org" in ln.text for ln in lines)
    assert not any("www.kjim.org" in ln.text for ln in kept)
    dropped = {id(ln) for ln in lines} - {id(ln) for ln in kept}
    assert 0 < len(dropped) < 0.05 * len(lines)  # page furniture only, not paragraphs
    assert all(len(ln.text.split()) <= 20 for ln in lines if id(ln) in dropped)


def test_page_artifacts_removed(cleaned):
    kim = cleaned["kim2013"].text
    for artifact in ("Korean Journal of Internal Medicine", "www.kjim.org", "Kim N and Cho SG",
                     "Table 2. Continued", "Reference Disease Phase"):
        assert artifact not in kim
    for doc_id, c in cleaned.items():
        assert not re.search(r"(?m)^\d{1,4}$", c.text), doc_id


def test_subscript_glued_to_its_letter(cleaned):
    assert "prostaglandin E2,30,31 transforming growth factor" in cleaned["pmc3782548"].text


def test_roman_numerals_normalised(cleaned):
    assert "Ⅰ" not in cleaned["kim2013"].text and "Phase: I/II;" in cleaned["kim2013"].text
