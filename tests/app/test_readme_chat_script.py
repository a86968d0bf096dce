"""The README's script of a chat conversation runs as printed (user trial 20: the README did not
say how to build the chat for a script; the tester found `QAApp` by introspection)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def test_the_readme_chat_script_runs_a_follow_up_and_saves_its_screenshot(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    script = next(b for b in blocks if "run_test" in b and "QAApp" in b)
    script = script.replace('app.save_screenshot("chat.svg")',
                            'app.save_screenshot("chat.svg")\n'
                            '        from qa.app.tui_widgets import Chat\n'
                            '        print("\\n".join(str(getattr(w.content, "plain", w.content))'
                            ' for w in app.query_one(Chat).query("Static")))')
    (tmp_path / "chat.py").write_text(script, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))  # the project's own library and index
    result = subprocess.run([sys.executable, "chat.py"], cwd=tmp_path, capture_output=True, text=True,
                            timeout=600, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "chat.svg").stat().st_size > 10_000
    chat = result.stdout
    assert "❯ Were MSCs tried in multiple sclerosis?" in chat and "❯ what route?" in chat
    assert "(taken as a follow-up of: Were MSCs tried in multiple sclerosis?)" in chat
    assert "Route: IV" in chat.split("❯ what route?")[1]


def test_the_chat_takes_a_library_answerer_as_the_readme_says() -> None:
    """User trial 21: `QAApp(answerer=qa.Answerer(...))` for one's own library failed ("'Answerer'
    object has no attribute 'status'") and told the user to rebuild a sound index."""
    import asyncio

    import pytest

    import qa
    from qa.app.tui import QAApp
    from fake_service import settled
    from qa.app.tui_widgets import AnswerMessage, Chat
    from qa.errors import QAError

    async def run() -> str:
        app = QAApp(answerer=qa.Answerer())
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.press(*"Were MSCs tried in multiple sclerosis?", "enter")
            await settled(pilot, reached=lambda: bool(app.query(AnswerMessage)))  # not the press
            return "\n".join(str(getattr(w.content, "plain", w.content)) for w in app.query_one(Chat).query("Static"))

    chat = asyncio.run(run())
    assert "MRI assessments after 12 months" in chat and "status" not in chat
    with pytest.raises(QAError, match="needs a qa.Answerer"):
        QAApp(answerer=object())
