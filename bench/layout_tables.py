"""Clinical-trial tables set into the synthetic article layouts (bench/layouts.py), with exact gold.

* `kim_trials()` reads the rows of kim2013's 'Table 2. Clinical trials of mesenchymal stem cell
  therapy' from corpus/kim2013 (flattened there: cells run together, wrapped cells broken over
  lines) into (author, reference number, disease, phase, patients, MSC source, route, outcome).
  Words, counts and citations are the review's own; only the dose half of 'Route / dose' is
  added (typical doses of these trials, '1–2 × 10⁶ cells/kg'), so that cells hold ranges.
* `TableVariant` says how one table is set: its rules (full grid, booktabs, none, zebra), its
  placement (inline in the text column, a float across the top of a two-column page, or a long
  table breaking over pages with its header repeated), which rows and columns, cell widths (narrow
  ones make cells wrap onto 2-3 lines), the citation form in the cells, and the empty cells.
* `render_variant(variant, path)` builds the article with the table (caption above, a footnote in
  small type below) through `layouts.render` and returns the layout `Gold` and a `TableGold`:
  every row's cells as printed, the column headers, caption, footnote, citation keys and the body
  sentences printed around the table. bench/pdf_tables.py reads it back and scores it.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from layout_article import CORPUS, Article, kim_references, load_article
from layouts import FONTS, LAYOUTS, Gold, Layout, _register_fonts, markup, render

ROMAN = {"Ⅰ": "I", "Ⅱ": "II", "Ⅰ/Ⅱ": "I/II"}
SOURCES = ["Auto/allo adipose-tissue", "Auto adipose-tissue", "Allo-adipose tissue", "Allo-placental",
           "Allo-fetal", "Allo-UCB", "Allo-BM"]
OUTCOMES = ["Did not support engraftment but abrogated GVHD", "Improved (greater in aGVHD)",
            "Improved but higher recurrence rate of hematologic malignancy", "No change", "Improved", "Mixed"]
# typical doses of the trials (per kg body weight), the dose half of 'Route / dose'
DOSES = ["1–2 × 10⁶ cells/kg", "0.7–9 × 10⁶ cells/kg", "2 × 10⁶ cells/kg", "0.4–9 × 10⁶ cells/kg",
         "1 × 10⁶ cells/kg", "4–8 × 10⁷ cells"]
ABBREVIATIONS = {  # kim2013's own footnote to Table 2
    "MSC": "mesenchymal stem cell", "OI": "osteogenesis imperfecta", "Allo": "allogeneic", "BM": "bone marrow",
    "IV": "intravenous", "HSCT": "hematopoietic stem cell transplantation",
    "aGVHD": "acute graft versus host disease", "cGVHD": "chronic graft versus host disease",
    "UCB": "umbilical cord blood", "MI": "myocardial infarction", "Auto": "autologous",
    "SLE": "systemic lupus erythematosus"}


@dataclass
class Trial:
    author: str  # 'Horwitz et al.'
    ref: int  # kim2013 reference number
    disease: str
    phase: str
    patients: str
    source: str
    route: str
    outcome: str


def kim_trials() -> list[Trial]:
    """The rows of kim2013's Table 2 (between its header line and its abbreviation footnote)."""
    lines = (CORPUS / "kim2013_clinical_applications_of_mscs.txt").read_text(encoding="utf-8").splitlines()
    start = lines.index("Reference Disease Phase No. of patients MSC source Route Outcome") + 1
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("MSC, mesenchymal"))
    flat = re.sub(r"\s+", " ", " ".join(lines[start:end])).replace("adipose- tissue", "adipose-tissue")
    name = r"(?:von Bonin|Mohyeddin Bonab|Le Blanc|[A-Z][\w-]+)"
    cells = re.split(rf"({name} et ?al\. \[\d+\])", flat)
    out = []
    src = "|".join(re.escape(s) for s in SOURCES)
    outcome = "|".join(re.escape(o) for o in OUTCOMES)
    for ref_cell, rest in zip(cells[1::2], cells[2::2]):
        m = re.fullmatch(rf"\s*(.+?) (Ⅰ/Ⅱ|Ⅰ|Ⅱ) (\d+) ({src}) (.+?) ({outcome})\s*", rest)
        if not m:
            continue
        author, ref = re.fullmatch(r"(.+?) ?\[(\d+)\]", ref_cell).groups()
        out.append(Trial(author, int(ref), m.group(1), ROMAN[m.group(2)], m.group(3),
                         m.group(4), m.group(5), m.group(6)))
    return out


