"""The soak's scenarios; each returns a `Row` and stops by itself.

Every scenario talks to a real sandbox on loopback and real store files;
what counts as lost or doubled is read from the sandbox's own record
(`GET /_sandbox/receipts`), never from the desk's belief.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from concierge_app.api.vault import MemoryVault
from concierge_app.domain.model import ReceiptState
from concierge_app.sandbox.config import SandboxConfig
from concierge_app.sandbox.faults import Faults
from concierge_app.sandbox.server import SandboxServer
from concierge_app.store import Store
from concierge_app.sync.desk import Desk, DeskOptions
from concierge_app.sync.events import SyncStatus
from soak.checks import CHECKS, kill_loop, run_check
from soak.ledger import audit_receipts, audit_traffic
from soak.rows import Row

HERE = Path(__file__).resolve().parent


def _accepted_tokens(url: str) -> list[str]:
    packages = httpx.get(f"{url}/_sandbox/tokens", timeout=60).json()
    return [p["token"] for p in packages if p["verdict"] == "accepted"]


def _set_faults(url: str, **faults: object) -> None:
    httpx.put(f"{url}/_sandbox/faults", json=faults, timeout=30).raise_for_status()


async def _desk(folder: Path, url: str, *, batch_size: int = 50) -> Desk:
    options = DeskOptions(batch_size=batch_size)
    desk = Desk.open(folder, url, vault=MemoryVault(), options=options)
    await desk.login("concierge", "concierge")
    await desk.engine.run_once()
    return desk


def lost_answer(*, quick: bool) -> Row:
    """The sandbox commits each batch and drops its answer; the resend must match."""
    rounds = 3 if quick else 40
    per_round = 5
    with tempfile.TemporaryDirectory() as folder, SandboxServer() as server:
        tokens = iter(_accepted_tokens(server.url))
        accepted: list[str] = []
        faults = 0
        for n in range(rounds):
            desk = asyncio.run(
                _lost_answer_round(
                    Path(folder) / f"desk-{n}", server.url, tokens, per_round, accepted
                )
            )
            faults += desk
        _, lost, doubled = audit_receipts(server.url, accepted)
    return Row("lost answer", rounds, faults, len(accepted), lost, doubled)


async def _lost_answer_round(
    folder: Path, url: str, tokens: object, count: int, accepted: list[str]
) -> int:
    desk = await _desk(folder, url)
    try:
        for _ in range(count):
            outcome = await desk.receive(next(tokens))  # type: ignore[call-overload]
            if outcome.receipt_id:
                accepted.append(outcome.receipt_id)
        _set_faults(url, drop_after_commit_rate=1.0)
        await desk.engine.run_once()
        dropped = desk.store.counts()[ReceiptState.QUEUED]
        _set_faults(url, drop_after_commit_rate=0.0)
        await desk.engine.run_once()
        return dropped
    finally:
        await desk.aclose()


def crash_after_answer(*, quick: bool) -> Row:
    """The desk dies between the server's answer and its own update; restart resends."""
    rounds = 3 if quick else 30
    with tempfile.TemporaryDirectory() as folder, SandboxServer() as server:
        tokens = _accepted_tokens(server.url)
        accepted: list[str] = []
        crashes = 0
        for n in range(rounds):
            data = Path(folder) / f"desk-{n}"
            batch = tokens[n * 4 : n * 4 + 4]
            child = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "soak.crash_child",
                    server.url,
                    str(data),
                    *batch,
                ],
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            crashes += child.returncode == 137
            accepted += [
                json.loads(line)["receipt_id"] for line in child.stdout.splitlines()
            ]
            asyncio.run(_restart_and_sync(data, server.url))
        _, lost, doubled = audit_receipts(server.url, accepted)
    return Row("crash after answer", rounds, crashes, len(accepted), lost, doubled)


async def _restart_and_sync(folder: Path, url: str) -> None:
    desk = await _desk(folder, url)
    try:
        for _ in range(5):
            if desk.store.counts()[ReceiptState.QUEUED] == 0:
                break
            await desk.engine.run_once()
    finally:
        await desk.aclose()


def fault_soak(*, quick: bool) -> Row:
    """Latency, 30% 5xx, resets, 429 storms and tight limits, sustained.

    The queue must drain with nothing lost or doubled, and the sandbox's
    traffic log must show both budgets kept in every 60-second window and
    every Retry-After waited out.
    """
    receipts = 40 if quick else 2_000
    requests_per_minute = 600 if quick else 120
    entities_per_minute = 6_000 if quick else 1_200
    config = SandboxConfig(
        port=0,
        bulk_packages=0 if quick else receipts,
        faults=Faults(latency_ms=20, throttle_seconds=2),
        requests_per_minute=requests_per_minute,
        entities_per_minute=entities_per_minute,
    )
    with tempfile.TemporaryDirectory() as folder, SandboxServer(config) as server:
        tokens = _accepted_tokens(server.url)[:receipts]
        accepted, storms, seconds = asyncio.run(
            _soak(
                Path(folder),
                server.url,
                tokens,
                storm_every=2.0 if quick else 30.0,
                batch_size=4 if quick else 50,
            )
        )
        _, lost, doubled = audit_receipts(server.url, accepted)
        manners = audit_traffic(server.url)
    kept = manners.kept_to(requests_per_minute, entities_per_minute)
    return Row(
        "fault soak",
        1,
        manners.faults,
        len(accepted),
        lost,
        doubled,
        note=(
            f"20 ms latency, 30% 5xx, 10% resets, {storms} storms of 60% 429 "
            f"(Retry-After 2 s), {requests_per_minute} requests and "
            f"{entities_per_minute} entities a minute; drained in {seconds:.0f} s; "
            + manners.describe()
        ),
        broken=0 if kept else 1,
    )


