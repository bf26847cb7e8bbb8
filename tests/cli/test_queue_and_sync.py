"""`concierge-app queue` and `sync --once` as processes."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from pathlib import Path

from concierge_app.sandbox.server import SandboxServer
from concierge_app.store import Store
from tests.cli.conftest import (
    COMMAND_TIMEOUT,
    Cli,
    command,
    held_by_server,
    json_lines,
    login_args,
)
from tests.sandbox_fixtures import SandboxAdmin


def test_queue_reads_by_state_with_no_network_while_the_store_is_held(
    cli: Cli, sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    payloads = [p["token"] for p in sandbox_admin.tokens("accepted")[:3]]
    login = login_args(sandbox.url, data_dir)
    assert cli("receive", *login, payloads[0]).returncode == 0
    assert cli("receive", "--no-sync", *login, *payloads[1:]).returncode == 0

    with Store.open(data_dir) as held:
        done = cli("queue", "--data-dir", data_dir)
        workstation = held.workstation_id

    assert done.returncode == 0, done.stderr
    queue = json.loads(done.stdout)
    assert queue["workstation_id"] == workstation
    assert queue["by_state"]["queued"] == 2
    assert queue["by_state"]["registered"] == 1
    assert queue["needs_attention"] == 0
    assert queue["oldest_queued_age_seconds"] >= 0


def test_queue_of_an_empty_queue_has_no_oldest_age(
    cli: Cli, sandbox: SandboxServer, data_dir: Path
) -> None:
    assert cli("receive", *login_args(sandbox.url, data_dir)).returncode == 0

    done = cli("queue", "--data-dir", data_dir)

    queue = json.loads(done.stdout)
    assert set(queue["by_state"].values()) == {0}
    assert queue["oldest_queued_age_seconds"] is None


def test_queue_of_a_folder_without_a_store_is_one_line_exit_1(
    cli: Cli, data_dir: Path
) -> None:
    done = cli("queue", "--data-dir", data_dir)

    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"concierge-app: There is no local store in {data_dir} yet."
    ]
    assert not data_dir.exists()


def test_sync_once_pushes_the_queue_and_exits_0_when_it_is_empty(
    cli: Cli, sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    payloads = [p["token"] for p in sandbox_admin.tokens("accepted")[:4]]
    login = login_args(sandbox.url, data_dir)
    queued = cli("receive", "--no-sync", *login, *payloads)
    ids = [line["receipt_id"] for line in json_lines(queued.stdout)]
    before = held_by_server(sandbox_admin, ids)

    synced = cli("sync", "--once", *login)
    again = cli("sync", "--once", *login)

    assert before == [0, 0, 0, 0]
    assert synced.returncode == 0, synced.stderr
    assert synced.stderr.splitlines() == ["sync: online, 0 queued, 0 need attention"]
    assert again.returncode == 0
    assert held_by_server(sandbox_admin, ids) == [1, 1, 1, 1]
    assert (
        json.loads(cli("queue", "--data-dir", data_dir).stdout)["by_state"][
            "registered"
        ]
        == 4
    )


def test_sync_once_with_the_server_failing_exits_5_and_keeps_the_queue(
    cli: Cli, sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    payload = sandbox_admin.token("accepted")
    login = login_args(sandbox.url, data_dir)
    assert cli("receive", "--no-sync", *login, payload).returncode == 0
    sandbox_admin.set_faults(error_rate=1.0)

    done = cli("sync", "--once", *login)

    assert done.returncode == 5, done.stderr
    assert "1 queued" in done.stderr
    assert (
        json.loads(cli("queue", "--data-dir", data_dir).stdout)["by_state"]["queued"]
        == 1
    )


def test_sync_without_once_keeps_syncing_until_sigterm(
    cli: Cli,
    cli_env: dict[str, str],
    sandbox: SandboxServer,
    sandbox_admin: SandboxAdmin,
    data_dir: Path,
) -> None:
    payloads = [p["token"] for p in sandbox_admin.tokens("accepted")[:2]]
    login = login_args(sandbox.url, data_dir)
    queued = cli("receive", "--no-sync", *login, *payloads)
    ids = [line["receipt_id"] for line in json_lines(queued.stdout)]

    process = subprocess.Popen(
        command("sync", *login),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env,
    )
    # Bounded: the first cycle pushes within a second or two.
    for _ in range(200):
        if held_by_server(sandbox_admin, ids) == [1, 1] or process.poll() is not None:
            break
        time.sleep(0.05)
    running = process.poll() is None
    process.send_signal(signal.SIGTERM)
    _, errors = process.communicate(timeout=COMMAND_TIMEOUT)

    assert running, errors
    assert process.returncode == 0, errors
    assert "Traceback" not in errors
    assert held_by_server(sandbox_admin, ids) == [1, 1]
