"""The receiving domain as small immutable types (DESIGN.md section 2).

These carry what the desk knows about an order, whatever told it: the local
cache, the partner API, or the sandbox's seed.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True, order=True)
class Facility:
    """Where goods are received: a tenant plus the partner that originated the order."""

    tenant: int
    partner: int

    def __str__(self) -> str:
        return f"{self.tenant}/{self.partner}"


class CaptureStatus(enum.StrEnum):
    """The state of a fulfillment's payment capture."""

    PENDING = "pending"
    CAPTURED = "captured"
    FAILED = "failed"
    VOIDED = "voided"
    REFUNDED = "refunded"


class FulfillmentStatus(enum.StrEnum):
    """Whether a shipment is still on its way or was called off."""

    ACTIVE = "active"
    CANCELLED = "cancelled"


class Condition(enum.StrEnum):
    """The condition of a package when the desk took it in."""

    INTACT = "intact"
    DAMAGED = "damaged"


class ReceiptState(enum.StrEnum):
    """Where a receipt stands between the desk and the partner platform."""

    QUEUED = "queued"
    SENT = "sent"
    REGISTERED = "registered"
    ALREADY_RECEIVED = "already_received"
    REFUSED = "refused"


class ResultStatus(enum.StrEnum):
    """The platform's answer for one receipt it was sent; the values are wire names."""

    REGISTERED = "registered"
    REPLAYED = "replayed"
    ALREADY_RECEIVED = "already_received"
    IN_PROGRESS = "in_progress"
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class Capture:
    """The payment capture of one fulfillment."""

    status: CaptureStatus
    captured_at: datetime | None
    amount_minor: int
    currency: str
    manna_issued: bool


@dataclass(frozen=True, slots=True)
class ReceiptInfo:
    """A receipt as others see it: when, by whom, and at which workstation."""

    received_at: datetime
    received_by: str
    workstation_id: str
    condition: Condition = Condition.INTACT


@dataclass(frozen=True, slots=True)
class Package:
    """One parcel of a fulfillment: number k of n, with its token's digest."""

    package_id: str
    number: int
    count: int
    token_digest: str
    receipt: ReceiptInfo | None = None


@dataclass(frozen=True, slots=True)
class Fulfillment:
    """One shipment of part or all of an order, with its capture and packages."""

    fulfillment_id: str
    status: FulfillmentStatus
    capture: Capture
    packages: tuple[Package, ...]


@dataclass(frozen=True, slots=True)
class Order:
    """A customer's cart at a facility, with every fulfillment shipped so far."""

    order_id: str
    facility: Facility
    recipient: str
    updated_at: datetime
    fulfillments: tuple[Fulfillment, ...]

    def find_package(self, token_digest: str) -> tuple[Fulfillment, Package] | None:
        """The fulfillment and package whose token has this digest, if any."""
        for fulfillment in self.fulfillments:
            for package in fulfillment.packages:
                if package.token_digest == token_digest:
                    return fulfillment, package
        return None
