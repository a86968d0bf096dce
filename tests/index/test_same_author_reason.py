"""A citation without an entry in its own article's list says where it may point when that list
has entries by the same first author (user trial 41: eLife's "as described by Chen et al." with
no year read "not in this article's reference list" while the list has Chen 2015, 2016 and 2018).
Real evaluation library (seeds + the ten PDFs) and the registry built with it."""
from __future__ import annotations

import pytest

from qa.index.studies import NOT_IN_LIST

pytestmark = pytest.mark.slow

ELIFE = "10.7554_elife.91357.3"


def test_a_yearless_narrative_citation_names_the_same_author_entries(pdf_library):
    _settings, index = pdf_library
    study = index.studies.for_citation(ELIFE, "Chen")
    assert study is not None and study.resolved != "entry"
    assert study.reason.startswith("printed without a year"), study.reason
    for key in ("Chen 2015", "Chen 2016", "Chen 2018"):
        assert key in study.reason, study.reason
        listed = index.studies.for_citation(ELIFE, key)
        assert listed is not None and listed.resolved == "entry"  # each named key has its entry
    assert "does not tell apart" in study.reason


def test_keys_without_a_same_author_entry_keep_the_plain_reason(pdf_library):
    """Every other key without an entry of an article with a list: the plain reason, or the new
    one only when its list really has an entry by that first author."""
    from qa.index.study_identity import surname_key

    _settings, index = pdf_library
    listed = {d.id for d in index.documents if d.references}
    for s in index.studies.studies:
        if s.resolved == "entry" or not any(c.doc_id in listed for c in s.cited_by):
            continue
        if "of its list, by the same first author" in s.reason:
            own = s.cited_by[0]
            name = surname_key(s.first_author or own.key)
            doc = next(d for d in index.documents if d.id == own.doc_id)
            assert any(name and surname_key(r.authors[0] if r.authors else r.text.split(",")[0]).startswith(name)
                       for r in doc.references), s.reason
        else:
            assert NOT_IN_LIST in s.reason or "does not tell apart" in s.reason, s.reason
