"""`read_pdf`: an article PDF as text for the text pipeline, plus metadata from the article.

Stages (each its own module): glyphs (chars) -> lines with super/subscripts (lines) ->
page furniture removed by repetition (furniture) -> blocks (blocks) in reading order
(columns) -> kinds (structure, frontmatter) -> text (flow) and metadata (metadata); the
reference list may then come from PDFium's flat text when that reading shows more evidence
(ensemble).
Bad input raises PdfError with one line saying what is wrong.
"""
from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
from pydantic import BaseModel, Field

from qa.errors import QAError
from qa.ingest.pdf import metadata as meta
from qa.ingest.pdf.bullets import mark_bullets
from qa.ingest.pdf.blocks import Block, make_blocks, usual_gap
from qa.ingest.pdf.chars import UNMAPPED, page_chars
from qa.ingest.pdf.columns import reading_order
from qa.ingest.pdf.ensemble import choose_references
from qa.ingest.pdf.flow import assemble, join_lines, vocabulary
from qa.ingest.pdf.frontmatter import column_width, front_blocks, info_blocks
from qa.ingest.pdf.furniture import furniture
from qa.ingest.pdf.lines import Line, make_lines
from qa.ingest.pdf.structure import body_font, body_size, classify

MAX_PAGES = 200
MIN_CHARS_PER_PAGE = 20  # below this on average, the PDF has no text layer (a scan)
MIN_WORDS = 300  # fewer words of running text than this is not an article


class PdfError(QAError):
    """The file cannot be read as an article PDF."""


class PdfText(BaseModel):
    """What a PDF article gives the corpus: its body text and what it says about itself."""

    text: str = Field(description="Body text: paragraphs separated by blank lines, headings on their own line.")
    title: str = Field(default="", description="Title, from the PDF information or the first page.")
    authors: list[str] = Field(default_factory=list, description="Authors as 'Surname Initials'.")
    journal: str = Field(default="", description="Journal, when the PDF information names it.")
    year: int | None = Field(default=None, description="Publication year (latest date on the first page).")
    doi: str = Field(default="", description="DOI from the PDF information or the first page.")
    pages: int = Field(description="Page count.")
    front_matter: list[str] = Field(default_factory=list, description="Front-matter blocks kept out of the body.")
    warnings: list[str] = Field(default_factory=list, description="Non-fatal problems met while reading.")
    margin_pages: int = Field(
        default=0, description="Pages whose rotated margin text (a download stamp, the journal's sidebar) was "
        "left out: no part of the article, so a note rather than a warning.")


