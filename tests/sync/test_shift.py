"""The shift service against the sandbox: overrides checked offline, changes told.

The window's flows are in tests/ui/test_shift_on_sandbox.py; these are the
parts the window cannot show: a supervisor checked with the local verifier
while the platform is out of reach, and which changes the lists are told.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from concierge_app.api.vault import MemoryVault
from concierge_app.sandbox.server import SandboxServer
from concierge_app.sync.events import ReceiptsChanged
from concierge_app.sync.shift import OverrideFailure, OverrideRefused
from tests.sandbox_fixtures import SandboxAdmin
from tests.sync.conftest import open_desk

pytestmark = pytest.mark.anyio


async def test_offline_an_override_is_checked_with_the_supervisors_verifier(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    vault = MemoryVault()
    early = sandbox_admin.tokens("released_early")
    # The supervisor logged in at this workstation once: a verifier is kept.
    async with open_desk(data_dir, sandbox.url, vault=vault, user="supervisor"):
        pass

    async with open_desk(data_dir, sandbox.url, vault=vault) as desk:
        sandbox_admin.set_faults(reset_rate=1.0)
        await desk.engine.run_once()
        shift = desk.shift()
        outcome = await desk.receive(early[0]["token"])
        assert outcome.verdict is not None
        package_id = outcome.verdict.package_id
        assert package_id is not None
        assert shift.released_early == package_id

        wrong = await shift.receive_overridden(package_id, "supervisor", "x", "why")
        unknown = await shift.receive_overridden(package_id, "nobody", "x", "why")
        no_note = await shift.receive_overridden(
            package_id, "supervisor", "supervisor", " "
        )
        granted = await shift.receive_overridden(
            package_id, "supervisor", "supervisor", "papers follow"
        )

        assert wrong == OverrideRefused(OverrideFailure.WRONG_CREDENTIALS, "supervisor")
        assert unknown == OverrideRefused(OverrideFailure.UNAVAILABLE, "nobody")
        assert no_note == OverrideRefused(OverrideFailure.NO_NOTE, "supervisor")
        assert not isinstance(granted, OverrideRefused)
        assert granted.receipt_id is not None
        stored = desk.store.receipt(granted.receipt_id)
        assert stored is not None
        assert (stored.override_by, stored.override_note) == (
            "supervisor",
            "papers follow",
        )
        # Once used, the refusal is not there to override a second time.
        again = await shift.receive_overridden(
            package_id, "supervisor", "supervisor", "papers follow"
        )
        assert again == OverrideRefused(
            OverrideFailure.NOTHING_TO_OVERRIDE, "supervisor"
        )

        sandbox_admin.clear_faults()
        await desk.engine.run_once()
        assert desk.store.receipt(granted.receipt_id).confirmed

    held = [
        r for r in sandbox_admin.receipts()["receipts"] if r["package_id"] == package_id
    ]
    assert [(r["override_by"], r["override_note"]) for r in held] == [
        ("supervisor", "papers follow")
    ]


async def test_scans_pushes_and_pulls_tell_which_receipts_and_orders_changed(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    package = sandbox_admin.tokens("accepted")[0]
    async with open_desk(data_dir, sandbox.url) as desk:
        told: list[ReceiptsChanged] = []
        unwatch = desk.shift().watch(told.append)

        outcome = await desk.receive(package["token"])
        assert outcome.receipt_id is not None
        scanned = list(told)
        desk.engine.poke(pull=True)
        await desk.engine.run_once()
        unwatch()
        await desk.receive(sandbox_admin.tokens("accepted")[1]["token"])

    mine = ReceiptsChanged(
        frozenset([outcome.receipt_id]), frozenset([package["order_id"]])
    )
    assert scanned == [mine]
    # Sent, then answered; then the pull's page of changed orders.
    assert told[1:3] == [mine, mine]
    assert package["order_id"] in told[3].order_ids
    assert not told[3].receipt_ids
    assert len(told) == 4
