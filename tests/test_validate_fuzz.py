"""Generated questions and arguments through the shared input checks (no index needed):
whatever the text, the result is clean text the tokenizer and any output can take, or one
clear QAError line."""
from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given, settings, strategies as st

from qa import validate
from qa.errors import QAError

# Text as it reaches Python from argv, stdin or a library caller: any code point, including lone
# surrogates (what invalid UTF-8 bytes become under surrogateescape) and control characters.
ANY_TEXT = st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=()),
                   max_size=300)
INVALID_UTF8 = st.binary(max_size=200).map(lambda b: b.decode("utf-8", "surrogateescape"))


@settings(max_examples=400, deadline=None)
@given(st.one_of(ANY_TEXT, INVALID_UTF8, st.text(max_size=50).map(lambda t: t * 200)))
def test_question_is_clean_text_or_one_line_error(text: str):
    try:
        q = validate.question(text)
    except QAError as exc:
        assert "\n" not in str(exc) and str(exc)
        return
    assert q and q == q.strip() and len(q) <= validate.MAX_QUESTION_CHARS
    q.encode("utf-8")  # strict: no surrogate survives
    assert json.loads(json.dumps(q, ensure_ascii=False)) == q
    assert not any(unicodedata.category(c) in ("Cc", "Cs") for c in q)
    assert not any(unicodedata.category(c) == "Cf" and c != "\u200d" for c in q)
    assert validate.question(q) == q  # normalising is idempotent


@given(st.text(st.characters(categories=("L", "N", "P", "Zs")), max_size=60),
       # no ESC here: ESC and the character after it are one escape sequence, removed whole by
       # design ("\x1b@" is an escape, so '@' goes too; tests/test_validate.py covers escapes)
       st.lists(st.sampled_from(["\x00", "\x01", "\x7f", "\u202e", "\u200b", "\ufeff", "\ud800", "\udbff"]),
                min_size=1, max_size=6), st.randoms())
def test_hidden_characters_do_not_change_the_question(text: str, junk: list[str], rnd):
    """Control, format and lone surrogate characters are removed wherever they are: the
    question searched is the one a terminal shows."""
    chars = list(text)
    for c in junk:
        chars.insert(rnd.randint(0, len(chars)), c)
    dirty = "".join(chars)
    try:
        clean = validate.question(text)
    except QAError as exc:
        with pytest.raises(QAError, match=str(exc).split(" (")[0]):
            validate.question(dirty)
        return
    assert validate.question(dirty) == clean


def test_invalid_utf8_byte_becomes_replacement_character():
    assert validate.question("stem\udcffcells") == "stem\ufffdcells"
    assert validate.question("a\ud800b") == "ab"  # a lone surrogate that is not an escaped byte


@pytest.mark.parametrize("value", [1, 1.5, b"kim2013", [1], [None], {"kim2013": 1}, object()])
def test_docs_of_the_wrong_type_is_one_line(value):
    with pytest.raises(QAError, match="docs must be"):
        validate.docs(value, ["kim2013"])


@given(st.one_of(st.integers(), st.floats(allow_nan=True), st.booleans(), st.none(), st.text(max_size=5)))
def test_k_and_mode_accept_only_what_they_say(value):
    for check in (validate.k, validate.mode):
        try:
            out = check(value)
        except QAError:
            continue
        assert (check is validate.k and isinstance(out, int) and 1 <= out <= validate.MAX_K) or out in validate.MODES
