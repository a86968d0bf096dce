from __future__ import annotations

import sys

try:
    from qa.app.cli import main
except KeyboardInterrupt:  # Ctrl-C while `python -m qa` imports the CLI (robustness sweep 30)
    print("qa: interrupted", file=sys.stderr)
    raise SystemExit(130) from None

raise SystemExit(main())
