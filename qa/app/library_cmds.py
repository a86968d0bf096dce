"""`qa add`, `qa docs`, `qa remove`, `qa restore`: the user's own articles in the corpus.

Adding checks every file first; a named file that is refused stops the whole add (nothing
written), files found in folders that are not articles are skipped and summed up in one line.
The good ones are copied into the corpus folder with their manifest entries, then the index is
brought up to date through the normal index path (an index update that fails takes the add
back; an interrupted one leaves the add in place and says so). `qa remove` moves a document
aside (`qa restore` puts it back); `qa docs` lists what the index holds for each document.
"""
from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from qa.app.cli_support import interrupt_status, library_flags, stopped_by
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


CONFIRM_ABOVE = 10  # a folder add of more files than this asks first (on a terminal)
NAMES_SHOWN = 5  # per reason in the summary of skipped files


def skipped_line(plan) -> str:
    """One line: how many files a folder add skipped and why, with a few names per reason."""
    parts = []
    for kind, paths in sorted(plan.skipped.items(), key=lambda kv: -len(kv[1])):
        names = ", ".join(p.name for p in paths[:NAMES_SHOWN]) + (f", +{len(paths) - NAMES_SHOWN} more"
                                                                  if len(paths) > NAMES_SHOWN else "")
        parts.append(f"{len(paths)} {kind} ({names})")
    n = plan.skipped_count
    return f"skipped {n} file{'' if n == 1 else 's'}: " + "; ".join(parts) + " (--dry-run gives each reason)"


def _confirmed(plan, args) -> bool:
    """A folder that yields many files is listed and confirmed first when a person is there
    to answer (stdin a terminal); scripts and --yes go ahead, --dry-run never writes."""
    if args.yes or len(plan.ready) <= CONFIRM_ABOVE or not any(p.is_dir() for p in args.files):
        return True
    if not (sys.stdin and sys.stdin.isatty()):
        return True
    for item in plan.ready:
        print(f"  {item.path} -> {item.entry['id']}", file=sys.stderr)
    sys.stderr.write(f"add these {len(plan.ready)} files to the corpus? [y/N] ")
    sys.stderr.flush()
    return sys.stdin.readline().strip().lower() in ("y", "yes")


def _dry_run(plan) -> int:
    for item in plan.ready:
        print(f"would add {item.path} as {item.entry['id']}")
    for path, why in plan.reasons.items():
        print(f"would skip {path}: {why}")
    n = len(plan.ready)
    print(f"{n} file{'s' if n != 1 else ''} would be added, {plan.skipped_count} skipped (nothing was written)")
    return 0


def _waiting() -> None:
    print("qa: waiting for another qa add, remove or restore on this corpus to finish", file=sys.stderr)


def _sweep(corpus: Path) -> None:
    """Delete what an add killed before writing the manifest left in the corpus folder, and finish
    or take back a killed remove or restore (see qa.ingest.add_journal); a manifest that cannot be
    read leaves everything as it is."""
    from qa.ingest.add_journal import journal_present, listed_names, sweep_interrupted_add
    from qa.ingest.corpus import load_manifest
    from qa.ingest.removal import finish_interrupted_move

    if not journal_present(corpus):
        return
    try:
        metas = load_manifest(corpus, allow_empty=True)
    except QAError:
        return
    note = finish_interrupted_move(corpus, {meta.id for meta in metas})
    if note:
        print(f"note: {note}", file=sys.stderr)
    removed = sweep_interrupted_add(corpus, listed_names(name for meta in metas for name in (meta.file, meta.source)))
    if removed:
        print(f"note: removed {', '.join(removed)} from {corpus}: an earlier qa add was killed before it "
              "finished, and no manifest entry uses these copies", file=sys.stderr)


def _locked(command):
    """The command holds the corpus folder's lock from reading the manifest to the index update."""
    def run_locked(args: argparse.Namespace, settings) -> int:
        from qa.ingest.library import corpus_lock

        with corpus_lock(Path(settings.corpus_dir), _waiting):
            if not getattr(args, "dry_run", False):  # --dry-run writes nothing
                _sweep(Path(settings.corpus_dir))
            return command(args, settings)

    run_locked.__doc__ = command.__doc__
    return run_locked


