"""Synthetic article PDFs written with PDFium's own writer, for layout tests that need a shape
no real article in ../shared/pdfs shows on its own (or shows only once): headings of any case
and font, reference lists with numbers set apart, in two columns, after a figure legend.

Text is placed with the 14 standard PDF fonts at exact positions and sizes; lines are wrapped
by an average glyph width, which is all the layout reader needs (it reads real glyph boxes).
"""
from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from pathlib import Path

WIDTH, HEIGHT = 595.0, 842.0
AVERAGE_GLYPH = 0.47  # ems per character, for wrapping only


@dataclass
class Page:
    """Text runs of one page: (x, baseline y, size, standard font name, text)."""

    runs: list[tuple[float, float, float, str, str]] = field(default_factory=list)

    def text(self, x: float, y: float, size: float, font: str, text: str) -> None:
        self.runs.append((x, y, size, font, text))

    def paragraph(self, x: float, y: float, width: float, size: float, font: str, text: str,
                  leading: float = 1.2, indent: float = 0.0, hanging: float = 0.0) -> float:
        """Wrap `text` into the column from baseline y down; returns the next free baseline.
        `indent`: first-line indent; `hanging`: indent of every line but the first."""
        for dx, line in wrap(text, width, size, indent, hanging):
            self.text(x + dx, y, size, font, line)
            y -= leading * size
        return y


def wrap(text: str, width: float, size: float, indent: float = 0.0, hanging: float = 0.0) -> list[tuple[float, str]]:
    """Lines of `text` set in a column `width` wide, each with its indent."""
    per_line = max(int(width / (AVERAGE_GLYPH * size)), 10)
    lines: list[str] = []
    current = ""
    for word in text.split():
        room = per_line - (indent if not lines else hanging) / (AVERAGE_GLYPH * size)
        if current and len(current) + 1 + len(word) > room:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        lines.append(current)
    return [(indent if k == 0 else hanging, line) for k, line in enumerate(lines)]


def write_pdf(path: Path, pages: list[Page]) -> Path:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument.new()
    fonts: dict[str, object] = {}
    for spec in pages:
        page = doc.new_page(WIDTH, HEIGHT)
        for x, y, size, font, text in spec.runs:
            if font not in fonts:
                fonts[font] = raw.FPDFText_LoadStandardFont(doc, font.encode())
            obj = raw.FPDFPageObj_CreateTextObj(doc, fonts[font], size)
            buf = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
            raw.FPDFText_SetText(obj, ctypes.cast(buf, ctypes.POINTER(raw.FPDF_WCHAR)))
            raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
            raw.FPDFPage_InsertObject(page, obj)
        raw.FPDFPage_GenerateContent(page)
    doc.save(str(path))
    return path


SENTENCES = [
    "Mesenchymal stromal cells were isolated from the bone marrow of healthy donors and expanded in culture for three passages before use",
    "The cells expressed the usual surface markers and differentiated into bone, fat and cartilage when induced",
    "Proliferation was measured every day for two weeks and the doubling time stayed constant across donors",
    "Conditioned medium reduced the activation of T cells in a dose dependent manner in every experiment",
    "These effects were lost when the cells were pretreated with an inhibitor of the enzyme that makes prostaglandin",
    "We therefore asked whether the same pathway acts in animals that received the cells by intravenous infusion",
    "Survival improved in treated animals and the histology of the liver and gut showed less inflammation",
]


def body_text(n: int, cite: str = "[{k}]", start: int = 0) -> str:
    """n sentences of plain prose, each ending with a citation of the given printed shape."""
    out = []
    for i in range(n):
        k = (start + i) % 6 + 1
        out.append(f"{SENTENCES[(start + i) % len(SENTENCES)]} {cite.format(k=k)}.")
    return " ".join(out)


SURNAMES = ["Abbott", "Baker", "Carter", "Dawson", "Ellis", "Fisher", "Garcia", "Hughes", "Ito", "Jensen",
            "Kumar", "Larsen", "Moreno", "Nolan", "Ortiz", "Patel", "Quinn", "Reyes", "Sato", "Turner",
            "Ueda", "Vargas", "Walsh", "Xu", "Young", "Zhou"]


def reference(k: int, style: str) -> str:
    """Entry k (1-based) of a reference list, printed in one of the usual styles, each entry
    different in authors, title, journal and numbers (as a real list is)."""
    first, second = SURNAMES[(k - 1) % len(SURNAMES)], SURNAMES[(k * 7) % len(SURNAMES)]
    words = SENTENCES[k % len(SENTENCES)].split()
    title = " ".join(words[k % 5: k % 5 + 6 + k % 4]).capitalize()
    journal = ["J Immunol", "Stem Cells", "Blood", "Cell Rep", "Nat Med", "Cytotherapy"][k % 6]
    year = 1990 + (k * 3) % 34
    if style == "author_year":
        return f"{first} {'ABCDEFG'[k % 7]}, {second} K. {year}. {title}. {journal} {k + 10}:{100 + 7 * k}-{109 + 7 * k}."
    if style == "vancouver":  # the journal, year, volume and pages after the title's full stop
        return f"{first} {'ABCDEFG'[k % 7]}, {second} K. {title}. {journal} {year};{k + 10}:{100 + 7 * k}-{109 + 7 * k}."
    if style == "springer":  # the year in parentheses after the authors; every third entry by one author
        authors = f"{first} {'ABCDEFG'[k % 7]}" + ("" if k % 3 == 0 else f", {second} K")
        return f"{authors} ({year}) {title}. {journal} {k + 10}:{100 + 7 * k}-{109 + 7 * k}."
    return f"{first[0]}. {first}, K. {second}, {title}. {journal} {k + 10}, {100 + 7 * k}-{109 + 7 * k} ({year})."
