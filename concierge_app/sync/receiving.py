"""The receiving service: one scanned payload in, one verdict out.

The cache answers first; a token it does not know is verified online when
the desk is online, and received provisionally when it is not, unless it
came on a signed label that the cached label keys show genuine: then it is
accepted as verified (the server still has the final word at sync), unless
the label was issued ahead of this desk's clock (`verdict` says why). An
acceptance is written to the store, with its audit entry, before the
verdict is returned: "accepted" is never shown for a receipt that is not
on disk. When the disk refuses the write, `ReceiptNotKept` says so.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from concierge_app.api.client import PartnerClient
from concierge_app.api.errors import (
    ApiError,
    NotFound,
    ProtocolError,
    WrongFacility,
)
from concierge_app.domain import signed_label
from concierge_app.domain import token as token_scheme
from concierge_app.domain.layouts import LayoutRemap
from concierge_app.domain.model import Facility, Fulfillment, Order, Package
from concierge_app.domain.payload import (
    OrderLookup,
    TokenScan,
    Unreadable,
    parse_scan,
)
from concierge_app.domain.phrases import Phrase
from concierge_app.domain.signed_label import LabelCheck
from concierge_app.domain.verdict import Known, Verdict, VerdictKind, decide
from concierge_app.store import ReceiptDraft, Store, StoreError

# Defined with the outcomes, so the window can name it without the client.
from concierge_app.sync.outcomes import ReceiptNotKept, ScanOutcome

logger = logging.getLogger(__name__)

VERIFY_TIMEOUT = 3.0
"""The longest a desk waits on the network for a token the cache lacks."""

REPEAT_WINDOW = 120.0
"""A second scan of the same package within this many seconds is a repeat."""


@dataclass(frozen=True, slots=True)
class Operator:
    """Who is scanning, at which facility."""

    username: str
    facility: Facility


class ReceivingService:
    """Turns scans into verdicts and durable receipts."""

    def __init__(
        self,
        store: Store,
        client: PartnerClient,
        *,
        online: Callable[[], bool],
        on_queued: Callable[[], None],
        prefix: str = "",
        suffix: str = "",
        verify_timeout: float = VERIFY_TIMEOUT,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._store = store
        self._client = client
        self._online = online
        self._on_queued = on_queued
        self.prefix = prefix
        self.suffix = suffix
        self._verify_timeout = verify_timeout
        self._clock = clock
        self._now = now
        self._last_scan: tuple[str, float] | None = None
        self._hinted: set[str] = set()

    async def receive(
        self,
        text: str,
        operator: Operator,
        *,
        override_by: str | None = None,
        override_note: str | None = None,
    ) -> ScanOutcome:
        """Read one scan; an acceptance returns only after it is committed.

        `override_by` names a supervisor whose credentials the caller has
        checked, with `override_note` saying why the package may come in.
        """
        scan = parse_scan(text, prefix=self.prefix, suffix=self.suffix)
        if isinstance(scan, Unreadable):
            return ScanOutcome(
                Verdict(kind=VerdictKind.UNREADABLE, reason=scan.message)
            )
        if isinstance(scan, OrderLookup):
            return await self._open_order(str(scan.order_id))

        scan, check = self._read_label(scan)
        known, order = await self._what_is_known(scan, operator, override_by, check)
        verdict = self._with_hint(decide(known), scan.layout)
        receipt_id = None
        if verdict.is_acceptance:
            receipt_id = self._keep(
                scan.token, verdict, operator, override_by, override_note
            )
        elif verdict.kind is VerdictKind.WRONG_FACILITY:
            self._audit_refusal(scan.token, verdict, operator)
        self._last_scan = (token_scheme.digest(scan.token), self._clock())
        logger.info(
            "scan %s: %s%s",
            token_scheme.log_ref(scan.token),
            verdict.kind,
            f" (receipt {receipt_id})" if receipt_id else "",
        )
        return ScanOutcome(verdict, order, receipt_id)

    def _read_label(self, scan: TokenScan) -> tuple[TokenScan, LabelCheck | None]:
        # Of the readings a keyboard layout allows, the one the platform
        # signed is the one the scanner meant.
        if scan.label is None:
            return scan, None
        keys = self._store.label_keys()
        checked = []
        for reading in (scan, *scan.other_readings):
            if reading.label is None:
                continue
            check = signed_label.check(reading.label, keys)
            if check is LabelCheck.GENUINE:
                return reading, check
            checked.append((reading, check))
        logger.info(
            "signed label %s: %s", token_scheme.log_ref(scan.token), checked[0][1]
        )
        return checked[0]

    async def _what_is_known(
        self,
        scan: TokenScan,
        operator: Operator,
        override_by: str | None,
        check: LabelCheck | None,
    ) -> tuple[Known, Order | None]:
        digest = token_scheme.digest(scan.token)
        found = self._store.find_package(digest)
        online = self._online()

        # A forged label is refused without asking anyone about its token.
        if found is None and online and check is not LabelCheck.BAD_SIGNATURE:
            verified = await self._verify(scan.token, operator)
            if isinstance(verified, Known):
                return replace(verified, label=scan.label, label_check=check), None
            if verified is None:
                online = False
            found = verified

        if found is None:
            local = self._store.local_receipt_for(digest) if scan.label else None
            unseen = Known(
                facility=operator.facility,
                online=online,
                received_locally=local.as_info() if local is not None else None,
                repeat=local is not None and self._is_repeat(digest),
                label=scan.label,
                label_check=check,
                now=self._now(),
            )
            if scan.label is not None and check is LabelCheck.GENUINE:
                ahead = signed_label.issued_ahead(scan.label, self._now())
                if ahead is not None:
                    logger.warning(
                        "signed label %s issued %s ahead of this desk's clock",
                        token_scheme.log_ref(scan.token),
                        ahead,
                    )
            return unseen, None

        order, fulfillment, package = found
        local = self._store.local_receipt_for(digest)
        known = Known(
            facility=operator.facility,
            online=online,
            order=order,
            fulfillment=fulfillment,
            package=package,
            received_locally=local.as_info() if local is not None else None,
            repeat=local is not None and self._is_repeat(digest),
            supervisor_override=override_by is not None,
            label=scan.label,
            label_check=check,
        )
        return known, order

    async def _verify(
        self, token: str, operator: Operator
    ) -> Known | tuple[Order, Fulfillment, Package] | None:
        # None means "could not ask": the caller treats it as offline.
        try:
            async with asyncio.timeout(self._verify_timeout):
                verification = await self._client.verify(token)
        except NotFound:
            return Known(facility=operator.facility, online=True)
        except WrongFacility:
            return Known(
                facility=operator.facility,
                online=True,
                server_refusal=VerdictKind.WRONG_FACILITY,
            )
        except (TimeoutError, ApiError) as error:
            if isinstance(error, ProtocolError):
                logger.warning("verify answer off the contract: %s", error)
            else:
                logger.info(
                    "verify unavailable (%s); receiving offline", type(error).__name__
                )
            return None

        self._store.upsert_orders([verification.order])
        found = verification.order.find_package(token_scheme.digest(token))
        if found is None:
            logger.warning("verify answer names no package with this token")
            return None
        fulfillment, package = found
        return verification.order, fulfillment, package

    def _audit_refusal(self, token: str, verdict: Verdict, operator: Operator) -> None:
        # Goods of another facility at this desk are a security matter: who
        # scanned which package (by digest, never the token) is on record.
        try:
            self._store.audit(
                operator.username,
                "scan_refused",
                verdict.package_id or token_scheme.digest(token),
                {
                    "verdict": verdict.kind.value,
                    "token_sha256": token_scheme.digest(token),
                },
            )
        except StoreError as error:
            logger.error("could not audit the refused scan: %s", error)

    def _is_repeat(self, digest: str) -> bool:
        last = self._last_scan
        return (
            last is not None
            and last[0] == digest
            and (self._clock() - last[1] <= REPEAT_WINDOW)
        )

    def _with_hint(self, verdict: Verdict, layout: LayoutRemap | None) -> Verdict:
        # The layout hint is said once per layout, not on every scan.
        if layout is None or layout.name in self._hinted:
            return verdict
        self._hinted.add(layout.name)
        logger.info("scan repaired from the %s keyboard layout", layout.name)
        return replace(verdict, layout_hint=layout.hint)

    def _keep(
        self,
        token: str,
        verdict: Verdict,
        operator: Operator,
        override_by: str | None,
        override_note: str | None,
    ) -> str:
        receipt_id = str(uuid.uuid4())
        draft = ReceiptDraft(
            receipt_id=receipt_id,
            token_sha256=token_scheme.digest(token),
            proof=token_scheme.receipt_proof(token, receipt_id),
            package_id=verdict.package_id,
            order_id=verdict.order_id,
            received_by=operator.username,
            received_at=self._now(),
            override_by=override_by if verdict.overridden else None,
            override_note=override_note if verdict.overridden else None,
            provisional=verdict.kind is VerdictKind.ACCEPTED_PROVISIONAL,
        )
        try:
            self._store.receive(draft)
        except StoreError as error:
            logger.error("receipt NOT kept: %s", error)
            raise ReceiptNotKept(str(error)) from error
        self._on_queued()
        return receipt_id

    async def _open_order(self, order_id: str) -> ScanOutcome:
        order = self._store.get_order(order_id)
        if order is None and self._online():
            try:
                async with asyncio.timeout(self._verify_timeout):
                    order = await self._client.get_order(order_id)
            except (TimeoutError, ApiError) as error:
                logger.info("order lookup failed: %s", type(error).__name__)
            else:
                self._store.upsert_orders([order])
        if order is None:
            return ScanOutcome(
                Verdict(
                    kind=VerdictKind.UNREADABLE,
                    reason=Phrase("order.not_expected", order=order_id),
                )
            )
        return ScanOutcome(None, order)
