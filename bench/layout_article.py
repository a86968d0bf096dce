"""The articles that bench/layouts.py sets into synthetic PDFs, with exactly known ground truth.

* `load_article(name)` parses a few sections of one of the seed reviews in corpus/*.txt into an
  `Article`: headings, paragraphs, sentences with their citation keys (kept apart from the
  text), figure captions and a reference list. Only kim2013 prints a reference list, so the
  other two articles cite kim2013's entries: each distinct citation of an article (numbered,
  superscript or author-year in the source) becomes key 1, 2, ... in order of first use, and
  key k is answered by a real kim2013 entry. The parse need not be perfect: the gold is the
  structure, and the PDF is rendered from that structure, so what is printed is known exactly.
* `render(article, layout, path)` (bench/layouts.py) sets the article with reportlab's platypus (BaseDocTemplate,
  PageTemplates, Frames) in one `Layout` and returns the `Gold` of what was printed: every
  sentence as printed (citation labels included), its citation keys, headings as printed,
  captions, reference entries as printed, and the running header/footer strings.

reportlab does not hyphenate unless asked (`hyphenationLang` is left unset) and breaks lines at
spaces only; standard fonts (Times, Helvetica) are WinAnsi-encoded and not embedded, so Greek
letters and signs such as '≥' are set in the Symbol font there, as older journal PDFs do;
DejaVu (TrueType, embedded, with a ToUnicode map) sets them directly. `ligatures=True` prints
'fi', 'fl', 'ff', 'ffi', 'ffl' as the ligature characters U+FB00-FB04 (what a PDF whose text
map keeps the ligature glyph yields); the gold keeps the plain letters.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"

# ------------------------------------------------------------------ the structured article


@dataclass
class Sentence:
    """Text pieces around citations: parts[0] cite[0] parts[1] cite[1] ... parts[-1].
    A part before a citation has no trailing space; the renderer adds what the style needs."""

    parts: list[str]
    cites: list[list[int]] = field(default_factory=list)

    @property
    def keys(self) -> list[int]:
        return [k for group in self.cites for k in group]


@dataclass
class Section:
    heading: str
    level: int  # 1 = section, 2 = subsection
    paragraphs: list[list[Sentence]] = field(default_factory=list)


@dataclass
class Article:
    name: str
    title: str
    authors: str
    abstract: list[Sentence]
    sections: list[Section]
    captions: list[tuple[int, str]]  # (index of the paragraph (over the body) it follows, text)
    references: dict[int, str]  # key -> entry text (no label)


# ------------------------------------------------------------------ parsing the seed texts

_WORD = re.compile(r"[A-Za-z]+")


def _vocabulary() -> set[str]:
    words: set[str] = set()
    for path in CORPUS.glob("*.txt"):
        words |= {w.lower() for w in _WORD.findall(path.read_text(encoding="utf-8"))}
    return words


_HYPHENATED: set[str] = set()


def _hyphenated() -> set[str]:
    """Hyphenated words printed inside a line somewhere in the seed texts ('third-party')."""
    if not _HYPHENATED:
        for path in CORPUS.glob("*.txt"):
            for line in path.read_text(encoding="utf-8").splitlines():
                _HYPHENATED.update(m.lower() for m in re.findall(r"[A-Za-z]+-[A-Za-z]+(?=\W)", line))
    return _HYPHENATED


def join_lines(lines: list[str], vocab: set[str]) -> str:
    """Lines of one paragraph as one string, line-break hyphens resolved with the corpus words."""
    out = ""
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line[:1].isalpha():
            head = re.search(r"([A-Za-z]+)-$", out)
            tail = re.match(r"[A-Za-z]+", line)
            joined = (head.group(1) + tail.group(0)).lower() if head and tail else ""
            hyphenated = (head.group(1) + "-" + tail.group(0)).lower() if head and tail else ""
            both = head and tail and min(len(head.group(1)), len(tail.group(0))) >= 4 and \
                head.group(1).lower() in vocab and tail.group(0).lower() in vocab
            if (hyphenated in _hyphenated() or both) and joined not in vocab:
                out = out + line  # a real hyphen at the end of the line
            else:
                out = out[:-1] + line
        elif out.endswith("-") and out[-2:-1].isdigit() and line[:1].isdigit():
            out = out + line  # a page range split '229-' '239'
        else:
            out = (out + " " + line) if out else line
    return out


def repair_ligature_gaps(text: str) -> str:
    """figueroa2012 was extracted with ligatures split off ('eff ects', 'signifi cant')."""
    return re.sub(r"(?<=[A-Za-z])(ffi|ffl|fi|fl|ff) (?=[a-z])", r"\1", re.sub(r"\b(fi|fl|ff) (?=[a-z])", r"\1", text)).replace(
        "offthe", "off the")


_ACRONYMS = {"MSCS": "MSCs", "MSCs": "MSCs", "GVHD": "GVHD", "MSC": "MSC"}


def sentence_case(heading: str) -> str:
    """'CLINICAL APPLICATIONS OF MSCs' -> 'Clinical applications of MSCs' (other headings kept)."""
    if heading.upper() != heading.replace("MSCs", "MSCS"):
        return heading
    words = heading.split()
    return " ".join(_ACRONYMS.get(w, w.capitalize() if i == 0 else w.lower()) for i, w in enumerate(words))


def clean_text(text: str) -> str:
    text = repair_ligature_gaps(re.sub(r"\s+", " ", text))
    text = text.replace("Ⅰ", "I").replace("Ⅱ", "II").replace("´", "'").replace("…", "...")
    text = re.sub(r"(?<=[a-z])f (?=i[a-z])", "f", text)  # kim2013's split 'fi': 'Amplif ication'
    text = re.sub(r"(?<=\.com/) (?=\w)", "", text)
    return re.sub(r"\s+", " ", text).strip()


# sentence split: after . ? ! (and a closing citation) before a capital or a digit-led word;
# never after common abbreviations.
_ABBREV = ("et al.", "e.g.", "i.e.", "vs.", "Fig.", "approx.", "No.", "Dr.", "al.")


def split_sentences(text: str) -> list[str]:
    out, start = [], 0
    for m in re.finditer(r"[.?!](?:[\d,–-]*)?\s+(?=[A-Z(\[])", text):
        piece = text[start:m.start() + 1]
        if any(piece.endswith(a) and (len(piece) == len(a) or not piece[-len(a) - 1].isalnum()) for a in _ABBREV):
            continue
        if re.search(r"\b[A-Z]\.$", piece):  # an initial
            continue
        out.append(text[start:m.end()].strip())
        start = m.end()
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


@dataclass
class _Source:
    file: str
    title: str
    authors: str
    style: str  # how the source prints citations: bracket | superscript | author_year
    keep: list[str]  # headings of the sections to take (in order); sub-headings found inside
    abstract_lines: tuple[int, int]  # 1-based inclusive line range of the abstract
    subheads: tuple[str, ...] = ()  # first lines of paragraphs that are sub-headings


SOURCES = {
    "kim2013": _Source(
        "kim2013_clinical_applications_of_mscs.txt", "Clinical applications of mesenchymal stem cells",
        "Nayoung Kim and Seok-Goo Cho", "bracket",
        ["INTRODUCTION", "THERAPEUTIC PROPERTIES OF MSCs", "CLINICAL APPLICATIONS OF MSCs"], (1, 14),
        ("Differentiation and regenerative potential", "Immunomodulatory effects", "Homing and migration",
         "Trophic factor secretion", "Orthopedic injuries", "BMT and GVHD", "Cardiovascular diseases",
         "Liver diseases", "Autoimmune diseases", "Cancer")),
    "figueroa2012": _Source(
        "figueroa2012_msc_autoimmune_critical_review.txt",
        "Mesenchymal stem cell treatment for autoimmune diseases: a critical review",
        "Flavio E. Figueroa, Flavio Carrión, Sebastián Villanueva and Maroun Khoury", "author_year",
        ["1. INTRODUCTION", "2. USE OF MSCS IN AUTOIMMUNE AND INFLAMMATORY DISEASES",
         "3. CLINICAL TRIALS IN HUMAN DISEASE"], (3, 9)),
    "pmc3782548": _Source(
        "pmc3782548_mscs_in_allogeneic_hsct.txt",
        "Mesenchymal stem/stromal cells in allogeneic hematopoietic stem cell transplantation",
        "Takeshi Inoue and Hiroshi Tanaka", "superscript",
        ["Introduction", "Biological Characteristics of Human Mesenchymal Stem/Stromal Cells (MSCs)",
         "Effects of Ex Vivo Expanded MSCs on Hematopoietic Reconstitution after Hematopoietic Cell Transplantation",
         "Immunomodulatory Properties of MSCs and Treatment of Immunologic Diseases by Culture-Expanded MSCs",
         "Future Prospects"], (3, 36)),
}


def _paragraphs(lines: list[str]) -> list[list[str]]:
    paras, cur = [], []
    for line in lines:
        if line.strip():
            cur.append(line)
        elif cur:
            paras.append(cur)
            cur = []
    if cur:
        paras.append(cur)
    return paras


def _merge_breaks(paras: list[list[str]]) -> list[list[str]]:
    """A paragraph cut by a page break (it ends without a full stop, the next starts in lower case)
    joined again."""
    out: list[list[str]] = []
    for para in paras:
        if out and not out[-1][-1].rstrip().endswith((".", ":", ")")) and para[0].strip()[:1].islower():
            out[-1] = out[-1] + para
        else:
            out.append(para)
    return out


_BRACKET = re.compile(r"\s*\[(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\]")
_SUPER = re.compile(r"(?<=[a-z.)\],;])(\d{1,2}(?:[,–-]\d{1,2})*)(?=[\s,.;:)]|$)")
_AUTHOR_YEAR = re.compile(r"\s*\(((?:[A-Z][^()]*?,? (?:19|20)\d\d[a-z]?)(?:; ?[A-Z][^()]*?,? (?:19|20)\d\d[a-z]?)*)\)")


def _expand(spec: str) -> list[int]:
    out = []
    for item in re.split(r"\s*,\s*", spec):
        if re.fullmatch(r"\d+\s*[–-]\s*\d+", item):
            a, b = map(int, re.split(r"\s*[–-]\s*", item))
            out.extend(range(a, b + 1) if 0 < b - a < 30 else [a, b])
        elif item.strip().isdigit():
            out.append(int(item))
    return out


def _cited_sentence(text: str, style: str, keymap: dict) -> Sentence:
    """Citations taken out of a sentence; each source citation mapped to a new key."""
    pattern = {"bracket": _BRACKET, "superscript": _SUPER, "author_year": _AUTHOR_YEAR}[style]
    parts, cites, pos = [], [], 0
    for m in pattern.finditer(text):
        if style == "author_year":
            sources = [s.strip() for s in m.group(1).split(";")]
        else:
            sources = _expand(m.group(1))
            if not sources or max(sources) > 160:
                continue
        keys = [keymap.setdefault(s, len(keymap) + 1) for s in sources]
        parts.append(text[pos:m.start()])
        cites.append(keys)
        pos = m.end()
    parts.append(text[pos:])
    if style == "superscript" and cites:  # 'cells.1,2 In': the citation after the full stop goes before it
        for i in range(len(cites)):
            if parts[i].endswith((".", ",")) and not parts[i + 1].startswith((".", ",")):
                mark = parts[i][-1]
                parts[i], parts[i + 1] = parts[i][:-1], mark + parts[i + 1]
    return Sentence(parts, cites)


def kim_references() -> dict[int, str]:
    lines = (CORPUS / SOURCES["kim2013"].file).read_text(encoding="utf-8").splitlines()
    start = lines.index("REFERENCES") + 1
    vocab = _vocabulary()
    body = [ln for ln in lines[start:]
            if not re.fullmatch(r"\s*\d{3}\s*", ln) and "Korean Journal" not in ln and "kjim.org" not in ln
            and "Kim N and Cho SG" not in ln]
    entries: dict[int, list[str]] = {}
    current = None
    for line in body:
        m = re.match(r"(\d{1,3})\. (.*)", line.strip())
        if m and int(m.group(1)) == (current or 0) + 1:
            current = int(m.group(1))
            entries[current] = [m.group(2)]
        elif current and line.strip():
            entries[current].append(line)
    return {n: clean_text(join_lines(v, vocab)) for n, v in entries.items()}


def load_article(name: str, max_words: int = 1800) -> Article:
    src = SOURCES[name]
    raw = (CORPUS / src.file).read_text(encoding="utf-8")
    for heading in src.keep:  # headings printed over two lines (or a page break) on one line
        words = [re.escape(w) for w in heading.split()]
        raw = re.sub(r"\n\s*" + r"[\s-]*".join(words) + r"\s*\n", "\n\n" + heading + "\n\n", raw, count=1)
    lines = raw.splitlines()
    vocab = _vocabulary()
    keymap: dict = {}
    heads = {h.replace(" ", ""): h for h in src.keep}
    # the heading lines (a heading may be printed over two lines)
    sections: list[Section] = []
    paras = _merge_breaks(_paragraphs(lines[src.abstract_lines[1]:]))
    words = 0
    current: Section | None = None
    for para in paras:
        flat = "".join(ln.strip() for ln in para).replace(" ", "").replace("-", "")
        match = next((h for k, h in heads.items() if k.replace("-", "") == flat), None)
        if match:
            if words > max_words:
                break
            current = Section(sentence_case(re.sub(r"^\d+\. ", "", match)), 1)
            sections.append(current)
            continue
        if current is None:
            continue
        text_lines = para
        sub = next((s for s in src.subheads if para[0].strip() == s), None)
        if sub:
            current = Section(sub, 2)
            sections.append(current)
            text_lines = para[1:]
            if not text_lines:
                continue
        text = clean_text(join_lines(text_lines, vocab))
        if re.match(r"[A-Z]\. [A-Z]", text) and len(text.split()) < 12:  # figueroa's 'A. Graft versus Host Disease (GVHD)'
            current = Section(text[3:], 2)
            sections.append(current)
            continue
        if len(text.split()) < 25 or not text[:1].isupper() or "Table" in text[:8] or "Figure" in text[:8]:
            continue  # table cells, captions, fragments of page breaks
        if not (text.endswith((".", ")")) or (src.style == "superscript" and re.search(r"\.\d[\d,–-]*$", text))):
            continue  # a paragraph cut by a page break or a table
        if words > max_words:
            break
        sentences = [_cited_sentence(s, src.style, keymap) for s in split_sentences(text)]
        current.paragraphs.append(sentences)
        words += len(text.split())
    sections = [s for s in sections if s.paragraphs]
    abstract_text = clean_text(join_lines(lines[src.abstract_lines[0] - 1:src.abstract_lines[1]], vocab))
    if name == "pmc3782548":  # the abstract is interleaved with the first column in the source
        abstract_text = clean_text(join_lines(lines[6:35], vocab))
    abstract = [Sentence([s]) for s in split_sentences(abstract_text)]
    kim = kim_references()
    # key k is answered by the kim2013 entry of the k-th distinct citation (numbered sources keep
    # their own entry when it exists)
    refs: dict[int, str] = {}
    used = set()
    for source_key, key in sorted(keymap.items(), key=lambda kv: kv[1]):
        number = source_key if isinstance(source_key, int) and name == "kim2013" else None
        if number is None or number not in kim:
            number = next(n for n in sorted(kim) if n not in used and n >= key) if key in kim else min(set(kim) - used)
        used.add(number)
        refs[key] = kim[number]
    body_paras = sum(len(s.paragraphs) for s in sections)
    captions = [
        (max(1, body_paras // 3), "Figure 1. Sources and differentiation of mesenchymal stem cells (MSCs). "
         "Cells isolated from bone marrow, adipose tissue and umbilical cord blood were expanded ex vivo "
         "and characterised by CD73, CD90 and CD105 expression."),
        (max(2, 2 * body_paras // 3), "Figure 2. Immunomodulatory effects of MSCs on T cells, B cells and "
         "natural killer cells, mediated by IFN-γ, TGF-β and prostaglandin E2 (dose ≥ 10 cells/kg)."),
    ]
    return Article(name, src.title, src.authors, abstract, sections, captions, refs)
