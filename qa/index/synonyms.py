"""The curated synonyms file a library reads (`synonyms.toml`: groups of terms, each with optional
broader terms), read and checked.

In the index stage because an index build and update check the file (a broken one fails there, not
at the first question) and the retrieval stage's expander (`qa.retrieval.expand`) reads it: the
layering lets a later stage read an earlier one, not the reverse.
"""
from __future__ import annotations

import tomllib
from pathlib import Path

from qa.errors import QAError


def load_synonyms(path: str | Path | None) -> list[tuple[list[str], list[str]]]:
    """(terms, broader) per group of a synonyms TOML; a missing file means no synonyms."""
    if path is None or not Path(path).exists():
        return []
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise QAError(f"{path}: cannot read synonyms: {exc}".splitlines()[0]) from None
    groups = data.get("group", [])
    if not isinstance(groups, list):
        raise QAError(f"{path}: 'group' must be an array of tables ([[group]])")
    out: list[tuple[list[str], list[str]]] = []
    for number, group in enumerate(groups, start=1):
        terms = group.get("terms") if isinstance(group, dict) else None
        broader = group.get("broader", []) if isinstance(group, dict) else None
        if not _strings(terms) or not terms or not _strings(broader):
            raise QAError(f"{path}: group {number} needs 'terms' (and optional 'broader') as lists of strings")
        out.append((list(terms), list(broader)))
    return out


def synonyms_path(corpus_dir: str | Path) -> Path:
    """The synonyms a library reads: its own `synonyms.toml`, else the project's (`corpus/`). A library
    started with `qa add --corpus-dir` holds no copy of its own, and the clinical shorthand the README
    promises ('pts', 'f/u', 'RCT', 'kids') was then read nowhere: "how many pts ...?" found no article
    writing 'pts' (user trial 38). A library's own file, an edited copy included, is read as it is. The
    index build and update check this same file, so a broken one fails there, not at the first question."""
    from qa.ingest.corpus import SYNONYMS_NAME
    from qa.settings import PROJECT_ROOT

    own = Path(corpus_dir) / SYNONYMS_NAME
    return own if own.exists() else PROJECT_ROOT / "corpus" / SYNONYMS_NAME


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)
