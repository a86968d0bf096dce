"""`qa add`, `qa docs`, `qa remove`, `qa restore`: the user's own articles in the corpus.

The work is done by `qa.app.articles`, the same code as the library's `qa.add`, `qa.remove`,
`qa.restore` and `qa.documents`: every file is checked first; a named file that is refused stops
the whole add (nothing written), files found in folders that are not articles are skipped and
summed up in one line; an index update that fails takes the change back; an interrupted one
leaves it in place and says so. This module reads the options, asks before a large folder add,
prints the lines the work tells as it goes, and reports the result.
"""
from __future__ import annotations

import argparse
import shlex
import sys
import time

from qa.app.cli_support import interrupt_status, library_flags, one_line, write_fitted
from qa.errors import QAError


def _tell(line: str) -> None:
    print(one_line(line), file=sys.stderr)


def _progress():
    from qa.app.progress import stderr_progress

    return stderr_progress


CONFIRM_ABOVE = 10  # a folder add of more files than this asks first (on a terminal)


def _confirmed(plan, args) -> bool:
    """A folder that yields many files is listed and confirmed first when a person is there
    to answer (stdin a terminal); scripts and --yes go ahead, --dry-run never writes."""
    if args.yes or len(plan.ready) <= CONFIRM_ABOVE or not any(p.is_dir() for p in args.files):
        return True
    if not (sys.stdin and sys.stdin.isatty()):
        return True
    for item in plan.ready:
        print(one_line(f"  {item.path} -> {item.entry['id']}"), file=sys.stderr)
    sys.stderr.write(f"add these {len(plan.ready)} files to the corpus? [y/N] ")
    sys.stderr.flush()
    return sys.stdin.readline().strip().lower() in ("y", "yes")


DRY_RUN_HINT = "--dry-run gives each reason"


def _dry_run(args: argparse.Namespace, settings, metadata: dict) -> int:
    """`qa add --dry-run`: what `qa.add(..., dry_run=True)` reports, nothing written: each file
    that would be added (its id, passages, citations), each skipped, each refused (exit 2)."""
    from qa.app.add_preview import preview_articles

    preview = preview_articles(args.files, settings, doc_id=args.id, metadata=metadata, tell=_tell)
    for line in preview.messages:
        _tell(line)
    for item in preview.would_add:
        pages = f"{item.pages} pages, " if item.pages else ""
        cited = (f", {item.citation_style} citations, {item.references} references"
                 if item.citation_style is not None else "")
        write_fitted(one_line(f"would add {item.path} as {item.id} ({pages}{item.passages} passages{cited})") + "\n")
        for warning in item.warnings:
            _tell(f"warning: {warning}")
    for path, why in preview.skipped.items():
        write_fitted(one_line(f"would skip {path}: {why}") + "\n")
    for why in preview.refused.values():
        _tell(f"qa: {why}")
    n = len(preview.would_add)
    counts = f"{n} file{'s' if n != 1 else ''} {'ready' if preview.refused else 'would be added'}, " \
             f"{len(preview.skipped)} skipped"
    if preview.refused:
        r = len(preview.refused)
        write_fitted(f"{counts}, {r} refused: nothing would be added (a named file that cannot be added stops the "
                     "add; nothing was written)\n")
        return 2
    write_fitted(f"{counts} (nothing was written)\n")
    return 0


def cmd_add(args: argparse.Namespace, settings) -> int:
    """`qa add`; to a folder that does not exist or is empty, it starts a new library there (taken
    back if nothing is added). A bad option value is the library's `ArgumentError`, which `qa`
    prints in the options' names (`cli_support.OPTION_NAMES`)."""
    from qa.app.add_arguments import checked_metadata, named_paths

    args.files = named_paths(args.files)  # as typed: 'papers/' names a folder
    metadata = checked_metadata(args.title, args.author, args.year, args.journal, args.doi)
    if args.dry_run:
        return _dry_run(args, settings, metadata)
    return _add(args, settings, metadata)


def _add(args: argparse.Namespace, settings, metadata: dict) -> int:
    """The add, its progress on stderr (each file as it is read, then the index update), one line
    per article added and a last line with the counts and the time taken (user trial 53)."""
    from qa.app.article_changes import AddRefused, add_articles, skipped_line
    from qa.app.progress import AddProgress

    started = time.monotonic()
    try:
        result = add_articles(args.files, settings, doc_id=args.id, metadata=metadata,
                              update_index=not args.no_index, tell=_tell, progress=AddProgress(),
                              confirm=lambda plan: _confirmed(plan, args), skipped_hint=DRY_RUN_HINT)
    except AddRefused as refused:
        for line in refused.errors:
            _tell(f"qa: {line}")
        plan = refused.plan
        if plan.skipped:
            _tell(skipped_line(plan, DRY_RUN_HINT))
        if plan.ready:  # else the refusal itself is the one line
            _tell(f"qa: nothing was added (the corpus is unchanged), though {len(plan.ready)} other "
                  f"file{'s were' if len(plan.ready) > 1 else ' was'} ready")
        return 2
    if not result.added:
        _tell("qa: nothing to add")
        return 1
    for item in result.added:
        pages = f"{item.pages} pages, " if item.pages else ""
        if args.no_index:
            write_fitted(f"added {item.id}: {item.title or '(no title found)'} (index not updated)\n")
        elif not item.indexed:
            write_fitted(f"added {item.id} ({pages}not in the index: see the warnings)\n")
        else:
            write_fitted(f"added {item.id} ({pages}{item.citation_style} citations, {item.references} references): "
                         f"{item.title or '(no title found)'}"
                         + (f" [{item.year}]" if item.year else "") + (f" doi:{item.doi}" if item.doi else "") + "\n")
    write_fitted(added_summary(len(result.added), len(result.skipped), time.monotonic() - started,
                               not args.no_index) + "\n")
    return 0


