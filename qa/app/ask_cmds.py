"""`qa search` and `qa ask`: the question commands (a --file batch of `qa ask` is `qa.app.ask_batch`).

A question refused as too vague, like any bad input, is one line on stderr and exit 1; an answer's
studies exported (--format bibtex|ris|csv|md) keep stdout a valid export and say on stderr why it
is empty or what caution the answer carried.
"""
from __future__ import annotations

import argparse
import json
import sys

from qa.app.ask_batch import ask_file
from qa.app.cli_support import checked_retriever, emit, question_text, width, write_fitted
from qa.app.study_cmds import exported_studies
from qa.errors import QAError, TooVague


def cmd_search(args: argparse.Namespace) -> int:
    from qa.answer.vague import other_script_listing
    from qa.app.render import hits_json, hits_rich

    question = question_text(args.question)
    retriever = checked_retriever(args)
    asked, docs, note = question, args.doc, ""
    if not docs:  # "In the Acinetobacter desiccation paper, ...": as `qa ask` reads it
        from qa.retrieval.named_article import named_article

        article = named_article(retriever.index, question, retriever.expander)
        if article is not None:
            asked, docs = article.question, [article.doc_id]
            note = article.note
    hits = retriever.search(asked, k=args.k, mode=args.mode, docs=docs, previous=args.previous)
    listed = other_script_listing(question)
    if listed:  # as `qa ask` cautions: those words never reached the index, whatever ranked first
        print(f"qa: caution: the question's words in another script ({listed}) were not searched: the index "
              "holds Latin letters and digits only", file=sys.stderr)
    if args.json:
        print(json.dumps(hits_json(question, hits), ensure_ascii=False))
    else:
        if note:
            write_fitted(note + "\n")
        emit(hits_rich(question, hits, width()), args)
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from qa.answer.answerer import Answerer
    from qa.app.render import answer_json, answer_rich

    if args.file is not None:
        if args.question:
            raise QAError("give either a question or --file, not both")
        if args.previous is not None:  # user trial 22: it was silently ignored
            raise QAError("--previous gives one question's earlier question; a --file batch asks each line "
                          "on its own (put the earlier question's words in the line)")
        return ask_file(args)
    question = question_text(args.question)
    retriever = checked_retriever(args)
    from qa import validate

    validate.docs(args.doc, retriever.index.doc_ids)  # also when the question is refused as vague
    answerer = Answerer(retriever=retriever)
    answer = answerer.ask(question, k=args.k, docs=args.doc, mode=args.mode, previous=args.previous)
    fmt = getattr(args, "format", None) or "text"
    if answer.too_vague:  # bad input like any other: one line on stderr, nothing on stdout, exit 1
        line = " ".join(answer.message.split())
        raise TooVague(line[:1].lower() + line[1:])
    if args.json or fmt == "json":
        print(json.dumps(answer_json(answer, answerer.reference), ensure_ascii=False))
    elif fmt != "text":
        from qa.app.bibliography import export

        studies = exported_studies(answer, retriever.index)
        sys.stdout.write(export(studies, fmt))
        if not studies:  # stdout stays a valid (empty) export; the reason goes to stderr
            why = "the answer cites no study" if answer.found else "no answer (ask without --format to see why)"
            print(f"qa: nothing to export: {why}", file=sys.stderr)
        elif answer.caution:  # the export cannot carry it (user trial 24: 28 studies for Parkinson's, no word)
            print(f"qa: caution: {' '.join(answer.caution.split())}", file=sys.stderr)
    else:
        emit(answer_rich(answer, width=width(), brief=args.brief, spans=args.spans, limit=args.k), args)
    return 0
