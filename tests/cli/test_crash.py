"""`receive` and `sync` killed with SIGKILL at random moments, then restarted.

One workstation (one data folder) and one sandbox over loopback, for every
round. A round takes a few fresh tokens and kills a `receive` of them or
(every other round), after a `receive --no-sync` that queued them, a
`sync --once`. The kill comes after a random delay, anywhere from start-up
to the end of the work. In some rounds the sandbox also drops the answers
of committed receipt batches, in others it resets every connection (the
desk unlocks offline and queues). Whatever the child printed before it died
is read back. Then:

- `queue` reads the store the dead process left;
- the store file passes `PRAGMA integrity_check`, and `Store.open` then
  `verify_audit()` finds the audit chain sound;
- a `sync --once` empties the queue (exit 0);
- a rescan of the tokens the child did not print as accepted gives
  `accepted` or `already_received`, nothing else;
- the sandbox holds exactly one receipt per package of the round, the one
  whose id the desk printed when it printed one, every receipt id once, and
  counts at least one attempt for each; the store has each printed receipt
  as registered.

The default run is 12 rounds (well under a minute). Set
CONCIERGE_APP_CRASH_ROUNDS for more, e.g. `CONCIERGE_APP_CRASH_ROUNDS=200`,
and CONCIERGE_APP_CRASH_SEED to replay a run (each failure names its seed).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from concierge_app.domain.model import ReceiptState
from concierge_app.sandbox.server import SandboxServer
from concierge_app.store import Store
from tests.cli.conftest import COMMAND_TIMEOUT, Cli, command, json_lines, login_args
from tests.sandbox_fixtures import SandboxAdmin

ROUNDS = int(os.environ.get("CONCIERGE_APP_CRASH_ROUNDS", "12"))
SEED = int(os.environ.get("CONCIERGE_APP_CRASH_SEED", str(random.randrange(10**6))))
TOKENS_PER_ROUND = (1, 6)
# A receive of a few tokens takes about a second here: kills land from
# interpreter start-up to after the last push.
LONGEST_DELAY = 1.4
# The seed has about 500 accepted packages; longer runs add their own.
SEEDED_ACCEPTED = 400


@dataclass
class Workstation:
    """What the rounds so far have promised and seen."""

    promised: dict[str, str] = field(default_factory=dict)
    """package_id -> the receipt id printed as accepted for it."""
    packages: set[str] = field(default_factory=set)
    kills: dict[str, int] = field(default_factory=dict)


def printed(stdout: str) -> list[dict[str, Any]]:
    """The complete lines a killed child wrote; a cut last line is no promise."""
    complete, _, _ = stdout.rpartition("\n")
    return json_lines(complete)


def kill_after(args: list[str], delay: float, env: dict[str, str]) -> tuple[str, bool]:
    """Run `concierge-app ARGS`, SIGKILL it after `delay` s; its stdout, killed?"""
    child = subprocess.Popen(
        command(*args),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        child.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        child.send_signal(signal.SIGKILL)
    stdout, _ = child.communicate(timeout=COMMAND_TIMEOUT)
    return stdout, child.returncode == -signal.SIGKILL


def check_store(data_dir: Path) -> None:
    """SQLite finds the file sound and the audit chain is unbroken."""
    path = data_dir / "store.sqlite3"
    if not path.exists():
        return  # killed before the store was first created
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        connection.close()
    with Store.open(data_dir) as store:
        audit = store.verify_audit()
    assert audit.ok, audit


def check_server(admin: SandboxAdmin, desk: Workstation, data_dir: Path) -> None:
    """One receipt per package, under the promised id; each id once."""
    held = admin.receipts()
    mine = [r for r in held["receipts"] if r["package_id"] in desk.packages]
    by_package: dict[str, list[str]] = {}
    for receipt in mine:
        by_package.setdefault(receipt["package_id"], []).append(receipt["receipt_id"])

    assert sorted(by_package) == sorted(desk.packages)
    assert all(len(ids) == 1 for ids in by_package.values()), by_package
    for package_id, receipt_id in desk.promised.items():
        assert by_package[package_id] == [receipt_id], package_id
    ids = [r["receipt_id"] for r in held["receipts"]]
    assert len(ids) == len(set(ids))
    assert all(held["attempts"].get(p, 0) >= 1 for p in desk.packages)

    with Store.open(data_dir) as store:
        receipts = [store.receipt(i) for i in desk.promised.values()]
    assert None not in receipts
    states = {receipt.state for receipt in receipts if receipt is not None}
    assert states <= {ReceiptState.REGISTERED}


# A round takes a few seconds of subprocesses; a long run gets its own limit.
@pytest.mark.slow
@pytest.mark.timeout(max(120, ROUNDS * 30))
def test_killed_at_random_moments_nothing_is_lost_or_registered_twice(
    cli: Cli,
    cli_env: dict[str, str],
    sandbox_factory: Callable[..., SandboxServer],
    data_dir: Path,
) -> None:
    rng = random.Random(SEED)
    needed = ROUNDS * TOKENS_PER_ROUND[1]
    server = sandbox_factory(
        bulk_packages=max(0, needed - SEEDED_ACCEPTED),
        requests_per_minute=100_000,
        entities_per_minute=10_000_000,
    )
    admin = SandboxAdmin(server.url)
    login = login_args(server.url, data_dir)
    fresh = iter(admin.tokens("accepted"))
    desk = Workstation()

    try:
        for round_number in range(ROUNDS):
            where = f"seed {SEED}, round {round_number}"
            packages = [next(fresh) for _ in range(rng.randint(*TOKENS_PER_ROUND))]
            tokens = [p["token"] for p in packages]
            desk.packages.update(p["package_id"] for p in packages)
            faults = rng.random()
            if faults < 0.3:
                admin.set_faults(drop_after_commit_rate=0.5)
            elif faults < 0.45 and round_number > 0:
                # Offline: the verifier of an earlier round unlocks the desk.
                admin.set_faults(reset_rate=1.0)

            lines: list[dict[str, Any]] = []
            if round_number % 2 == 0:
                victim = "receive"
                stdout, killed = kill_after(
                    ["receive", *login, *tokens], rng.uniform(0, LONGEST_DELAY), cli_env
                )
                lines = printed(stdout)
            else:
                victim = "sync"
                queued = cli("receive", "--no-sync", *login, *tokens)
                assert queued.returncode == 0, (where, queued.stderr)
                lines = json_lines(queued.stdout)
                _, killed = kill_after(
                    ["sync", "--once", *login], rng.uniform(0, LONGEST_DELAY), cli_env
                )
            if killed:
                desk.kills[victim] = desk.kills.get(victim, 0) + 1
            accepted = {
                line["package_id"]: line["receipt_id"]
                for line in lines
                if line["verdict"] == "accepted"
            }
            assert len(accepted) == len(lines), (where, lines)
            desk.promised.update(accepted)
            admin.clear_faults()

            if (data_dir / "store.sqlite3").exists():
                # Support reads the queue of a desk that has just died.
                after_kill = cli("queue", "--data-dir", data_dir)
                assert after_kill.returncode == 0, (where, after_kill.stderr)
            check_store(data_dir)
            synced = cli("sync", "--once", *login)
            assert synced.returncode == 0, (where, synced.stderr)
            rest = [p["token"] for p in packages if p["package_id"] not in accepted]
            if rest:
                rescan = cli("receive", *login, *rest)
                assert rescan.returncode == 0, (where, rescan.stderr)
                for line in json_lines(rescan.stdout):
                    assert line["verdict"] in ("accepted", "already_received"), where
                    if line["verdict"] == "accepted":
                        desk.promised[line["package_id"]] = line["receipt_id"]
            check_server(admin, desk, data_dir)
            if round_number % 50 == 49:
                print(f"crash round {round_number + 1}: kills {desk.kills}", flush=True)

        queue = json.loads(cli("queue", "--data-dir", data_dir).stdout)
    finally:
        admin.close()

    assert queue["by_state"]["queued"] == queue["by_state"]["sent"] == 0
    # A kill can come after the child's end; all of them would prove little.
    assert sum(desk.kills.values()) > 0
    print(
        f"crash rounds: {ROUNDS}, seed {SEED}, kills {desk.kills}, "
        f"packages {len(desk.packages)}, promised {len(desk.promised)}, "
        "lost 0, doubled 0"
    )
