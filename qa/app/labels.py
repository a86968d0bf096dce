"""How the readable output writes a quote's citation labels (the CLI, the TUI and the text copied from it):
a label as printed, one per study, a "cites" list in one style, and the mark of a number the quote does not
print but carries over from the sentence before it (or after it): qa.answer.inherited gives an uncited
quote the citation of the study it goes on describing, and a reader must see that the number is not in
the quoted words.
"""
from __future__ import annotations

from qa.models import Citation, Span

CARRIED_BEFORE = "↑"  # the number stands in the sentence before the quote
CARRIED_AFTER = "↓"  # ... in the sentence after it


PLAIN_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def citation_label(c: Citation) -> str:
    """The label as printed, whitespace folded; glued superscripts are bracketed in plain digits
    (`[25]`, `[1-4]` for a PDF's '¹⁻⁴')."""
    if c.style == "superscript":
        return f"[{' '.join(c.label.split()).strip(' ,;').translate(PLAIN_DIGITS)}]"
    return " ".join(c.label.split())


def carried_from(c: Citation, span: Span | None) -> str | None:
    """'before' or 'after' for a citation of `span` printed outside the quoted words (in the sentence
    before or after it), else None: what `qa ask --json` says as a span citation's `carried`."""
    if span is None or span.start <= c.start < span.end:
        return None
    return "before" if c.start < span.start else "after"


def carried_mark(c: Citation, span: Span | None) -> str:
    """`CARRIED_BEFORE` or `CARRIED_AFTER` for a citation of `span` printed outside the quoted words,
    else ''."""
    side = carried_from(c, span)
    return "" if side is None else CARRIED_BEFORE if side == "before" else CARRIED_AFTER


def unique_labels(citations: list[Citation]) -> list[str]:
    seen: list[str] = []
    for c in citations:
        label = citation_label(c)
        if label not in seen:
            seen.append(label)
    return seen


def key_labels(citations: list[Citation], span: Span | None = None) -> list[str]:
    """One label per cited study, for a "cites" list: a narrative mention ("Onken et al.") and the
    dated citation of the same key ("Onken et al., 2006") are one study, named by the dated label
    (user trial 6 saw "cites Onken et al. Duijvestein et al. Onken et al., 2006 ..."). Given the
    quote, a label it carries over is marked ('[94]↑'), unless the quote also prints that study."""
    best: dict[str, tuple[str, str]] = {}
    for c in citations:
        label, mark = citation_label(c), carried_mark(c, span)
        old = best.get(c.key)
        if old is None or (old[1] and not mark) or (
                old[1] == mark and any(ch.isdigit() for ch in label) and not any(ch.isdigit() for ch in old[0])):
            best[c.key] = (label, mark)
    return list(dict.fromkeys(label + mark for label, mark in best.values()))


def joined_labels(labels: list[str]) -> str:
    """A "cites" list in one style: numbers side by side ('[86] [89]'), author-year labels as one
    parenthesised list whether the text printed them in one group or apart (user trial 8:
    '(Garcia-Olmo et al., 2005)' kept its parentheses, 'Onken et al., 2006 Duijvestein et al.,
    2010' had none and no separator); a carried-over label keeps its mark ('(Villanueva et al., 2011↑)')."""
    def bare(label: str) -> str:
        mark = label[-1] if label[-1:] in (CARRIED_BEFORE, CARRIED_AFTER) else ""
        core = label[:len(label) - len(mark)]
        return (core[1:-1].strip() if core.startswith("(") and core.endswith(")") else core) + mark

    names = [bare(label) for label in labels if any(ch.isalpha() for ch in label)]
    numbers = [label for label in labels if not any(ch.isalpha() for ch in label)]
    return " ".join(numbers + ([f"({'; '.join(names)})"] if names else []))
