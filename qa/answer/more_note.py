"""The note of an answer whose `k` left spans out, in the words of whoever asked.

`qa.ask(..., k=3)` is told 'ask with k=28 to see them', `qa ask --k 3` 'raise --k to see them': the
answer's message is written in the library's terms (a Python caller has no `--k`), and the command
line rewords the note where it prints the message (`more_note_as`). Kept in a module of its own, with
no heavy import, so the command line's rendering reads it without loading the answer stage.
"""
from __future__ import annotations

import re


def more_note(k: int, more: int, how: str = "") -> str:
    """The note of an answer whose `k` left `more` spans out, saying how to see them: in the library's
    words by default (`k=`), or `how` (the command line: 'raise --k to see them')."""
    return f"The {k} strongest of {k + more} spans (+{more} more; {how or f'ask with k={k + more} to see them'})."


_MORE_NOTE = re.compile(r"The (\d+) strongest of \d+ spans \(\+(\d+) more; ask with k=\d+ to see them\)\.")


def more_note_as(message: str, how: str) -> str:
    """An answer's message with its `more_note` saying `how` to see the spans left out (the command
    line's option in place of the library's parameter); the other notes unchanged."""
    return _MORE_NOTE.sub(lambda m: more_note(int(m[1]), int(m[2]), how), message)
