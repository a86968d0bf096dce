"""Tokenizer for biomedical review text, applied identically to passages and questions.

BM25 only matches identical strings, so every spelling variant a PDF extraction or a user
can produce for the same thing must end up as the same token. Rules, in order:

1. A hyphen at a line end before a lowercase letter or digit is line-break hyphenation and is joined
   (`anti-inflam-\nmatory` -> `anti-inflammatory`); soft hyphens are dropped.
   Unicode: NFKC (ligatures `ﬁ` -> `fi`, roman numerals `Ⅱ` -> `II`, micro sign -> `μ`);
   every dash/minus variant (`–`, `—`, `−`, `‐`) -> `-`; every apostrophe variant (`’`, `´`,
   `‘`, `′`) -> `'`; possessive `'s` dropped (`Crohn´s` -> `Crohn`).
2. Greek letters become their names (`γ` -> `gamma`, `β` -> `beta`, `α` -> `alpha`, `κ` ->
   `kappa`; `μ` -> `u`, since it is nearly always "micro": `μg` -> `ug`). A Greek letter glued
   to a preceding letter gets a hyphen (`IFNγ` -> `IFN-gamma`); after a digit it is glued
   (`IL-1β` -> `IL-1beta`); one opening a word before a name gets a hyphen too (`γH2Av` ->
   `gamma-H2Av`, `αSMA` -> `alpha-SMA`), so `H2Av` and `gamma-H2Av` find `anti-γH2Av`. PDF extraction often turns Greek into a lowercase Latin look-alike,
   so inside a hyphenated compound a lowercase part `g`/`b`/`a` (optionally after digits) is
   read as Greek (`IFN-g`, `TNF-a`, `IL-1b`, `HIF-1a`), as is `kB` (`NF-kB`). Uppercase parts
   are left alone (`HLA-A`, `HLA-B`). A capital delta (`Δ`, or the increment sign `∆` that PDFs
   print for it) glued to a name is a deletion or change mark and joins it as a compound part
   (`ΔcsrA` -> `delta-csrA`, `rev1∆` -> `rev1-delta`), so `csrA` finds the `ΔcsrA` mutant.
3. Accents are ASCII-folded (`Sjögren` -> `sjogren`); other non-ASCII symbols separate words
   (`0.5×106` -> `0.5`, `106`); everything is lowercased.
4. Words: runs of letters/digits, decimals (`1.5`), joined by inner hyphens into compounds.
   The pattern `interleukin (IL)-10` is also read as `IL-10`.
   A compound is emitted whole with the hyphens removed (`steroid-resistant` ->
   `steroidresistant`, so `anti-inflammatory` == `antiinflammatory`, `IL-10` == `IL10`,
   `IFN-γ` == `IFNγ` == `IFN-gamma`), plus each distinct part that is not a stopword or a
   bound prefix (`anti`, `pro`, `non`, ...), so `steroid resistant` matches `steroid-resistant`.
   Numeric parts are kept (`IL-10` -> `il10`, `il`, `10`): that lets `(IL)-10` and `IL 10`
   match `IL-10`, and the whole compound still outranks a bare `10`. Two adjacent numeric
   parts keep their hyphen (`I-II` -> `1-2`, `10-15`), so ranges never fuse into one number.
   `/` separates words (`I/II` -> `1`, `2`).
5. Markers: a trailing `+` or `-` on an identifier (contains a digit or two capitals) is kept
   (`CD73+`, `CD34–` -> `cd34-`, `HLA-DR–` -> `hladr-`), and the bare identifier is emitted
   too so `CD34` finds `CD34–`. A trailing `%` is kept (`69%`) plus the bare number.
6. Roman numerals `I`, `II`, `III` (uppercase, alone or as compound parts) and `ii`, `iii`
   (any case) become `1`, `2`, `3`; a lowercase `i` only after phase/type/class/grade/stage.
   `IV` is left alone (in clinical tables it means intravenous).
7. Light stemming of purely alphabetic words: possessives, plurals `-s` (not `-ss`, `-us`,
   `-is`), `-ies` -> `-y`, `-sses` -> `-ss`, `-ches`/`-shes`/`-xes` and `-che`/`-she`/`-xe`
   alike to `-ch`/`-sh`/`-x` (`MSCs` -> `msc`, `patients` -> `patient`, `stretches` ->
   `stretch`, `niche`/`niches` -> `nich`); a
   regular adverb becomes its adjective (`intravenously` -> `intravenous`, `subretinally` ->
   `subretinal`, `systemically` -> `systemic`, `significantly` -> `significant`). A two-capital
   acronym's plural is its acronym (`TFs` -> `tf`, `EVs` -> `ev`; not when that is a stopword:
   `ORs` stays `ors`; typed lowercase, `evs` cannot be told from a word and stays). A
   lowercase-prefixed acronym also yields its acronym (`aGVHD` -> `agvhd`, `gvhd`; `bFGF`).
8. Aliases: `interferon` -> `ifn`, `interleukin` -> `il`, `vs` -> `versus`, and British
   spellings -> American (`tumour`, `haem-`, `leukaem-`, `paed-`, `oedem-`, `anaesth-`, `faec-`,
   ...; endings `-ise`/`-isation`, `-yse`, `-our`, `-tre`, `-elled`, `-oea`: `BRITISH_ENDINGS`).
9. English stopwords are dropped (the list below; `t`, `b` stay because of T/B cells).

`tokenize` returns the index tokens (compounds plus parts); `word_sequence` returns one token
per surface word (parts only), in order, for phrase matching in query expansion.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TOKENIZER_VERSION = "bio-10"

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing done down during each
    either et al eg ie etc e g s few for from further had has have having he her here hers
    herself him himself his how however i if in into is it its itself just may me might more
    most much must my myself no nor not now of off on once only or other others our ours
    ourselves out over own same shall she should so some such than that the their theirs them
    themselves then there these they this those through thus to too under until up upon us
    very via was we were what when where whether which while who whom whose why will with
    within would yet you your yours yourself yourselves""".split()
)

