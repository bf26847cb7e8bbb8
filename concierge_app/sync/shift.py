"""What a whole shift at the desk needs beyond the scan itself.

The lists (Today, Expected, Needs attention) read the store through
`ShiftService.queries` and learn which rows to reread through `watch`. The
actions on receipts already made live here too: marking a package damaged
with a note (a new version of its receipt, sent again), resolving what needs
attention, and accepting a package released early on a supervisor's
credentials. Each is audited in the store's chain.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass

from concierge_app.api.client import PartnerClient
from concierge_app.api.errors import ApiError, LoginRequired
from concierge_app.domain.model import Condition
from concierge_app.store import (
    NOTE_MAX_LENGTH,
    ListQueries,
    OfflineLoginStatus,
    Store,
    StoredReceipt,
)
from concierge_app.sync.events import ChangeListener, ReceiptsChanged, StatusHub
from concierge_app.sync.outcomes import LoginOk, ScanOutcome
from concierge_app.sync.receiving import Operator, ReceivingService

logger = logging.getLogger(__name__)

SUPERVISOR_ROLE = "supervisor"


class OverrideFailure(enum.StrEnum):
    """Why a supervisor override was refused; each front end words it itself."""

    NOTHING_TO_OVERRIDE = "nothing_to_override"
    NO_NOTE = "no_note"
    WRONG_CREDENTIALS = "wrong_credentials"
    NOT_SUPERVISOR = "not_supervisor"
    LOCKED = "locked"
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True, slots=True)
class OverrideRefused:
    """A supervisor override that was not granted; nothing was received."""

    cause: OverrideFailure
    supervisor: str


OverrideOutcome = ScanOutcome | OverrideRefused


class ShiftService:
    """The lists and the after-scan actions of one desk."""

    def __init__(
        self,
        store: Store,
        client: PartnerClient,
        receiving: ReceivingService,
        hub: StatusHub,
        *,
        operator: Callable[[], LoginOk | None],
        online: Callable[[], bool],
        on_queued: Callable[[], None],
        hasher: concurrent.futures.Executor | None = None,
    ) -> None:
        self._store = store
        # Where an offline supervisor check makes its scrypt hash: never the
        # loop's thread, which paints the window.
        self._hasher = hasher
        self._client = client
        self._receiving = receiving
        self._hub = hub
        self._operator = operator
        self._online = online
        self._on_queued = on_queued
        # The last package refused as released early, with its scan, so the
        # window can ask for an override without ever holding the token.
        self._released_early: tuple[str, str] | None = None

    @property
    def queries(self) -> ListQueries:
        """The list queries (short reads, on the loop's thread)."""
        return self._store.lists

    def watch(self, watcher: ChangeListener) -> Callable[[], None]:
        """Tell `watcher` which receipts and orders changed; returns an unwatch."""
        return self._hub.watch(watcher)

    def announce(self, receipt: StoredReceipt | None) -> None:
        """Tell the watchers this receipt changed."""
        if receipt is None:
            return
        orders = frozenset([receipt.order_id] if receipt.order_id else [])
        self._hub.announce(ReceiptsChanged(frozenset([receipt.receipt_id]), orders))

    def _who(self) -> LoginOk:
        operator = self._operator()
        if operator is None:
            raise PermissionError("nobody is logged in at this desk")
        return operator

    def mark_damaged(self, receipt_id: str, note: str) -> StoredReceipt:
        """The package came damaged: a new version of its receipt, sent again.

        Raises `ReceiptStateError` for a receipt that cannot change any more
        (refused, or lost to another desk) and `InvalidReceipt` for a note
        that is too long.
        """
        who = self._who()
        amended = self._store.amend(
            receipt_id,
            condition=Condition.DAMAGED,
            note=note.strip(),
            actor=who.username,
        )
        logger.info(
            "receipt %s marked damaged (version %d)", receipt_id, amended.version
        )
        self.announce(amended)
        self._on_queued()
        return amended

    def resolve(self, receipt_id: str, note: str) -> StoredReceipt | None:
        """Somebody dealt with a receipt needing attention; `note` says how."""
        who = self._who()
        if not note.strip():
            raise ValueError("a resolution needs a note saying what was done")
        if len(note) > NOTE_MAX_LENGTH:
            raise ValueError(
                f"a resolution note holds at most {NOTE_MAX_LENGTH} characters"
            )
        self._store.resolve(receipt_id, actor=who.username, note=note.strip())
        resolved = self._store.receipt(receipt_id)
        self.announce(resolved)
        self._on_queued()
        return resolved

    def remember_released_early(self, package_id: str | None, text: str) -> None:
        """A scan was refused as released early: keep it for an override."""
        self._released_early = None if package_id is None else (package_id, text)

    def forget(self) -> None:
        """The person at the desk changes: their refused scan is not the next's."""
        self._released_early = None

    @property
    def released_early(self) -> str | None:
        """The package id an override would accept now, if any."""
        return None if self._released_early is None else self._released_early[0]

    async def receive_overridden(
        self, package_id: str, supervisor: str, password: str, note: str
    ) -> OverrideOutcome:
        """Receive the package last refused as released early, on a supervisor's
        credentials.

        The supervisor is checked with the Authentication service when it
        answers, else with the supervisor's own offline verifier; the role
        must be supervisor at this desk's facility. Every attempt is audited,
        granted or not.
        """
        who = self._who()
        supervisor = supervisor.strip()
        remembered = self._released_early
        if remembered is None or remembered[0] != package_id:
            return self._refused(
                who, supervisor, package_id, OverrideFailure.NOTHING_TO_OVERRIDE
            )
        refusal = await self._check_supervisor(who, supervisor, password, note)
        if refusal is not None:
            return self._refused(who, supervisor, package_id, refusal)

        operator = Operator(who.username, who.facility)
        outcome = await self._receiving.receive(
            remembered[1], operator, override_by=supervisor, override_note=note.strip()
        )
        if outcome.receipt_id is not None:
            self._released_early = None
            self.announce(self._store.receipt(outcome.receipt_id))
        return outcome

    def _refused(
        self, who: LoginOk, supervisor: str, package_id: str, refusal: OverrideFailure
    ) -> OverrideRefused:
        # Audited under the supervisor's name: the chain shows every attempt
        # made in it, right or wrong.
        self._store.audit(
            supervisor or "(none)",
            "override_refused",
            package_id,
            {"cause": refusal.value, "received_by": who.username},
        )
        logger.info("override by %s refused: %s", supervisor, refusal.value)
        return OverrideRefused(refusal, supervisor)

    async def _check_supervisor(
        self, who: LoginOk, supervisor: str, password: str, note: str
    ) -> OverrideFailure | None:
        if not note.strip() or len(note) > NOTE_MAX_LENGTH:
            return OverrideFailure.NO_NOTE
        if not supervisor or not password:
            return OverrideFailure.WRONG_CREDENTIALS

        if self._online():
            try:
                user = await self._client.check_credentials(supervisor, password)
            except LoginRequired:
                return OverrideFailure.WRONG_CREDENTIALS
            except ApiError as error:
                logger.info(
                    "supervisor check unavailable online (%s); trying offline",
                    type(error).__name__,
                )
            else:
                if user.role != SUPERVISOR_ROLE or user.facility != who.facility:
                    return OverrideFailure.NOT_SUPERVISOR
                return None

        salt = self._store.unlock_salt(supervisor)
        answer = await asyncio.get_running_loop().run_in_executor(
            self._hasher, salt.hash, password
        )
        checked = self._store.check_offline_login(supervisor, password, answer=answer)
        if checked.status is OfflineLoginStatus.OK:
            if checked.role != SUPERVISOR_ROLE or checked.facility != who.facility:
                return OverrideFailure.NOT_SUPERVISOR
            return None
        if checked.status is OfflineLoginStatus.WRONG:
            return OverrideFailure.WRONG_CREDENTIALS
        if checked.status is OfflineLoginStatus.LOCKED:
            return OverrideFailure.LOCKED
        return OverrideFailure.UNAVAILABLE
