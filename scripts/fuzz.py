"""A long fuzz run of the library and the command line (run once, outside CI; the same checks
run in CI, fewer, as tests/**/test_*_fuzz.py).

Usage: python scripts/fuzz.py [--inputs 10000] [--cli 300] [--seed 15]

Generated inputs: real questions with noise spliced in (control, format, surrogate and
invalid-byte characters, emoji, other scripts), random text and bytes, huge strings, and
k / mode / docs values of every type. Each library call must return a result that holds every
invariant of tests/invariants.py (verbatim offsets, filters, limits, order) or raise one
QAError line; a real question with hidden characters spliced in must get exactly the answer
of the clean question. Counted: internal errors (any other exception), silently wrong
results (an invariant or the clean/noisy comparison failing), clear errors, answers.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

REAL = [
    "Which sources were used for SLE?", "How many patients were in the Yang et al. MI trial?",
    "What is GVHD?", "Which route was used for Crohn's disease?", "umbilical cord blood MSC frequency",
    "nitric oxide T cell proliferation", "What markers define MSCs?", "Have MSCs been tested in Alzheimer's?",
    "intracoronary injection myocardial infarction", "chimerism of donor-derived MSCs after HSCT",
]
HIDDEN = ["\x00", "\x01", "\x07", "\x1b", "\x7f", "\u200b", "\u200e", "\u202e", "\u2066", "\ufeff",
          "\ud800", "\udbff", "\udfff"]
ESCAPED = [chr(0xDC80 + b) for b in range(128)]  # invalid UTF-8 bytes as argv delivers them
EXOTIC = ["é", "ß", "Ω", "γ", "汉字", "😀", "👩‍🔬", "\u0301", "\ufffd", "\U0010ffff", "\t", "\n", "  ", "'", '"',
          "\\", "%s", "{0}", "<b>", "[red]", "$(rm)", ";", "../../etc/passwd", "NaN", "-1"]
DOCS = ["kim2013", "figueroa2012", "pmc3782548"]


def random_text(rnd: random.Random, n: int) -> str:
    pools = [lambda: chr(rnd.randint(0, 0x10FFFF)), lambda: chr(rnd.randint(32, 126)),
             lambda: rnd.choice(HIDDEN), lambda: rnd.choice(ESCAPED), lambda: rnd.choice(EXOTIC)]
    return "".join(rnd.choice(pools)() for _ in range(n))


def question(rnd: random.Random) -> tuple[str, str | None]:
    """(question, the clean question it must answer exactly like, or None)."""
    roll = rnd.random()
    q = rnd.choice(REAL)
    if roll < 0.3:
        return q, None
    if roll < 0.5:  # hidden characters only: must be answered as the clean question
        chars = list(q)
        for _ in range(rnd.randint(1, 5)):
            chars.insert(rnd.randint(0, len(chars)), rnd.choice(HIDDEN))
        return "".join(chars), q
    if roll < 0.7:  # noise that changes the text
        at = rnd.randint(0, len(q))
        return q[:at] + random_text(rnd, rnd.randint(1, 20)) + q[at:], None
    if roll < 0.8:
        return bytes(rnd.getrandbits(8) for _ in range(rnd.randint(0, 80))).decode("utf-8", "surrogateescape"), None
    if roll < 0.93:
        return random_text(rnd, rnd.randint(0, 60)), None
    return rnd.choice(["x" * rnd.randint(1990, 2010), "stem cells " * rnd.randint(100, 2000), " " * 5000,
                       "\udcff" * 50, q * 30, ""]), None


def arguments(rnd: random.Random) -> tuple[object, object, object]:
    """Mostly valid values (so most calls go the whole way), sometimes any type at all."""
    if rnd.random() < 0.6:
        return rnd.randint(1, 30), rnd.choice(["hybrid", "hybrid", "bm25", "dense"]), rnd.choice(
            [None, None, rnd.choice(DOCS), rnd.sample(DOCS, rnd.randint(1, 3))])
    k = rnd.choice([10, 10, 10, rnd.randint(1, 30), rnd.randint(-3, 0), 1000, 1001, 10**12, 2.5, True, None, "5", []])
    mode = rnd.choice(["hybrid"] * 4 + ["bm25", "dense", "", "HYBRID", None, 3, random_text(rnd, 4)])
    docs = rnd.choice([None] * 5 + [rnd.choice(DOCS), rnd.sample(DOCS, rnd.randint(1, 3)), [], "", 1, [1],
                                     "nosuch", ["kim2013", "nosuch"], {"kim2013"}, b"kim2013"])
    return k, mode, docs


def library_fuzz(n: int, rnd: random.Random, counts: Counter, failures: list[str]) -> None:
    from invariants import check_answer, check_hits
    from qa.answer.answerer import Answerer
    from qa.errors import QAError
    from qa.retrieval.retriever import Retriever

    answerer = Answerer(retriever=Retriever())
    retriever = answerer.retriever
    clean_answers: dict[str, dict] = {}
    for i in range(n):
        q, clean = question(rnd)
        k, mode, docs = arguments(rnd)
        if clean is not None:
            k, mode, docs = 10, "hybrid", None
        call = "ask" if rnd.random() < 0.6 else "search"
        want = None if docs in (None, [], "") else ([docs] if isinstance(docs, str) else docs)
        try:
            if call == "ask":
                result = answerer.ask(q, k=k, mode=mode, docs=docs)
                result.model_dump_json().encode("utf-8")
                check_answer(retriever.index, result, k, want)
                if clean is not None:
                    if clean not in clean_answers:
                        clean_answers[clean] = answerer.ask(clean).model_dump()
                    assert result.model_dump() == clean_answers[clean], "noisy question answered differently"
                counts["answers"] += 1
            else:
                hits = retriever.search(q, k=k, mode=mode, docs=docs)
                check_hits(retriever.index, hits, k, want)
                counts["answers"] += 1
        except QAError as exc:
            if "\n" in str(exc) or not str(exc):
                counts["silently wrong"] += 1
                failures.append(f"not one line: {str(exc)[:200]!r}")
            counts["clear errors"] += 1
        except AssertionError:
            counts["silently wrong"] += 1
            failures.append(f"WRONG {call}({q[:80]!r}, k={k!r}, mode={mode!r}, docs={docs!r}): "
                            f"{traceback.format_exc().splitlines()[-1][:300]}")
        except Exception as exc:  # noqa: BLE001 - this is what is being counted
            counts["internal errors"] += 1
            failures.append(f"INTERNAL {call}({q[:80]!r}, k={k!r}, mode={mode!r}, docs={docs!r}): "
                            f"{type(exc).__name__}: {str(exc)[:200]}")
        counts["library inputs"] += 1
        if (i + 1) % 1000 == 0:
            print(f"  {i + 1} library inputs: {dict(counts)}", file=sys.stderr, flush=True)


def cli_fuzz(n: int, rnd: random.Random, counts: Counter, failures: list[str]) -> None:
    from qa.app.cli import main

    for _ in range(n):
        q, _clean = question(rnd)
        q = q.replace("\x00", "")  # argv cannot carry NUL
        k, mode, docs = arguments(rnd)
        argv = [rnd.choice(["search", "ask"]), q]
        for flag, value in (("--k", k), ("--mode", mode), ("--doc", docs)):
            if value is not None and rnd.random() < 0.5:
                argv += [flag, str(value).replace("\x00", "")]
        if rnd.random() < 0.5:
            argv.append("--json")
        if rnd.random() < 0.1:
            argv.insert(rnd.randint(0, len(argv)), rnd.choice(["--bogus", "-k", "--k", "--", random_text(rnd, 3)]))
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
        counts["cli inputs"] += 1
        o, e = out.getvalue(), err.getvalue()
        try:
            o.encode("utf-8"), e.encode("utf-8")
            if "internal error" in e or "Traceback" in e:
                counts["internal errors"] += 1
                failures.append(f"INTERNAL cli {argv!r}: {e[-300:]}")
                continue
            if code == 0:
                assert o.strip()
                if "--json" in argv:
                    json.loads(o)
            else:
                lines = [x for x in e.splitlines() if x.strip()]
                assert len(lines) == 1 and lines[0].startswith("qa: ") and o == ""
                counts["clear errors"] += 1
        except (AssertionError, UnicodeEncodeError, ValueError) as exc:
            counts["silently wrong"] += 1
            failures.append(f"BAD OUTPUT cli {argv!r}: {type(exc).__name__} {o[:100]!r} {e[:200]!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000, help="library calls")
    parser.add_argument("--cli", type=int, default=300, help="in-process CLI runs (each loads the index)")
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    from qa.index.load import open_index

    open_index()  # build once first, if needed
    rnd = random.Random(args.seed)
    counts: Counter = Counter()
    failures: list[str] = []
    started = time.perf_counter()
    library_fuzz(args.inputs, rnd, counts, failures)
    cli_fuzz(args.cli, rnd, counts, failures)
    seconds = time.perf_counter() - started
    print(json.dumps({**{k: counts[k] for k in ("library inputs", "cli inputs", "answers", "clear errors",
                                                "internal errors", "silently wrong")},
                      "seconds": round(seconds, 1), "seed": args.seed}, indent=1))
    for line in failures[:30]:
        print(line)
    return 1 if counts["internal errors"] or counts["silently wrong"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