BOUND_PREFIXES = frozenset(
    "anti pro non co pre post re un de multi semi sub inter intra extra trans".split()
)

ALIASES = {"interferon": "ifn", "interleukin": "il", "vs": "versus"}
BRITISH_PREFIXES = (
    ("haem", "hem"), ("leukaem", "leukem"), ("anaem", "anem"), ("ischaem", "ischem"),
    ("paed", "ped"), ("oedem", "edem"), ("oesophag", "esophag"), ("foet", "fet"),
    ("tumour", "tumor"), ("haemat", "hemat"), ("anaesth", "anesth"), ("oestr", "estr"),
    ("coeliac", "celiac"), ("gynaec", "gynec"), ("faec", "fec"), ("caesar", "cesar"),
    ("orthopaed", "orthoped"),
)
# British endings, written the American way (a British article or user and an American one
# must meet on one token): -ise/-isation -> -ize/-ization, -yse -> -yze, -our -> -or, -tre ->
# -ter, -elled/-alling -> -eled/-aling. Applied to words of BRITISH_MIN letters and more, and the
# same way to passages and questions, so a word that only looks British ('precise' -> 'precize')
# still matches itself.
BRITISH_ENDINGS = (
    (re.compile(r"(?<=[a-z]{3})is(e|ed|es|ing|er|ers|ation|ations)$"), r"iz\1"),
    (re.compile(r"(?<=[a-z]{2})ys(e|ed|es|ing|er|ers)$"), r"yz\1"),
    (re.compile(r"(?<=[a-z]{3})our(s|ed|ing|able|ably|ite|ites)?$"), r"or\1"),
    (re.compile(r"(?<=[a-z]{2})(t|b)re(s)?$"), r"\1er\2"),
    (re.compile(r"(?<=[a-z]{2}[^aeiou])(e|a)ll(ed|ing|er|ers)$"), r"\1l\2"),
    # the Greek -oea of medical words: diarrhoea, dyspnoea, apnoea (American -ea)
    (re.compile(r"(?<=[a-z]{3})oea(s|l)?$"), r"ea\1"),
)
BRITISH_MIN = 5
ROMAN = {"i": "1", "ii": "2", "iii": "3"}
ROMAN_CONTEXT = frozenset({"phase", "type", "class", "grade", "stage"})

GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ζ": "zeta",
    "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "u", "ν": "nu",
    "ξ": "xi", "ο": "omicron", "π": "pi", "ρ": "rho", "σ": "sigma", "ς": "sigma", "τ": "tau",
    "υ": "upsilon", "φ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega",
}
GREEK.update({k.upper(): v for k, v in list(GREEK.items()) if k not in "ςμ"})
LATIN_GREEK = {"a": "alpha", "b": "beta", "g": "gamma"}

