"""The receiving core online: every verdict, against the real sandbox."""

from __future__ import annotations

from pathlib import Path

import pytest

from concierge_app.domain import token
from concierge_app.domain.model import ReceiptState
from concierge_app.domain.verdict import Tone, VerdictKind
from concierge_app.sandbox.server import SandboxServer
from concierge_app.sync.events import Connectivity
from tests.sandbox_fixtures import SandboxAdmin
from tests.sync.conftest import open_desk

pytestmark = pytest.mark.anyio


async def test_an_accepted_receipt_is_registered_exactly_once(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    good = sandbox_admin.tokens("accepted")[0]

    async with open_desk(data_dir, sandbox.url) as desk:
        assert desk.engine.connectivity is Connectivity.ONLINE
        outcome = await desk.receive(token.format_groups(good["token"]))

        assert outcome.verdict is not None
        assert outcome.verdict.kind is VerdictKind.ACCEPTED
        assert outcome.verdict.order_id == good["order_id"]
        stored = desk.store.receipt(outcome.receipt_id or "")
        assert stored is not None
        assert stored.state is ReceiptState.QUEUED

        await desk.engine.run_once()
        assert desk.store.receipt(stored.receipt_id).state is ReceiptState.REGISTERED

    held = sandbox_admin.receipts()
    mine = [r for r in held["receipts"] if r["receipt_id"] == stored.receipt_id]
    assert len(mine) == 1
    assert held["attempts"][good["package_id"]] == 1


@pytest.mark.parametrize(
    "verdict",
    ["already_received", "wrong_facility", "not_captured", "released_early"],
)
async def test_each_refusal_of_the_seed_gives_its_verdict_and_no_receipt(
    sandbox: SandboxServer,
    sandbox_admin: SandboxAdmin,
    data_dir: Path,
    verdict: str,
) -> None:
    seeded = sandbox_admin.token(verdict)

    async with open_desk(data_dir, sandbox.url) as desk:
        outcome = await desk.receive(seeded)

        assert outcome.verdict is not None
        assert outcome.verdict.kind == verdict
        assert outcome.verdict.tone is Tone.REFUSED
        assert outcome.receipt_id is None
        assert desk.store.counts()[ReceiptState.QUEUED] == 0


async def test_a_token_nobody_issued_is_unknown_online(
    sandbox: SandboxServer, data_dir: Path
) -> None:
    async with open_desk(data_dir, sandbox.url) as desk:
        outcome = await desk.receive(token.generate())

    assert outcome.verdict is not None
    assert outcome.verdict.kind is VerdictKind.UNKNOWN_TOKEN


async def test_garbage_is_unreadable_with_what_to_do(
    sandbox: SandboxServer, data_dir: Path
) -> None:
    async with open_desk(data_dir, sandbox.url) as desk:
        outcome = await desk.receive("\x1b[A hello")

    assert outcome.verdict is not None
    assert outcome.verdict.kind is VerdictKind.UNREADABLE
    assert "not a security token" in outcome.verdict.reason


async def test_scanning_the_same_package_twice_is_a_calm_repeat(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    good = sandbox_admin.token("accepted")

    async with open_desk(data_dir, sandbox.url) as desk:
        first = await desk.receive(good)
        second = await desk.receive(good)

    assert first.verdict is not None
    assert second.verdict is not None
    assert first.verdict.kind is VerdictKind.ACCEPTED
    assert second.verdict.kind is VerdictKind.ALREADY_RECEIVED
    assert second.verdict.repeat
    assert second.verdict.tone is Tone.NOTICE
    assert second.receipt_id is None


async def test_an_order_id_opens_the_order(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    seeded = sandbox_admin.tokens("accepted")[0]

    async with open_desk(data_dir, sandbox.url) as desk:
        outcome = await desk.receive(seeded["order_id"])

    assert outcome.verdict is None
    assert outcome.order is not None
    assert outcome.order.order_id == seeded["order_id"]


async def test_a_multi_package_shipment_says_what_is_still_missing(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    multi = [p for p in sandbox_admin.tokens("accepted") if p["count"] >= 2]
    shipment = [p for p in multi if p["fulfillment_id"] == multi[0]["fulfillment_id"]]

    async with open_desk(data_dir, sandbox.url) as desk:
        first = await desk.receive(shipment[0]["token"])

    assert first.verdict is not None
    assert first.verdict.count == len(shipment)
    assert len(first.verdict.missing) == len(shipment) - 1
