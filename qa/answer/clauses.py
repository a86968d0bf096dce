"""A cited sentence read as clauses: each citation group with the words it owns.

A review sentence often cites different studies for different parts ("MSCs suppress T cell
proliferation [24-26], B cell functions [25,27,28], ..."; "some studies ... [120,121], while many
others ... [122,123]"). Which groups cite for a question (`enumerated_citations`;
`clause_citations`, off by default) and in which order a sources span lists them
(`asked_clause_first`) are read from the question words each group's own words name. Used by
`qa.answer.references`, which applies them to an answer's spans.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from qa.retrieval.word_forms import stems
from qa.answer.units import Unit
from qa.models import Citation


def sentence_bounds(u: Unit, index) -> list[tuple[int, int]]:
    """Document offsets of the sentences of a span (a joined span has two), cut to the span; a span
    joined with the next passage's first sentence (qa.answer.joins.across_passages) ends with it."""
    bounds = [(max(a, u.start), min(b, u.end)) for _, a, b in index.sentence_spans(u.hit)
              if a < u.end and u.start < b] or [(u.start, u.end)]
    if bounds[-1][1] < u.end:
        bounds.append((bounds[-1][1], u.end))
    return bounds


def owned(named: list[set[str]]) -> list[set[str]]:
    """For each clause, the words of `named` that no other clause names."""
    return [n - set().union(*(o for j, o in enumerate(named) if j != i)) for i, n in enumerate(named)]


def citation_groups(text: str, start: int, citations: list[Citation]) -> list[list[Citation]]:
    """A sentence's citations in runs printed together ("[24-26]", "(Sun et al., 2010; Li 2012)"):
    a new run starts where words separate a citation from the one before."""
    groups: list[list[Citation]] = []
    last_end: int | None = None
    for c in sorted(citations, key=lambda c: (c.start, c.end)):
        gap = text[last_end - start:c.start - start] if last_end is not None else None
        if gap is not None and (c.start <= last_end or not re.search(r"[A-Za-z]{2}", gap)):
            groups[-1].append(c)
        else:
            groups.append([c])
        last_end = c.end if last_end is None else max(last_end, c.end)
    return groups