_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"})
_APOSTROPHES = str.maketrans({c: "'" for c in "\u2019\u2018\u00b4\u2032\u0060\u02bc"})
_DELTA_MARK_RE = re.compile(r"(?P<before>(?<=[A-Za-z0-9]))?[\u0394\u2206](?P<after>(?=[A-Za-z0-9]))?")
_GREEK_RE = re.compile(r"([A-Za-z0-9]?)([" + "".join(GREEK) + "])(?P<name>(?=[A-Z][A-Za-z0-9]))?")
_POSSESSIVE_RE = re.compile(r"(?<=[A-Za-z])'s\b|(?<=s)'(?=\s|$)")
_LINE_BREAK_HYPHEN_RE = re.compile(r"(?<=[A-Za-z0-9])[-\u00ad][ \t]*\r?\n[ \t]*(?=[a-z0-9])")
_COMBINING_RE = re.compile(r"[\u0300-\u036f]")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
_PAREN_ABBR_RE = re.compile(r"\(([A-Za-z]{1,10})\)-(?=[A-Za-z0-9])")
_PART = r"(?:[0-9]+\.[0-9]+|[A-Za-z0-9]+)"
_WORD_RE = re.compile(
    rf"(?P<word>{_PART}(?:-{_PART})*)(?:(?P<pct>%)|(?P<mark>\+|-(?![A-Za-z0-9])))?"
)
_LOOKALIKE_RE = re.compile(r"^([0-9]*)([abg])$")
_KAPPA_RE = re.compile(r"^k([A-Z])$")
_ACRONYM_RE = re.compile(r"^[a-z]([A-Z]{2,})s?$")
# a two-capital acronym's plural ('TFs', 'EVs', 'DCs'): _stem leaves three-letter words alone
_SHORT_ACRONYM_PLURAL = re.compile(r"^([A-Z]{2})s$")


def _greek(match: re.Match[str]) -> str:
    before, letter = match.group(1), match.group(2)
    name = GREEK[letter]
    if before and before.isalpha() and name != "u":
        return f"{before}-{name}"
    if not before and name != "u" and match.group("name") is not None:
        # a prefix letter of a name ('γH2Av', 'αSMA'): a part of its own, so 'H2Av' finds it
        return f"{name}-"
    return before + name


def _delta_mark(match: re.Match[str]) -> str:
    before = "-" if match.group("before") is not None else ""
    after = "-" if match.group("after") is not None else ""
    return f"{before}delta{after}"


def normalize(text: str) -> str:
    """Unicode, dash, apostrophe, Greek and accent normalisation (original case kept)."""
    text = _LINE_BREAK_HYPHEN_RE.sub("", text).replace("\u00ad", "")
    text = unicodedata.normalize("NFKC", text).translate(_DASHES).translate(_APOSTROPHES)
    text = _POSSESSIVE_RE.sub("", text)
    text = _DELTA_MARK_RE.sub(_delta_mark, text)
    text = _GREEK_RE.sub(_greek, text)
    text = _PAREN_ABBR_RE.sub(r"(\1) \1-", text)
    if not text.isascii():  # fold accents; any other symbol (×, ≥, ©) separates words
        text = _COMBINING_RE.sub("", unicodedata.normalize("NFKD", text))
        text = _NON_ASCII_RE.sub(" ", text)
    return text


# an adverb read as its adjective: the route or manner a question asks about is written either way
# ("given intravenously" / "intravenous infusion", "injected subretinally" / "subretinal injection")
_ADVERB = (("ically", "ic"), ("ally", "al"), ("ously", "ous"), ("ively", "ive"), ("ently", "ent"),
           ("antly", "ant"))
ADVERB_MIN_STEM = 5  # 'finally' -> 'final', never 'rally' or 'gently'


def _stem(word: str) -> str:
    """Light plural stemming of a lowercase alphabetic word; a regular adverb becomes its adjective."""
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix, ending in _ADVERB:
        if word.endswith(suffix) and len(word) - len(suffix) + len(ending) >= ADVERB_MIN_STEM:
            return word[: -len(suffix)] + ending
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith(("ches", "shes", "xes")):  # 'stretches', 'dishes', 'boxes' -> one token with
        return word[:-2]                        # 'stretch', 'dish', 'box'
    if word.endswith(("che", "she", "xe")):  # and 'niche' meets 'niches' ('nich'): the token need
        return word[:-1]                     # not be a word, only the same on both sides
    if word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("s"):
        return word[:-1]
    return word


def _canonical(word: str) -> str:
    """Lowercase, alias and British-spelling mapping, then light stemming."""
    word = word.lower()
    word = ALIASES.get(word, word)
    for british, american in BRITISH_PREFIXES:
        if word.startswith(british):
            word = american + word[len(british):]
            break
    if word in STOPWORDS:
        return word
    if len(word) >= BRITISH_MIN and word.isalpha():
        for ending, american in BRITISH_ENDINGS:
            word, n = ending.subn(american, word)
            if n:
                break
    return ALIASES.get(_stem(word), _stem(word))


