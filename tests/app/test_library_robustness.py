"""Defects a robustness hunt found in `qa add`, `qa remove`, `qa restore` and the corpus manifest,
each through the real CLI on a private copy of the corpus: bad input is one line and a non-zero
exit, never an internal error, and no command reports a change it did not make or loses data.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT, as_user, run_qa, run_qa_here

pytestmark = pytest.mark.slow

KIM = "kim2013_clinical_applications_of_mscs.txt"
ARTICLE = ("Bone marrow stromal cells from eleven donors were expanded in platelet lysate before "
           "infusion at the Hôpital Saint-Louis. Each preparation was tested for sterility, viability "
           "and surface markers, and the release criteria were met in every case reported. ")
OTHER = ("Umbilical cord stromal cells were infused into twenty patients with refractory lupus nephritis. "
         "Proteinuria fell within three months in most of them, and no infusion reaction was recorded. ")
TITLE = "Expansion of stromal cells in Zürich and Besançon"


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under the folder (the trash folder included), by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def ids(corpus: Path) -> list[str]:
    return [d["id"] for d in tomllib.loads((corpus / "manifest.toml").read_text())["documents"]]


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = [ln for ln in result.stderr.splitlines() if ln.strip() and "%" not in ln]
    assert result.returncode != 0 and len(lines) == 1 and lines[0].startswith("qa: "), result.stderr
    assert "internal error" not in lines[0] and "Traceback" not in result.stderr
    return lines[0]


def scratch_index(corpus: Path, tmp_path: Path) -> Path:
    """An index of the corpus copy, built with the project's cached embeddings."""
    from qa.index.embed_cache import CACHE

    index_dir = tmp_path / "index"
    shutil.copytree(ROOT / "index" / CACHE, index_dir / CACHE)
    built = run_qa("index", "--corpus-dir", str(corpus), "--index-dir", str(index_dir))
    assert built.returncode == 0, built.stderr
    return index_dir


# ---- 1. remove / restore report what happened to the corpus and the index

def test_a_remove_whose_index_update_fails_is_undone_and_no_success_is_printed(corpus_copy: Path, tmp_path: Path):
    """Robustness hunt: `qa remove` printed "removed ..." before the index update, which then failed."""
    not_a_folder = tmp_path / "index-file"
    not_a_folder.write_text("")
    before = tree(corpus_copy)
    result = run_qa("remove", "kim2013", "--corpus-dir", str(corpus_copy), "--index-dir", str(not_a_folder))
    line = one_error_line(result)
    assert result.stdout == "" and "is not a folder" in line
    assert "the removal was undone (kim2013 is back in the corpus)" in line
    assert tree(corpus_copy) == before  # byte for byte: the manifest too, and no trash folder
    assert run_qa("remove", "kim2013", "--no-index", "--corpus-dir", str(corpus_copy)).returncode == 0
    removed = tree(corpus_copy)
    result = run_qa("restore", "kim2013", "--corpus-dir", str(corpus_copy), "--index-dir", str(not_a_folder))
    line = one_error_line(result)
    assert result.stdout == "" and "the restore was undone (kim2013 is in" in line
    assert tree(corpus_copy) == removed


# ---- 2. a damaged .removed/*/entry.toml

DAMAGE = {
    "garbage": (lambda text: "garbage [[[\n", "not valid TOML"),
    "id_type": (lambda text: text.replace('id = "kim2013"', "id = 5"), "id: expected a valid string"),
    "no_file": (lambda text: "\n".join(ln for ln in text.splitlines() if not ln.startswith("file =")),
                "file: Field required"),
    "position": (lambda text: text.replace("position = 0", 'position = "first"'), "position must be a whole number"),
    "no_table": (lambda text: text.replace("[document]", "[other]"), "no [document] table"),
    "other_id": (lambda text: text.replace('id = "kim2013"', 'id = "someone"'), "holds document 'someone'"),
}


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_a_damaged_removed_entry_is_one_line_naming_it_and_other_removals_restore(corpus_copy: Path, kind: str):
    """Robustness hunt: garbage, wrong types or missing keys in entry.toml were an internal error
    (or, without `file`, restored an entry that made the manifest unreadable). One kind runs the
    real CLI in subprocesses, the others its `main` in this process (the same code, faster)."""
    run = run_qa if kind == "garbage" else run_qa_here
    where = ("--no-index", "--corpus-dir", str(corpus_copy))
    for doc in ("kim2013", "figueroa2012"):
        assert run("remove", doc, *where).returncode == 0
    entry = next((corpus_copy / ".removed").glob("kim2013-*/entry.toml"))
    damage, message = DAMAGE[kind]
    entry.write_text(damage(entry.read_text(encoding="utf-8")), encoding="utf-8")
    before = tree(corpus_copy)
    line = one_error_line(run("restore", "kim2013", *where))
    assert str(entry) in line and message in line, line
    assert tree(corpus_copy) == before
    prefix = one_error_line(run("restore", "kim", *where))  # whose id kim2013's folder begins with
    assert "no removed document 'kim'" in prefix and "removed: figueroa2012, kim2013" in prefix
    assert run("restore", "figueroa2012", *where).returncode == 0
    assert ids(corpus_copy) == ["figueroa2012", "pmc3782548"]


