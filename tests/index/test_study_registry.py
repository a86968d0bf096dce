"""The study registry on the real index: every citation resolves, merges carry evidence, the
cross-review identity gold is met, and the file round-trips."""
from __future__ import annotations

import json

import pytest

from qa.errors import IndexError_
from qa.evaluation.study_eval import load_gold, score_identity
from qa.index import studies as registry_io
from qa.index.studies import NO_LIST, Registry, row_facts

pytestmark = pytest.mark.slow


def test_every_citation_of_every_document_resolves_to_a_study(index):
    reg = index.studies
    for doc in index.documents:
        for c in doc.citations:
            study = reg.for_citation(doc.id, c.key)
            assert study is not None, f"{doc.id} {c.key} has no study"
            mine = next(x for x in study.cited_by if x.doc_id == doc.id and x.key == c.key)
            assert mine.sentences, f"{doc.id} {c.key}: no citing sentence"
            assert all(doc.text[s.start:s.end] == s.text for s in mine.sentences)


def test_studies_without_a_list_say_why(index):
    listless = {d.id for d in index.documents if not d.references}
    assert listless, "the corpus has reviews without a reference list"
    for s in index.studies.studies:
        if s.resolved != "entry":
            assert s.entry is None and s.reason.startswith(NO_LIST) or "not in this article's reference list" in s.reason \
                or "of its list, by the same first author" in s.reason
        if all(c.doc_id in listless for c in s.cited_by):
            assert s.resolved in ("author_year", "unresolved")
            assert NO_LIST in s.reason
    numbered = [s for s in index.studies.studies if s.resolved == "entry"]
    assert all(s.title and s.year and s.journal and s.first_author for s in numbered[:50])


def test_merges_record_evidence_and_confidence(index):
    merged = [s for s in index.studies.studies if len({c.doc_id for c in s.cited_by}) > 1]
    assert len(merged) >= 10
    for s in merged:
        assert s.merges, s.id
        for m in s.merges:
            assert m.evidence and 0.0 < m.confidence <= 1.0
        assert len({c.doc_id for c in s.cited_by}) == len(s.cited_by), "two keys of one review merged"


def test_cross_review_identity_meets_the_gold(index):
    score = score_identity(index.studies, load_gold())
    print(score.summary())
    assert score.precision >= 0.95, score.errors
    assert score.recall >= 0.80, score.errors


def test_ambiguous_candidates_are_not_merged_but_named(index):
    """Two entries with the same first author and year that the evidence cannot separate."""
    undecided = [s for s in index.studies.studies if "does not tell apart" in s.reason]
    for s in undecided:
        assert s.resolved == "author_year" and len(s.cited_by) == 1


def test_trial_table_rows_give_their_facts(index):
    with_facts = [c for s in index.studies.studies for c in s.cited_by if c.facts]
    assert len(with_facts) >= 10
    for c in with_facts:
        assert not any(f"[{c.key}]" in v for v in c.facts.values())  # the reference cell is not a fact


def test_row_facts_reads_columns_in_order():
    text = ("Table 2 (Trials). Reference: Yang et al. [104]; Disease: MI; Phase: I; "
            "No. of patients: 16; Route: Intracoronary; Outcome: Improved.")
    facts = row_facts(text, ["Reference", "Disease", "Phase", "No. of patients", "Route", "Outcome"])
    assert facts["Disease"] == "MI" and facts["No. of patients"] == "16" and facts["Outcome"] == "Improved"


def test_load_mirrors_save_and_the_manifest_lists_the_file(index, tmp_path):
    assert registry_io.FILE in index.manifest["files"]
    studies = index.studies.studies
    registry_io.save(tmp_path, studies)
    assert registry_io.load(tmp_path) == studies
    (tmp_path / registry_io.FILE).write_text('{"id": "x"\n', encoding="utf-8")
    with pytest.raises(IndexError_):
        registry_io.load(tmp_path)


