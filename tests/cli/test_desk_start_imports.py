"""The login page shows before the desk's heavy modules are imported.

The store, the API client (httpx), the shift service, cryptography and,
with `--demo`, the sandbox (starlette, uvicorn, the seed) are imported
only after the window is shown; a module-level import added on the way
to the login page would quietly put them all back in front of it. The
probe runs, in a fresh interpreter, what `concierge-app` runs up to the
first show of its window.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import contextlib, sys
from concierge_app.cli import desk_command
from concierge_app.cli.main import parse

args = parse(sys.argv[1:])
with contextlib.ExitStack() as stack:
    plan = desk_command._plan(args, stack)
    assert plan.problem is None, plan.problem
    from concierge_app.ui.qt import QApplication
    app = QApplication([])
    from concierge_app.ui import startup, translations
    from concierge_app.ui.late_core import LateCore
    from concierge_app.ui.loop import last_window_closed
    from concierge_app.ui.main_window import DeskWindow
    from concierge_app.ui.settings_dialog import DeskPreferences
    window = DeskWindow(LateCore(), demo_samples=plan.demo_samples)
    window.show()
    app.processEvents()
    heavy = (
        "httpx", "httpcore", "concierge_app.store", "concierge_app.api.client",
        "concierge_app.sync.shift", "concierge_app.sync.desk", "cryptography",
        "concierge_app.sandbox.server", "concierge_app.sandbox.seed", "uvicorn",
        "starlette",
    )
    print(" ".join(name for name in heavy if name in sys.modules) or "none")
    window.close()
"""


@pytest.mark.parametrize("demo", [False, True], ids=["api", "demo"])
def test_the_login_page_shows_without_the_store_the_client_or_the_sandbox(
    tmp_path: Path, demo: bool
) -> None:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        CONCIERGE_APP_LOG_DIR=str(tmp_path / "logs"),
        CONCIERGE_APP_USER_SETTINGS=str(tmp_path / "user.toml"),
        CONCIERGE_APP_MACHINE_SETTINGS=str(tmp_path / "machine.toml"),
    )
    where = ["--data-dir", str(tmp_path / "desk")]
    words = ["--demo", *where] if demo else ["--api-url", "http://127.0.0.1:9", *where]

    done = subprocess.run(
        [sys.executable, "-c", PROBE, *words],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["none"]
    assert not (tmp_path / "desk").exists()
