"""Signed labels at a desk on the real sandbox: keys pulled, labels verified offline.

The end-to-end path is the demo's: the sandbox signs the labels (the same
listing `concierge-app sandbox labels` prints), the desk pulls the keys with
its data, loses the network, and still accepts a package it has never seen
as verified, not provisional; the receipt registers at the next sync.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from concierge_app.domain import signed_label
from concierge_app.domain import token as token_scheme
from concierge_app.domain.model import ReceiptState
from concierge_app.domain.order_id import parse_order_id
from concierge_app.domain.verdict import VerdictKind
from concierge_app.sandbox import seed
from concierge_app.sandbox.labels import LabelSigner
from concierge_app.sandbox.server import SandboxServer
from concierge_app.sync.desk import Desk
from concierge_app.sync.events import Connectivity
from tests.sandbox_fixtures import SandboxAdmin
from tests.sync.conftest import open_desk

pytestmark = pytest.mark.anyio


def listing(admin: SandboxAdmin) -> list[dict[str, Any]]:
    response = admin.http.get("/_sandbox/labels")
    response.raise_for_status()
    packages: list[dict[str, Any]] = response.json()
    return packages


def fresh_capture(admin: SandboxAdmin) -> list[dict[str, Any]]:
    """The labels of a new order the desk has not pulled yet."""
    admin.http.post("/_sandbox/capture").raise_for_status()  # the pending shipment
    order_id = admin.http.post("/_sandbox/capture").json()["order_id"]
    return [p for p in listing(admin) if p["order_id"] == order_id]


async def go_offline(desk: Desk, admin: SandboxAdmin) -> None:
    admin.set_faults(reset_rate=1.0)
    desk.engine.poke(pull=True)
    await desk.engine.run_once()
    assert desk.engine.connectivity is Connectivity.OFFLINE


def forge(text: str) -> str:
    # One symbol of the signature changed: still a well-formed label.
    last = text[-2]
    return text[:-2] + ("1" if last != "1" else "2") + text[-1]


async def test_the_pull_caches_the_label_keys(
    sandbox: SandboxServer, data_dir: Path
) -> None:
    async with open_desk(data_dir, sandbox.url) as desk:
        keys = desk.store.label_keys()

    assert [k.key_id for k in keys] == ["sbx1", "sbx2"]
    assert keys == [k.public for k in LabelSigner(1).keys]


async def test_offline_a_never_seen_label_is_accepted_verified_and_syncs_once(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    async with open_desk(data_dir, sandbox.url) as desk:
        package = fresh_capture(sandbox_admin)[0]
        assert desk.store.find_package(token_scheme.digest(package["token"])) is None
        await go_offline(desk, sandbox_admin)

        outcome = await desk.receive(package["label"])
        again = await desk.receive(package["label"])

        assert outcome.verdict is not None
        assert outcome.verdict.kind is VerdictKind.ACCEPTED
        assert outcome.verdict.verified_by_label
        assert outcome.verdict.order_id == package["order_id"]
        assert outcome.receipt_id is not None
        kept = desk.store.receipt(outcome.receipt_id)
        assert kept is not None
        assert (kept.state, kept.provisional) == (ReceiptState.QUEUED, False)
        assert desk.store.needs_attention() == []
        assert again.verdict is not None
        assert again.verdict.kind is VerdictKind.ALREADY_RECEIVED
        assert again.verdict.repeat

        sandbox_admin.clear_faults()
        await desk.engine.run_once()
        registered = desk.store.receipt(outcome.receipt_id)
        assert registered is not None
        assert registered.state is ReceiptState.REGISTERED

    held = [r["receipt_id"] for r in sandbox_admin.receipts()["receipts"]]
    assert held.count(outcome.receipt_id) == 1


async def test_a_lost_network_mid_verify_falls_back_to_the_label(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    async with open_desk(data_dir, sandbox.url) as desk:
        package = fresh_capture(sandbox_admin)[0]
        assert desk.engine.connectivity is Connectivity.ONLINE
        sandbox_admin.set_faults(reset_rate=1.0)

        outcome = await desk.receive(package["label"])

    assert outcome.verdict is not None
    assert outcome.verdict.kind is VerdictKind.ACCEPTED
    assert outcome.verdict.verified_by_label


async def test_offline_forged_unknown_key_and_other_facility_labels_are_refused(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    lounge = next(
        p
        for p in listing(sandbox_admin)
        if p["order_id"] == seed.scenario_order_id("other_facility_single")
    )

    async with open_desk(data_dir, sandbox.url) as desk:
        package = fresh_capture(sandbox_admin)[0]
        real = signed_label.decode(package["label"])
        stranger = signed_label.sign(
            LabelSigner(99).keys[1].private,
            key_id="elsewhere",
            token=real.token,
            order_id=real.order_id,
            fulfillment_id=real.fulfillment_id,
            number=real.number,
            count=real.count,
            issued_at=real.issued_at,
        )
        scans = {
            VerdictKind.LABEL_NOT_GENUINE: forge(package["label"]),
            VerdictKind.LABEL_KEY_UNKNOWN: signed_label.encode(stranger),
            VerdictKind.WRONG_FACILITY: lounge["label"],
        }
        await go_offline(desk, sandbox_admin)

        for expected, text in scans.items():
            outcome = await desk.receive(text)
            assert outcome.verdict is not None
            assert outcome.verdict.kind is expected, text
            assert outcome.receipt_id is None
        assert sum(desk.store.counts().values()) == 0


async def test_a_cached_package_on_a_label_reads_like_its_bare_token(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    by_verdict = {p["verdict"]: p for p in reversed(listing(sandbox_admin))}
    accepted, early = by_verdict["accepted"], by_verdict["released_early"]
    cached = signed_label.decode(accepted["label"])
    signer = LabelSigner(1)
    wrong_number = signed_label.sign(
        signer.keys[0].private,
        key_id="sbx1",
        token=cached.token,
        order_id=parse_order_id(accepted["order_id"]),
        fulfillment_id=cached.fulfillment_id,
        number=cached.count,
        count=cached.count + 1,
        issued_at=datetime(2026, 3, 2, tzinfo=UTC),
    )

    async with open_desk(data_dir, sandbox.url) as desk:
        await go_offline(desk, sandbox_admin)
        refused = await desk.receive(early["label"])
        mismatch = await desk.receive(signed_label.encode(wrong_number))
        taken = await desk.receive(accepted["label"])

    assert refused.verdict is not None
    assert refused.verdict.kind is VerdictKind.RELEASED_EARLY
    assert mismatch.verdict is not None
    assert mismatch.verdict.kind is VerdictKind.LABEL_MISMATCH
    assert taken.verdict is not None
    assert taken.verdict.kind is VerdictKind.ACCEPTED
    assert not taken.verdict.verified_by_label
    assert taken.order is not None


async def test_online_a_never_seen_label_is_checked_with_the_server(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    async with open_desk(data_dir, sandbox.url) as desk:
        package = fresh_capture(sandbox_admin)[0]
        outcome = await desk.receive(package["label"])
        forged = await desk.receive(forge(fresh_capture(sandbox_admin)[0]["label"]))

    assert outcome.verdict is not None
    assert outcome.verdict.kind is VerdictKind.ACCEPTED
    # The server described the package, so the cache now knows its order.
    assert not outcome.verdict.verified_by_label
    assert outcome.order is not None
    assert forged.verdict is not None
    assert forged.verdict.kind is VerdictKind.LABEL_NOT_GENUINE
