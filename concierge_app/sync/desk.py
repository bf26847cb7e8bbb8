"""The desk: one workstation's receiving core, as the window and CLI use it.

It owns the store, the partner API client, the sync engine and the
receiving service, and knows who is logged in. Login is online when the
platform answers and through the local verifier when it does not; either
way every queued receipt stays queued across logins, logouts and restarts.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import functools
import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from concierge_app.api.client import PartnerClient
from concierge_app.api.errors import ApiError, LoginRequired
from concierge_app.api.vault import ThreadedVault, TokenVault, default_vault
from concierge_app.domain.model import Facility
from concierge_app.domain.verdict import VerdictKind
from concierge_app.store import (
    OfflineLoginStatus,
    Store,
    StoreError,
    prepare_verifier,
)
from concierge_app.store.reports import DayReport, HandoverReceipt
from concierge_app.sync.engine import SyncEngine
from concierge_app.sync.events import Connectivity, SyncStatus
from concierge_app.sync.options import VERIFIER_TTL, DeskOptions
from concierge_app.sync.outcomes import (
    LoginFailed,
    LoginFailure,
    LoginOk,
    LoginOutcome,
    ScanOutcome,
)
from concierge_app.sync.receiving import Operator, ReceivingService
from concierge_app.sync.shift import ShiftService

logger = logging.getLogger(__name__)

__all__ = ["VERIFIER_TTL", "Desk", "DeskOptions"]


class Desk:
    """The receiving core of one workstation."""

    def __init__(
        self,
        store: Store,
        client: PartnerClient,
        vault: TokenVault,
        options: DeskOptions | None = None,
    ) -> None:
        self.options = options or DeskOptions()
        self.store = store
        self.client = client
        self._vault = vault
        self.operator: LoginOk | None = None
        self.engine = SyncEngine(
            store,
            client,
            pull_interval=self.options.pull_interval,
            batch_size=self.options.batch_size,
            resume=self._resume,
        )
        self.receiving = ReceivingService(
            store,
            client,
            online=lambda: self.engine.connectivity is Connectivity.ONLINE,
            on_queued=self._on_queued,
            prefix=self.options.scanner_prefix,
            suffix=self.options.scanner_suffix,
        )
        self._engine_task: asyncio.Task[None] | None = None
        # Its own thread, not the loop's default executor: under qasync that
        # is a pool of QThreads, which Qt complains about if left running.
        self._hasher = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="verifier-hash"
        )
        self.shift_service = ShiftService(
            store,
            client,
            self.receiving,
            self.engine.hub,
            operator=lambda: self.operator,
            online=lambda: self.engine.connectivity is Connectivity.ONLINE,
            on_queued=self._on_queued,
            hasher=self._hasher,
        )

    @classmethod
    def open(
        cls,
        data_dir: Path,
        api_url: str,
        *,
        ca_bundle: Path | None = None,
        options: DeskOptions | None = None,
        vault: TokenVault | None = None,
        recover: bool = False,
    ) -> Desk:
        """Open the workstation's store and a client for `api_url`.

        Raises the store's errors (locked, damaged) for the caller to word;
        with `recover`, a damaged store is moved aside for a fresh one and
        `desk.store.recovery` says so.
        """
        store = Store.open(data_dir, recover=recover)
        requeued = store.requeue_in_flight()
        if requeued:
            # Sent but unanswered at the last stop: the receipt id makes the
            # resend harmless.
            logger.info("requeued %d receipts in flight at the last stop", requeued)
        kept = vault or ThreadedVault(
            functools.partial(default_vault, store.workstation_id)
        )
        desks: list[Desk] = []
        client = PartnerClient(
            api_url,
            workstation_id=store.workstation_id,
            ca_bundle=ca_bundle,
            on_session=lambda session: kept.put(
                session.user.username, session.refresh_token
            ),
            on_login_lost=lambda: desks[0]._session_lost() if desks else None,
        )
        desks.append(cls(store, client, kept, options))
        return desks[0]

    def start(self) -> None:
        """Start the sync loop on the running event loop (once)."""
        if self._engine_task is None:
            self._engine_task = asyncio.get_running_loop().create_task(
                self.engine.run(), name="sync-engine"
            )

    async def aclose(self) -> None:
        """Stop the loop, close the client inside the running loop, close the store."""
        self.engine.stop()
        if self._engine_task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._engine_task
            self._engine_task = None
        await self.client.aclose()
        self._hasher.shutdown(wait=False, cancel_futures=True)
        if isinstance(self._vault, ThreadedVault):
            # A refresh token still being written is kept, not dropped.
            await self._vault.aclose()
        self.store.close()

    def subscribe(self, listener: Callable[[SyncStatus], None]) -> Callable[[], None]:
        """Status snapshots now and on every change."""
        return self.engine.hub.subscribe(listener)

    async def login(
        self, username: str, password: str, *, facility: Facility | None = None
    ) -> LoginOutcome:
        """Log in online, or unlock offline when the platform cannot be reached.

        With `facility`, a user of another facility is refused before the
        session changes (`LoginFailure.OTHER_FACILITY`).
        """
        # The verifier's scrypt hash is made in a worker thread while the
        # login is on the wire, not on the loop's (the ui's) thread after it;
        # the store itself is only used here, on the loop's thread.
        hashing = asyncio.get_running_loop().run_in_executor(
            self._hasher, prepare_verifier, password
        )
        try:
            if facility is not None:
                # Asked first, one sign-in more: the session, the vault and
                # the verifiers stay as they are for a user who may not take
                # this desk.
                found = await self.client.check_credentials(username, password)
                if found.facility != facility:
                    hashing.cancel()
                    return LoginFailed(
                        LoginFailure.OTHER_FACILITY,
                        facility_name=found.facility_name,
                    )
            user = await self.client.login(username, password)
        except LoginRequired as error:
            # Refused: the hash is not needed (its thread ends on its own).
            hashing.cancel()
            self.store.audit(
                username, "login_failed", username, {"cause": error.problem.name}
            )
            return LoginFailed(
                LoginFailure.WRONG_CREDENTIALS, detail=error.problem.detail
            )
        except ApiError as error:
            hashing.cancel()
            logger.info(
                "online login unavailable (%s); trying offline unlock",
                type(error).__name__,
            )
            return await self._unlock_offline(username, password, facility)
        except BaseException:
            hashing.cancel()
            raise

        prepared = await hashing
        self.store.save_verifier(
            username,
            password,
            display_name=user.display_name,
            role=user.role,
            facility=user.facility,
            facility_name=user.facility_name,
            ttl=self.options.verifier_ttl,
            prepared=prepared,
        )
        self.store.audit(username, "login", username, {"mode": "online"})
        self.operator = LoginOk(
            username=user.username,
            display_name=user.display_name,
            facility_name=user.facility_name,
            facility=user.facility,
            role=user.role,
        )
        logger.info("%s logged in online", username)
        self.engine.poke(pull=True)
        if isinstance(self._vault, ThreadedVault):
            # Now, not while the login was running: choosing the keyring
            # holds the interpreter for tens of milliseconds.
            self._vault.start()
        return self.operator

    async def _unlock_offline(
        self, username: str, password: str, facility: Facility | None = None
    ) -> LoginOutcome:
        # The scrypt hash in the worker thread, the store on the loop's: the
        # window keeps painting while the password is checked.
        salt = self.store.unlock_salt(username)
        answer = await asyncio.get_running_loop().run_in_executor(
            self._hasher, salt.hash, password
        )
        result = self.store.check_offline_login(username, password, answer=answer)
        if (
            result.status is OfflineLoginStatus.OK
            and facility is not None
            and result.facility != facility
        ):
            return LoginFailed(
                LoginFailure.OTHER_FACILITY, facility_name=result.facility_name or ""
            )
        if result.status is OfflineLoginStatus.OK and result.facility is not None:
            self.operator = LoginOk(
                username=username,
                display_name=result.display_name or username,
                facility_name=result.facility_name or f"facility {result.facility}",
                facility=result.facility,
                role=result.role or "concierge",
                offline=True,
            )
            logger.info("%s unlocked offline", username)
            self.engine.poke()
            return self.operator
        if result.status is OfflineLoginStatus.LOCKED:
            return LoginFailed(LoginFailure.LOCKED, locked_until=result.locked_until)
        if result.status is OfflineLoginStatus.WRONG:
            return LoginFailed(LoginFailure.WRONG_CREDENTIALS)
        return LoginFailed(LoginFailure.OFFLINE_UNAVAILABLE)

    async def logout(self) -> None:
        """End the session; the queue stays and keeps its attribution."""
        if self.operator is not None:
            self.store.audit(
                self.operator.username, "logout", self.operator.username, {}
            )
            logger.info("%s logged out", self.operator.username)
        self.operator = None
        self.shift_service.forget()

    async def lock(self) -> None:
        """The desk is locked; the session and the sync loop go on meanwhile."""
        if self.operator is not None:
            self.store.audit(self.operator.username, "lock", self.operator.username, {})
            logger.info("the desk is locked for %s", self.operator.username)

    async def unlock(self, password: str) -> LoginOutcome:
        """Unlock for the user at the desk, checking the password as a login does."""
        if self.operator is None:
            raise PermissionError("nobody is logged in at this desk")
        username = self.operator.username
        outcome = await self.login(username, password)
        if isinstance(outcome, LoginFailed):
            self.store.audit(
                username, "unlock_failed", username, {"cause": outcome.cause.value}
            )
        else:
            self.store.audit(username, "unlock", username, {})
        return outcome

    async def switch_user(self, username: str, password: str) -> LoginOutcome:
        """Another person takes the locked desk; every queued receipt stays theirs.

        Receipts carry who scanned them (received_by), so a queued receipt is
        sent as its scanner's whoever holds the session when it goes out.
        """
        if self.operator is None:
            raise PermissionError("nobody is logged in at this desk")
        previous = self.operator.username
        # Only a user of this desk's facility: the receipts queued here are
        # this facility's, and the server would refuse them to anyone else.
        outcome = await self.login(username, password, facility=self.operator.facility)
        if isinstance(outcome, LoginOk):
            self.store.audit(username, "switch_user", username, {"from": previous})
        else:
            details = {"cause": outcome.cause.value}
            if outcome.facility_name:
                details["facility"] = outcome.facility_name
            self.store.audit(previous, "switch_user_failed", username, details)
        return outcome

    def set_scanner(self, prefix: str, suffix: str) -> None:
        """The characters the scanner sends around each code, from now on."""
        self.receiving.prefix = prefix
        self.receiving.suffix = suffix

    async def receive(self, text: str) -> ScanOutcome:
        """One scan by the logged-in user (an override goes through `shift()`)."""
        if self.operator is None:
            raise PermissionError("nobody is logged in at this desk")
        operator = Operator(self.operator.username, self.operator.facility)
        outcome = await self.receiving.receive(text, operator)
        if outcome.receipt_id is not None:
            self.shift_service.announce(self.store.receipt(outcome.receipt_id))
        verdict = outcome.verdict
        if verdict is not None and verdict.kind is VerdictKind.RELEASED_EARLY:
            self.shift_service.remember_released_early(verdict.package_id, text)
        return outcome

    def shift(self) -> ShiftService:
        """The lists and the actions on receipts already made."""
        return self.shift_service

    async def sync_now(self) -> SyncStatus:
        """Pull and push now."""
        return await self.engine.sync_now()

    async def handover_receipt(self, fulfillment_id: str) -> HandoverReceipt | None:
        """The handover receipt of a cached shipment (a short store read)."""
        return self.store.handover(fulfillment_id)

    async def day_report(self, day: date) -> DayReport:
        """Every receipt made here on `day`, this computer's local date."""
        return self.store.day_report(day)

    def _session_lost(self) -> None:
        # The platform refused the session (refresh token or user revoked):
        # on record, as the refused password login is.
        who = self.operator.username if self.operator else "unknown"
        try:
            self.store.audit(who, "session_lost", who, {"cause": "refresh refused"})
        except StoreError as error:
            logger.error("could not audit the refused session: %s", error)

    def _on_queued(self) -> None:
        self.engine.refresh_status()
        self.engine.poke()

    async def _resume(self) -> bool:
        # After an offline unlock the engine has no session: a refresh token
        # kept from an earlier online login gets one without the password.
        if self.operator is None:
            return False
        username = self.operator.username
        if isinstance(self._vault, ThreadedVault):
            # Awaited: the keyring is a D-Bus round trip, and this is the
            # ui's thread.
            kept = await self._vault.aget(username)
        else:
            kept = self._vault.get(username)
        if kept is None or self.operator is None or self.operator.username != username:
            # Nothing kept, or the person left the desk while the vault answered.
            return False
        try:
            await self.client.resume(kept)
        except LoginRequired:
            self._vault.delete(username)
            return False
        logger.info("session resumed for %s", username)
        return True
