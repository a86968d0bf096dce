"""Every module of the package is at most 400 lines (the project's aim: a module holds one concern).
`qa/retrieval/rerank.py` was the last over it (402 lines, thirty-seventh session): reading a candidate's
signals from the index is now `qa/retrieval/evidence.py`, combining them stays in `rerank.py`."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_LINES = 400


def test_every_module_is_at_most_400_lines():
    sizes = {str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines())
             for p in (ROOT / "qa").rglob("*.py")}
    assert len(sizes) > 150
    assert {path: n for path, n in sizes.items() if n > MAX_LINES} == {}
