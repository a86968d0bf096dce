"""The article's text from its classified blocks: paragraphs, headings, captions, tables.

Lines of a paragraph are joined (a hyphen PDFium marked as a line-break hyphen is dropped
unless the document itself writes the word with a hyphen); a paragraph cut by a column or
page break is joined to its continuation; captions, legends and tables wait until the body
paragraph running around them ends, so they never split a sentence. Headings (found from
the font) are written as Markdown heading lines ('# Results'), which the text pipeline takes
as section headings whatever their wording or case; where the abstract ends with no heading
after it (frontmatter.AbstractEnd), a Markdown thematic break ('***') says so.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from statistics import median

from qa.ingest.clean.blocks import KEYWORDS
from qa.ingest.clean.reflist import AUTHOR_START, CORPORATE_START, YEAR
from qa.ingest.pdf.blocks import Block
from qa.ingest.pdf.chars import SOFT_HYPHEN
from qa.ingest.pdf.frontmatter import AbstractEnd
from qa.ingest.pdf.structure import TERMINAL, beside_table, is_body_size
from qa.ingest.pdf.tables import table_rows

LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_LIGATURE_RE = re.compile("|".join(LIGATURES))
WORD = re.compile(r"[\w\-]+")
HEADING_MARK = "# "  # headings are written as Markdown lines, so the text pipeline keeps them as sections
SECTION_BREAK = "***"  # a Markdown thematic break: the abstract ends here and the untitled body begins
FIRST_ITEM = re.compile(r"^(?:\[1\]|1\.)\s+\S")
LIST_START = re.compile(r"^(?:\[\d{1,3}\]|\d{1,3}\.?)\s+\S")  # '12. Smith', '[12] Smith', '12 Smith'


def entry_like(text: str) -> bool:
    """Opens like an unnumbered reference entry: an author ('Smith J,', 'Smith, J.') or a
    corporate author with its year, and carries a year early on."""
    return bool((AUTHOR_START.match(text) or CORPORATE_START.match(text)) and YEAR.search(text[:250]))


def new_item(text: str, previous: str) -> bool:
    """`text` opens the next item of the list `previous` belongs to, whether or not `previous`
    ended with a full stop (entries that end on a link line: 'PubMed Google Scholar', 'PMID: 123')."""
    if LIST_START.match(text) and (LIST_START.match(previous) or FIRST_ITEM.match(text) and YEAR.search(text[:250])):
        return True  # the next entry, or the first entry of a list after an unfinished line
    return entry_like(text) and entry_like(previous)


def vocabulary(blocks: list[Block]) -> Counter[str]:
    """Word forms the document prints inside lines (not at a line break), lowercased."""
    words: Counter[str] = Counter()
    for b in blocks:
        for ln in b.lines:
            words.update(w.lower() for w in WORD.findall(ln.text.replace(SOFT_HYPHEN, " ")))
    return words


@lru_cache(maxsize=1)
def _model_words() -> frozenset[str]:
    from qa.ingest.clean.lexicon import model_vocabulary

    return model_vocabulary()


def _two_words(left: str, right: str, joined: str) -> bool:
    """Neither form printed elsewhere in the article: keep the hyphen when both halves are
    words of the model's fixed vocabulary and the joined form is not ('high-performance',
    not 'differ-entiation')."""
    words = _model_words()
    halves = left.split("-")[-1].lower(), right.split("-")[0].lower()
    stems = [joined[: -len(x)] for x in ("s", "es", "ed", "ing", "ly", "ion", "ions") if joined.endswith(x)]
    known = joined in words or any(st in words or st + "e" in words for st in stems if len(st) > 3)
    return not known and all(len(h) >= 4 and h in words for h in halves)


def join_lines(texts: list[str], vocab: Counter[str], open_end: bool = False) -> str:
    """Lines of one paragraph joined; `open_end`: a line-break hyphen at the very end stays a
    soft hyphen, so a paragraph cut by a column or page break ('differ-' | 'entiation') is
    joined to its continuation by the same word evidence."""
    out = ""
    for t in texts:
        t = t.strip()
        if not t:
            continue
        if not out:
            out = t
        elif out.endswith(SOFT_HYPHEN):
            head = out[:-1]
            left = re.search(r"[\w-]*$", head).group(0)
            right = re.match(r"[\w-]*", t).group(0)
            hyphenated = f"{left}-{right}".lower()
            compound = bool(re.search(r"\d|.[A-Z]", left.split("-")[-1]))  # 'LpxMAB-dependent', 'IL6-induced'
            # no hyphenation leaves one letter on a line: 'T-' | 'cell', 'N-' | 'acetyl' are compounds
            compound = compound or len(left.split("-")[-1]) == 1
            joined = (left + right).lower()
            # the article's own printing decides first: 'tdTo-' | 'mato' is tdTomato when it prints that;
            # so does a camel-case identifier broken inside ('outFilterMul-' | 'timapNmax': no
            # compound's second part starts in lower case and carries a capital)
            camel = bool(re.search(r"[a-z][A-Z]\w*[a-z]$", left) and re.match(r"[a-z]+[A-Z]", right))
            printed = vocab[joined] > vocab[hyphenated] or camel
            keep = (not right[:1].islower() or not left[-1:].isalpha()
                    or vocab[hyphenated] > vocab[joined]
                    or not printed and (compound or vocab[hyphenated] == 0 and _two_words(left, right, joined)))
            out = head + ("-" if keep else "") + t
        elif out.endswith(("-", "/")) and not out.endswith(" -"):
            out += t
        else:
            out += " " + t
    tail = SOFT_HYPHEN if open_end and out.endswith(SOFT_HYPHEN) else ""
    out = out[: len(out) - len(tail)].replace(SOFT_HYPHEN, "-") + tail
    return _LIGATURE_RE.sub(lambda m: LIGATURES[m.group(0)], out)


def column_end_hyphen(text: str) -> str:
    """A paragraph cut by a column or page break on a word and a hyphen ('heterogen-'):
    PDFium does not mark the hyphen ending a page as a line-break hyphen, so here it is taken
    as one, and joining decides by the same word evidence as inside a paragraph."""
    return text[:-1] + SOFT_HYPHEN if re.search(r"[^\W\d_]{2}-$", text) else text


def _word_chars(line) -> list[list]:
    """The line's glyphs grouped into words."""
    from qa.ingest.pdf.lines import WORD_GAP

    words: list[list] = []
    prev = None
    for c in line.chars:
        if prev is None or c.space_before or c.x0 - prev.x1 > WORD_GAP * line.size:
            words.append([])
        words[-1].append(c)
        prev = c
    return words


