"""The other spellings English writes a word in, for reading whether the library holds a question's word.

One place for the spelling variants the answer side reads (the absent-name check and the words an
answer covers: `qa.answer.refusal`, `qa.answer.unreported`, `qa.answer.name_forms`): British -ise /
-isation and doubled -ll- endings written the American way, and 'f' for 'ph' or the reverse.
Each is applied to an index token (`qa.index.analyzer.tokenize`); the analyzer's own British endings
are part of the tokenizer and stay there (changing them changes the index and TOKENIZER_VERSION).
"""
from __future__ import annotations

import re

# British -ise / -isation and doubled -ll- spellings, written the American way
_ISE = re.compile(r"is(e|ed|es|ing|ation|ations)$")
_DOUBLE_L = re.compile(r"([aeiou])ll(ed|ing|er)$")
_PH = re.compile(r"ph|f")


def american_ize(token: str) -> str:
    """A British -ise / -isation ending written -ize ("immunised" -> "immunized"); else the token."""
    return _ISE.sub(r"iz\1", token)


def single_l(token: str) -> str:
    """A British doubled -ll- before -ed / -ing / -er written with one ("labelled" -> "labeled")."""
    return _DOUBLE_L.sub(r"\1l\2", token)


def ph_f_swapped(token: str) -> str:
    """Every 'ph' written 'f' and every 'f' written 'ph' (English spells one sound both ways:
    "mofetil" / "mophetil", "sulfur" / "sulphur"); the token itself when it has neither."""
    return _PH.sub(lambda m: "f" if m.group(0) == "ph" else "ph", token)
