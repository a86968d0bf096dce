"""`qa add`, `qa docs`, `qa remove`: the user's own articles in the corpus.

Adding checks every file first (one line per refused file, nothing of it written), copies the
good ones into the corpus folder with their manifest entries, then brings the index up to
date through the normal index path; `qa docs` lists what the index holds for each document.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from qa.errors import QAError


def _update_index(settings):
    from qa.app.progress import stderr_progress
    from qa.index.load import open_index

    return open_index(settings, progress=stderr_progress)


def _merge_if_due(settings, manifest: dict) -> None:
    """After a change wrote a segment: start the background merge once enough have piled up."""
    from qa.index.background import needs_merge, start_merge
    from qa.index.segments import segment_count

    if needs_merge(settings, manifest):
        log = start_merge(settings)
        print(f"merging {segment_count(manifest)} index segments in the background (log: {log})", file=sys.stderr)


def cmd_add(args: argparse.Namespace, settings) -> int:
    from qa.ingest.library import add_files

    added, errors = add_files(args.files, Path(settings.corpus_dir), doc_id=args.id,
                              max_pages=settings.ingest.pdf_max_pages)
    for line in errors:
        print(f"qa: {line}", file=sys.stderr)
    if not added:
        return 2
    for item in added:
        for warning in item.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    if args.no_index:
        for item in added:
            print(f"added {item.entry['id']}: {item.entry.get('title') or '(no title found)'} (index not updated)")
        return 1 if errors else 0
    index = _update_index(settings)
    _merge_if_due(settings, index.manifest)
    docs = {d.id: d for d in index.documents}
    for item in added:
        doc = docs.get(item.entry["id"])
        what = f"{item.pages} pages, " if item.pages else ""
        if doc is None:
            print(f"added {item.entry['id']} ({what}not in the index: see the warnings)")
            continue
        print(f"added {doc.id} ({what}{doc.citation_style} citations, {len(doc.references)} references): "
              f"{doc.meta.title or '(no title found)'}"
              + (f" [{doc.meta.year}]" if doc.meta.year else "") + (f" doi:{doc.meta.doi}" if doc.meta.doi else ""))
    return 1 if errors else 0


def doc_rows(settings) -> list[dict]:
    """One row per manifest entry: its metadata and, once indexed, what ingestion found
    (detected citation style, citations, how many resolve, the reference list)."""
    from qa.app.docs import document_summary
    from qa.ingest.corpus import load_manifest

    index = _update_index(settings)
    ingested = {d.id: d for d in index.documents}
    rows = []
    for meta in load_manifest(Path(settings.corpus_dir)):
        doc = ingested.get(meta.id)
        row = {"id": meta.id, "title": meta.title, "year": meta.year, "doi": meta.doi,
               "file": meta.file, "source": meta.source, "confirmed": meta.confirmed,
               "indexed": doc is not None}
        row.update(document_summary(doc) if doc is not None else
                   {"citation_style": None, "style": "not indexed", "citations": None, "references": None,
                    "warnings": []})
        rows.append(row)
    return rows


def cmd_docs(args: argparse.Namespace, settings) -> int:
    rows = doc_rows(settings)
    for r in rows:
        for warning in r.get("warnings", []):
            print(f"warning: {warning}", file=sys.stderr)
    if args.json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return 0
    for r in rows:
        state = "metadata confirmed" if r["confirmed"] else "metadata unconfirmed"
        title = r["title"] if len(r["title"] or "") <= 70 else r["title"][:67] + "..."
        if r["indexed"]:
            cited = r["citations"]
            share = f"{r['resolved']}/{cited} resolved" if cited else "none resolved"
            found = (f"citations {r['style']}; {cited} citations of {r['keys']} keys ({share}); "
                     f"reference list: {r['references'] or 'none found'}")
        else:
            found = "not indexed (see the warnings)"
        print(f"{r['id']}: {found}; {r['year'] or '-'}; {state}; {title or '(no title)'}")
    return 0


def cmd_remove(args: argparse.Namespace, settings) -> int:
    from qa.ingest.library import remove_document

    removed = remove_document(Path(settings.corpus_dir), args.doc_id)
    if not args.no_index:
        _merge_if_due(settings, _update_index(settings).manifest)
    print(f"removed {args.doc_id} ({', '.join(removed) or 'no files'} deleted)")
    return 0


def add_parsers(sub, common) -> None:
    """The three subcommands, for qa.app.cli's parser."""
    p = sub.add_parser("add", parents=[common], help="add .pdf/.txt articles (or a folder of them) to the corpus")
    p.add_argument("files", nargs="+", type=Path, help="files or folders")
    p.add_argument("--id", help="document id (one file only; default: from the file name)")
    p.add_argument("--no-index", action="store_true", help="do not update the index now (the next command will)")
    p = sub.add_parser("docs", parents=[common], help="list the corpus documents")
    p.add_argument("--json", action="store_true", help="one JSON object per document")
    p = sub.add_parser("remove", parents=[common], help="remove a document from the corpus")
    p.add_argument("doc_id")
    p.add_argument("--no-index", action="store_true", help="do not update the index now (the next command will)")


def run(name: str, args: argparse.Namespace, settings) -> int:
    commands = {"add": cmd_add, "docs": cmd_docs, "remove": cmd_remove}
    if name not in commands:
        raise QAError(f"unknown command {name}")
    return commands[name](args, settings)