def enumerated_citations(text: str, start: int, citations: list[Citation], terms: dict[str, float],
                         tokens_of: Callable[[str], set[str]], max_item_words: int,
                         rule: str = "named", sibling_share: float = 0.0, head_items: bool = False,
                         subjects: bool = False, statements: bool = False) -> list[Citation]:
    """The citations of a sentence that enumerates findings with a citation group each ("MSCs
    suppress T cell proliferation [24-26], B cell functions [25,27,28], ..."), limited to the
    groups the question is about.

    Each group owns the words since the previous group; the first group's words are the
    sentence's head. Only when an item after the head has question words no other group has (the
    question names that item: "dendritic cell maturation") is a short item (at most
    `max_item_words` words) dropped that shares question words with the others but has none of
    its own. An item with no question word, a long clause (its own statement) and the head are
    kept, so a question about the head ("which soluble factors ...") keeps the whole list.

    `head_items`: when the first group's words hold an enumeration marker ("including", "such
    as", ":"), the words before it are the head every item shares; when some items name question
    words neither the head nor a sibling names, only those (and long clauses) cite.

    `rule` 'complete' first: when one item names every question word the sentence names and a
    sibling item names at least `sibling_share` of their idf weight, the items are findings of one
    kind ("T cell proliferation [24-26], ..., NK cell proliferation [29]") and only the complete
    item answers; siblings naming less (a list under its head) keep the rule above. 'strict' also
    drops short items naming no question word once another item is named.

    `subjects`: items joined by a bare 'and' / 'or' before the sentence's verb ("Their potential to
    transform malignantly [152,153] and weaken graft versus leukemia effects following HSCT [80] are
    major issues ..."): the shared words come after the last group, so the first group is an item,
    not the head, and any short item naming no question word drops once another names its own (user
    trial 30).

    `statements`: where the question is about the head (no item names a word of its own), a long
    group after a group naming the question, naming no question word itself, is another statement of
    the sentence, not an item of the head's list (`long_statements`; user trial 37)."""
    groups = citation_groups(text, start, citations)
    if max_item_words <= 0 or len(groups) < 2:
        return citations
    # coordinated subjects: every item, the first too, is read on its own sentence's words
    subjects = subjects and rule not in ("strict", "both") and coordinated_subjects(text, start, groups)
    covered, words, pieces, begin = [], [], [], start
    head: set[str] | None = None  # the words before "including" / "such as" / ":" every item shares
    contrasted = False
    for group in groups:
        end = max(c.end for c in group)
        piece = text[begin - start:end - start]
        contrasted = contrasted or (bool(covered) and CONTRAST.match(piece) is not None)
        if subjects and not covered:  # (a span read whole opens with the sentences before)
            piece = SENTENCE_END.split(piece)[-1]
        marker = ENUMERATION.search(piece) if head_items and not covered else None
        if marker:
            head = {t for t in tokens_of(piece[:marker.start()]) if t in terms}
            piece = piece[marker.end():]
        for c in group:  # the labels themselves are not words of the item
            piece = piece.replace(c.label, " ")
        covered.append({t for t in tokens_of(piece) if t in terms})
        words.append(len(re.findall(r"[A-Za-z]{2,}", piece)))
        pieces.append(piece)
        begin = end
    own = owned(covered)
    if contrasted:
        # "... suggests X (A, B), while other work suggests Y (C, D)": two opposed claims, not items
        # of one list; the claim stating what is asked cites, the one set against it does not
        # (a clause naming question words of its own is asked about too: "A (42, 43), while B (44)?")
        # ("studies", "MSCs" shared with the question's frame are no question words of its own)
        weight = [sum(terms[t] for t in cov) for cov in covered]
        best = max(weight)
        if best > 0:
            return [c for group, w, o in zip(groups, weight, own)
                    if sum(terms[t] for t in o) >= OWN_SHARE * best or w >= CONTRAST_SHARE * best for c in group]
    if head is not None:
        # items under a head: when some name what neither the head nor a sibling names ("... models,
        # including EAE (...), collagen-induced arthritis (...) and lupus murine models (...)", asked
        # about lupus), the question picks those items; short items naming nothing of their own drop
        mine = [o - head for o in own]
        if any(mine):
            return [c for group, m, n in zip(groups, mine, words) if m or n > max_item_words for c in group]
        return citations
    if rule in ("complete", "both"):
        # one item names all the question words the sentence has, and a sibling item only some
        # ("T cell proliferation [24-26], ... NK cell proliferation [29]"): that item is the answer
        every = set().union(*covered)
        complete = [bool(every) and cov == every for cov in covered]
        weight = sum(terms[t] for t in every)
        sibling = [bool(cov) and not full and sum(terms[t] for t in cov) >= sibling_share * weight
                   for cov, full in zip(covered, complete)]
        if any(complete) and any(sibling):
            return [c for group, full in zip(groups, complete) if full for c in group]
    if not any(own[1:]) and not (subjects and own[0]):  # the question is about the sentence's head, or none of
        # its items (subjects have no head: the first item may be the one asked about)
        if not statements or {t for t in tokens_of(text[begin - start:]) if t in terms}:
            return citations
        drop = long_statements(covered, words, pieces, max_item_words)
        return [c for group, d in zip(groups, drop) if not d for c in group]
    strict = rule in ("strict", "both") or subjects  # an item without a question word is dropped too
    keep = [not ((cov or strict) and not mine and n <= max_item_words)
            for cov, mine, n in zip(covered, own, words)]
    return [c for group, k in zip(groups, keep) if k for c in group]


