"""Offline receiving, coming back online, and the sync rules of the contract."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from concierge_app.api.vault import MemoryVault
from concierge_app.domain import token
from concierge_app.domain.model import ReceiptState
from concierge_app.domain.verdict import VerdictKind
from concierge_app.sandbox.server import SandboxServer
from concierge_app.sync.events import Connectivity
from concierge_app.sync.outcomes import LoginFailed, LoginFailure, LoginOk
from tests.sandbox_fixtures import SandboxAdmin
from tests.sync.conftest import open_desk

pytestmark = pytest.mark.anyio


def exactly_once(admin: SandboxAdmin, receipt_ids: list[str]) -> None:
    held = admin.receipts()["receipts"]
    for receipt_id in receipt_ids:
        assert [r["receipt_id"] for r in held].count(receipt_id) == 1, receipt_id


async def test_offline_unlock_queues_provisionally_then_sync_registers_once(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    vault = MemoryVault()
    tokens = [p["token"] for p in sandbox_admin.tokens("accepted")[:3]]
    async with open_desk(data_dir, sandbox.url, vault=vault, user="concierge"):
        pass  # an online login leaves a verifier and a kept refresh token

    sandbox_admin.set_faults(reset_rate=1.0)
    async with open_desk(data_dir, sandbox.url, vault=vault, user=None) as desk:
        unlocked = await desk.login("concierge", "concierge")
        assert isinstance(unlocked, LoginOk)
        assert unlocked.offline

        outcomes = [await desk.receive(t) for t in [*tokens, token.generate()]]
        kinds = [o.verdict.kind for o in outcomes if o.verdict]
        # The first pull cached these orders, so three are verified locally;
        # the fourth is unknown to the cache and offline: provisional.
        assert kinds == [VerdictKind.ACCEPTED] * 3 + [VerdictKind.ACCEPTED_PROVISIONAL]

        await desk.engine.run_once()
        assert desk.engine.connectivity is Connectivity.OFFLINE
        assert desk.store.counts()[ReceiptState.QUEUED] == 4

        sandbox_admin.clear_faults()
        await desk.engine.run_once()

        assert desk.engine.connectivity is Connectivity.ONLINE
        counts = desk.store.counts()
        assert counts[ReceiptState.REGISTERED] == 3
        assert counts[ReceiptState.REFUSED] == 1
        attention = desk.store.needs_attention()
        assert [r.provisional for r in attention] == [True]

    exactly_once(sandbox_admin, [o.receipt_id for o in outcomes[:3] if o.receipt_id])


async def test_offline_without_a_verifier_cannot_unlock(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    sandbox_admin.set_faults(reset_rate=1.0)
    async with open_desk(data_dir, sandbox.url, user=None) as desk:
        refused = await desk.login("concierge", "concierge")

    assert isinstance(refused, LoginFailed)
    assert refused.cause is LoginFailure.OFFLINE_UNAVAILABLE


async def test_two_workstations_racing_for_the_same_packages_register_each_once(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin, tmp_path: Path
) -> None:
    shared = [p["token"] for p in sandbox_admin.tokens("accepted")[:10]]

    async def scan_all(folder: str) -> list[str]:
        async with open_desk(tmp_path / folder, sandbox.url) as desk:
            ids = [(await desk.receive(t)).receipt_id for t in shared]
            await desk.engine.run_once()
            return [i for i in ids if i]

    first, second = await asyncio.gather(scan_all("desk-a"), scan_all("desk-b"))

    held = sandbox_admin.receipts()
    by_package: dict[str, int] = {}
    for receipt in held["receipts"]:
        by_package[receipt["package_id"]] = by_package.get(receipt["package_id"], 0) + 1
    packages = {p["package_id"] for p in sandbox_admin.tokens() if p["token"] in shared}
    assert all(by_package.get(p) == 1 for p in packages)
    assert len(first) + len(second) >= len(shared)

    # Whoever lost learns it: their receipts are "already received elsewhere".
    async with open_desk(tmp_path / "desk-b", sandbox.url) as desk_b:
        lost = desk_b.store.counts()[ReceiptState.ALREADY_RECEIVED]
    async with open_desk(tmp_path / "desk-a", sandbox.url) as desk_a:
        lost += desk_a.store.counts()[ReceiptState.ALREADY_RECEIVED]
    assert lost == len(first) + len(second) - len(shared)


async def test_an_access_token_expiring_mid_batch_refreshes_once_and_resends(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    tokens = [p["token"] for p in sandbox_admin.tokens("accepted")[:5]]

    async with open_desk(data_dir, sandbox.url) as desk:
        ids = [(await desk.receive(t)).receipt_id for t in tokens]
        sandbox_admin.expire_access_tokens()
        await desk.engine.run_once()

        assert desk.store.counts()[ReceiptState.REGISTERED] == 5
    exactly_once(sandbox_admin, [i for i in ids if i])


async def test_a_revoked_refresh_token_asks_for_login_and_keeps_the_queue(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    good = sandbox_admin.token("accepted")

    async with open_desk(data_dir, sandbox.url) as desk:
        await desk.receive(good)
        sandbox_admin.revoke("concierge")
        sandbox_admin.expire_access_tokens()
        await desk.engine.run_once()

        assert desk.engine.connectivity is Connectivity.AUTH_NEEDED
        assert desk.store.counts()[ReceiptState.QUEUED] == 1

        again = await desk.login("concierge", "concierge")
        assert isinstance(again, LoginOk)
        await desk.engine.run_once()
        assert desk.store.counts()[ReceiptState.REGISTERED] == 1


@pytest.mark.parametrize(
    ("always", "sometimes"),
    [
        ({"error_rate": 1.0}, {"error_rate": 0.5}),
        ({"reset_rate": 1.0}, {"reset_rate": 0.4}),
        ({"drop_after_commit_rate": 1.0}, {"drop_after_commit_rate": 0.5}),
        ({"latency_ms": 150, "error_rate": 1.0}, {"latency_ms": 150}),
    ],
    ids=["5xx", "resets", "lost-answers", "latency"],
)
async def test_each_fault_switch_keeps_the_queue_then_drains_it_once(
    sandbox: SandboxServer,
    sandbox_admin: SandboxAdmin,
    data_dir: Path,
    always: dict[str, float],
    sometimes: dict[str, float],
) -> None:
    tokens = [p["token"] for p in sandbox_admin.tokens("accepted")[:6]]

    async with open_desk(data_dir, sandbox.url) as desk:
        ids = [(await desk.receive(t)).receipt_id for t in tokens]

        # Every answer fails: nothing is lost, everything is queued again.
        sandbox_admin.set_faults(**always)
        await desk.engine.run_once()
        assert desk.engine.connectivity is not Connectivity.ONLINE
        assert desk.store.counts()[ReceiptState.QUEUED] == 6

        sandbox_admin.set_faults(**sometimes)
        for _ in range(30):
            await desk.engine.run_once()
            if desk.store.counts()[ReceiptState.QUEUED] == 0:
                break
        sandbox_admin.clear_faults()
        await desk.engine.run_once()

        assert desk.store.counts()[ReceiptState.REGISTERED] == 6
    exactly_once(sandbox_admin, [i for i in ids if i])
