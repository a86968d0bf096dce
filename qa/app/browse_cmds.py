"""`qa show`, `qa passages`, `qa refs`, `qa schema`, `qa completion`: browsing passages and reference
lists, the JSON schemas, shell completion."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from qa.app.cli_support import emit, settings_from, width
from qa.app.study_cmds import _print_studies, _studies_index
from qa.errors import QAError


def cmd_show(args: argparse.Namespace) -> int:
    from qa.app.progress import stderr_progress
    from qa.app.render import show_rich
    from qa.app.schema import ShowOut, passage_out
    from qa.index.load import open_index

    index = open_index(settings_from(args), progress=stderr_progress)
    wanted = args.passage_id.strip()
    row = index.rows.get(wanted)
    if row is None:
        matches = index.rows.with_prefix(wanted) if wanted else []
        if len(matches) != 1:
            what = "matches several passages" if matches else "is not a passage id"
            raise QAError(f"{wanted!r} {what} (ids are printed by qa search, qa ask and qa passages)")
        row = matches[0]
    passage = index.passages[row]
    same = lambda r: 0 <= r < len(index.passages) and index.passages[r].doc_id == passage.doc_id  # noqa: E731
    context = min(args.context, len(index.passages))  # '-C 99999999999' walked every number: no document is longer
    before = [index.passages[r] for r in range(max(0, row - context), row) if same(r)]
    after = [index.passages[r] for r in range(row + 1, min(len(index.passages), row + 1 + context)) if same(r)]
    if args.json:
        print(ShowOut(passage=passage_out(passage), before=[passage_out(p) for p in before],
                      after=[passage_out(p) for p in after]).to_json())
    else:
        emit(show_rich(before, passage, after, width()), args)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from qa.app.schema import SCHEMAS, json_schema

    if args.kind:
        if args.kind not in SCHEMAS:
            raise QAError(f"unknown kind {args.kind!r}; known: {', '.join(sorted(SCHEMAS))}")
        print(json.dumps(json_schema(args.kind), indent=1, ensure_ascii=False))
    else:
        print(json.dumps({"schema": "qa/schemas/v1",
                          "kinds": {kind: json_schema(kind) for kind in sorted(SCHEMAS)}},
                         indent=1, ensure_ascii=False))
    return 0


def cmd_completion(args: argparse.Namespace) -> int:
    import argcomplete

    sys.stdout.write(argcomplete.shellcode(["qa"], shell=args.shell))
    return 0


def cmd_passages(args: argparse.Namespace) -> int:
    from qa import validate
    from qa.ingest.pipeline import ingest_corpus
    from qa.app.render import passage_json, passage_rich

    corpus = ingest_corpus(settings_from(args))
    for warning in corpus.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    docs = validate.docs(args.doc, [d.id for d in corpus.documents])
    columns = width()
    for p in corpus.passages:
        if docs and p.doc_id not in docs:
            continue
        if args.json:
            sys.stdout.write(json.dumps(passage_json(p), ensure_ascii=False) + "\n")
        else:
            text = passage_rich(p, columns)
            text.append("\n")
            emit(text, args)
    return 0


def cmd_refs(args: argparse.Namespace) -> int:
    if getattr(args, "format", "text") not in ("text", "json"):  # the review's studies, exported
        from qa.models import key_order

        index = _studies_index(args)
        index.document(args.doc_id)
        own = [(c.key, s) for s in index.studies.studies for c in s.cited_by if c.doc_id == args.doc_id]
        _print_studies([s for _, s in sorted(own, key=lambda x: key_order(x[0]))], args.format)
        return 0
    if getattr(args, "format", "text") == "json":
        args.json = True
    from qa.ingest.corpus import read_corpus
    from qa.ingest.pipeline import ingest_document

    settings = settings_from(args)
    files = read_corpus(Path(settings.corpus_dir), settings.ingest.max_file_mb)
    raw = next((d for d in files.documents if d.meta.id == args.doc_id), None)
    if raw is None:
        known = ", ".join(d.meta.id for d in files.documents)
        raise QAError(f"unknown document {args.doc_id!r}; known: {known}")
    doc, _ = ingest_document(raw, settings.ingest.passage_min_words, settings.ingest.passage_max_words)
    if not doc.references:
        print(f"{doc.id}: no reference list in the text (citations stay unresolved keys)", file=sys.stderr)
    from qa.app.schema import ReferenceLine

    from qa.app.cli_support import write_fitted

    for ref in doc.references:
        if args.json:
            print(ReferenceLine(**ref.model_dump()).to_json())
        else:
            write_fitted(f"[{ref.key}] {ref.text}\n")
    return 0
