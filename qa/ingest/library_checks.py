"""What `qa add` checks about a text before it enters the corpus: that it reads as an article
(running prose, not a log, a word list or a table dump) and that it is not a copy of a document
already there (or of another file of the same add).

Both are measured, not listed: prose is counted as words in sentence-like stretches (ending in
a stop, of a sentence's length, mostly words of letters); copies are found by shared 8-word
sequences (a hash sample of them, compared within one process), which distinct articles practically never share in bulk while copies, revisions
and fragments of one text share most of theirs.
"""
from __future__ import annotations

import hashlib
import os
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+|\n\s*\n")
EDGE = "()[]{}<>.,;:!?\"'“”‘’«»*"
PROSE_MIN_WORDS = 100  # the minimum `qa add` always asked of a text, now counted in running text
PROSE_MIN_SHARE = 0.5  # of all words; a log or word list with a few sentences stays below
SENTENCE_WORDS = (5, 80)  # a stretch outside these lengths is a heading, a list, a table, a dump
LETTER_SHARE = 0.7  # of a sentence's tokens that must be words of letters

SHINGLE = 8  # words per shared sequence
SAMPLE = 8  # keep one shingle in SAMPLE (by hash): same containment estimate, 1/8 of the memory
COPY_SHARE = 0.5  # of the smaller text's sampled sequences found in the other: a copy


def _wordlike(token: str) -> bool:
    core = token.strip(EDGE)
    return bool(core) and core[0].isalpha() and sum(ch.isalpha() for ch in core) >= 0.6 * len(core)


def prose_words(text: str) -> tuple[int, int]:
    """(words in sentence-like stretches, all words)."""
    prose = 0
    for part in SENTENCE_END.split(text):
        tokens = part.split()
        if SENTENCE_WORDS[0] <= len(tokens) <= SENTENCE_WORDS[1] and \
                sum(map(_wordlike, tokens)) >= LETTER_SHARE * len(tokens):
            prose += len(tokens)
    return prose, len(text.split())


def not_an_article(text: str) -> str | None:
    """Why this text does not read as an article, or None when it does."""
    prose, total = prose_words(text)
    if prose < PROSE_MIN_WORDS:
        return (f"only {prose} of its {total} words are running text (sentences); an article has at "
                f"least {PROSE_MIN_WORDS}")
    if prose < PROSE_MIN_SHARE * total:
        return f"only {prose} of its {total} words are running text (a log, list or table?)"
    return None


def shingles(text: str) -> frozenset[int]:
    """A sample of the text's 8-word sequences (lowercased, split at white space), hashed
    with CRC-32 per word (stable across runs, so a sketch can be kept) and a polynomial over
    8 neighbours in numpy."""
    words = text.lower().encode("utf-8", "replace").split()
    n = len(words) - SHINGLE + 1
    if n <= 0:
        return frozenset()
    h = np.fromiter(map(zlib.crc32, words), dtype=np.uint64, count=len(words))
    acc = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(SHINGLE):
            acc = acc * np.uint64(1099511628211) + h[j:j + n]
    return frozenset(acc[acc % np.uint64(SAMPLE) == 0].tolist())


@dataclass
class CopyFinder:
    """The texts already in the corpus (and those accepted so far), to find a new copy of one.

    Every corpus document is compared at each add, so a document's sketch is kept in `cache`
    (a folder, by the sha256 of its text; the index's cache folder, when there is one): an add
    to a large library reads small files instead of sketching every article again."""

    cache: Path | None = None
    known: dict[str, frozenset[int]] = field(default_factory=dict)

    @classmethod
    def of_corpus(cls, corpus_dir: Path, entries: list, cache: Path | None = None) -> "CopyFinder":
        finder = cls(cache=cache if cache is not None and cache.parent.is_dir() else None)
        for e in entries:
            path = Path(corpus_dir) / str(e.get("file") or "")
            if path.is_file():
                finder.known[str(e["id"])] = finder._sketch(path.read_bytes())
        return finder

    def _sketch(self, data: bytes) -> frozenset[int]:
        if self.cache is None:
            return shingles(data.decode("utf-8", "replace"))
        kept = self.cache / f"{hashlib.sha256(data).hexdigest()}.npy"
        try:
            return frozenset(np.load(kept).tolist())
        except (OSError, ValueError):
            sketch = shingles(data.decode("utf-8", "replace"))
            try:
                self.cache.mkdir(exist_ok=True)
                tmp = kept.with_suffix(".tmp.npy")
                np.save(tmp, np.array(sorted(sketch), dtype=np.uint64))
                os.replace(tmp, kept)
            except OSError:
                pass  # a cache that cannot be written only costs time
            return sketch

    def add(self, doc_id: str, text: str) -> None:
        self.known[doc_id] = shingles(text)

    def copy_of(self, text: str) -> tuple[str, float] | None:
        """(id, share) of the known text this one mostly repeats (or mostly is a part of)."""
        new = shingles(text)
        best: tuple[str, float] | None = None
        for doc_id, old in self.known.items():
            smaller = min(len(new), len(old))
            if smaller == 0:  # 64-bit hashes: even one shared sampled sequence is a real one
                continue
            share = len(new & old) / smaller
            if share >= COPY_SHARE and (best is None or share > best[1]):
                best = (doc_id, share)
        return best
