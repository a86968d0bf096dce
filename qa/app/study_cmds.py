"""`qa studies`, `qa study` and the study exports of `qa ask`: one bibliography across reviews."""
from __future__ import annotations

import argparse
import sys

from qa.app.cli_support import (  # noqa: F401
    check_request, emit, library_flags, read_stdin, settings_from, width, write_fitted)


def exported_studies(answer, index) -> list:
    """The studies an answer exports: a sources answer's study table (every study found, best
    supported first), else the studies its spans cite, in span order. One rule for `qa ask --format`
    and its `--file` batch."""
    return [row.study for row in answer.studies] or cited_studies(answer, index)


def cited_studies(answer, index) -> list:
    """The studies an answer's spans cite, in span order (for exports of non-sources answers)."""
    out = []
    for span in answer.spans:
        for c in span.citations:
            study = index.studies.for_citation(span.doc_id, c.key)
            if study is not None and study not in out:
                out.append(study)
    return out


def _studies_index(args: argparse.Namespace):
    from qa.app.progress import stderr_progress
    from qa.index.load import open_index

    return open_index(settings_from(args), progress=stderr_progress)


def _print_studies(studies: list, fmt: str) -> None:
    from qa.app.bibliography import export
    from qa.app.study_view import studies_list_text

    if fmt == "text":
        write_fitted(studies_list_text(studies))
    else:
        sys.stdout.write(export(studies, fmt))


def _format(args: argparse.Namespace) -> str:
    """--json is --format json (check_flags has refused --json with another format)."""
    return "json" if getattr(args, "json", False) else args.format


def cmd_studies(args: argparse.Namespace) -> int:
    from qa.errors import QAError

    if args.author is not None:
        from qa.index.study_identity import surname_key

        if not surname_key(args.author):  # '' or '!!!' would match every study without an author
            raise QAError(f"--author needs a surname with letters, got {args.author!r}")
    if args.k is not None and args.k < 1:
        raise QAError(f"{getattr(args, 'spelled', {}).get('k', '--top')} must be at least 1, got {args.k}")
    from qa.app.library_studies import matching_studies

    # the search qa.studies runs (--doc checked, a study matching one word of several left out)
    studies = matching_studies(_studies_index(args), settings_from(args), args.query, args.author, args.year,
                               args.doc or None)
    fmt = _format(args)
    more = len(studies) - args.k if args.k is not None and len(studies) > args.k else 0
    studies = studies[:len(studies) - more]
    _print_studies(studies, fmt)
    if more:  # said where a script reads no data: the export stays valid
        line = f"+{more} more stud{'ies' if more != 1 else 'y'} (raise --top to see them)"
        if fmt == "text":
            write_fitted(line + "\n")
        else:
            print(line, file=sys.stderr)
    if not studies and fmt != "text":  # the text listing says so itself, once
        print("qa: no study matches; try fewer words or filters", file=sys.stderr)
    return 0


def cmd_study(args: argparse.Namespace) -> int:
    from qa.app.study_view import study_text

    # the listing it points to names this library, as every printed command does
    study = _studies_index(args).studies.get(args.study_id, f"qa studies{library_flags(settings_from(args))}")
    fmt = _format(args)
    if fmt == "text":
        write_fitted(study_text(study))
    else:
        _print_studies([study], fmt)
    return 0
