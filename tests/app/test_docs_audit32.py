"""Documentation audit 32 (docs/docs-audit-32.md): every setting, module and benchmark option is named
where the docs say it is. Audit 31 held the ingest, index and retrieval settings to docs/architecture.md;
audit 32 found 105 of the answer stage's 117 settings named nowhere there, the benchmark scripts'
options `--help` lists but bench/README.md does not, and four of the thirty-first session's merged
rules (`named_part_margin`, `followup_new_name`, `defined_forms`, `count_first`) not described where a
user reads (the README) or a developer looks (the module map)."""
from __future__ import annotations

import re
from pathlib import Path

from qa.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
ARCHITECTURE = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
BENCH = (ROOT / "bench" / "README.md").read_text(encoding="utf-8")


def _fields(model) -> list[str]:
    """Every leaf setting of a settings model: the stage groups (`ingest`, `answer`, ...) opened."""
    out = []
    for name, field in model.model_fields.items():
        nested = field.annotation
        out += _fields(nested) if isinstance(nested, type) and hasattr(nested, "model_fields") else [name]
    return out


def test_every_setting_of_every_stage_is_named_in_architecture_md():
    fields = _fields(Settings)
    assert len(fields) > 160 and "echo_penalty" in fields and "bm25_k1" in fields
    named = set(re.findall(r"`([a-z][a-z0-9_]*)[`\s=]", ARCHITECTURE))  # `name` or `name = value`
    named |= {env[3:].lower() for env in re.findall(r"\bQA_[A-Z0-9_]+", ARCHITECTURE)}
    assert [name for name in fields if name not in named] == []


def test_every_module_is_named_in_the_package_map():
    package_map = ARCHITECTURE.split("```text", 1)[1].split("```", 1)[0]
    modules = [p for p in (ROOT / "qa").rglob("*.py") if p.stem not in ("__init__", "__main__")]
    assert len(modules) > 150
    missing = [str(p.relative_to(ROOT)) for p in modules
               if not re.search(r"(?<![\w.])" + re.escape(p.stem) + r"\b", package_map)]
    assert missing == []


def test_every_benchmark_script_and_its_options_are_in_bench_readme():
    missing = []
    for script in sorted((ROOT / "bench").glob("*.py")):
        if script.name not in BENCH:
            missing.append(script.name)
        for option, rest in re.findall(r"add_argument\(\s*\"(--[a-z][a-z0-9-]*)\"(.*)", script.read_text(encoding="utf-8")):
            if option not in BENCH and "SUPPRESS" not in rest:  # growth.py's child-process options
                missing.append(f"{script.name} {option}")
    assert missing == []


def test_the_thirty_first_sessions_merged_rules_are_described():
    # README: what a user sees (outside the lead's figures paragraph, which names them as changes)
    body = README.split("<!-- figures:", 1)[0] + README.split("## Benchmarks", 1)[1]
    for words in ("`named_part_margin`", "In the Discussion, which cellular", "`followup_new_name`",
                  '"and for RA?"', "defined_forms.py", "'FUdR'", '"how many X" answer whose first quote',
                  "`unwritten_measure_refusal_below`"):
        assert words in body, words
    # architecture.md: the module map names each with its setting
    for words in ("`count_first`", "`named_part_margin`", "`followup_new_name`", "defined_forms.py",
                  "`unwritten_measure_refusal_below`"):
        assert words in ARCHITECTURE, words


def test_every_name_a_benchmark_script_imports_from_qa_exists():
    """`python bench/growth.py` (bench/README.md) stopped at its old-path comparison: it imported
    `floor_idf` from `qa.index.bm25` after the idf moved to `qa.index.bm25_idf` (audit 32)."""
    import ast
    import importlib
    import importlib.util

    missing = []
    for script in sorted((ROOT / "bench").glob("*.py")):
        for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "qa":
                module = importlib.import_module(node.module)
                missing += [f"{script.name}: {node.module}.{alias.name}" for alias in node.names
                            if not hasattr(module, alias.name) and not (  # a submodule of a package
                                hasattr(module, "__path__")
                                and importlib.util.find_spec(f"{node.module}.{alias.name}") is not None)]
    assert missing == []
