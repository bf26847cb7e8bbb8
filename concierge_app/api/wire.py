"""JSON of the contract to domain types and back, checked as it is read.

Anything that does not follow `resources/openapi.yaml` raises
`ProtocolError` naming the field, so a change on the platform's side shows
up as one clear line in the support log, not as a KeyError deep in sync.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from concierge_app.api.errors import ProtocolError
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
from concierge_app.domain.signed_label import ALGORITHM, LabelKey

_BASE64URL = re.compile(r"[A-Za-z0-9_-]{1,200}")


@dataclass(frozen=True, slots=True)
class UserInfo:
    """Who logged in, as the Authentication service describes them."""

    username: str
    display_name: str
    role: str
    facility: Facility
    facility_name: str


def _field(data: Mapping[str, Any], name: str, kind: type, where: str) -> Any:
    value = data.get(name) if isinstance(data, Mapping) else None
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ProtocolError(f"{where}.{name}: expected {kind.__name__}")
    return value


def _optional(data: Mapping[str, Any], name: str, kind: type, where: str) -> Any:
    if data.get(name) is None:
        return None
    return _field(data, name, kind, where)


def parse_time(value: str, where: str) -> datetime:
    """An RFC 3339 time with its offset; naive times break the contract."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as error:
        raise ProtocolError(f"{where}: not an RFC 3339 time") from error
    if parsed.tzinfo is None:
        raise ProtocolError(f"{where}: time without an offset")
    return parsed


def format_time(value: datetime) -> str:
    """The contract's time form: UTC with offset and microseconds."""
    return value.isoformat(timespec="microseconds")


def _enum(enum_type: Any, value: str, where: str) -> Any:
    try:
        return enum_type(value)
    except ValueError as error:
        raise ProtocolError(f"{where}: unknown value {value[:40]!r}") from error


def facility_from_json(data: Any, where: str = "facility") -> Facility:
    """A facility object: tenant and partner."""
    return Facility(
        tenant=_field(data, "tenant", int, where),
        partner=_field(data, "partner", int, where),
    )


def receipt_info_from_json(data: Any, where: str) -> ReceiptInfo:
    """A package's receipt as published in orders."""
    return ReceiptInfo(
        received_at=parse_time(_field(data, "received_at", str, where), where),
        received_by=_field(data, "received_by", str, where),
        workstation_id=_field(data, "workstation_id", str, where),
        condition=_enum(Condition, data.get("condition", "intact"), where),
    )


def order_from_json(data: Any) -> Order:
    """One order with its fulfillments, captures and packages."""
    order_id = _field(data, "order_id", str, "order")
    where = f"order {order_id}"
    fulfillments = []
    for item in _field(data, "fulfillments", list, where):
        fulfillments.append(_fulfillment(item, where))
    return Order(
        order_id=order_id,
        facility=facility_from_json(_field(data, "facility", dict, where), where),
        recipient=_field(data, "recipient", str, where),
        updated_at=parse_time(_field(data, "updated_at", str, where), where),
        fulfillments=tuple(fulfillments),
    )


def _fulfillment(data: Any, where: str) -> Fulfillment:
    fulfillment_id = _field(data, "fulfillment_id", str, where)
    where = f"{where} fulfillment {fulfillment_id}"
    capture = _field(data, "capture", dict, where)
    captured_at = _optional(capture, "captured_at", str, where)
    packages = tuple(
        _package(item, where) for item in _field(data, "packages", list, where)
    )
    return Fulfillment(
        fulfillment_id=fulfillment_id,
        status=_enum(FulfillmentStatus, _field(data, "status", str, where), where),
        capture=Capture(
            status=_enum(CaptureStatus, _field(capture, "status", str, where), where),
            captured_at=parse_time(captured_at, where) if captured_at else None,
            amount_minor=_field(capture, "amount_minor", int, where),
            currency=_field(capture, "currency", str, where),
            manna_issued=_field(capture, "manna_issued", bool, where),
        ),
        packages=packages,
    )


def _package(data: Any, where: str) -> Package:
    package_id = _field(data, "package_id", str, where)
    where = f"{where} package {package_id}"
    receipt = _optional(data, "receipt", dict, where)
    return Package(
        package_id=package_id,
        number=_field(data, "number", int, where),
        count=_field(data, "count", int, where),
        token_digest=_field(data, "token_sha256", str, where),
        receipt=receipt_info_from_json(receipt, where) if receipt else None,
    )


def user_from_json(data: Any) -> UserInfo:
    """The `user` and `facility` members of a token answer."""
    user = _field(data, "user", dict, "token")
    facility = _field(data, "facility", dict, "token")
    return UserInfo(
        username=_field(user, "username", str, "user"),
        display_name=_field(user, "display_name", str, "user"),
        role=_field(user, "role", str, "user"),
        facility=facility_from_json(facility),
        facility_name=_field(facility, "name", str, "facility"),
    )


def label_keys_from_json(data: Any) -> list[LabelKey]:
    """The answer of GET /label-keys: every key with its validity."""
    keys = []
    for item in _field(data, "keys", list, "label keys"):
        key_id = _field(item, "key_id", str, "label key")
        where = f"label key {key_id[:40]!r}"
        if _field(item, "algorithm", str, where) != ALGORITHM:
            raise ProtocolError(f"{where}: algorithm is not {ALGORITHM}")
        text = _field(item, "public_key", str, where)
        if not _BASE64URL.fullmatch(text):
            raise ProtocolError(f"{where}.public_key: not base64url")
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        except (binascii.Error, ValueError) as error:
            raise ProtocolError(f"{where}.public_key: not base64url") from error
        not_after = _optional(item, "not_after", str, where)
        try:
            keys.append(
                LabelKey(
                    key_id=key_id,
                    public_key=raw,
                    not_before=parse_time(
                        _field(item, "not_before", str, where), where
                    ),
                    not_after=parse_time(not_after, where) if not_after else None,
                )
            )
        except ValueError as error:
            raise ProtocolError(f"{where}: {error}") from error
    return keys
