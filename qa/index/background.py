"""Merge segments in the background once an index has collected enough of them.

Each `qa add` / `qa remove` writes a segment instead of rebuilding (`incremental.py`); every
segment costs each search a little (BM25 weights computed per query, one more dense index to
scan). Rather than making the user remember `qa index --optimize`, the command that wrote the
`merge_segments_at`-th segment starts that same command as a detached process and returns at
once. The merge is an ordinary build under the build lock (a concurrent `qa add` waits for it,
then writes its segment on top), published by the atomic CURRENT switch, so a search sees the
segmented or the merged index, never a mix. Its output goes to `merge.log` in the index folder.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from qa.index.segments import segment_count
from qa.settings import Settings

LOG = "merge.log"


def needs_merge(settings: Settings, manifest: dict) -> bool:
    """True when the build has reached the merge threshold (0 disables background merges)."""
    limit = settings.index.merge_segments_at
    return limit > 0 and segment_count(manifest) >= limit


def start_merge(settings: Settings) -> Path:
    """Start `qa index --optimize` for this index, detached; returns its log file.

    The child gets the same folders and model as explicit flags and the caller's environment
    (so every other QA_* setting is the same); it survives the end of the calling command.
    """
    index_dir = Path(settings.index_dir)
    log = index_dir / LOG
    cmd = [sys.executable, "-m", "qa", "index", "--optimize", "--index-dir", str(index_dir),
           "--corpus-dir", str(settings.corpus_dir), "--model", settings.index.model]
    with open(log, "ab") as out:
        subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=out, start_new_session=True,
                         cwd=os.getcwd(), env=os.environ.copy())
    return log
