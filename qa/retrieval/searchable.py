"""Questions no passage can match, whatever ranks them: the check the search path and the answer
stage share.

The index keeps Latin letters and digits only (`qa.index.analyzer` folds accents and drops any other
script), so a question with no word at all ('???', emoji) or none in those letters (wholly Chinese,
Russian) can match nothing. `qa.retrieve`, `Retriever.search` and `qa search` refuse it here
(`searchable`); the answer stage's `qa.answer.vague` reads the same reasons (`unsearchable_why`)
first, so `qa ask` refuses it in the same words. Kept in the retrieval stage, which the answer stage
reads, so a retrieval module never imports the answer stage.
"""
from __future__ import annotations

import re

from qa.errors import TooVague
from qa.index.analyzer import normalize

TOO_VAGUE_MESSAGE = "The question is too vague to answer: {why}. Please ask about a specific subject."
# the index keeps Latin letters and digits only (qa.index.analyzer folds accents and drops any
# other script), so a question with no such character can match no passage, whatever it asks
OTHER_SCRIPT_MESSAGE = ("The question cannot be searched: none of its words is written in Latin letters or digits, "
                        "the only ones the index holds (the articles are in English). Please ask in English.")
OTHER_SCRIPT = "none of its words is in Latin letters or digits"
NO_WORDS = "it has no words (only signs)"


def latin(text: str) -> bool:
    """Whether the text has a character the index can hold, read as the index reads it."""
    return re.search(r"[A-Za-z0-9]", normalize(text)) is not None


def unsearchable_why(text: str) -> str:
    """Why no passage can match the question, whatever ranks it and whatever was asked before: no
    word at all ('???', emoji: `NO_WORDS`), or no letter or digit the index holds (wholly another
    script: `OTHER_SCRIPT`); '' otherwise."""
    if not re.findall(r"\w+", text):
        return NO_WORDS
    return "" if latin(text) else OTHER_SCRIPT


def unsearchable(text: str) -> str:
    """The line (as `qa ask` refuses it) for a question no passage can match (`unsearchable_why`);
    '' otherwise. `qa search` and `qa.retrieve` refuse these too (robustness sweep 36: they listed
    ten passages the dense model ranked for '???', and for a Chinese question without a word of
    caution in the library)."""
    why = unsearchable_why(text)
    if not why:
        return ""
    return OTHER_SCRIPT_MESSAGE if why == OTHER_SCRIPT else TOO_VAGUE_MESSAGE.format(why=why)


def searchable(text: str) -> str:
    """The question, or `TooVague` (one line, as `qa ask` refuses it) when no passage can match it
    (`unsearchable`): what `qa.retrieve`, `Retriever.search` and `qa search` check first."""
    why = unsearchable(text)
    if why:
        raise TooVague(why[0].lower() + why[1:])
    return text
