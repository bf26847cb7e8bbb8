"""Shared set-up for the store tests: a clock we move by hand, and real data.

Tokens are made with the domain's own scheme so that digests and proofs are
the real thing; the tests hand the store only digests and proofs, never a
token.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from concierge_app.domain import token
from concierge_app.domain.model import (
    Capture,
    CaptureStatus,
    Condition,
    Facility,
    Fulfillment,
    FulfillmentStatus,
    Order,
    Package,
    ReceiptInfo,
)
from concierge_app.store import ReceiptDraft, Store

START = datetime(2026, 3, 14, 10, 30, tzinfo=UTC)
FACILITY = Facility(1, 1)


class Clock:
    """A clock that only moves when a test says so."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@dataclass
class Shipment:
    """An order built for a test, with the tokens printed on its packages."""

    order: Order
    tokens: list[str] = field(default_factory=list)

    @property
    def digests(self) -> list[str]:
        return [token.digest(each) for each in self.tokens]


def make_order(
    sequence: int,
    *,
    packages: int = 2,
    updated_at: datetime = START,
    recipient: str = "Ms Rossi",
    receipt: ReceiptInfo | None = None,
    capture: CaptureStatus = CaptureStatus.CAPTURED,
) -> Shipment:
    """An order with one fulfillment of `packages` packages and fresh tokens."""
    order_id = f"1-2603-1-{sequence:06d}"
    tokens = [token.generate() for _ in range(packages)]
    fulfillment = Fulfillment(
        fulfillment_id=f"F-{sequence:06d}-1",
        status=FulfillmentStatus.ACTIVE,
        capture=Capture(capture, START - timedelta(days=1), 125000, "EUR", True),
        packages=tuple(
            Package(
                package_id=f"P-{sequence:06d}-1-{number}",
                number=number,
                count=packages,
                token_digest=token.digest(each),
                receipt=receipt if number == 1 else None,
            )
            for number, each in enumerate(tokens, start=1)
        ),
    )
    order = Order(order_id, FACILITY, recipient, updated_at, (fulfillment,))
    return Shipment(order, tokens)


def make_draft(
    printed: str,
    *,
    package_id: str | None = "P-000001-1-1",
    order_id: str | None = "1-2603-1-000001",
    received_at: datetime = START,
    received_by: str = "anna",
    condition: Condition = Condition.INTACT,
    note: str = "",
    override_by: str | None = None,
    override_note: str | None = None,
    provisional: bool = False,
) -> ReceiptDraft:
    """A draft for the package whose label reads `printed`, as the desk makes it."""
    receipt_id = ReceiptDraft.new_id()
    return ReceiptDraft(
        receipt_id=receipt_id,
        token_sha256=token.digest(printed),
        proof=token.receipt_proof(printed, receipt_id),
        package_id=package_id,
        order_id=order_id,
        received_by=received_by,
        received_at=received_at,
        condition=condition,
        note=note,
        override_by=override_by,
        override_note=override_note
        or ("Manna papers follow" if override_by is not None else None),
        provisional=provisional,
    )


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path, clock: Clock) -> Iterator[Store]:
    with Store.open(data_dir, clock=clock) as opened:
        yield opened