def _weighted_words(line) -> list[tuple[str, bool]]:
    """The line's words, each with whether it is set bold (most of its letters)."""
    out = []
    for chars in _word_chars(line):
        letters = [c for c in chars if c.c.isalpha()] or chars
        out.append(("".join(c.c for c in chars), 2 * sum(c.bold for c in letters) > len(letters)))
    return out


def run_in_split(line, bold_first: bool) -> int:
    """Words at the line's end set in regular weight after a bold phrase closed by a full stop
    (`bold_first`: at the line's start, the bold phrase itself): where a run-in heading ("PARP1
    UFMylation Promotes Its PARylation Activity. The residue ...") meets its paragraph. 0 if none."""
    words = _weighted_words(line)
    bold = [b for _, b in words]
    if not any(bold) or all(bold):
        return 0
    if bold_first:
        n = bold.index(False)
        return n if all(bold[:n]) and words[n - 1][0].endswith(".") and n < len(words) else 0
    n = len(bold) - max(i for i, b in enumerate(bold) if b) - 1
    return n if words[-n - 1][0].endswith(".") and all(not b for b in bold[-n:]) else 0


# a bold label that opens a legend or a file list, not a section
CAPTION_LABEL = re.compile(r"^\s*(?:(?:Supplementa(?:ry|l)|Extended Data|Additional)\s+)?(?:Fig(?:ure)?s?\b|Table|"
                           r"Movie|Video|Scheme|Appendix|Source data|Data|Dataset|File|Figure supplement)", re.I)
RUN_IN_MAX = 25  # words: a longer bold lead is an emphasised sentence, not a heading
LARGER = 1.04  # a lead set this much larger than the words after it is a heading (as in is_heading)


def larger_lead(line) -> int:
    """Words at the line's start set bold and larger than the regular-weight words after them
    (an 'Abstract' label in the headings' size on its paragraph's first baseline): a heading run
    into its paragraph, whatever its length or punctuation. A bold word that opens a sentence
    is set in the sentence's size. 0 if none."""
    words = _word_chars(line)
    bold = [2 * sum(c.bold for c in w if c.c.isalpha()) > sum(c.c.isalpha() for c in w) for w in words]
    if not bold or not bold[0] or all(bold):
        return 0
    n = bold.index(False)
    lead = [c.size for w in words[:n] for c in w if c.c.isalpha()]
    rest = [c.size for w in words[n:] for c in w if c.c.isalpha() and not c.bold]
    return n if lead and rest and min(lead) >= LARGER * median(rest) else 0


