"""The headless commands as real processes, against a real sandbox.

`cli` runs `python -m concierge_app ...` (the console script's own entry
point) with an environment of the test's own: the support log goes to
`tmp_path / "logs"`, no OS keyring is touched, and nothing of the caller's
`CONCIERGE_APP_*` variables leaks in. `data_dir` is a fresh workstation
folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from tests.sandbox_fixtures import SandboxAdmin

Cli = Callable[..., subprocess.CompletedProcess[str]]

# Long enough for a slow CI machine; a hang is a failure, not a wait.
COMMAND_TIMEOUT = 60


def command(*args: str) -> list[str]:
    """The argv of `concierge-app ARGS` run by this interpreter."""
    return [sys.executable, "-m", "concierge_app", *args]


def login_args(url: str, data_dir: Path, user: str = "concierge") -> list[str]:
    """`--api-url URL --user NAME --data-dir DIR`."""
    return ["--api-url", url, "--user", user, "--data-dir", str(data_dir)]


def json_lines(stdout: str) -> list[dict[str, Any]]:
    """Every complete JSON line a command printed."""
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def held_by_server(admin: SandboxAdmin, receipt_ids: Sequence[str]) -> list[int]:
    """How many times the sandbox holds each of these receipt ids."""
    held = [r["receipt_id"] for r in admin.receipts()["receipts"]]
    return [held.count(receipt_id) for receipt_id in receipt_ids]


@pytest.fixture
def log_dir(tmp_path: Path) -> Path:
    """Where the commands of this test write their support log."""
    return tmp_path / "logs"


@pytest.fixture
def cli_env(log_dir: Path) -> dict[str, str]:
    """The environment every command of the test runs with."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONCIERGE_APP_")}
    env["CONCIERGE_APP_LOG_DIR"] = str(log_dir)
    env["CONCIERGE_APP_PASSWORD"] = "concierge"
    # The fail backend: refresh tokens stay in memory, never in the
    # keyring of whoever runs the tests.
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    return env


@pytest.fixture
def cli(cli_env: dict[str, str]) -> Cli:
    """Run one command to its end: `cli("queue", "--data-dir", d, stdin=...)`."""

    def run(
        *args: str | Path,
        stdin: str = "",
        env: dict[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            command(*map(str, args)),
            input=stdin,
            capture_output=True,
            text=True,
            env={**cli_env, **(env or {})},
            timeout=COMMAND_TIMEOUT,
            check=False,
        )

    return run


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh workstation data folder."""
    return tmp_path / "desk-1"
