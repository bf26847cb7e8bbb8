"""A label issued ahead of the desk's clock, through the real scan path.

The desk pulls the sandbox's label keys, loses the network, and is handed a
genuine label whose issue time is hours after its own clock: it is kept
provisional under Needs attention, not verified, and the server confirms it
at the next sync.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from concierge_app.domain import signed_label
from concierge_app.domain.model import ReceiptState
from concierge_app.domain.signed_label import LabelCheck
from concierge_app.domain.verdict import VerdictKind
from concierge_app.sandbox.labels import LabelSigner
from concierge_app.sandbox.server import SandboxServer
from tests.sandbox_fixtures import SandboxAdmin
from tests.sync.conftest import open_desk
from tests.sync.test_signed_labels import fresh_capture, go_offline

pytestmark = pytest.mark.anyio


async def test_offline_a_label_from_the_future_is_provisional_until_the_sync(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    async with open_desk(data_dir, sandbox.url) as desk:
        # Captured after the desk's pull, so only its label describes it.
        package = fresh_capture(sandbox_admin)[0]
        ahead = label_issued_ahead(package["label"], timedelta(hours=3))
        assert signed_label.check(ahead, desk.store.label_keys()) is LabelCheck.GENUINE
        await go_offline(desk, sandbox_admin)

        outcome = await desk.receive(signed_label.encode(ahead))

        assert outcome.verdict is not None
        assert outcome.verdict.kind is VerdictKind.ACCEPTED_PROVISIONAL
        assert not outcome.verdict.verified_by_label
        assert "later than this desk's clock" in outcome.verdict.reason
        assert outcome.receipt_id is not None
        kept = desk.store.receipt(outcome.receipt_id)
        assert kept is not None
        assert (kept.state, kept.provisional) == (ReceiptState.QUEUED, True)
        assert kept.order_id == package["order_id"]
        assert [r.receipt_id for r in desk.store.needs_attention()] == [
            outcome.receipt_id
        ]

        sandbox_admin.clear_faults()
        await desk.engine.run_once()
        registered = desk.store.receipt(outcome.receipt_id)
        assert registered is not None
        assert registered.state is ReceiptState.REGISTERED


def label_issued_ahead(text: str, ahead: timedelta) -> signed_label.SignedLabel:
    """The label `text` signed again by the sandbox's key, issued `ahead` of now."""
    real = signed_label.decode(text)
    issued = datetime.now(UTC) + ahead
    key = LabelSigner(1).key_for(issued)
    return signed_label.sign(
        key.private,
        key_id=key.public.key_id,
        token=real.token,
        order_id=real.order_id,
        fulfillment_id=real.fulfillment_id,
        number=real.number,
        count=real.count,
        issued_at=issued,
    )
