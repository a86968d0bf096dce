"""Write docs/settings.md: every setting of `qa.settings`, its environment name, its default and
what it does, taken from the settings' own descriptions, so the reference cannot drift from the
code (tests/app/test_docs_audit33.py checks that the committed file is what this prints).

Usage: python scripts/settings_reference.py > docs/settings.md
"""
from __future__ import annotations

import sys
from pathlib import Path

from pydantic import BaseModel
from pydantic.fields import FieldInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the clone's qa, run from anywhere

from qa.settings import Settings  # noqa: E402

STAGES = (
    ("corpus and index folders", None, "qa/settings.py"),
    ("ingestion", "ingest", "qa/ingest/settings.py"),
    ("index", "index", "qa/index/settings.py"),
    ("retrieval", "retrieval", "qa/retrieval/settings.py"),
    ("answer", "answer", "qa/answer/settings.py and its step groups"),
)


def default_text(model: type[BaseModel], name: str, field: FieldInfo) -> str:
    """The default as a user would type it in `QA_<NAME>`; a fitted value is named, not printed."""
    if field.default_factory is not None:
        return "fitted (qa/answer/refusal_model.json)"
    value = getattr(model(), name) if model is not Settings else field.default
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (tuple, list)):
        return ",".join(str(v) for v in value)
    if isinstance(value, Path):
        return "(the project's folder)" if name == "corpus_dir" else "(derived from corpus_dir)"
    return str(value)


def defined_in(model: type[BaseModel], name: str) -> str:
    """The module whose class declares the field (the answer stage spreads its fields over step groups)."""
    for cls in model.__mro__:
        if name in getattr(cls, "__annotations__", {}):
            return cls.__module__.replace(".", "/") + ".py"
    return model.__module__.replace(".", "/") + ".py"


def cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render() -> str:
    """The whole of docs/settings.md."""
    lines = [
        "# Settings: every one, with what it does",
        "",
        "Generated from the settings' own descriptions by `python scripts/settings_reference.py >",
        "docs/settings.md` (a test checks that this file is what it prints). Each setting is given as",
        "`QA_<NAME>` in the environment (`QA_FUSION=rrf qa ask ...`; a list as comma-separated items,",
        "`QA_FINDING_FIRST_KINDS=yesno,comparison`, or a JSON list) or to the library as",
        "`Settings(<name>=...)` in its stage group; command-line flags (`--corpus-dir`, `--index-dir`,",
        "`--model`) win over the environment. An invalid value is refused in one line, exit 2. The index",
        "and ingestion settings are part of the index's key: changing one rebuilds the index on the",
        "next command; retrieval and answer settings never do. Where a setting's rule is explained at",
        "length: docs/architecture.md (each stage's section, and \"The answer stage's settings, by what",
        "they shape\").",
        "",
        "Other environment variables, read where they are used: `QA_PDF_DIR` (the ten evaluation PDFs),",
        "`QA_CACHE_DIR` (the per-user ONNX export cache), `QA_ENCODE_WORKERS` (encoder processes of a",
        "build), `QA_DEBUG` (a traceback instead of the one-line internal error), `NO_COLOR`.",
    ]
    for title, group, where in STAGES:
        model = Settings if group is None else type(getattr(Settings(), group))
        fields = ({n: f for n, f in Settings.model_fields.items() if n in ("corpus_dir", "index_dir")}
                  if group is None else model.model_fields)
        lines += ["", f"## {title.capitalize()} (`{where}`)", "",
                  "| setting | default | what it does |", "|---|---|---|"]
        for name, field in fields.items():
            source = "" if group in (None, "ingest", "index", "retrieval") else f" ({defined_in(model, name)})"
            lines.append(f"| `QA_{name.upper()}`{source} | {cell(default_text(model, name, field))} "
                         f"| {cell(field.description or '')} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())
