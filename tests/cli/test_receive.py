"""`concierge-app receive` as a process: verdict names, input, durability."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from concierge_app.domain import token
from concierge_app.domain.model import ReceiptState
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


def test_each_verdict_has_the_sandbox_tokens_name(
    cli: Cli, sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    names = [
        "accepted",
        "already_received",
        "wrong_facility",
        "not_captured",
        "released_early",
    ]
    payloads = [sandbox_admin.token(name) for name in names]

    done = cli(
        "receive", *login_args(sandbox.url, data_dir), *payloads, token.generate()
    )

    assert done.returncode == 0, done.stderr
    lines = json_lines(done.stdout)
    assert [line["verdict"] for line in lines] == [*names, "unknown_token"]
    assert [line["index"] for line in lines] == list(range(6))
    assert done.stderr == ""
    for payload in payloads:
        assert payload not in done.stdout


def test_an_accepted_line_names_a_receipt_already_on_disk_and_sent_once(
    cli: Cli, sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    payloads = [p["token"] for p in sandbox_admin.tokens("accepted")[:3]]

    done = cli("receive", *login_args(sandbox.url, data_dir), *payloads)

    assert done.returncode == 0, done.stderr
    ids = [line["receipt_id"] for line in json_lines(done.stdout)]
    with Store.open(data_dir) as store:
        states = [store.receipt(i).state for i in ids]  # type: ignore[union-attr]
    assert states == [ReceiptState.REGISTERED] * 3
    assert held_by_server(sandbox_admin, ids) == [1, 1, 1]


def test_payloads_come_from_stdin_after_the_password_line(
    cli: Cli, sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    first, second = (p["token"] for p in sandbox_admin.tokens("accepted")[:2])

    done = cli(
        "receive",
        *login_args(sandbox.url, data_dir),
        "--password-stdin",
        stdin=f"concierge\n{first}\n\n{second}\r\n",
        env={"CONCIERGE_APP_PASSWORD": "not the password"},
    )

    assert done.returncode == 0, done.stderr
    lines = json_lines(done.stdout)
    assert [line["verdict"] for line in lines] == ["accepted", "accepted"]
    assert held_by_server(sandbox_admin, [line["receipt_id"] for line in lines]) == [
        1,
        1,
    ]


def test_an_unreadable_payload_exits_3_and_the_others_are_received(
    cli: Cli, sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    good = sandbox_admin.token("accepted")

    done = cli("receive", *login_args(sandbox.url, data_dir), "not a token", good)

    assert done.returncode == 3
    assert [line["verdict"] for line in json_lines(done.stdout)] == [
        "unreadable",
        "accepted",
    ]


def test_an_order_id_opens_the_order(
    cli: Cli, sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    order_id = sandbox_admin.tokens("accepted")[0]["order_id"]

    done = cli("receive", *login_args(sandbox.url, data_dir), order_id)

    assert done.returncode == 0, done.stderr
    assert json_lines(done.stdout) == [
        {"index": 0, "verdict": "order", "order_id": order_id}
    ]


def test_offline_receive_queues_and_sync_once_registers_exactly_once(
    cli: Cli, sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    login = login_args(sandbox.url, data_dir)
    known = [p["token"] for p in sandbox_admin.tokens("accepted")[:2]]
    # An online run with nothing to receive leaves a verifier and the cache.
    assert cli("receive", *login).returncode == 0

    sandbox_admin.set_faults(reset_rate=1.0)
    offline = cli("receive", *login, *known, token.generate())
    queued = cli("queue", "--data-dir", data_dir)
    still_down = cli("sync", "--once", *login)
    sandbox_admin.clear_faults()
    back = cli("sync", "--once", *login)

    assert offline.returncode == 0, offline.stderr
    lines = json_lines(offline.stdout)
    assert [line["verdict"] for line in lines] == [
        "accepted",
        "accepted",
        "accepted_provisional",
    ]
    assert '"queued": 3' in queued.stdout
    assert still_down.returncode == 5, still_down.stderr
    assert back.returncode == 0, back.stderr
    ids = [line["receipt_id"] for line in lines]
    # The provisional one is unknown to the server: refused, not registered.
    assert held_by_server(sandbox_admin, ids) == [1, 1, 0]


def test_receive_with_the_sandbox_stopped_then_sync_when_it_is_back(
    cli: Cli, sandbox_factory: Callable[..., SandboxServer], tmp_path: Path
) -> None:
    state = tmp_path / "partner.sqlite3"
    server = sandbox_factory(state=state)
    admin = SandboxAdmin(server.url)
    try:
        payloads = [p["token"] for p in admin.tokens("accepted")[:3]]
    finally:
        admin.close()
    data_dir = tmp_path / "desk"
    assert cli("receive", *login_args(server.url, data_dir)).returncode == 0
    server.stop_sync()

    offline = cli("receive", *login_args(server.url, data_dir), *payloads)
    back = sandbox_factory(state=state)
    synced = cli("sync", "--once", *login_args(back.url, data_dir))
    again = cli("sync", "--once", *login_args(back.url, data_dir))

    assert offline.returncode == 0, offline.stderr
    ids = [line["receipt_id"] for line in json_lines(offline.stdout)]
    assert len(ids) == 3
    assert synced.returncode == 0, synced.stderr
    assert again.returncode == 0, again.stderr
    admin = SandboxAdmin(back.url)
    try:
        assert held_by_server(admin, ids) == [1, 1, 1]
        attempts = admin.receipts()["attempts"]
    finally:
        admin.close()
    packages = [line["package_id"] for line in json_lines(offline.stdout)]
    assert [attempts[p] for p in packages] == [1, 1, 1]


def test_each_line_on_stdin_is_answered_before_the_next_is_read(
    cli: Cli,
    cli_env: dict[str, str],
    sandbox: SandboxServer,
    sandbox_admin: SandboxAdmin,
    data_dir: Path,
) -> None:
    first, second = (p["token"] for p in sandbox_admin.tokens("accepted")[:2])
    process = subprocess.Popen(
        command("receive", "--no-sync", *login_args(sandbox.url, data_dir)),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env,
    )
    assert process.stdin is not None
    assert process.stdout is not None
    try:
        process.stdin.write(first + "\n")
        process.stdin.flush()
        answer = json.loads(process.stdout.readline())
        # The receive is still running and holds the store: the receipt it
        # just answered for is already on disk.
        while_open = cli("queue", "--data-dir", data_dir)
        rest, errors = process.communicate(second + "\n", timeout=COMMAND_TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate(timeout=COMMAND_TIMEOUT)

    assert answer["verdict"] == "accepted"
    assert json.loads(while_open.stdout)["by_state"]["queued"] == 1
    assert process.returncode == 0, errors
    assert [line["verdict"] for line in json_lines(rest)] == ["accepted"]
