"""The receipt as the outbox keeps it, and what the server said about it.

`ReceiptDraft` is what the desk hands over when a scan is accepted;
`StoredReceipt` is a row of the outbox; `ReceiptOutcome` is one result of a
POST /receipts answer, already read from the wire by the layer above.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime

from concierge_app.domain.model import (
    Condition,
    ReceiptInfo,
    ReceiptState,
    ResultStatus,
)
from concierge_app.store.errors import InvalidReceipt

NOTE_MAX_LENGTH = 500
_HEX64 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class ReceiptDraft:
    """A new receipt, before it is stored: everything POST /receipts needs.

    `package_id` and `order_id` are None when the desk does not know them:
    a provisional receipt names a package the cache has never seen.
    """

    receipt_id: str
    token_sha256: str
    proof: str = field(repr=False)
    package_id: str | None
    order_id: str | None
    received_by: str
    received_at: datetime
    condition: Condition = Condition.INTACT
    note: str = ""
    override_by: str | None = None
    provisional: bool = False
    override_note: str | None = None

    @staticmethod
    def new_id() -> str:
        """A fresh receipt id (a random UUID), also the idempotency key."""
        return str(uuid.uuid4())

    def validate(self) -> None:
        """Raise `InvalidReceipt` when the draft breaks the wire contract."""
        try:
            parsed = uuid.UUID(self.receipt_id)
        except (ValueError, AttributeError, TypeError):
            raise InvalidReceipt(
                f"The receipt id {self.receipt_id!r} is not a UUID."
            ) from None
        if str(parsed) != self.receipt_id:
            raise InvalidReceipt(
                f"The receipt id {self.receipt_id!r} is not in canonical form "
                f"(expected {parsed})."
            )
        if not _HEX64.fullmatch(self.token_sha256):
            raise InvalidReceipt("The token digest is not 64 lower-case hex digits.")
        if not _HEX64.fullmatch(self.proof):
            raise InvalidReceipt("The receipt proof is not 64 lower-case hex digits.")
        if not self.received_by.strip():
            raise InvalidReceipt("A receipt needs the username who received it.")
        if self.received_at.tzinfo is None or self.received_at.utcoffset() is None:
            raise InvalidReceipt("The time of receipt must carry its UTC offset.")
        validate_note(self.note)
        if self.override_by is not None and not (self.override_note or "").strip():
            raise InvalidReceipt("A supervisor override needs a note saying why.")
        if self.override_note is not None:
            validate_note(self.override_note)


def validate_note(note: str) -> None:
    """Raise `InvalidReceipt` for a note longer than the contract allows."""
    if len(note) > NOTE_MAX_LENGTH:
        raise InvalidReceipt(
            f"The note has {len(note)} characters; at most {NOTE_MAX_LENGTH} fit."
        )


@dataclass(frozen=True, slots=True)
class StoredReceipt:
    """One receipt of the outbox, at its current version."""

    receipt_id: str
    version: int
    token_sha256: str
    proof: str = field(repr=False)
    package_id: str | None
    order_id: str | None
    state: ReceiptState
    provisional: bool
    attempts: int
    last_error: str | None
    problem_type: str | None
    sent_version: int | None
    confirmed_version: int | None
    received_at: datetime
    received_by: str
    workstation_id: str
    condition: Condition
    note: str
    override_by: str | None
    created_at: datetime
    updated_at: datetime
    winner: ReceiptInfo | None
    resolved_at: datetime | None
    resolved_by: str | None
    resolution_note: str | None
    override_note: str | None = None

    @property
    def confirmed(self) -> bool:
        """True once the server has registered the current version."""
        return self.confirmed_version is not None and (
            self.confirmed_version >= self.version
        )

    @property
    def needs_attention(self) -> bool:
        """Refused, lost to another receipt, or provisional and unconfirmed."""
        if self.resolved_at is not None:
            return False
        if self.state in (ReceiptState.REFUSED, ReceiptState.ALREADY_RECEIVED):
            return True
        return self.provisional and self.confirmed_version is None

    def as_info(self) -> ReceiptInfo:
        """The package's receipt as the verdict sees it: the winner's, if we lost."""
        if self.winner is not None:
            return self.winner
        return ReceiptInfo(
            received_at=self.received_at,
            received_by=self.received_by,
            workstation_id=self.workstation_id,
            condition=self.condition,
        )


@dataclass(frozen=True, slots=True)
class Problem:
    """Why the server refused a receipt (an RFC 9457 problem)."""

    type: str
    title: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class ReceiptOutcome:
    """One result of a POST /receipts answer.

    `problem` comes with `refused`, `winner` with `already_received`.
    """

    status: ResultStatus
    problem: Problem | None = None
    winner: ReceiptInfo | None = None
