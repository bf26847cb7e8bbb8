"""Push: queued receipts to the platform in batches, oldest first.

Every result the contract defines is applied to the store exactly as it
says. Resending is always safe (the receipt id is the idempotency key), so
any failure simply puts the batch back in the queue. A batch the server
refuses whole is split until the item at fault stands alone, and that item
is refused into "needs attention" rather than retried forever.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from concierge_app.api.client import PartnerClient
from concierge_app.api.errors import BatchTooLarge, RequestRefused
from concierge_app.api.problems import Problem
from concierge_app.api.receipts import MAX_BATCH, ReceiptItem
from concierge_app.domain.model import ResultStatus
from concierge_app.store import Problem as StoredProblem
from concierge_app.store import (
    ReceiptOutcome,
    Store,
    StoredReceipt,
)
from concierge_app.sync.events import ReceiptsChanged

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class PushResult:
    """What one push round did."""

    sent: int = 0
    registered: int = 0
    already_received: int = 0
    refused: int = 0
    in_progress: int = 0

    def add(self, other: PushResult) -> None:
        """Count another round's results into this one."""
        self.sent += other.sent
        self.registered += other.registered
        self.already_received += other.already_received
        self.refused += other.refused
        self.in_progress += other.in_progress


def item_for(receipt: StoredReceipt) -> ReceiptItem:
    """The wire item for one stored receipt, at its current version."""
    return ReceiptItem(
        receipt_id=receipt.receipt_id,
        version=receipt.version,
        token_sha256=receipt.token_sha256,
        proof=receipt.proof,
        received_at=receipt.received_at,
        received_by=receipt.received_by,
        workstation_id=receipt.workstation_id,
        condition=receipt.condition,
        note=receipt.note,
        override_by=receipt.override_by,
        override_note=receipt.override_note,
    )


class Pusher:
    """Sends the queue; keeps the batch size the server and budget allow."""

    def __init__(
        self,
        client: PartnerClient,
        store: Store,
        *,
        batch_size: int = 50,
        on_progress: Callable[[], None] = lambda: None,
        on_changed: Callable[[ReceiptsChanged], None] = lambda _change: None,
    ):
        self._client = client
        self._store = store
        self._on_progress = on_progress
        self._on_changed = on_changed
        self.batch_size = max(1, min(batch_size, MAX_BATCH))

    async def push_all(self) -> PushResult:
        """Send batches until the queue is empty or a batch is told to wait."""
        total = PushResult()
        while True:
            batch = self._store.next_batch(self._limit())
            if not batch:
                return total
            result = await self.push_batch(batch)
            total.add(result)
            if result.in_progress:
                # The server is still working on some of these ids: give it
                # time rather than spinning on them.
                return total

    def _limit(self) -> int:
        entities = self._client.budget.max_entities()
        return max(1, min(self.batch_size, entities or self.batch_size))

    async def push_batch(self, batch: list[StoredReceipt]) -> PushResult:
        """Send one batch and apply its results; any failure requeues it."""
        change = ReceiptsChanged(
            frozenset(r.receipt_id for r in batch),
            frozenset(r.order_id for r in batch if r.order_id is not None),
        )
        self._store.mark_sent([(r.receipt_id, r.version) for r in batch])
        self._on_changed(change)
        try:
            return await self._send(batch)
        finally:
            # Sent, answered or queued again: the lists reread these rows.
            self._on_changed(change)

    async def _send(self, batch: list[StoredReceipt]) -> PushResult:
        try:
            results = await self._client.submit_receipts([item_for(r) for r in batch])
        except BatchTooLarge:
            self._store.requeue_in_flight()
            self.batch_size = max(1, len(batch) // 2)
            logger.warning("batch too large; now sending %d at a time", self.batch_size)
            return PushResult()
        except RequestRefused as error:
            self._store.requeue_in_flight()
            return await self._isolate(batch, error)
        except BaseException:
            self._store.requeue_in_flight()
            raise

        self._on_progress()
        outcome = PushResult(sent=len(batch))
        for result in results:
            self._store.apply_result(
                result.receipt_id,
                result.version,
                ReceiptOutcome(
                    status=result.status,
                    problem=_stored(result.problem),
                    winner=result.winner,
                ),
            )
            if result.status in (ResultStatus.REGISTERED, ResultStatus.REPLAYED):
                outcome.registered += 1
            elif result.status is ResultStatus.ALREADY_RECEIVED:
                outcome.already_received += 1
            elif result.status is ResultStatus.REFUSED:
                outcome.refused += 1
            else:
                outcome.in_progress += 1
        logger.info(
            "push: %d sent, %d registered, %d already received, %d refused, %d waiting",
            outcome.sent,
            outcome.registered,
            outcome.already_received,
            outcome.refused,
            outcome.in_progress,
        )
        return outcome

    async def _isolate(
        self, batch: list[StoredReceipt], error: RequestRefused
    ) -> PushResult:
        if len(batch) == 1:
            (receipt,) = batch
            logger.warning(
                "receipt %s refused as malformed: %s",
                receipt.receipt_id,
                error.problem.name,
            )
            self._store.mark_sent([(receipt.receipt_id, receipt.version)])
            self._store.apply_result(
                receipt.receipt_id,
                receipt.version,
                ReceiptOutcome(
                    status=ResultStatus.REFUSED, problem=_stored(error.problem)
                ),
            )
            return PushResult(sent=1, refused=1)

        middle = len(batch) // 2
        result = await self.push_batch(batch[:middle])
        result.add(await self.push_batch(batch[middle:]))
        return result


def _stored(problem: Problem | None) -> StoredProblem | None:
    if problem is None:
        return None
    return StoredProblem(type=problem.type, title=problem.title, detail=problem.detail)