async def _soak(
    folder: Path, url: str, tokens: list[str], *, storm_every: float, batch_size: int
) -> tuple[list[str], int, float]:
    drained = asyncio.Event()

    def watch(status: SyncStatus) -> None:
        if status.queued == 0:
            drained.set()

    async def storms() -> None:
        nonlocal count
        while True:
            await asyncio.sleep(storm_every * 0.2)
            await asyncio.to_thread(_set_faults, url, throttle_rate=0.0)
            await asyncio.sleep(storm_every * 0.8)
            await asyncio.to_thread(_set_faults, url, throttle_rate=0.6)
            count += 1

    count = 0
    desk = await _desk(folder / "desk", url, batch_size=batch_size)
    if storm_every < 10:
        # The quick form runs in CI: the desk's backoff (up to a minute
        # after a run of failures) would make it minutes long.
        desk.engine._backoff.cap = 1.0
    unsubscribe = desk.subscribe(watch)
    try:
        _set_faults(url, error_rate=0.3, reset_rate=0.1)
        started = time.perf_counter()
        accepted = [
            outcome.receipt_id
            for outcome in [await desk.receive(t) for t in tokens]
            if outcome.receipt_id
        ]
        drained.clear()
        _set_faults(url, throttle_rate=0.6)
        count = 1
        storm = asyncio.create_task(storms())
        desk.start()
        async with asyncio.timeout(1800):
            await drained.wait()
        seconds = time.perf_counter() - started
        storm.cancel()
        _set_faults(url, error_rate=0.0, reset_rate=0.0, throttle_rate=0.0)
        return accepted, count, seconds
    finally:
        unsubscribe()
        await desk.aclose()


def workstations(*, quick: bool) -> Row:
    """Three desks, three processes, scanning an overlapping set at once."""
    shared = 10 if quick else 120
    with tempfile.TemporaryDirectory() as folder, SandboxServer() as server:
        tokens = _accepted_tokens(server.url)[:shared]
        env = {**os.environ, "CONCIERGE_APP_PASSWORD": "concierge"}
        children = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "concierge_app",
                    "receive",
                    "--api-url",
                    server.url,
                    "--user",
                    "concierge",
                    "--data-dir",
                    str(Path(folder) / f"desk-{n}"),
                    *tokens[n % 3 :],
                    *tokens[: n % 3],
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            )
            for n in range(3)
        ]
        accepted: list[str] = []
        for child in children:
            out, _ = child.communicate(timeout=300)
            for line in out.splitlines():
                answer = json.loads(line)
                if answer["verdict"] == "accepted":
                    accepted.append(answer["receipt_id"])
        learned: set[str] = set()
        for n in range(3):
            data = Path(folder) / f"desk-{n}"
            asyncio.run(_restart_and_sync(data, server.url))
            with Store.open_readonly(data) as store:
                learned |= {
                    r.receipt_id
                    for r in store.needs_attention()
                    if r.state is ReceiptState.ALREADY_RECEIVED
                }
        held = httpx.get(f"{server.url}/_sandbox/receipts", timeout=60).json()
        registered = {r["receipt_id"] for r in held["receipts"]}
        _, _, doubled = audit_receipts(server.url, [])

    # A desk that lost the race must have learned it ("already received");
    # any other accepted receipt must be registered, one per package.
    ours = registered & set(accepted)
    lost = sum(1 for r in accepted if r not in registered and r not in learned)
    lost += shared - len(ours)
    return Row(
        "three workstations",
        1,
        0,
        len(ours),
        lost,
        doubled,
        note=f"{len(accepted)} accepted at desks for {shared} packages",
    )


def _check(name: str) -> Callable[..., Row]:
    def scenario(*, quick: bool) -> Row:
        return run_check(name, quick=quick)

    scenario.__doc__ = CHECKS[name].scenario
    return scenario


# Six quick rounds: about one round in four ends before its kill, and a
# run without any kill proves nothing (the test fails it).
CRASH_ROUNDS = {"quick": 6, "full": 1_000}
"""Kill-loop rounds; `python -m soak --crash-rounds N` changes the full count."""


def kill_loop_rounds(*, quick: bool) -> Row:
    """The kill loop, at the quick or the full count."""
    return kill_loop(rounds=CRASH_ROUNDS["quick" if quick else "full"])


# In the order of the reliability issue's scenarios.
SCENARIOS: dict[str, Callable[..., Row]] = {
    "kill_loop": kill_loop_rounds,
    "lost_answer": lost_answer,
    "crash_after_answer": crash_after_answer,
    "fault_soak": fault_soak,
    "workstations": workstations,
    **{name: _check(name) for name in CHECKS},
}
