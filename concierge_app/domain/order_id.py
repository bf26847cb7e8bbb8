"""The order identifier `tenant-YYMM-partner-sequence`: parse, validate, format.

A parse error names the segment that is wrong, so the desk can say exactly
what to fix instead of "invalid id". Its `reason` is a `Phrase`, so the desk
shows it in its own language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from concierge_app.domain.phrases import Phrase

SEGMENTS = ("tenant", "YYMM", "ext_partner_id", "sequence")

_POSITIVE_INT = re.compile(r"[1-9][0-9]{0,8}")
_YYMM = re.compile(r"[0-9]{4}")
_SEQUENCE = re.compile(r"[0-9]{6}")


class OrderIdError(ValueError):
    """An order id that does not parse; `segment` names the part at fault."""

    def __init__(self, segment: str, reason: Phrase) -> None:
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
            raise OrderIdError("tenant", Phrase("order_id.not_positive"))
        if not 0 <= self.year <= 99:
            raise OrderIdError("YYMM", Phrase("order_id.year_digits"))
        if not 1 <= self.month <= 12:
            raise OrderIdError(
                "YYMM", Phrase("order_id.bad_month", month=f"{self.month:02d}")
            )
        if self.partner < 1:
            raise OrderIdError("ext_partner_id", Phrase("order_id.not_positive"))
        if not 1 <= self.sequence <= 999_999:
            raise OrderIdError("sequence", Phrase("order_id.sequence_range"))

    def __str__(self) -> str:
        return (
            f"{self.tenant}-{self.year:02d}{self.month:02d}"
            f"-{self.partner}-{self.sequence:06d}"
        )


def parse_order_id(text: str) -> OrderId:
    """Parse the canonical form exactly; raise `OrderIdError` naming the segment."""
    if text != text.strip():
        raise OrderIdError("order id", Phrase("order_id.whitespace"))

    parts = text.split("-")
    if len(parts) < len(SEGMENTS):
        missing = SEGMENTS[len(parts)]
        raise OrderIdError(missing, Phrase("order_id.missing"))
    if len(parts) > len(SEGMENTS):
        raise OrderIdError("order id", Phrase("order_id.too_many"))

    tenant, yymm, partner, sequence = parts
    if not _POSITIVE_INT.fullmatch(tenant):
        raise OrderIdError(
            "tenant", Phrase("order_id.value_not_positive", value=repr(tenant))
        )
    if not _YYMM.fullmatch(yymm):
        raise OrderIdError("YYMM", Phrase("order_id.not_four_digits", value=repr(yymm)))
    if not _POSITIVE_INT.fullmatch(partner):
        raise OrderIdError(
            "ext_partner_id",
            Phrase("order_id.value_not_positive", value=repr(partner)),
        )
    if not _SEQUENCE.fullmatch(sequence):
        raise OrderIdError(
            "sequence", Phrase("order_id.not_six_digits", value=repr(sequence))
        )

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
