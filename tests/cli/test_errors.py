"""Every error of the headless commands: one line on stderr, a documented status."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from concierge_app.sandbox.server import SandboxServer
from concierge_app.store import Store
from tests.cli.conftest import Cli, login_args
from tests.sandbox_fixtures import SandboxAdmin

# Nothing listens on the discard port of loopback.
NOBODY = "http://127.0.0.1:9"


def one_clear_line(done: subprocess.CompletedProcess[str], status: int) -> str:
    """The only line on stderr, once the status is the one expected."""
    assert done.returncode == status, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


@pytest.mark.parametrize("command", ["receive", "sync"])
@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("ftp://127.0.0.1/", "not an http(s) URL"),
        ("http://[::1", "not an http(s) URL"),
        ("http://", "not an http(s) URL"),
        ("127.0.0.1:8765", "not an http(s) URL"),
    ],
)
def test_a_bad_url_is_a_usage_error(
    cli: Cli, data_dir: Path, command: str, url: str, words: str
) -> None:
    line = one_clear_line(cli(command, *login_args(url, data_dir)), 2)

    assert words in line
    assert not data_dir.exists()


def test_no_password_is_a_usage_error(cli: Cli, data_dir: Path) -> None:
    done = cli(
        "receive",
        *login_args(NOBODY, data_dir),
        env={"CONCIERGE_APP_PASSWORD": ""},
    )
    without = cli("receive", *login_args(NOBODY, data_dir), "--password-stdin")

    assert "--password-stdin" in one_clear_line(done, 2)
    assert "no password" in one_clear_line(without, 2)


@pytest.mark.parametrize("command", ["receive", "sync"])
def test_a_wrong_password_is_refused_with_4(
    cli: Cli, sandbox: SandboxServer, data_dir: Path, command: str
) -> None:
    done = cli(
        command,
        *login_args(sandbox.url, data_dir),
        env={"CONCIERGE_APP_PASSWORD": "wrong"},
    )

    assert "wrong username or password" in one_clear_line(done, 4)


def test_a_wrong_password_offline_is_refused_with_4(
    cli: Cli, sandbox: SandboxServer, data_dir: Path
) -> None:
    assert cli("receive", *login_args(sandbox.url, data_dir)).returncode == 0

    done = cli(
        "receive",
        *login_args(NOBODY, data_dir),
        env={"CONCIERGE_APP_PASSWORD": "wrong"},
    )

    assert "wrong username or password" in one_clear_line(done, 4)


def test_repeated_wrong_passwords_offline_lock_the_user_out_with_4(
    cli: Cli, sandbox: SandboxServer, data_dir: Path
) -> None:
    assert cli("receive", *login_args(sandbox.url, data_dir)).returncode == 0
    wrong = {"CONCIERGE_APP_PASSWORD": "wrong"}

    tries = [cli("receive", *login_args(NOBODY, data_dir), env=wrong) for _ in range(5)]
    right_but_locked = cli("receive", *login_args(NOBODY, data_dir))

    assert [t.returncode for t in tries] == [4] * 5
    assert "locked out" in one_clear_line(right_but_locked, 4)


@pytest.mark.parametrize("command", ["receive", "sync"])
def test_server_down_without_an_offline_login_is_unreachable(
    cli: Cli, data_dir: Path, command: str
) -> None:
    line = one_clear_line(cli(command, *login_args(NOBODY, data_dir)), 5)

    assert "cannot be reached" in line


def test_sync_once_with_the_server_down_and_receipts_queued_exits_5(
    cli: Cli, sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    payload = sandbox_admin.token("accepted")
    queued = cli("receive", "--no-sync", *login_args(sandbox.url, data_dir), payload)
    assert queued.returncode == 0, queued.stderr

    line = one_clear_line(cli("sync", "--once", *login_args(NOBODY, data_dir)), 5)

    assert "1 queued" in line


@pytest.mark.parametrize("command", ["receive", "sync"])
def test_a_data_folder_in_use_exits_6(
    cli: Cli, sandbox: SandboxServer, data_dir: Path, command: str
) -> None:
    with Store.open(data_dir):
        done = cli(command, *login_args(sandbox.url, data_dir))

    assert "already in use" in one_clear_line(done, 6)


@pytest.mark.parametrize("command", ["receive", "sync", "queue"])
def test_a_damaged_store_exits_7_and_is_left_alone(
    cli: Cli, sandbox: SandboxServer, data_dir: Path, command: str
) -> None:
    data_dir.mkdir()
    damaged = data_dir / "store.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x07" * 4000)
    args = ["--data-dir", str(data_dir)]
    if command != "queue":
        args = login_args(sandbox.url, data_dir)

    line = one_clear_line(cli(command, *args), 7)

    assert str(damaged) in line
    assert damaged.read_bytes()[16:] == b"\x07" * 4000


@pytest.mark.parametrize("command", ["receive", "sync"])
def test_a_data_folder_that_is_a_file_is_one_line(
    cli: Cli, sandbox: SandboxServer, tmp_path: Path, command: str
) -> None:
    not_a_folder = tmp_path / "desk"
    not_a_folder.write_text("")

    line = one_clear_line(cli(command, *login_args(sandbox.url, not_a_folder)), 1)

    assert str(not_a_folder) in line


@pytest.mark.parametrize("content", [None, "not a certificate\n"])
def test_an_unusable_ca_bundle_is_a_usage_error(
    cli: Cli, sandbox: SandboxServer, tmp_path: Path, content: str | None
) -> None:
    bundle = tmp_path / "ca.pem"
    if content is not None:
        bundle.write_text(content)

    done = cli(
        "receive", *login_args(sandbox.url, tmp_path / "d"), "--ca-bundle", bundle
    )

    assert str(bundle) in one_clear_line(done, 2)


def test_a_login_no_longer_valid_makes_sync_once_exit_4(
    cli: Cli, sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    assert cli("receive", *login_args(sandbox.url, data_dir)).returncode == 0
    sandbox_admin.revoke("concierge", user=True)

    done = cli("sync", "--once", *login_args(sandbox.url, data_dir))

    one_clear_line(done, 4)
