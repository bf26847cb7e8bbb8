"""Auth under trouble, against the real sandbox: the desk keeps its queue and
its manners, and the server's refusals are on record at both ends.

The sandbox's traffic log (`GET /_sandbox/traffic`) is its side of the
record: who asked what, and how each request was answered. The desk's side
is its audit chain.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from concierge_app.domain.model import ReceiptState
from concierge_app.domain.verdict import VerdictKind
from concierge_app.sandbox.server import SandboxServer
from concierge_app.sync.desk import DeskOptions
from concierge_app.sync.events import Connectivity
from concierge_app.sync.outcomes import LoginFailed, LoginFailure
from tests.sandbox_fixtures import SandboxAdmin
from tests.sync.conftest import open_desk

pytestmark = pytest.mark.anyio


def statuses(admin: SandboxAdmin, path: str, after: int = 0) -> list[int | None]:
    return [v["status"] for v in admin.traffic(path)[after:]]


async def test_an_access_token_expiring_mid_batch_refreshes_once_for_every_batch(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    tokens = [p["token"] for p in sandbox_admin.tokens("accepted")[:9]]
    options = DeskOptions(batch_size=3)

    async with open_desk(data_dir, sandbox.url, options=options) as desk:
        ids = [(await desk.receive(t)).receipt_id for t in tokens]
        logins = len(sandbox_admin.traffic("/auth/token"))
        pushes = len(sandbox_admin.traffic("/receipts"))
        sandbox_admin.expire_access_tokens()
        await desk.engine.run_once()

        assert desk.store.counts()[ReceiptState.REGISTERED] == 9
    # One refresh for the three batches; the refused one resent as it was.
    assert statuses(sandbox_admin, "/auth/token", logins) == [200]
    assert statuses(sandbox_admin, "/receipts", pushes) == [401, 200, 200, 200]
    held = [r["receipt_id"] for r in sandbox_admin.receipts()["receipts"]]
    assert sorted(set(held) & set(ids)) == sorted(i for i in ids if i)
    assert len(held) == len(set(held))


async def test_a_lost_refresh_answer_does_not_lock_the_desk_out(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    good = sandbox_admin.token("accepted")

    async with open_desk(data_dir, sandbox.url) as desk:
        receipt_id = (await desk.receive(good)).receipt_id
        logins = len(sandbox_admin.traffic("/auth/token"))
        sandbox_admin.set_faults(drop_refresh_rate=1.0)
        sandbox_admin.expire_access_tokens()
        await desk.engine.run_once()

        # The sandbox rotated the refresh token; the desk never heard.
        assert desk.engine.connectivity is Connectivity.OFFLINE
        assert desk.store.counts()[ReceiptState.QUEUED] == 1
        sandbox_admin.clear_faults()
        await desk.engine.run_once()

        assert desk.engine.connectivity is Connectivity.ONLINE
        assert desk.store.counts()[ReceiptState.REGISTERED] == 1
    # The retry used the previous refresh token, inside its grace: no password.
    assert statuses(sandbox_admin, "/auth/token", logins) == [200, 200]
    held = [r["receipt_id"] for r in sandbox_admin.receipts()["receipts"]]
    assert held.count(receipt_id) == 1


async def test_a_revoked_refresh_token_asks_for_login_keeps_the_queue_and_audits(
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
        refused = [e for e in desk.store.audit_entries() if e.action == "session_lost"]
        assert [(e.actor, e.subject) for e in refused] == [("concierge", "concierge")]
    assert statuses(sandbox_admin, "/auth/token")[-1] == 400


async def test_a_package_of_another_facility_is_refused_by_the_server_and_audited(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    elsewhere = sandbox_admin.token("wrong_facility")
    before = sandbox_admin.receipts()["receipts"]

    async with open_desk(data_dir, sandbox.url) as desk:
        outcome = await desk.receive(elsewhere)
        entries = desk.store.audit_entries()
        sound = desk.store.verify_audit()

    assert outcome.verdict is not None
    assert outcome.verdict.kind is VerdictKind.WRONG_FACILITY
    assert outcome.receipt_id is None
    # The server refused it (the cache holds this facility's orders only) ...
    verify = sandbox_admin.traffic("/packages/verify")
    assert [(v["status"], v["key"].startswith("user:concierge@")) for v in verify] == [
        (403, True)
    ]
    # ... and the desk's chain says who scanned what, without the token.
    refused = [e for e in entries if e.action == "scan_refused"]
    assert [(e.actor, e.details["verdict"]) for e in refused] == [
        ("concierge", "wrong_facility")
    ]
    assert elsewhere not in str(refused[0].details)
    assert sound.ok
    assert sandbox_admin.receipts()["receipts"] == before


async def test_a_revoked_user_is_refused_by_the_server_and_audited_at_the_desk(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    good = sandbox_admin.token("accepted")
    before = sandbox_admin.receipts()["receipts"]

    async with open_desk(data_dir, sandbox.url) as desk:
        await desk.receive(good)
        sandbox_admin.revoke("concierge", user=True)
        await desk.engine.run_once()
        assert desk.engine.connectivity is Connectivity.AUTH_NEEDED

        again = await desk.login("concierge", "concierge")

        assert isinstance(again, LoginFailed)
        assert again.cause is LoginFailure.WRONG_CREDENTIALS
        assert desk.store.counts()[ReceiptState.QUEUED] == 1
        actions = [e.action for e in desk.store.audit_entries()]
        assert "session_lost" in actions
        assert actions[-1] == "login_failed"
        assert desk.store.verify_audit().ok
    # The server's side: the push refused (401), the refresh and the
    # password refused (400), nothing registered.
    assert statuses(sandbox_admin, "/receipts")[-1] == 401
    assert statuses(sandbox_admin, "/auth/token")[-2:] == [400, 400]
    assert sandbox_admin.receipts()["receipts"] == before
