"""Where refresh tokens are kept between runs: the OS keyring, else memory.

Access tokens never leave memory. A refresh token lets the desk resume
syncing after an offline unlock without asking for the password again; it
goes to the OS keyring when the workstation has a usable one, and otherwise
lives only as long as the process.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

logger = logging.getLogger(__name__)

SERVICE = "concierge-app"

T = TypeVar("T")


class TokenVault(Protocol):
    """Keeps one refresh token per user of this workstation."""

    def get(self, username: str) -> str | None:
        """The kept token, if any."""
        ...

    def put(self, username: str, refresh_token: str) -> None:
        """Keep a token, replacing the previous one."""
        ...

    def delete(self, username: str) -> None:
        """Forget the user's token."""
        ...


class MemoryVault:
    """Tokens for the life of the process only."""

    def __init__(self) -> None:
        self._tokens: dict[str, str] = {}

    def __repr__(self) -> str:
        return f"MemoryVault({len(self._tokens)} users)"

    def get(self, username: str) -> str | None:
        """The kept token, if any."""
        return self._tokens.get(username)

    def put(self, username: str, refresh_token: str) -> None:
        """Keep a token, replacing the previous one."""
        self._tokens[username] = refresh_token

    def delete(self, username: str) -> None:
        """Forget the user's token."""
        self._tokens.pop(username, None)


class KeyringVault:
    """Tokens in the OS keyring (Secret Service, Keychain, Credential Locker)."""

    def __init__(self, workstation_id: str) -> None:
        import keyring

        self._keyring = keyring
        self._service = f"{SERVICE}:{workstation_id}"

    def __repr__(self) -> str:
        return f"KeyringVault({self._service!r})"

    def get(self, username: str) -> str | None:
        """The kept token, if any; a keyring failure reads as none."""
        try:
            value = self._keyring.get_password(self._service, username)
        except self._keyring.errors.KeyringError as error:
            logger.warning("keyring read failed: %s", type(error).__name__)
            return None
        return value if isinstance(value, str) else None

    def put(self, username: str, refresh_token: str) -> None:
        """Keep a token, replacing the previous one."""
        try:
            self._keyring.set_password(self._service, username, refresh_token)
        except self._keyring.errors.KeyringError as error:
            logger.warning("keyring write failed: %s", type(error).__name__)

    def delete(self, username: str) -> None:
        """Forget the user's token."""
        try:
            self._keyring.delete_password(self._service, username)
        except self._keyring.errors.KeyringError:
            logger.debug("no keyring entry to delete for %s", username)


def default_vault(workstation_id: str) -> TokenVault:
    """The OS keyring when one is usable here, else memory (logged once)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        logger.info("no keyring module; refresh tokens kept in memory only")
        return MemoryVault()

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) <= 0:
        logger.info("no usable OS keyring; refresh tokens kept in memory only")
        return MemoryVault()
    return KeyringVault(workstation_id)


class ThreadedVault:
    """A vault chosen and used in a thread of its own, never the caller's.

    Choosing the OS keyring imports it and probes its back ends (tens of
    milliseconds, more with the Secret Service) and every keyring call is a
    D-Bus round trip: the ui's thread waits for neither. Nothing runs until
    `start` (the desk calls it once a login is done, so the choice does not
    compete with the login itself) or a read: writes made before are kept
    in order and run once it starts. A write returns at once; a read waits
    for the writes queued before it, so it always sees them. On the event
    loop's thread (the ui's, under qasync) read with `aget` and close with
    `aclose`: they await the vault's thread instead of blocking the loop.
    """

    def __init__(self, choose: Callable[[], TokenVault]) -> None:
        self._choose = choose
        self._thread = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="token-vault"
        )
        self._vault: concurrent.futures.Future[TokenVault] | None = None
        self._waiting: list[Callable[[TokenVault], object]] = []

    def __repr__(self) -> str:
        return "ThreadedVault(started)" if self._vault else "ThreadedVault(waiting)"

    def start(self) -> None:
        """Choose the vault in its thread and run the writes kept so far (once)."""
        if self._vault is not None:
            return
        self._vault = self._thread.submit(self._choose)
        waiting, self._waiting = self._waiting, []
        for call in waiting:
            self._submit(call)

    def get(self, username: str) -> str | None:
        """The kept token, if any; waits for the vault and earlier writes."""
        self.start()
        return self._submit(lambda vault: vault.get(username)).result()

    async def aget(self, username: str) -> str | None:
        """As `get`, awaited: the running loop goes on while the vault answers."""
        self.start()
        return await asyncio.wrap_future(
            self._submit(lambda vault: vault.get(username))
        )

    def put(self, username: str, refresh_token: str) -> None:
        """Keep a token, replacing the previous one (queued)."""
        self._write(lambda vault: vault.put(username, refresh_token))

    def delete(self, username: str) -> None:
        """Forget the user's token (queued)."""
        self._write(lambda vault: vault.delete(username))

    def close(self) -> None:
        """Finish the writes (starting, if some wait), then end the thread."""
        if self._waiting:
            self.start()
        self._thread.shutdown(wait=True)

    async def aclose(self) -> None:
        """As `close`, awaited: the running loop goes on while the writes finish."""
        if self._waiting:
            self.start()
        try:
            if self._vault is not None:
                # One worker runs calls in order: once this one ran, every
                # write queued before it is done and the thread is idle.
                await asyncio.wrap_future(self._thread.submit(lambda: None))
        except BaseException:
            # Cancelled: the queued writes still finish before the process ends.
            self._thread.shutdown(wait=False)
            raise
        self._thread.shutdown(wait=True)

    def _write(self, call: Callable[[TokenVault], object]) -> None:
        if self._vault is None:
            self._waiting.append(call)
        else:
            self._submit(call)

    def _submit(self, call: Callable[[TokenVault], T]) -> concurrent.futures.Future[T]:
        chosen = self._vault
        if chosen is None:
            raise RuntimeError("the vault is not started")
        done = self._thread.submit(lambda: call(chosen.result()))
        done.add_done_callback(_log_failure)
        return done


def _log_failure(done: concurrent.futures.Future[Any]) -> None:
    # A write nobody waits for must not fail unseen.
    if not done.cancelled() and done.exception() is not None:
        logger.error("token vault call failed", exc_info=done.exception())