def run_in_lead(block: Block, vocab: Counter[str], body: float) -> tuple[str, str] | None:
    """A paragraph that opens with a bold phrase closed by a full stop, over one or more lines,
    then goes on in regular weight in the body's size ('Defective PARP1 UFMylation Impairs ...
    Restart.' | 'MRE11 mediates nascent DNA ...'): the phrase is a run-in heading. Returns
    (heading, the rest). So is a bold lead set larger than the words after it (`larger_lead`:
    'Abstract' | 'Splicing is ...'), stop or none. Small type after a bold label is a legend or
    a list of supplementary files ('Figure supplement 2. Defining ...'), not a section."""
    lines = block.lines
    k = 0
    while k < len(lines) and (words := _weighted_words(lines[k])) and all(bold for _, bold in words):
        k += 1
    if k == len(lines):
        return None
    n = run_in_split(lines[k], bold_first=True)
    larger = 0 if n or k else larger_lead(lines[k])  # a label in the headings' size needs no stop
    regular = [c.size for c in lines[k].chars if c.c.isalpha() and not c.bold]
    if not (n or larger) or not regular:
        return None
    # small type after a bold label is a legend or a list of files, unless the label names no figure,
    # table or file: journals set their Methods smaller ('Desiccation assay. Strains from ...')
    if not is_body_size(median(regular), body) and (larger or k or CAPTION_LABEL.match(lines[k].text)):
        return None
    n = n or larger
    head_words = lines[k].text.split()
    heading = join_lines([ln.text for ln in lines[:k]] + [" ".join(head_words[:n])], vocab)
    if not (1 if larger else 2) <= len(heading.split()) <= RUN_IN_MAX:
        return None
    rest = join_lines([" ".join(head_words[n:])] + [ln.text for ln in lines[k + 1:]], vocab, open_end=True)
    return heading, rest


OPEN_SPAN = 300  # characters an open parenthesis may run to the end of a paragraph and still be open


def open_parenthesis(text: str) -> bool:
    """The paragraph stops inside a parenthesis ('Baldrarchaeia (64 °C, 90% CI:'): a colon or
    stop there does not end its sentence, which goes on after a column or page break."""
    at = text.rfind("(")
    return at > text.rfind(")") and len(text) - at < OPEN_SPAN


def closes_parenthesis(text: str) -> bool:
    """The text closes a parenthesis before it opens one: the rest of an open parenthetical."""
    close, opening = text.find(")"), text.find("(")
    return close >= 0 and (opening < 0 or close < opening)


def capitals_label(heading: str, words: str) -> bool:
    """A heading in capitals ('RESULTS') is not continued in mixed case: mixed-case bold words
    after it are its first sub-section's run-in heading ('Characterization of ... .')."""
    return heading.isupper() and not words.isupper()


