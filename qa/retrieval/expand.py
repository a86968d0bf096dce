"""Query expansion from document glossaries and a curated synonym list.

Researchers type `lupus`, `SLE` or `heart attack`; the reviews write `systemic lupus
erythematosus`, `SLE` or `myocardial infarction`. The expander finds known phrases in the
question and adds their counterparts:

- every glossary abbreviation found in the question adds its expansion, and every expansion
  found adds its abbreviation (glossaries are `{doc_id: {abbreviation: expansion}}`);
- every phrase of a `corpus/synonyms.toml` group adds the group's other terms (and its
  `broader` terms, which do not expand back); a library without a `synonyms.toml` of its own reads
  the project's (`qa.index.synonyms.synonyms_path`).

Matching is on `word_sequence` tokens (so case, plurals, hyphens, Greek letters do not matter)
and leftmost-longest: a phrase inside a longer known phrase is not matched separately.

Weighting (BM25Okapi has no query weights): `Expansion.tokens` is the question's own tokens
followed by each *new* expansion token once (tokens already in the question are never
repeated), and `Expansion.weights()` gives 1.0 to original tokens and `expansion_weight`
(default 0.5) to added ones, for `BM25.top(..., weights=...)`. `Expansion.text` is the
question plus the added phrases in parentheses, for the dense encoder.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from qa.index.analyzer import normalize, surface_words, tokenize, word_sequence
from qa.index.synonyms import load_synonyms

EXPANSION_WEIGHT = 0.5
MAX_TEXT_PHRASES = 10  # the dense query drifts when the parenthesis outgrows the question
READ_AS_NAMES = 2  # a name no passage holds is read as (at most) this many names the library uses


@dataclass(frozen=True)
class Expansion:
    """A question, its own tokens, and what expansion added."""

    question: str
    original_tokens: list[str]
    expansion_tokens: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)

    @property
    def tokens(self) -> list[str]:
        return self.original_tokens + self.expansion_tokens

    def weights(self, expansion_weight: float = EXPANSION_WEIGHT) -> list[float]:
        return [1.0] * len(self.original_tokens) + [expansion_weight] * len(self.expansion_tokens)

    @property
    def text(self) -> str:
        if not self.phrases:
            return self.question
        return f"{self.question} ({'; '.join(self.phrases[:MAX_TEXT_PHRASES])})"


class Expander:
    """Adds glossary and synonym counterparts of the phrases found in a question."""

    def __init__(
        self,
        glossaries: dict[str, dict[str, str]] | None = None,
        synonyms_path: str | Path | None = None,
        expansion_weight: float = EXPANSION_WEIGHT,
    ) -> None:
        self.expansion_weight = expansion_weight
        self._table: dict[tuple[str, ...], list[str]] = {}
        for glossary in (glossaries or {}).values():
            for abbreviation, expansion in glossary.items():
                self._add(abbreviation, [expansion])
                self._add(expansion, [abbreviation])
        for terms, broader in load_synonyms(synonyms_path):
            for term in terms:
                self._add(term, [t for t in terms if t != term] + broader)
        self._longest = max((len(k) for k in self._table), default=0)

    def _add(self, phrase: str, counterparts: list[str]) -> None:
        key = tuple(word_sequence(phrase))
        if not key:
            return  # a stopword-only abbreviation ("ALL", "NO") cannot be matched safely
        targets = self._table.setdefault(key, [])
        for c in counterparts:
            if c.strip() and tuple(word_sequence(c)) != key and c not in targets:
                targets.append(c)

    def matches(self, question: str) -> list[tuple[str, ...]]:
        """Known phrases in the question, leftmost-longest, non-overlapping, in order."""
        return [key for key, _, _ in self.places(normalize(question))]

    def places(self, text: str) -> list[tuple[tuple[str, ...], int, int]]:
        """Each known phrase of already normalised text (leftmost-longest, as `matches`) with the
        start and end of its surface words."""
        places: list[tuple[str, int, int]] = []  # (sequence token, start, end of its surface word)
        for m, _, sequence in surface_words(text):
            places.extend((t, m.start(), m.end()) for t in sequence)
        words = [t for t, _, _ in places]
        return [(tuple(words[i : i + length]), places[i][1], places[i + length - 1][2])
                for i, length, known in self._segments(words) if known]

    def _segments(self, words: list[str]) -> list[tuple[int, int, bool]]:
        """The words cut into known phrases, leftmost-longest, non-overlapping, in order: (start,
        length, True) for a phrase, (start, 1, False) for a word outside every known phrase."""
        out: list[tuple[int, int, bool]] = []
        i = 0
        while i < len(words):
            for length in range(min(self._longest, len(words) - i), 0, -1):
                if tuple(words[i : i + length]) in self._table:
                    out.append((i, length, True))
                    i += length
                    break
            else:
                out.append((i, 1, False))
                i += 1
        return out

    def wordings(self, question: str) -> list[tuple[tuple[str, ...], list[tuple[str, str]]]]:
        """Each known phrase of the question with the question asked again in each of the
        phrase's counterparts instead ("... in lupus?" -> "... in SLE?", "... in systemic lupus
        erythematosus?"). A reworded question is searched on its own, so a passage that names the
        subject only one way is found as if the user had written it that way, without adding words
        to (and diluting) the question as asked. Returns (phrase as sequence tokens,
        [(counterpart, reworded question)])."""
        text = normalize(question)
        return [(key, [(c, text[:start] + c + text[end:]) for c in self._table[key]])
                for key, start, end in self.places(text)]

    def in_library_names(self, question: str, used: Callable[[str], int]) -> tuple[str, list[tuple[str, str]]]:
        """The question with each known phrase the library never uses (`used(name)`: how many
        passages can hold it, 0) replaced by the counterparts the library uses most, at most
        `READ_AS_NAMES` joined by 'or' ("scleroderma" -> "systemic sclerosis or SSc"), and the
        (asked, read as) pairs. A name no passage holds finds
        nothing and reads as absent to the refusal; its other name is what the articles say."""
        text = normalize(question)
        changes: list[tuple[str, str]] = []
        for key, start, end in reversed(self.places(text)):  # from the end: earlier offsets stay valid
            if used(" ".join(key)) > 0:
                continue
            counts = sorted(((used(c), c) for c in self._table[key]), reverse=True)
            used_names = [c for n, c in counts if n > 0]
            # the two names the library uses most, the second only when it says more than the
            # first ('kids' -> 'children or pediatric': one review writes one, another the other)
            distinct = [c for k, c in enumerate(used_names)
                        if not any(set(tokenize(c)) <= set(tokenize(o)) for o in used_names[:k])]
            name = " or ".join(distinct[:READ_AS_NAMES])
            if name:
                changes.append((text[start:end], name))
                text = text[:start] + name + text[end:]
        return text, changes[::-1]

    def library_forms(self, question: str, used: Callable[[str], int], ratio: float) -> list[str]:
        """For each known phrase of the question the library rarely uses, the counterpart it uses
        at least `ratio` times as often ('mouse' in one review passage, 'mice' in many): the question
        keeps its word, the library's own form joins it (`in_library_names` covers the unused)."""
        forms: list[str] = []
        for key in self.matches(question):
            asked = used(" ".join(key))
            if asked == 0:
                continue
            counts = sorted(((used(c), c) for c in self._table[key]), reverse=True)
            if counts and counts[0][0] >= ratio * asked:
                forms.append(counts[0][1])
        return forms

    def expand(self, question: str) -> Expansion:
        original = tokenize(question)
        seen = set(original)
        added_tokens: list[str] = []
        phrases: list[str] = []
        for key in self.matches(question):
            for phrase in self._table[key]:
                new = [t for t in dict.fromkeys(tokenize(phrase)) if t not in seen]
                if not new:
                    continue  # adds nothing the question does not already say
                phrases.append(phrase)
                added_tokens.extend(new)
                seen.update(new)
        return Expansion(question, original, added_tokens, phrases)

    def concepts(self, question: str) -> list[list[list[str]]]:
        """The question as concepts, each a list of token alternatives (the phrase as asked and
        its glossary/synonym counterparts); words outside known phrases are their own concept."""
        words = word_sequence(question)
        out: list[list[list[str]]] = []
        for i, length, known in self._segments(words):
            if known:
                key = tuple(words[i : i + length])
                alts = [tokenize(" ".join(key))] + [tokenize(c) for c in self._table[key]]
                out.append([a for a in alts if a])
            else:
                toks = tokenize(words[i])
                if toks:
                    out.append([toks])
        return [c for c in out if c]

    def expand_tokens(self, question: str) -> list[str]:
        """Original tokens + new expansion tokens once each (see module doc for weights)."""
        return self.expand(question).tokens

    def expand_text(self, question: str) -> str:
        """Question plus added phrases in parentheses, for the dense encoder."""
        return self.expand(question).text
