"""The pipeline's layering (docs/architecture.md, "The pipeline"): ingest -> index -> retrieval ->
answer -> evaluation -> app, each stage importing only the stages before it and the shared modules at
the top of `qa/` (models, settings, errors, validate). The evaluation harness measures the whole
pipeline, so it may import every pipeline stage; the app runs it (`qa eval`: qa.app.cli.cmd_eval imports
qa.evaluation.evaluate and qa.evaluation.report), so the app may import it and it never imports the app.
Read with `ast` from every module of each stage, the imports inside functions included: a lazy import
is still a dependency, and it was how the retrieval stage came to read the answer stage's question
helpers (thirty-seventh session)."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STAGES = ("ingest", "index", "retrieval", "answer", "evaluation", "app")
# (stage, module) pairs crossing the layering, each with its reason (none left: an index build read
# the synonyms through qa.retrieval.expand until the thirty-eighth session)
KNOWN: dict[tuple[str, str], str] = {}


def imported(path: Path) -> set[str]:
    """The modules a file's import statements name (relative imports made absolute)."""
    package = list(path.relative_to(ROOT).with_suffix("").parts[:-1])
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            out.add(module)
            out.update(f"{module}.{alias.name}" for alias in node.names)  # `from qa import answer`
    return out


def stage_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "qa" and parts[1] in STAGES else None


def test_each_stage_imports_only_the_stages_before_it():
    crossings = []
    for rank, stage in enumerate(STAGES):
        modules = sorted((ROOT / "qa" / stage).rglob("*.py"))
        assert modules, stage
        for path in modules:
            for module in sorted(imported(path)):
                target = stage_of(module)
                known = any(stage == s and (module == m or module.startswith(m + ".")) for s, m in KNOWN)
                if target is not None and STAGES.index(target) > rank and not known:
                    crossings.append(f"{path.relative_to(ROOT)} imports {module}")
    assert crossings == []


def test_the_reader_of_imports_sees_lazy_and_relative_imports(tmp_path):
    """The check above would pass vacuously if `imported` missed an import inside a function."""
    nested = ROOT / "qa" / "retrieval" / "second_stage.py"
    assert "qa.retrieval.question" in imported(nested)  # read inside a function there
    assert {"qa.retrieval.protocol", "qa.retrieval.rerank"} <= imported(nested)


def test_the_evaluation_stage_is_read_and_the_app_runs_it():
    """`qa eval` is the app running the evaluation harness, which reads the answer stage: the order of
    `STAGES` above is the one these imports need (an evaluation module importing the app would cross it)."""
    cli = imported(ROOT / "qa" / "app" / "cli.py")
    assert {"qa.evaluation.evaluate", "qa.evaluation.report"} <= cli  # read inside cmd_eval
    assert "qa.answer" in {".".join(m.split(".")[:2]) for m in imported(ROOT / "qa" / "evaluation" / "evaluate.py")}
    assert STAGES.index("answer") < STAGES.index("evaluation") < STAGES.index("app")