# ---- 4. the same file given twice

def test_the_same_file_given_twice_is_added_once_and_said(corpus_copy: Path, tmp_path: Path):
    """Robustness hunt: `qa add a1.txt a1.txt` said "a1.txt is already in the corpus" and
    "nothing was added, though 1 other file was ready"."""
    a1 = tmp_path / "a1.txt"
    a1.write_text(TITLE + "\n\n" + ARTICLE * 12, encoding="utf-8")
    where = ("--no-index", "--corpus-dir", str(corpus_copy))
    result = run_qa("add", str(a1), str(tmp_path / ".." / tmp_path.name / "a1.txt"), *where)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("added a1") == 1 and ids(corpus_copy).count("a1") == 1
    assert result.stderr.strip() == f"warning: {a1} was given more than once; it is taken once"
    copy = tmp_path / "a1 copy.txt"
    shutil.copy(a1, copy)
    (tmp_path / "b.txt").write_text("Umbilical cord stromal cells in lupus\n\n" + OTHER * 12, encoding="utf-8")
    before = tree(corpus_copy)
    refused = run_qa("add", str(tmp_path / "b.txt"), str(copy), *where)
    assert refused.returncode == 2 and f"a1 copy.txt is already in the corpus as 'a1'" in refused.stderr
    shutil.copy(tmp_path / "b.txt", tmp_path / "b again.txt")
    twins = run_qa("add", str(tmp_path / "b.txt"), str(tmp_path / "b again.txt"), *where)
    assert twins.returncode == 2 and f"b again.txt has the same bytes as {tmp_path / 'b.txt'}, given earlier in " \
                                      "this add" in twins.stderr, twins.stderr
    assert "already in the corpus" not in twins.stderr and tree(corpus_copy) == before


# ---- 5. text encodings

@pytest.mark.parametrize("encoding,said", [("utf-16", "read as UTF-16 (byte-order mark)"),
                                           ("latin-1", "not UTF-8; read as cp1252 (charset-normalizer)"),
                                           ("cp1252", "not UTF-8; read as cp1252 (charset-normalizer)")])
def test_a_text_in_another_encoding_is_stored_as_utf8_and_the_encoding_named(corpus_copy: Path, tmp_path: Path,
                                                                              encoding: str, said: str):
    """Robustness hunt: UTF-16 with a BOM was refused as binary (NUL bytes), Latin-1 lost its
    accented letters to replacement characters."""
    text = TITLE + "\n\n" + ARTICLE * 12
    if encoding == "cp1252":
        text = text.replace("were met", "were met – as “expected”")
    source = tmp_path / "article.txt"
    source.write_bytes(text.encode(encoding))
    run = run_qa if encoding == "latin-1" else run_qa_here  # one through the real CLI process
    result = run("add", str(source), "--no-index", "--corpus-dir", str(corpus_copy))
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == f"warning: article.txt: {said}; stored in the corpus as UTF-8"
    assert f"added article: {TITLE}" in result.stdout
    assert (corpus_copy / "article.txt").read_bytes() == text.encode("utf-8")


def test_undecodable_bytes_are_refused_in_one_line(corpus_copy: Path, tmp_path: Path):
    binary = tmp_path / "data.txt"
    binary.write_bytes(bytes(range(1, 256)) * 40)  # no NUL byte, no encoding reads it as text
    before = tree(corpus_copy)
    line = one_error_line(run_qa("add", str(binary), "--no-index", "--corpus-dir", str(corpus_copy)))
    assert "data.txt is not text" in line and tree(corpus_copy) == before


