"""`qa docs`: each document's detected citation style, citations and reference list at a glance.

A document whose style could not be detected is shown as 'unknown', so a user sees why it
carries no citations instead of finding out from empty answers.
"""
from __future__ import annotations

from qa.models import Document

STYLE_NAMES = {
    "numeric": "numbered [brackets]",
    "numeric_paren": "numbered (parentheses)",
    "superscript": "superscript numbers",
    "author_year": "author-year",
    "none": "none (fixed in the manifest)",
    "unknown": "unknown: too little evidence, no citations taken",
}


def document_summary(doc: Document) -> dict[str, object]:
    resolved = sum(1 for c in doc.citations if c.resolved)
    return {
        "id": doc.id,
        "citation_style": doc.citation_style,
        "style": STYLE_NAMES.get(doc.citation_style, doc.citation_style),
        "citations": len(doc.citations),
        "keys": len({c.key for c in doc.citations}),
        "resolved": resolved,
        "references": len(doc.references),
        "warnings": list(doc.warnings),
    }
