"""Every command logs to the support log, and a bug ends in one line naming it."""

from __future__ import annotations

import subprocess
from pathlib import Path

from concierge_app.sandbox.server import SandboxServer
from tests.cli.conftest import COMMAND_TIMEOUT, Cli, command, login_args
from tests.sandbox_fixtures import SandboxAdmin


def test_commands_log_to_the_folder_of_the_variable_without_secrets(
    cli: Cli,
    sandbox: SandboxServer,
    sandbox_admin: SandboxAdmin,
    data_dir: Path,
    log_dir: Path,
) -> None:
    payload = sandbox_admin.token("accepted")

    received = cli("receive", *login_args(sandbox.url, data_dir), payload)
    refused = cli(
        "sync",
        "--once",
        *login_args(sandbox.url, data_dir),
        env={"CONCIERGE_APP_PASSWORD": "Wr0ng-Secret-42"},
    )

    assert received.returncode == 0, received.stderr
    assert refused.returncode == 4
    text = (log_dir / "concierge-app.log").read_text(encoding="utf-8")
    assert "pull:" in text
    assert "push: 1 sent, 1 registered" in text
    assert "login refused" in text
    assert payload not in text
    assert "Wr0ng-Secret-42" not in text


def test_an_unexpected_error_is_one_line_naming_the_log_and_exit_1(
    cli_env: dict[str, str],
    sandbox: SandboxServer,
    sandbox_admin: SandboxAdmin,
    data_dir: Path,
    log_dir: Path,
) -> None:
    # A reader that went away before the first line: writing it fails in a
    # way no command plans for.
    process = subprocess.Popen(
        command(
            "receive",
            *login_args(sandbox.url, data_dir),
            sandbox_admin.token("accepted"),
        ),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()
    with process.stderr:
        errors = process.stderr.read()
    status = process.wait(timeout=COMMAND_TIMEOUT)

    log_file = log_dir / "concierge-app.log"
    assert status == 1
    assert errors.splitlines() == [f"concierge-app: unexpected error; see {log_file}"]
    text = log_file.read_text(encoding="utf-8")
    assert "ERROR concierge_app.cli.main: unexpected error" in text
    assert "Traceback (most recent call last)" in text
    assert "BrokenPipeError" in text
