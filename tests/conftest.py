"""Shared fixtures: the real corpus, the real model, the real index (built once per session)."""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
if "QA_CACHE_DIR" not in os.environ:
    # the suite's own export cache (qa.index.export.export_cache), shared by every index the tests
    # build (CLI subprocesses inherit it) and removed after: the user's ~/.cache/qa is never touched
    import atexit
    import tempfile

    os.environ["QA_CACHE_DIR"] = tempfile.mkdtemp(prefix="qa-test-exports-")
    atexit.register(shutil.rmtree, os.environ["QA_CACHE_DIR"], True)

from qa.settings import PROJECT_ROOT, pdf_dir  # noqa: E402

ROOT = PROJECT_ROOT
CORPUS = ROOT / "corpus"


@pytest.fixture(autouse=True)
def _no_terminal_size_from_the_runner(monkeypatch):
    """No COLUMNS / LINES from the test runner: the CLI prints at the terminal's width (COLUMNS) or,
    when its output is not a terminal, at 100 columns, and a plugin of the suite (syrupy, under
    pytest-xdist's workers) leaves COLUMNS=80 and LINES=24 in the environment every CLI subprocess
    inherits. A test that wants a width says so (`env={"COLUMNS": "60"}`)."""
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)


@pytest.fixture(scope="session")
def settings():
    """Default settings: the project's own corpus/ and index/ (what `qa` uses)."""
    from qa.settings import Settings

    return Settings.from_env()


@pytest.fixture(scope="session")
def index(settings):
    """The real index, built (or validated) once for the whole session."""
    from qa.index.load import open_index

    return open_index(settings)


@pytest.fixture(scope="session")
def corpus(settings):
    from qa.ingest.pipeline import ingest_corpus

    return ingest_corpus(settings)


@pytest.fixture(scope="session")
def raws() -> dict[str, str]:
    """The raw text of every corpus document, by id."""
    from qa.ingest.corpus import read_corpus

    return {d.meta.id: d.text for d in read_corpus(CORPUS).documents}


@pytest.fixture(scope="session")
def cleaned(raws):
    """Each article cleaned on its own (as ingestion does: no other document is evidence)."""
    from qa.ingest.clean.cleaner import clean

    return {k: clean(v) for k, v in raws.items()}


def parts(c) -> tuple[str, tuple[int, int] | None, list[tuple[int, int]]]:
    """(text, references_span, skip_spans) of a CleanedText, as citation tests take them."""
    return c.text, c.references_span, list(c.skip_spans)


@pytest.fixture()
def corpus_copy(tmp_path: Path) -> Path:
    """A private copy of the corpus a test may edit."""
    dest = tmp_path / "corpus"
    shutil.copytree(CORPUS, dest)
    return dest


def run_qa(*args: str, env: dict[str, str] | None = None, timeout: float = 600,
           input: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real CLI in a subprocess, as a user would."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "qa", *args], capture_output=True, text=True,
                          timeout=timeout, env=full_env, cwd=ROOT, input=input)


