"""The desk's session on the real sandbox: who may take a locked desk, and how
a session comes back after an offline unlock without holding the loop.

Each test opens a `Desk` on a fresh SQLite folder under tmp_path, talking to
the sandbox over loopback.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

from concierge_app.api.vault import MemoryVault, ThreadedVault, TokenVault
from concierge_app.domain.model import ReceiptState
from concierge_app.sandbox.server import SandboxServer
from concierge_app.sync.desk import Desk
from concierge_app.sync.events import Connectivity
from concierge_app.sync.outcomes import LoginFailed, LoginFailure, LoginOk
from tests.sandbox_fixtures import SandboxAdmin
from tests.sync.conftest import open_desk

pytestmark = pytest.mark.anyio


class LoopWatchingVault:
    """A vault whose read asks the event loop to run a callback, and waits for it.

    If the loop's thread is blocked waiting for this read, the callback cannot
    run: the read gives up after `patience` seconds and answers nothing.
    """

    def __init__(self, kept: TokenVault, loop: asyncio.AbstractEventLoop) -> None:
        self._kept = kept
        self._loop = loop
        self.reads: list[bool] = []
        """For each read, whether the loop ran while it was waiting."""

    def get(self, username: str) -> str | None:
        ran = threading.Event()
        self._loop.call_soon_threadsafe(ran.set)
        free = ran.wait(timeout=5.0)
        self.reads.append(free)
        return self._kept.get(username) if free else None

    def put(self, username: str, refresh_token: str) -> None:
        self._kept.put(username, refresh_token)

    def delete(self, username: str) -> None:
        self._kept.delete(username)


async def test_a_session_resumes_after_an_offline_unlock_without_blocking_the_loop(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    kept = MemoryVault()
    good = sandbox_admin.token("accepted")
    async with open_desk(data_dir, sandbox.url, vault=kept):
        pass  # an online login leaves a verifier and a kept refresh token
    before = kept.get("concierge")
    assert before is not None

    watching = LoopWatchingVault(kept, asyncio.get_running_loop())
    sandbox_admin.set_faults(reset_rate=1.0)
    desk = Desk.open(data_dir, sandbox.url, vault=ThreadedVault(lambda: watching))
    try:
        unlocked = await desk.login("concierge", "concierge")
        assert isinstance(unlocked, LoginOk)
        assert unlocked.offline
        await desk.receive(good)
        sandbox_admin.clear_faults()

        await desk.engine.run_once()

        assert watching.reads == [True]
        assert desk.engine.connectivity is Connectivity.ONLINE
        assert desk.client.session is not None
        assert desk.store.counts()[ReceiptState.REGISTERED] == 1
    finally:
        await desk.aclose()
    # The refresh token the resume rotated was written before the close ended.
    assert kept.get("concierge") not in (None, before)


def _failed_switches(desk: Desk) -> list[tuple[str, str, dict[str, object]]]:
    return [
        (e.actor, e.subject, dict(e.details))
        for e in desk.store.audit_entries()
        if e.action == "switch_user_failed"
    ]


async def test_a_user_of_another_facility_cannot_switch_in_online(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    vault = MemoryVault()
    good = sandbox_admin.token("accepted")
    async with open_desk(data_dir, sandbox.url, vault=vault) as desk:
        sandbox_admin.set_faults(reset_rate=1.0)
        queued = (await desk.receive(good)).receipt_id
        assert queued is not None
        sandbox_admin.clear_faults()
        await desk.lock()
        operator, session = desk.operator, desk.client.session
        before = desk.store.receipt(queued)
        logins = len(sandbox_admin.traffic("/auth/token"))

        refused = await desk.switch_user("other", "other")

        assert refused == LoginFailed(
            LoginFailure.OTHER_FACILITY, facility_name="Lounge Brera"
        )
        assert desk.operator == operator
        assert desk.client.session is session
        assert vault.get("other") is None
        assert desk.store.receipt(queued) == before
        # One question to the platform, and nobody else's session since.
        assert len(sandbox_admin.traffic("/auth/token")) == logins + 1
        assert _failed_switches(desk) == [
            (
                "concierge",
                "other",
                {"cause": "other_facility", "facility": "Lounge Brera"},
            )
        ]

        # The queue goes out as before, in the session that stayed.
        await desk.engine.run_once()
        assert desk.store.counts()[ReceiptState.REGISTERED] == 1
        assert desk.store.verify_audit().ok


async def test_a_user_of_another_facility_cannot_switch_in_offline(
    sandbox: SandboxServer, sandbox_admin: SandboxAdmin, data_dir: Path
) -> None:
    vault = MemoryVault()
    good = sandbox_admin.token("accepted")
    # Lena once worked at this workstation, so it keeps her offline verifier.
    async with open_desk(data_dir, sandbox.url, vault=vault, user="other"):
        pass
    async with open_desk(data_dir, sandbox.url, vault=vault) as desk:
        sandbox_admin.set_faults(reset_rate=1.0)
        queued = (await desk.receive(good)).receipt_id
        assert queued is not None
        await desk.lock()
        operator = desk.operator
        before = desk.store.receipt(queued)

        refused = await desk.switch_user("other", "other")

        assert refused == LoginFailed(
            LoginFailure.OTHER_FACILITY, facility_name="Lounge Brera"
        )
        assert desk.operator == operator
        assert desk.store.receipt(queued) == before
        assert [cause for _a, _s, cause in _failed_switches(desk)] == [
            {"cause": "other_facility", "facility": "Lounge Brera"}
        ]

        # A user of this facility still switches in offline.
        taken = await desk.switch_user("concierge", "concierge")
        assert isinstance(taken, LoginOk)
        assert taken.offline
        sandbox_admin.clear_faults()
        await desk.engine.run_once()
        assert desk.store.counts()[ReceiptState.REGISTERED] == 1
