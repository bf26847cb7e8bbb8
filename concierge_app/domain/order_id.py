"""The order identifier `tenant-YYMM-partner-sequence`: parse, validate, format.

A parse error names the segment that is wrong, so the desk can say exactly
what to fix instead of "invalid id".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SEGMENTS = ("tenant", "YYMM", "ext_partner_id", "sequence")

_POSITIVE_INT = re.compile(r"[1-9][0-9]{0,8}")
_YYMM = re.compile(r"[0-9]{4}")
_SEQUENCE = re.compile(r"[0-9]{6}")


class OrderIdError(ValueError):
    """An order id that does not parse; `segment` names the part at fault."""

    def __init__(self, segment: str, reason: str) -> None:
        self.segment = segment
        self.reason = reason
        super().__init__(f"order id: {segment} {reason}")


@dataclass(frozen=True, slots=True, order=True)
class OrderId:
    """One order's identifier; `str()` gives the canonical form."""

    tenant: int
    year: int
    month: int
    partner: int
    sequence: int

    def __post_init__(self) -> None:
        if self.tenant < 1:
            raise OrderIdError("tenant", "must be a positive integer")
        if not 0 <= self.year <= 99:
            raise OrderIdError("YYMM", "year must be two digits")
        if not 1 <= self.month <= 12:
            raise OrderIdError("YYMM", f"month {self.month:02d} is not 01-12")
        if self.partner < 1:
            raise OrderIdError("ext_partner_id", "must be a positive integer")
        if not 1 <= self.sequence <= 999_999:
            raise OrderIdError("sequence", "must be 000001 to 999999")

    def __str__(self) -> str:
        return (
            f"{self.tenant}-{self.year:02d}{self.month:02d}"
            f"-{self.partner}-{self.sequence:06d}"
        )


def parse_order_id(text: str) -> OrderId:
    """Parse the canonical form exactly; raise `OrderIdError` naming the segment."""
    if text != text.strip():
        raise OrderIdError("order id", "has leading or trailing whitespace")

    parts = text.split("-")
    if len(parts) < len(SEGMENTS):
        missing = SEGMENTS[len(parts)]
        raise OrderIdError(
            missing, "is missing (expected tenant-YYMM-partner-sequence)"
        )
    if len(parts) > len(SEGMENTS):
        raise OrderIdError("order id", "has more than four segments")

    tenant, yymm, partner, sequence = parts
    if not _POSITIVE_INT.fullmatch(tenant):
        raise OrderIdError("tenant", f"{tenant!r} is not a positive integer")
    if not _YYMM.fullmatch(yymm):
        raise OrderIdError("YYMM", f"{yymm!r} is not four digits")
    if not _POSITIVE_INT.fullmatch(partner):
        raise OrderIdError("ext_partner_id", f"{partner!r} is not a positive integer")
    if not _SEQUENCE.fullmatch(sequence):
        raise OrderIdError("sequence", f"{sequence!r} is not six digits")

    return OrderId(
        tenant=int(tenant),
        year=int(yymm[:2]),
        month=int(yymm[2:]),
        partner=int(partner),
        sequence=int(sequence),
    )


def looks_like_order_id(text: str) -> bool:
    """True when the text has the order id's shape, valid or not."""
    return re.fullmatch(r"[0-9A-Za-z]+(-[0-9A-Za-z]+){3}", text) is not None and any(
        c.isdigit() for c in text
    )
