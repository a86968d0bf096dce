"""Score in-text citation detection and reference linking against hand-labelled sentences.

The gold (`evals/citation_gold.jsonl`) is one sentence per line, written as a reader sees it,
with the citation keys it carries. Scoring never trusts offsets from the gold: each sentence
is found again in the cleaned document text by `locate`, which compares letters and digits
only, so whitespace, line-break hyphens, ligature splits and quotes do not matter. A sentence
that cannot be found is a cleaning failure and is counted as such, never skipped silently.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from qa.evaluation.metrics import PRF, prf, set_counts  # noqa: F401 (re-exported)

from pydantic import BaseModel, Field, model_validator

from qa.models import Citation

NUMERIC_KEY = re.compile(r"^[1-9][0-9]{0,3}$")
AUTHOR_YEAR_KEY = re.compile(r"^[A-Z][A-Za-z' -]*[A-Za-z] (1[89][0-9]{2}|20[0-9]{2})[a-z]?$")
LEADING_ENTRY_NUMBER = re.compile(r"^\s*\[?\d{1,4}[.\])]?\s+")

MAX_TOKEN_GAP = 30
"""Most letters/digits the cleaned text may insert between two words of a gold sentence
(e.g. a column name when a table row is rendered as 'Disease: MI; Phase: I')."""


class GoldSentence(BaseModel):
    """One hand-labelled sentence and the citation keys it carries."""

    doc: str = Field(description="Document id, as in corpus/manifest.toml.")
    sentence: str = Field(description="The sentence as a reader sees it (artifacts repaired).")
    keys: list[str] = Field(description="True citation keys in order of appearance, no repeats.")
    refs: dict[str, str] = Field(
        default_factory=dict,
        description="key -> first author's surname of the reference entry it must link to.",
    )

    @model_validator(mode="after")
    def _consistent(self) -> "GoldSentence":
        if len(set(self.keys)) != len(self.keys):
            raise ValueError(f"repeated key in {self.keys}")
        missing = set(self.refs) - set(self.keys)
        if missing:
            raise ValueError(f"refs for keys not in keys: {sorted(missing)}")
        return self


class SentenceError(BaseModel):
    """A located gold sentence whose predicted keys differ from the gold keys."""

    sentence: str = Field(description="Start of the gold sentence.")
    gold: list[str] = Field(description="Gold keys.")
    predicted: list[str] = Field(description="Keys of citations overlapping the located span.")
    missing: list[str] = Field(description="Gold keys not predicted (false negatives).")
    extra: list[str] = Field(description="Predicted keys not in the gold (false positives).")


class LinkError(BaseModel):
    """A gold link (key -> first author) the predicted citations did not honour."""

    sentence: str = Field(description="Start of the gold sentence.")
    key: str = Field(description="Citation key.")
    expected: str = Field(description="Expected first author's surname.")
    got: str | None = Field(description="Start of the linked reference text, or None.")


class CitationScores(BaseModel):
    """Micro-averaged detection scores over (sentence, key) pairs plus linking accuracy."""

    sentences: int = Field(default=0, description="Gold sentences scored.")
    located: int = Field(default=0, description="Sentences found in the cleaned text.")
    located_fuzzy: int = Field(
        default=0, description="Of those, found only with words apart (inserted text)."
    )
    unlocated: int = Field(default=0, description="Sentences not found: a cleaning failure.")
    unlocated_keys: int = Field(default=0, description="Gold keys in unlocated sentences.")
    unlocated_sentences: list[str] = Field(default_factory=list, description="Their starts.")
    tp: int = Field(default=0, description="(sentence, key) pairs predicted and in the gold.")
    fp: int = Field(default=0, description="Pairs predicted but not in the gold.")
    fn: int = Field(default=0, description="Gold pairs not predicted (located sentences only).")
    links_total: int = Field(default=0, description="Gold links checked (located sentences).")
    links_correct: int = Field(default=0, description="Gold links honoured by the prediction.")
    errors: list[SentenceError] = Field(default_factory=list, description="Detection errors.")
    link_errors: list[LinkError] = Field(default_factory=list, description="Linking errors.")

    @property
    def prf(self) -> PRF:
        return prf(self.tp, self.fp, self.fn)

    @property
    def precision(self) -> float:
        return self.prf.precision

    @property
    def recall(self) -> float:
        return self.prf.recall

    @property
    def f1(self) -> float:
        return self.prf.f1

    @property
    def strict_recall(self) -> float:
        """Recall when gold keys of unlocated sentences count as missed."""
        return prf(self.tp, self.fp, self.fn + self.unlocated_keys).recall

    @property
    def linking_accuracy(self) -> float | None:
        return self.links_correct / self.links_total if self.links_total else None

    def summary(self) -> str:
        link = self.linking_accuracy
        return (
            f"sentences {self.sentences} (located {self.located}, fuzzy {self.located_fuzzy}, "
            f"unlocated {self.unlocated}); P {self.precision:.3f} R {self.recall:.3f} "
            f"F1 {self.f1:.3f} (tp {self.tp} fp {self.fp} fn {self.fn}); linking "
            + ("n/a" if link is None else f"{link:.3f} ({self.links_correct}/{self.links_total})")
        )


# --- metrics ---------------------------------------------------------------------------------


def merge_scores(parts: Iterable[CitationScores]) -> CitationScores:
    """Micro-average several documents' scores by adding their counts."""
    total = CitationScores()
    for part in parts:
        for name in ("sentences", "located", "located_fuzzy", "unlocated", "unlocated_keys",
                     "tp", "fp", "fn", "links_total", "links_correct"):
            setattr(total, name, getattr(total, name) + getattr(part, name))
        total.unlocated_sentences += part.unlocated_sentences
        total.errors += part.errors
        total.link_errors += part.link_errors
    return total


