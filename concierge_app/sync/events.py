"""What the sync layer tells its observers, as plain Python events.

The UI subscribes and turns these into widgets; the command line prints
them. Nothing here knows of Qt: a listener is any callable.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from concierge_app.domain.model import ReceiptState

logger = logging.getLogger(__name__)


class Connectivity(enum.StrEnum):
    """How the desk stands with the partner platform."""

    ONLINE = "online"
    DEGRADED = "degraded"
    OFFLINE = "offline"
    AUTH_NEEDED = "auth_needed"


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """The whole sync state, published as a full snapshot after every change.

    A snapshot rather than a delta, so a listener that missed one is right
    again at the next.
    """

    connectivity: Connectivity
    queued: int = 0
    needs_attention: int = 0
    last_sync: datetime | None = None
    counts: dict[ReceiptState, int] = field(default_factory=dict)
    oldest_queued_at: datetime | None = None
    last_error: str = ""


@dataclass(frozen=True, slots=True)
class ReceiptsChanged:
    """These receipts, or the cached packages of these orders, have changed.

    Told after a scan, an amendment, a resolution, each pushed batch and
    each pulled page, so a list rereads only the rows it holds of them.
    """

    receipt_ids: frozenset[str] = frozenset()
    order_ids: frozenset[str] = frozenset()


Listener = Callable[[SyncStatus], None]
ChangeListener = Callable[[ReceiptsChanged], None]


class StatusHub:
    """Keeps the latest status and tells every subscriber when it changes."""

    def __init__(self, initial: SyncStatus) -> None:
        self.status = initial
        self._listeners: list[Listener] = []
        self._watchers: list[ChangeListener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener` on every change (and once now); returns an unsubscribe."""
        self._listeners.append(listener)
        listener(self.status)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def watch(self, watcher: ChangeListener) -> Callable[[], None]:
        """Call `watcher` with every `ReceiptsChanged`; returns an unsubscribe.

        Apart from `subscribe`, so a status listener never meets a change.
        """
        self._watchers.append(watcher)

        def unwatch() -> None:
            if watcher in self._watchers:
                self._watchers.remove(watcher)

        return unwatch

    def announce(self, change: ReceiptsChanged) -> None:
        """Tell every watcher what changed (nothing is told for no change)."""
        if not (change.receipt_ids or change.order_ids):
            return
        for watcher in list(self._watchers):
            try:
                watcher(change)
            except Exception:
                logger.exception("a receipt change watcher failed")

    def publish(self, status: SyncStatus) -> None:
        """Replace the status and tell every listener; a failing one is logged."""
        if status.connectivity is not self.status.connectivity:
            logger.info(
                "connectivity %s -> %s", self.status.connectivity, status.connectivity
            )
        self.status = status
        for listener in list(self._listeners):
            try:
                listener(status)
            except Exception:
                # A broken observer must not stop the sync loop or the others.
                logger.exception("a sync status listener failed")
