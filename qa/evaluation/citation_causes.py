"""Why an answer's citation keys differ from the gold: every false and every missed key, by cause.

Usage: python -m qa.evaluation.citation_causes --split blind-dev --set seeds [--list]

Citation precision and recall say how many keys are wrong, not why. The gold of a question is the
keys its answering sentence carries (evals/blind/README.md), so a wrong key has few places to come
from: the first quote is another sentence or another review; the first quote is the answering
sentence but a key of another clause of it is offered (the gold keeping only the asked claim), or a
key of a sentence joined to it; a secondary quote adds its own; a key taken from outside the quote
(an uncited quote inheriting its neighbour's). A missed key is: refused; printed in a quote but not
offered (a clause, item or margin rule); its answering sentence never shown; or not in the located
answering sentence at all (the gold took it from a neighbour). Each key is put in the first class
that fits, reading the answer's spans in order; the answering sentence is the document sentence
holding a gold evidence phrase (`phrase_in` matching). Only dev, test and blind-dev can be asked:
the sealed split is never an input (evals/README.md).
"""
from __future__ import annotations

import argparse
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from qa.evaluation.evaluate import SEALED, Question, _context, answer_citation_keys, load_all
from qa.evaluation.metrics import alnum_fold
from qa.models import Answer, Document

ASKABLE = ("dev", "test", "blind-dev")


@dataclass
class KeyCause:
    """One false or missed key of one question."""

    question: str
    key: str
    false: bool  # offered, not in gold (else: in gold, not offered)
    cause: str
    sources: bool = False  # the answer was read as a sources question


@dataclass
class Located:
    """The answering sentences of a question (document id, start, end) in the cleaned texts."""

    sentences: list[tuple[str, int, int]] = field(default_factory=list)

    def holds(self, doc_id: str, start: int, end: int) -> bool:
        return any(d == doc_id and a < end and start < b for d, a, b in self.sentences)

    def contains(self, doc_id: str, start: int, end: int) -> bool:
        return any(d == doc_id and a <= start and end <= b + 1 for d, a, b in self.sentences)


def _folded(text: str) -> tuple[str, list[int]]:
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        for c in alnum_fold(ch):
            chars.append(c)
            offsets.append(i)
    return "".join(chars), offsets


class Locator:
    """Evidence phrases found in the documents' cleaned text, widened to their sentences."""

    def __init__(self, documents: Iterable[Document]) -> None:
        from qa.ingest.sentences import split_sentences

        self.documents = {d.id: d for d in documents}
        self._folded = {i: _folded(d.text) for i, d in self.documents.items()}
        self._sentences = {i: split_sentences(d.text, 0, len(d.text), d.citations) for i, d in self.documents.items()}

    def locate(self, question: Question) -> Located:
        out = Located()
        for phrase in question.evidence:
            needle = alnum_fold(phrase)
            for doc_id in question.docs:
                if not needle or doc_id not in self._folded:
                    continue
                text, offsets = self._folded[doc_id]
                i = text.find(needle)
                if i < 0:
                    continue
                a, b = offsets[i], offsets[i + len(needle) - 1] + 1
                around = [s for s in self._sentences[doc_id] if s[0] < b and a < s[1]] or [(a, b)]
                out.sentences.append((doc_id, around[0][0], around[-1][1]))
        return out

    def gold_printed(self, located: Located) -> set[str]:
        """The keys printed in the answering sentences."""
        return {c.key for d, a, b in located.sentences for c in self.documents[d].citations
                if a <= c.start and c.end <= b + 1}


def causes(question: Question, answer: Answer, locator: Locator) -> list[KeyCause]:
    """The false and missed keys of one answered question, each with its cause."""
    gold = set(question.citations)
    predicted = answer_citation_keys(answer, question.docs)
    located = locator.locate(question)
    sources = answer.kind == "sources"
    out: list[KeyCause] = []
    for key in sorted(predicted - gold):
        if ":" in key:  # qualified by evaluate: a review the question is not about
            cause = "another review's quote"
        else:
            span = next(s for s in answer.spans if s.doc_id in question.docs and any(c.key == key for c in s.citations))
            first = span is answer.spans[0]
            cite = next(c for c in span.citations if c.key == key)
            if not span.start <= cite.start < span.end:
                cause = "taken from outside the quote (inherited)"
            elif located.contains(span.doc_id, cite.start, cite.end):
                cause = "another clause of the answering sentence (the gold keeps the asked claim)"
            elif located.holds(span.doc_id, span.start, span.end):
                cause = "a sentence joined to the answering sentence"
            else:
                cause = ("first" if first else "secondary") + " quote on another sentence"
                if not first and located.holds(answer.spans[0].doc_id, answer.spans[0].start, answer.spans[0].end):
                    cause += " (first quote right)"
        out.append(KeyCause(question.id, key, True, cause, sources))
    printed_gold = locator.gold_printed(located)
    for key in sorted(gold - predicted):
        if not answer.found:
            cause = "refused"
        else:
            shown = [s for s in answer.spans if s.doc_id in question.docs and any(c.key == key for c in s.also_cited)]
            if shown:
                cause = "printed, not offered, in the " + ("first" if shown[0] is answer.spans[0] else "second or later") \
                        + " quote"
            elif key not in printed_gold:
                cause = "not in the located answering sentence (gold from a neighbour)"
            elif any(located.holds(s.doc_id, s.start, s.end) for s in answer.spans):
                cause = "an answering sentence shown, the key outside the quote (another gold sentence)"
            else:
                cause = "answering sentence not shown"
        out.append(KeyCause(question.id, key, False, cause, sources))
    return out


def run(split: str, set_name: str) -> list[KeyCause]:
    """Every false and missed key of the answerable questions with gold citations of one report."""
    if split not in ASKABLE:
        raise ValueError(f"split must be one of {ASKABLE} (the sealed split {SEALED!r} is never asked)")
    from qa.answer.answerer import Answerer
    from qa.evaluation.corpora import settings_for
    from qa.settings import Settings

    answerer = Answerer(settings_for(set_name, Settings()))
    locator = Locator(answerer.retriever.index.documents)
    out: list[KeyCause] = []
    for q in load_all(split, set_name):
        if q.answerable and q.citations:
            out += causes(q, answerer.ask(q.question, k=10, **_context(q)), locator)
    return out


def summary(found: list[KeyCause], listing: bool = False) -> str:
    """Counts by cause (false keys, then missed), with the questions when `listing`."""
    lines: list[str] = []
    for false, title in ((True, "false keys (offered, not in gold)"), (False, "missed keys (in gold, not offered)")):
        rows = [c for c in found if c.false is false]
        lines.append(f"{title}: {len(rows)}")
        for cause, n in Counter(c.cause for c in rows).most_common():
            mine = [c for c in rows if c.cause == cause]
            lines.append(f"  {n:3d}  {cause} (sources answers {sum(c.sources for c in mine)})")
            if listing:
                by_q: dict[str, list[str]] = {}
                for c in mine:
                    by_q.setdefault(c.question, []).append(c.key)
                lines += [f"         {q}: {', '.join(keys)}" for q, keys in by_q.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=ASKABLE, default="blind-dev")
    parser.add_argument("--set", dest="set_name", choices=("seeds", "pdfs"), default="seeds")
    parser.add_argument("--list", action="store_true", help="the questions and keys of every cause")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    print(summary(run(args.split, args.set_name), args.list))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
