"""The evaluation report read and judged: readable tables, the result file, the threshold gate.

`qa.evaluation.evaluate` produces an `EvalReport`; this module formats it (`qa eval`), writes it
to evals/results/ (only with `qa eval --write`), and checks it against evals/thresholds.json
(the gate the tests and CI run; see evals/README.md).
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from qa.evaluation.evaluate import Breakdown, EvalReport, Scores
from qa.ingest.manifest_file import replace_file
from qa.settings import PROJECT_ROOT

RESULTS_DIR = PROJECT_ROOT / "evals" / "results"
THRESHOLDS_PATH = PROJECT_ROOT / "evals" / "thresholds.json"


# --- output ----------------------------------------------------------------------------------


def _table(title: str, breakdown: Breakdown) -> list[str]:
    names = list(breakdown.overall.metrics)
    for group in (*breakdown.by_kind.values(), *breakdown.by_doc.values(),
                  *breakdown.through_round.values()):
        names += [n for n in group.metrics if n not in names]
    header = f"{'':<22}{'n':>4} " + " ".join(f"{n[:12]:>12}" for n in names)
    lines = [title, header, "-" * len(header)]

    def line(label: str, scores: Scores) -> str:
        cells = (
            f"{scores.metrics[n]:>12.3f}" if n in scores.metrics else f"{'-':>12}" for n in names
        )
        return f"{label[:22]:<22}{scores.n:>4} " + " ".join(cells)

    lines.append(line("overall", breakdown.overall))
    lines += [line(f"kind:{g}", s) for g, s in breakdown.by_kind.items()]
    lines += [line(f"doc:{g}", s) for g, s in breakdown.by_doc.items()]
    lines += [line(f"through:{g}", s) for g, s in breakdown.through_round.items()]
    return lines


def format_report(report: EvalReport) -> str:
    """Readable tables: retrieval per mode, then answers, then timing."""
    lines = [f"Evaluation on split '{report.split}', set '{report.set}': {report.n_questions} questions, "
             f"k={report.k}"]
    for mode, breakdown in report.retrieval.items():
        lines += ["", *_table(f"Retrieval [{mode}] (answerable questions)", breakdown)]
    if report.answers is not None:
        lines += ["", *_table("Answers [ask]", report.answers)]
    stages = ", ".join(f"{name} {secs:.1f}s" for name, secs in report.seconds.items())
    lines += ["", f"Time: {report.seconds_total:.1f}s total ({stages})"]
    return "\n".join(lines)


def write_results(report: EvalReport, path: Path | str | None = None) -> Path:
    """Write the report as JSON (default evals/results/<split>-<set>.json) and return the path."""
    target = Path(path) if path is not None else RESULTS_DIR / f"{report.split}-{report.set}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    # atomic (robustness sweep 30): Ctrl-C or a full disk during `qa eval --write` left a cut file
    replace_file(target, (report.model_dump_json(indent=2) + "\n").encode("utf-8"), prefix=f".{target.name}-")
    return target


# --- thresholds ------------------------------------------------------------------------------


def load_thresholds(path: Path | str = THRESHOLDS_PATH) -> dict[str, Any]:
    """Thresholds JSON (see evals/README.md); an absent file means no thresholds."""
    target = Path(path)
    if not target.is_absolute() and not target.exists():
        target = PROJECT_ROOT / target
    if not target.exists():
        return {}
    return json.loads(target.read_text(encoding="utf-8"))


def _check(label: str, value: float | None, spec: Any) -> list[str]:
    bounds = spec if isinstance(spec, dict) else {"min": spec}
    if value is None:
        return [f"{label} missing from report"]
    failures = []
    if "min" in bounds and value < bounds["min"]:
        failures.append(f"{label} {value:.2f} < threshold {bounds['min']:.2f}")
    if "max" in bounds and value > bounds["max"]:
        failures.append(f"{label} {value:.2f} > threshold {bounds['max']:.2f}")
    return failures


def _scores_of(breakdown: Breakdown | None, through: str | None) -> Scores | None:
    if breakdown is None:
        return None
    return breakdown.overall if through is None else breakdown.through_round.get(through)


def check_thresholds(report: EvalReport, thresholds: dict[str, Any],
                     through: str | None = None) -> list[str]:
    """Failed thresholds as readable lines, e.g. 'hybrid hit@10 0.81 < threshold 0.85'.

    A bare number is a minimum; {"max": x} bounds metrics where lower is better. The section
    "through_round" holds, per round 'bN', the gates of the split as it stood after round N
    (set before later rounds enlarged it), checked on those questions only.
    """
    failures: list[str] = []
    prefix = "" if through is None else f"through {through}: "
    for section, specs in thresholds.items():
        if section.startswith("_"):
            continue  # comments
        if section == "retrieval":
            for mode, metrics in specs.items():
                scores = _scores_of(report.retrieval.get(mode), through)
                for name, spec in metrics.items():
                    value = scores.metrics.get(name) if scores else None
                    failures += _check(f"{prefix}{mode} {name}", value, spec)
        elif section == "answers":
            scores = _scores_of(report.answers, through)
            for name, spec in specs.items():
                value = scores.metrics.get(name) if scores else None
                failures += _check(f"{prefix}answers {name}", value, spec)
        elif section == "seconds_total" and through is None:
            failures += _check("timing seconds_total", report.seconds_total, specs)
        elif section == "through_round" and through is None:
            for name, sections in specs.items():
                failures += check_thresholds(report, sections, through=name)
        else:
            failures.append(f"unknown threshold section '{section}'")
    return failures


def check_suite(reports: Sequence[EvalReport], thresholds: dict[str, Any]) -> list[str]:
    """Thresholds per report: top-level keys '<split>-<set>' (e.g. 'test-seeds') hold the
    sections of `check_thresholds`; a key whose report was not run is skipped."""
    by_key = {f"{r.split}-{r.set}": r for r in reports}
    failures: list[str] = []
    for key, sections in thresholds.items():
        if key.startswith("_") or key not in by_key:
            continue
        failures += [f"{key} {line}" for line in check_thresholds(by_key[key], sections)]
    return failures