def long_statements(named: list[set[str]], words: list[int], pieces: list[str], item_words: int) -> list[bool]:
    """Which citation groups of a sentence are statements of their own beside the one asked about: a
    group after one naming the question whose own words, more than `item_words` of them in the same
    sentence, name no question word ("This mark recruits the DNMT3B (28,29) protein, which increases
    gene body DNA methylation, and also the DNA repair protein MSH6 (30)", asked about DNMT3B). The
    items of a list its head asks for are short ("MSCs suppress T cell proliferation [24-26], B cell
    functions [25,27,28], ..."); a long clause naming nothing asked states something else."""
    return [i > 0 and not n and w > item_words and any(named[:i]) and SENTENCE_END.search(p) is None
            for i, (n, w, p) in enumerate(zip(named, words, pieces))]


def coordinated_subjects(text: str, start: int, groups: list[list[Citation]]) -> bool:
    """Whether the citation groups close coordinated subjects of one verb: the last group's words open
    with a bare 'and' / 'or' (no comma: a clause of its own is `COORDINATE`'s) and the sentence goes on
    in lower case after it ("X [1] and Y [2] are major issues"), so what every item shares follows them."""
    if len(groups) < 2:
        return False
    before, last = max(c.end for c in groups[-2]), groups[-1]
    piece = text[before - start:min(c.start for c in last) - start]
    tail = text[max(c.end for c in last) - start:]
    return SUBJECT_ITEM.match(piece) is not None and SUBJECT_VERB.match(tail) is not None


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
SUBJECT_ITEM = re.compile(r"^[\s\])]*(?:and|or)\s")
SUBJECT_VERB = re.compile(r"^[\s\])]*[a-z]")


# words that set a clause against the one before it ("..., while other work suggests ...",
# "some studies indicated X [93], others suggested Y [87]")
CONTRAST = re.compile(r"[\s,;)\]]*(?:while|whereas|but|however|in contrast|conversely|on the other hand|"
                      r"others\b|other (?:studies|reports|work|groups|authors|trials|investigators))\b", re.I)
CONTRAST_SHARE = 0.75  # a contrasted clause cites when it names this share of the best clause's question weight
OWN_SHARE = 0.4  # ... or when the question words it alone names weigh this share of the best clause's

# words that open an enumeration: what comes before is the head every item shares
# a clause opened after the citation by a comma or semicolon and a coordinator: a statement of its own
# ("... oligonucleotide sequences (8-10), and it was additionally studied across megabase-sized domains
# (1,7)"), not the predicate of a subject framed before it ("hmC, which is enriched ... (87-89), was shown")
COORDINATE = re.compile(r"^[\s\])]*(?:[,;]\s*(?:and|but|while|whereas|yet)\b|;)")
SEMICOLON = re.compile(r"^[\s\])]*;")
ENUMERATION = re.compile(r"\b(?:including|such as|e\.g\.,?|namely|for example,?)\s|:\s")


@dataclass
class Clause:
    """A citation group with the words it owns: those since the previous group of its sentence
    (the first group owns the sentence's opening, unless an enumeration marker makes that the
    head every item shares)."""

    group: list[Citation]
    named: set[str]  # the question terms its words name
    words: int = 0  # how many words it owns
    against: bool = False  # its words open by setting it against the clause before ("while others ...")
    coordinate: bool = False  # its words open a clause of their own after a comma: ", and additional studies ..."
    semicolon: bool = False  # its words open after a semicolon: "...; both factors have potential to ..."


@dataclass
class CitedSentence:
    """One sentence of an answer span: its clauses, and the words after its last citation."""

    clauses: list[Clause]
    tail: set[str]  # question terms named after the last citation group
    tail_weight: float
    named: set[str]  # question terms the whole sentence names
    head: set[str] = field(default_factory=set)  # terms before an enumeration marker ("including")
    weights: dict[str, float] = field(default_factory=dict)  # the idf weight of each named term


