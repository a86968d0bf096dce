"""Put back text blocks that a multi-column PDF extraction read out of order.

A block that ends mid-sentence (dangling) is paired with the block that continues it (an
orphan, usually starting lowercase) by evidence from the article alone: its word n-grams
across the junction seen elsewhere, citation numbers that go on in order across it, a line-end
hyphen that makes a known word, adjacency when the raw order looks trustworthy. The pairing is a maximum-plausibility assignment (scipy's
linear_sum_assignment); pairings that would form a cycle are broken, and blocks are then
emitted by following each cut sentence to its continuation.
"""
from __future__ import annotations

import re

import numpy as np

from qa.ingest.clean.blocks import Block
from qa.ingest.clean.lexicon import STOPWORDS, Lexicon, edge, first_letters, last_letters, ngram_tokens


# A citation number as numbered styles print it: after a word's closing punctuation
# ('cells.22', 'oxide,25', 'S5)2') or opening a bracket after a word ('cells [12', 'tissue (3');
# decimals, ratios, years and page numbers do not match.
CITED_NUMBER = re.compile(
    r"(?:(?<=[^\W\d_][.,;:])|(?<=\)[.,;:])|(?<=[^\W\d_]\))|(?<=[^\W\d_] [\[(]))(\d{1,3})(?=[\s,\-–\])]|$)")


def citation_continuity(left: str, right: str) -> int:
    """Numbered articles cite in order: 2 when the first number after the cut is the next new
    one (1-2 past the largest before it), 1 when it is close, -1 when it jumps far, 0 when
    there is nothing to compare."""
    before = [int(m.group(1)) for m in CITED_NUMBER.finditer(left[-600:])]
    after = [int(m.group(1)) for m in CITED_NUMBER.finditer(right[:600])]
    if not before or not after:
        return 0
    gap = after[0] - max(before)
    if 1 <= gap <= 2:
        return 2
    if -3 <= gap <= 4:
        return 1
    return -1 if abs(gap) > 10 else 0


def _pair_score(d: Block, o: Block, adjacent: bool, lex: Lexicon, trust_adjacency: bool) -> float:
    """Plausibility that text block `o` continues the sentence cut at the end of `d` (0: no).

    Evidence comes from the article alone: its own word sequences across the junction, a
    line-end hyphen that makes a known word, and the order of its citation numbers."""
    evidence = lex.junction_evidence(d.text, o.text)
    hyphen = 0
    if d.text.endswith("-"):
        left, right = last_letters(d.text[:-1]), first_letters(o.text)
        hyphen = int(bool(left and right and lex.known(left + right)))
    order = citation_continuity(d.text, o.text)
    if not o.lower_start and not (o.lead and (evidence or hyphen or order == 2)):
        return 0.0
    bonus = 2 if adjacent and (trust_adjacency or not o.lead) else 0
    # A sentence cut right after 'and', 'of', 'a' surely goes on with a lowercase word.
    words = ngram_tokens(edge(d.text, -1))
    needy = 2 if o.lower_start and words and words[-1] in STOPWORDS else 0
    return max(0.0, 10 + 4 * o.lower_start + 4 * evidence + 6 * hyphen + bonus + needy + 3 * min(order, 1))


def _assign(scores: dict[tuple[int, int], float], forbidden: set[tuple[int, int]]) -> dict[int, int]:
    """Best one-to-one pairing of dangling -> orphan blocks (maximum total plausibility)."""
    from scipy.optimize import linear_sum_assignment  # imported late: slow, needed only here

    ds = sorted({d for d, _ in scores})
    os_ = sorted({o for _, o in scores})
    if not ds:
        return {}
    value = np.full((len(ds), len(os_) + len(ds)), -1e6)
    for r in range(len(ds)):
        value[r, len(os_) + r] = 0.0
    for (d, o), s in scores.items():
        if (d, o) not in forbidden:
            value[ds.index(d), os_.index(o)] = s
    rows, cols = linear_sum_assignment(-value)
    return {ds[r]: os_[c] for r, c in zip(rows, cols) if c < len(os_) and value[r, c] > 0}


# Blocks repaired together. Every dangling block is scored against every text block of its
# chunk and the pairing is a dense assignment, so the cost grows with the square (and worse)
# of the chunk: a long text is repaired chunk by chunk, keeping ingestion linear in its size.
# A column read out of place sits on the same page or the next; an article is a few dozen
# blocks (the corpus's longest has 53), so chunks this size change nothing for one article.
CHUNK_BLOCKS = 200


