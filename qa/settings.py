"""Settings grouped by pipeline stage, validated once: defaults < `QA_*` environment < flags.

Every knob lives in exactly one stage group (`ingest`, `index`, `retrieval`, `answer`), has a
type, bounds or a `Literal` set of choices, and a description. The environment names stay
flat (`QA_FUSION`, `QA_CONVEX_WEIGHT`, ...): field names are unique across groups. An invalid
value is one `QAError` line naming the variable and what is allowed.

Each stage's group is defined in its own package: `qa/ingest/settings.py` (`IngestSettings`),
`qa/index/settings.py` (`IndexSettings`), `qa/retrieval/settings.py` (`RetrievalSettings`) and
`qa/answer/settings.py` (`AnswerSettings`); this module composes them. The ingest and index packages
are part of the index's code fingerprint (`qa/index/fingerprints.py`), the retrieval and answer
packages are not: tuning a retrieval or answer setting never forces a rebuild.

Everything that changes what ends up in the index (the `ingest` and `index` groups) is part of
`index_settings()`, so changing it makes the persisted index stale instead of silently wrong.
"""
from __future__ import annotations

import json
import os
from contextvars import ContextVar
from pathlib import Path
from typing import Any, get_origin

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from qa.answer.settings import REFUSAL_MODEL, AnswerSettings  # noqa: F401 (re-exported)
from qa.errors import QAError, QAValueError  # noqa: F401 (QAError re-exported)
from qa.index.settings import PACKAGED_MODEL, PACKAGED_MODEL_SHA256, IndexSettings  # noqa: F401 (re-exported)
from qa.ingest.settings import IngestSettings
from qa.retrieval.settings import RetrievalSettings

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def pdf_dir() -> Path:
    """The folder of the ten real article PDFs used by the evaluation, tests and benchmarks
    (never copied into the repo): `QA_PDF_DIR` when set, else `../shared/pdfs` beside the
    repository, looked for beside each folder above it too (a git worktree one level deeper
    finds the same folder); when none exists, `../shared/pdfs` (callers say it is missing)."""
    env = os.environ.get("QA_PDF_DIR", "").strip()
    if env:
        return Path(env).expanduser()
    default = PROJECT_ROOT.parent / "shared" / "pdfs"
    return next((folder / "shared" / "pdfs" for folder in PROJECT_ROOT.parents
                 if (folder / "shared" / "pdfs").is_dir()), default)


GROUPS: dict[str, type[BaseModel]] = {
    "ingest": IngestSettings, "index": IndexSettings, "retrieval": RetrievalSettings, "answer": AnswerSettings,
}
FIELD_GROUP: dict[str, str] = {name: group for group, model in GROUPS.items() for name in model.model_fields}


def env_value(name: str, text: str) -> object:
    """A `QA_<NAME>` value as its field reads it: a list or tuple setting (`finding_first_kinds`,
    `refusal_coefficients`) from comma-separated items or a JSON list, since pydantic reads no
    sequence from a bare string (docs audit 33: `QA_FINDING_FIRST_KINDS=yesno` was refused)."""
    group = FIELD_GROUP.get(name)
    annotation = GROUPS[group].model_fields[name].annotation if group else None
    if get_origin(annotation) not in (list, tuple):
        return text
    if text.lstrip().startswith("["):
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            return text  # refused by validation, in one line naming the variable
    return [item.strip() for item in text.split(",") if item.strip()]


# where each value of the settings being built came from ('QA_FUSION', '--k'), for their one-line error
_SOURCES: ContextVar[dict[str, str]] = ContextVar("settings_sources", default={})


