"""`qa show`, `qa schema`, `qa completion`: browsing passages, the JSON schemas, shell completion."""
from __future__ import annotations

import argparse
import json
import sys

from qa.app.cli_support import check_request, emit, read_stdin, settings_from, width  # noqa: F401
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
