"""The sync engine: the one loop per workstation that pushes and pulls.

It pushes queued receipts as soon as it is poked or the network allows,
pulls the delta on a timer and on demand, backs off with full jitter after
failures (never shorter than a 429's `Retry-After`), and publishes a
`SyncStatus` after every change. Only one engine runs per store: the store's
lock keeps a second process out, and the desk owns the single instance.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from concierge_app.api.client import PartnerClient
from concierge_app.api.errors import (
    ApiError,
    LoginRequired,
    ProtocolError,
    RateLimited,
    ServerError,
    TransportError,
)
from concierge_app.domain.model import ReceiptState
from concierge_app.store import Store
from concierge_app.sync.backoff import Backoff
from concierge_app.sync.events import (
    Connectivity,
    ReceiptsChanged,
    StatusHub,
    SyncStatus,
)
from concierge_app.sync.pull import pull
from concierge_app.sync.push import Pusher

logger = logging.getLogger(__name__)

PULL_INTERVAL = 60.0
IN_PROGRESS_WAIT = 2.0

Resume = Callable[[], Awaitable[bool]]
"""Tries to get a session without the user (a kept refresh token)."""


class SyncEngine:
    """Pushes the receipt queue and pulls the cache until stopped."""

    def __init__(
        self,
        store: Store,
        client: PartnerClient,
        *,
        pull_interval: float = PULL_INTERVAL,
        batch_size: int = 50,
        backoff: Backoff | None = None,
        resume: Resume | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._store = store
        self._client = client
        self._backoff = backoff or Backoff()
        # Any answered request is progress: the backoff starts over, so a
        # flaky network slows the drain by its failures, not by a cap.
        self._pusher = Pusher(
            client,
            store,
            batch_size=batch_size,
            on_progress=self._backoff.reset,
            on_changed=self._announce,
        )
        self._pull_interval = pull_interval
        self._resume = resume
        self._clock = clock
        self._wake = asyncio.Event()
        self._pull_due = True
        self._next_pull = 0.0
        self._stopping = False
        self._cycles = 0
        self._cycle_done = asyncio.Condition()
        self._last_sync: datetime | None = None
        self.rate_limited = 0
        """How many 429 answers this engine has met (the benchmarks read it)."""
        self.hub = StatusHub(self._snapshot(Connectivity.OFFLINE))

    @property
    def connectivity(self) -> Connectivity:
        """The state the last cycle ended in."""
        return self.hub.status.connectivity

    def poke(self, *, pull: bool = False) -> None:
        """Wake the loop now, for a new receipt or a login; `pull` forces a pull."""
        self._pull_due = self._pull_due or pull
        self._wake.set()

    def refresh_status(self) -> None:
        """Publish the store's counts again (after a local change)."""
        self.hub.publish(self._snapshot(self.connectivity, self.hub.status.last_error))

    async def sync_now(self) -> SyncStatus:
        """Pull and push at once; return the status the cycle ended with."""
        async with self._cycle_done:
            target = self._cycles + 1
            self.poke(pull=True)
            await self._cycle_done.wait_for(lambda: self._cycles >= target)
        return self.hub.status

    def stop(self) -> None:
        """End `run` after the current step."""
        self._stopping = True
        self._wake.set()

    async def run(self) -> None:
        """The loop; returns once `stop` is called."""
        while not self._stopping:
            try:
                wait = await self.run_once()
            except Exception:
                # A defect must not end the only sync loop: it is logged
                # with its traceback for support and the loop backs off.
                logger.exception("sync cycle failed unexpectedly")
                wait = self._backoff.next_delay()
                self._publish(Connectivity.DEGRADED, "internal error; see the log")
            if self._stopping:
                break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=wait)
            self._wake.clear()

    async def run_once(self) -> float:
        """One cycle: push, pull when due, push again. Returns the wait after it."""
        try:
            return await self._attempt()
        finally:
            # Also after an unexpected error, so `sync_now` never waits forever.
            async with self._cycle_done:
                self._cycles += 1
                self._cycle_done.notify_all()

    async def _attempt(self) -> float:
        try:
            return await self._cycle()
        except LoginRequired:
            self._publish(Connectivity.AUTH_NEEDED, "log in again to sync")
            return self._pull_interval
        except RateLimited as error:
            self.rate_limited += 1
            self._publish(Connectivity.DEGRADED, "rate limited")
            return max(error.retry_after, self._backoff.next_delay())
        except (ServerError, ProtocolError) as error:
            wait = self._backoff.next_delay()
            self._publish(Connectivity.DEGRADED, str(error))
            logger.warning("sync degraded: %s; retry in %.1f s", error, wait)
            return wait
        except TransportError as error:
            wait = self._backoff.next_delay()
            self._publish(Connectivity.OFFLINE, str(error))
            logger.info("sync offline: %s; retry in %.1f s", error, wait)
            return wait
        except ApiError as error:
            wait = self._backoff.next_delay()
            self._publish(Connectivity.DEGRADED, str(error))
            logger.warning("sync failed: %s", error)
            return wait

    async def _cycle(self) -> float:
        if self._client.session is None and not (self._resume and await self._resume()):
            self._publish(Connectivity.AUTH_NEEDED, "log in to sync")
            return self._pull_interval

        pushed = await self._pusher.push_all()
        if self._pull_due or self._clock() >= self._next_pull:
            self._pull_due = False
            await pull(
                self._client,
                self._store,
                on_progress=self._backoff.reset,
                on_changed=self._announce,
            )
            self._next_pull = self._clock() + self._pull_interval
            pushed.add(await self._pusher.push_all())

        self._backoff.reset()
        self._last_sync = datetime.now(UTC)
        self._publish(Connectivity.ONLINE)
        if pushed.in_progress:
            return IN_PROGRESS_WAIT
        return max(0.0, self._next_pull - self._clock())

    def _announce(self, change: ReceiptsChanged) -> None:
        self.hub.announce(change)

    def _publish(self, connectivity: Connectivity, error: str = "") -> None:
        self.hub.publish(self._snapshot(connectivity, error))

    def _snapshot(self, connectivity: Connectivity, error: str = "") -> SyncStatus:
        counts = self._store.counts()
        queued = counts.get(ReceiptState.QUEUED, 0) + counts.get(ReceiptState.SENT, 0)
        return SyncStatus(
            connectivity=connectivity,
            queued=queued,
            needs_attention=self._store.needs_attention_count(),
            last_sync=self._last_sync,
            counts=counts,
            oldest_queued_at=self._store.oldest_queued_at(),
            last_error=error,
        )