def test_search_filters(index):
    reg: Registry = index.studies
    hits = reg.search(author="Liang", year=2010)
    assert hits and all(s.year == 2010 for s in hits)
    assert all(any("liang" in a.lower() for a in (s.authors or [s.first_author])) for s in hits)
    lupus = reg.search("lupus")
    assert lupus and all("lupus" in json.dumps(s.model_dump()).lower() for s in lupus)
    only = reg.search(doc="pmc3782548")
    assert only and all(any(c.doc_id == "pmc3782548" for c in s.cited_by) for s in only)


def test_search_finds_a_surname_typed_as_its_study_id_writes_it(index):
    """User trial 28: 'qa studies leblanc' found nothing while 'Le Blanc' listed leblanc2004 and
    leblanc2008; a surname written as one word, as the study ids write it, is a word of the study."""
    reg: Registry = index.studies
    ids = [s.id for s in reg.search("leblanc")]
    assert {"leblanc2004", "leblanc2008"} <= set(ids)
    assert {"garciaolmo2005", "garciaolmo2009"} <= {s.id for s in reg.search("garciaolmo")}
    assert all(s.first_author.lower().replace(" ", "").startswith("leblanc") or
               any("leblanc" in a.lower().replace(" ", "") for a in s.authors) for s in reg.search("leblanc"))


def _number_pair_nodes(own_mentions: set[str]):
    import numpy as np

    from qa.index.study_identity import Node

    v = np.ones(4, dtype="float32") / 2.0  # unit vector: the same topic on both sides
    entry = Node(doc_id="listed", key="83", label="[83]", entry={"title": "cord blood cotransplant"},
                 surname="Macmillan", year=2009, vector=v, tokens={"cord", "blood", "cotransplant"})
    number = Node(doc_id="listless", key="55", label="55", vector=v, tokens={"cord", "blood", "cotransplant"},
                  sole=True, mentions=set(own_mentions), own_mentions=set(own_mentions))
    return [entry, number]


def test_a_number_whose_own_sentence_names_another_author_is_not_merged_on_topic():
    """Topic alone merges a bare number with the only candidate; a 'de Lima et al.' in the sentence
    that cites the number alone contradicts a Macmillan entry, whatever the topic says."""
    from qa.index.study_identity import find_merges

    idf = {"cord": 1.0, "blood": 1.0, "cotransplant": 2.0}
    assert [m.b for m in find_merges(_number_pair_nodes(set()), idf)] == [("listed", "83")]
    assert find_merges(_number_pair_nodes({"delima"}), idf) == []
    assert [m.b for m in find_merges(_number_pair_nodes({"macmillan"}), idf)] == [("listed", "83")]



def test_blocked_search_gives_the_all_pairs_registry(corpus, monkeypatch):
    """Blocking entry pairs by DOI / surname + year and shortlisting a number's candidates by
    matrix products only skip comparisons that cannot change a decision (bench/registry_scaling.py
    measures the time); the registry is the same as comparing everything one by one."""
    import numpy as np

    from qa.index import study_identity as si
    from qa.index.build import answer_units

    units = answer_units(corpus)
    vectors = np.random.default_rng(1).standard_normal((len(units), 384)).astype("float32")
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    blocked = registry_io.build_registry(corpus.documents, corpus.passages, units, vectors)

    def entry_pairs(nodes):
        entries = [n for n in nodes if n.kind == "entry"]
        return [m for i, a in enumerate(entries) for b in entries[i + 1:] if a.doc_id != b.doc_id
                for m in si._entry_pair(a, b)]

    monkeypatch.setattr(si, "_entry_pairs", entry_pairs)
    monkeypatch.setattr(si._Shortlist, "keep", lambda self, node, idf: [c for c in self.candidates
                                                                         if c.doc_id != node.doc_id])
    assert registry_io.build_registry(corpus.documents, corpus.passages, units, vectors) == blocked
    assert any(len({c.doc_id for c in s.cited_by}) > 1 for s in blocked)  # merges happen at all
