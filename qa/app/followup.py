"""Follow-up questions in a chat ("and in children?"): carry the earlier question's topic.

A short question that continues the conversation (it opens with a continuation such as "and",
"what about", is a bare prepositional phrase such as "in children?", or refers back with a
pronoun such as "they") is read together with the last question that stood on its own:

- without subject words of its own ("and in children?") it borrows that question whole:
  "Which sources were used for SLE, and in children?";
- with its own subject ("what about GVHD?") it replaces that question's one subject word:
  "Which sources were used for GVHD?"; when the earlier subject cannot be located, it is
  answered on its own.

Either way the front end shows how it was read ("taken as: ..."). Subject words come from the
caller (the service: words that are not asking words nor everyday English words of the
model's vocabulary); the rule is about English conversation, not about the corpus.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

MAX_WORDS = 6  # longer questions carry their own subject
OPENERS = ("and", "also", "but", "or", "then", "what about", "how about", "what of",
           "same for", "same in", "same with")
PREPOSITIONS = {"in", "for", "among", "with", "without", "after", "before", "during", "at",
                "on", "versus", "vs"}
ANAPHORA = {"it", "its", "they", "them", "their", "these", "those", "this", "that", "there",
            "such", "ones", "same"}

_WORDS = re.compile(r"[\w'’-]+")


@dataclass(frozen=True)
class Reading:
    """How a question is asked of the answerer, and what to tell the user about it."""

    asked: str  # the text sent to the answerer
    note: str = ""  # shown under the question when not empty
    standalone: bool = True  # a new topic: later follow-ups attach to this one


def is_followup(question: str) -> bool:
    words = [w.lower() for w in _WORDS.findall(question)]
    if not words or len(words) > MAX_WORDS:
        return False
    text = " ".join(words)
    if any(text == o or text.startswith(o + " ") for o in OPENERS):
        return True
    if words[0] in PREPOSITIONS and len(words) <= 4:
        return True
    return any(w in ANAPHORA for w in words)


def _locate(word: str, text: str) -> list[re.Match]:
    return list(re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, re.IGNORECASE))


def read_question(question: str, topic: str | None,
                  subjects: Callable[[str], list[str]] | None = None) -> Reading:
    """`question` as asked, given the last standalone question `topic` (None: no earlier one).

    `subjects(text)` lists the subject words of a text (None: every follow-up borrows).
    """
    question = question.strip()
    if not is_followup(question):
        return Reading(question)
    if not topic:
        return Reading(question, "(a follow-up with no earlier question: answered on its own)")
    topic = topic.strip()
    own = subjects(question) if subjects is not None else []
    if not own:
        asked = f"{topic.rstrip('?.!').rstrip()}, {question}"
        return Reading(asked, f"(taken as: {asked})", standalone=False)
    surface = [m.group(0) for w in own for m in _locate(w, question)[:1]]
    earlier = [m for w in subjects(topic) for m in _locate(w, topic)]
    if len(earlier) == 1 and surface:
        m = earlier[0]
        asked = topic[:m.start()] + " ".join(surface) + topic[m.end():]
        return Reading(asked, f"(taken as: {asked})", standalone=False)
    return Reading(question, "(names its own subject: answered on its own, not as a follow-up)")
