"""The receipt outbox: every accepted scan, until the server has confirmed it.

A receipt moves queued → sent → registered (or already_received, or
refused). Each change and its audit entry commit together. The version
grows with each amendment, and a receipt counts as registered only once the
server has confirmed its current version; an answer for an older version
leaves the newer one queued.

TODO: receipts are kept forever; once a retention period is agreed, confirmed
and resolved receipts older than it should be purged (the audit log stays).
"""

# Queries are put together from this module's own constant fragments, never
# from input; every value travels as a parameter.
# ruff: noqa: S608

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from concierge_app.domain.model import (
    Condition,
    ReceiptInfo,
    ReceiptState,
    ResultStatus,
)
from concierge_app.store import audit
from concierge_app.store.connection import transaction
from concierge_app.store.errors import (
    DuplicateReceipt,
    ReceiptStateError,
    UnknownReceipt,
)
from concierge_app.store.records import (
    ReceiptDraft,
    ReceiptOutcome,
    StoredReceipt,
    validate_note,
)
from concierge_app.store.timestamps import from_text, optional_time, to_text

logger = logging.getLogger(__name__)

SYSTEM_ACTOR = "system"
SERVER_ACTOR = "server"

_COLUMNS = (
    "receipt_id, version, token_sha256, proof, package_id, order_id, state,"
    " provisional, attempts, last_error, problem_type, sent_version,"
    " confirmed_version, received_at, received_by, workstation_id, condition, note,"
    " override_by, created_at, updated_at, winner_received_at, winner_received_by,"
    " winner_workstation_id, resolved_at, resolved_by, resolution_note,"
    " override_note"
)
_SELECT = f"SELECT {_COLUMNS} FROM receipts"
_LIVE = "state <> 'refused'"
_ATTENTION = (
    "resolved_at IS NULL AND (state IN ('refused', 'already_received')"
    " OR (provisional = 1 AND confirmed_version IS NULL))"
)
_UNDELIVERED = "state IN ('queued', 'sent')"


def _from_row(row: tuple[Any, ...]) -> StoredReceipt:
    (
        receipt_id, version, token_sha256, proof, package_id, order_id, state,
        provisional, attempts, last_error, problem_type, sent_version,
        confirmed_version, received_at, received_by, workstation_id, condition, note,
        override_by, created_at, updated_at, winner_at, winner_by, winner_workstation,
        resolved_at, resolved_by, resolution_note, override_note,
    ) = row  # fmt: skip
    winner = None
    if winner_at is not None:
        winner = ReceiptInfo(from_text(winner_at), winner_by, winner_workstation)
    return StoredReceipt(
        receipt_id=receipt_id,
        version=version,
        token_sha256=token_sha256,
        proof=proof,
        package_id=package_id,
        order_id=order_id,
        state=ReceiptState(state),
        provisional=bool(provisional),
        attempts=attempts,
        last_error=last_error,
        problem_type=problem_type,
        sent_version=sent_version,
        confirmed_version=confirmed_version,
        received_at=from_text(received_at),
        received_by=received_by,
        workstation_id=workstation_id,
        condition=Condition(condition),
        note=note,
        override_by=override_by,
        created_at=from_text(created_at),
        updated_at=from_text(updated_at),
        winner=winner,
        resolved_at=optional_time(resolved_at),
        resolved_by=resolved_by,
        resolution_note=resolution_note,
        override_note=override_note,
    )