# --- gold ------------------------------------------------------------------------------------


def load_gold(path: Path | str) -> list[GoldSentence]:
    """Read the JSONL gold; blank lines are ignored, a malformed line raises with its number."""
    gold: list[GoldSentence] = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            gold.append(GoldSentence.model_validate(json.loads(line)))
        except ValueError as exc:
            raise ValueError(f"{path}:{number}: {exc}") from exc
    return gold


def key_is_well_formed(key: str) -> bool:
    """A numeric key ('116') or an author-year key ('Le Blanc 2004', 'Luz-Crawford 2012')."""
    return bool(NUMERIC_KEY.match(key) or AUTHOR_YEAR_KEY.match(key))


def canonical_key(key: str) -> str:
    """Keys compare on ASCII letters and digits only: 'Carrión 2010' == 'carrion 2010'."""
    return "".join(fold_chars(key))


# --- locating sentences ----------------------------------------------------------------------


def fold_chars(text: str) -> list[str]:
    """Letters and digits of `text`, one list item per source character (may be '' or 'fi').

    NFKD splits ligatures ('ﬁ'), superscripts ('²') and Roman numerals ('Ⅰ') into plain
    characters and separates accents, which are dropped, so 'Tögel' and 'Togel' agree.
    """
    return [_fold_char(ch) for ch in text]


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFKD", ch)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in kept.casefold() if c.isalnum())


def normalise(text: str) -> tuple[str, list[int]]:
    """Folded letters/digits of `text` and, for each of them, its offset in `text`."""
    chars: list[str] = []
    offsets: list[int] = []
    for index, folded in enumerate(fold_chars(text)):
        for c in folded:
            chars.append(c)
            offsets.append(index)
    return "".join(chars), offsets


def _tokens(sentence: str) -> list[str]:
    """Folded words of the sentence (runs of characters that keep letters or digits)."""
    tokens: list[str] = []
    current = ""
    for folded in fold_chars(sentence):
        if folded:
            current += folded
        elif current:
            tokens.append(current)
            current = ""
    if current:
        tokens.append(current)
    return tokens


def _gapped_find(tokens: Sequence[str], haystack: str, max_gap: int) -> tuple[int, int] | None:
    """First place where the tokens occur in order, each at most `max_gap` chars after the last."""
    if not tokens:
        return None
    first, rest = tokens[0], tokens[1:]
    budget = max(sum(map(len, tokens)), 80)  # total inserted text may not exceed the sentence
    start = haystack.find(first)
    while start >= 0:
        pos, inserted = start + len(first), 0
        for token in rest:
            found = haystack.find(token, pos, pos + max_gap + len(token))
            if found < 0:
                break
            inserted += found - pos
            pos = found + len(token)
        else:
            if inserted <= budget:
                return start, pos
        start = haystack.find(first, start + 1)
    return None


class Located(NamedTuple):
    start: int
    end: int
    fuzzy: bool