@dataclass(frozen=True)
class TableVariant:
    name: str
    layout: Layout  # the article layout it is set in
    article: str
    rules: str = "grid"  # grid | booktabs | none | zebra
    placement: str = "inline"  # inline | float | long
    rows: tuple[str, ...] = ("aGVHD", "cGVHD", "HSCT")  # diseases whose trials it lists
    max_rows: int = 10
    columns: tuple[str, ...] = ("Disease", "Phase", "No. of patients", "MSC source", "Route / dose", "Outcome",
                                "Reference")
    widths: tuple[float, ...] | None = None  # relative column widths (None: reportlab's own)
    size: float = 8.0
    cite: str = "author"  # author ('Le Blanc et al. [84]') | number ('[84]') | (superscript when the layout is)
    title: str = "Clinical trials of MSCs in GVHD"
    empty: tuple[tuple[int, str], ...] = ((2, "Phase"), (5, "Route / dose"))  # (row, column) left blank
    after: int = 3  # body paragraph the table follows


@dataclass
class TableGold:
    caption: str
    columns: list[str]
    rows: list[list[str]]  # cells as printed ('' for an empty cell); superscripts as plain digits
    keys: list[str]  # each row's citation key, as qa should see it
    references: dict[str, str]  # key -> entry as printed
    footnote: str
    before: list[str] = field(default_factory=list)  # body sentences printed just before the table
    after: list[str] = field(default_factory=list)  # ... and just after it
    ref_col: int = -1
    pages: list[int] = field(default_factory=list)  # pages the table is printed on


def _by(widths: tuple[float, ...] | None, total: float) -> list[float] | None:
    return None if widths is None else [total * w / sum(widths) for w in widths]


