"""The other forms English writes a word in, for reading whether a text holds a question's word.

British -ise / -isation and doubled -ll- endings written the American way, 'f' for 'ph' or the
reverse, and a word's stems after its inflectional and derivational endings ("deplete" /
"depleting"): `written_forms` reads which of a question's words a text writes in some form and
`absent_words` which it lacks. Each is applied to an index token (`qa.index.analyzer.tokenize`); the
analyzer's own British endings are part of the tokenizer and stay there (changing them changes the
index and TOKENIZER_VERSION). In the retrieval stage because the question's reading there
(`qa.retrieval.attribute`, `qa.retrieval.sentence_focus`) needs them; the answer stage's
absent-name check and covered words (`qa.answer.refusal`, `qa.answer.unreported`,
`qa.answer.name_forms`) read them from here.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

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


PREFIX_MIN = 5  # a question word this long that starts a longer evidence word is there ("haplo")


# inflectional and derivational endings: a word and the evidence's word are one word in another
# form when stripping an ending from each leaves the same stem ("deplete" / "depleting",
# "heterozygote" / "heterozygous", "cultured" / "culture", "deglycosylation" / "deglycosylate")
_ENDINGS = ("ations", "ation", "ions", "ion", "ings", "ing", "ed", "ers", "er", "ors", "or", "ous",
            "ote", "ive", "ic", "al", "ity", "ment", "ence", "ency", "ent", "ure", "ate", "us", "e", "y",
            "isms", "ism", "ists", "ist", "oses", "osis", "otic")  # "catabolic" / "catabolism", "fibrosis" / "fibrotic"
STEM_MIN = 5  # letters left after an ending is stripped ('bias' is too short to tell from 'biaxial')


@lru_cache(maxsize=65536)
def stems(token: str) -> frozenset[str]:
    """The token itself and what is left of it after each ending of `_ENDINGS` it has (at least
    `STEM_MIN` letters); alphabetic tokens only."""
    if not token.isalpha():
        return frozenset((token,))
    return frozenset({token} | {token[: -len(e)] for e in _ENDINGS
                                if token.endswith(e) and len(token) - len(e) >= STEM_MIN})


def held_forms(token: str) -> set[str]:
    """The forms a passage may hold a question's token in: itself, its American -ize spelling and
    its `stems` (`library_holds`; `qa.answer.unreported` over some articles' tokens)."""
    return {token, american_ize(token)} | set(stems(token))


def written_forms(words: set[str], present: set[str]) -> set[str]:
    """`present` plus those of `words` (index tokens of the question) that the evidence writes
    another way: the other spelling of a British -ise / -ll- word, a longer word starting with
    it (a clinician's shortening: "haplo" for "haploidentical", "cotransplant" for
    "cotransplantation"), or another form of the same word (`stems`: "deplete" / "depleting").
    Without this, an answerable question in shorthand, British spelling or another inflection
    counts a word as absent that the evidence holds, the sign of a near miss."""
    ordered = sorted(present)
    out = set(present)
    evidence_stems: set[str] | None = None
    for w in words - present:
        # ... and a code's plural ("L1s", "iPSCs" where the index keeps the -s of a token with a digit)
        if american_ize(w) in present or single_l(w) in present or \
                (w.endswith("s") and not w.isalpha() and w[:-1] in present):
            out.add(w)
            continue
        if len(w) >= PREFIX_MIN:
            i = bisect.bisect_right(ordered, w)
            if i < len(ordered) and ordered[i].startswith(w):
                out.add(w)
                continue
        if evidence_stems is None:
            evidence_stems = set().union(*(stems(t) for t in present))
        if stems(w) & evidence_stems:
            out.add(w)
    return out


def absent_words(question: str, present: set[str]) -> list[tuple[str, ...]]:
    """The question's words (each as its index tokens: a hyphenated word's joined form, then its
    parts) that `present` lacks: a word is present when its joined form is, or all its parts are."""
    from qa.index.analyzer import word_tokens

    out = []
    for tokens, _ in word_tokens(question):
        if not tokens or tokens[0] in present or (len(tokens) > 1 and all(t in present for t in tokens[1:])):
            continue
        out.append(tuple(tokens))
    return out