class Outbox:
    """The receipts table of one workstation's store."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        clock: Callable[[], datetime],
        workstation_id: str,
    ) -> None:
        self._connection = connection
        self._clock = clock
        self._workstation_id = workstation_id

    # Reading

    def get(self, receipt_id: str) -> StoredReceipt | None:
        """The receipt with this id, if there is one."""
        row = self._connection.execute(
            f"{_SELECT} WHERE receipt_id = ?", (receipt_id,)
        ).fetchone()
        return None if row is None else _from_row(row)

    def _require(self, receipt_id: str) -> StoredReceipt:
        found = self.get(receipt_id)
        if found is None:
            raise UnknownReceipt(receipt_id)
        return found

    def live_for(self, token_digest: str) -> StoredReceipt | None:
        """The newest receipt of this package that was not refused."""
        row = self._connection.execute(
            f"{_SELECT} WHERE token_sha256 = ? AND {_LIVE}"
            " ORDER BY created_at DESC LIMIT 1",
            (token_digest,),
        ).fetchone()
        return None if row is None else _from_row(row)

    def live_infos_for_order(self, order_id: str) -> dict[str, ReceiptInfo]:
        """Live receipts of a cached order's packages, by token digest."""
        rows = self._connection.execute(
            f"{_SELECT} WHERE {_LIVE} AND token_sha256 IN"
            " (SELECT token_sha256 FROM packages WHERE order_id = ?)",
            (order_id,),
        ).fetchall()
        return {
            receipt.token_sha256: receipt.as_info() for receipt in map(_from_row, rows)
        }

    def next_batch(self, limit: int) -> list[StoredReceipt]:
        """Up to `limit` queued receipts, oldest first."""
        rows = self._connection.execute(
            f"{_SELECT} WHERE state = 'queued' ORDER BY created_at, rowid LIMIT ?",
            (limit,),
        ).fetchall()
        return [_from_row(row) for row in rows]

    def counts(self) -> dict[ReceiptState, int]:
        """How many receipts are in each state (every state, zeros included)."""
        found = dict(
            self._connection.execute(
                "SELECT state, count(*) FROM receipts GROUP BY state"
            ).fetchall()
        )
        return {state: int(found.get(state.value, 0)) for state in ReceiptState}

    def oldest_undelivered_at(self) -> datetime | None:
        """When the oldest receipt still waiting for the server was made."""
        (oldest,) = self._connection.execute(
            f"SELECT min(created_at) FROM receipts WHERE {_UNDELIVERED}"
        ).fetchone()
        return None if oldest is None else from_text(oldest)

    def received_on(self, day: date, tz: tzinfo = UTC) -> list[StoredReceipt]:
        """Every receipt made on `day` as the clock of `tz` reads it."""
        start = datetime.combine(day, time(), tz)
        end = datetime.combine(day + timedelta(days=1), time(), tz)
        rows = self._connection.execute(
            f"{_SELECT} WHERE received_at >= ? AND received_at < ?"
            " ORDER BY received_at",
            (to_text(start), to_text(end)),
        ).fetchall()
        return [_from_row(row) for row in rows]

    def needing_attention(self) -> list[StoredReceipt]:
        """Refused, lost to another receipt, or provisional and unconfirmed."""
        rows = self._connection.execute(
            f"{_SELECT} WHERE {_ATTENTION} ORDER BY created_at, rowid"
        ).fetchall()
        return [_from_row(row) for row in rows]

    def attention_count(self) -> int:
        """How many receipts need attention, without reading them."""
        row = self._connection.execute(
            f"SELECT count(*) FROM receipts WHERE {_ATTENTION}"
        ).fetchone()
        return int(row[0])

    # Writing

    def receive(self, draft: ReceiptDraft) -> StoredReceipt:
        """Queue a new receipt at version 1 with its audit entry, and commit."""
        draft.validate()
        now = self._clock()

        with transaction(self._connection) as connection:
            self._refuse_duplicate(draft)
            connection.execute(
                "INSERT INTO receipts (receipt_id, version, token_sha256, proof,"
                " package_id, order_id, state, provisional, received_at, received_by,"
                " workstation_id, condition, note, override_by, override_note,"
                " created_at, updated_at) VALUES (?, 1, ?, ?, ?, ?, 'queued', ?, ?, ?,"
                " ?, ?, ?, ?, ?, ?, ?)",
                (
                    draft.receipt_id,
                    draft.token_sha256,
                    draft.proof,
                    draft.package_id,
                    draft.order_id,
                    int(draft.provisional),
                    to_text(draft.received_at),
                    draft.received_by,
                    self._workstation_id,
                    draft.condition.value,
                    draft.note,
                    draft.override_by,
                    draft.override_note,
                    to_text(now),
                    to_text(now),
                ),
            )
            audit.append(
                connection,
                now,
                draft.received_by,
                "receipt",
                draft.receipt_id,
                {
                    "version": 1,
                    "token_sha256": draft.token_sha256,
                    "package_id": draft.package_id,
                    "order_id": draft.order_id,
                    "received_at": to_text(draft.received_at),
                    "workstation_id": self._workstation_id,
                    "condition": draft.condition.value,
                    "note": draft.note,
                    "override_by": draft.override_by,
                    "provisional": draft.provisional,
                },
            )
            if draft.override_by is not None:
                audit.append(
                    connection,
                    now,
                    draft.override_by,
                    "override",
                    draft.receipt_id,
                    {
                        "result": "accepted",
                        "received_by": draft.received_by,
                        "package_id": draft.package_id,
                        "note": draft.override_note,
                    },
                )

        logger.info("Receipt %s queued", draft.receipt_id)
        return self._require(draft.receipt_id)

    def _refuse_duplicate(self, draft: ReceiptDraft) -> None:
        same_id = self.get(draft.receipt_id)
        if same_id is not None:
            raise DuplicateReceipt(
                f"The receipt id {draft.receipt_id} is already in the store.", same_id
            )
        live = self.live_for(draft.token_sha256)
        if live is not None:
            raise DuplicateReceipt(
                f"This package already has receipt {live.receipt_id}, made by "
                f"{live.received_by} at {to_text(live.received_at)}; no second "
                "receipt was made.",
                live,
            )

    def amend(
        self, receipt_id: str, *, condition: Condition, note: str, actor: str
    ) -> StoredReceipt:
        """Change condition and note as a new version, queued to be sent again.

        An amendment that changes nothing makes no new version.
        """
        validate_note(note)
        now = self._clock()

        with transaction(self._connection) as connection:
            current = self._require(receipt_id)
            if current.state in (ReceiptState.REFUSED, ReceiptState.ALREADY_RECEIVED):
                raise ReceiptStateError(
                    f"Receipt {receipt_id} cannot be amended: it is "
                    f"{current.state.value.replace('_', ' ')}."
                )
            if current.condition is condition and current.note == note:
                return current
            version = current.version + 1
            connection.execute(
                "UPDATE receipts SET version = ?, condition = ?, note = ?,"
                " state = 'queued', updated_at = ? WHERE receipt_id = ?",
                (version, condition.value, note, to_text(now), receipt_id),
            )
            audit.append(
                connection,
                now,
                actor,
                "amend",
                receipt_id,
                {
                    "version": version,
                    "condition": condition.value,
                    "note": note,
                    "previous_condition": current.condition.value,
                    "previous_note": current.note,
                },
            )

        logger.info("Receipt %s amended to version %d", receipt_id, version)
        return self._require(receipt_id)

    def mark_sent(self, receipts: Sequence[tuple[str, int]]) -> None:
        """Record that these versions went out; a current version becomes sent."""
        now = to_text(self._clock())
        with transaction(self._connection) as connection:
            for receipt_id, version in receipts:
                updated = connection.execute(
                    "UPDATE receipts SET attempts = attempts + 1, sent_version = ?,"
                    " state = CASE WHEN version = ? AND state IN ('queued', 'sent')"
                    " THEN 'sent' ELSE state END, updated_at = ?"
                    " WHERE receipt_id = ?",
                    (version, version, now, receipt_id),
                ).rowcount
                if updated == 0:
                    raise UnknownReceipt(receipt_id)

    def apply_result(
        self, receipt_id: str, version: int, outcome: ReceiptOutcome
    ) -> None:
        """Record the server's answer for one version of a receipt."""
        now = self._clock()
        with transaction(self._connection) as connection:
            current = self._require(receipt_id)
            changes = _changes_for(current, version, outcome)
            assignments = ", ".join(f"{column} = ?" for column in changes)
            connection.execute(
                f"UPDATE receipts SET {assignments}, updated_at = ?"
                " WHERE receipt_id = ?",
                (*changes.values(), to_text(now), receipt_id),
            )
            details: dict[str, object] = {
                "version": version,
                "status": outcome.status.value,
                "state": changes.get("state", current.state.value),
            }
            if outcome.problem is not None:
                details["problem"] = outcome.problem.type
            if outcome.winner is not None:
                details["winner"] = outcome.winner.received_by
                details["winner_workstation_id"] = outcome.winner.workstation_id
            audit.append(
                connection, now, SERVER_ACTOR, "receipt_result", receipt_id, details
            )

    def requeue(self, receipt_ids: Sequence[str], *, reason: str) -> int:
        """Queue these sent receipts again (their answer was lost); how many."""
        now = to_text(self._clock())
        with transaction(self._connection) as connection:
            return sum(
                connection.execute(
                    "UPDATE receipts SET state = 'queued', last_error = ?,"
                    " updated_at = ? WHERE receipt_id = ? AND state = 'sent'",
                    (reason, now, receipt_id),
                ).rowcount
                for receipt_id in receipt_ids
            )

    def requeue_in_flight(self) -> int:
        """Queue again every receipt left 'sent' by an earlier run."""
        now = self._clock()
        with transaction(self._connection) as connection:
            count = connection.execute(
                "UPDATE receipts SET state = 'queued', updated_at = ?"
                " WHERE state = 'sent'",
                (to_text(now),),
            ).rowcount
            if count:
                audit.append(
                    connection,
                    now,
                    SYSTEM_ACTOR,
                    "requeue",
                    self._workstation_id,
                    {"count": count},
                )
        if count:
            logger.info("%d receipts were in flight and are queued again", count)
        return count

    def resolve(self, receipt_id: str, *, actor: str, note: str) -> None:
        """Mark a receipt that needs attention as dealt with by a person."""
        now = self._clock()
        with transaction(self._connection) as connection:
            current = self._require(receipt_id)
            if not current.needs_attention:
                raise ReceiptStateError(
                    f"Receipt {receipt_id} does not need attention; nothing to resolve."
                )
            connection.execute(
                "UPDATE receipts SET resolved_at = ?, resolved_by = ?,"
                " resolution_note = ?, updated_at = ? WHERE receipt_id = ?",
                (to_text(now), actor, note, to_text(now), receipt_id),
            )
            audit.append(
                connection,
                now,
                actor,
                "resolve",
                receipt_id,
                {"state": current.state.value, "note": note},
            )


