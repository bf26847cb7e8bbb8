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


Listener = Callable[[SyncStatus], None]


class StatusHub:
    """Keeps the latest status and tells every subscriber when it changes."""

    def __init__(self, initial: SyncStatus) -> None:
        self.status = initial
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener` on every change (and once now); returns an unsubscribe."""
        self._listeners.append(listener)
        listener(self.status)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

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
