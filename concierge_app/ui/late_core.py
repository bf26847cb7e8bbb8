"""A receiving core that is still opening, so the window can show before it.

The login page needs nothing of the core until somebody presses Enter, so
the desk shows its window first and opens the store, the API client and the
sync engine on the next turns of the loop. Meanwhile the window talks to a
`LateCore`: a call made before the real core is attached waits for it (a
login typed early is kept, never dropped), and a subscription made early is
passed on to the real core when it comes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from concierge_app.ui.ports import (
    CoreEvent,
    DeskCore,
    LoginOutcome,
    ReceiptRecords,
    ScanOutcome,
    SyncStatus,
)

if TYPE_CHECKING:
    from concierge_app.store.reports import DayReport, HandoverReceipt
    from concierge_app.sync.shift import ShiftService

Listener = Callable[[CoreEvent], None]


class LateCore:
    """A `DeskCore` whose calls wait until `attach` gives it the real core."""

    def __init__(self) -> None:
        self._core: DeskCore | None = None
        self._attached = asyncio.Event()
        self._waiting: list[Listener] = []
        self._unsubscribers: dict[int, Callable[[], None]] = {}
        self._scanner: tuple[str, str] | None = None

    @property
    def core(self) -> DeskCore | None:
        """The real core, or None while it is still opening."""
        return self._core

    def attach(self, core: DeskCore) -> None:
        """The real core is open: pass on early subscriptions, release waiting calls."""
        if self._core is not None:
            raise RuntimeError("a core is already attached")
        self._core = core
        if self._scanner is not None:
            core.set_scanner(*self._scanner)
        waiting, self._waiting = self._waiting, []
        for listener in waiting:
            self._unsubscribers[id(listener)] = core.subscribe(listener)
        self._attached.set()

    async def _ready(self) -> DeskCore:
        await self._attached.wait()
        if self._core is None:
            raise RuntimeError("the core was attached as None")
        return self._core

    async def login(self, username: str, password: str) -> LoginOutcome:
        """Log in once the core is open."""
        core = await self._ready()
        return await core.login(username, password)

    async def receive(self, text: str) -> ScanOutcome:
        """Receive one scan once the core is open."""
        core = await self._ready()
        return await core.receive(text)

    async def sync_now(self) -> SyncStatus:
        """Sync once the core is open."""
        core = await self._ready()
        return await core.sync_now()

    async def logout(self) -> None:
        """Log out once the core is open."""
        core = await self._ready()
        await core.logout()

    async def lock(self) -> None:
        """Lock once the core is open."""
        core = await self._ready()
        await core.lock()

    async def unlock(self, password: str) -> LoginOutcome:
        """Unlock once the core is open."""
        core = await self._ready()
        return await core.unlock(password)

    async def switch_user(self, username: str, password: str) -> LoginOutcome:
        """Switch user once the core is open."""
        core = await self._ready()
        return await core.switch_user(username, password)

    def set_scanner(self, prefix: str, suffix: str) -> None:
        """Pass the scanner's prefix and suffix on now, or when the core comes."""
        self._scanner = (prefix, suffix)
        if self._core is not None:
            self._core.set_scanner(prefix, suffix)

    def shift(self) -> ShiftService | None:
        """The real core's lists and receipt actions; None while it is opening."""
        return None if self._core is None else self._core.shift()

    async def handover_receipt(self, fulfillment_id: str) -> HandoverReceipt | None:
        """A shipment's handover receipt once the core is open."""
        return await (await self._records()).handover_receipt(fulfillment_id)

    async def day_report(self, day: date) -> DayReport:
        """A day's receipts once the core is open."""
        return await (await self._records()).day_report(day)

    async def _records(self) -> ReceiptRecords:
        core = await self._ready()
        if not isinstance(core, ReceiptRecords):
            raise RuntimeError("the attached core keeps no receipts to print")
        return core

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Subscribe now, or as soon as the core is attached."""
        if self._core is not None:
            return self._core.subscribe(listener)
        self._waiting.append(listener)

        def unsubscribe() -> None:
            if listener in self._waiting:
                self._waiting.remove(listener)
            passed_on = self._unsubscribers.pop(id(listener), None)
            if passed_on is not None:
                passed_on()

        return unsubscribe
