"""Small stand-ins for the ui tests: a desk core, its orders and tokens.

`FakeCore` implements the window's port (`ui.ports.DeskCore`) in memory; it
is the ui's own seam, so widget tests do not need the store or a server.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime

from concierge_app.domain import token as token_scheme
from concierge_app.domain.model import (
    Capture,
    CaptureStatus,
    Facility,
    Fulfillment,
    FulfillmentStatus,
    Order,
    Package,
    ReceiptInfo,
)
from concierge_app.domain.verdict import Verdict, VerdictKind
from concierge_app.ui.ports import (
    Connectivity,
    CoreEvent,
    LoginFailed,
    LoginFailure,
    LoginOk,
    LoginOutcome,
    ReceiptNotKept,
    ScanOutcome,
    SyncStatus,
)
from tests.keyboard import HUMAN_GAP, SCANNER_GAP, FakeClock, scan, type_text

PASSWORD = "correct horse"


def token_for(number: int) -> str:
    """A valid token, different for every number, in its printed groups."""
    payload = f"{number:016d}".replace("0", "A")
    return token_scheme.format_groups(token_scheme.from_payload(payload))


def demo_order(received: tuple[int, ...] = ()) -> Order:
    """An order of one captured fulfillment with three packages."""
    at = datetime(2026, 3, 14, 10, 30, tzinfo=UTC)
    packages = tuple(
        Package(
            package_id=f"P-000001-1-{n}",
            number=n,
            count=3,
            token_digest=token_scheme.digest(token_for(n)),
            receipt=ReceiptInfo(at, "Anna Bianchi", "WS-1") if n in received else None,
        )
        for n in (1, 2, 3)
    )
    capture = Capture(CaptureStatus.CAPTURED, at, 125_000, "EUR", manna_issued=True)
    fulfillment = Fulfillment("F-000001-1", FulfillmentStatus.ACTIVE, capture, packages)
    return Order("1-2603-1-000001", Facility(1, 1), "Ms Rossi", at, (fulfillment,))


def accepted(number: int) -> Verdict:
    """The verdict for package `number` of `demo_order()`."""
    return Verdict(
        kind=VerdictKind.ACCEPTED,
        order_id="1-2603-1-000001",
        recipient="Ms Rossi",
        fulfillment_id="F-000001-1",
        package_id=f"P-000001-1-{number}",
        number=number,
        count=3,
        missing=tuple(n for n in (1, 2, 3) if n != number),
    )


class FakeCore:
    """The desk core in memory; `gate` holds every receive while it is clear."""

    def __init__(self) -> None:
        self.gate = asyncio.Event()
        self.gate.set()
        self.received_at_logout: list[str] | None = None
        """What had been received when the last logout came."""
        self.received: list[str] = []
        self.logins: list[str] = []
        self.syncs = 0
        self.logouts = 0
        self.locks = 0
        self.scanner = ("", "")
        self.outcomes: dict[str, ScanOutcome] = {}
        self.fail_on: set[str] = set()
        self.not_kept: set[str] = set()
        self.after_sync: SyncStatus | None = None
        self.in_flight = 0
        self.most_in_flight = 0
        self._listeners: list[Callable[[CoreEvent], None]] = []
        self.status = SyncStatus(Connectivity.ONLINE, queued=0)

    async def login(self, username: str, password: str) -> LoginOutcome:
        self.logins.append(username)
        await asyncio.sleep(0)
        if username == "locked":
            until = datetime(2026, 3, 14, 11, 45, tzinfo=UTC)
            return LoginFailed(LoginFailure.LOCKED, locked_until=until)
        if password != PASSWORD:
            return LoginFailed(LoginFailure.WRONG_CREDENTIALS)
        return LoginOk(username, "Anna Bianchi", "The Plein Hotel", Facility(1, 1))

    async def receive(self, text: str) -> ScanOutcome:
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            await self.gate.wait()
            await asyncio.sleep(0)
            self.received.append(text)
            if text in self.fail_on:
                raise RuntimeError("the store is on fire")
            if text in self.not_kept:
                raise ReceiptNotKept("The disk is full: nothing of it was saved.")
            return self.outcomes.get(
                text, ScanOutcome(Verdict(kind=VerdictKind.UNKNOWN_TOKEN))
            )
        finally:
            self.in_flight -= 1

    async def sync_now(self) -> SyncStatus:
        self.syncs += 1
        await asyncio.sleep(0)
        if self.after_sync is not None:
            self.publish(self.after_sync)
        return self.status

    async def logout(self) -> None:
        self.logouts += 1
        self.received_at_logout = list(self.received)
        await asyncio.sleep(0)

    async def lock(self) -> None:
        self.locks += 1
        await asyncio.sleep(0)

    async def unlock(self, password: str) -> LoginOutcome:
        return await self.login("anna", password)

    async def switch_user(self, username: str, password: str) -> LoginOutcome:
        return await self.login(username, password)

    def set_scanner(self, prefix: str, suffix: str) -> None:
        self.scanner = (prefix, suffix)

    def shift(self) -> None:
        # The lists need the store; the window's own tests do without them.
        return None

    def subscribe(self, listener: Callable[[CoreEvent], None]) -> Callable[[], None]:
        self._listeners.append(listener)
        listener(self.status)
        return lambda: self._listeners.remove(listener)

    def publish(self, status: SyncStatus) -> None:
        self.status = status
        for listener in list(self._listeners):
            listener(status)

    @property
    def listeners(self) -> int:
        return len(self._listeners)


__all__ = [
    "HUMAN_GAP",
    "PASSWORD",
    "SCANNER_GAP",
    "FakeClock",
    "FakeCore",
    "accepted",
    "demo_order",
    "scan",
    "token_for",
    "type_text",
]
