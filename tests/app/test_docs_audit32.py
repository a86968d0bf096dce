

def test_every_name_a_benchmark_script_imports_from_qa_exists():
    """`python bench/growth.py` (bench/README.md) stopped at its old-path comparison: it imported
    `floor_idf` from `qa.index.bm25` after the idf moved to `qa.index.bm25_idf` (audit 32)."""
    import ast
    import importlib

    missing = []
    for script in sorted((ROOT / "bench").glob("*.py")):
        for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "qa":
                module = importlib.import_module(node.module)
                missing += [f"{script.name}: {node.module}.{alias.name}" for alias in node.names
                            if not hasattr(module, alias.name)
                            and importlib.util.find_spec(f"{node.module}.{alias.name}") is None]
    assert missing == []