def _part(raw: str, in_compound: bool) -> tuple[str, list[str]]:
    """One word part in original case -> (canonical token, extra index-only tokens)."""
    if raw in ("I", "II", "III") or raw.lower() in ("ii", "iii"):
        return ROMAN[raw.lower()], []
    if in_compound:
        lookalike = _LOOKALIKE_RE.match(raw)
        if lookalike:
            return lookalike.group(1) + LATIN_GREEK[lookalike.group(2)], []
        kappa = _KAPPA_RE.match(raw)
        if kappa:
            return "kappa" + kappa.group(1).lower(), []
    plural = _SHORT_ACRONYM_PLURAL.match(raw)
    if plural and plural.group(1).lower() not in STOPWORDS:  # 'ORs' (odds ratios) is not 'or'
        return _canonical(plural.group(1)), []
    extras: list[str] = []
    acronym = _ACRONYM_RE.match(raw)
    if acronym:
        extras.append(_canonical(acronym.group(1)))
    return _canonical(raw), extras


def _is_identifier(raw: str) -> bool:
    return any(c.isdigit() for c in raw) or sum(c.isupper() for c in raw) >= 2


@lru_cache(maxsize=65536)
def _analyse_word(raw: str, pct: bool, mark: str, after_hyphen: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """One matched word -> (index tokens, sequence tokens). Cached: words repeat a lot."""
    pieces = raw.split("-")
    if len(pieces) == 1 and after_hyphen and raw in LATIN_GREEK:
        pieces_canon = [(LATIN_GREEK[raw], [])]  # "(IFN)-g": a lost gamma
    else:
        pieces_canon = [_part(p, len(pieces) > 1) for p in pieces]
    parts = [c for c, _ in pieces_canon]
    extras = [e for _, ex in pieces_canon for e in ex if e not in STOPWORDS]
    if len(parts) == 1:
        whole = parts[0]
        index: list[str] = [] if whole in STOPWORDS else [whole]
        sequence = list(index)
    else:
        whole = parts[0]
        for prev, cur in zip(parts, parts[1:]):
            numeric = prev.replace(".", "").isdigit() and cur.replace(".", "").isdigit()
            whole += ("-" if numeric else "") + cur
        # the joined form is the word written solid, stemmed as such: 'LC-MS' meets 'LCMS', 'follow-ups'
        # 'followup' (a short last part, 'MS' or 'ups', is left alone on its own)
        whole = _stem(whole)  # (a joined form with digits, 'il6', is left as it is)
        sequence = [p for p in parts if p not in STOPWORDS]
        index = [whole]
        for p in sequence:
            if p not in index and p not in BOUND_PREFIXES:
                index.append(p)
    if pct and index:
        index.insert(0, whole + "%")
    elif mark and _is_identifier(raw) and whole not in STOPWORDS:
        index.insert(0, whole + mark)
    for e in extras:
        if e not in index:
            index.append(e)
    return tuple(index), tuple(sequence)


def word_tokens(text: str):
    """Yield (index tokens, sequence tokens) per surface word, applying context rules (the answer
    stage reads a question word by word with it: a hyphenated word's joined form, then its parts)."""
    for _, index, sequence in surface_words(normalize(text)):
        yield index, sequence


def surface_words(text: str):
    """Yield (match, index tokens, sequence tokens) per surface word of already normalised text
    (`normalize`): the match gives the word's place, for rewording a question phrase by phrase."""
    previous = ""
    for m in _WORD_RE.finditer(text):
        raw = m.group("word")
        if raw == "i" and previous in ROMAN_CONTEXT:
            index, sequence = ("1",), ("1",)
        else:
            after_hyphen = m.start() > 0 and text[m.start() - 1] == "-"
            index, sequence = _analyse_word(
                raw, m.group("pct") is not None, m.group("mark") or "", after_hyphen
            )
        if sequence:
            previous = sequence[-1]
        yield m, index, sequence


def tokenize(text: str) -> list[str]:
    """Index tokens of a passage or question (see module docstring for the rules)."""
    out: list[str] = []
    for index, _ in word_tokens(text):
        out.extend(index)
    return out


def word_sequence(text: str) -> list[str]:
    """One canonical token per surface word part, in order: for phrase matching."""
    out: list[str] = []
    for _, sequence in word_tokens(text):
        out.extend(sequence)
    return out
