"""The evaluation's question set: where its files are, what a question line holds, and which
questions a split and a set select. Apart from the runner (`qa.evaluation.evaluate`) because the
gate, the calibration, the sweep and the citation evaluations read the questions without running them.
"""
from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from qa.errors import QAValueError
from qa.settings import PROJECT_ROOT

QUESTIONS_PATH = PROJECT_ROOT / "evals" / "questions.jsonl"
BLIND_DIR = PROJECT_ROOT / "evals" / "blind"
# question files per set: (path, set name); the set decides the corpus (see evaluation.corpora)
QUESTION_FILES = (
    (QUESTIONS_PATH, "seeds"),
    (BLIND_DIR / "seeds.jsonl", "seeds"),
    (BLIND_DIR / "pdfs.jsonl", "pdfs"),
)
SPLITS = ("dev", "test", "blind-dev", "blind-test")
SEALED = "blind-test"
ROUND_ID = re.compile(r"b(\d*)-")  # blind question ids: b-..., b2-..., b3-...
SETS = ("seeds", "pdfs")
KINDS = ("sources", "table", "number", "fact", "definition", "list", "yesno", "comparison", "followup",
         "unanswerable")


class Question(BaseModel):
    """One line of evals/questions.jsonl."""

    id: str
    split: str
    kind: str
    question: str
    docs: list[str] = Field(default_factory=list)
    evidence: list[str] = Field(default_factory=list)
    citations: list[str] = Field(default_factory=list)
    answer: str = ""
    absent_terms: list[str] = Field(
        default_factory=list, description="Unanswerable only: terms that occur in no document."
    )
    style: str = Field(default="", description="clinician, researcher or lay wording (blind sets).")
    previous: str | None = Field(default=None, description="Follow-ups: the earlier question (context).")
    set: str = Field(default="seeds", description="Question set: 'seeds' (the reviews) or 'pdfs'.")

    @property
    def answerable(self) -> bool:
        return self.kind != "unanswerable"

    @property
    def round(self) -> int | None:
        """The blind round that wrote it, read off its id ('b-' is 1, 'b4-' is 4); None if none."""
        match = ROUND_ID.match(self.id)
        return None if match is None else int(match.group(1) or 1)


def load_questions(path: Path | str = QUESTIONS_PATH, split: str | None = None,
                   set_name: str | None = None) -> list[Question]:
    """Questions of one file and split ('dev', 'test', 'blind-dev', ...), or all for None/'all'."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise QAValueError(f"{path} is not UTF-8 text") from None
    numbered = [(number, _question(line, path, number)) for number, line in enumerate(lines, 1) if line.strip()]
    if split not in (None, "all"):
        numbered = [(number, q) for number, q in numbered if q.split == split]
    for number, q in numbered:
        _askable(q, path, number)
    if set_name is not None:
        return [q.model_copy(update={"set": set_name}) for _, q in numbered]
    return [q for _, q in numbered]


def _question(line: str, path: Path | str, number: int) -> Question:
    """One line of a question file; a hand-edited bad one is one line (sweep 29: an internal error)."""
    try:
        return Question.model_validate_json(line)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = "".join(f"{part}: " for part in err.get("loc", ())[:1])
        raise QAValueError(f"{path}, line {number}, is not a question: {field}{err['msg']}") from None


def _askable(q: Question, path: Path | str, number: int) -> None:
    """A selected question is one `qa ask` would take, under an id: robustness sweep 32 found an
    empty question text stop a whole `qa eval` with "qa: the question is empty", naming no file,
    line or id, and an empty id scored as any other."""
    from qa import validate
    from qa.errors import QAError

    if not q.id.strip():
        raise QAValueError(f"{path}, line {number}, is not a question: its id is empty")
    try:
        validate.question(q.question)
        validate.previous(q.previous)
    except QAError as exc:
        raise QAValueError(f"{path}, line {number} (question {q.id!r}): {exc}") from None


def load_all(split: str = "all", set_name: str = "all") -> list[Question]:
    """Questions of every question file, filtered by split and set ('all' keeps everything)."""
    out: list[Question] = []
    for path, name in QUESTION_FILES:
        if set_name not in ("all", name) or not path.exists():
            continue
        out += load_questions(path, split, name)
    seen: set[str] = set()
    for question in out:  # sweep 30: a repeated id was scored twice, its records merged by id after
        if question.id in seen:
            raise QAValueError(f"the question id {question.id!r} is used twice in the question files; "
                               "each question needs its own id")
        seen.add(question.id)
    return out