def cmd_add(args: argparse.Namespace, settings) -> int:
    """`qa add`; to a folder that does not exist or is empty, it starts a new library there (taken
    back if nothing is added)."""
    from qa.ingest.corpus import load_manifest
    from qa.ingest.library import drop_new_library, new_library

    corpus = Path(settings.corpus_dir)
    created = new_library(corpus)
    try:
        return _add(args, settings)
    finally:
        if created:
            try:
                load_manifest(corpus)
            except QAError:  # no document went in
                drop_new_library(corpus, created)


@_locked
def _add(args: argparse.Namespace, settings) -> int:
    from qa.ingest.add_metadata import given_metadata
    from qa.ingest.library import plan_add, repeated_files, shown, undo_add, write_added

    corpus = Path(settings.corpus_dir)
    from qa.index.embed_cache import CACHE

    try:
        metadata = given_metadata(args.title, args.author, args.year, args.journal, args.doi)
        plan = plan_add(args.files, corpus, doc_id=args.id, max_pages=settings.ingest.pdf_max_pages,
                        sketch_cache=Path(settings.index_dir) / CACHE / "add-sketches",
                        max_file_mb=settings.ingest.max_file_mb, metadata=metadata)
    except (KeyboardInterrupt, Exception) as exc:  # or SIGTERM, also one a C library's call wrapped
        stop = stopped_by(exc)
        if stop is None:
            raise
        print("qa: interrupted while reading the files; nothing was added", file=sys.stderr)
        return interrupt_status(stop)
    for path in repeated_files(args.files):
        print(f"warning: {path} was given more than once; it is taken once", file=sys.stderr)
    for line in plan.errors:
        print(f"qa: {line}", file=sys.stderr)
    if args.dry_run:
        return 2 if plan.errors else _dry_run(plan)
    if plan.skipped:
        print(skipped_line(plan), file=sys.stderr)
    if plan.errors:  # all or nothing: a file the user named was refused
        if plan.ready:  # else the refusal itself is the one line
            print(f"qa: nothing was added (the corpus is unchanged), though {len(plan.ready)} other "
                  f"file{'s were' if len(plan.ready) > 1 else ' was'} ready", file=sys.stderr)
        return 2
    if not plan.ready:
        print("qa: nothing to add", file=sys.stderr)
        return 1
    if not _confirmed(plan, args):
        print("qa: nothing was added", file=sys.stderr)
        return 1
    try:
        write_added(plan.ready, corpus)
    except KeyboardInterrupt as stop:  # or SIGTERM (cli_support.Terminated)
        print("qa: interrupted; nothing was added (the corpus is unchanged)", file=sys.stderr)
        return interrupt_status(stop)
    except OSError as exc:  # write_added took its copies back; a full disk is the likely cause
        raise QAError(f"{_failure(exc, corpus)}; nothing was added (the corpus is unchanged)") from exc
    added = plan.ready
    for item in added:
        for warning in item.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    stamped = [shown(item.path.name) for item in added if item.margin_pages]
    if stamped:  # one line for all: nothing of the articles' text was lost (user trials 18, 19)
        print(f"note: rotated margin text (a download stamp or the journal's sidebar) left out of "
              f"{len(stamped)} PDF{'s' if len(stamped) > 1 else ''}: {', '.join(stamped)}", file=sys.stderr)
    if args.no_index:
        for item in added:
            print(f"added {item.entry['id']}: {item.entry.get('title') or '(no title found)'} (index not updated)")
        return 0
    ids = ", ".join(item.entry["id"] for item in added)
    try:
        index = _update_index(settings)
    except KeyboardInterrupt as stop:  # or SIGTERM (cli_support.Terminated)
        print(f"qa: interrupted while updating the index; {ids} {'is' if len(added) == 1 else 'are'} added to "
              "the corpus and the index will be brought up to date by the next command that uses it "
              f"(or run 'qa index{library_flags(settings)}')", file=sys.stderr)
        return interrupt_status(stop)
    except Exception as exc:  # all or nothing: an add whose index update failed is taken back
        what = _failure(exc, Path(settings.index_dir))
        try:
            undo_add(added, corpus)
        except Exception as second:  # e.g. the disk is still full: the add stands, say so
            raise QAError(f"{what}; the add could not be undone ({_failure(second, corpus)}): {ids} "
                          f"{'is' if len(added) == 1 else 'are'} in the corpus but not in the index "
                          f"(run 'qa index{library_flags(settings)}' once the problem is fixed)") from exc
        raise QAError(f"{what}; the add was undone (the corpus is unchanged)") from exc
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
    return 0


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
        row = {"id": meta.id, "title": meta.title, "authors": list(meta.authors), "journal": meta.journal,
               "year": meta.year, "doi": meta.doi,
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
        from qa.app.schema import DocOut

        for row in rows:
            print(DocOut(**row).to_json())
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


def _failure(exc: BaseException, where: Path | None = None) -> str:
    """What went wrong, in one line: a QAError's own line, a full disk (of `where`, the folder
    being written), any other failed file operation as `<path>: <reason>` (a read-only folder, a
    file-size limit: the user's environment, not a bug), else an internal error."""
    from qa.errors import no_space

    full = no_space(exc, where)
    if full is not None:
        return str(full)
    if isinstance(exc, OSError) and exc.strerror:  # a copy names its target second
        return f"{exc.filename2 or exc.filename or where}: {exc.strerror}"
    return str(exc) if isinstance(exc, QAError) else f"internal error: {type(exc).__name__}: {exc}"


def _index_after(settings, change: str, undo, undone: str) -> None:
    """Bring the index up to date after a remove or restore, all or nothing like `qa add`: if
    the update fails the corpus change is taken back (`undo`), and the error says which state
    the corpus is in, so no success line is ever printed for a change the index missed.
    An interrupted update keeps the change (the next command that uses the index updates it)."""
    try:
        index = _update_index(settings)
    except KeyboardInterrupt as stop:  # or SIGTERM (cli_support.Terminated)
        print(f"qa: interrupted while updating the index; {change} stands and the index will be brought up "
              f"to date by the next command that uses it (or run 'qa index{library_flags(settings)}')", file=sys.stderr)
        raise SystemExit(interrupt_status(stop)) from None
    except Exception as exc:
        why = _failure(exc, Path(settings.index_dir))
        try:
            undo()
        except Exception as second:  # the change stays: say so, and that the index is behind
            raise QAError(f"{why}; {change} could not be undone ({_failure(second, Path(settings.corpus_dir))}), "
                          "so it stands and the index is not up to date "
                          f"(run 'qa index{library_flags(settings)}' once the problem is fixed)") from exc
        raise QAError(f"{why}; {undone}: the corpus and the index are as before") from exc
    _merge_if_due(settings, index.manifest)


def _corpus_change(args: argparse.Namespace, settings, step, undo, done: str, change: str, undone: str):
    """`step(corpus, args.doc_id)`, a remove or a restore (which takes its moves back when a file
    operation fails, a full disk: then nothing was `done`), then, unless --no-index, the index
    brought up to date after it, the step undone when it cannot be (`_index_after`). Returns the step's
    record (what `undo` takes)."""
    corpus = Path(settings.corpus_dir)
    try:
        record = step(corpus, args.doc_id)
    except OSError as exc:
        raise QAError(f"{_failure(exc, corpus)}; nothing was {done} (the corpus is unchanged)") from exc
    if not args.no_index:
        _index_after(settings, change, lambda: undo(corpus, record), undone)
    return record


@_locked
def cmd_remove(args: argparse.Namespace, settings) -> int:
    from qa.ingest.removal import remove_document, undo

    removed = _corpus_change(args, settings, remove_document, undo, "removed", f"the removal of {args.doc_id}",
                             f"the removal was undone ({args.doc_id} is back in the corpus)")
    print(f"removed {args.doc_id} from the corpus; its files ({', '.join(removed.files) or 'none'}) and "
          f"manifest entry were moved to {removed.folder} "
          f"(undo: qa restore {shlex.quote(args.doc_id)}{library_flags(settings)})"
          + (" (index not updated)" if args.no_index else ""))
    return 0


@_locked
def cmd_restore(args: argparse.Namespace, settings) -> int:
    from qa.ingest.removal import restore_document, undo

    restored = _corpus_change(args, settings, restore_document, undo, "restored", f"the restore of {args.doc_id}",
                              f"the restore was undone ({args.doc_id} is in "
                              f"{Path(settings.corpus_dir) / '.removed'} again)")
    print(f"restored {args.doc_id} ({', '.join(restored.files) or 'no files'}) from {restored.folder}"
          + (" (index not updated)" if args.no_index else ""))
    return 0


def add_parsers(sub, common) -> None:
    """add, docs, remove, restore, for qa.app.cli's parser (descriptions: cli_support.HELP)."""
    from qa.app.cli_support import add_command

    p = add_command(sub, "add", "add .pdf/.txt articles (or a folder of them) to the corpus", parents=[common])
    p.add_argument("files", nargs="+", type=Path, help="files or folders")
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
    return commands[name](args, settings)