def find_sentence(
    sentence: str, doc_text: str, normalised_doc: tuple[str, list[int]] | None = None
) -> Located | None:
    """Span of `sentence` in `doc_text`: exact on folded letters/digits, else words in order
    with at most MAX_TOKEN_GAP folded characters inserted between neighbours."""
    needle, _ = normalise(sentence)
    if not needle:
        return None
    haystack, offsets = normalised_doc or normalise(doc_text)
    found = haystack.find(needle)
    if found >= 0:
        return Located(offsets[found], offsets[found + len(needle) - 1] + 1, False)
    gapped = _gapped_find(_tokens(sentence), haystack, MAX_TOKEN_GAP)
    if gapped is None:
        return None
    return Located(offsets[gapped[0]], offsets[gapped[1] - 1] + 1, True)


def locate(sentence: str, doc_text: str) -> tuple[int, int] | None:
    """(start, end) of the gold sentence in the document text, or None if it is not there."""
    found = find_sentence(sentence, doc_text)
    return None if found is None else (found.start, found.end)


def locate_pieces(sentence: str, text: str, min_piece: int = 20) -> list[tuple[int, int]] | None:
    """Spans of consecutive pieces that together make up `sentence`, longest prefix first.

    For sentences the PDF layout split into non-adjacent blocks (a column read out of order):
    they exist in the raw text only as pieces. Each piece must hold at least `min_piece`
    folded characters, so the split cannot degenerate into scattered words.
    """
    needle, _ = normalise(sentence)
    haystack, offsets = normalise(text)
    spans: list[tuple[int, int]] = []
    while needle:
        if needle in haystack:
            length = len(needle)
        else:  # the longest prefix that occurs (occurrence is monotone in prefix length)
            low, high = 0, len(needle)
            while low < high:
                mid = (low + high + 1) // 2
                if needle[:mid] in haystack:
                    low = mid
                else:
                    high = mid - 1
            length = low
        if length < min(min_piece, len(needle)):
            return None
        found = haystack.find(needle[:length])
        spans.append((offsets[found], offsets[found + length - 1] + 1))
        needle = needle[length:]
    return spans


# --- scoring ---------------------------------------------------------------------------------


def _unique(keys: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for key in keys:
        seen.setdefault(key, None)
    return list(seen)


def reference_first_author_matches(reference: str | None, surname: str) -> bool:
    """Does the reference entry start with this surname (entry number and spacing ignored)?"""
    if not reference:
        return False
    entry, _ = normalise(LEADING_ENTRY_NUMBER.sub("", reference, count=1))
    name, _ = normalise(surname)
    return bool(name) and entry.startswith(name)


def score_document(
    gold: list[GoldSentence], doc_text: str, citations: list[Citation]
) -> CitationScores:
    """Score one document's predicted citations against its gold sentences.

    Predicted keys of a sentence are the keys of citations whose [start, end) overlaps the
    located span (a superscript glued after the final period is part of the gold sentence,
    hence of the span). Keys are compared with `canonical_key`.
    """
    scores = CitationScores()
    normalised_doc = normalise(doc_text)
    for item in gold:
        scores.sentences += 1
        head = item.sentence[:80]
        found = find_sentence(item.sentence, doc_text, normalised_doc)
        if found is None:
            scores.unlocated += 1
            scores.unlocated_keys += len(item.keys)
            scores.unlocated_sentences.append(head)
            continue
        scores.located += 1
        scores.located_fuzzy += int(found.fuzzy)
        inside = [c for c in citations if c.start < found.end and c.end > found.start]
        predicted = _unique(canonical_key(c.key) for c in inside)
        gold_keys = _unique(canonical_key(k) for k in item.keys)
        tp, fp, fn = set_counts(predicted, gold_keys)
        scores.tp, scores.fp, scores.fn = scores.tp + tp, scores.fp + fp, scores.fn + fn
        if fp or fn:
            shown = _unique(c.key for c in inside)
            scores.errors.append(SentenceError(
                sentence=head, gold=item.keys, predicted=shown,
                missing=[k for k in item.keys if canonical_key(k) not in predicted],
                extra=[k for k in shown if canonical_key(k) not in gold_keys],
            ))
        for key, surname in item.refs.items():
            scores.links_total += 1
            linked = [c.reference for c in inside if canonical_key(c.key) == canonical_key(key)]
            if any(reference_first_author_matches(r, surname) for r in linked):
                scores.links_correct += 1
            else:
                got = next((r for r in linked if r), None)
                scores.link_errors.append(LinkError(
                    sentence=head, key=key, expected=surname, got=got[:60] if got else None
                ))
    return scores


def gold_by_doc(gold: Iterable[GoldSentence]) -> dict[str, list[GoldSentence]]:
    """Group gold sentences by document id, keeping file order."""
    grouped: dict[str, list[GoldSentence]] = {}
    for item in gold:
        grouped.setdefault(item.doc, []).append(item)
    return grouped
