"""Human and machine renderings of passages, hits and answers (shared by CLI and TUI copy)."""
from __future__ import annotations

import textwrap

from qa.models import NOT_FOUND_MESSAGE, Answer, Citation, Hit, Passage, key_order

WIDTH = 100


def citation_label(c: Citation) -> str:
    """The label as printed, whitespace folded; glued superscripts are bracketed (`[25]`)."""
    if c.style == "superscript":
        return f"[{' '.join(c.label.split()).strip(' ,;')}]"
    return " ".join(c.label.split())


def unique_labels(citations: list[Citation]) -> list[str]:
    seen: list[str] = []
    for c in citations:
        label = citation_label(c)
        if label not in seen:
            seen.append(label)
    return seen


def passage_json(p: Passage) -> dict:
    return p.model_dump(mode="json")


def hit_json(h: Hit) -> dict:
    return {"rank": h.rank, "score": h.score, "bm25_rank": h.bm25_rank, "bm25_score": h.bm25_score,
            "dense_rank": h.dense_rank, "dense_score": h.dense_score, "passage": passage_json(h.passage)}


def hits_json(question: str, hits: list[Hit]) -> dict:
    return {"question": question, "hits": [hit_json(h) for h in hits]}


def indent(text: str, prefix: str = "    ") -> str:
    return textwrap.fill(" ".join(text.split()), width=WIDTH, initial_indent=prefix,
                         subsequent_indent=prefix)


def passage_text(p: Passage) -> str:
    cites = ", ".join(sorted({c.key for c in p.citations}, key=key_order)) or "-"
    return f"{p.id} {p.doc_id} [{p.section}] ({p.kind}, {p.start}-{p.end}) cites: {cites}\n{indent(p.text)}\n"


def _rank(value: int | None) -> str:
    return "-" if value is None else str(value)


def hits_text(question: str, hits: list[Hit]) -> str:
    lines = [f"Q: {question}", ""]
    if not hits:
        lines.append("no passages matched")
    for h in hits:
        p = h.passage
        lines.append(f"{h.rank:>2}. {p.doc_id} · {p.section}  score {h.score:.4f} "
                     f"(bm25 #{_rank(h.bm25_rank)}, dense #{_rank(h.dense_rank)})")
        lines.append(indent(p.text))
        labels = unique_labels(p.citations)
        if labels:
            lines.append(indent("cites: " + " ".join(labels)))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def answer_json(a: Answer) -> dict:
    return {
        "question": a.question,
        "found": a.found,
        "kind": a.kind,
        "message": a.message,
        "spans": [
            {"text": s.text, "doc_id": s.doc_id, "passage_id": s.passage_id, "start": s.start,
             "end": s.end, "score": s.score,
             "citations": [{"key": c.key, "label": c.label, "reference": c.reference} for c in s.citations]}
            for s in a.spans
        ],
        "references": [r.model_dump(mode="json") for r in a.references],
        "documents": [d.model_dump(mode="json") for d in a.documents],
        "studies": [r.model_dump(mode="json") for r in a.studies],
        "passages": [hit_json(h) for h in a.passages],
    }


def answer_text(a: Answer, titles: dict[str, str] | None = None, spans: bool = False) -> str:
    """The readable answer: for sources answers the study table first (qa/app/study_view.py)
    and the spans compactly (`spans=True`: in full); otherwise spans, then the references."""
    titles = titles or {}
    lines = [f"Q: {a.question}", ""]
    if not a.found:
        lines.append(a.message or NOT_FOUND_MESSAGE)
        if a.passages:
            lines += ["", "Nearest passages (not an answer):"]
            for h in a.passages[:3]:
                lines.append(f"  - {h.passage.doc_id} · {h.passage.section}")
                lines.append(indent(h.passage.text[:300] + ("..." if len(h.passage.text) > 300 else "")))
        return "\n".join(lines).rstrip() + "\n"
    if a.message:
        lines += [a.message, ""]
    compact = bool(a.studies) and not spans
    if a.studies:
        from qa.app.study_view import documents_text, study_rows_text

        lines += study_rows_text(a.studies) + [""] + documents_text(a.documents) + ["", "Spans"]
    for i, s in enumerate(a.spans, 1):
        labels = " ".join(unique_labels(s.citations))
        lines.append(f"{i}. {s.doc_id} ({s.start}-{s.end})" + (f"  cites {labels}" if labels else ""))
        text = " ".join(s.text.split())
        lines.append(indent(text[:WIDTH - 9] + "…" if compact and len(text) > WIDTH - 8 else text))
        if not compact:
            lines.append("")
    if a.documents and not a.studies:
        from qa.app.study_view import documents_text

        lines += documents_text(a.documents) + [""]
    if a.references and not compact:
        lines.append("References")
        current = None
        for r in a.references:
            if r.doc_id != current:
                current = r.doc_id
                title = titles.get(r.doc_id)
                lines.append(f"  {r.doc_id}" + (f" — {title}" if title else ""))
            entry = r.text if r.text else f"no full entry: {r.reason or 'not in the reference list as extracted'}"
            key = f"[{r.key}]" if r.key.isdigit() else r.key
            support = f" (cited by {r.support} span{'s' if r.support != 1 else ''})" if r.support > 1 else ""
            lines.append(textwrap.fill(f"{key} {entry}{support}", width=WIDTH, initial_indent="    ",
                                       subsequent_indent="      "))
    return "\n".join(lines).rstrip() + "\n"
