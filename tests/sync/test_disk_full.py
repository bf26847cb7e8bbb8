"""A full disk while receiving: the desk is told the receipt was NOT kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from concierge_app.domain import token
from concierge_app.sandbox.server import SandboxServer
from concierge_app.store import Store
from concierge_app.sync.receiving import ReceiptNotKept
from tests.sandbox_fixtures import SandboxAdmin
from tests.sync.conftest import open_desk

pytestmark = pytest.mark.anyio


async def test_nothing_is_shown_accepted_that_is_not_on_disk(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    tokens = [p["token"] for p in sandbox_admin.tokens("accepted")]
    accepted: list[str] = []
    refused_by_disk: str | None = None

    async with open_desk(data_dir, sandbox.url) as desk:
        # SQLite's page limit stands in for a full disk: the file may not
        # grow by one page more than it has now.
        connection = desk.store._connection
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")
        for value in tokens:
            try:
                outcome = await desk.receive(value)
            except ReceiptNotKept:
                refused_by_disk = value
                break
            assert outcome.receipt_id is not None
            accepted.append(outcome.receipt_id)

    assert refused_by_disk is not None, "the page limit never filled up"
    with Store.open(data_dir) as reopened:
        for receipt_id in accepted:
            assert reopened.receipt(receipt_id) is not None
        assert reopened.local_receipt_for(token.digest(refused_by_disk)) is None