def added_summary(added: int, skipped: int, seconds: float, indexed: bool) -> str:
    """The last line of `qa add`: '2 new articles, 1 file skipped, index updated; 41.2 s'."""
    return (f"{added} new article{'s' if added != 1 else ''}, {skipped} file{'s' if skipped != 1 else ''} skipped, "
            f"index {'updated' if indexed else 'not updated'}; {seconds:.1f} s")


def cmd_docs(args: argparse.Namespace, settings) -> int:
    from qa.app.docs import document_rows

    rows = document_rows(settings, progress=_progress())
    for row in rows:
        for warning in row.warnings:
            _tell(f"warning: {warning}")
    if args.json:
        for row in rows:
            print(row.to_json())
        return 0
    for r in rows:
        state = "metadata confirmed" if r.confirmed else "metadata unconfirmed"
        title = r.title if len(r.title or "") <= 70 else r.title[:67] + "..."
        if r.indexed:
            share = f"{r.resolved}/{r.citations} resolved" if r.citations else "none resolved"
            found = (f"citations {r.style}; {r.citations} citations of {r.keys} keys ({share}); "
                     f"reference list: {r.references or 'none found'}")
        else:
            found = "not indexed (see the warnings)"
        write_fitted(f"{r.id}: {found}; {r.year or '-'}; {state}; {title or '(no title)'}\n")
    return 0


def _moved(kind: str, args: argparse.Namespace, settings):
    """A remove or restore with `qa add`'s progress (the move on a terminal, then the index update's
    steps) and its last line of counts and time, returned with the `MovedArticle`."""
    from qa.app.article_moves import move_article
    from qa.app.progress import AddProgress

    started = time.monotonic()
    moved = move_article(kind, args.doc_id, settings, update_index=not args.no_index, tell=_tell,
                         progress=AddProgress())
    return moved, moved_summary(f"{kind}d", time.monotonic() - started, not args.no_index)


def moved_summary(done: str, seconds: float, indexed: bool) -> str:
    """The last line of `qa remove` and `qa restore`, as `added_summary` is `qa add`'s:
    '1 article removed, index updated; 3.4 s'."""
    return f"1 article {done}, index {'updated' if indexed else 'not updated'}; {seconds:.1f} s"


def cmd_remove(args: argparse.Namespace, settings) -> int:
    removed, summary = _moved("remove", args, settings)
    write_fitted(f"removed {args.doc_id} from the corpus; its files ({', '.join(removed.files) or 'none'}) and "
                 f"manifest entry were moved to {removed.folder} "
                 f"(undo: qa restore {shlex.quote(args.doc_id)}{library_flags(settings)})"
                 + (" (index not updated)" if args.no_index else "") + "\n")
    write_fitted(summary + "\n")
    return 0


def cmd_restore(args: argparse.Namespace, settings) -> int:
    restored, summary = _moved("restore", args, settings)
    write_fitted(f"restored {args.doc_id} ({', '.join(restored.files) or 'no files'}) from {restored.folder}"
                 + (" (index not updated)" if args.no_index else "") + "\n")
    write_fitted(summary + "\n")
    return 0


def add_parsers(sub, common) -> None:
    """add, docs, remove, restore, for qa.app.cli's parser (descriptions: cli_support.HELP)."""
    from qa.app.cli_support import add_command

    p = add_command(sub, "add", "add .pdf/.txt articles (or a folder of them) to the corpus", parents=[common])
    p.add_argument("files", nargs="+", help="files or folders")  # as typed: Path drops a trailing '/'
    p.add_argument("--id", help="document id (one file only; default: from the file name)")
    p.add_argument("--title", help="the article's title (one file only; default: read from the PDF, or a text's first sentence)")
    p.add_argument("--author", action="append", metavar="'SURNAME INITIALS'",
                   help="an author, in order (repeat for each; one file only)")
    p.add_argument("--year", type=int, help="publication year (one file only)")
    p.add_argument("--journal", help="journal (one file only)")
    p.add_argument("--doi", help="DOI (one file only)")
    p.add_argument("--no-index", action="store_true", help="do not update the index now (the next command will)")
    p.add_argument("--dry-run", action="store_true", help="only list what would be added and skipped, and why")
    p.add_argument("--yes", "-y", action="store_true",
                   help=f"do not ask before adding more than {CONFIRM_ABOVE} files from folders")
    p = add_command(sub, "docs", "list the corpus documents", parents=[common])
    p.add_argument("--json", action="store_true", help="one JSON object per document")
    p = add_command(sub, "remove", "remove a document from the corpus (moved to <corpus>/.removed/, undone "
                    "by qa restore)", parents=[common])
    p.add_argument("doc_id")
    p.add_argument("--no-index", action="store_true", help="do not update the index now (the next command will)")
    p = add_command(sub, "restore", "put a removed document back (its latest removal)", parents=[common])
    p.add_argument("doc_id")
    p.add_argument("--no-index", action="store_true", help="do not update the index now (the next command will)")


def run(name: str, args: argparse.Namespace, settings) -> int:
    commands = {"add": cmd_add, "docs": cmd_docs, "remove": cmd_remove, "restore": cmd_restore}
    if name not in commands:
        raise QAError(f"unknown command {name}")
    from qa.app.library_change import ArticlesInterrupted

    try:
        return commands[name](args, settings)
    except ArticlesInterrupted as stopped:  # what stands is said; the status is the stop's (130, 143)
        _tell(f"qa: {stopped.message}")
        return interrupt_status(stopped.stop)
