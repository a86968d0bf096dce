"""The ONNX export in a child process: torch never loads into the process that builds.

An export imports torch and sentence-transformers and peaks at about 1.2 GB resident; done in
the building process, that memory stays for the rest of the build (a Python process does not
give torch's pages back), so the build's peak was torch's plus the corpus's. In a child the
build's own peak is the corpus's (bench/build_scaling.py measures both). Errors come back as
the same one-line QAError.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from qa.errors import QAError
from qa.index.encoder import ENCODER_FILE, EncoderInfo

# Runs `export_encoder` in a fresh interpreter: argv = package parent, request JSON, result file.
_CHILD = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from qa.errors import QAError
from qa.index.export import export_encoder
from qa.index.model_source import ModelSource
request = json.loads(sys.argv[2])
source = ModelSource(request["id"], Path(request["path"]) if request["path"] else None, request["weights_sha256"])
try:
    export_encoder(source, Path(request["out_dir"]), request["max_seq_length"])
    result = {"ok": True}
except QAError as exc:
    result = {"ok": False, "error": str(exc)}
Path(sys.argv[3]).write_text(json.dumps(result), encoding="utf-8")
"""


def export_in_child(source, out_dir: Path, max_seq_length: int) -> EncoderInfo:
    """`qa.index.export.export_encoder(source, out_dir, max_seq_length)` in a fresh interpreter."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    result_file = out_dir.parent / f"{out_dir.name}.result.json"
    request = {"id": source.id, "path": str(source.path) if source.path is not None else None,
               "weights_sha256": source.weights_sha256, "out_dir": str(out_dir), "max_seq_length": max_seq_length}
    package_parent = str(Path(__file__).resolve().parent.parent.parent)  # the folder holding qa/
    try:
        run = subprocess.run([sys.executable, "-c", _CHILD, package_parent, json.dumps(request), str(result_file)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, errors="replace")
        try:
            result = json.loads(result_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            lines = [x for x in run.stderr.strip().splitlines() if x.strip()]
            raise QAError(f"ONNX export of {source.id!r} failed: {lines[-1] if lines else f'exit {run.returncode}'}") from None
    finally:
        result_file.unlink(missing_ok=True)
    if not result["ok"]:
        raise QAError(result["error"])
    return EncoderInfo.from_json((out_dir / ENCODER_FILE).read_text(encoding="utf-8"))