def assemble(pages: list[list[Block]], drop: set[int], vocab: Counter[str], body: float = 0.0,
             font: str = "") -> str:
    """The text: one paragraph per line group, blank lines between. `font`: the running text's
    font, which with `body` (its size) tells where a set-apart abstract ends."""
    paragraphs: list[str] = []
    abstract_end = AbstractEnd(body, font)
    pending: list[str] = []
    dangling = False  # the last body paragraph has not ended its sentence
    carry = ""  # the words a run-in heading's last line holds of the paragraph after it

    legend_at = -1  # where the last caption or legend went in `paragraphs`, once flushed
    table_blocks: list[Block] = []  # the blocks of the last table
    in_table = False  # the block before was that table's
    table_head = ""  # the caption its rows go under in `pending`
    table_at = -1  # where its text is in `pending` (-1: flushed, or none yet)
    table_par = -1  # where its text went in `paragraphs` once flushed (a heading under its first column)

    def flush() -> None:
        nonlocal legend_at, table_at, table_par
        if table_at >= 0:
            table_par = len(paragraphs) + table_at
        table_at = -1
        if pending:
            legend_at = len(paragraphs) + len(pending) - 1
        paragraphs.extend(pending)
        pending.clear()

    for blocks in pages:
        for i, b in enumerate(blocks):
            if id(b) in drop or b.kind == "figure":
                continue
            if b.kind != "table":
                in_table = False
            text = join_lines([ln.text for ln in b.lines], vocab, open_end=b.kind == "body")
            if carry and b.kind == "body":
                text, carry = carry + " " + text, ""
            if b.kind == "heading":
                if carry:  # no paragraph took it: it stays in the text, on its own
                    paragraphs.append(carry)
                    carry = ""
                # a run-in heading's paragraph starts on its last line ('... Activity. The'): the
                # regular-weight words go to the paragraph
                n = run_in_split(b.lines[-1], bold_first=False)
                if n and len(text.split()) > n:
                    words = text.split()
                    text, carry = " ".join(words[:-n]), " ".join(words[-n:])
                flush()
                # a section label in capitals over its first sub-section's run-in heading, read as
                # one bold block ('MATERIALS AND METHODS' | 'Bacterial strains and growth conditions.'),
                # is two headings
                upper = next((k for k, ln in enumerate(b.lines) if not ln.text.isupper()), len(b.lines))
                if 0 < upper < len(b.lines):
                    label = join_lines([ln.text for ln in b.lines[:upper]], vocab)
                    if text.startswith(label) and text[len(label):].strip():
                        paragraphs.append(HEADING_MARK + label)
                        text = text[len(label):].strip()
                paragraphs.append(HEADING_MARK + text)
                abstract_end.heading()
                dangling = False
                continue
            open_heading = bool(paragraphs) and paragraphs[-1].startswith(HEADING_MARK) \
                and not TERMINAL.search(paragraphs[-1])  # its bold end may open this block: below
            if open_heading and b.lines and capitals_label(paragraphs[-1], b.lines[0].text):
                open_heading = False  # a bold lead after it is its first sub-section's run-in heading
            lead = (run_in_lead(b, vocab, body) if b.kind == "body" and not (dangling or carry or open_heading)
                    else None)
            if lead is not None:  # a run-in heading opens the paragraph
                flush()
                paragraphs.append(HEADING_MARK + lead[0])
                abstract_end.heading()
                text = lead[1]
            elif b.kind == "body" and paragraphs and paragraphs[-1].startswith(HEADING_MARK) \
                    and not TERMINAL.search(paragraphs[-1]):
                # ... and a heading broken over two lines may end in bold at the paragraph's start
                # ('Fork' | 'Stability and Restart. To explore ...')
                n = run_in_split(b.lines[0], bold_first=True)
                if n:
                    words = text.split()
                    lead_words = " ".join(words[:n])
                    if capitals_label(paragraphs[-1], lead_words):
                        paragraphs.append(HEADING_MARK + lead_words)  # its own run-in heading
                    else:
                        paragraphs[-1] += " " + lead_words
                    text = " ".join(words[n:])
            if b.kind == "caption":
                pending.append(text)
            elif b.kind == "legend":
                if pending:
                    pending[-1] = join_lines([pending[-1], text], vocab)
                elif legend_at >= 0 and not TERMINAL.search(paragraphs[legend_at]):
                    # the rest of a legend set across the columns, met after the body text
                    # that was read before it: it goes on the legend, wherever that went
                    paragraphs[legend_at] = join_lines([paragraphs[legend_at], text], vocab)
                else:
                    pending.append(text)
            elif b.kind == "table":
                # the cells of one table are many blocks (a column each): rows are read across them;
                # a column read after the table's footnote (a short footnote line ends left of it)
                # is still this table's when it stands beside its rows
                beside = not in_table and (table_at >= 0 or table_par >= 0) and beside_table(b, table_blocks)
                if not (in_table or beside):
                    table_blocks = []
                    table_head = pending.pop() + "\n" if pending else ""
                    pending.append("")
                    table_at, table_par = len(pending) - 1, -1
                table_blocks.append(b)
                rendered = table_head + "\n".join(table_rows(table_blocks))
                if table_at >= 0:
                    pending[table_at] = rendered
                else:  # its right columns, read after the heading under its first one
                    paragraphs[table_par] = rendered
                in_table = not beside  # (the block after a column set beside is checked again)
                continue
            elif b.kind == "note":  # a table's footnote: a paragraph of its own after the table
                pending.append(text)
            else:
                runs_on = dangling and (not TERMINAL.search(paragraphs[-1]) or closes_parenthesis(text))
                if runs_on and paragraphs and not new_item(text, paragraphs[-1]) and not KEYWORDS.match(text):
                    paragraphs[-1] = join_lines([column_end_hyphen(paragraphs[-1]), text], vocab, open_end=True)
                else:
                    if abstract_end.paragraph(b) and paragraphs and not paragraphs[-1].startswith(HEADING_MARK):
                        paragraphs.append(SECTION_BREAK)
                    paragraphs.append(text)
                # a keywords line ends without a full stop, and the next paragraph is not its sentence
                dangling = ((not TERMINAL.search(paragraphs[-1]) or open_parenthesis(paragraphs[-1]))
                            and not KEYWORDS.match(paragraphs[-1]))
                if not dangling:
                    flush()
    flush()
    return "\n\n".join(p.replace(SOFT_HYPHEN, "-") for p in paragraphs if p.strip()) + "\n"
