"""Terminal chat over the corpus: `python tui.py [--doc ID] [--mode hybrid|bm25|dense]` (= `qa tui`)."""
from __future__ import annotations

import sys

from qa.app.tui_cli import main

if __name__ == "__main__":
    sys.exit(main())