# ---- 6. a document kept in a subfolder of the corpus

def test_a_document_in_a_subfolder_is_removed_and_restored_where_it_was(corpus_copy: Path):
    """Robustness hunt: remove left a subfolder's file in place ("its files (none)")."""
    from qa.ingest.corpus import read_corpus

    (corpus_copy / "sub" / "deep").mkdir(parents=True)
    (corpus_copy / KIM).rename(corpus_copy / "sub" / "deep" / KIM)
    manifest = corpus_copy / "manifest.toml"
    manifest.write_text(manifest.read_text().replace(f'file = "{KIM}"', f'file = "sub/deep/{KIM}"'))
    kim = (corpus_copy / "sub" / "deep" / KIM).read_bytes()
    where = ("--no-index", "--corpus-dir", str(corpus_copy))
    removed = run_qa("remove", "kim2013", *where)
    assert removed.returncode == 0 and f"its files (sub/deep/{KIM})" in removed.stdout, removed.stdout
    assert not (corpus_copy / "sub" / "deep" / KIM).exists()
    assert [p.read_bytes() for p in (corpus_copy / ".removed").glob(f"kim2013-*/sub/deep/{KIM}")] == [kim]
    restored = run_qa("restore", "kim2013", *where)
    assert restored.returncode == 0, restored.stderr
    assert (corpus_copy / "sub" / "deep" / KIM).read_bytes() == kim and not (corpus_copy / ".removed").exists()
    corpus = read_corpus(corpus_copy)
    assert [d.meta.id for d in corpus.documents] == ["kim2013", "figueroa2012", "pmc3782548"] and not corpus.warnings


# ---- 7. bytes that are not UTF-8 in argv

def test_non_utf8_bytes_in_arguments_are_handled_or_refused_in_one_line(corpus_copy: Path, tmp_path: Path):
    """Robustness hunt: a Latin-1 file name reached the manifest's note and the add failed with
    an internal error (UnicodeEncodeError); an index folder with such a name failed inside the
    tokenizer ("while processing 'path'")."""
    name = os.fsdecode(b"art\xe9.txt")  # the bytes a Latin-1 file system holds
    (tmp_path / name).write_text(TITLE + "\n\n" + ARTICLE * 12, encoding="utf-8")
    added = run_qa("add", str(tmp_path / name), "--no-index", "--corpus-dir", str(corpus_copy))
    assert added.returncode == 0 and "added art:" in added.stdout, added.stderr
    entry = [d for d in tomllib.loads((corpus_copy / "manifest.toml").read_text())["documents"] if d["id"] == "art"]
    assert entry and "from art\ufffd.txt" in entry[0]["note"]
    index_dir = os.fsdecode(bytes(tmp_path) + b"/index-\xe9")
    line = one_error_line(run_qa("index", "--corpus-dir", str(corpus_copy), "--index-dir", index_dir))
    assert "has a name that is not UTF-8 text" in line and not os.path.exists(index_dir)
    asked = run_qa("ask", os.fsdecode(b"\xff\xfe"), "--corpus-dir", str(corpus_copy), "--index-dir", index_dir)
    assert "Traceback" not in asked.stderr and "internal error" not in asked.stderr
    assert run_qa("remove", os.fsdecode(b"x\xe9"), "--no-index", "--corpus-dir", str(corpus_copy)).returncode == 2


# ---- 8. a full disk

ENOSPC = """
import errno, os, pathlib, sys
import qa.ingest.library as library
where = sys.argv[1]
def full(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
if where == "corpus":  # the copy into the corpus folder fails
    library.shutil.copyfile = full
elif where == "fsync":  # flushing a written file fails (the manifest's, CURRENT's)
    os.fsync = full
else:  # a write into the index's build folder fails
    write_text = pathlib.Path.write_text
    pathlib.Path.write_text = lambda self, *a, **k: full() if "/.tmp-" in str(self) else write_text(self, *a, **k)
from qa.app.cli import main
raise SystemExit(main(sys.argv[2:]))
"""


