"""Small pieces of the wire format shared by the sandbox's state and routes.

Times travel as RFC 3339 in UTC with microseconds; inside the sandbox they
are integer microseconds since the epoch, which sort and compare exactly.
"""

from __future__ import annotations

import hashlib
import json
import time
from datetime import UTC, datetime

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def now_us() -> int:
    """The wall clock in microseconds since the epoch."""
    return time.time_ns() // 1000


def iso(us: int) -> str:
    """Microseconds since the epoch as the contract's time format."""
    return datetime.fromtimestamp(us / 1_000_000, UTC).strftime(
        "%Y-%m-%dT%H:%M:%S.%f+00:00"
    )


def to_us(moment: datetime) -> int:
    """A timezone-aware datetime as microseconds since the epoch."""
    delta = moment - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def parse_time(text: str) -> int:
    """Read an RFC 3339 time with an offset; raise ValueError otherwise."""
    if not isinstance(text, str) or len(text) > 40 or "T" not in text.upper():
        raise ValueError("not an RFC 3339 date-time")
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("the time has no UTC offset")
    return to_us(moment)


def fingerprint(
    *,
    token_sha256: str,
    received_us: int,
    received_by: str,
    workstation_id: str,
    condition: str,
    note: str,
    override_by: str | None,
    override_note: str | None = None,
) -> str:
    """A digest of one receipt version's payload, to tell a replay from a reuse."""
    payload = json.dumps(
        [
            token_sha256,
            received_us,
            received_by,
            workstation_id,
            condition,
            note,
            override_by,
            override_note,
        ],
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
