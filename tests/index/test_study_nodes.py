"""The study registry's segment-local inputs (`qa.index.study_nodes`) on the real index: the
stored nodes give back the registry the build wrote, and the word counts found by the
vectorised prefix search are the stored vocabulary's, word for word."""
from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from qa.errors import IndexError_
from qa.index import studies
from qa.index.study_nodes import SegmentNodes, WordCounts, idf_of, save_word_df


def vocabulary(counts: WordCounts) -> dict[str, int]:
    blob, offsets = bytes(np.asarray(counts._terms)), np.asarray(counts._offsets).tolist()
    return {blob[a:z].decode("utf-8"): int(c) for a, z, c in zip(offsets[:-1], offsets[1:],
                                                                     np.asarray(counts._counts).tolist())}


def test_stored_nodes_give_back_the_registry_the_build_wrote(index):
    part = SegmentNodes(index.build)
    assert part.documents == index.doc_ids and part.nodes
    counts = WordCounts(index.build)
    words = sorted(set().union(*(n.tokens for n in part.nodes)))
    registry = studies.registry_of(part.nodes, part.cites, part.documents, part.references,
                                   idf_of(words, [counts], Counter(), 0))
    written = (index.build / studies.FILE).read_text(encoding="utf-8")
    assert "".join(s.model_dump_json() + "\n" for s in registry) == written


def test_prefix_search_finds_every_stored_word_and_nothing_else(index):
    counts = WordCounts(index.build)
    stored = vocabulary(counts)
    assert len(stored) > 1000
    # shared 8-byte prefixes are the hard case for the search: check they occur in the vocabulary
    by_prefix: dict[bytes, int] = {}
    for w in stored:
        by_prefix[w.encode()[:8]] = by_prefix.get(w.encode()[:8], 0) + 1
    assert max(by_prefix.values()) > 1
    words = sorted(stored)
    assert counts.counts(words).tolist() == [stored[w] for w in words]
    unseen = ["zzzz-never", "a", "mesenchy", "mesenchymalx", "ß-cell", "immunomodulatoryy", ""]
    assert counts.counts(unseen).tolist() == [stored.get(w, 0) for w in unseen]


def test_summed_counts_equal_one_vocabulary_of_both_parts(index, tmp_path):
    stored = vocabulary(WordCounts(index.build))
    words = sorted(stored)
    half = {w: c for w, c in stored.items() if len(w) % 2}
    rest = {w: c for w, c in stored.items() if not len(w) % 2}
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    save_word_df(tmp_path / "a", half, 700)
    save_word_df(tmp_path / "b", rest, 300)
    split = idf_of(words, [WordCounts(tmp_path / "a"), WordCounts(tmp_path / "b")], Counter(), 0)
    whole = studies.idf_from_df(stored, 1000)
    assert split == whole  # the same floats
    (tmp_path / "b" / "studies.df.json").write_text('{"format": 2, "units": 3', encoding="utf-8")
    with pytest.raises(IndexError_, match="corrupt"):
        WordCounts(tmp_path / "b")