def full_disk(where: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The real CLI with writes to the corpus or the index build failing with ENOSPC."""
    return subprocess.run([sys.executable, "-c", ENOSPC, where, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_a_full_disk_is_one_line_and_the_corpus_and_index_stay_as_they_were(corpus_copy: Path, tmp_path: Path):
    index_dir = scratch_index(corpus_copy, tmp_path)
    where = ("--corpus-dir", str(corpus_copy), "--index-dir", str(index_dir))
    article = tmp_path / "a1.txt"
    article.write_text(TITLE + "\n\n" + ARTICLE * 12, encoding="utf-8")
    before, current = tree(corpus_copy), (index_dir / "CURRENT").read_bytes()
    line = one_error_line(full_disk("corpus", "add", str(article), *where))
    assert line == f"qa: no space left on device: {corpus_copy}; nothing was added (the corpus is unchanged)", line
    line = one_error_line(full_disk("fsync", "remove", "kim2013", *where))
    assert line == f"qa: no space left on device: {corpus_copy}; nothing was removed (the corpus is unchanged)", line
    line = one_error_line(full_disk("index", "add", str(article), *where))
    assert line.startswith(f"qa: no space left on device: {index_dir}") and "the add was undone" in line, line
    line = one_error_line(full_disk("index", "remove", "kim2013", *where))
    assert line.startswith(f"qa: no space left on device: {index_dir}") and "the removal was undone" in line, line
    line = one_error_line(full_disk("index", "index", "--force", *where))
    assert line == f"qa: no space left on device: {index_dir} (the index is as it was)", line
    assert tree(corpus_copy) == before and (index_dir / "CURRENT").read_bytes() == current
    assert not [p for p in index_dir.iterdir() if p.name.startswith((".tmp-", ".CURRENT"))]
    check = run_qa("index", "--check", *where)
    assert check.returncode == 0 and "up to date" in check.stdout, check.stdout


# ---- user trial 25: a write the environment refuses is one line, and the corpus is unchanged

def _limited(limit: int):
    """A child process whose files may not grow beyond `limit` bytes (ulimit -f: EFBIG, as a
    quota or a small file system gives), root included."""
    import resource

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_an_add_whose_copy_hits_a_file_size_limit_leaves_the_corpus_as_it_was(corpus_copy: Path, tmp_path: Path):
    """User trial 25: `ulimit -f 500; qa add a.pdf` said "internal error: OSError: [Errno 27] File
    too large ...; nothing was added (the corpus is unchanged)" and left the half-written copy in
    the corpus folder."""
    big = tmp_path / "long_trial.txt"
    big.write_text((ARTICLE + OTHER) * 200, encoding="utf-8")  # ~70 KB
    before = tree(corpus_copy)
    result = subprocess.run([sys.executable, "-m", "qa", "add", str(big), "--no-index", "--corpus-dir",
                             str(corpus_copy)], cwd=ROOT, capture_output=True, text=True, timeout=300,
                            preexec_fn=_limited(16_000))
    line = one_error_line(result)
    assert line == (f"qa: {corpus_copy / 'long_trial.txt'}: File too large; nothing was added "
                    "(the corpus is unchanged)"), line
    assert tree(corpus_copy) == before


def test_a_read_only_corpus_folder_is_one_line_for_add_and_remove(corpus_copy: Path, tmp_path: Path):
    """User trial 25: a read-only library folder gave "internal error: PermissionError: ..."."""
    prefix = as_user()  # root writes anywhere: drop the capability that lets it
    article = tmp_path / "stromal.txt"
    article.write_text(ARTICLE * 3, encoding="utf-8")
    before = tree(corpus_copy)
    corpus_copy.chmod(0o555)
    try:
        runs = [subprocess.run([*prefix, sys.executable, "-m", "qa", *args, "--corpus-dir", str(corpus_copy)],
                               cwd=ROOT, capture_output=True, text=True, timeout=300)
                for args in (["add", str(article), "--no-index"], ["remove", "kim2013", "--no-index"])]
    finally:
        corpus_copy.chmod(0o755)
    assert one_error_line(runs[0]) == (f"qa: {corpus_copy}: Permission denied; nothing was "
                                       "added (the corpus is unchanged)")
    assert one_error_line(runs[1]) == (f"qa: {corpus_copy / '.removed'}: Permission denied; nothing was "
                                       "removed (the corpus is unchanged)")
    assert tree(corpus_copy) == before