# what a file saved under a .pdf name often is instead, by its first bytes (a browser's saved page
# for a publisher's PDF link, an archive of the article, a figure), so the refusal says what to fetch
_MAGIC = ((b"PK\x03\x04", "a ZIP archive"), (b"\x1f\x8b", "a gzip file"), (b"\x89PNG", "a PNG image"),
          (b"\xff\xd8\xff", "a JPEG image"), (b"{\\rtf", "an RTF document"),
          (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"))


def looks_like(head: bytes) -> str:
    """What the first bytes of a file that is not a PDF show it to be ('' when nothing says)."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html")) or b"<html" in start[:300]:
        return "an HTML page: a web page saved under a .pdf name?"
    if is_plain_text(head):
        return "plain text: name it .txt to add it as a text article"
    return ""


def is_plain_text(head: bytes) -> bool:
    """Whether a file's first bytes are text (UTF-8, no control bytes but line and tab breaks): notes
    or an article saved as text under a .pdf name, which `qa add` takes as a .txt (user trial 53: "is
    not a PDF (no %PDF header)" said what it was not, not what to do). A multi-byte character cut by
    the end of `head` is allowed."""
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:
            return False
        text = head[:exc.start].decode("utf-8")
    return bool(text.strip()) and all(ch.isprintable() or ch in "\r\n\t\f" for ch in text.lstrip("\ufeff"))


def open_pdf(path: Path, max_pages: int = MAX_PAGES) -> pdfium.PdfDocument:
    from qa.validate import file_problem

    path = Path(path)
    problem = file_problem(path)
    if problem:  # a folder is said to be one, not "not found"
        raise PdfError(f"{problem}: {path}")
    with path.open("rb") as fh:
        head = fh.read(1024)
    if not head.strip() and path.stat().st_size <= len(head):  # nothing in it: say so, not "not a PDF"
        raise PdfError(f"{path.name} is empty")
    if b"%PDF-" not in head:
        kind = looks_like(head)
        raise PdfError(f"{path.name} is not a PDF (no %PDF header" + (f"; it is {kind})" if kind else ")"))
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        reason = str(exc)
        detail = re.search(r"PDFium: ([^)]*)", reason)
        reason = detail.group(1) if detail else reason
        if "password" in reason.lower():
            raise PdfError(f"{path.name} is encrypted (password required); save an unprotected copy") from None
        if reason == "Success":  # PDFium refused it without an error: a well-formed file with no page tree
            raise PdfError(f"{path.name} has no pages") from None
        raise PdfError(f"{path.name} is damaged or not a readable PDF ({reason})") from None
    n = len(pdf)
    if n == 0:
        raise PdfError(f"{path.name} has no pages")
    if n > max_pages:
        pdf.close()
        raise PdfError(f"{path.name} has {n} pages, above the limit of {max_pages} for one article "
                       f"(set QA_PDF_MAX_PAGES to raise it)")
    return pdf


UNMAPPED_RUN = re.compile(r"(\s?)\ufffd+(\s?)")
_SUPER = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# a sign the font gives no character for, read from the scientific notation around it
SIGNS = (
    (re.compile(rf"(?<=10)\ufffd(?=[{_SUPER}])"), "⁻"),  # 10⁻⁷: an exponent's sign (a plus is never unprinted)
    (re.compile(rf"(?<=\d)\s?\ufffd\s?(?=10[{_SUPER}⁻⁺])"), " × "),  # 2.5 × 10⁵: a power of ten's factor
    (re.compile(r"(?<=\d)\s?\ufffd(?=[CF]\b)"), "°"),  # 37°C
    # 5′ end, 3′ untranslated region; not before a capital, where it is as likely a lost × ('5× SSC')
    (re.compile(r"(?<=[35])(?<![\d.,][35])\ufffd(?=[\s-]?[a-z])"), "′"),
)


SIDEBAR_SHARE = 0.6  # rotated text on this share of the pages is a margin line repeated on each


def page_list(pages: list[int]) -> str:
    """'page 3', 'pages 1-4, 7': which pages to look at for what was left out."""
    runs: list[list[int]] = []
    for p in pages:
        if runs and p == runs[-1][1] + 1:
            runs[-1][1] = p
        else:
            runs.append([p, p])
    shown = ", ".join(f"{a}-{b}" if b > a else str(a) for a, b in runs)
    return f"page{'s' if len(pages) > 1 else ''} {shown}"


def read_signs(text: str) -> str:
    """Glyphs without a character that the notation around them names (`SIGNS`)."""
    if "\ufffd" not in text:
        return text
    for pattern, sign in SIGNS:
        text = pattern.sub(sign, text)
    return text


def drop_unmapped(text: str) -> tuple[str, int]:
    """The text without the glyphs PDFium could give no character for (kept until here so they
    still shape lines), and how many there were; the ones whose notation names them are read
    first (`read_signs`). One between an opening bracket and a number leaves a space ('(×8)' ->
    '( 8)', which no citation pattern takes for a citation '(8)'); one between spaces leaves one
    space."""
    text = read_signs(text)
    count = text.count(UNMAPPED)
    if not count:
        return text, 0
    text = re.sub(rf"(?<=[(\[]){UNMAPPED}+(?=\d)", " ", text)
    return UNMAPPED_RUN.sub(lambda m: " " if m.group(1) or m.group(2) else "", text), count


def read_pdf(path: Path | str, max_pages: int = MAX_PAGES) -> PdfText:
    """Read an article PDF; raises PdfError (one line) when it is not a readable article."""
    path = Path(path)
    pdf = open_pdf(path, max_pages)
    try:
        info = {k: v for k, v in pdf.get_metadata_dict().items() if isinstance(v, str)}
        pages: list[list[Line]] = []
        heights: list[float] = []
        flat: list[str] = []  # PDFium's own flat text, a second reading of the reference list
        n_chars = rotated = 0
        rotated_pages: list[int] = []  # 1-based, as a reader numbers them
        outlines: dict[tuple[str, str], str] = {}  # glyph-outline readings, per font, over the document
        for i in range(len(pdf)):
            try:
                page = pdf[i]
                chars = page_chars(page, i, outlines)
                textpage = page.get_textpage()
            except pdfium.PdfiumError:  # a page object PDFium cannot load (a damaged page tree)
                raise PdfError(f"{path.name} is damaged or not a readable PDF (page {i + 1} cannot be read)") from None
            flat.append(textpage.get_text_range().replace("\r\n", "\n"))
            textpage.close()
            page.close()
            n_chars += len(chars.chars)
            rotated += chars.rotated_dropped
            if chars.rotated_dropped:
                rotated_pages.append(i + 1)
            heights.append(chars.height)
            pages.append(make_lines(chars.chars, i))
        mark_bullets(pages)  # a symbol font's 'd' and 'B' opening list items are bullets
        first_page_raw = " ".join(ln.text for ln in pages[0])
    finally:
        pdf.close()
    n_pages = len(pages)
    if n_chars < MIN_CHARS_PER_PAGE * n_pages:
        raise PdfError(f"{path.name} has no text layer (a scanned image?); run OCR first")
    dropped = furniture(pages, heights)
    furniture_text = "\n".join(ln.text for lines in pages for ln in lines if id(ln) in dropped)
    last_page_raw = "\n".join(ln.text for ln in pages[-1])
    kept = [[ln for ln in lines if id(ln) not in dropped] for lines in pages]
    gap = usual_gap(kept)
    blocks = [reading_order(make_blocks(lines, i, usual_gap([lines], gap))) for i, lines in enumerate(kept)]
    all_lines = [ln for lines in kept for ln in lines]
    body, font = body_size(all_lines), body_font(all_lines)
    classify(blocks, body, font)
    title, title_block = meta.find_title(info, blocks[0])
    front: set[int] = set()
    column = column_width(blocks, body)
    for page in blocks[:2]:  # a cover page (graphical abstract) may come before the title page
        if page is blocks[0] or (title and any(meta.same_text(title, b.text) for b in page)):
            front |= front_blocks(page, body, column)
    front |= info_blocks([b for page in blocks for b in page])
    vocab = vocabulary([b for page in blocks for b in page])
    text, unmapped = drop_unmapped(assemble(blocks, front, vocab, body, font))
    if len(text.split()) < MIN_WORDS:
        raise PdfError(f"{path.name} does not look like an article: only {len(text.split())} words of running text")
    text, note = choose_references(text, "\n\f\n".join(flat))
    front_texts = [drop_unmapped(join_lines([ln.text for ln in b.lines], vocab))[0]
                   for page in blocks for b in page if id(b) in front]
    out = PdfText(
        text=text,
        title=title,
        authors=meta.find_authors(info, [b for page in blocks[:2] for b in page if id(b) in front],
                                  [b for page in blocks[:2] for b in page if b.kind == "figure"]),
        journal=meta.find_journal(info, first_page_raw + "\n" + furniture_text),
        year=meta.find_year(first_page_raw, info, furniture_text + "\n" + "\n".join(front_texts)),
        doi=meta.find_doi(info, first_page_raw, furniture_text, last_page_raw),
        pages=n_pages,
        front_matter=front_texts,
    )
    if note:
        out.warnings.append(f"{path.name}: {note}")
    if unmapped:
        out.warnings.append(f"{path.name}: {unmapped} glyphs without a character (symbol fonts with no "
                            f"Unicode map, e.g. '~', '°', '×' set as private codes) left out of the text")
    if rotated:
        if len(rotated_pages) >= SIDEBAR_SHARE * n_pages and n_pages > 1:  # the same margin line on every page
            out.margin_pages = len(rotated_pages)
        else:
            out.warnings.append(f"{path.name}: {rotated} rotated characters (a rotated table, figure lettering) "
                                f"left out, on {page_list(rotated_pages)}")
    return out


def first_page_blocks(blocks: list[list[Block]]) -> list[Block]:
    return blocks[0] if blocks else []
