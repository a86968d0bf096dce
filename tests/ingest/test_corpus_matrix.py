"""A corpus-corruption matrix on a small copy of the corpus: every way a user's corpus folder
can be wrong (entries pointing outside it, encodings, sizes, empty or binary files, broken
manifests) ends in the document ingested correctly, or a clear one-line error or warning
naming the entry; never a crash, never another file of the machine in the output."""
from __future__ import annotations

import codecs
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import CORPUS, run_qa
from qa.errors import CorpusError, QAError
from qa.ingest.corpus import read_corpus
from qa.ingest.pipeline import ingest_corpus
from qa.settings import Settings

DOC = "pmc3782548_mscs_in_allogeneic_hsct.txt"
ENTRY = '\n[[documents]]\nid = "{id}"\nfile = "{file}"\n'
SECRET = "root:x:0:0:secret-marker-for-the-traversal-test"


@pytest.fixture()
def small(tmp_path: Path) -> Path:
    """A one-article corpus (the smallest review) with its real manifest entry."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / DOC, corpus / DOC)
    (corpus / "manifest.toml").write_text(ENTRY.format(id="pmc", file=DOC), encoding="utf-8")
    (tmp_path / "secret.txt").write_text(SECRET + "\n" * 3 + "word " * 200, encoding="utf-8")
    return corpus


def add(corpus: Path, doc_id: str, file: str) -> None:
    with open(corpus / "manifest.toml", "a", encoding="utf-8") as fh:
        fh.write(ENTRY.format(id=doc_id, file=file))


@pytest.mark.parametrize("file", ["../secret.txt", "sub/../../secret.txt", "{abs}", "~/secret.txt", "link.txt",
                                  "", ".", "sub/.."])
def test_entries_outside_the_corpus_are_refused_naming_the_entry(small, file):
    (small / "link.txt").symlink_to(small.parent / "secret.txt")
    (small / "sub").mkdir()
    add(small, "evil", file.format(abs=small.parent / "secret.txt"))
    with pytest.raises(CorpusError) as caught:
        read_corpus(small)
    message = str(caught.value)
    assert "\n" not in message and "'evil'" in message
    assert "outside the corpus" in message or "relative to the corpus" in message


def test_traversal_through_the_cli_never_prints_the_file(small):
    add(small, "evil", "../secret.txt")
    result = run_qa("passages", "--corpus-dir", str(small), "--json")
    assert result.returncode == 2 and result.stdout == ""
    assert SECRET not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("qa: ") and "evil" in lines[0] and "outside" in lines[0]


def test_a_file_in_a_subfolder_is_allowed(small):
    (small / "sub").mkdir()
    shutil.copy(small / DOC, small / "sub" / "copy.txt")
    add(small, "sub", "sub/copy.txt")
    assert [d.meta.id for d in read_corpus(small).documents] == ["pmc", "sub"]


def reference_passages(corpus: Path) -> list[str]:
    return [p.text for p in ingest_corpus(Settings(corpus_dir=corpus)).passages]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_unicode_encodings_with_a_bom_are_read_as_the_same_text(small, encoding):
    expected = reference_passages(small)
    text = (small / DOC).read_text(encoding="utf-8")
    data = text.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):  # explicit-endian codecs write no BOM: add it
        data = (codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE) + data
    (small / DOC).write_bytes(data)
    assert reference_passages(small) == expected


@pytest.mark.parametrize("case,content,phrase", [
    ("empty", b"", "empty"),
    ("whitespace", b" \n\t\n " * 100, "empty"),
    ("binary", bytes(range(256)) * 40, "binary"),
    ("bad utf-16", codecs.BOM_UTF16_LE + b"\x00\xd8" + b"a\x00" * 50, "not valid utf-16"),
    ("nul inside", b"text " * 50 + b"\x00" + b"more " * 50, "binary"),
])
def test_unreadable_files_are_one_warning_naming_the_entry(small, case, content, phrase):
    (small / "bad.txt").write_bytes(content)
    add(small, "bad", "bad.txt")
    files = read_corpus(small)
    assert [d.meta.id for d in files.documents] == ["pmc"]  # the good article is still ingested
    warning = next(w for w in files.warnings if w.startswith("bad:"))
    assert phrase.lower() in warning.lower() and "\n" not in warning


def test_missing_file_and_size_limit_are_warnings(small):
    add(small, "gone", "gone.txt")
    (small / "big.txt").write_text("stem cells " * 20_000, encoding="utf-8")  # 0.22 MB
    add(small, "big", "big.txt")
    files = read_corpus(small, max_file_mb=0.1)
    assert [d.meta.id for d in files.documents] == ["pmc"]
    assert any(w.startswith("gone:") and "not found" in w for w in files.warnings)
    big = next(w for w in files.warnings if w.startswith("big:"))
    assert "0.1 MB limit" in big and "QA_MAX_FILE_MB" in big


def test_size_limit_comes_from_the_setting(small, monkeypatch):
    monkeypatch.setenv("QA_MAX_FILE_MB", "0.001")
    with pytest.raises(CorpusError, match="above the 0.001 MB limit"):
        ingest_corpus(Settings.from_env(corpus_dir=small))


@pytest.mark.parametrize("manifest,phrase", [
    ("", "no [[documents]]"),
    ("[[documents]\n", "not valid TOML"),
    ('[[documents]]\nid = "a"\n', "file"),
    ('[[documents]]\nid = "a"\nfile = "x.txt"\ncitation_style = "bogus"\n', "citation_style"),
    ('[[documents]]\nid = "a"\nfile = 5\n', "file"),
    ('[[documents]]\nid = "a"\nfile = "x.txt"\nyear = "soon"\n', "year"),
    ('[[documents]]\nid = "a"\nfile = "x.txt"\n[[documents]]\nid = "a"\nfile = "x.txt"\n', "duplicate"),
    ("documents = 3\n", "no [[documents]]"),
])
def test_broken_manifests_are_one_line(small, manifest, phrase):
    (small / "manifest.toml").write_text(manifest, encoding="utf-8")
    with pytest.raises(CorpusError) as caught:
        read_corpus(small)
    assert phrase in str(caught.value) and "\n" not in str(caught.value)


def test_manifest_that_is_not_utf8_is_one_line(small):
    (small / "manifest.toml").write_bytes(b"\xff\xfe[[documents]]")
    with pytest.raises(CorpusError, match="cannot read"):
        read_corpus(small)


def test_malformed_synonyms_fail_the_build_before_ingesting(small, tmp_path):
    (small / "synonyms.toml").write_text("[[group]]\nterms = 'lupus'\n", encoding="utf-8")
    from qa.index.build import build

    messages: list[str] = []
    with pytest.raises(QAError, match="synonyms.toml: group 1 needs 'terms'"):
        build(Settings(corpus_dir=small, index_dir=tmp_path / "idx"), lambda f, m: messages.append(m))
    assert messages == []  # refused before "reading and cleaning the corpus"


GARBAGE = st.one_of(
    st.binary(max_size=3000),
    st.text(st.characters(min_codepoint=1, max_codepoint=0x10FFFF, exclude_categories=("Cs",)), max_size=3000)
    .map(lambda t: t.encode("utf-8")),
    st.lists(st.sampled_from(["References\n", "1. A B. Title. J 2010;1:1-2.\n", "[12] ", "(Sun et al., 2010) ",
                              "Table 1\n", "infl ammation ", "hyphen-\nated ", "\n\n", "   indented\n", "CD105 ",
                              "x" * 500, "Ω≈ç√∫ ", "\f", "\r\n", "1 × 108 "]), max_size=200)
    .map(lambda parts: "".join(parts).encode("utf-8")),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=GARBAGE)
def test_any_file_content_is_ingested_or_one_warning(small, content):
    """No text a user can put in a file crashes ingestion or sinks the other articles."""
    (small / "fuzz.txt").write_bytes(content)
    if "fuzz" not in (small / "manifest.toml").read_text():
        add(small, "fuzz", "fuzz.txt")
    corpus = ingest_corpus(Settings(corpus_dir=small))
    assert "pmc" in [d.id for d in corpus.documents]
    for w in corpus.warnings:
        assert "\n" not in w and "ingestion failed" not in w, w
    for p in corpus.passages:
        doc = corpus.document(p.doc_id)
        assert doc.text[p.start:p.end] == p.text