def run_on_terminal(*args: str, on_terminal: tuple[str, ...] = ("stderr",), columns: int | None = None,
                    env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """`qa ARGS` in a subprocess whose streams named in `on_terminal` ("stdout", "stderr") write to one
    pseudo-terminal (`columns` wide when given), as a user's shell has them: its exit status, what the
    terminal received (escapes, bars and their erasing included) and the piped stdout ("" when stdout is
    on the terminal). A stream off the terminal: stdout piped, stderr dropped."""
    import pty

    master, slave = pty.openpty()
    full_env = {**os.environ, **(env or {}), **({"COLUMNS": str(columns)} if columns else {})}
    stdout = slave if "stdout" in on_terminal else subprocess.PIPE
    stderr = slave if "stderr" in on_terminal else subprocess.DEVNULL
    with subprocess.Popen([sys.executable, "-m", "qa", *args], cwd=ROOT, stdin=subprocess.DEVNULL, stdout=stdout,
                          stderr=stderr, env=full_env) as proc:
        os.close(slave)
        written = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the other end closed
                break
            if not chunk:
                break
            written += chunk
        out = proc.stdout.read().decode() if proc.stdout else ""
        proc.wait(timeout=600)
    os.close(master)
    return proc.returncode, written.decode(), out


def library_args(settings) -> list[str]:
    """The CLI flags naming the library `settings` was built for (its corpus and index folders)."""
    return ["--corpus-dir", str(settings.corpus_dir), "--index-dir", str(settings.index_dir)]


def ask_json(*args: str, env: dict[str, str] | None = None) -> dict:
    """`qa ask ... --json` through the real CLI: it must exit 0; its answer as parsed JSON."""
    done = run_qa("ask", *args, "--json", env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def as_user() -> list[str]:
    """The command prefix that makes file modes bind (`chmod 000` means what it means for a user):
    root's capabilities to ignore them dropped with setpriv; nothing when not root. Skips the test
    when root has no setpriv."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search"]


def run_qa_as_user(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """`run_qa` with file modes binding (`as_user`)."""
    return subprocess.run([*as_user(), sys.executable, "-m", "qa", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


def ask_with_mode(path: Path, mode: int, corpus_dir, index_dir) -> subprocess.CompletedProcess[str]:
    """`qa ask` as a user (`run_qa_as_user`) on a library one file or folder of which (`path`) has the file
    mode `mode` during the call only (restored after it): a read-only index folder, an unreadable pointer."""
    before = path.stat().st_mode & 0o7777
    path.chmod(mode)
    try:
        return run_qa_as_user("ask", "Which sources were used for GVHD?", "--corpus-dir", str(corpus_dir),
                              "--index-dir", str(index_dir))
    finally:
        path.chmod(before)


_RUN_ONCE: dict[tuple, subprocess.CompletedProcess[str]] = {}


def run_qa_once(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`run_qa` of a read-only command on the project's own library, run once per session: tests
    asserting different things about the same command's output share one real process."""
    key = (args, tuple(sorted((env or {}).items())))
    if key not in _RUN_ONCE:
        _RUN_ONCE[key] = run_qa(*args, env=env)
    return _RUN_ONCE[key]


def run_qa_here(*args: str, env: dict[str, str] | None = None,
                input: str | None = None) -> subprocess.CompletedProcess[str]:
    """The CLI's `main` in this process, with stdout, stderr and stdin replaced and the exit code
    returned as `run_qa` returns it: the same parser, checks and error handling, without the few
    seconds a subprocess spends importing and loading. For the many cases of a refusal (a bad flag,
    a bad value, a damaged file), each family keeping a case through `run_qa` itself."""
    import contextlib
    import io

    from qa.app.cli import main

    out, err = io.StringIO(), io.StringIO()
    saved = {name: os.environ.get(name) for name in (env or {})}
    saved_stdin = sys.stdin
    os.environ.update(env or {})
    sys.stdin = io.StringIO(input or "")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exit_:  # argparse's refusals exit as the process would
                code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    finally:
        sys.stdin = saved_stdin
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return subprocess.CompletedProcess(["qa", *args], code, out.getvalue(), err.getvalue())


# ---- the ten real article PDFs (../shared/pdfs beside the clone; never copied into the repo)
PDF_DIR = pdf_dir()  # QA_PDF_DIR, else ../shared/pdfs (qa.settings.pdf_dir)


_PDF_READS: dict[Path, object] = {}


def read_once(path: Path):
    """`read_pdf` of one PDF, once per session: the tests reading the ten articles (`pdf_texts`)
    and the evaluation library's texts (`pdf_library`) share one reading (tens of seconds)."""
    from qa.ingest.pdf import read_pdf

    path = Path(path).resolve()
    if path not in _PDF_READS:
        _PDF_READS[path] = read_pdf(path)
    return _PDF_READS[path]


def sentences_holding(path: Path, word: str) -> list[str]:
    """The sentences of a real PDF, as `qa add` reads and splits it, that hold `word` (skips the test
    when the ten PDFs are not there)."""
    if not Path(path).is_file():
        pytest.skip(f"the real PDFs are not in {PDF_DIR}")
    from qa.ingest.sentences import split_sentences

    text = read_once(path).text
    return [text[a:b] for a, b in split_sentences(text, 0, len(text)) if word in text[a:b]]


@pytest.fixture(scope="session")
def pdf_texts():
    """PdfText of every dev PDF by file stem, each extracted once per session."""
    pdfs = sorted(PDF_DIR.glob("*.pdf"))
    if len(pdfs) != 10:
        pytest.skip(f"the ten dev PDFs are not in {PDF_DIR}")
    return {p.stem: read_once(p) for p in pdfs}


@pytest.fixture(scope="session")
def encoder_dir() -> Path:
    """The packaged model's ONNX export (max_seq_length 256) in the suite's export cache: made
    once per session, by whichever comes first, this fixture or an index build (which reuse it),
    and checked against its recorded sha256 each time it is taken. Tests only read it."""
    from qa.index.export import ensure_export
    from qa.index.model_source import resolve_model
    from qa.settings import PACKAGED_MODEL

    return ensure_export(resolve_model(PACKAGED_MODEL), 256, Path(os.environ["QA_CACHE_DIR"]))


def seed_embeddings(index_dir: Path) -> None:
    """Start an index folder's embedding cache with the project index's entries (the reviews', as
    the project's index has them; entries are keyed by the encoder and the exact texts, so one
    serves only the same document's same texts): a library holding the reviews embeds only its
    other documents. Entries already there are kept; each is copied to a temporary name and
    renamed, as the cache writes its own."""
    from qa.index.embed_cache import CACHE, EMBEDDINGS

    seed, dest = ROOT / "index" / CACHE / EMBEDDINGS, Path(index_dir) / CACHE / EMBEDDINGS
    if not seed.is_dir():
        return
    dest.mkdir(parents=True, exist_ok=True)
    for entry in seed.iterdir():
        if ".tmp-" not in entry.name and not (dest / entry.name).exists():
            shutil.copy2(entry, dest / f"{entry.name}.tmp-{os.getpid()}")
            os.replace(dest / f"{entry.name}.tmp-{os.getpid()}", dest / entry.name)


@pytest.fixture(scope="session")
def pdf_library():
    """(settings, index) of the seeds + ten-PDF evaluation library (`qa.evaluation.corpora`), built
    here through the real CLI when missing or stale (the evaluation gate reads the same folder, so
    the suite builds it once either way); a skip only when the PDFs themselves are absent. Its
    texts come from the session's one reading of each PDF (`read_once`, the same `read_pdf` the
    library's own reader calls) and its cache starts with the reviews' embeddings."""
    from qa.evaluation import corpora
    from qa.index.load import open_index

    # only absent PDFs skip (any other QAError of building the corpus was a skip too: a failure hidden)
    if not corpora.PDF_DIR.is_dir() or not any(corpora.PDF_DIR.glob("*.pdf")):
        pytest.skip(f"the pdfs question set needs the PDF articles, and {corpora.PDF_DIR} has none")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(corpora, "_pdf_text", lambda pdf: read_once(pdf).text)
        settings = corpora.settings_for("pdfs")
    seed_embeddings(settings.index_dir)
    built = run_qa("--corpus-dir", str(settings.corpus_dir), "--index-dir", str(settings.index_dir), "index")
    assert built.returncode == 0, built.stderr
    return settings, open_index(settings)


ADDED_PDFS = (PDF_DIR / "10.1128_jb.00479-21.pdf", PDF_DIR / "10.1101_2024.02.13.580051.pdf")


@pytest.fixture(scope="session")
def added_pdfs_library(tmp_path_factory):
    """(settings, `qa.add` result) of a new library that `qa.add` filled with two real PDFs
    (`ADDED_PDFS`: a bacteriology article, a fly genetics preprint) and indexed, once per session:
    the add and its index build take tens of seconds, and the add preview and library-article tests
    each made the same one. Tests only read it; a test that changes it works on `copied_library`."""
    import qa
    from qa.settings import Settings

    if not all(pdf.is_file() for pdf in ADDED_PDFS):
        pytest.skip(f"the real PDFs are not in {PDF_DIR}")
    root = tmp_path_factory.mktemp("added-pdfs")
    settings = Settings(corpus_dir=root / "lib", index_dir=root / "lib-index")
    return settings, qa.add([ADDED_PDFS[0], str(ADDED_PDFS[1])], settings=settings)


def copied_library(settings, dest: Path):
    """A private copy of a library under `dest` (its corpus and index folders, caches included):
    an index names no folder of its own, so the copy is ready beside the copied corpus."""
    corpus_dir, index_dir = Path(dest) / "lib", Path(dest) / "lib-index"
    shutil.copytree(settings.corpus_dir, corpus_dir)
    shutil.copytree(settings.index_dir, index_dir)
    return settings.replace(corpus_dir=corpus_dir, index_dir=index_dir)


def answerer_with(settings, index, **changes):
    """An Answerer over the real index with some settings changed (no second index load)."""
    from qa.answer.answerer import Answerer
    from qa.retrieval.retriever import Retriever

    return Answerer(retriever=Retriever(settings.replace(**changes) if changes else settings, index=index))


@pytest.fixture(scope="module")
def answerer(settings, index):
    """An Answerer over the real index with the default settings, one per test module (a module
    testing other settings defines its own `answerer` or calls `answerer_with`)."""
    return answerer_with(settings, index)


@contextlib.asynccontextmanager
async def started_app(answerer=None, size: tuple[int, int] = (160, 50), **options):
    """The chat app (`QAApp`, over the real index without `answerer`; `options` its docs or mode) under a
    Textual Pilot of the given terminal size, once its start-up work (the index's status, load or build)
    is done: yields (app, pilot). The start-up lines every Pilot test wrote again."""
    from qa.app.tui import QAApp

    app = QAApp(answerer=answerer, **options)
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        yield app, pilot



async def typed_and_answered(app, pilot, question: str, timeout: float = 120.0) -> None:
    """Type `question` into the chat's box, press enter and wait until a new answer is in the chat
    and no worker runs: waiting on the answer itself, not on `pilot.press` having handed the key on
    (on a loaded machine `workers.wait_for_complete()` can run before the question's worker starts)."""
    import asyncio

    from qa.app.tui_widgets import AnswerMessage

    await app.workers.wait_for_complete()
    shown = len(app.query(AnswerMessage))
    await pilot.press(*question, "enter")
    deadline = asyncio.get_running_loop().time() + timeout
    while len(app.query(AnswerMessage)) <= shown:
        assert asyncio.get_running_loop().time() < deadline, f"no answer to {question!r} in {timeout:.0f} s"
        await pilot.pause(0.05)
    await app.workers.wait_for_complete()
    await pilot.pause(0.1)


def last_message(app):
    """The chat's newest `AnswerMessage` widget (the answer and how it is shown)."""
    from qa.app.tui_widgets import AnswerMessage

    return list(app.query(AnswerMessage))[-1]


def last_answer(app):
    """The `Answer` of the chat's newest answer: what a Pilot test reads after `typed_and_answered`."""
    return last_message(app).answer


def shown(app, selector: str) -> str:
    """The plain text a Static of the app's current screen displays."""
    from rich.text import Text
    from textual.widgets import Static

    content = app.screen.query_one(selector, Static).content
    return content.plain if isinstance(content, Text) else str(content)


def chat_text(app) -> str:
    """The chat's text as shown: every Static of it in order, as plain text."""
    from rich.text import Text
    from textual.widgets import Static

    from qa.app.tui_widgets import Chat

    return "\n".join(w.content.plain if isinstance(w.content, Text) else str(w.content)
                     for w in app.query_one(Chat).query(Static))


def loaded_index(settings):
    """The index a build left under `settings` (asserting that it is ready), loaded as `qa` loads it."""
    from qa.index import store
    from qa.index.load import load

    state = store.check(settings)
    assert state.ready, state.reason
    return load(state.build, state.manifest)


def table_row(i: int, cells: str):
    """A made-up row of "Table 3 (Outcomes of the trials)" rendered as the index renders table rows
    (caption, then "Column: value; ..."): the table-extremes and every-row tests read such tables."""
    from qa.models import Passage

    text = "Table 3 (Outcomes of the trials). " + cells + "."
    return Passage(id=f"r{i}", doc_id="d", section="Table 3. Outcomes of the trials", kind="table_row",
                   text=text, start=100 * i, end=100 * i + len(text))

def part_unit(doc: str, start: int, score: float, name: str):
    """A made-up answer unit: what the part-ordering rules read of one (its passage's document and start,
    its score), named so a test can tell which one came first."""
    from types import SimpleNamespace

    return SimpleNamespace(hit=SimpleNamespace(passage=SimpleNamespace(doc_id=doc, start=start)), score=score,
                           name=name)


def part_start(index, doc: str, part: str) -> int:
    """Where a part ('results', 'methods', ...) of a real document begins (`section_role.part_spans`)."""
    from qa.retrieval.section_role import part_spans

    return next(a for a, _, p in part_spans(index.document(doc)) if p == part)


def checked_first_span(answer, index):
    """An answer's first span as the span tests need it: found, verbatim in its passage, whole
    sentences (its start and end are sentence bounds of the passage), and no span repeating or
    nesting in another. Returns the first span, its hit and the passage's sentence starts and ends."""
    assert answer.found and answer.spans
    first = answer.spans[0]
    hit = next(h for h in answer.passages if h.passage.id == first.passage_id)
    p = hit.passage
    assert p.text[first.start - p.start:first.end - p.start] == first.text
    bounds = index.sentence_spans(hit)
    starts, ends = [s for _, s, _ in bounds], [e for _, _, e in bounds]
    assert first.start in starts and first.end in ends  # whole sentences, nothing cut
    for i, a in enumerate(answer.spans):  # no span repeats or nests in another
        for b in answer.spans[i + 1:]:
            assert a.doc_id != b.doc_id or a.end <= b.start or b.end <= a.start
    return first, hit, starts, ends
