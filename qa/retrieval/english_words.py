"""pyspellchecker's English word list (160,000 words with their counts), looked up word by word.

`spelling` asks it a few dozen words a question. Parsing the whole list (`json.loads` of 2.7 MB,
then a dict and a set of 160,000 words; more through pyspellchecker's `SpellChecker` class) cost
every fresh process ~0.3 s CPU, more than any other table of a cold `qa ask`. The list as shipped
is JSON with one `"word": count` a line, lower case, without escapes: a word is then found in the
decompressed text itself (its last `"word":`, as `json.loads` keeps a repeated key's last count),
about a millisecond a word, cached. A list of another shape (a future release) is parsed whole, as
`SpellChecker(language="en")` reads it: keys lower-cased, the counts of words differing only in
case summed. Without pyspellchecker the list is empty: only the model's vocabulary says what is a word.
"""
from __future__ import annotations

import gzip
import importlib.util
import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

_COUNT = re.compile(r"\s*(\d+)\s*[,}]")
# a word whose `"word":` can only be a whole key of the list (no quote, colon, backslash or space)
_PLAIN = re.compile(r"[^\s\":\\]+")


@lru_cache(maxsize=1)
def _text() -> str:
    """The decompressed list (JSON), or "" without pyspellchecker. The package is found, not imported:
    its `__init__` imports the `SpellChecker` class, which nothing here needs."""
    spec = importlib.util.find_spec("spellchecker")
    if spec is None or not spec.submodule_search_locations:
        return ""
    try:
        raw = (Path(next(iter(spec.submodule_search_locations))) / "resources" / "en.json.gz").read_bytes()
    except OSError:
        return ""
    return gzip.decompress(raw).decode("utf-8")


@lru_cache(maxsize=1)
def _searchable() -> bool:
    """Whether a word's count can be read in the text: lower case, no escapes, every key followed
    by its colon (two quotes a key, the counts being numbers)."""
    text = _text()
    return bool(text) and "\\" not in text and text == text.lower() and text.count('":') * 2 == text.count('"')


@lru_cache(maxsize=1)
def _parsed() -> dict[str, int]:
    """The whole list as `SpellChecker(language="en")` holds it (only for a list not `_searchable`)."""
    text = _text()
    if not text:
        return {}
    lowered: Counter[str] = Counter()
    for key, count in json.loads(text).items():
        lowered[key.lower()] += count
    return dict(lowered)


@lru_cache(maxsize=65536)
def count(word: str) -> int | None:
    """The word's count in the list, None for a word it does not list (the word as given: lower case)."""
    if _searchable() and _PLAIN.fullmatch(word):
        text = _text()
        at = text.rfind(f'"{word}":')
        if at < 0:
            return None
        number = _COUNT.match(text, at + len(word) + 3)
        if number:
            return int(number.group(1))
    return _parsed().get(word)
