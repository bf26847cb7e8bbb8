"""What the desk window needs from the receiving core, and nothing more.

The window talks to the store, the API client and the sync engine only
through `DeskCore`, so its widgets can be built and tested without them and
the real sync layer is adapted to this port in one place. The outcome and
event types are plain frozen dataclasses with no Qt in them, so they can move
down to the sync layer unchanged.

Threading: every method is called on the event loop's thread (the Qt main
thread, under qasync). A listener given to `subscribe` may be called from
any thread; the window hands each event over to the Qt thread itself.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from concierge_app.domain.model import Order
from concierge_app.domain.verdict import Verdict


@dataclass(frozen=True, slots=True)
class LoginOk:
    """A user is logged in at this desk."""

    username: str
    display_name: str
    facility_name: str
    offline: bool = False
    """True when the local verifier unlocked the desk without the server."""


class LoginFailure(enum.StrEnum):
    """Why a login did not go through; the window words each one itself."""

    WRONG_CREDENTIALS = "wrong_credentials"
    LOCKED = "locked"
    OFFLINE_UNAVAILABLE = "offline_unavailable"
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True, slots=True)
class LoginFailed:
    """A refused login; `locked_until` is set for `LoginFailure.LOCKED`."""

    cause: LoginFailure
    locked_until: datetime | None = None
    detail: str = ""


LoginOutcome = LoginOk | LoginFailed


@dataclass(frozen=True, slots=True)
class ScanOutcome:
    """What one scan gave: a verdict, the order to show, or both.

    A scanned token gives a verdict, and the order when the desk knows it.
    A scanned order id gives the order and no verdict.
    """

    verdict: Verdict | None
    order: Order | None = None


class Connectivity(enum.StrEnum):
    """How the desk reaches the partner platform right now."""

    ONLINE = "online"
    OFFLINE = "offline"
    DEGRADED = "degraded"
    AUTH_NEEDED = "auth_needed"


@dataclass(frozen=True, slots=True)
class StatusChanged:
    """The whole status the status bar shows, sent whenever part of it changes.

    A full snapshot rather than a delta, so a listener that missed an event
    is right again at the next one.
    """

    connectivity: Connectivity
    queued: int = 0
    needs_attention: int = 0
    last_sync: datetime | None = None


# TODO: later issues add events here (a receipt changed state, the session
# expired and needs a new login), each as its own dataclass in this union.
CoreEvent = StatusChanged


class DeskCore(Protocol):
    """The receiving core as the desk window sees it."""

    async def login(self, username: str, password: str) -> LoginOutcome:
        """Log a user in, online or through the offline verifier."""
        ...

    async def receive(self, text: str) -> ScanOutcome:
        """Read one scan and, when it is a good token, register its receipt.

        Returns only after an accepted receipt is durably in the local store.
        """
        ...

    async def sync_now(self) -> None:
        """Pull and push at once instead of waiting for the timer."""
        ...

    def subscribe(self, listener: Callable[[CoreEvent], None]) -> Callable[[], None]:
        """Call `listener` with the current status now and on every change.

        Returns the function that ends the subscription.
        """
        ...

    async def logout(self) -> None:
        """End the session; queued receipts stay queued."""
        ...
