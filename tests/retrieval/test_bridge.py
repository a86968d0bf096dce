"""qa.retrieval.bridge: a question word the library never writes joins the BM25 query with its
nearest library words in the embedding space (off by default: bridge_weight 0); and
Expander.library_forms: the library's own form of a phrase it rarely writes as asked."""
from __future__ import annotations

from qa.retrieval.bridge import Bridge
from qa.retrieval.retriever import Retriever
from qa.settings import Settings


def test_only_absent_words_are_bridged(index):
    bridge = Bridge(index.bm25, index.encoder, floor=0.6, top=3, weight=0.5)
    # 'msc' is in the library, 'of' too short, 'ab' not a word of three letters; 'inject' in no passage
    assert bridge.absent(["msc", "inject", "of", "ab", "inject"]) == ["inject"]
    assert bridge.near(["msc", "dose"]) == []  # nothing absent: nothing encoded, nothing added


def test_word_forms_are_bridged_at_a_fraction_of_the_weight(index):
    bridge = Bridge(index.bm25, index.encoder, floor=0.6, top=3, weight=0.5)
    near = dict(bridge.near(["inject"]))
    assert {"injecting", "injected", "injection"} == set(near)
    assert all(0.3 <= w <= 0.5 for w in near.values())  # weight x cosine (0.6 <= cosine <= 1)
    assert all(index.bm25.df(t) > 0 for t in near)


def test_the_floor_keeps_noise_out(index):
    bridge = Bridge(index.bm25, index.encoder, floor=0.6, top=3, weight=0.5)
    # 'hot' is nearest 'attractive' and the like in this library, 'mess' nearest 'clean': nothing
    # reaches the floor, nothing is added
    assert bridge.near(["hot"]) == [] and bridge.near(["mess"]) == []
    assert Bridge(index.bm25, index.encoder, floor=0.6, top=3, weight=0.0).near(["inject"]) == []


def test_the_query_carries_the_bridged_words(settings, index):
    on = Retriever(Settings.from_env(bridge_weight=0.5), index=index)
    query = on.parse("Which MSC doses did they inject?")
    assert query.bm25_tokens[:3] == ["msc", "dose", "inject"]
    assert set(query.bm25_tokens[3:]) == {"injecting", "injected", "injection"}
    weights = query.bm25_weights
    assert weights is not None and weights[:3] == [1.0, 1.0, 1.0] and all(w < 0.5 for w in weights[3:])
    off = Retriever(Settings.from_env(bridge_weight=0.0), index=index).parse("Which MSC doses did they inject?")
    assert off.bridged == [] and off.bm25_weights is None  # the default: the query as before
    hits = on.search("Which MSC doses did they inject?", k=5, mode="bm25")
    assert any("inject" in h.passage.text.lower() for h in hits)


def test_library_forms(settings, index):
    retriever = Retriever(Settings.from_env(library_form_ratio=5.0), index=index)
    expander = retriever.expander
    # 'mouse' is in one passage of the reviews, 'mice' in many: the library's form joins it
    assert expander.library_forms("lupus mouse studies", retriever.used, 5.0) == ["mice"]
    assert expander.library_forms("lupus mice studies", retriever.used, 5.0) == []  # asked as written
    query = retriever.parse("lupus mouse studies with MSC treatment - which papers?")
    assert ("mice", settings.retrieval.expansion_weight) in query.bridged


def test_bridge_rerank_reads_the_bridged_words(index):
    """With bridge_rerank the second stage's coverage counts the bridged words; off, the ranking
    is the bridge's first stage alone (both rankings are deterministic and well formed)."""
    question = "Which MSC doses did they inject?"
    on = Retriever(Settings.from_env(bridge_weight=0.5, bridge_rerank=True), index=index).search(question, k=5)
    off = Retriever(Settings.from_env(bridge_weight=0.5), index=index).search(question, k=5)
    assert len(on) == len(off) == 5
    assert on == Retriever(Settings.from_env(bridge_weight=0.5, bridge_rerank=True), index=index).search(question, k=5)
