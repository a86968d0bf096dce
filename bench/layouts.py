"""Synthetic article layouts with exactly known ground truth, rendered with reportlab: `render`
sets an `Article` (bench/layout_article.py) in one `Layout` and returns the `Gold` of what was
printed (see bench/layout_article.py for the whole design and bench/pdf_layouts.py for the scoring).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from layout_article import Article, Sentence, load_article

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


@dataclass(frozen=True)
class Layout:
    name: str
    columns: int = 1
    gap: float = 18.0  # between columns, pt
    margin: float = 54.0
    font: str = "Times"  # Times | Helvetica | DejaVuSerif | DejaVuSans
    size: float = 10.0
    justify: bool = True
    cite: str = "bracket"  # bracket | bracket_ranges_endash | paren | superscript | author_year
    sup_after_punct: bool = False  # superscripts after a comma/full stop ('cells.1,2')
    headings: str = "bold"  # bold | caps (bold capitals) | numbered ('2.1 Cell sources', bold)
    furniture: bool = True
    journal: str = "Journal of Synthetic Biomedicine"
    page_label: str = "{n}"  # footer label of the page number
    ref_label: str = "{n}."  # '{n}.' | '[{n}]' | '' (author-year, alphabetical)
    ref_size: float = 8.0
    caption_size: float = 8.0
    ligatures: bool = False
    full_width_front: bool = True  # title and abstract across the page before the columns


FONTS = {
    "Times": ("Times-Roman", "Times-Bold", "Times-Italic"),
    "Helvetica": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique"),
    "DejaVuSerif": ("DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic"),
    "DejaVuSans": ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"),
}

LAYOUTS = [
    Layout("v01_1col_times10_bracket", columns=1, font="Times", size=10, cite="bracket", headings="bold"),
    Layout("v02_2col_times9_super", columns=2, gap=14, font="Times", size=9, cite="superscript",
           headings="caps", ref_size=7.5),
    Layout("v03_2col_helv9_bracket_numbered", columns=2, gap=24, font="Helvetica", size=9,
           cite="bracket_ranges_endash", headings="numbered", ref_label="[{n}]", page_label="Page {n}"),
    Layout("v04_1col_helv11_authoryear", columns=1, font="Helvetica", size=11, cite="author_year",
           headings="bold", ref_label="", margin=66),
    Layout("v05_2col_times10_paren", columns=2, gap=18, font="Times", size=10, cite="paren",
           headings="caps", margin=42),
    Layout("v06_2col_dejavuserif9_super_lig", columns=2, gap=16, font="DejaVuSerif", size=9,
           cite="superscript", headings="numbered", ligatures=True, ref_size=7.5),
    Layout("v07_2col_times9_authoryear_narrowgap", columns=2, gap=9, font="Times", size=9,
           cite="author_year", headings="numbered", ref_label=""),
    Layout("v08_1col_dejavusans10_bracket_lig", columns=1, font="DejaVuSans", size=10,
           cite="bracket_ranges_endash", headings="caps", ligatures=True, page_label="Page {n}"),
    Layout("v09_2col_times11_ragged_paren", columns=2, gap=20, font="Times", size=11, justify=False,
           cite="paren", headings="bold", full_width_front=False, margin=40),
    Layout("v10_2col_helv10_superpunct", columns=2, gap=18, font="Helvetica", size=10,
           cite="superscript", sup_after_punct=True, headings="bold", ref_label="[{n}]"),
    Layout("v11_1col_times9_authoryear_nofurniture", columns=1, font="Times", size=9,
           cite="author_year", headings="caps", furniture=False, ref_label=""),
]

ARTICLE_OF = {  # which source article each layout sets (author-year needs nothing special)
    "v01_1col_times10_bracket": "kim2013", "v02_2col_times9_super": "pmc3782548",
    "v03_2col_helv9_bracket_numbered": "kim2013", "v04_1col_helv11_authoryear": "figueroa2012",
    "v05_2col_times10_paren": "pmc3782548", "v06_2col_dejavuserif9_super_lig": "figueroa2012",
    "v07_2col_times9_authoryear_narrowgap": "kim2013", "v08_1col_dejavusans10_bracket_lig": "figueroa2012",
    "v09_2col_times11_ragged_paren": "kim2013", "v10_2col_helv10_superpunct": "pmc3782548",
    "v11_1col_times9_authoryear_nofurniture": "pmc3782548",
}

# ------------------------------------------------------------------ rendering


@dataclass
class GoldSentence:
    text: str  # as printed (citation labels included; superscripts as plain digits)
    segments: list[str]  # the printed text between citations
    keys: list[int]
    section: str  # heading as printed ('' for the abstract)
    labels: list[str]  # citation labels as printed


@dataclass
class Gold:
    layout: str
    article: str
    sentences: list[GoldSentence]
    abstract: list[GoldSentence]
    headings: list[str]
    captions: list[str]
    references: dict[str, str]  # citation key as qa should see it -> entry as printed (label aside)
    key_of: dict[int, str]  # article key -> qa key ('12' or 'Pittenger 1999')
    furniture: list[str]  # header / footer strings printed
    pages: int = 0


_GREEK = {"α": "a", "β": "b", "γ": "g", "δ": "d", "κ": "k", "μ": "m", "≥": "\xb3", "≤": "\xa3", "×": None}


def _register_fonts() -> None:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for fam in ("DejaVuSerif", "DejaVuSans"):
        if fam in pdfmetrics.getRegisteredFontNames():
            continue
        for suffix, style in (("", "normal"), ("-Bold", "bold"), ("-Italic" if fam == "DejaVuSerif" else "-Oblique", "italic")):
            pdfmetrics.registerFont(TTFont(fam + suffix, str(FONT_DIR / f"{fam}{suffix}.ttf")))
        addMapping(fam, 0, 0, fam)
        addMapping(fam, 1, 0, fam + "-Bold")
        addMapping(fam, 0, 1, fam + ("-Italic" if fam == "DejaVuSerif" else "-Oblique"))
        addMapping(fam, 1, 1, fam + "-Bold")


_LIGS = [("ffi", "\ufb03"), ("ffl", "\ufb04"), ("ff", "\ufb00"), ("fi", "\ufb01"), ("fl", "\ufb02")]


def markup(text: str, layout: Layout) -> str:
    """Printed text -> platypus markup: escaped, Greek in Symbol for standard fonts, ligatures."""
    out = escape(text)
    if layout.ligatures:
        for plain, lig in _LIGS:
            out = out.replace(plain, lig)
    if layout.font in ("Times", "Helvetica"):
        def sym(m: re.Match) -> str:
            return f'<font name="Symbol">{_GREEK[m.group(0)]}</font>'
        out = re.sub("[αβγδκμ≥≤]", sym, out)
    return out


def compress(keys: list[int], dash: str) -> str:
    """[3, 5, 6, 7] -> '3, 5-7' (runs of three or more as ranges)."""
    out, i = [], 0
    while i < len(keys):
        j = i
        while j + 1 < len(keys) and keys[j + 1] == keys[j] + 1:
            j += 1
        if j - i >= 2:
            out.append(f"{keys[i]}{dash}{keys[j]}")
        else:
            out.extend(str(k) for k in keys[i:j + 1])
        i = j + 1
    return out


def author_year_label(entry: str) -> tuple[str, str, int]:
    """('Pittenger et al.', 'Pittenger', 1999) from 'Pittenger MF, Mackay AM, ... 1999;...'."""
    head = entry.split(". ")[0]
    names = [n.strip() for n in head.split(",")]
    etal = any("et al" in n for n in names)
    names = [n for n in names if n and "et al" not in n]
    surnames = [" ".join(w for w in n.split() if not re.fullmatch(r"[A-Z]{1,3}", w)) or n for n in names]
    year = int(re.search(r"\b(19|20)\d\d\b", entry).group(0))
    if etal or len(surnames) > 2:
        who = f"{surnames[0]} et al."
    elif len(surnames) == 2:
        who = f"{surnames[0]} and {surnames[1]}"
    else:
        who = surnames[0]
    return who, surnames[0], year


def harvard(entry: str, suffix: str) -> str:
    """Vancouver 'Authors. Title. Journal 1999;284:143-147.' -> Harvard-like
    'Authors (1999a) Title. Journal 284:143-147.', as author-year journals print their lists."""
    cut = re.search(r"(?:et al\.|\b[A-Z]{1,3}\.) ", entry)
    authors, rest = entry[:cut.end() - 1], entry[cut.end():]
    if not authors.endswith("et al."):
        authors = authors[:-1]
    m = re.search(r"\b((?:19|20)\d\d);?", rest)
    if not m:
        return entry
    year = m.group(1)
    rest = (rest[:m.start()] + rest[m.end():]).replace("  ", " ")
    return f"{authors} ({year}{suffix}) {rest}".replace(" .", ".")


def render(article: Article, layout: Layout, path: Path, inserts: dict | None = None,
           top_float: tuple | None = None) -> Gold:
    """`inserts` {paragraph index: flowables} are set after that body paragraph (bench/layout_tables.py
    puts its tables there); `top_float` (paragraph index, flowable, height) is drawn across the top of
    the page after the one that paragraph is set on, the columns set below it (a full-width float)."""
    from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, NextPageTemplate, PageTemplate, Paragraph, Spacer
    inserts = inserts or {}
    from reportlab.graphics.shapes import Drawing, Rect
    from reportlab.lib import colors

    _register_fonts()
    regular, bold, _italic = FONTS[layout.font]
    size, lead = layout.size, layout.size * 1.22
    align = TA_JUSTIFY if layout.justify else TA_LEFT
    body = ParagraphStyle("body", fontName=regular, fontSize=size, leading=lead, alignment=align,
                          firstLineIndent=size * 1.2, spaceAfter=0)
    head1 = ParagraphStyle("h1", fontName=bold, fontSize=size + 1.5, leading=(size + 1.5) * 1.25,
                           spaceBefore=size, spaceAfter=size * 0.5, alignment=TA_LEFT)
    head2 = ParagraphStyle("h2", parent=head1, fontSize=size, leading=lead, spaceBefore=size * 0.6,
                           spaceAfter=size * 0.3)
    caption = ParagraphStyle("cap", fontName=regular, fontSize=layout.caption_size,
                             leading=layout.caption_size * 1.2, spaceBefore=4, spaceAfter=10, alignment=align)
    ref = ParagraphStyle("ref", fontName=regular, fontSize=layout.ref_size, leading=layout.ref_size * 1.22,
                         leftIndent=12 if layout.ref_label else 10, firstLineIndent=-12 if layout.ref_label else -10,
                         spaceAfter=1.5, alignment=TA_LEFT)
    title_st = ParagraphStyle("title", fontName=bold, fontSize=17, leading=21, spaceAfter=8)
    authors_st = ParagraphStyle("authors", fontName=regular, fontSize=11, leading=14, spaceAfter=12)
    abstract_st = ParagraphStyle("abs", fontName=regular, fontSize=size, leading=lead, alignment=align,
                                 leftIndent=0, spaceAfter=14)

    # citation keys as qa should see them, and the reference list order
    if layout.cite == "author_year":
        info = {k: author_year_label(e) for k, e in article.references.items()}
        order = sorted(article.references, key=lambda k: (info[k][1].lower(), info[k][2], article.references[k]))
        seen: dict[tuple[str, int], int] = {}
        suffix: dict[int, str] = {}
        counts: dict[tuple[str, int], int] = {}
        for k in order:
            counts[(info[k][1], info[k][2])] = counts.get((info[k][1], info[k][2]), 0) + 1
        for k in order:
            base = (info[k][1], info[k][2])
            if counts[base] > 1:
                seen[base] = seen.get(base, 0) + 1
                suffix[k] = "abcdefgh"[seen[base] - 1]
        label_of = {k: f"{info[k][0]}, {info[k][2]}{suffix.get(k, '')}" for k in order}
        key_of = {k: f"{_fold(info[k][1])} {info[k][2]}{suffix.get(k, '')}" for k in order}
        ref_text = {k: harvard(article.references[k], suffix.get(k, "")) for k in order}
    else:
        order = sorted(article.references)
        key_of = {k: str(k) for k in order}
        ref_text = dict(article.references)
        label_of = {}

    def label(keys: list[int]) -> tuple[str, str]:
        """(printed text as read back, markup)."""
        if layout.cite == "author_year":
            t = "(" + "; ".join(label_of[k] for k in keys) + ")"
            return t, markup(t, layout)
        dash = "–" if layout.cite in ("bracket_ranges_endash", "superscript") else "-"
        inner = ",".join(compress(keys, dash)) if layout.cite == "superscript" else ", ".join(compress(keys, dash))
        if layout.cite.startswith("bracket"):
            t = f"[{inner}]"
        elif layout.cite == "paren":
            t = f"({inner})"
        else:
            return inner, f"<super>{escape(inner)}</super>"
        return t, markup(t, layout)

    def sentence(s: Sentence, section: str) -> tuple[GoldSentence, str]:
        printed, mk, labels = "", "", []
        parts = list(s.parts)
        if layout.cite == "superscript" and layout.sup_after_punct:
            for i in range(len(s.cites)):  # 'cells,1,2' -> 'cells,1,2 then' : the mark moves before
                if parts[i + 1][:1] in ".,;:":
                    parts[i], parts[i + 1] = parts[i] + parts[i + 1][0], parts[i + 1][1:]
        for i, part in enumerate(parts):
            printed += part
            mk += markup(part, layout)
            if i < len(s.cites):
                t, m = label(s.cites[i])
                labels.append(t)
                sep = "" if layout.cite == "superscript" else " "
                printed += sep + t
                mk += sep + m
        segs = [p.strip() for p in parts if p.strip()]
        return GoldSentence(printed.strip(), segs, s.keys, section, labels), mk.strip()

    gold = Gold(layout.name, article.name, [], [], [], [], {}, key_of, [])
    story = []
    # front matter
    story.append(Paragraph(markup(article.title, layout), title_st))
    story.append(Paragraph(markup(article.authors, layout), authors_st))
    abs_mk = []
    for s in article.abstract:
        g, m = sentence(s, "")
        gold.abstract.append(g)
        abs_mk.append(m)
    story.append(Paragraph(f"<b>Abstract</b><br/>" + " ".join(abs_mk), abstract_st))
    if layout.columns == 2 and layout.full_width_front:
        story.append(NextPageTemplate("later"))
        story.append(FrameBreak())
    # body
    par_index = 0
    captions = dict(article.captions)
    n1 = n2 = 0
    for sec in article.sections:
        if sec.level == 1:
            n1, n2 = n1 + 1, 0
            num = f"{n1}."
        else:
            n2 += 1
            num = f"{n1}.{n2}"
        if layout.headings == "caps" and sec.level == 1:
            heading = sec.heading.upper()
        elif layout.headings == "numbered":
            heading = f"{num} {sec.heading}"
        else:
            heading = sec.heading
        gold.headings.append(heading)
        style = head1 if sec.level == 1 else head2
        heading_flow = Paragraph(markup(heading, layout), style)
        first = True
        for para in sec.paragraphs:
            mks = []
            for s in para:
                g, m = sentence(s, heading)
                gold.sentences.append(g)
                mks.append(m)
            p = Paragraph(" ".join(mks), body)
            if first:
                story.append(heading_flow)
                first = False
            story.append(p)
            par_index += 1
            if par_index in captions:
                d = Drawing(150, 60)
                d.add(Rect(0, 0, 150, 60, fillColor=colors.lightgrey, strokeColor=None))
                text = captions[par_index]
                gold.captions.append(text)
                story.append(Spacer(1, 6))
                story.append(d)
                head, rest = text.split(". ", 1)
                story.append(Paragraph(f"<b>{markup(head + '.', layout)}</b> {markup(rest, layout)}", caption))
            story.extend(inserts.get(par_index, []))
            if top_float and par_index == top_float[0]:
                story.append(NextPageTemplate(["float", "*", "later"]))
    # references
    ref_heading = "REFERENCES" if layout.headings == "caps" else "References"
    story.append(Paragraph(ref_heading, head1))
    for i, k in enumerate(order, 1):
        entry = ref_text[k]
        gold.references[key_of[k]] = entry
        lab = layout.ref_label.format(n=i)
        story.append(Paragraph((escape(lab) + " " if lab else "") + markup(entry, layout), ref))

    # page templates
    width, height = A4
    m = layout.margin
    top_band = 30 if layout.furniture else 0
    body_h = height - 2 * m - top_band
    short_title = article.title if len(article.title) < 70 else article.title[:60].rsplit(" ", 1)[0] + " ..."
    furniture_strings = set()

    def furniture(canvas, doc):
        if not layout.furniture:
            return
        canvas.saveState()
        n = doc.page
        canvas.setFont(regular, 7.5)
        if n > 1:
            left = layout.journal + " 2024; 12: 101–118"
            canvas.drawString(m, height - m + 6, left)
            canvas.drawRightString(width - m, height - m + 6, short_title)
            canvas.setLineWidth(0.4)
            canvas.line(m, height - m + 2, width - m, height - m + 2)
            furniture_strings.update([left, short_title])
        else:
            first = f"{layout.journal} · https://doi.org/10.9999/jsb.2024.0{len(article.name)}"
            canvas.drawString(m, height - m + 6, first)
            furniture_strings.add(first)
        pl = layout.page_label.format(n=n)
        canvas.drawCentredString(width / 2, m - 24, pl)
        foot = f"© 2024 The Authors. {layout.journal}"
        canvas.drawString(m, m - 24, foot)
        furniture_strings.update([pl, foot])
        canvas.restoreState()

    def columns(first_page: bool) -> list:
        if layout.columns == 1:
            return [Frame(m, m, width - 2 * m, body_h, id="c1", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)]
        colw = (width - 2 * m - layout.gap) / 2
        return [Frame(m, m, colw, body_h, id="l", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0),
                Frame(m + colw + layout.gap, m, colw, body_h, id="r", leftPadding=0, rightPadding=0, topPadding=0,
                      bottomPadding=0)]

    templates = []
    if layout.columns == 2 and layout.full_width_front:
        # first page: a full-width front frame on top, two columns below
        front_h = _front_height(story, width - 2 * m)
        colw = (width - 2 * m - layout.gap) / 2
        first_frames = [
            Frame(m, m + body_h - front_h, width - 2 * m, front_h, id="front", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0),
            Frame(m, m, colw, body_h - front_h - 12, id="l1", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0),
            Frame(m + colw + layout.gap, m, colw, body_h - front_h - 12, id="r1", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)]
        templates.append(PageTemplate("first", first_frames, onPage=furniture))
        templates.append(PageTemplate("later", columns(False), onPage=furniture))
    else:
        templates.append(PageTemplate("first", columns(True), onPage=furniture))
        templates.append(PageTemplate("later", columns(False), onPage=furniture))
    if top_float:  # the float page: the table across the top, the columns shortened under it
        def float_page(canvas, doc):
            furniture(canvas, doc)
            top_float[1].wrapOn(canvas, width - 2 * m, top_float[2])
            top_float[1].drawOn(canvas, m, m + body_h - top_float[2])
        short = body_h - top_float[2] - 14
        frames = [Frame(f.x1, m, f.width, short, id=f.id + "f", leftPadding=0, rightPadding=0, topPadding=0,
                        bottomPadding=0) for f in columns(False)]
        templates.append(PageTemplate("float", frames, onPage=float_page))
    if not (layout.columns == 2 and layout.full_width_front):
        story.insert(0, NextPageTemplate("later"))
    doc = BaseDocTemplate(str(path), pagesize=A4, pageTemplates=templates, title=article.title,
                          author=article.authors, leftMargin=m, rightMargin=m, topMargin=m, bottomMargin=m)
    doc.build(story)
    gold.pages = doc.page
    gold.furniture = sorted(furniture_strings)
    return gold


def _front_height(story: list, width: float) -> float:
    """Height of the title, authors and abstract set across the page (the story's first three)."""
    total = 0.0
    for flow in story[:3]:
        _, h = flow.wrap(width, 10_000)
        total += h + flow.getSpaceBefore() + flow.getSpaceAfter()
    return total + 4


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def variants(quick: bool = False) -> list[tuple[Layout, Article]]:
    cache: dict[str, Article] = {}
    chosen = LAYOUTS if not quick else [LAYOUTS[i] for i in (1, 3, 5, 7)]
    out = []
    for layout in chosen:
        name = ARTICLE_OF[layout.name]
        if name not in cache:
            cache[name] = load_article(name)
        out.append((layout, cache[name]))
    return out