def _style(v: TableVariant, n_rows: int, regular: str, bold: str):
    from reportlab.lib import colors
    from reportlab.platypus import TableStyle
    cmds = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3), ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    if v.rules == "grid":
        cmds += [("GRID", (0, 0), (-1, -1), 0.5, colors.black)]
    elif v.rules in ("booktabs", "zebra"):
        cmds += [("LINEABOVE", (0, 0), (-1, 0), 1.0, colors.black), ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                 ("LINEBELOW", (0, -1), (-1, -1), 1.0, colors.black)]
    if v.rules == "zebra":
        cmds += [("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.Color(0.88, 0.9, 0.94)])]
    if v.rules == "none":
        cmds += [("RIGHTPADDING", (0, 0), (-1, -1), 8)]  # whitespace alone sets the columns apart
    return TableStyle(cmds)


def build(v: TableVariant, article: Article, layout: Layout, number: int = 1):
    """The table's flowables (caption, table, footnote), the article with the table's references
    added, and the gold. Citation keys k of the article are printed as k; a trial cited by the
    table gets the article's key of its kim2013 entry, or a new key after the last."""
    from reportlab.lib.enums import TA_LEFT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    _register_fonts()
    regular, bold, _ = FONTS[layout.font]
    article = copy.deepcopy(article)
    kim = kim_references()
    trials = [t for t in kim_trials() if any(d.strip() in v.rows for d in t.disease.split(","))][:v.max_rows]
    key_of_entry = {e: k for k, e in article.references.items()}
    # words are never split inside (splitLongWords): a cell wraps at spaces, as journals set them
    cell = ParagraphStyle("cell", fontName=regular, fontSize=v.size, leading=v.size * 1.2, alignment=TA_LEFT,
                          splitLongWords=0)
    head = ParagraphStyle("head", parent=cell, fontName=bold)
    cap = ParagraphStyle("tcap", fontName=regular, fontSize=layout.caption_size + 0.5,
                         leading=(layout.caption_size + 0.5) * 1.25, spaceBefore=8, spaceAfter=4)
    foot = ParagraphStyle("tfoot", fontName=regular, fontSize=v.size - 1, leading=(v.size - 1) * 1.2,
                          spaceBefore=3, spaceAfter=10)
    superscript = layout.cite == "superscript"
    rows, keys, data, refs = [], [], [], {}
    for i, t in enumerate(trials):
        key = key_of_entry.get(kim[t.ref])
        if key is None:
            key = max(article.references) + 1
            article.references[key] = kim[t.ref]
            key_of_entry[kim[t.ref]] = key
        keys.append(str(key))
        refs[str(key)] = kim[t.ref]
        lab = str(key) if superscript else f"[{key}]"
        ref_text = (t.author + lab if superscript else f"{t.author} {lab}") if v.cite == "author" else lab
        ref_mk = (escape(t.author) + f"<super>{key}</super>" if superscript else escape(ref_text)) \
            if v.cite == "author" else (f"<super>{key}</super>" if superscript else escape(lab))
        dose = DOSES[i % len(DOSES)] if t.route == "IV" or i % 3 == 0 else ""
        values = {"Disease": t.disease, "Phase": t.phase, "No. of patients": t.patients, "MSC source": t.source,
                  "Route / dose": f"{t.route}, {dose}" if dose else t.route, "Route": t.route,
                  "Outcome": t.outcome, "Reference": ref_text}
        for r, c in v.empty:
            if r == i:
                values[c] = ""
        printed = [values[c] for c in v.columns]
        rows.append([p.translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")) for p in printed])
        data.append([Paragraph(ref_mk if c == "Reference" else _sup(markup(values[c], layout)), cell)
                     for c in v.columns])
    header = [Paragraph(escape(c), head) for c in v.columns]
    width = A4[0] - 2 * layout.margin
    if layout.columns == 2 and v.placement != "float":
        width = (width - layout.gap) / 2
    DRAWN.clear()
    table = _Table([header] + data, colWidths=_by(v.widths, width), repeatRows=1 if v.placement == "long" else 0,
                  hAlign="LEFT")
    table.setStyle(_style(v, len(data), regular, bold))
    used = sorted({a for a in ABBREVIATIONS if any(re.search(rf"(?<![\w-]){re.escape(a)}(?![\w])", " ".join(r))
                                                   for r in rows)} | {"MSC"}, key=str.lower)
    footnote = "; ".join(f"{a}, {ABBREVIATIONS[a]}" for a in used) + "."
    caption = f"Table {number}. {v.title}"
    flows = [Spacer(1, 4), Paragraph(f"<b>Table {number}.</b> {escape(v.title)}", cap), table,
             Paragraph(escape(footnote), foot)]
    if v.placement == "inline":  # set whole where it fits (the text goes on below), as a float is
        flows = [KeepTogether(flows)]
    gold = TableGold(caption, list(v.columns), rows, keys, refs, footnote,
                     ref_col=list(v.columns).index("Reference") if "Reference" in v.columns else -1)
    return flows, article, gold


DRAWN: list[int] = []  # pages the table (or a piece of it) was drawn on, in the last build


def _Table(*args, **kw):
    """A platypus Table that notes the pages it is drawn on (its split pieces are of its class)."""
    from reportlab.platypus import Table

    global _TableClass
    if _TableClass is None:
        class Noted(Table):
            def draw(self):
                DRAWN.append(self.canv.getPageNumber())
                super().draw()
        _TableClass = Noted
    return _TableClass(*args, **kw)


_TableClass = None


def _sup(mk: str) -> str:
    """'10⁶' as reportlab markup: a raised 6."""
    return re.sub(r"([⁰¹²³⁴⁵⁶⁷⁸⁹]+)", lambda m: "<super>" + m.group(1).translate(
        str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")) + "</super>", mk)


class Stack:
    """Flowables stacked into one (the float drawn across the top of a page)."""

    def __new__(cls, flows: list, width: float):
        from reportlab.platypus import Flowable

        class _Stack(Flowable):
            def wrap(self, aw, ah):
                self.sizes = [f.wrap(width, 10_000) for f in flows]
                self.width = width
                self.height = sum(h + f.getSpaceBefore() + f.getSpaceAfter() for f, (_, h) in zip(flows, self.sizes))
                return width, self.height

            def draw(self):
                y = self.height
                for f, (_, h) in zip(flows, self.sizes):
                    y -= f.getSpaceBefore() + h
                    f.drawOn(self.canv, 0, y)
                    y -= f.getSpaceAfter()
        return _Stack()


def render_variant(v: TableVariant, path: Path, table: bool = True) -> tuple[Gold, TableGold, Article]:
    """The article with the table (`table=False`: the same article, its references included, without
    it: the baseline of the body text's figures)."""
    base = load_article(v.article)
    flows, article, tgold = build(v, base, v.layout)
    if not table:
        gold = render(article, v.layout, path)
    elif v.placement == "float":
        from reportlab.lib.pagesizes import A4
        width = A4[0] - 2 * v.layout.margin
        stack = Stack(flows[1:], width)
        _, h = stack.wrap(width, 10_000)
        gold = render(article, v.layout, path, top_float=(v.after, stack, h))
    else:
        gold = render(article, v.layout, path, inserts={v.after: flows})
    # the body sentences printed right before and after the table (in story order)
    counts = [len(p) for s in article.sections for p in s.paragraphs]
    n = sum(counts[:v.after])
    tgold.before = [s.text for s in gold.sentences[max(0, n - 2):n]]
    tgold.after = [s.text for s in gold.sentences[n:n + 2]]
    if table:
        tgold.pages = sorted(set(DRAWN))
    return gold, tgold, article


def _layout(prefix: str, **kw) -> Layout:
    base = next(lay for lay in LAYOUTS if lay.name.startswith(prefix))
    return Layout(**{**base.__dict__, **kw})


GVHD = ("aGVHD", "cGVHD", "HSCT")
AUTOIMMUNE = ("Multiple sclerosis", "SLE", "Crohn disease", "Liver cirrhosis")
REPAIR = ("OI", "Cartilage defects", "MI")

VARIANTS = [
    TableVariant("t01_grid_1col", _layout("v01", name="t01_grid_1col"), "kim2013", rules="grid",
                 widths=(14, 7, 9, 13, 20, 20, 18)),
    TableVariant("t02_booktabs_1col_helv", _layout("v04", name="t02_booktabs_1col_helv", cite="bracket", ref_label="{n}."),
                 "kim2013", rules="booktabs", rows=AUTOIMMUNE, title="Clinical trials of MSCs in autoimmune diseases",
                 widths=(16, 7, 9, 16, 20, 14, 18), empty=((1, "Outcome"), (4, "Route / dose"))),
    TableVariant("t03_norules_1col", _layout("v08", name="t03_norules_1col", font="Times", ligatures=False), "kim2013",
                 rules="none", rows=REPAIR, title="Clinical trials of MSCs in tissue repair", max_rows=9,
                 widths=(14, 7, 9, 12, 24, 16, 18)),
    TableVariant("t04_zebra_1col_refirst", _layout("v01", name="t04_zebra_1col_refirst", font="Helvetica", size=9),
                 "kim2013", rules="zebra", columns=("Reference", "Disease", "Phase", "No. of patients", "MSC source",
                                                     "Route / dose", "Outcome"),
                 widths=(19, 14, 7, 9, 14, 20, 17)),
    TableVariant("t05_float_2col_booktabs", _layout("v03", name="t05_float_2col_booktabs"), "kim2013",
                 rules="booktabs", placement="float", widths=(14, 7, 9, 13, 20, 20, 17), after=2),
    TableVariant("t06_long_1col_grid_refnum", _layout("v01", name="t06_long_1col_grid_refnum"), "kim2013", rules="grid",
                 placement="long", rows=GVHD + AUTOIMMUNE, max_rows=15, size=8.5, cite="number",
                 title="Clinical trials of mesenchymal stem cell therapy", widths=(14, 7, 9, 14, 22, 26, 8), after=3),
    TableVariant("t07_narrow_2col_super", _layout("v02", name="t07_narrow_2col_super"), "pmc3782548", rules="grid",
                 columns=("Disease", "Phase", "No. of patients", "Route / dose", "Outcome", "Reference"),
                 widths=(13, 8, 12, 27, 22, 18), size=7.0, max_rows=8),
    TableVariant("t08_narrow_2col_bracket_booktabs", _layout("v09", name="t08_narrow_2col_bracket_booktabs",
                                                             cite="bracket"),
                 "kim2013", rules="booktabs", columns=("Disease", "No. of patients", "MSC source", "Outcome", "Reference"),
                 rows=AUTOIMMUNE + REPAIR, widths=(20, 14, 20, 24, 22), size=7.5, max_rows=12,
                 title="Trials of MSCs in autoimmune disease and tissue repair", empty=((3, "MSC source"),)),
]
