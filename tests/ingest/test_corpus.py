"""Bad corpus input: one warning line per bad document, the rest still ingested; a bad
manifest stops with one line. Everything runs on a private copy of the real corpus."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_qa, run_qa_here
from qa.ingest.corpus import MANIFEST_NAME, load_manifest, read_corpus
from qa.errors import CorpusError

GOOD_DOCS = {"kim2013", "figueroa2012", "pmc3782548"}
PLAIN_TEXT = ("Background\n\nMesenchymal stromal cells were cultured for three weeks and then "
              "examined under the microscope. The cells kept their shape and grew well in culture.\n")


def add_document(corpus_dir: Path, doc_id: str, file: str, content: bytes | None) -> None:
    """Append a manifest entry; `content` None leaves the file absent."""
    with open(corpus_dir / MANIFEST_NAME, "a", encoding="utf-8") as fh:
        fh.write(f'\n[[documents]]\nid = "{doc_id}"\nfile = "{file}"\ntitle = "Added by a test"\n')
    if content is not None:
        (corpus_dir / file).write_bytes(content)


def passages_cli(corpus_dir: Path, run=run_qa):
    result = run("passages", "--json", "--corpus-dir", str(corpus_dir))
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return result, rows


def warning_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


BAD_DOCUMENTS = {
    "empty": (b"", "empty"),
    "blank": (b" \n\n\t \n", "empty"),
    "binary": (b"%PDF-1.4\x00\x01\x02\x00\xff" * 50, "binary"),
    "nofile": (None, "not found"),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(BAD_DOCUMENTS))
def test_bad_document_is_one_warning_and_the_rest_is_ingested(corpus_copy: Path, case: str):
    content, phrase = BAD_DOCUMENTS[case]
    add_document(corpus_copy, f"bad_{case}", f"bad_{case}.txt", content)
    # one case through a real process, the rest through the same `main` in this one
    result, rows = passages_cli(corpus_copy, run_qa if case == "binary" else run_qa_here)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    lines = warning_lines(result.stderr)
    assert len(lines) == 1, lines
    assert f"bad_{case}" in lines[0] and phrase in lines[0] and lines[0].startswith("warning:"), lines[0]
    assert {r["doc_id"] for r in rows} == GOOD_DOCS


@pytest.mark.slow
def test_a_latin1_letter_in_ascii_text_is_read_as_that_letter_with_a_warning(corpus_copy: Path):
    data = PLAIN_TEXT.replace("three weeks", "three w\u00e9eks").encode("latin-1", errors="replace")
    add_document(corpus_copy, "latin", "latin.txt", data)
    result, rows = passages_cli(corpus_copy)
    assert result.returncode == 0, result.stderr
    lines = warning_lines(result.stderr)
    assert any("latin" in ln and "not UTF-8; read as cp1252" in ln for ln in lines), lines
    assert {r["doc_id"] for r in rows} == GOOD_DOCS | {"latin"}
    assert any("three w\u00e9eks" in r["text"] for r in rows if r["doc_id"] == "latin")


@pytest.mark.slow
def test_document_without_citations_is_ingested_with_one_warning(corpus_copy: Path):
    add_document(corpus_copy, "plain", "plain.txt", PLAIN_TEXT.encode("utf-8"))
    result, rows = passages_cli(corpus_copy)
    assert result.returncode == 0, result.stderr
    lines = warning_lines(result.stderr)
    assert len(lines) == 1 and "plain" in lines[0] and "no in-text citations" in lines[0], lines
    assert {r["doc_id"] for r in rows} == GOOD_DOCS | {"plain"}
    plain = [r for r in rows if r["doc_id"] == "plain"]
    assert all(r["citations"] == [] for r in plain)
    assert any("cultured for three weeks" in r["text"] for r in plain)


@pytest.mark.slow
def test_an_existing_document_emptied_leaves_the_other_two(corpus_copy: Path):
    (corpus_copy / "kim2013_clinical_applications_of_mscs.txt").write_bytes(b"")
    result, rows = passages_cli(corpus_copy)
    assert result.returncode == 0, result.stderr
    lines = warning_lines(result.stderr)
    assert len(lines) == 1 and "kim2013" in lines[0] and "empty" in lines[0], lines
    assert {r["doc_id"] for r in rows} == GOOD_DOCS - {"kim2013"}


@pytest.mark.slow
def test_text_file_missing_from_the_manifest_is_one_warning(corpus_copy: Path):
    (corpus_copy / "stray.txt").write_text(PLAIN_TEXT, encoding="utf-8")
    result, rows = passages_cli(corpus_copy)
    assert result.returncode == 0, result.stderr
    lines = warning_lines(result.stderr)
    assert len(lines) == 1 and "stray.txt" in lines[0], lines
    assert {r["doc_id"] for r in rows} == GOOD_DOCS


@pytest.mark.slow
def test_several_bad_documents_give_one_line_each(corpus_copy: Path):
    for case in ("empty", "binary", "nofile"):
        add_document(corpus_copy, f"bad_{case}", f"bad_{case}.txt", BAD_DOCUMENTS[case][0])
    result, rows = passages_cli(corpus_copy)
    assert result.returncode == 0, result.stderr
    lines = warning_lines(result.stderr)
    assert len(lines) == 3
    for case in ("empty", "binary", "nofile"):
        assert sum(f"bad_{case}" in line for line in lines) == 1, (case, lines)
    assert {r["doc_id"] for r in rows} == GOOD_DOCS


BAD_MANIFESTS = {
    "missing": None,
    "garbled": b"[[documents]\nid = kim2013\n\x00\x01 this is not TOML = = =\n",
    "not utf-8": "[[documents]]\nid = \"caf\xe9\"\nfile = \"x.txt\"\n".encode("latin-1"),
    "no entries": b"title = \"a corpus\"\n",
    "entry without id": b"[[documents]]\nfile = \"kim2013_clinical_applications_of_mscs.txt\"\n",
    "duplicate id": (b"[[documents]]\nid = \"a\"\nfile = \"kim2013_clinical_applications_of_mscs.txt\"\n"
                     b"[[documents]]\nid = \"a\"\nfile = \"pmc3782548_mscs_in_allogeneic_hsct.txt\"\n"),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(BAD_MANIFESTS))
def test_bad_manifest_is_one_line_and_a_failure(corpus_copy: Path, case: str):
    manifest = corpus_copy / MANIFEST_NAME
    if BAD_MANIFESTS[case] is None:
        manifest.unlink()
    else:
        manifest.write_bytes(BAD_MANIFESTS[case])
    run = run_qa if case == "garbled" else run_qa_here  # one case through a real process
    result = run("passages", "--corpus-dir", str(corpus_copy))
    assert result.returncode != 0
    assert result.stdout == ""
    lines = warning_lines(result.stderr)
    assert len(lines) == 1, lines
    assert lines[0].startswith("qa: ") and "Traceback" not in result.stderr
    assert "manifest" in lines[0] or MANIFEST_NAME in lines[0], lines[0]


@pytest.mark.slow
def test_missing_corpus_folder_is_one_line(tmp_path: Path):
    result = run_qa("passages", "--corpus-dir", str(tmp_path / "nowhere"))
    assert result.returncode != 0 and result.stdout == ""
    lines = warning_lines(result.stderr)
    assert len(lines) == 1 and "corpus folder not found" in lines[0], lines


@pytest.mark.slow
def test_corpus_where_no_document_is_readable_fails_with_one_line(corpus_copy: Path):
    for path in corpus_copy.glob("*.txt"):
        path.write_bytes(b"")
    result = run_qa("passages", "--corpus-dir", str(corpus_copy))
    assert result.returncode != 0 and result.stdout == ""
    lines = warning_lines(result.stderr)
    assert len(lines) == 1 and "no readable documents" in lines[0], lines


# --- the library functions ---------------------------------------------------------------------


def test_read_corpus_returns_raw_texts_with_hashes(corpus_copy: Path):
    import hashlib

    files = read_corpus(corpus_copy)
    assert [d.meta.id for d in files.documents] == ["kim2013", "figueroa2012", "pmc3782548"]
    assert not files.warnings
    for doc in files.documents:
        data = (corpus_copy / doc.meta.file).read_bytes()
        assert doc.sha256 == hashlib.sha256(data).hexdigest()
        assert doc.text == data.decode("utf-8").lstrip("\ufeff")


def test_byte_order_mark_is_dropped(corpus_copy: Path):
    add_document(corpus_copy, "bom", "bom.txt", b"\xef\xbb\xbf" + PLAIN_TEXT.encode("utf-8"))
    doc = next(d for d in read_corpus(corpus_copy).documents if d.meta.id == "bom")
    assert doc.text == PLAIN_TEXT


def test_load_manifest_reads_the_real_metadata(corpus_copy: Path):
    metas = {m.id: m for m in load_manifest(corpus_copy)}
    assert metas["kim2013"].authors == ["Kim N", "Cho SG"] and metas["kim2013"].year == 2013
    assert metas["figueroa2012"].confirmed is False


def test_load_manifest_errors_are_corpus_errors(corpus_copy: Path):
    (corpus_copy / MANIFEST_NAME).write_text("[[documents]\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="not valid TOML"):
        load_manifest(corpus_copy)
    (corpus_copy / MANIFEST_NAME).unlink()
    with pytest.raises(CorpusError, match="manifest not found"):
        load_manifest(corpus_copy)


@pytest.mark.parametrize("name", ["kim2013_clinical_applications_of_mscs.txt",
                                  "./kim2013_clinical_applications_of_mscs.txt", "link.txt"])
def test_two_documents_using_one_file_are_refused_naming_both(corpus_copy: Path, name: str):
    """Robustness hunt: two entries with the same `file` were accepted silently (the text indexed
    twice; removing one moved the other's text away). The file is compared where it resolves, so
    './x.txt' and a symlink to x.txt are the same file."""
    (corpus_copy / "link.txt").symlink_to("kim2013_clinical_applications_of_mscs.txt")
    add_document(corpus_copy, "kimcopy", name, None)
    with pytest.raises(CorpusError, match=f"documents 'kim2013' and 'kimcopy' both use the file '{name}'"):
        load_manifest(corpus_copy)


@pytest.mark.slow
def test_qa_docs_and_qa_index_say_which_documents_share_a_file(corpus_copy: Path, tmp_path: Path):
    add_document(corpus_copy, "kimcopy", "kim2013_clinical_applications_of_mscs.txt", None)
    for command in ("docs", "index"):
        result = run_qa(command, "--corpus-dir", str(corpus_copy), "--index-dir", str(tmp_path / "index"))
        assert result.returncode == 2 and result.stdout == "", result.stdout
        assert result.stderr == (f"qa: {corpus_copy / MANIFEST_NAME}: documents 'kim2013' and 'kimcopy' both use the "
                                 "file 'kim2013_clinical_applications_of_mscs.txt'; each document needs its own file\n")
    assert not (tmp_path / "index").exists()


@pytest.mark.slow
def test_a_latin1_text_is_read_in_its_encoding_with_one_warning(corpus_copy: Path):
    """Robustness hunt: a Latin-1 text was read as UTF-8 with replacement characters (its
    accented letters lost). Its encoding is decided (charset-normalizer, Windows-1252 when
    that reads it as cleanly) and named in one warning."""
    data = (PLAIN_TEXT.replace("three weeks", "three weeks (37 °C)").encode("latin-1")
            + "Les cellules ont été étudiées.\n".encode("latin-1"))
    add_document(corpus_copy, "latin", "latin.txt", data)
    result, rows = passages_cli(corpus_copy)
    assert result.returncode == 0, result.stderr
    lines = warning_lines(result.stderr)
    assert any("latin" in line and "not UTF-8; read as cp1252" in line for line in lines), lines
    latin = [r for r in rows if r["doc_id"] == "latin"]
    assert latin and any("three weeks (37 °C)" in r["text"] for r in latin)
    assert not any("\ufffd" in r["text"] for r in latin)
    assert {r["doc_id"] for r in rows} == GOOD_DOCS | {"latin"}


@pytest.mark.slow
def test_damaged_utf8_bytes_are_replaced_with_one_warning_and_the_text_kept(corpus_copy: Path):
    data = PLAIN_TEXT.replace("three weeks", "three weeks (37 °C, 5 µm)").encode("utf-8") + b"\xff end.\n"
    add_document(corpus_copy, "damaged", "damaged.txt", data)
    result, rows = passages_cli(corpus_copy)
    assert result.returncode == 0, result.stderr
    lines = warning_lines(result.stderr)
    assert any("damaged" in line and "not valid UTF-8" in line and "replacement" in line for line in lines), lines
    damaged = [r for r in rows if r["doc_id"] == "damaged"]
    assert damaged and any("(37 °C, 5 µm)" in r["text"] for r in damaged)


def _age(path: Path, seconds: float) -> None:
    """Set a file's mtime `seconds` into the past (as a library's old files are)."""
    import os
    import time

    old = time.time() - seconds
    os.utime(path, (old, old))


def test_corpus_record_reuses_a_hash_only_for_an_untouched_old_file(corpus_copy: Path):
    from qa.ingest.corpus import corpus_record, sha256_bytes

    text = next(p for p in sorted(corpus_copy.glob("*.txt")))
    for path in corpus_copy.iterdir():
        _age(path, 60)
    first = corpus_record(corpus_copy)
    assert first["files"][text.name] == sha256_bytes(text.read_bytes())
    assert set(first["stats"]) == set(first["files"])
    # A recorded hash that differs from the content proves whether the file was read again.
    planted = {**first, "files": {**first["files"], text.name: "planted"}}
    assert corpus_record(corpus_copy, planted)["files"][text.name] == "planted"  # stat unchanged: not read
    # The same number of bytes written and the old mtime put back: ctime still changes.
    data = text.read_bytes()
    text.write_bytes(data[:-1] + (b"X" if data[-1:] != b"X" else b"Y"))
    _age(text, 60)
    again = corpus_record(corpus_copy, planted)["files"][text.name]
    assert again == sha256_bytes(text.read_bytes()) != first["files"][text.name]


def test_corpus_record_reads_a_racily_fresh_file_again(corpus_copy: Path):
    """A file modified within RACY_NS of being hashed could be rewritten within the same
    mtime tick, so its recorded hash is never trusted."""
    from qa.ingest.corpus import corpus_record, sha256_bytes

    text = next(p for p in sorted(corpus_copy.glob("*.txt")))
    text.write_bytes(text.read_bytes() + b"\nfresh\n")  # mtime now, record taken right after
    first = corpus_record(corpus_copy)
    planted = {**first, "files": {**first["files"], text.name: "planted"}}
    assert corpus_record(corpus_copy, planted)["files"][text.name] == sha256_bytes(text.read_bytes())


def test_corpus_record_parses_the_manifest_only_when_it_changed(corpus_copy: Path):
    """The manifest's list of files is recorded; an untouched manifest is not parsed again
    (a planted list proves it), an edited one is, and sees a newly listed subfolder text."""
    from qa.ingest.corpus import corpus_record, sha256_bytes

    for path in corpus_copy.iterdir():
        _age(path, 60)
    first = corpus_record(corpus_copy)
    assert sorted(first["listed"]) == sorted(m.file for m in load_manifest(corpus_copy))
    planted = {**first, "listed": [*first["listed"], "sub/planted.txt"]}
    assert corpus_record(corpus_copy, planted)["files"]["sub/planted.txt"].startswith("unreadable:")
    (corpus_copy / "sub").mkdir()
    (corpus_copy / "sub" / "extra.txt").write_text(PLAIN_TEXT, encoding="utf-8")
    add_document(corpus_copy, "extra", "sub/extra.txt", None)
    again = corpus_record(corpus_copy, planted)
    assert "sub/planted.txt" not in again["files"]
    assert again["files"]["sub/extra.txt"] == sha256_bytes(PLAIN_TEXT.encode())


@pytest.mark.parametrize("text", [
    "Mesenchymal stem cells were used in Crohn\u00b4s disease and in na\u00efve T cells. " * 3,  # user trial 10
    "MSCs were given for Crohn\u00b4s disease fistulas.\n",
])
def test_latin1_text_the_detector_reads_as_another_script_is_windows_1252(text: str):
    """User trial 10: a Latin-1 file with an acute accent as apostrophe ("Crohn´s") was read as
    iso8859_10 and stored as "Crohnīs"; charset-normalizer's matches did not include
    Windows-1252 at all (big5, gb18030 on these bytes)."""
    from qa.ingest.corpus import legacy_encoding

    data = text.encode("latin-1")
    assert legacy_encoding(data) == "cp1252"
    assert data.decode(legacy_encoding(data)) == text


def test_a_cyrillic_text_is_not_read_as_windows_1252():
    """Windows-1252 decodes any byte; its mess ratio on Cyrillic bytes (about 1.1) keeps it out."""
    from qa.ingest.corpus import legacy_encoding

    data = ("Это текст о стволовых клетках и лечении болезни Крона. " * 3).encode("cp1251")
    assert legacy_encoding(data) not in (None, "cp1252")