def _changes_for(
    current: StoredReceipt, version: int, outcome: ReceiptOutcome
) -> dict[str, object]:
    # Which columns the server's answer about `version` changes.
    status = outcome.status
    if status in (ResultStatus.REGISTERED, ResultStatus.REPLAYED):
        confirmed = max(current.confirmed_version or 0, version)
        changes: dict[str, object] = {"confirmed_version": confirmed}
        if confirmed >= current.version:
            changes.update(state="registered", last_error=None, problem_type=None)
        elif not (
            current.state is ReceiptState.SENT
            and current.sent_version == current.version
        ):
            # Amended after this version went out: the new one still has to go.
            changes["state"] = "queued"
        return changes

    if status is ResultStatus.ALREADY_RECEIVED:
        winner = outcome.winner
        if winner is None:
            raise ValueError("an already_received result must name the winner")
        return {
            "state": "already_received",
            "winner_received_at": to_text(winner.received_at),
            "winner_received_by": winner.received_by,
            "winner_workstation_id": winner.workstation_id,
            "last_error": None,
            "problem_type": None,
        }

    if status is ResultStatus.REFUSED:
        problem = outcome.problem
        error = "refused by the server"
        if problem is not None:
            error = problem.title + (f": {problem.detail}" if problem.detail else "")
        changes = {
            "last_error": error,
            "problem_type": None if problem is None else problem.type,
        }
        if version >= current.version:
            changes["state"] = "refused"
        return changes

    # in_progress: the server is still busy with this id; send it again later.
    changes = {"last_error": "the server was still processing it"}
    if current.state is ReceiptState.SENT:
        changes["state"] = "queued"
    return changes
