"""The ten real article PDFs (../shared/pdfs, never copied into the repository), each read once."""
from __future__ import annotations

from pathlib import Path

import pytest

from qa.settings import PROJECT_ROOT

# ../shared/pdfs beside the clone (a git worktree one level deeper finds it one level up)
PDF_DIR = next((d for d in (PROJECT_ROOT.parent / "shared" / "pdfs", PROJECT_ROOT.parent.parent / "shared" / "pdfs")
                if d.is_dir()), PROJECT_ROOT.parent / "shared" / "pdfs")
PDFS = sorted(PDF_DIR.glob("*.pdf"))


@pytest.fixture(scope="session")
def pdf_texts():
    """PdfText of every dev PDF by file stem (extracted once per session)."""
    from qa.ingest.pdf import read_pdf

    if len(PDFS) != 10:
        pytest.skip(f"the ten dev PDFs are not in {PDF_DIR}")
    return {p.stem: read_pdf(p) for p in PDFS}
