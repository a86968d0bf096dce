from __future__ import annotations

from qa.app.cli import main

raise SystemExit(main())