def sentence_clauses(text: str, start: int, bounds: list[tuple[int, int]], citations: list[Citation],
                     terms: dict[str, float], tokens_of: Callable[[str], set[str]]) -> list[CitedSentence]:
    """The span's sentences (document offsets `bounds`) with their citation groups as clauses."""
    out: list[CitedSentence] = []
    by_stem = term_stems(terms)

    def named(a: int, b: int, labels: list[Citation]) -> set[str]:
        return as_terms(tokens_of(_label_free(text[a - start:b - start], labels)), terms, by_stem)

    for s_start, s_end in bounds:
        mine = [c for c in citations if s_start <= c.start and c.end <= s_end]
        dated = {c.key for c in mine if re.search(r"\d", c.label)}
        # a narrative mention ("Onken et al. reported ...", no year) of a key the sentence also
        # cites with its year is the same citation: the dated group carries it, it opens no clause
        mention = [c for c in mine if not re.search(r"\d", c.label) and c.key in dated]
        grouped = [c for c in mine if c not in mention]
        clauses: list[Clause] = []
        begin = s_start
        head: set[str] = set()
        for group in citation_groups(text, start, grouped) if grouped else []:
            end = max(c.end for c in group)
            marker = None if clauses else ENUMERATION.search(text[begin - start:end - start])
            if marker:  # the opening before "including" / "such as" / ":" is every item's head
                head = named(begin, begin + marker.start(), [])
                begin += marker.end()
            words = named(begin, end, group + mention)
            keys = {c.key for c in group}
            piece = text[begin - start:end - start]
            n = len(re.findall(r"[A-Za-z]{2,}", _label_free(piece, group + mention)))
            against = bool(clauses) and CONTRAST.match(piece) is not None
            coordinate = bool(clauses) and COORDINATE.match(piece) is not None
            semicolon = bool(clauses) and SEMICOLON.match(piece) is not None
            clauses.append(Clause(group + [c for c in mention if c.key in keys], words, n, against, coordinate,
                                  semicolon))
            begin = end
        tail = named(begin, s_end, mention)
        everything = named(s_start, s_end, mine)
        out.append(CitedSentence(clauses, tail, sum(terms[t] for t in tail), everything, head,
                                 {t: terms[t] for t in everything}))
    return out


def term_stems(terms: dict[str, float]) -> dict[str, str]:
    """Each stem of the question's terms (`qa.retrieval.word_forms.stems`) mapped to its term (one term per
    stem: the first in the question's order)."""
    out: dict[str, str] = {}
    for t in terms:
        for s in stems(t):
            out.setdefault(s, t)
    return out


def as_terms(tokens: set[str], terms: dict[str, float], by_stem: dict[str, str]) -> set[str]:
    """The question terms `tokens` name, as written or in another form of the word sharing a stem
    (`term_stems`): a clause stating "to transform malignantly [152,153]" names what "malignant
    transformation" asks, and a clause read as naming nothing asked loses its citations."""
    out = {t for t in tokens if t in terms}
    for t in tokens - out:
        # the longest shared stem first (a set's order would vary from run to run)
        found = next((by_stem[s] for s in sorted(stems(t), key=lambda s: (-len(s), s)) if s in by_stem), None)
        if found is not None:
            out.add(found)
    return out


def _label_free(piece: str, citations: list[Citation]) -> str:
    for c in citations:  # the labels themselves are not words of the clause
        piece = piece.replace(c.label, " ")
    return piece