class Settings(BaseModel):
    """All settings; `Settings(fusion="rrf")` and `Settings(retrieval={...})` both work."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)
    corpus_dir: Path = Field(default=PROJECT_ROOT / "corpus", description="Folder with manifest.toml and the texts.")
    index_dir: Path = Field(default=PROJECT_ROOT / "index", description="Built index folder (for a corpus "
                            "folder other than the project's, '<corpus_dir>-index' beside it unless given).")
    ingest: IngestSettings = Field(default_factory=IngestSettings, description="Ingestion stage.")
    index: IndexSettings = Field(default_factory=IndexSettings, description="Index stage.")
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings, description="Retrieval stage.")
    answer: AnswerSettings = Field(default_factory=AnswerSettings, description="Answer stage.")

    @model_validator(mode="before")
    @classmethod
    def _route_flat_names(cls, data: Any) -> Any:
        """Flat names (`fusion=...`) go to their stage group."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        for name in ("corpus_dir", "index_dir"):
            if name in data and str(data[name]).strip() == "":
                raise ValueError(f"{name} must not be empty")
        if data.get("corpus_dir") is not None and data.get("index_dir") is None:
            # another corpus never rebuilds the project's index over its own: its index sits
            # beside it ('/data/mylib' -> '/data/mylib-index') unless --index-dir says otherwise
            corpus = Path(str(data["corpus_dir"])).expanduser()
            if corpus.resolve() != (PROJECT_ROOT / "corpus").resolve():
                data["index_dir"] = corpus.parent / f"{corpus.name}-index"
        for name in [k for k in data if k in FIELD_GROUP]:
            group = FIELD_GROUP[name]
            current = data.get(group, {})
            current = current.model_dump() if isinstance(current, BaseModel) else dict(current)
            current[name] = data.pop(name)
            data[group] = current
        return data

    def __init__(self, **values: Any) -> None:
        """`Settings(corpus_dir=123)` or `Settings(k=5)` (README's library section) is one line, a
        `QAValueError` (robustness sweep 31: it was pydantic's several-line ValidationError); `build`
        passes where each value came from (pydantic calls a custom `__init__` for every validation)."""
        try:
            super().__init__(**values)
        except ValidationError as exc:
            raise QAValueError(describe_error(exc, _SOURCES.get())) from None

    @classmethod
    def from_env(cls, **overrides: object) -> "Settings":
        """Defaults < QA_* environment variables < explicit overrides (CLI flags), validated."""
        values: dict[str, object] = {}
        sources: dict[str, str] = {}
        for name in ["corpus_dir", "index_dir", *FIELD_GROUP]:
            env = os.environ.get(f"QA_{name.upper()}")
            if env is not None and env != "":
                values[name] = env_value(name, env)
                sources[name] = f"QA_{name.upper()}"
        for name, value in overrides.items():
            if value is not None:
                values[name] = value
                sources[name] = "--" + name.replace("_", "-")
        return cls.build(values, sources)

    @classmethod
    def build(cls, values: dict[str, object], sources: dict[str, str] | None = None) -> "Settings":
        """Validate flat values; a bad one is a one-line QAError naming where it came from."""
        token = _SOURCES.set(sources or {})
        try:
            return cls(**values)
        finally:
            _SOURCES.reset(token)

    def replace(self, **changes: object) -> "Settings":
        """A validated copy with some flat or top-level settings changed."""
        values: dict[str, object] = {"corpus_dir": self.corpus_dir, "index_dir": self.index_dir}
        for group in GROUPS:
            values[group] = getattr(self, group).model_dump()
        return Settings.build({**values, **changes})

    def index_settings(self) -> dict[str, object]:
        """The settings that shape the built index (part of its staleness key)."""
        from qa.index.analyzer import TOKENIZER_VERSION
        from qa.ingest import INGEST_VERSION

        return {
            "tokenizer": TOKENIZER_VERSION,
            "ingest": INGEST_VERSION,
            "model": self.index.model,
            "max_seq_length": self.index.max_seq_length,
            "encoder_precision": self.index.encoder_precision,
            "unit_embedding": self.index.unit_embedding,
            "passage_min_words": self.ingest.passage_min_words,
            "passage_max_words": self.ingest.passage_max_words,
            "passage_context_words": self.ingest.passage_context_words,
            "bm25_k1": self.index.bm25_k1,
            "bm25_b": self.index.bm25_b,
            "dense_exact_max": self.index.dense_exact_max,
            "hnsw_m": self.index.hnsw_m,
            "hnsw_ef_construction": self.index.hnsw_ef_construction,
            "max_file_mb": self.ingest.max_file_mb,
        }


def describe_error(exc: ValidationError, sources: dict[str, str]) -> str:
    """The first problem as one line: `invalid setting QA_FUSION='foo': expected 'convex' or 'rrf'`."""
    err = exc.errors()[0]
    loc = [str(p) for p in err.get("loc", ())]
    name = loc[-1] if loc else "settings"
    if name not in FIELD_GROUP and name not in ("corpus_dir", "index_dir") and len(loc) > 1:
        name = loc[-2] if loc[-2] in FIELD_GROUP else name
    where = sources.get(name, name)
    given = err.get("input")
    message = err.get("msg", "invalid value").replace("Input should be", "expected").replace("Value error, ", "")
    if err.get("type") == "extra_forbidden":  # only the constructor can name one (from_env reads known names)
        return f"unknown setting {name!r} (help(qa.Settings) lists them)"
    if not loc:
        return f"invalid setting: {message}"
    if isinstance(given, (str, int, float)) and not isinstance(given, bool) or given is None:
        return f"invalid setting {where}={given!r}: {message}"
    return f"invalid setting {where}: {message}"
