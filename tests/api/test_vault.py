"""The token vault kept in a thread of its own: order, and the caller's thread free."""

from __future__ import annotations

import asyncio
import threading

import pytest

from concierge_app.api.vault import MemoryVault, ThreadedVault, TokenVault


class ChosenElsewhere:
    """Chooses a `MemoryVault`, noting the thread it was chosen on."""

    def __init__(self) -> None:
        self.threads: list[threading.Thread] = []
        self.vault = MemoryVault()

    def __call__(self) -> TokenVault:
        self.threads.append(threading.current_thread())
        return self.vault


def test_a_read_sees_every_write_queued_before_it() -> None:
    choose = ChosenElsewhere()
    vault = ThreadedVault(choose)

    vault.put("anna", "first")
    vault.put("anna", "second")
    vault.put("marco", "his")
    vault.delete("marco")
    try:
        assert vault.get("anna") == "second"
        assert vault.get("marco") is None
    finally:
        vault.close()

    assert choose.vault.get("anna") == "second"


def test_the_vault_is_chosen_once_on_start_and_not_on_the_callers_thread() -> None:
    choose = ChosenElsewhere()
    vault = ThreadedVault(choose)

    vault.put("anna", "kept until the start")
    assert choose.threads == []
    assert choose.vault.get("anna") is None
    vault.start()
    vault.start()
    vault.put("anna", "token")
    assert vault.get("anna") == "token"
    vault.close()

    assert len(choose.threads) == 1
    assert choose.threads[0] is not threading.current_thread()


def test_close_finishes_the_queued_writes() -> None:
    release = threading.Event()
    choose = ChosenElsewhere()

    def slow_choice() -> TokenVault:
        release.wait(timeout=30)
        return choose()

    vault = ThreadedVault(slow_choice)
    vault.put("anna", "token")
    release.set()
    vault.close()

    assert choose.vault.get("anna") == "token"


def test_a_vault_that_cannot_be_chosen_fails_the_read() -> None:
    def broken() -> TokenVault:
        raise OSError("no keyring here")

    vault = ThreadedVault(broken)
    try:
        with pytest.raises(OSError, match="no keyring"):
            vault.get("anna")
    finally:
        vault.close()


class NeedsTheLoop(MemoryVault):
    """Each call first waits for the event loop to run a callback (5 s at most).

    A loop blocked on the call cannot run it: the call then does nothing.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__()
        self._loop = loop
        self.loop_ran: list[bool] = []

    def _loop_runs(self) -> bool:
        ran = threading.Event()
        self._loop.call_soon_threadsafe(ran.set)
        self.loop_ran.append(ran.wait(timeout=5.0))
        return self.loop_ran[-1]

    def get(self, username: str) -> str | None:
        return super().get(username) if self._loop_runs() else None

    def put(self, username: str, refresh_token: str) -> None:
        if self._loop_runs():
            super().put(username, refresh_token)


@pytest.mark.anyio
async def test_aget_and_aclose_leave_the_loop_running_and_keep_the_order() -> None:
    kept = NeedsTheLoop(asyncio.get_running_loop())
    vault = ThreadedVault(lambda: kept)

    vault.put("anna", "first")
    assert await vault.aget("anna") == "first"
    vault.put("anna", "second")
    await vault.aclose()

    assert kept.loop_ran == [True, True, True]
    assert MemoryVault.get(kept, "anna") == "second"


@pytest.mark.anyio
async def test_aclose_of_a_vault_never_used_ends_at_once() -> None:
    choose = ChosenElsewhere()
    vault = ThreadedVault(choose)

    await vault.aclose()

    assert choose.threads == []
