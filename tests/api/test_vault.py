"""The token vault kept in a thread of its own: order, and the caller's thread free."""

from __future__ import annotations

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