def repair_order(blocks: list[Block], lex: Lexicon, keep_order: bool = False) -> tuple[list[Block], set[int]]:
    """Reorder blocks so cut sentences rejoin; return the order and the ids of continuation blocks.

    `keep_order` (text already in reading order): a cut sentence may only go on in the next
    text block (past a caption, table or footnote set inside it), never in one further away."""
    ordered: list[Block] = []
    continuations: set[int] = set()
    start = 0
    while start < len(blocks):
        end = min(start + CHUNK_BLOCKS, len(blocks))
        # cut where a sentence ends, so no cut sentence loses its continuation to the cut
        while end < min(len(blocks), start + CHUNK_BLOCKS + CHUNK_BLOCKS // 4) and blocks[end - 1].dangling:
            end += 1
        chunk_order, chunk_continuations = _repair_chunk(blocks[start:end], lex, keep_order)
        ordered.extend(chunk_order)
        continuations |= chunk_continuations
        start = end
    return ordered, continuations


def _repair_chunk(blocks: list[Block], lex: Lexicon, keep_order: bool = False) -> tuple[list[Block], set[int]]:
    """`repair_order` for blocks few enough to score every pair."""
    texts = [i for i, b in enumerate(blocks) if b.kind == "text"]
    nxt_text = {}
    for i in range(len(blocks)):
        k = i + 1
        while k < len(blocks) and blocks[k].kind in ("table", "table_note", "footnote", "caption"):
            k += 1
        nxt_text[i] = k
    candidates = [(d, o) for d in texts if blocks[d].dangling for o in texts if o != d
                  and (not keep_order or o == nxt_text[d])]
    # Is the raw order trustworthy? Not if a sentence plainly continues far away.
    far = [(d, o) for d, o in candidates if nxt_text[d] != o and blocks[o].lower_start
           and lex.junction_evidence(blocks[d].text, blocks[o].text) >= 1]
    trust = not far
    scores = {}
    for d, o in candidates:
        s = _pair_score(blocks[d], blocks[o], nxt_text[d] == o, lex, trust)
        if s > 0:
            scores[(d, o)] = s
    forbidden: set[tuple[int, int]] = set()
    for _ in range(50):
        pairs = _assign(scores, forbidden)
        cycle = _find_cycle(pairs, blocks)
        if not cycle:
            break
        forbidden.add(min(cycle, key=lambda p: scores[p]))
    return _order(blocks, pairs, keep_order), {id(blocks[o]) for o in pairs.values()}


def _segments(blocks: list[Block], pairs: dict[int, int]) -> list[list[int]]:
    """Runs of blocks that stay together: cut before frame starts/orphans, after paired danglings."""
    targets = set(pairs.values())
    segs: list[list[int]] = []
    for i, b in enumerate(blocks):
        cut = (not segs or b.lead or i in targets or (i - 1) in pairs
               or b.kind in ("table", "caption") or blocks[i - 1].kind in ("table", "table_note", "footnote", "caption"))
        if b.kind in ("footnote", "table_note") and segs:
            cut = False
        if cut:
            segs.append([i])
        else:
            segs[-1].append(i)
    return segs


def _links(blocks: list[Block], pairs: dict[int, int]
           ) -> tuple[list[list[int]], dict[int, tuple[int, tuple[int, int]]]]:
    """The segments, and for each segment that a pair continues: (next segment, that pair)."""
    segs = _segments(blocks, pairs)
    seg_of = {i: s for s, seg in enumerate(segs) for i in seg}
    return segs, {seg_of[d]: (seg_of[o], (d, o)) for d, o in pairs.items()}


def _find_cycle(pairs: dict[int, int], blocks: list[Block]) -> list[tuple[int, int]]:
    """The pairs of one cycle among the segment links (empty if the links form chains only)."""
    succ = _links(blocks, pairs)[1]
    for start in succ:
        seen, cur, path = set(), start, []
        while cur in succ and cur not in seen:
            seen.add(cur)
            nxt, pair = succ[cur]
            path.append(pair)
            cur = nxt
            if cur == start:
                return path
    return []


def _order(blocks: list[Block], pairs: dict[int, int], keep_order: bool = False) -> list[Block]:
    """Every block once, each cut sentence followed by its continuation."""
    segs, links = _links(blocks, pairs)
    succ = {s: nxt for s, (nxt, _) in links.items()}
    has_pred = set(succ.values())
    # A segment ending mid-sentence with no partner continues at the nearest frame that
    # begins a text block and has no predecessor (the column read before it).
    for s, seg in enumerate(segs):
        last = blocks[seg[-1]]
        if keep_order or s in succ or not last.dangling or s + 1 >= len(segs) or (s + 1) not in has_pred:
            continue
        heads = [h for h in range(1, len(segs)) if h not in has_pred and h != s
                 and blocks[segs[h][0]].kind == "text" and blocks[segs[h][0]].lead
                 and not _reaches(succ, h, s)]
        if heads:
            h = min(heads, key=lambda h: abs(blocks[segs[h][0]].raw - last.raw))
            succ[s] = h
            has_pred.add(h)
    # A self-contained head segment sitting inside a cut sentence is an inserted block (an
    # abstract, a box, a table):
    # it goes after the paragraph that completes the sentence.
    inserted: dict[int, list[int]] = {}
    for h in range(1, len(segs)):
        if h in has_pred or h in succ or (h - 1) not in succ or succ[h - 1] == h:
            continue
        anchor = segs[succ[h - 1]][0]
        inserted.setdefault(anchor, []).append(h)
    placed = {h for hs in inserted.values() for h in hs}
    order = [s for s in range(len(segs)) if s not in has_pred and s not in placed]
    out: list[Block] = []

    def emit(s: int) -> None:
        for i in segs[s]:
            out.append(blocks[i])
            for h in inserted.get(i, []):
                chain(h)

    def chain(s: int | None) -> None:
        while s is not None and s not in done:
            done.add(s)
            emit(s)
            s = succ.get(s)

    done: set[int] = set()
    for s in order:
        chain(s)
    for s in range(len(segs)):  # never lose a block, whatever the pairing did
        chain(s)
    return out


def _reaches(succ: dict[int, int], a: int, b: int) -> bool:
    """Does following `succ` from segment `a` lead to segment `b`?"""
    seen = set()
    while a in succ and a not in seen:
        seen.add(a)
        a = succ[a]
        if a == b:
            return True
    return False

