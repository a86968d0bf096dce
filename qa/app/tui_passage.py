"""A passage's text as the chat shows it: citation labels styled, lost exponents restored, a span
highlighted (`rich.text.Text`, never markup). Apart from the panes that use it (`qa.app.tui_text`)
because every pane shows passages this one way, and offsets into the text must survive the styling.
"""
from __future__ import annotations

from rich.text import Text

from qa.app.exponents import find_lost_exponents
from qa.app.render import citation_label
from qa.models import Citation

CITATION_STYLE = "bold cyan"
SELECTED_CITATION_STYLE = "bold black on cyan"
HIGHLIGHT_STYLE = "bold black on yellow"
RESTORED_STYLE = "italic magenta"


def flat(text: str) -> str:
    """Newlines to spaces: same length, so offsets into the text stay valid."""
    return text.replace("\r", " ").replace("\n", " ")


def styled_passage(
    text: str, offset: int, citations: list[Citation], *, highlight: tuple[int, int] | None = None
) -> Text:
    """`text` (which starts at document offset `offset`) with citation labels styled.

    Labels are shown as printed, superscripts as `[n]`; lost exponents as their reading with a
    marker; `highlight` (document offsets) is painted over the result. Nothing is markup.
    """
    regions: dict[tuple[int, int], Text] = {}
    for citation in citations:
        start, end = citation.start - offset, citation.end - offset
        if 0 <= start < end <= len(text) and (start, end) not in regions:
            shown = citation_label(citation) if citation.style == "superscript" else flat(text[start:end])
            regions[(start, end)] = Text(shown, style=CITATION_STYLE)
    for r in find_lost_exponents(text):
        regions.setdefault((r.start, r.end), Text(r.display, style=RESTORED_STYLE))
    out = Text()
    position = 0
    mapping: list[tuple[int, int]] = []  # (source offset, output offset) anchors
    for (start, end), shown in sorted(regions.items()):
        if start < position:
            continue  # overlapping regions: keep the first
        mapping.append((position, len(out)))
        out.append(flat(text[position:start]))
        mapping.append((start, len(out)))
        out.append_text(shown)
        position = end
    mapping.append((position, len(out)))
    out.append(flat(text[position:]))
    mapping.append((len(text), len(out)))
    if highlight is not None:
        lo, hi = highlight[0] - offset, highlight[1] - offset
        lo, hi = max(lo, 0), min(hi, len(text))
        if lo < hi:
            out.stylize(HIGHLIGHT_STYLE, _map(mapping, lo), _map(mapping, hi))
    return out


def _map(anchors: list[tuple[int, int]], source: int) -> int:
    """Source offset to output offset (anchors are ascending; regions may change length)."""
    result = 0
    for src, dst in anchors:
        if src <= source:
            result = dst + (source - src)
        else:
            break
    return result
