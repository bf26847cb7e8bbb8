"""What the desk window needs from the receiving core, and nothing more.

The window talks to the store, the API client and the sync engine only
through `DeskCore`, so its widgets can be built and tested without them.
The outcome and status types are the sync layer's own
(`concierge_app.sync.outcomes` and `events`), re-exported here so that each
concept has one definition and `sync.desk.Desk` is a `DeskCore` as it is.

Threading: every method is called on the event loop's thread (the Qt main
thread, under qasync). A listener given to `subscribe` may be called from
any thread; the window hands each event over to the Qt thread itself.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from concierge_app.sync.events import Connectivity, SyncStatus
from concierge_app.sync.outcomes import (
    LoginFailed,
    LoginFailure,
    LoginOk,
    LoginOutcome,
    ReceiptNotKept,
    ScanOutcome,
)

if TYPE_CHECKING:
    # Types only: the store, the API client and the shift service (which
    # brings both, and httpx) are imported by the commands that open them,
    # not with the window: the login page shows before they open.
    from concierge_app.store.reports import DayReport, HandoverReceipt
    from concierge_app.sync.shift import ShiftService

# The status is the window's only event: which receipts changed reaches the
# lists through `ShiftService.watch`, and a session that needs a new login is
# `SyncStatus.connectivity is Connectivity.AUTH_NEEDED`.
CoreEvent = SyncStatus


class DeskCore(Protocol):
    """The receiving core as the desk window sees it."""

    async def login(self, username: str, password: str) -> LoginOutcome:
        """Log a user in, online or through the offline verifier."""
        ...

    async def receive(self, text: str) -> ScanOutcome:
        """Read one scan and, when it is a good token, register its receipt.

        Returns only after an accepted receipt is durably in the local store;
        raises `ReceiptNotKept` when the store refused to write it.
        """
        ...

    async def sync_now(self) -> SyncStatus:
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

    async def lock(self) -> None:
        """The desk is locked (audited); the session and the sync go on."""
        ...

    async def unlock(self, password: str) -> LoginOutcome:
        """Unlock for the user at the desk, with their password."""
        ...

    async def switch_user(self, username: str, password: str) -> LoginOutcome:
        """Another person logs in at the locked desk; the queue is kept."""
        ...

    def set_scanner(self, prefix: str, suffix: str) -> None:
        """The characters the scanner sends around each code, from now on."""

    def shift(self) -> ShiftService | None:
        """The lists and the actions on receipts already made, or None for a
        core without them (the desk page then shows the shipment alone)."""
        ...


@runtime_checkable
class ReceiptRecords(Protocol):
    """What the desk prints, from a core that keeps receipts (`sync.desk.Desk`).

    Apart from `DeskCore` so a core for pictures or tests needs none of it;
    the window offers printing only on a core that has it.
    """

    async def handover_receipt(self, fulfillment_id: str) -> HandoverReceipt | None:
        """The handover receipt of a shipment the desk knows, to print."""
        ...

    async def day_report(self, day: date) -> DayReport:
        """Every receipt this workstation made on `day` (its local date)."""
        ...


__all__ = [
    "Connectivity",
    "CoreEvent",
    "DeskCore",
    "LoginFailed",
    "LoginFailure",
    "LoginOk",
    "LoginOutcome",
    "ReceiptNotKept",
    "ReceiptRecords",
    "ScanOutcome",
    "SyncStatus",
]