def clause_citations(sentence: CitedSentence, share: float, item_words: int, coordinate: bool = True,
                     statements: bool = False, own_items: float | None = None) -> list[Citation]:
    """The citations of one sentence that cite for the question.

    The clause naming the most of the question (idf-weighted) cites, and so does a clause naming
    at least `share` of that. A weaker clause still cites when it names no question word of its
    own while the head (the sentence's opening, first clause) names at least `share`: the items
    of a list asked for by its head. A weaker clause *before* the best one is dropped only when
    it is a short item (at most `item_words` words): a longer one is the best clause's own frame
    or subject ("hmC, which is enriched around promoters (87-89), was shown to lower ... (90,91)"),
    whose citations a reader counts with it; what follows the best clause's citation is another
    statement. Every group cites when the words after the last citation name the question best
    (the sentence's conclusion, drawn from every cited premise). `own_items` (a weight, None: off):
    a short item of the head's list naming question words of its own that weigh at least this
    cites too, however little it names beside the best clause: the question lists that item."""
    clauses = sentence.clauses
    if len(clauses) < 2 or share <= 0:
        return [c for cl in clauses for c in cl.group]
    named = [cl.named | (sentence.head if i == 0 else set()) for i, cl in enumerate(clauses)]
    weights = [sum(sentence.weights[t] for t in n) for n in named]
    best = max(weights)
    if best <= 0 or sentence.tail_weight >= best:
        return [c for cl in clauses for c in cl.group]
    top = weights.index(best)
    own = owned(named)
    head = weights[0] >= share * best
    # a long clause before the best one is its frame, unless a clause between opens against it
    # ("some studies suggested X [128-130], while others report Y [131-133]": another finding)
    # (or opens a clause of its own: "... [11], and additional studies demonstrated ... [12-14]")
    apart = [c.against or (coordinate and c.coordinate) for c in clauses]
    framed = [i < top and cl.words > item_words and not any(apart[i + 1:top + 1]) for i, cl in enumerate(clauses)]
    # an item asked for by the head names no question word of its own; a clause after a semicolon naming
    # none is another statement ("...; both factors have potential to affect mutation rates (31)")
    # (`statements`: nor is a long clause after the question's naming nothing asked: long_statements)
    other = [i > top and s and not sentence.tail for i, s in enumerate(
        long_statements(named, [cl.words for cl in clauses], [""] * len(clauses), item_words))] if statements \
        else [False] * len(clauses)
    # (`own_items`, a weight) a short item of a list the head names, naming question words no other clause
    # names that weigh at least `own_items` (the question's mean term weight: not a common word of an
    # expansion, 'stem' of 'mesenchymal stem cell'): the question lists that item too ("... bone, cartilage,
    # heart, nerve and liver tissue?" for "... cartilage [18], myocardial [19,20], neural [21,22], and hepatic
    # tissues [13]"). A short item after ", and" closes the list; only an opposed one is another finding
    listed = [own_items is not None and head and bool(mine) and sum(sentence.weights[t] for t in mine) >= own_items
              and cl.words <= item_words and not cl.against and not cl.semicolon and not o
              for mine, cl, o in zip(own, clauses, other)]
    keep = [w >= share * best or (head and not mine and not (coordinate and cl.semicolon) and not o) or f or li
            for w, mine, f, cl, o, li in zip(weights, own, framed, clauses, other, listed)]
    return [c for cl, k in zip(clauses, keep) if k for c in cl.group]


def asked_clause_first(u: Unit, kept: list[Citation], terms: dict[str, float],
                       tokens_of: Callable[[str], set[str]], index) -> list[Citation]:
    """A sources span's citations, those of the clause naming most of what is asked first.

    A sentence citing different studies for different clauses ("MSCs suppress T cell
    proliferation [24-26], ..., natural killer cell proliferation ... [29]"; "some studies ...
    inhibit tumor growth [128-130], while others report that MSCs promote ... metastasis
    [131-133]") keeps every clause that may be asked about, but the study table lists a span's
    studies in this order when their support ties: printed order put the first clause's studies
    first whatever was asked, and `--k` could then show only those (user trial 6). A clause is
    ranked by the idf weight of the question words it alone names (the sentence's opening, which
    every clause shares, goes with the first clause and is not its own), then by all it names."""
    rank: dict[int, tuple[float, float]] = {}
    for sentence in sentence_clauses(u.text, u.start, sentence_bounds(u, index), kept, terms, tokens_of):
        named = [cl.named for cl in sentence.clauses]
        for cl, own, all_named in zip(sentence.clauses, owned(named), named):
            key = (sum(terms[t] for t in own), sum(terms[t] for t in all_named))
            for c in cl.group:
                rank[id(c)] = key
    return sorted(kept, key=lambda c: tuple(-x for x in rank.get(id(c), (0.0, 0.0))))
